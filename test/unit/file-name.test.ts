/**
 * File names made from data: whatever a unit code or name holds, the name is one file in the
 * output folder on every system the tool runs on.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileNamePart, uniqueFileName } from '../../src/core/file-name.js';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** What Windows and POSIX both need of one component of a path. */
function assertSafe(name: string): void {
  expect(name).not.toBe('');
  expect(name).not.toBe('.');
  expect(name).not.toBe('..');
  expect(name).not.toMatch(/[/\\:*?"<>|]/);
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  expect(name).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  expect(name).not.toMatch(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
  );
  expect(name).not.toMatch(/[. ]$/);
  expect(name).not.toMatch(/^\./);
  expect(RESERVED.test((name.split('.')[0] ?? '').trimEnd())).toBe(false);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(120);
  expect(path.posix.basename(name)).toBe(name);
  expect(path.win32.basename(name)).toBe(name);
  expect(path.join('out', name).startsWith(`out${path.sep}`)).toBe(true);
}

describe('safeFileNamePart', () => {
  it.each([
    ['../../etc/passwd', '_etc_passwd'],
    ['x/../../../thoat', 'x_thoat'],
    ['..\\..\\Windows', '_Windows'],
    ['..', '_'],
    ['.', '_'],
    ['a/b', 'a_b'],
    ['a\\b', 'a_b'],
    ['C:evil', 'C_evil'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['COM1', '_COM1'],
    ['lpt9.eml', '_lpt9.eml'],
    ['COM¹', '_COM¹'],
    ['CONSOLE', 'CONSOLE'],
    ['x. ', 'x'],
    ['x...', 'x'],
    ['  .hidden', 'hidden'],
    ['a\x1b[31mb', 'a_[31mb'],
    ['bell\x07\r\nline', 'bell_line'],
    ['\u202Eexe.txt', '_exe.txt'],
    ['a\u0085b', 'a_b'],
    ['', '_'],
    ['???', '_'],
  ])('%j → %j', (input, expected) => {
    const got = safeFileNamePart(input);
    expect(got).toBe(expected);
    assertSafe(got);
  });

  it('keeps Vietnamese letters, in NFC whatever the registry was typed in', () => {
    const nfd = 'Phường Hồng Hà'.normalize('NFD');
    expect(safeFileNamePart(nfd)).toBe('Phường Hồng Hà'.normalize('NFC'));
    expect(safeFileNamePart('Xã Nậm Búng')).toBe('Xã Nậm Búng');
  });

  it('cuts a long name at 120 bytes without splitting a letter', () => {
    const got = safeFileNamePart('Đường '.repeat(60));
    expect(Buffer.byteLength(got)).toBeLessThanOrEqual(120);
    expect(got.startsWith('Đường Đường')).toBe(true);
    expect(got).not.toMatch(/\uFFFD/);
  });

  it('a fallback stands in for a name with nothing left', () => {
    expect(safeFileNamePart('/..', 'don-vi')).toBe('don-vi');
    expect(safeFileNamePart('..', '../x')).toBe('_x');
  });

  it('any text at all gives one safe component (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(
              fc.constantFrom('..', '/', '\\', '.', ' ', 'CON', 'nul', 'COM1', '\x1b', 'ạ', ':'),
            )
            .map((a) => a.join('')),
        ),
        (s) => {
          assertSafe(safeFileNamePart(s));
        },
      ),
      { seed: 20220615, numRuns: 2000 },
    );
  });
});

describe('uniqueFileName', () => {
  it('two units whose codes make the same name do not overwrite each other', () => {
    const taken = new Set<string>();
    expect(uniqueFileName('bieu-mau-a_b-x.xlsx', taken)).toBe('bieu-mau-a_b-x.xlsx');
    expect(uniqueFileName('bieu-mau-a_b-x.xlsx', taken)).toBe('bieu-mau-a_b-x-2.xlsx');
    // Windows does not tell case apart.
    expect(uniqueFileName('BIEU-MAU-A_B-X.xlsx', taken)).toBe('BIEU-MAU-A_B-X-3.xlsx');
  });
});
