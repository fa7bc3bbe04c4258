/**
 * A copy of a shipped workbook with some cells of every sheet changed, saved by openpyxl when it
 * is installed (another writer than ours; CI installs it), else by exceljs. openpyxl keeps the
 * values formulas had (it computes none itself), so the copy holds figures, not formulas.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { hasOpenpyxl } from './write-list.js';

/** A cell to set: 1-based row and column, as openpyxl and exceljs count; in every sheet or one. */
export interface CellEdit {
  row: number;
  col: number;
  /** The text to write; null empties the cell. */
  value: string | null;
  sheet?: string;
}

/** Writes `dest`: `source` with `edits` made in each of its sheets (or the one they name). */
export async function withCellsEdited(
  source: string,
  dest: string,
  edits: readonly CellEdit[],
): Promise<string> {
  mkdirSync(path.dirname(dest), { recursive: true });
  if (hasOpenpyxl()) {
    const script = [
      'import sys, json, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1], data_only=True)',
      'for ws in wb.worksheets:',
      '    for e in json.loads(sys.argv[3]):',
      '        if e.get("sheet", ws.title) == ws.title:',
      '            ws.cell(row=e["row"], column=e["col"]).value = e["value"]',
      'wb.save(sys.argv[2])',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script, source, dest, JSON.stringify(edits)]);
    if (r.status !== 0) throw new Error(r.stderr.toString());
    return dest;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  for (const ws of wb.worksheets)
    for (const e of edits)
      if ((e.sheet ?? ws.name) === ws.name) ws.getCell(e.row, e.col).value = e.value;
  await wb.xlsx.writeFile(dest);
  return dest;
}

/** Copies made by {@link freshCopyPath} in this test process. */
let copies = 0;

/**
 * A path for a new edited copy of `source` in `folder`: a folder of its own for each copy, the
 * file keeping `source`'s name (the name may say the unit and the period).
 */
export function freshCopyPath(folder: string, source: string): string {
  return path.join(folder, String(copies++), path.basename(source));
}

/**
 * Writes `dest`: `source` loaded by openpyxl as `wb` (with `import json`; `dataOnly`: formulas
 * replaced by their saved results), changed by the Python lines `edit` (which may read
 * `sys.argv[3:]`, the `args`), and saved. Needs openpyxl (callers skip without it:
 * `hasOpenpyxl`); throws with Python's message when the script fails.
 */
export function editedByOpenpyxl(
  source: string,
  dest: string,
  edit: readonly string[],
  opts: { args?: readonly string[]; dataOnly?: boolean } = {},
): string {
  mkdirSync(path.dirname(dest), { recursive: true });
  const script = [
    'import sys, json, openpyxl',
    `wb = openpyxl.load_workbook(sys.argv[1], data_only=${opts.dataOnly ? 'True' : 'False'})`,
    ...edit,
    'wb.save(sys.argv[2])',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script, source, dest, ...(opts.args ?? [])]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return dest;
}

/**
 * Python lines for {@link editedByOpenpyxl} that insert a column at `at` (1-based) in sheet
 * `sheet`, holding the figures of the column it pushes right plus `delta`, in rows `from` to `to`
 * (default: the last; numbers written as text with "." separators read as numbers). With
 * `unmergeFrom`, the ranges merged from that row on are undone first (openpyxl does not move
 * them); `before` runs before the column is inserted. The headings are the caller's to write.
 */
export function columnCopyLines(
  sheet: string,
  at: number,
  delta: number,
  from: number,
  opts: { to?: number; unmergeFrom?: number; before?: readonly string[] } = {},
): string[] {
  return [
    `ws = wb[${JSON.stringify(sheet)}]`,
    ...(opts.unmergeFrom === undefined
      ? []
      : [
          'for m in list(ws.merged_cells.ranges):',
          `    if m.min_row >= ${opts.unmergeFrom}: ws.unmerge_cells(str(m))`,
        ]),
    ...(opts.before ?? []),
    `ws.insert_cols(${at})`,
    `for r in range(${from}, ${opts.to === undefined ? 'ws.max_row' : String(opts.to)} + 1):`,
    `    v = ws.cell(r, ${at + 1}).value`,
    "    if isinstance(v, str) and v.replace('.', '').isdigit(): v = int(v.replace('.', ''))",
    `    if isinstance(v, (int, float)): ws.cell(r, ${at}).value = v + ${delta}`,
  ];
}
