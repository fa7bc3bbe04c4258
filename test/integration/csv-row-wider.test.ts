/**
 * A comma-separated file whose numbers carry a thousands comma and are not quoted ("3,122"): each
 * such number is split into two cells and every figure after it on the row moves one column
 * right. The rows are wider than the heading; the tool says so at the column past the heading
 * (`csv-row-wider`, an error naming the rows and the cause) before the many arithmetic errors the
 * shift brings. The same file written by Python's csv module, which quotes those numbers, is
 * read as it was meant. The files are the shipped SYNTHETIC Văn Chấn CSVs (fixtures/2022-H1),
 * re-written: by a naive exporter (fields joined with commas, never quoted, written here) and by
 * Python's csv module (another program's quoting). Found by an outside tester (q24t, q24u).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/read-csv.js';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { validateJson } from '../helpers/validate-json.js';

const tmp = useTempFolder('povreport-csv-row-wider-');
const SOURCE = path.resolve('fixtures/2022-H1');
const B01 = 'VanChan_Bieu01_2022-H1.csv';
const OTHERS = readdirSync(SOURCE).filter(
  (f) => f.startsWith('VanChan_') && f.endsWith('.csv') && f !== B01,
);

/**
 * Biểu 01's fields: `;`-separated, decimal comma, no quotes (its encoding is the reader's to tell,
 * not what this test is about).
 */
const b01Fields = (): string[][] =>
  decodeText(readFileSync(path.join(SOURCE, B01)))
    .text.split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(';'));

/** A figure as an English-locale program shows it: thousands comma, decimal point. */
const english = (field: string): string =>
  /^-?\d+(,\d+)?$/.test(field)
    ? Number(field.replace(',', '.')).toLocaleString('en-US', { maximumFractionDigits: 2 })
    : field;

/** Văn Chấn's five files in `dir`: Biểu 01 given by `write`, the other four as shipped. */
function submission(dir: string, write: (file: string) => void): string[] {
  mkdirSync(dir, { recursive: true });
  for (const f of OTHERS) copyFileSync(path.join(SOURCE, f), path.join(dir, f));
  write(path.join(dir, B01));
  return readdirSync(dir).map((f) => path.join(dir, f));
}

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : null;

describe('a comma-separated file with unquoted thousands commas', () => {
  it('is refused with the cause named at the column past the heading', async () => {
    // A naive exporter: the fields joined with commas, none quoted.
    const files = submission(path.join(tmp.path, 'naive'), (file) => {
      writeFileSync(
        file,
        b01Fields()
          .map((row) => row.map(english).join(','))
          .join('\r\n'),
      );
    });
    const doc = await validateJson(files, 'en');
    const b01 = doc.findings.filter((f) => f.file.endsWith(B01));
    const wider = b01.filter((f) => f.code === 'csv-row-wider');
    expect(wider.map((f) => [f.cell, f.severity])).toEqual([['J4', 'error']]);
    expect(wider[0]?.message).toMatch(/heading ends at column I/);
    expect(wider[0]?.message).toMatch(/rows 5, 6, 7/);
    expect(wider[0]?.message).toMatch(/3,122/);
    // The first finding of the file, before the arithmetic errors the shifted figures bring.
    expect(b01.find((f) => f.severity === 'error')?.code).toBe('csv-row-wider');
    const unit = await consolidatedUnit(files, '2022-H1', '140');
    expect(unit?.status).not.toBe('accepted');
  });

  it.skipIf(python === null)(
    'written by a program that quotes them is read as it was meant',
    async () => {
      const original = await consolidatedUnit(
        submission(path.join(tmp.path, 'shipped'), (file) => {
          copyFileSync(path.join(SOURCE, B01), file);
        }),
        '2022-H1',
        '140',
      );
      const tab = path.join(tmp.path, 'b01.tsv');
      writeFileSync(
        tab,
        b01Fields()
          .map((row) => row.map(english).join('\t'))
          .join('\n'),
      );
      // Python's csv module writes the fields, quoting those that hold a comma.
      const files = submission(path.join(tmp.path, 'quoted'), (file) => {
        const r = spawnSync(python ?? '', [
          '-c',
          [
            'import csv, sys',
            "rows = [l.rstrip('\\n').split('\\t') for l in open(sys.argv[1], encoding='utf-8')]",
            "with open(sys.argv[2], 'w', encoding='utf-8', newline='') as out:",
            '    csv.writer(out).writerows(rows)',
          ].join('\n'),
          tab,
          file,
        ]);
        expect(r.status, String(r.stderr)).toBe(0);
      });
      expect(readFileSync(path.join(tmp.path, 'quoted', B01), 'utf8')).toContain('"3,122"');
      const doc = await validateJson(files, 'en');
      expect(doc.findings.filter((f) => f.code === 'csv-row-wider')).toEqual([]);
      const unit = await consolidatedUnit(files, '2022-H1', '140');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
    },
  );
});
