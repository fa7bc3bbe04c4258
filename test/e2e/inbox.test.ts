/**
 * An inbox folder as an attacker or a careless colleague leaves it — a link back to a parent
 * folder, a named pipe and a link to a device named like reports, a broken link, entries the tool
 * may not read — and `--out` folders that would hang the run, destroy an input or be read back as
 * input next time. Each entry is named with what to do, nothing hangs, the other files go through,
 * and every input is byte-identical afterwards. Synthetic inboxes built from the shipped fixtures.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  accessSync,
  constants,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

interface ValidateJson {
  files: { file: string; unit: { code: string } | null; valid: boolean }[];
  findings: { code: string; file: string; severity: string; message: string }[];
}

const H1 = path.join(fixtures, '2022-H1');
const MU_CANG_CHAI = 'MuCangChai_2022-H1.xlsx';
const TRAM_TAU = 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx';
const VAN_YEN = 'VanYen_Bieu01-05_6thang2022.xlsx';

let dir: string;
const temp = useTempFolder('povreport hộp thư ');
beforeAll(() => {
  dir = temp.path;
  // Readable by the unprivileged account the permission test may run the binary as.
  chmodSync(dir, 0o755);
});

/** A fresh inbox with two good submissions, one in a sub-folder. */
function goodInbox(name: string): string {
  const inbox = path.join(dir, name);
  mkdirSync(path.join(inbox, 'Trạm Tấu'), { recursive: true });
  copyFileSync(path.join(H1, MU_CANG_CHAI), path.join(inbox, MU_CANG_CHAI));
  copyFileSync(path.join(H1, TRAM_TAU), path.join(inbox, 'Trạm Tấu', TRAM_TAU));
  return inbox;
}

/** Whether this system can make named pipes and links (not Windows, or not without rights). */
function canMakeSpecialFiles(probe: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    symlinkSync('nowhere', path.join(probe, '.probe-link'));
  } catch {
    return false;
  }
  return spawnSync('mkfifo', [path.join(probe, '.probe-fifo')]).status === 0;
}

const codesOf = (doc: ValidateJson, name: string): string[] =>
  doc.findings.filter((f) => path.basename(f.file) === name).map((f) => f.code);

describe('an inbox with entries that are no report', () => {
  it('names each (a loop, a pipe, a device, a broken link), never hangs, and reads the rest', (ctx) => {
    const probe = mkdtempSync(path.join(dir, 'probe'));
    if (!canMakeSpecialFiles(probe))
      ctx.skip('named pipes and links cannot be made on this system (Windows)');
    const inbox = goodInbox('hộp thư lạ');
    // A link back to the inbox (a loop), and a second link to a folder already read.
    symlinkSync(inbox, path.join(inbox, 'vòng lặp'));
    symlinkSync(path.join(inbox, 'Trạm Tấu'), path.join(inbox, 'Trạm Tấu (lối tắt)'));
    // A pipe named like a report: opened for reading it waits for a writer for ever.
    expect(spawnSync('mkfifo', [path.join(inbox, 'ống.xlsx')]).status).toBe(0);
    // A device named like a report: it never ends.
    symlinkSync('/dev/zero', path.join(inbox, 'thiết bị.csv'));
    symlinkSync(path.join(dir, 'đã xóa.xlsx'), path.join(inbox, 'hỏng.xlsx'));
    // A link to a real report elsewhere is followed.
    symlinkSync(path.join(H1, VAN_YEN), path.join(inbox, 'Văn Yên (lối tắt).xlsx'));
    const before = fingerprint(inbox);

    const r = runCli(['validate', inbox, '--period', '2022-H1', '--json']);
    expect(r.hung, 'validate must not hang').toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as ValidateJson;
    expect(codesOf(doc, 'ống.xlsx')).toEqual(['file-special']);
    expect(codesOf(doc, 'thiết bị.csv')).toEqual(['file-special']);
    expect(codesOf(doc, 'hỏng.xlsx')).toEqual(['link-broken']);
    expect(codesOf(doc, 'vòng lặp')).toEqual(['folder-repeated']);
    expect(codesOf(doc, 'Trạm Tấu (lối tắt)')).toEqual(['folder-repeated']);
    const valid = doc.files.filter((f) => f.valid && f.unit).map((f) => f.unit?.code);
    expect(valid.sort()).toEqual(['136', '137', '139']);
    // Each of the three reports once: the loop and the second link are not walked again.
    expect(doc.files.filter((f) => f.unit?.code === '139')).toHaveLength(1);

    const en = runCli(['validate', inbox, '--period', '2022-H1', '--lang', 'en']);
    expect(en.hung).toBe(false);
    expect(en.out).toContain(path.join(inbox, 'ống.xlsx'));
    expect(en.out).toContain('not a regular file but a pipe (FIFO), a device or a socket');
    expect(en.out).toMatch(/This is a link to ".*đã xóa\.xlsx", which no longer exists/);
    expect(en.out).toContain('was already read through another path (a link, or a loop');

    // The pipe named on the command line: the same finding, not a hang.
    const pipe = runCli(['validate', path.join(inbox, 'ống.xlsx')]);
    expect(pipe.hung).toBe(false);
    expect(pipe.code).toBe(1);
    expect(pipe.out).toContain('không phải tệp thông thường mà là một đường ống (FIFO)');

    // consolidate takes the three reports and lists the rest as files of no unit.
    const out = path.join(dir, 'tổng hợp lạ');
    const c = runCli(['consolidate', inbox, '--period', '2022-H1', '--out', out, '--json']);
    expect(c.hung).toBe(false);
    expect(c.code).toBe(1);
    const report = JSON.parse(c.out) as {
      units: { code: string; status: string }[];
      unassignedFiles: string[];
    };
    expect(report.units.filter((u) => u.status === 'accepted').map((u) => u.code)).toEqual([
      '136',
      '137',
      '139',
    ]);
    expect(report.unassignedFiles.map((f) => path.basename(f)).sort()).toEqual(
      ['hỏng.xlsx', 'thiết bị.csv', 'vòng lặp', 'Trạm Tấu (lối tắt)', 'ống.xlsx'].sort(),
    );
    expect(fingerprint(inbox)).toEqual(before);
  }, 60_000);

  it('names a file and a folder it may not read, and reads the rest', (ctx) => {
    if (process.platform === 'win32') ctx.skip('permissions are not POSIX modes on Windows');
    const inbox = goodInbox('hộp thư khóa');
    const secret = path.join(inbox, 'Văn Yên.xlsx');
    copyFileSync(path.join(H1, VAN_YEN), secret);
    const locked = path.join(inbox, 'Yên Bình');
    mkdirSync(locked);
    copyFileSync(path.join(H1, 'Yên Bình_6 tháng đầu năm 2022.xlsx'), path.join(locked, 'yb.xlsx'));
    const before = fingerprint(inbox);
    chmodSync(secret, 0o000);
    chmodSync(locked, 0o000);
    // As root, modes do not deny: the binary then runs as the unprivileged account, if there is
    // one to switch to.
    let as: { uid?: number; gid?: number } = {};
    const denied = (): boolean => {
      try {
        accessSync(secret, constants.R_OK);
        return false;
      } catch {
        return true;
      }
    };
    if (!denied()) {
      if (process.getuid?.() === 0) as = { uid: 65534, gid: 65534 };
      else ctx.skip('file modes do not deny reading here');
    }
    try {
      const r = runCli(['validate', inbox, '--period', '2022-H1', '--json'], as);
      if (as.uid !== undefined && r.code === null && !r.hung)
        ctx.skip('cannot run the binary as an unprivileged account here');
      expect(r.hung).toBe(false);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out) as ValidateJson;
      expect(codesOf(doc, 'Văn Yên.xlsx')).toEqual(['file-no-permission']);
      expect(codesOf(doc, 'Yên Bình')).toEqual(['folder-unreadable']);
      expect(doc.files.filter((f) => f.valid).map((f) => f.unit?.code)).toEqual(['137', '139']);
      const en = runCli(['validate', inbox, '--period', '2022-H1', '--lang', 'en'], as);
      expect(en.out).toContain('The account running povreport is not allowed to read this file.');
      expect(en.out).toContain('The tool may not list this folder');
    } finally {
      chmodSync(secret, 0o644);
      chmodSync(locked, 0o755);
    }
    expect(fingerprint(inbox)).toEqual(before);
  }, 60_000);
});

describe('--out checked before any work', () => {
  it('under /proc, /sys or on a device: exit 2 with a plain message, never a hang', (ctx) => {
    if (process.platform !== 'linux') ctx.skip('/proc and /sys are Linux folders');
    const inbox = goodInbox('hộp thư proc');
    for (const out of ['/proc/x', '/proc/povreport/tong-hop', '/sys/x', '/dev/null']) {
      const r = runCli(['consolidate', inbox, '--period', '2022-H1', '--out', out], {
        timeout: 20_000,
      });
      expect(r.hung, `--out ${out} must not hang`).toBe(false);
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(/thư mục của hệ điều hành, không ghi tệp vào đó được/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const en = runCli([
      'consolidate',
      inbox,
      '--period',
      '2022-H1',
      '--out',
      '/proc/x',
      '--lang',
      'en',
    ]);
    expect(en.err).toContain('--out "/proc/x" is under "/proc", a folder of the operating system');
    // template and remind check their --out as consolidate does: the same message, exit 2.
    const t = runCli(['template', '--period', '2022-H1', '--unit', '139', '--out', '/proc/x'], {
      timeout: 20_000,
    });
    expect(t.hung, 'template --out /proc/x must not hang').toBe(false);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/--out "\/proc\/x" nằm trong "\/proc", thư mục của hệ điều hành/);
    const m = runCli(
      ['remind', inbox, '--as-of', '2022-06-08', '--format', 'eml', '--out', '/proc/x'],
      { timeout: 20_000 },
    );
    expect(m.hung, 'remind --out /proc/x must not hang').toBe(false);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/--out "\/proc\/x" nằm trong "\/proc", thư mục của hệ điều hành/);
  }, 90_000);

  it('inside the inbox, equal to an input file, or replacing an input: exit 2, nothing written', () => {
    const inbox = goodInbox('hộp thư ra');
    const before = fingerprint(inbox);

    const inside = path.join(inbox, 'tổng hợp');
    const r = runCli(['consolidate', inbox, '--period', '2022-H1', '--out', inside]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out "${inside}" nằm trong thư mục đang đọc "${inbox}"`);
    expect(r.err).toContain('Chọn thư mục ghi ở ngoài');
    const en = runCli([
      'consolidate',
      inbox,
      '--period',
      '2022-H1',
      '--out',
      inside,
      '--lang',
      'en',
    ]);
    expect(en.err).toContain(`is inside the folder being read, "${inbox}"`);
    // Run from inside the inbox with the default --out ("out").
    const here = runCli(['consolidate', '.', '--period', '2022-H1'], { cwd: inbox });
    expect(here.code).toBe(2);
    expect(here.err).toContain('--out "out" nằm trong thư mục đang đọc "."');

    const file = path.join(inbox, MU_CANG_CHAI);
    const same = runCli(['consolidate', file, '--period', '2022-H1', '--out', file]);
    expect(same.code).toBe(2);
    expect(same.err).toContain('chính là một tệp đang được đọc');
    expect(fingerprint(inbox)).toEqual(before);

    // A report of an earlier run given back as an input: it would be replaced by the new one.
    const out = path.join(dir, 'tổng hợp ra');
    expect(runCli(['consolidate', file, '--period', '2022-H1', '--out', out]).code).toBe(1);
    const earlier = fingerprint(out);
    const back = runCli([
      'consolidate',
      path.join(out, 'tong-hop-2022-H1.csv'),
      '--period',
      '2022-H1',
      '--out',
      out,
    ]);
    expect(back.code).toBe(2);
    expect(back.err).toContain(`Tệp đầu vào "${path.join(out, 'tong-hop-2022-H1.csv')}"`);
    expect(fingerprint(out)).toEqual(earlier);
    expect(existsSync(path.join(inbox, 'tổng hợp'))).toBe(false);
    expect(readdirSync(inbox).sort()).toEqual([MU_CANG_CHAI, 'Trạm Tấu'].sort());
  }, 90_000);
});

describe('blank templates in the inbox', () => {
  it('are set aside with an info finding; the districts are read as without them', () => {
    const inbox = path.join(dir, 'hộp thư có mẫu');
    mkdirSync(inbox);
    for (const f of [MU_CANG_CHAI, TRAM_TAU, VAN_YEN])
      copyFileSync(path.join(H1, f), path.join(inbox, f));
    const args = (out: string): string[] => [
      'consolidate',
      inbox,
      '--period',
      '2022-H1',
      '--out',
      path.join(dir, out),
      '--format',
      'json',
      '--lang',
      'en',
    ];
    const plain = runCli(args('không mẫu'));
    expect(plain.code).toBe(1);
    // The Department issues every district's form into the inbox folder by mistake.
    const t = runCli(['template', '--period', '2022-H1', '--out', path.join(inbox, 'mẫu trống')]);
    expect(t.code).toBe(0);
    const templates = readdirSync(path.join(inbox, 'mẫu trống'));
    expect(templates).toHaveLength(9);
    const before = fingerprint(inbox);

    const r = runCli(args('có mẫu'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('9 blank forms made by povreport set aside, not counted as reports');
    type Doc = {
      completeness: { accepted: number; rejected: number; missing: number };
      total: Record<string, number | null>;
      units: { code: string; status: string; files: { file: string }[] }[];
      setAsideFiles: string[];
      unassignedFiles: string[];
      findings: { code: string; severity: string; file: string }[];
    };
    const read = (out: string): Doc =>
      JSON.parse(readFileSync(path.join(dir, out, 'tong-hop-2022-H1.json'), 'utf8')) as Doc;
    const doc = read('có mẫu');
    const without = read('không mẫu');
    // Three accepted, six missing, none rejected: as if the blank forms were not there.
    expect(doc.completeness).toEqual(without.completeness);
    expect([doc.completeness.accepted, doc.completeness.rejected]).toEqual([3, 0]);
    expect(doc.total).toEqual(without.total);
    expect(doc.units.map((u) => u.files)).toEqual(without.units.map((u) => u.files));
    expect(doc.setAsideFiles.map((f) => path.basename(f)).sort()).toEqual(templates.sort());
    expect(doc.unassignedFiles).toEqual([]);
    const notes = doc.findings.filter((f) => f.code === 'blank-template');
    expect(notes).toHaveLength(9);
    expect(notes.every((f) => f.severity === 'info')).toBe(true);
    expect(
      doc.findings.filter((f) => f.file.includes('mẫu trống') && f.code !== 'blank-template'),
    ).toEqual([]);

    // validate still tells a district checking its untouched form that there is nothing in it.
    const one = runCli(['validate', path.join(inbox, 'mẫu trống', templates[0] ?? '')]);
    expect(one.code).toBe(1);
    expect(one.out).toContain('Đây là mẫu biểu trống do povreport tạo cho');
    expect(one.out).toContain('empty-form');
    expect(fingerprint(inbox)).toEqual(before);
  }, 60_000);
});
