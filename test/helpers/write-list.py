"""Writes a synthetic household list with openpyxl (another writer than the tool's own exceljs).

Usage: write-list.py SPEC.json OUT.xlsx, where SPEC is {"sheets": [{"name", "rows", "merges"}]}:
rows are lists of cells (text, number or null), merges A1 ranges ("A3:A4"), "hidden" true for a
hidden sheet, "hiddenColumns" the letters of hidden columns. Test data only.
"""
import json
import sys

from openpyxl import Workbook

spec = json.load(open(sys.argv[1], encoding="utf-8"))
wb = Workbook()
wb.remove(wb.active)
for s in spec["sheets"]:
    ws = wb.create_sheet(s["name"])
    for row in s["rows"]:
        ws.append(row)
    for m in s.get("merges", []):
        ws.merge_cells(m)
    for c in s.get("hiddenColumns", []):
        ws.column_dimensions[c].hidden = True
    if s.get("hidden"):
        ws.sheet_state = "hidden"
wb.save(sys.argv[2])
