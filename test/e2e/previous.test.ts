/**
 * `povreport consolidate --previous` as a user runs it on the shipped 2022 annual reports (Yên
 * Bái). The 2022 report opens from the 2021 annual report, which is not shipped: the test makes
 * one (synthetic) from the generator's own figures of the fixtures (fixtures/expected/model.json),
 * every district and commune closing 2021 with exactly the figure it opens 2022 with, then moves
 * one commune's closing figure by 3. Communes are matched by name (the report made here has no
 * codes). What the lookup in --out does with a file it cannot use is tested in
 * test/integration/previous-report.test.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

type Values = Record<string, number>;
interface Model {
  periods: Record<
    string,
    {
      units: Record<
        string,
        { name: string; total: Values; subunits: { name: string; values: Values }[] }
      >;
    }
  >;
}
interface ReportJson {
  units: { code: string; status: string }[];
  previous: { file: string; compared: string[]; mismatches: number } | null;
  findings: {
    code: string;
    unit: string | null;
    file: string;
    sheet: string | null;
    cell: string | null;
    subunit: string | null;
    message: string;
  }[];
}

const temp = useTempFolder('povreport kỳ trước ');
const inbox = path.join(fixtures, '2022');
const model = JSON.parse(
  readFileSync(path.join(fixtures, 'expected', 'model.json'), 'utf8'),
) as Model;
const COMMUNE = 'Xã Túc Đán';
const opening =
  model.periods['2022']?.units['139']?.subunits.find((s) => s.name === COMMUNE)?.values
    .poor_start ?? NaN;

/** The 2021 report the 2022 one follows on from; `moved` is added to Túc Đán's poor households. */
function report2021(moved: number): string {
  const closing = (v: Values, name: string) => ({
    poor_end: (v.poor_start ?? NaN) + (name === COMMUNE ? moved : 0),
    near_poor_end: v.near_poor_start,
  });
  const units = Object.entries(model.periods['2022']?.units ?? {}).map(([code, u]) => ({
    code,
    name: u.name,
    status: 'accepted',
    values: closing(u.total, u.name),
    subunits: u.subunits.map((s) => ({ name: s.name, values: closing(s.values, s.name) })),
  }));
  return `${JSON.stringify({ period: '2021', registry: 'yen-bai-2022', units }, null, 2)}\n`;
}

function consolidate(out: string, ...more: string[]) {
  return runCli(['consolidate', inbox, '--period', '2022', '--out', out, ...more]);
}

describe('consolidate --previous', () => {
  it('flags the commune whose opening figure is not last year’s closing one, at its cell', async () => {
    const prev = path.join(temp.path, 'Báo cáo cũ', 'tong-hop-2021 (đã ký).json');
    mkdirSync(path.dirname(prev), { recursive: true });
    writeFileSync(prev, report2021(3));
    const out = path.join(temp.path, 'lệch');
    const r = consolidate(out, '--previous', prev);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('Huyện Trạm Tấu (139): bị loại, 1 lỗi');
    expect(r.out).toMatch(/Tram Tau - Bao cao nam 2022\.xlsx Biểu 02!C\d+\s+opening-mismatch/);

    const json = JSON.parse(
      readFileSync(path.join(out, 'tong-hop-2022.json'), 'utf8'),
    ) as ReportJson;
    const found = json.findings.filter((f) => f.code === 'opening-mismatch');
    expect(found).toHaveLength(1);
    const f = found[0];
    if (!f?.cell) throw new Error('no cell');
    expect(f).toMatchObject({ unit: '139', sheet: 'Biểu 02', subunit: COMMUNE });
    expect(path.basename(f.file)).toBe('Tram Tau - Bao cao nam 2022.xlsx');
    // Both figures and the previous report's file, in the clerk's own number format.
    const fmt = (n: number) => n.toLocaleString('vi-VN');
    expect(f.message).toContain(COMMUNE);
    expect(f.message).toContain(`ghi ${fmt(opening)}`);
    expect(f.message).toContain(`là ${fmt(opening + 3)}`);
    expect(f.message).toContain(prev);
    // The cell named holds the opening figure, on the commune's row of the district's own file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(inbox, 'Tram Tau - Bao cao nam 2022.xlsx'));
    const ws = wb.getWorksheet('Biểu 02');
    expect(ws?.getCell(f.cell).value).toBe(opening);
    const row = ws?.getRow(Number(/\d+$/.exec(f.cell)?.[0]));
    expect(row?.values).toContain(COMMUNE);
    expect(json.units.find((u) => u.code === '139')?.status).toBe('rejected');
    expect(json.previous).toMatchObject({ file: prev, mismatches: 1 });
    expect(json.previous?.compared).toHaveLength(9);
  });

  it('finds last year’s report in --out by itself; figures that follow on pass', () => {
    const out = path.join(temp.path, 'khớp');
    mkdirSync(out);
    writeFileSync(path.join(out, 'tong-hop-2021.json'), report2021(0));
    const r = consolidate(out);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(path.join(out, 'tong-hop-2021.json'));
    expect(r.out).toContain('tìm thấy trong thư mục --out): 9 đơn vị, khớp hết');
    expect(r.out).not.toContain('opening-mismatch');
  });

  it('refuses a --previous of the wrong period with exit 2, saying which period it needs', () => {
    const out = path.join(temp.path, 'sai kỳ');
    // A report of 2022 itself (say, last run's), given where 2021's is needed.
    const self = path.join(temp.path, 'tong-hop-2022.json');
    writeFileSync(self, report2021(0).replace('"period": "2021"', '"period": "2022"'));
    const wrong = consolidate(out, '--previous', self);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('đây là báo cáo kỳ 2022');
    expect(wrong.err).toContain('tong-hop-2021.json');
    expect(wrong.err).not.toMatch(/\n\s+at /);
  });
});

describe('status --previous', () => {
  it('rejects the unit consolidate --previous rejects; without it the unit is accepted', () => {
    const prev = path.join(temp.path, 'status', 'tong-hop-2021.json');
    mkdirSync(path.dirname(prev), { recursive: true });
    writeFileSync(prev, report2021(3));
    const status = (...more: string[]) =>
      runCli(['status', inbox, '--period', '2022', '--as-of', '2023-01-20', '--json', ...more]);
    const unit139 = (out: string) =>
      (JSON.parse(out) as { units: { code: string; status: string }[] }).units.find(
        (u) => u.code === '139',
      )?.status;
    const plain = status();
    expect(plain.code, plain.err).toBe(0);
    expect(unit139(plain.out)).toBe('accepted');
    const checked = status('--previous', prev);
    expect(checked.code, checked.err).toBe(1);
    expect(unit139(checked.out)).toBe('rejected');
    // A file of another period is refused as consolidate refuses it.
    const wrong = path.join(temp.path, 'status', 'tong-hop-2022.json');
    writeFileSync(wrong, report2021(0).replace('"period": "2021"', '"period": "2022"'));
    const refused = status('--previous', wrong);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('tong-hop-2021.json');
  });
});
