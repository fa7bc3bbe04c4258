/**
 * A commune's villages in two sections, each under a row numbered "I", "II" with its subtotal:
 * "I | Thôn, bản đặc biệt khó khăn" over villages 1–3, "II | Thôn, bản còn lại" over 4–7, the
 * villages numbered on from one section to the next (outside tester H, e16). The section labels
 * start as a village's name would ("Thôn, bản …"), so the rows were read as two villages, each
 * with hamlets under it where the sums held, and as a flat list where one village's figure was
 * off: the report's villages were the two sections, and a slip in one village became the total
 * counting every village twice, with some twenty rows said missing from the other forms.
 * The numbering decides now: a section over rows numbered as a list is a group of villages.
 * The file is the shipped SYNTHETIC 2026 report of Xã Khao Mang (fixtures/lao-cai-2026), the
 * section rows inserted by openpyxl (skipped without it).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit, expectReadAsOriginal } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-village-sections-');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2026', '04465', { lang: 'en' });

/**
 * Khao Mang with the section rows (seven villages numbered 1–7, then the total row): "II"
 * inserted before village 4, "I" before village 1, each the sum of its villages (Biểu 01's two
 * rates computed from the sums). In Biểu 01, "I" is row 7, its villages 8–10, "II" row 11, its
 * villages 12–15, the total row 16. Then `lines`, with `ws` each sheet.
 */
const sectioned = (lines: string[] = []) =>
  editedByOpenpyxl(KHAO_MANG, freshCopyPath(tmp.path, KHAO_MANG), [
    'for ws in wb.worksheets:',
    '    if not ws.title.startswith("B0"):',
    '        continue',
    '    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 1)',
    '    width = max(c for c in range(1, ws.max_column + 1) if ws.cell(first, c).value is not None)',
    '    for at, since, until, stt, label in ((first + 3, first + 4, first + 7, "II", "Thôn, bản còn lại"), (first, first + 1, first + 3, "I", "Thôn, bản đặc biệt khó khăn")):',
    '        ws.insert_rows(at)',
    '        ws.cell(at, 1).value = stt',
    '        ws.cell(at, 2).value = label',
    '        for c in range(3, width + 1):',
    '            ws.cell(at, c).value = sum(ws.cell(r, c).value or 0 for r in range(since, until + 1))',
    '        if ws.title == "B01":',
    '            for rate, count in ((5, 4), (7, 6)):',
    '                ws.cell(at, rate).value = round(100 * ws.cell(at, count).value / ws.cell(at, 3).value, 2)',
    ...lines.map((l) => `    ${l}`),
  ]);

describe.skipIf(!hasOpenpyxl())('villages in sections numbered I, II', () => {
  it('the sections are groups: the villages and the figures are the shipped ones', async () => {
    const original = await unitOf(KHAO_MANG);
    const unit = await unitOf(sectioned());
    // The names first: a failure then says which villages the report lists.
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    expectReadAsOriginal(unit, original);
  });

  it("one village's households off in Biểu 01: said at its section's row and the total, nothing else", async () => {
    // Village 2 (row 9 once "I" is in) of Biểu 01: households + 10.
    const unit = await unitOf(
      sectioned(['if ws.title == "B01":', '    ws.cell(9, 3).value += 10']),
    );
    expect(unit?.status).not.toBe('accepted');
    const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
    const at = errors.map((f) => `${f.code}@${f.sheet}!${f.cell}`).sort();
    // The two rates of the village no longer follow from its counts either.
    expect(at).toEqual(
      [
        'subtotal-mismatch@B01!C7',
        'rate-mismatch@B01!E9',
        'rate-mismatch@B01!G9',
        'total-mismatch@B01!C16',
      ].sort(),
    );
  });
});
