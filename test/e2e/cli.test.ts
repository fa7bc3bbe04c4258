/**
 * The built binary, as a user runs it: exit codes, JSON output, messages, paths with spaces and
 * Vietnamese letters, inputs left untouched.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fiveForms, lucYenRows } from '../helpers/build.js';
import { writeXlsx } from '../helpers/write.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
let good: string;
let bad: string;

const temp = useTempFolder('povreport e2e ');

beforeAll(async () => {
  dir = temp.path;
  const inbox = path.join(dir, 'Hộp thư đến');
  mkdirSync(inbox);
  good = path.join(inbox, 'Báo cáo Lục Yên 6 tháng 2022.xlsx');
  await writeXlsx(await fiveForms(), good);
  const rows = lucYenRows();
  if (rows[0]) rows[0].values = { ...rows[0].values, poor: 250 };
  bad = path.join(inbox, 'Văn Yên sai.xlsx');
  const grids = await fiveForms(rows);
  for (const g of grids) {
    const t = g.rows[0];
    if (t) t[0] = { value: 'UBND HUYỆN VĂN YÊN' };
  }
  await writeXlsx(grids, bad);
  writeFileSync(path.join(inbox, '~$Báo cáo Lục Yên 6 tháng 2022.xlsx'), 'lock');
  writeFileSync(
    path.join(inbox, 'cu.xls'),
    Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]),
  );
}, 120_000);

describe('povreport validate', () => {
  it('exits 0 on a valid submission and prints the unit, period and forms', () => {
    const r = run(['validate', good, '--period', '2022-H1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✔');
    expect(r.out).toContain('Huyện Lục Yên (135) · 2022-H1 · Biểu 01, 02, 03, 04, 05');
    expect(r.err).toBe('');
  });

  it('walks a folder, skips lock files, and exits 1 with cell-level findings in JSON', () => {
    const r = run(['validate', path.dirname(good), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      files: {
        file: string;
        unit: { code: string } | null;
        period: string | null;
        forms: string[];
        valid: boolean;
      }[];
      findings: Record<string, unknown>[];
      summary: { files: number; errors: number; warnings: number };
    };
    expect(doc.files.map((f) => path.basename(f.file)).sort()).toEqual(
      ['Báo cáo Lục Yên 6 tháng 2022.xlsx', 'cu.xls', 'Văn Yên sai.xlsx'].sort(),
    );
    expect(doc.summary.files).toBe(3);
    const xls = doc.findings.find((f) => f.code === 'file-xls');
    expect(xls).toMatchObject({ severity: 'error', sheet: null, cell: null });
    const wrong = doc.findings.filter((f) => f.unit === '136' && f.severity === 'error');
    expect(wrong.length).toBeGreaterThan(0);
    for (const f of doc.findings)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining([
          'code',
          'severity',
          'file',
          'sheet',
          'cell',
          'row',
          'unit',
          'subunit',
          'form',
          'indicator',
          'message',
        ]),
      );
    const rate = wrong.find((f) => f.code === 'rate-mismatch');
    expect(rate).toMatchObject({
      sheet: 'Biểu 01',
      cell: 'E5',
      row: 5,
      form: '01',
      indicator: 'poor_rate',
      subunit: 'Xã An Phú',
    });
    expect(String(rate?.message)).toMatch(/Tỷ lệ hộ nghèo/);
  });

  it('speaks English with --lang en and caps findings with --max-findings', () => {
    const r = run(['validate', bad, '--lang', 'en', '--max-findings', '2']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Checked 1 file:/);
    expect(r.out).toContain('findings-truncated');
    expect(r.out).toMatch(/more findings for this file are not listed/);
  });

  it('a PDF found in a folder is a warning, not an error; a PDF named .xlsx is an error', () => {
    const folder = path.join(dir, 'có công văn');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'Công văn kèm theo.pdf'), '%PDF-1.4\n%…');
    const r = run(['validate', folder, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { findings: { code: string; severity: string }[] };
    expect(doc.findings).toMatchObject([{ code: 'file-not-spreadsheet', severity: 'warning' }]);
    writeFileSync(path.join(folder, 'bao cao.xlsx'), '%PDF-1.4\n%…');
    expect(run(['validate', path.join(folder, 'bao cao.xlsx')]).code).toBe(1);
  });

  it('--verbose shows which column each indicator came from', () => {
    const r = run(['validate', good, '--verbose']);
    expect(r.out).toMatch(/D\s+poor\s+← "Số hộ nghèo"/);
  });

  it('never modifies its inputs', () => {
    const before = createHash('sha256').update(readFileSync(bad)).digest('hex');
    run(['validate', bad]);
    expect(createHash('sha256').update(readFileSync(bad)).digest('hex')).toBe(before);
  });

  it('exits 2 on usage and configuration errors, without a stack trace', () => {
    for (const args of [
      ['validate'],
      ['validate', good, '--period', 'H1-2022'],
      ['validate', good, '--lang', 'fr'],
      ['validate', path.join(dir, 'không có.xlsx')],
      ['validate', good, '--unit', '999'],
      ['validate', good, '--registry', path.join(dir, 'none.json')],
      ['frobnicate'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('a --send that is no mail server (bad port, port 0, another scheme) is exit 2 before any letter', () => {
    // Outside tester AB: "smtp://127.0.0.1:abc" was an internal error (exit 3) at the first
    // letter; "smtp://127.0.0.1:0" went quietly to port 587.
    for (const url of [
      'smtp://127.0.0.1:abc',
      'smtp://127.0.0.1:0',
      'http://127.0.0.1:25',
      'smtp://',
    ]) {
      const out = path.join(dir, 'remind-send', url.replace(/\W+/g, '-'));
      const r = run(['remind', good, '--as-of', '2022-06-08', '--send', url, '--out', out]);
      expect(r.code, url).toBe(2);
      expect(r.err, url).toContain('smtp://máy:cổng');
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(existsSync(out), url).toBe(false);
    }
  });

  it('a folder that cannot be written, or a broken plan, is exit 2 with a plain message', () => {
    const notAFolder = path.join(dir, 'tệp thường');
    writeFileSync(notAFolder, 'x');
    const r = run([
      'consolidate',
      good,
      '--period',
      '2022-H1',
      '--out',
      path.join(notAFolder, 'con'),
    ]);
    expect(r.code).toBe(2);
    // The file in the way is named, and said not to be a folder.
    expect(r.err).toMatch(/"[^"]*tệp thường" là một tệp, không phải thư mục/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const plan = path.join(dir, 'ke-hoach-sai.json');
    writeFileSync(
      plan,
      JSON.stringify({
        id: 'x',
        periods: [{ id: '2022-H1', dueBefore: '2022-02-30', forms: ['01'] }],
        province: { baselineRate: 1 },
        units: {},
      }),
    );
    const p = run(['consolidate', good, '--period', '2022-H1', '--plan', plan]);
    expect(p.code).toBe(2);
    expect(p.err).toContain('2022-02-30');
  });

  it('says a usage error in Vietnamese, the English after it; in English alone with --lang en', () => {
    // commander's own messages were English only under the default Vietnamese (an outside
    // reader of the README).
    for (const [args, vi] of [
      [['validate', good, '--bogus'], "lỗi: không có tùy chọn '--bogus'"],
      [['validate', good, '--lang', 'fr'], 'Chọn một trong: vi, en.'],
      [['map', 'add', 'x', 'y'], "lỗi: thiếu tùy chọn bắt buộc '--unit <unit>'"],
      [['frobnicate'], "lỗi: không có lệnh 'frobnicate'"],
    ] as const) {
      const r = run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(vi);
      expect(r.err).toMatch(/\(error: /);
    }
    const en = run(['validate', good, '--lang', 'en', '--bogus']);
    expect(en.err).toContain("error: unknown option '--bogus'");
    expect(en.err).not.toContain('lỗi');
    expect(run(['--help']).out).toContain('xem cách dùng (display help for command)');
  });

  it('prints help and version with exit 0', () => {
    expect(run(['--help']).code).toBe(0);
    expect(run(['validate', '--help']).out).toContain('--max-findings');
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
