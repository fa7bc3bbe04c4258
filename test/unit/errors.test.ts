/**
 * The one mapping from what a run threw to its exit code (core/errors.ts), and the README's table
 * of exit codes, which must say every code the tool can end with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataFileError,
  EXIT,
  GridLimitError,
  ReadError,
  SIGNAL_EXITS,
  failureOf,
} from '../../src/core/errors.js';

describe('failureOf', () => {
  it('a ConfigError, a DataFileError: exit 2 with their message', () => {
    expect(failureOf(new ConfigError('--unit "999": không có đơn vị này'))).toEqual({
      kind: 'config',
      exit: 2,
      message: '--unit "999": không có đơn vị này',
    });
    const f = failureOf(
      new DataFileError([
        {
          file: 'plans/x.json',
          path: ['periods', 1, 'title'],
          message: { vi: 'thiếu', en: 'missing' },
        },
      ]),
    );
    expect(f.exit).toBe(2);
    expect(f.kind === 'config' && f.message).toContain('plans/x.json: periods[1].title: thiếu');
  });

  it('a file-system error the user can fix: exit 2, the path and the reason in words', () => {
    const e = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      path: '/srv/tong hop',
    });
    expect(failureOf(e)).toEqual({
      kind: 'file-system',
      exit: 2,
      message:
        'không đọc/ghi được "/srv/tong hop": không có quyền (permission denied). Kiểm tra đường dẫn và quyền ghi rồi chạy lại.',
    });
  });

  it('with --lang en, the message is English alone', () => {
    const config = new ConfigError({
      vi: '--unit "999": không có đơn vị này',
      en: '--unit "999": no such unit',
    });
    expect(failureOf(config, 'en')).toMatchObject({ message: '--unit "999": no such unit' });
    const e = Object.assign(new Error('EROFS'), { code: 'EROFS', path: '/mnt/báo cáo' });
    expect(failureOf(e, 'en')).toMatchObject({
      message:
        'cannot read or write "/mnt/báo cáo": read-only disk. Check the path and the permissions, then run again.',
    });
    const data = failureOf(
      new DataFileError([
        { file: 'plans/x.json', path: ['year'], message: { vi: 'thiếu', en: 'missing' } },
      ]),
      'en',
    );
    expect(data.kind === 'config' && data.message).toContain('plans/x.json: year: missing');
    expect(data.kind === 'config' && data.message).not.toMatch(/thiếu|Tệp dữ liệu/);
  });

  it('commander: --help and --version exit 0, a bad flag exits 2', () => {
    expect(failureOf(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).exit).toBe(
      0,
    );
    expect(failureOf(new CommanderError(1, 'commander.unknownOption', 'unknown')).exit).toBe(2);
  });

  it('anything else is a bug: exit 3, the error kept for the report', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(failureOf(bug)).toEqual({ kind: 'internal', exit: 3, error: bug });
    // The readers' own errors never leave a reader: met here, they are a bug too.
    expect(failureOf(new ReadError({ vi: 'hỏng', en: 'broken' })).exit).toBe(3);
    expect(failureOf(new GridLimitError(10)).exit).toBe(3);
    // An errno code the user cannot fix is not dressed up as one.
    expect(failureOf(Object.assign(new Error('x'), { code: 'ERR_INTERNAL_ASSERTION' })).exit).toBe(
      3,
    );
  });
});

describe("the README's table of exit codes", () => {
  it('has a row for every code the tool ends with', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Mã thoát (exit codes)'));
    const rows = table
      .split('\n')
      .slice(1)
      .filter((l) => /^\| \d/.test(l))
      .map((l) => l.split('|')[1]?.trim() ?? '');
    const codes = rows.flatMap((r) => r.split(',').map((c) => Number(c.trim())));
    expect(codes).toEqual(
      expect.arrayContaining([...Object.values(EXIT), ...Object.values(SIGNAL_EXITS)]),
    );
    expect(rows).toEqual(['0', '1', '2', '3', '130, 143, 129']);
  });
});
