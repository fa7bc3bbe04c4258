/**
 * `povreport trend` as a user runs it: the shipped fixtures consolidated for 2022-H1 and 2022 with
 * the built binary, then the trend over the two reports: each unit's rates are the reports', the
 * reduction per year and the target are the plan's (yen-bai-2022), the province line is there,
 * and the CSV and the xlsx say the same. Then across the 2025 reform: the 2022 report with a small
 * synthetic 2026 report of tỉnh Lào Cai (made here; its figures are invented for the test).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport xu hướng ');

interface Report {
  period: string;
  units: {
    code: string;
    name: string;
    status: string;
    values: Record<string, number | null>;
    subunits: { name: string; code?: string; values: Record<string, number | null> }[];
  }[];
  total: Record<string, number | null>;
  targets: {
    unit: string;
    baselineRate: number | null;
    reduction: number | null;
    target: number | null;
  }[];
}

/** A CSV line split into fields (quotes as the writer makes them). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The CSV's lines by code; a code on two lines (15: Yên Bái before 2025, Lào Cai after) by its first. */
function readCsv(file: string): {
  head: string[];
  rows: Map<string, Record<string, string>>;
  list: Record<string, string>[];
} {
  const lines = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  const head = fields(lines[0] ?? '');
  const list = lines.slice(1).map((l) => {
    const f = fields(l);
    return Object.fromEntries(head.map((h, i) => [h, f[i] ?? '']));
  });
  const rows = new Map<string, Record<string, string>>();
  for (const r of list) if (!rows.has(r[head[0] ?? ''] ?? '')) rows.set(r[head[0] ?? ''] ?? '', r);
  return { head, rows, list };
}

let reports: string;
let h1: Report;
let y2022: Report;

beforeAll(() => {
  reports = path.join(tmp.path, 'báo cáo tổng hợp');
  for (const period of ['2022-H1', '2022']) {
    const r = runCli([
      'consolidate',
      path.join(fixtures, period),
      '--period',
      period,
      '--out',
      reports,
      '--format',
      'json',
    ]);
    expect(r.code, r.err).toBe(0);
  }
  const read = (p: string) =>
    JSON.parse(readFileSync(path.join(reports, `tong-hop-${p}.json`), 'utf8')) as Report;
  h1 = read('2022-H1');
  y2022 = read('2022');
}, 60_000);

describe('trend over the shipped 2022-H1 and 2022 reports', () => {
  let out: string;
  let csv: ReturnType<typeof readCsv>;
  let stdout: string;
  beforeAll(() => {
    out = path.join(tmp.path, 'xu hướng');
    // Given in the wrong order: the table is in the periods' order.
    const r = runCli([
      'trend',
      path.join(reports, 'tong-hop-2022.json'),
      path.join(reports, 'tong-hop-2022-H1.json'),
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    stdout = r.out;
    csv = readCsv(path.join(out, 'xu-huong-2022-H1-2022.csv'));
  });

  it('writes the xlsx and the csv, and says so', () => {
    expect(readdirSync(out).sort()).toEqual([
      'xu-huong-2022-H1-2022.csv',
      'xu-huong-2022-H1-2022.xlsx',
    ]);
    expect(stdout).toContain('Bảng xu hướng 2022-H1 → 2022');
    expect(stdout).toContain('Tỉnh Yên Bái: tỷ lệ hộ nghèo 16% (2022-H1), 12,95% (2022)');
    expect(stdout).toContain('giảm bình quân 5,12 điểm %/năm tính từ 2021-12-31; chỉ tiêu 4,04');
    expect(stdout).toContain('xu-huong-2022-H1-2022.xlsx');
  });

  it('each unit’s rates by period are the reports’ figures', () => {
    expect(csv.rows.size).toBe(10);
    for (const [period, rep] of [
      ['2022-H1', h1],
      ['2022', y2022],
    ] as const)
      for (const u of rep.units) {
        const row = csv.rows.get(u.code);
        expect(row?.['Đơn vị']).toBe(u.name);
        expect(Number(row?.[`Tỷ lệ hộ nghèo ${period} (%)`])).toBe(u.values.poor_rate);
        expect(Number(row?.[`Tỷ lệ hộ cận nghèo ${period} (%)`])).toBe(u.values.near_poor_rate);
      }
  });

  it('the reduction per year and the target are the plan’s, for each unit and the province', () => {
    const plan = JSON.parse(
      readFileSync(path.join(fixtures, '../templates/plans/yen-bai-2022.json'), 'utf8'),
    ) as {
      province: { baselineRate: number; targetReduction: number };
      units: Record<string, { baselineRate: number; targetReduction: number }>;
    };
    const targetCol = 'Chỉ tiêu giảm (điểm %/năm, kế hoạch yen-bai-2022)';
    for (const t of y2022.targets) {
      const code = t.unit === 'province' ? '15' : t.unit;
      const row = csv.rows.get(code);
      const p = t.unit === 'province' ? plan.province : plan.units[t.unit];
      expect(Number(row?.['Tỷ lệ hộ nghèo đầu kỳ kế hoạch (%)'])).toBe(p?.baselineRate);
      expect(row?.['Giảm bình quân tính từ']).toBe('2021-12-31');
      // One year from the baseline (end 2021) to the annual report: the report's own reduction.
      expect(Number(row?.['Giảm bình quân (điểm %/năm)']), code).toBe(t.reduction);
      expect(Number(row?.['Giảm năm 2022 (điểm %)'])).toBe(t.reduction);
      expect(Number(row?.[targetCol])).toBe(p?.targetReduction);
      expect(row?.['Đạt chỉ tiêu']).toBe(
        (t.reduction ?? 0) >= (t.target ?? 0) ? 'Đạt' : 'Chưa đạt',
      );
    }
    // Mù Cang Chải: 57.79 → 51.26 is 6.53 points against a published target of 7.5.
    expect(csv.rows.get('137')?.['Đạt chỉ tiêu']).toBe('Chưa đạt');
  });

  it('the province line carries the province’s rates and the poor households since the baseline', () => {
    const row = csv.rows.get('15');
    expect(row?.['Đơn vị']).toBe('Tỉnh Yên Bái');
    expect(Number(row?.['Tỷ lệ hộ nghèo 2022 (%)'])).toBe(y2022.total.poor_rate);
    expect(Number(row?.['Tỷ lệ hộ cận nghèo 2022-H1 (%)'])).toBe(h1.total.near_poor_rate);
    expect(Number(row?.['Số hộ nghèo đầu kỳ 2022-H1'])).toBe(h1.total.poor_start);
    expect(Number(row?.['Số hộ nghèo tăng (+) / giảm (−) đến kỳ cuối'])).toBe(
      (y2022.total.poor ?? 0) - (h1.total.poor_start ?? 0),
    );
  });

  it('the xlsx says what the csv says, cell by cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'xu-huong-2022-H1-2022.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const lines = readFileSync(path.join(out, 'xu-huong-2022-H1-2022.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .map(fields);
    lines.forEach((line, i) => {
      line.forEach((text, j) => {
        const v = ws.getCell(3 + i, j + 1).value;
        // The sheet holds numbers and texts only.
        const shown = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
        expect(shown, `row ${i + 1} column ${j + 1}`).toBe(text);
      });
    });
  });

  it('in English with --lang en', () => {
    const en = path.join(tmp.path, 'trend en');
    const r = runCli([
      'trend',
      path.join(reports, 'tong-hop-2022-H1.json'),
      path.join(reports, 'tong-hop-2022.json'),
      '--out',
      en,
      '--lang',
      'en',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'reduced 5.12 points a year since 2021-12-31; target 4.04 points a year: met',
    );
    const head = readCsv(path.join(en, 'xu-huong-2022-H1-2022.csv')).head;
    expect(head).toContain('Poor rate 2022 (%)');
    expect(head.join(' ')).not.toMatch(/Tỷ lệ/);
  });
});

describe('trend refuses what it cannot read, with exit 2 and no stack trace', () => {
  it('a file that is not JSON, a JSON that is not a report, two reports of one period', () => {
    const bad = path.join(tmp.path, 'hỏng.json');
    writeFileSync(bad, 'không phải JSON');
    const notJson = runCli(['trend', bad, '--out', path.join(tmp.path, 'x1')]);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('hỏng.json');
    expect(notJson.err).not.toMatch(/\n\s+at /);

    const plan = path.join(fixtures, '../templates/plans/yen-bai-2022.json');
    const foreign = runCli(['trend', plan, '--out', path.join(tmp.path, 'x2'), '--lang', 'en']);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain('not a povreport consolidated report JSON');
    expect(foreign.err).not.toMatch(/\n\s+at /);

    const json = path.join(reports, 'tong-hop-2022.json');
    const copy = path.join(tmp.path, 'bản sao 2022.json');
    writeFileSync(copy, readFileSync(json));
    const twice = runCli(['trend', json, copy, '--out', path.join(tmp.path, 'x3')]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('Hai báo cáo cùng kỳ 2022');
  });
});

describe('trend across the 2025 reform: the 2022 report and a 2026 report of tỉnh Lào Cai', () => {
  /** The old-to-new table: old code → new code, for Yên Bái's communes. */
  const table = readFileSync(
    path.join(fixtures, '../scripts/data/sources/lao-cai-2025-old-to-new.csv'),
    'utf8',
  )
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
  const TU_LE = '04630';

  /** A synthetic 2026 report: Tú Lệ and Trạm Tấu accepted, every other unit missing. */
  function report2026(): unknown {
    const reg = JSON.parse(
      readFileSync(path.join(fixtures, '../templates/registries/lao-cai-2025.json'), 'utf8'),
    ) as { units: { code: string; name: string }[] };
    const figures: Record<string, Record<string, number>> = {
      [TU_LE]: { households: 2300, poor: 300, near_poor: 200, poor_start: 340 },
      '04600': { households: 1800, poor: 500, near_poor: 150, poor_start: 560 },
    };
    const rated = (v: Record<string, number>) => ({
      ...v,
      poor_rate: Math.round((10000 * (v.poor ?? 0)) / (v.households ?? 1)) / 100,
      near_poor_rate: Math.round((10000 * (v.near_poor ?? 0)) / (v.households ?? 1)) / 100,
    });
    return {
      period: '2026',
      province: { code: '15', name: 'Tỉnh Lào Cai' },
      registry: 'lao-cai-2025',
      plan: 'lao-cai-2026',
      standard: 'vn-2022-2025',
      units: reg.units.map((u) => {
        const v = figures[u.code];
        return {
          code: u.code,
          name: u.name,
          status: v ? 'accepted' : 'missing',
          values: v ? rated(v) : {},
          subunits: [],
        };
      }),
      total: rated({ households: 4100, poor: 800, near_poor: 350, poor_start: 900 }),
      targets: [{ unit: 'province', partial: true }],
    };
  }

  it('shows a new commune’s regrouped 2022 figures, its 2026 figures and the change since 2021', () => {
    const file = path.join(tmp.path, 'tong-hop-2026 (thử).json');
    writeFileSync(file, JSON.stringify(report2026()));
    const out = path.join(tmp.path, 'xu hướng 2022-2026');
    mkdirSync(out);
    const r = runCli(['trend', path.join(reports, 'tong-hop-2022.json'), file, '--out', out]);
    // Units missing in 2026 (synthetic): exit 1, as consolidate.
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('Kỳ 2022: 44/51 đơn vị mới cộng lại được từ xã cũ');
    const csv = readCsv(path.join(out, 'xu-huong-2022-2026.csv'));
    expect(csv.list).toHaveLength(99 + 2);

    // Tú Lệ 2022, computed here from the table: Cao Phạ (Mù Cang Chải) + Tú Lệ (Văn Chấn).
    const olds = new Set(table.filter((t) => t[5] === TU_LE).map((t) => t[3]));
    expect(olds.size).toBe(2);
    const communes = y2022.units.flatMap((u) => u.subunits).filter((s) => olds.has(s.code ?? ''));
    const sum = (id: string) => communes.reduce((s, c) => s + (c.values[id] ?? 0), 0);
    const row = csv.rows.get(TU_LE);
    expect(row?.['Đơn vị']).toBe('Xã Tú Lệ');
    expect(Number(row?.['Tỷ lệ hộ nghèo 2022 (%)'])).toBe(
      Math.round((10000 * sum('poor')) / sum('households')) / 100,
    );
    expect(Number(row?.['Tỷ lệ hộ nghèo 2026 (%)'])).toBe(13.04);
    expect(Number(row?.['Số hộ nghèo đầu kỳ 2022'])).toBe(sum('poor_start'));
    expect(Number(row?.['Số hộ nghèo tăng (+) / giảm (−) đến kỳ cuối'])).toBe(
      300 - sum('poor_start'),
    );
    expect(row?.['Ghi chú']).toContain('Gồm các xã cũ: Xã Cao Phạ (Huyện Mù Căng Chải), Xã Tú Lệ');

    // A Trấn Yên unit: a 2022 commune whose new unit is unknown; said, not guessed.
    const tranYen = csv.list.find((x) => x['Đơn vị'] === 'Xã Trấn Yên');
    expect(tranYen?.['Tỷ lệ hộ nghèo 2022 (%)']).toBe('—');
    expect(tranYen?.['Ghi chú']).toContain('Xã Nga Quán');
    // A unit of the old Lào Cai province: no report, a dash and a note, never a zero.
    const batXat = csv.list.find((x) => x['Đơn vị'] === 'Xã Bát Xát');
    expect(batXat?.['Tỷ lệ hộ nghèo 2022 (%)']).toBe('—');
    expect(batXat?.['Ghi chú']).toContain('gồm xã của Tỉnh Lào Cai, không có báo cáo');
    // The former province keeps its own 2022 line; the new province has no 2022 figure.
    const laoCai = csv.list.find((x) => x['Đơn vị'] === 'Tỉnh Lào Cai');
    expect(laoCai?.['Tỷ lệ hộ nghèo 2022 (%)']).toBe('—');
    expect(Number(laoCai?.['Tỷ lệ hộ nghèo 2026 (%)'])).toBe(19.51);
    const former = csv.list.find((x) => x['Đơn vị']?.startsWith('Tỉnh Yên Bái'));
    expect(former?.['Đơn vị']).toBe('Tỉnh Yên Bái (trước ngày 01/07/2025)');
    expect(Number(former?.['Tỷ lệ hộ nghèo 2022 (%)'])).toBe(y2022.total.poor_rate);
  });
});
