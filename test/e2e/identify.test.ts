/**
 * The built binary on a workbook written by openpyxl (scripts/fixtures/make-identify-fixture.py):
 * the unit is named only in the signature block, the title names a recipient, and the period is
 * split over two title rows. Neither the file nor the folder name says whose or when.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');
const file = path.join(root, 'fixtures', 'identify', 'chu-ky-cuoi-bieu.xlsx');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('whose report and when, from the texts around the table', () => {
  it('reads the unit from the signature block and the period from two title rows', () => {
    const r = run(['validate', file, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      files: {
        unit: { code: string } | null;
        unitSource: string | null;
        period: string | null;
        periodSource: string | null;
        reportDate: string | null;
        valid: boolean;
      }[];
    };
    expect(doc.files[0]).toMatchObject({
      unit: { code: '135' },
      unitSource: 'signature',
      period: '2022-H1',
      periodSource: 'title',
      reportDate: '2022-06-10',
      valid: true,
    });
  });

  it('says where the unit was read, in Vietnamese and in English', () => {
    expect(run(['validate', file, '--verbose']).out).toContain(
      'đơn vị (nguồn: phần ký cuối biểu); kỳ (nguồn: phần đầu biểu)',
    );
    expect(run(['validate', file, '--verbose', '--lang', 'en']).out).toContain(
      'unit (from: signature block); period (from: title block)',
    );
  });
});
