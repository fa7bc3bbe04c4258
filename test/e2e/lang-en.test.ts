/**
 * `--lang en` says everything in English: no Vietnamese reason, label or hint inside an English
 * message. What the files hold (file, sheet and unit names, headings, cell text) stays as written;
 * quoted data is left out before looking, and the words looked for are those of the tool's own
 * Vietnamese messages, which never appear in the synthetic fixtures' data.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, root, runCli } from '../helpers/cli.js';

/** Words of the tool's Vietnamese sentences (reasons, labels, hints), never of the data. */
const VIETNAMESE_ONLY = [
  'tệp',
  'phải',
  'chưa',
  'của',
  'hoặc',
  'hợp lệ',
  'thư mục',
  'nén',
  'tải về',
  'dữ liệu',
  'được',
  'đây là',
  'hỏng',
  'giới hạn',
  'mật khẩu',
  'không tìm thấy',
  'lỗi',
  'nội bộ',
  'sửa',
  'chạy lại',
  'lược đồ',
  'trường',
  'danh mục',
  'kế hoạch',
  'từ vựng',
  'cần',
  'ngày',
  'đơn vị',
  'đường dẫn',
  'kỳ',
  'ví dụ',
];

/** The Vietnamese words of the list found in a text, quoted data left out. */
function vietnameseWords(text: string): string[] {
  const unquoted = text.replace(/"[^"\n]*"|“[^”\n]*”/g, '""');
  return VIETNAMESE_ONLY.filter((w) =>
    new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, 'iu').test(unquoted),
  ).map((w) => `${w}: ${unquoted.split('\n').find((l) => l.toLowerCase().includes(w)) ?? ''}`);
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'povreport lang en '));
  // A data folder whose vocabulary is not JSON, and one whose registry breaks its schema.
  cpSync(path.join(root, 'templates'), path.join(dir, 'not json'), { recursive: true });
  writeFileSync(path.join(dir, 'not json', 'vocabulary', 'vi.json'), '{ "version": 1,');
  cpSync(path.join(root, 'templates'), path.join(dir, 'bad schema'), { recursive: true });
  const registry = path.join(dir, 'bad schema', 'registries', 'yen-bai-2022.json');
  writeFileSync(registry, '{ "id": "yen-bai-2022", "standard": 5, "extra": true }');
  // A teaching file with an unknown field, a unit that is not in the registry and a bad role.
  writeFileSync(
    path.join(dir, 'map.json'),
    JSON.stringify({ version: 1, units: { '138': { rows: { Tổng: 'sum' } } } }),
  );
  writeFileSync(path.join(dir, 'map2.json'), JSON.stringify({ version: 1, units: { '999': {} } }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('--lang en', () => {
  it.each(['broken', 'formats', 'shapes'])('validate fixtures/%s says no Vietnamese', (folder) => {
    const r = runCli(['validate', path.join(fixtures, folder), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(vietnameseWords(r.out + r.err)).toEqual([]);
  });

  it.each([
    ['consolidate', '--period', '2022-H1', '--out'],
    ['status', '--period', '2022-H1'],
  ])('%s fixtures/formats says no Vietnamese', (...args) => {
    const out = args.at(-1) === '--out' ? [path.join(dir, 'out')] : [];
    const r = runCli([...args, ...out, path.join(fixtures, 'formats'), '--lang', 'en']);
    expect(r.out).not.toBe('');
    expect(vietnameseWords(r.out + r.err)).toEqual([]);
  });

  it.each(['not json', 'bad schema'])('a data folder with %s: the error is English', (data) => {
    const r = runCli([
      'validate',
      path.join(fixtures, 'formats'),
      '--data',
      path.join(dir, data),
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON|Broken data file/);
    expect(vietnameseWords(r.err)).toEqual([]);
  });

  it.each([
    [['validate', 'no such folder here']],
    [['status', '--period', '2022-H1', '--as-of', '10/6/2022', 'no such folder here']],
    [['remind', '--period', '2022-H1', '--days-before', '-1', 'no such folder here']],
    [['remind', '--period', '2022-H1', '--format', 'eml', 'no such folder here']],
    [['template', '--period', 'sáu tháng']],
    [['validate', '--unit', 'Huyện Không Có', 'no such folder here']],
    [['validate', '--map', 'map.json', path.join(fixtures, 'formats')]],
    [['validate', '--map', 'map2.json', path.join(fixtures, 'formats')]],
  ])('a bad flag or path (%j): the error is English', (args) => {
    const r = runCli([...args, '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(vietnameseWords(r.err)).toEqual([]);
  });

  it.each(['validate', 'consolidate', 'template', 'status', 'remind', 'map', 'trend'])(
    '%s --help is English alone',
    (command) => {
      const r = runCli([command, '--help', '--lang', 'en']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: povreport');
      expect(vietnameseWords(r.out)).toEqual([]);
    },
  );
});
