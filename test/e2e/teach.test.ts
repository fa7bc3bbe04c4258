/**
 * Teaching the tool a unit's file, as staff do it with the built binary: `validate` fails and
 * its findings give the exact `povreport map add` commands; running them writes
 * povreport-map.json; `validate` then passes and `--verbose` says the taught entries decided;
 * another unit's file is not affected. The workbook is synthetic (test/helpers/tran-yen.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tranYenGrids } from '../helpers/tran-yen.js';
import { writeXlsx } from '../helpers/write.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The words of a command line as a shell splits it (double quotes only, as the tool writes). */
function argv(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const UNREAD = 'Số hộ là đồng bào';

interface Doc {
  files: { valid: boolean; unit: { code: string } | null }[];
  findings: {
    code: string;
    severity: string;
    indicator: string | null;
    suggestion: string;
    teach?: string;
  }[];
}

let dir: string;
let file: string;

const temp = useTempFolder('povreport e2e dạy ');

beforeAll(async () => {
  dir = temp.path;
  file = path.join(dir, 'Báo cáo Trấn Yên 6 tháng 2022.xlsx');
  await writeXlsx(
    await tranYenGrids({
      headings: { poor_ethnic_minority: UNREAD },
      names: { 'Xã Minh Quán': 'Xã Quán Minh' },
    }),
    file,
  );
}, 120_000);

describe('teaching the tool a unit’s file (povreport map)', () => {
  it('validate fails, and the findings give the commands; running them makes the file pass', () => {
    const before = run(['validate', file, '--period', '2022-H1', '--json'], dir);
    expect(before.code).toBe(1);
    const doc = JSON.parse(before.out) as Doc;
    expect(doc.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'missing-column',
    ]);
    const missing = doc.findings.find((f) => f.code === 'missing-column');
    const heading = `povreport map add --unit 138 "${UNREAD}" poor_ethnic_minority`;
    expect(missing?.indicator).toBe('poor_ethnic_minority');
    expect(missing?.teach).toBe(heading);
    expect(missing?.suggestion).toContain(heading);
    const unknown = doc.findings.find((f) => f.code === 'subunit-unknown');
    const row = 'povreport map add --unit 138 --row "Xã Quán Minh" "=Xã Minh Quán"';
    expect(unknown?.suggestion).toContain(row);

    // The terminal shows the same command under the finding.
    const text = run(['validate', file, '--period', '2022-H1'], dir);
    expect(text.out).toContain(`→ Thêm lại cột theo đúng mẫu biểu`);
    expect(text.out).toContain(heading);

    for (const command of [heading, row]) {
      const [name, ...args] = argv(command);
      expect(name).toBe('povreport');
      const taught = run(args, dir);
      expect(taught.err).toBe('');
      expect(taught.code).toBe(0);
      expect(taught.out).toContain('Đã dạy cho Huyện Trấn Yên (138)');
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'povreport-map.json'), 'utf8'))).toEqual({
      version: 1,
      units: {
        '138': {
          headings: { [UNREAD]: 'poor_ethnic_minority' },
          rows: { 'Xã Quán Minh': '=Xã Minh Quán' },
        },
      },
    });

    const after = run(['validate', file, '--period', '2022-H1', '--verbose'], dir);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
    expect(after.out).toContain('✔');
    expect(after.out).toContain(
      `H  poor_ethnic_minority  ← "${UNREAD}" (theo tệp dạy (povreport map))`,
    );
    expect(after.out).toContain('đã dùng 2 mục dạy cho đơn vị Huyện Trấn Yên (138)');
    expect(after.out).not.toContain('subunit-unknown');
    expect(after.out).toContain('0 lỗi, 0 cảnh báo');

    const en = run(['validate', file, '--period', '2022-H1', '--verbose', '--lang', 'en'], dir);
    expect(en.out).toContain('used 2 taught entries for Huyện Trấn Yên (138)');

    const list = run(['map', 'list'], dir);
    expect(list.code).toBe(0);
    expect(list.out).toContain('"Hộ nghèo là người dân tộc thiểu số" (Biểu 01)');

    // consolidate reads it the same way: Trấn Yên is accepted, with Minh Quán's figures.
    const out = path.join(dir, 'tổng hợp');
    const cons = run(
      ['consolidate', file, '--period', '2022-H1', '--out', out, '--format', 'json'],
      dir,
    );
    expect(cons.code).toBe(1); // the other eight units have not reported
    const report = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022-H1.json'), 'utf8')) as {
      units: { code: string; status: string; subunits: { name: string }[] }[];
    };
    const tranYen = report.units.find((u) => u.code === '138');
    expect(tranYen?.status).toBe('accepted');
    expect(tranYen?.subunits.map((s) => s.name)).toContain('Xã Minh Quán');
  });

  it('what is taught for one unit does not touch another unit’s file', () => {
    writeFileSync(
      path.join(dir, 'povreport-map.json'),
      JSON.stringify({
        version: 1,
        units: { '138': { headings: { [UNREAD]: 'poor_ethnic_minority' } } },
      }),
    );
    const other = path.join(dir, 'khác', 'Báo cáo Văn Yên.xlsx');
    mkdirSync(path.dirname(other));
    copyFileSync(file, other);
    const r = run(['validate', other, '--period', '2022-H1', '--unit', '136', '--verbose'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Huyện Văn Yên (136)');
    expect(r.out).toContain('missing-column');
    expect(r.out).not.toContain('theo tệp dạy');
    expect(r.out).not.toContain('mục dạy');
    const same = run(['validate', file, '--period', '2022-H1'], dir);
    expect(same.code).toBe(0);
  });

  it('a broken teaching file stops every command with exit 2, naming the file and the place', () => {
    const bad = path.join(dir, 'dạy hỏng.json');
    writeFileSync(
      bad,
      JSON.stringify({ version: 1, units: { '138': { rows: { Cộng: 'tổng' } } } }),
    );
    for (const args of [
      ['validate', file, '--map', bad],
      ['consolidate', file, '--period', '2022-H1', '--map', bad, '--out', path.join(dir, 'x')],
      ['status', file, '--period', '2022-H1', '--map', bad],
      ['remind', file, '--map', bad, '--as-of', '2022-06-08'],
      ['map', 'list', '--map', bad],
    ]) {
      const r = run(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`Tệp dạy ${bad}: units["138"].rows["Cộng"]`);
    }
    const usage = run(['map', 'add', '--unit', '138', 'Ghi chú'], dir);
    expect(usage.code).toBe(2);
  });
});
