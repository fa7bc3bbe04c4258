/**
 * Files named after data stay in `--out`. Two walls: a unit code holding `../`, `\`, control
 * characters or bidirectional overrides is refused when the registry is read (exit 2); codes that
 * pass (device names such as CON, codes equal but for case) and names holding paths and escape
 * sequences (SYNTHETIC registry, see helpers/hostile-registry.ts) make `template` and `remind`
 * write one file per unit directly in the output folder, and nothing anywhere else; the inputs
 * are byte-identical afterwards.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { remind } from '../../src/commands/remind.js';
import { template } from '../../src/commands/template.js';
import {
  hashTree,
  listFiles,
  writeTestRegistry,
  type TestUnit,
} from '../helpers/hostile-registry.js';

const NOW = new Date('2022-06-08T01:00:00Z');

// Codes the data check lets through (plain letters, digits, - _ .) that are still no file name on
// Windows, and names holding paths, escape sequences and bidirectional overrides.
const UNITS: TestUnit[] = [
  { code: '135', name: 'Huyện Lục Yên', email: 'ldtbxh.lucyen@example.vn' },
  { code: '901', name: 'Huyện x/../../../../Thoát Ra', email: 'a@example.vn' },
  { code: '902', name: 'Huyện ..\\..\\..\\..\\Windows', email: 'c@example.vn' },
  { code: 'CON', name: 'CON', short: 'CON', email: 'e@example.vn' },
  { code: 'nul.txt', name: 'Huyện Nul', email: 'f@example.vn' },
  { code: 'LPT9', name: 'Huyện LPT', email: 'g@example.vn' },
  { code: '903', name: 'Huyện \x1b[31mĐỏ\x1b[0m\x07', email: 'i@example.vn' },
  { code: '904', name: 'Huyện \u202Egnp.exe', email: 'j@example.vn' },
  { code: 'a_b', name: 'Huyện A B', email: 'k@example.vn' },
  { code: 'A_B', name: 'Huyện A B', email: 'l@example.vn' },
  { code: '905', name: 'Phường Một'.normalize('NFD'), email: 'm@example.vn' },
];

// Codes that could leave the folder are refused when the registry is read.
const CODES_REFUSED = ['x/../../../../thoat', '..', 'x. ', 'a\x1b[2Jb', '\u202Egnp.exe'];

// What no file name in the output folder may hold or be.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
// What no terminal line may hold (line feeds end lines).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const STEERING = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

let inputs: string;
let inbox: string;
let files: { registry: string; plan: string };

beforeAll(async () => {
  inputs = mkdtempSync(path.join(os.tmpdir(), 'povreport-names-in-'));
  inbox = path.join(inputs, 'inbox');
  mkdirSync(inbox, { recursive: true });
  files = await writeTestRegistry(inputs, UNITS);
});

/**
 * A fresh folder and an output folder deep in it: `../../../..` from a file in the output folder
 * lands in the fresh folder, where the test looks.
 */
function outDir(): { root: string; out: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'povreport-names-'));
  return { root, out: path.join(root, 'l1', 'l2', 'out') };
}

function expectAllInside(root: string, out: string, expected: number): string[] {
  const everything = listFiles(root).map((f) => path.join(root, f));
  expect(everything.filter((f) => path.dirname(f) !== out)).toEqual([]);
  const names = listFiles(out);
  expect(names).toHaveLength(expected);
  for (const n of names) {
    expect(path.basename(n)).toBe(n);
    expect(n).not.toMatch(CONTROL);
    expect(n).not.toMatch(/[. ]$/);
    expect(RESERVED.test(n.split('.')[0] ?? '')).toBe(false);
  }
  return names;
}

describe('file names from unit codes', () => {
  it('template writes one workbook per unit, all directly in --out, the unit code kept inside', async () => {
    const before = hashTree(inputs);
    const { root, out } = outDir();
    const lines: string[] = [];
    const code = await template({
      period: '2022-H1',
      registry: files.registry,
      out,
      lang: 'vi',
      now: NOW,
      write: (s) => lines.push(s),
    });
    expect(code).toBe(0);
    const names = expectAllInside(root, out, UNITS.length);
    expect(names).toContain('bieu-mau-135-luc-yen-2022-H1.xlsx');
    expect(names).toContain('bieu-mau-901-x-thoat-ra-2022-H1.xlsx');
    // Written in decomposed letters (NFD), "Phường" is still the kind word: the short name is "Một".
    expect(names).toContain('bieu-mau-905-mot-2022-H1.xlsx');
    expect(names).toContain('bieu-mau-_nul.txt-nul-2022-H1.xlsx');
    // "a_b" and "A_B" are one name on Windows: two files, neither overwritten.
    expect(names.filter((n) => /^bieu-mau-a_b-a-b-2022-H1/i.test(n))).toHaveLength(2);
    expect(hashTree(inputs)).toEqual(before);

    // The hidden sheet still names the unit exactly, so the returned file is identified.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'bieu-mau-_nul.txt-nul-2022-H1.xlsx'));
    expect(wb.getWorksheet('povreport')?.getCell('B1').value).toBe('nul.txt');

    // The terminal shows the escape sequences of a name instead of obeying them.
    const text = lines.join('');
    expect(text).not.toMatch(STEERING);
    expect(text).toContain('Huyện \\x1B[31mĐỏ\\x1B[0m');
  });

  it('remind --format eml writes one letter per unit, all directly in --out', async () => {
    const before = hashTree(inputs);
    const { root, out } = outDir();
    const lines: string[] = [];
    const code = await remind({
      paths: [inbox],
      registry: files.registry,
      asOf: '2022-06-08',
      daysBefore: [7],
      overdueEvery: 1,
      format: 'eml',
      out,
      lang: 'en',
      now: NOW,
      write: (s) => lines.push(s),
    });
    expect(code).toBe(0);
    const names = expectAllInside(root, out, UNITS.length + 1);
    expect(names).toContain('2022-H1-135-luc-yen.eml');
    expect(names).toContain('2022-H1-901-x-thoat-ra.eml');
    expect(names).toContain('2022-H1-tong-hop.eml');
    expect(names.filter((n) => /^2022-H1-a_b-/i.test(n))).toHaveLength(2);
    expect(lines.join('')).not.toMatch(STEERING);
    expect(hashTree(inputs)).toEqual(before);
  });

  it('a unit code that could leave the folder is refused when the registry is read, before anything is written', async () => {
    for (const bad of CODES_REFUSED) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport-names-bad-'));
      const reg = await writeTestRegistry(dir, [
        ...UNITS.slice(0, 1),
        { code: bad, name: 'Huyện X' },
      ]);
      const { root, out } = outDir();
      await expect(
        template({
          period: '2022-H1',
          registry: reg.registry,
          out,
          lang: 'vi',
          now: NOW,
          write: () => undefined,
        }),
      ).rejects.toThrow(/units\[1\]\.code/);
      expect(listFiles(root)).toEqual([]);
    }
  });
});
