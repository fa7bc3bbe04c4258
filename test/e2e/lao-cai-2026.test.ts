/**
 * The second demo, `npm run demo:2026`, as a user runs it: tỉnh Lào Cai after the 2025 reform,
 * six communes and wards reporting with their villages (thôn, bản, tổ dân phố) as rows, one
 * period after another. The fixtures (fixtures/lao-cai-2025, fixtures/lao-cai-2026) are
 * LibreOffice's output; their figures are checked against the generator's model
 * (fixtures/expected/lao-cai.json, computed independently in scripts/fixtures/make-lao-cai.mjs).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, root, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

type Values = Record<string, number>;
interface ModelUnit {
  name: string;
  files: string[];
  total: Values;
  villages: { name: string; values: Values }[];
}
interface Model {
  periods: Record<string, { folder: string; province: Values; units: Record<string, ModelUnit> }>;
  continuity: {
    unit: string;
    village: string | null;
    indicator: string;
    previous: number;
    current: number;
    file: string;
    sheet: string | null;
    cell: string;
  }[];
}
interface ReportJson {
  registry: string;
  plan: string;
  units: {
    code: string;
    name: string;
    status: string;
    values: Record<string, number | null>;
    subunits?: { name: string; code?: string; values: Record<string, number | null> }[];
  }[];
  total: Record<string, number | null>;
  completeness: { expected: number; accepted: number; rejected: number; missing: number };
  findings: {
    code: string;
    severity: string;
    unit: string | null;
    file: string;
    cell: string | null;
    message: string;
  }[];
}

const model = JSON.parse(
  readFileSync(path.join(fixtures, 'expected', 'lao-cai.json'), 'utf8'),
) as Model;
const codes = Object.keys(model.periods['2025']?.units ?? {});
const tmp = useTempFolder('povreport-lao-cai-');
const readReport = (dir: string, period: string): ReportJson =>
  JSON.parse(readFileSync(path.join(dir, `tong-hop-${period}.json`), 'utf8')) as ReportJson;

/** The commune in the report, its figures and its villages' figures, as plain numbers. */
function unitOf(report: ReportJson, code: string) {
  const u = report.units.find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code} in the report`);
  return u;
}

/** Asserts a commune's figures and its villages (names, order, figures) are the model's. */
function expectModelFigures(report: ReportJson, period: string, code: string): void {
  const want = model.periods[period]?.units[code];
  if (!want) throw new Error(`no model for ${code} ${period}`);
  const u = unitOf(report, code);
  expect(u.status, `${code} ${period}`).toBe('accepted');
  expect(u.values).toEqual(want.total);
  expect(u.subunits?.map((s) => s.name)).toEqual(want.villages.map((v) => v.name));
  expect(u.subunits?.map((s) => s.values)).toEqual(want.villages.map((v) => v.values));
  // villages are not in the registry: no code is invented for them
  expect(u.subunits?.every((s) => s.code === undefined)).toBe(true);
}

describe('npm run demo:2026', () => {
  let code: number | null = null;
  let out = '';
  let demoOut = '';
  beforeAll(() => {
    demoOut = path.join(tmp.path, 'out-2026');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'demo-2026.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DEMO_OUT: demoOut },
      timeout: 100_000,
    });
    code = r.status;
    out = r.stdout;
  });

  it('exits 0 and writes the 2025 and then the 2026 report into one folder', () => {
    expect(code).toBe(0);
    const files = readdirSync(demoOut).sort();
    for (const f of ['tong-hop-2025.json', 'tong-hop-2025.xlsx', 'tong-hop-2026.json'])
      expect(files).toContain(f);
    expect(out.indexOf('Tổng hợp kỳ 2025')).toBeLessThan(out.indexOf('Tổng hợp kỳ 2026'));
    expect(out).toContain('Đơn vị: 6/99 đã tiếp nhận, 0 bị loại, 93 chưa nộp');
  });

  it('names the 93 communes that have not reported in one wrapped list, not a line each', () => {
    const first = out.slice(0, out.indexOf('Tổng hợp kỳ 2026'));
    expect(first).toContain('○ 93 đơn vị chưa nộp báo cáo:');
    expect(first).not.toContain(': chưa nộp báo cáo\n');
    const listed = first.match(/(?:Xã|Phường) [^,(]+ \(\d{5}\)/g) ?? [];
    expect(new Set(listed).size).toBe(93);
    const lines = first.split('\n').filter((l) => /^ {6}(?:Xã|Phường)/.test(l));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('2025: every commune accepted with the model’s figures, its villages as its rows', () => {
    const report = readReport(demoOut, '2025');
    expect([report.registry, report.plan]).toEqual(['lao-cai-2025', 'lao-cai-2025']);
    expect(report.completeness).toMatchObject({ expected: 99, accepted: 6, missing: 93 });
    for (const c of codes) expectModelFigures(report, '2025', c);
    // the province line is the sum of the six communes (rates from the summed counts)
    expect(report.total).toMatchObject(model.periods['2025']?.province ?? {});
  });

  it('2025: no error or warning; the only notes say the villages are taken as written', () => {
    const report = readReport(demoOut, '2025');
    const notes = report.findings.filter((f) => f.severity !== 'info');
    expect(notes).toEqual([]);
    const unchecked = report.findings.filter((f) => f.code === 'subunits-not-checked');
    expect(new Set(unchecked.map((f) => f.unit))).toEqual(new Set(codes));
    for (const f of unchecked) expect(f.message).toContain('danh sách thôn, bản, tổ dân phố');
    // Bắc Hà's extra "Ghi chú" sheet is said once, as info
    expect(report.findings.map((f) => f.code).filter((c) => c !== 'subunits-not-checked')).toEqual([
      'extra-sheet',
    ]);
  });

  it('2026: the communes whose opening figures continue 2025 are accepted with the model’s figures', () => {
    const report = readReport(demoOut, '2026');
    expect([report.registry, report.plan]).toEqual(['lao-cai-2025', 'lao-cai-2026']);
    const broken = new Set(model.continuity.map((b) => b.unit));
    for (const c of codes.filter((x) => !broken.has(x))) expectModelFigures(report, '2026', c);
  });

  it('2026: the commune whose opening figures do not continue 2025 is rejected at those cells', () => {
    const report = readReport(demoOut, '2026');
    for (const code of new Set(model.continuity.map((b) => b.unit)))
      expect(report.units.find((u) => u.code === code)?.status).toBe('rejected');
    const said = report.findings.filter((f) => f.code === 'opening-mismatch');
    expect(said).toHaveLength(model.continuity.length);
    for (const b of model.continuity) {
      const f = said.find((x) => x.cell === b.cell);
      expect(f, b.cell).toBeDefined();
      expect(f?.file).toContain(b.file);
      expect(f?.message).toContain(String(b.current));
      expect(f?.message).toContain(String(b.previous));
      expect(f?.message).toContain('tong-hop-2025.json');
    }
  });

  it('the xlsx report is headed by the province’s people’s committee and department', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(demoOut, 'tong-hop-2025.xlsx'));
    const ws = wb.worksheets[0];
    const top: string[] = [];
    for (let r = 1; r <= 4; r++) ws?.getRow(r).eachCell((c) => top.push(c.text));
    expect(top).toContain('UBND TỈNH LÀO CAI');
    expect(top).toContain('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG');
    expect(top.join(' ')).not.toMatch(/YÊN BÁI|LAO ĐỘNG/);
  });
});

describe('the 2026 submissions on their own', () => {
  it('accepts all six communes with the model’s figures, the province being their sum', () => {
    const dir = path.join(tmp.path, 'alone');
    const r = runCli(
      [
        'consolidate',
        path.join(fixtures, 'lao-cai-2026'),
        '--registry',
        'lao-cai-2025',
        '--plan',
        'lao-cai-2026',
        '--period',
        '2026',
        '--out',
        dir,
        '--format',
        'json',
      ],
      { timeout: 60_000 },
    );
    // 1: 93 of the 99 communes have not reported
    expect(r.code).toBe(1);
    const report = readReport(dir, '2026');
    for (const c of codes) expectModelFigures(report, '2026', c);
    expect(report.total).toMatchObject(model.periods['2026']?.province ?? {});
  });
});

describe('the Lào Cai fixtures', () => {
  it('are LibreOffice’s output (docProps/app.xml names LibreOffice)', async () => {
    for (const period of ['2025', '2026']) {
      const dir = path.join(fixtures, `lao-cai-${period}`);
      const books = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
      expect(books.length).toBe(5);
      for (const b of books) {
        const zip = await JSZip.loadAsync(readFileSync(path.join(dir, b)));
        const app = (await zip.file('docProps/app.xml')?.async('string')) ?? '';
        expect(app, b).toMatch(/<Application>LibreOffice\//);
      }
      // the sixth commune sends one CSV per form (LibreOffice's CSV export of each sheet)
      expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).length).toBe(5);
    }
  });

  it('open 2026 with the 2025 closing figures except in one village of one commune', () => {
    const [y25, y26] = [model.periods['2025'], model.periods['2026']];
    const differs: string[] = [];
    for (const c of codes) {
      const [a, b] = [y25?.units[c], y26?.units[c]];
      if (!a || !b) throw new Error(`no model for ${c}`);
      b.villages.forEach((v, i) => {
        const before = a.villages[i]?.values;
        if (v.values.poor_start !== before?.poor_end) differs.push(`${c} ${v.name} poor_start`);
        if (v.values.near_poor_start !== before?.near_poor_end)
          differs.push(`${c} ${v.name} near_poor_start`);
      });
    }
    expect(differs).toEqual(['04465 Bản Chống poor_start']);
    expect(model.continuity.map((b) => [b.unit, b.village, b.current - b.previous])).toEqual([
      ['04465', null, 3],
      ['04465', 'Bản Chống', 3],
    ]);
  });

  it('say where the differing opening figure is in the 2026 file (for the continuity check)', async () => {
    for (const b of model.continuity) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(root, b.file));
      const ws = wb.getWorksheet(b.sheet ?? '');
      const cell = ws?.getCell(b.cell);
      expect(cell?.value).toBe(b.current);
      const label = ws?.getRow(Number(cell?.row)).getCell(2).text;
      expect(label).toBe(b.village ?? 'Tổng cộng');
    }
  });
});
