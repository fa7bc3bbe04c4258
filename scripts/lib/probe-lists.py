"""Household lists in many shapes, written by openpyxl, with their truth (scripts/probe-lists.mjs).

Usage: probe-lists.py OUT_DIR COUNT [FROM]: writes lists FROM .. FROM+COUNT-1 (each seeded by its
number) and OUT_DIR/truth.json: per list its file, its shape and per commune its households, poor
and near-poor ones. SYNTHETIC data: invented households, registered communes.
"""
import json, random, sys, os
from openpyxl import Workbook

OUT = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 60
FROM = int(sys.argv[3]) if len(sys.argv) > 3 else 0
os.makedirs(OUT, exist_ok=True)
COMMUNES = ["Xã Túc Đán", "Xã Pá Lau", "Xã Xà Hồ", "Xã Phình Hồ"]
MCC = ["Xã Hồ Bốn", "Xã Nậm Có", "Xã Khao Mang"]
def district_of(c, style):
    d = "Trạm Tấu" if c in COMMUNES else "Mù Cang Chải"
    return style.replace("Trạm Tấu", d)
FLAGS_SET = {"x": "x", "X": "X", "1": 1, "có": "có", "tick": "✓", "bool": True}
FLAGS_UNSET = {"x": None, "X": None, "1": 0, "có": "không", "tick": None, "bool": False}
LACK = ["Việc làm", "Người phụ thuộc trong hộ", "Dinh dưỡng", "Bảo hiểm y tế", "Trình độ giáo dục của người lớn",
        "Tình trạng đi học của trẻ em", "Chất lượng nhà ở", "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt",
        "Nhà tiêu hợp vệ sinh", "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin"]

from openpyxl.utils import get_column_letter as col_letter

def households(rnd, n):
    out = []
    for i in range(n):
        flags = [rnd.random() < 0.3 for _ in range(12)]
        a = rnd.randint(0, 250)
        b = 10 * sum(flags)
        cls = ("Hộ nghèo" if b >= 30 else "Hộ cận nghèo") if a <= 140 else "Không nghèo"
        out.append(dict(a=a, b=b, flags=flags, cls=cls, members=rnd.randint(1, 7), eth=rnd.choice(["Kinh", "Mông", "Dao"])))
    return out

def variant(k):
    rnd = random.Random(k)
    v = dict(
        layout=rnd.choice(["column", "sheets", "grouprows", "blocks", "province"]),
        merged_district=rnd.random() < 0.5,
        district_style=rnd.choice(["Huyện Trạm Tấu", "Trạm Tấu", "H. Trạm Tấu"]),
        numbering=rnd.random() < 0.4,
        block_heading=rnd.random() < 0.5,
        generic_tabs=rnd.random() < 0.5,
        numeric_codes=rnd.random() < 0.3,
        text_scores=rnd.random() < 0.3,
        vmerge=rnd.random() < 0.5,
        merged_commune=rnd.random() < 0.4,
        total=rnd.choice([None, "end", "top"]),
        subtotals=rnd.random() < 0.4,
        scores=rnd.choice(["AB", "B1B2", "words"]),
        flagnames=rnd.random() < 0.3,
        flagword=rnd.choice(list(FLAGS_SET)),
        signature=rnd.random() < 0.5,
        repeat_heading=rnd.random() < 0.2,
        members=rnd.random() < 0.3,
        villages=rnd.random() < 0.3,
        blanks=rnd.random() < 0.3,
        cls_first=rnd.random() < 0.2,
    )
    return v, rnd

def build(k):
    v, rnd = variant(k)
    if v["layout"] == "province":
        per = {c: households(rnd, rnd.randint(3, 9)) for c in (COMMUNES[: rnd.randint(1, 3)] + MCC[: rnd.randint(1, 3)])}
    else:
        per = {c: households(rnd, rnd.randint(3, 9)) for c in COMMUNES[: rnd.randint(1, 4)]}
    flagset, flagunset = FLAGS_SET[v["flagword"]], FLAGS_UNSET[v["flagword"]]
    sa, sb = {"AB": ("Điểm A", "Điểm B"), "B1B2": ("B1", "B2"), "words": ("Điểm thu nhập", "Tổng điểm thiếu hụt")}[v["scores"]]
    head = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Dân tộc", "Số nhân khẩu"]
    if v["layout"] == "province": head += ["Huyện", "Xã"]
    if v["layout"] == "column": head.append("Xã")
    if v["cls_first"]: head.append("Phân loại hộ")
    head += [sa, sb]
    nflag0 = len(head)
    head += ["Các chỉ số thiếu hụt"] + [None] * 11
    if not v["cls_first"]: head.append("Phân loại hộ")
    sub = [None] * nflag0 + ([f"{i+1}. {LACK[i]}" for i in range(12)] if v["flagnames"] else list(range(1, 13))) + [None] * (len(head) - nflag0 - 12)
    width = len(head)
    cls_col = head.index("Phân loại hộ")
    def row_of(h, stt, code, commune):
        r = [stt, (45850000 + k * 1000 + int(code.split("-")[1])) if v["numeric_codes"] else code, f"Người Thử {code}", h["eth"], h["members"]]
        if v["layout"] == "province": r += [district_of(commune, v["district_style"]), commune]
        if v["layout"] == "column": r.append(commune)
        if v["cls_first"]: r.append(h["cls"])
        r += ([str(h["a"]), str(h["b"])] if v["text_scores"] else [h["a"], h["b"]]) + [flagset if f else flagunset for f in h["flags"]]
        if not v["cls_first"]: r.append(h["cls"])
        return r
    def tot_row(hs, label):
        r = [None] * width
        r[1] = label
        r[4] = sum(h["members"] for h in hs)
        for i in range(12): r[nflag0 + i] = sum(h["flags"][i] for h in hs)
        r[cls_col] = None
        return r
    wb = Workbook(); wb.remove(wb.active)
    sheets = [(c, {c: per[c]}) for c in per] if v["layout"] == "sheets" else [("Danh sách", per)]
    numrow = [f"({i+1})" if v["numbering"] == "paren" else i + 1 for i in range(width)]
    def heading_block(rows, merges, title):
        rows.append([title]); rows.append([])
        top = len(rows) + 1
        rows.append(list(head)); rows.append(list(sub))
        merges.append(f"{col_letter(nflag0 + 1)}{top}:{col_letter(nflag0 + 12)}{top}")
        if v["vmerge"]:
            for c in range(width):
                if not (nflag0 <= c < nflag0 + 12): merges.append(f"{col_letter(c + 1)}{top}:{col_letter(c + 1)}{top + 1}")
        if v["numbering"]: rows.append(list(numrow))
    code = 0
    for name, comm in sheets:
        ws = wb.create_sheet(f"Sheet{len(wb.sheetnames) + 1}" if v["generic_tabs"] else name.replace("Xã ", "")[:31])
        rows = []
        merges = []
        if v["layout"] != "blocks":
            heading_block(rows, merges, ("DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO TỈNH YÊN BÁI NĂM 2022" if v["layout"] == "province" else "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO HUYỆN TRẠM TẤU NĂM 2022") + (f" - {name}" if v["layout"] == "sheets" else ""))
        allh = [h for hs in comm.values() for h in hs]
        if v["total"] == "top" and v["layout"] != "blocks": rows.append(tot_row(allh, "Tổng cộng"))
        stt = 0
        dist_rows = {}
        for c, hs in comm.items():
            if v["layout"] == "grouprows": rows.append(["I" if c == COMMUNES[0] else None, c] + [None] * (width - 2))
            if v["layout"] == "blocks":
                if rows: rows.append([])
                if not rows or v["block_heading"]:
                    heading_block(rows, merges, f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO {c.upper()} NĂM 2022")
                else:
                    rows.append([f"Danh sách hộ nghèo, hộ cận nghèo {c}"])
            first_row = None
            for j, h in enumerate(hs):
                if v["villages"] and j % 4 == 0: rows.append([None, f"Thôn {j//4 + 1}"] + [None] * (width - 2))
                stt += 1; code += 1
                rows.append(row_of(h, stt, f"TT{k:03d}-{code:04d}", c))
                if first_row is None: first_row = len(rows)
                dname = "TT" if c in COMMUNES else "MCC"
                dist_rows.setdefault(dname, [len(rows), len(rows)])[1] = len(rows)
                if v["members"]:
                    for m in range(min(h["members"] - 1, 2)): rows.append([None, None, f"Thành viên {code}-{m}", h["eth"]] + [None] * (width - 4))
                if v["blanks"] and j % 3 == 1: rows.append([])
                if v["repeat_heading"] and j == 4:
                    rows.append(list(head))
                    if v["numbering"]: rows.append(list(numrow))
            if v["layout"] in ("column", "province") and v["merged_commune"]:
                col = "G" if v["layout"] == "province" else "F"
                last = len(rows)
                if last > first_row:
                    merges.append(f"{col}{first_row}:{col}{last}")
            if v["subtotals"]: rows.append(tot_row(hs, f"Cộng {c}"))
        if v["layout"] == "province" and v["merged_district"]:
            for a, b in dist_rows.values():
                if b > a: merges.append(f"F{a}:F{b}")
        if v["total"] == "end": rows.append(tot_row(allh, "Tổng cộng"))
        if v["signature"]: rows += [[], [None, "Người lập biểu", None, None, None, "CHỦ TỊCH UBND"], [], [None, "Nguyễn Văn Lập"]]
        for r in rows: ws.append(r)
        for m in merges:
            # openpyxl clears the cells under a merge except the top-left, as Excel keeps them
            ws.merge_cells(m)
    f = os.path.join(OUT, f"ds-{k:03d}.xlsx")
    wb.save(f)
    truth = {c: dict(poor=sum(h["cls"] == "Hộ nghèo" for h in hs), near_poor=sum(h["cls"] == "Hộ cận nghèo" for h in hs), households=len(hs)) for c, hs in per.items()}
    return dict(file=f, variant=v, truth=truth)

json.dump([build(k) for k in range(FROM, FROM + N)], open(os.path.join(OUT, "truth.json"), "w"), ensure_ascii=False, indent=1)
