/**
 * A new poverty standard is a data change: the built binary, given a data folder copied from
 * `templates/` with one small plan for 2027 added (`test-2027`, synthetic), issues the 2027 form
 * of the draft Decree 351/2025 standard (no "information" column, a "waste" one), validates it
 * filled with consistent synthetic figures, and consolidates it into a report made with
 * `vn-2027-2030`; a 2026 plan still gets `vn-2022-2025`. No TypeScript names either standard.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/render/report-json.js';
import { root, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

interface ColumnJson {
  id: string;
  heading: string;
  kind: 'count' | 'percent';
  numerator?: string;
  denominator?: string;
}
interface FormsJson {
  forms: { id: string; columns: ColumnJson[] }[];
}

const templates = path.join(root, 'templates');
const forms2027 = JSON.parse(
  readFileSync(path.join(templates, 'forms', 'vn-2027-2030.json'), 'utf8'),
) as FormsJson;
const lack2027 = (
  JSON.parse(readFileSync(path.join(templates, 'standards', 'vn-2027-2030.json'), 'utf8')) as {
    indicators: { id: string }[];
  }
).indicators.map((i) => i.id);

type Values = Record<string, number>;

/** One village's counts, scaled by k, satisfying every rule of the 2027 rules (synthetic). */
function villageValues(k: number): Values {
  const v: Values = {
    households: 1000 * k + 37,
    poor: 200 * k,
    near_poor: 100 * k,
    poor_ethnic_minority: 150 * k,
    near_poor_ethnic_minority: 50 * k,
    poor_start: 249 * k,
    poor_exit_to_near_poor: 30 * k,
    poor_exit_above: 20 * k,
    poor_other_decrease: 5 * k,
    near_poor_to_poor: 2 * k,
    poor_relapsed: 1 * k,
    poor_new: 2 * k,
    poor_other_increase: 1 * k,
    poor_end: 200 * k,
    near_poor_start: 106 * k,
    near_poor_exit_to_poor: 2 * k,
    near_poor_exit_above: 35 * k,
    near_poor_other_decrease: 3 * k,
    poor_to_near_poor: 30 * k,
    near_poor_relapsed: 1 * k,
    near_poor_new: 2 * k,
    near_poor_other_increase: 1 * k,
    near_poor_end: 100 * k,
  };
  const poorLack = [100, 80, 50, 120, 90, 60, 70, 40, 60, 50, 30, 20];
  const nearLack = [20, 15, 10, 25, 15, 10, 10, 5, 10, 10, 5, 5];
  let poorSum = 0;
  let nearSum = 0;
  lack2027.forEach((id, i) => {
    v[`poor_lack_${id}`] = (poorLack[i] ?? 0) * k;
    v[`near_poor_lack_${id}`] = (nearLack[i] ?? 0) * k;
    poorSum += (poorLack[i] ?? 0) * k;
    nearSum += (nearLack[i] ?? 0) * k;
  });
  v.poor_deprivations = poorSum;
  v.near_poor_deprivations = nearSum;
  return v;
}

const cellText = (c: ExcelJS.Cell): string =>
  c.value === null || c.value === undefined
    ? ''
    : typeof c.value === 'object'
      ? c.text
      : String(c.value);

/**
 * Fills the template as a clerk would (village names and counts typed in), with the cached results
 * of its formulas that Excel would compute (exceljs does not recalculate).
 */
async function fill(src: string, dst: string, villages: { name: string; values: Values }[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const total: Values = {};
  for (const v of villages)
    for (const [k, n] of Object.entries(v.values)) total[k] = (total[k] ?? 0) + n;
  for (const spec of forms2027.forms) {
    const ws = wb.getWorksheet(`Biểu ${spec.id}`);
    if (!ws) throw new Error(`no sheet Biểu ${spec.id}`);
    let head = 0;
    for (let r = 1; r <= 20 && head === 0; r++) if (cellText(ws.getCell(r, 1)) === 'STT') head = r;
    const cols = new Map<string, number>();
    for (let c = 3; c <= 2 + spec.columns.length; c++) {
      const col = spec.columns.find((x) => x.heading === cellText(ws.getCell(head, c)));
      if (col) cols.set(col.id, c);
    }
    const totalRow = head + 2;
    const put = (row: number, values: Values): void => {
      for (const col of spec.columns) {
        const cell = ws.getCell(row, cols.get(col.id) ?? 0);
        if (col.kind === 'percent' && col.numerator && col.denominator) {
          const d = values[col.denominator] ?? 0;
          const n = values[col.numerator] ?? 0;
          cell.value = {
            formula: cell.formula,
            result: d === 0 ? 0 : Math.round((10000 * n) / d) / 100,
          };
        } else if (row === totalRow)
          cell.value = { formula: cell.formula, result: values[col.id] ?? 0 };
        else cell.value = values[col.id] ?? 0;
      }
    };
    villages.forEach((v, i) => {
      ws.getCell(totalRow + 1 + i, 2).value = v.name;
      put(totalRow + 1 + i, v.values);
    });
    put(totalRow, total);
  }
  await wb.xlsx.writeFile(dst);
}

/** Every text of a sheet's cells, as a user reads them. */
function sheetTexts(wb: ExcelJS.Workbook, sheet: string): string[] {
  const out: string[] = [];
  wb.getWorksheet(sheet)?.eachRow((row) => {
    row.eachCell((c) => {
      out.push(cellText(c));
    });
  });
  return out;
}

const temp = useTempFolder('povreport chuẩn 2027 ');
let data: string;

beforeAll(() => {
  data = path.join(temp.path, 'Dữ liệu tỉnh');
  for (const kind of ['registries', 'standards', 'forms', 'rules', 'vocabulary', 'plans', 'schema'])
    cpSync(path.join(templates, kind), path.join(data, kind), { recursive: true });
  writeFileSync(
    path.join(data, 'plans', 'test-2027.json'),
    JSON.stringify(
      {
        $comment: 'Synthetic test plan: Lào Cai, 2027 (illustrative dates and targets).',
        id: 'test-2027',
        year: 2027,
        registry: 'lao-cai-2025',
        source: 'Kế hoạch thử (synthetic)',
        periods: [
          {
            id: '2027',
            title: { vi: 'năm 2027', en: 'year 2027' },
            dueBefore: '2027-12-15',
            forms: ['01', '02', '03', '04', '05'],
          },
        ],
        baselineAsOf: '2026-12-31',
        province: { baselineRate: 4, targetReduction: 1, published: false },
        units: {},
      },
      null,
      2,
    ),
  );
});

describe('a 2027 plan takes the 2027 standard, from data alone', () => {
  let template2027: string;

  it('template --period 2027 (no --registry, no --plan): the plan of the period, the 2027 forms', async () => {
    const out = path.join(temp.path, 'mẫu 2027');
    const r = runCli([
      'template',
      '--data',
      data,
      '--period',
      '2027',
      '--unit',
      '04465',
      '--out',
      out,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Xã Khao Mang');
    const [name] = readdirSync(out).filter((n) => n.endsWith('.xlsx'));
    template2027 = path.join(out, name ?? '');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template2027);
    for (const sheet of ['Biểu 04', 'Biểu 05']) {
      expect(sheetTexts(wb, sheet)).toContain('Xử lý rác thải');
      expect(sheetTexts(wb, sheet)).not.toContain('Phương tiện phục vụ tiếp cận thông tin');
    }
    expect(sheetTexts(wb, 'povreport')).toContain('vn-2027-2030');
  });

  it('filled with consistent figures it validates clean, and consolidates with the waste indicator', async () => {
    const inbox = path.join(temp.path, 'hộp thư 2027');
    mkdirSync(inbox);
    const filled = path.join(inbox, 'Khao Mang 2027.xlsx');
    await fill(template2027, filled, [
      { name: 'Bản Khao Mang', values: villageValues(1) },
      { name: 'Bản Hồng Nhì', values: villageValues(2) },
      { name: 'Bản Dề Thàng', values: villageValues(3) },
    ]);

    const v = runCli(['validate', '--data', data, '--period', '2027', '--json', filled]);
    const doc = JSON.parse(v.out) as { summary: { errors: number; warnings: number } };
    expect(v.err).toBe('');
    expect(doc.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(v.code).toBe(0);

    // Without --period, the file's own period (2027) chooses the standard, not the registry's plan.
    const own = runCli([
      'validate',
      '--data',
      data,
      '--registry',
      'lao-cai-2025',
      '--json',
      filled,
    ]);
    expect(own.err).toBe('');
    const ownDoc = JSON.parse(own.out) as { summary: { errors: number; warnings: number } };
    expect(ownDoc.summary).toMatchObject({ errors: 0, warnings: 0 });

    const out = path.join(temp.path, 'tổng hợp 2027');
    const c = runCli([
      'consolidate',
      inbox,
      '--data',
      data,
      '--period',
      '2027',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect([0, 1]).toContain(c.code);
    const report = JSON.parse(
      readFileSync(path.join(out, 'tong-hop-2027.json'), 'utf8'),
    ) as ReportJson;
    expect(report).toMatchObject({
      standard: 'vn-2027-2030',
      plan: 'test-2027',
      registry: 'lao-cai-2025',
    });
    const khaoMang = report.units.find((u) => u.code === '04465');
    expect(khaoMang?.status).toBe('accepted');
    expect(khaoMang?.values.poor_lack_waste).toBe(20 * 6);
    expect(report.total).toHaveProperty('poor_lack_waste', 20 * 6);
    expect(report.total).toHaveProperty('near_poor_lack_waste', 5 * 6);
    expect(report.total).not.toHaveProperty('poor_lack_information');
    expect(report.total).not.toHaveProperty('near_poor_lack_information');
  });

  it('a 2026 plan of the same data folder still takes vn-2022-2025', async () => {
    const out = path.join(temp.path, 'mẫu 2026');
    const r = runCli([
      'template',
      '--data',
      data,
      '--period',
      '2026',
      '--unit',
      '04465',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const [name] = readdirSync(out).filter((n) => n.endsWith('.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, name ?? ''));
    expect(sheetTexts(wb, 'Biểu 04')).toContain('Phương tiện phục vụ tiếp cận thông tin');
    expect(sheetTexts(wb, 'Biểu 04')).not.toContain('Xử lý rác thải');
    expect(sheetTexts(wb, 'povreport')).toContain('vn-2022-2025');
  });
});

describe('no standard fits, or two do', () => {
  it('a plan for 2031: exit 2, naming the standards and what to do, in both languages', () => {
    const dir = path.join(temp.path, 'Dữ liệu 2031');
    cpSync(data, dir, { recursive: true });
    const plan = JSON.parse(
      readFileSync(path.join(dir, 'plans', 'test-2027.json'), 'utf8'),
    ) as Record<string, unknown>;
    Object.assign(plan, {
      id: 'test-2031',
      year: 2031,
      periods: [
        {
          id: '2031',
          title: { vi: 'năm 2031', en: 'year 2031' },
          dueBefore: '2031-12-15',
          forms: ['01', '02', '03', '04', '05'],
        },
      ],
    });
    writeFileSync(path.join(dir, 'plans', 'test-2031.json'), JSON.stringify(plan));
    const out = path.join(temp.path, 'mẫu 2031');
    const vi = runCli([
      'template',
      '--data',
      dir,
      '--period',
      '2031',
      '--unit',
      '04465',
      '--out',
      out,
    ]);
    expect(vi.code).toBe(2);
    expect(vi.err).toContain('Không có chuẩn nghèo nào áp dụng cho năm 2031');
    expect(vi.err).toContain('standards/vn-2022-2025.json (2022–2026)');
    expect(vi.err).toContain('standards/vn-2027-2030.json (2027–2030)');
    const en = runCli([
      'template',
      '--data',
      dir,
      '--period',
      '2031',
      '--unit',
      '04465',
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(en.code).toBe(2);
    expect(en.err).toContain('No poverty standard applies to the year 2031');
  });
});
