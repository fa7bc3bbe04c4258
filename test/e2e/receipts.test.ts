/**
 * True receipt dates, as a clerk runs the tool: an inbox where three districts' reports came as
 * saved e-mails (fixtures/mail/2022-H1), and the shipped inbox with the office's receipt log
 * (--receipts). The dates and senders reach the JSON and the workbook; a report whose date nobody
 * knows is "chưa rõ ngày nhận", counted apart and never late; and the figures are the same
 * whatever the files' modification times, on any machine and any day.
 */
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const H1 = path.join(fixtures, '2022-H1');
const MAIL = path.join(fixtures, 'mail', '2022-H1');
const LOG = path.join(fixtures, 'so-nhan-bao-cao-2022-H1.csv');
const BY_MAIL = [/^VanChan_/, /^Yên Bình_6 tháng/, /^Nghĩa Lộ - báo cáo 6 tháng/].map(
  (re) => (name: string) => re.test(name.normalize('NFC')),
);

interface ReportJson {
  units: {
    code: string;
    status: string;
    files: {
      file: string;
      reportDate: string | null;
      dateSource: string | null;
      sender?: string;
      onTime: boolean | null;
    }[];
  }[];
  completeness: Record<string, number>;
  findings: { code: string; file: string }[];
}

const temp = useTempFolder('povreport ngày nhận ');
let mailInbox: string;
beforeAll(() => {
  mailInbox = path.join(temp.path, 'Hộp thư 2022-H1');
  mkdirSync(mailInbox);
  for (const f of readdirSync(H1))
    if (!BY_MAIL.some((m) => m(f))) copyFileSync(path.join(H1, f), path.join(mailInbox, f));
  for (const f of readdirSync(MAIL)) copyFileSync(path.join(MAIL, f), path.join(mailInbox, f));
});

/** A copy of the shipped inbox with every file's modification time set to `when`. */
function copyWithTime(name: string, when: Date): string {
  const dir = path.join(temp.path, name);
  mkdirSync(dir);
  for (const f of readdirSync(H1)) {
    copyFileSync(path.join(H1, f), path.join(dir, f));
    utimesSync(path.join(dir, f), when, when);
  }
  return dir;
}

describe('reports that came as e-mails', () => {
  it('each attachment is a file of its unit, received on the message’s day in Vietnam, from its sender', async () => {
    const before = fingerprint(mailInbox);
    const out = path.join(temp.path, 'out-thu');
    const r = runCli([
      'consolidate',
      mailInbox,
      '--period',
      '2022-H1',
      '--format',
      'json,xlsx',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as ReportJson;
    const vanChan = j.units.find((u) => u.code === '140');
    expect(vanChan?.status).toBe('accepted');
    expect(vanChan?.files.map((f) => path.basename(f.file))).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Văn Chấn - BC 6 tháng 2022.eml › VanChan_Bieu0${n}_2022-H1.csv`),
    );
    // Sent at 00:40 on 15/06 Vietnam time: late for "before 15/06".
    expect(vanChan?.files[0]).toMatchObject({
      reportDate: '2022-06-15',
      dateSource: 'e-mail',
      sender: 'ldtbxh.vanchan@example.vn',
      onTime: false,
    });
    expect(j.units.find((u) => u.code === '141')?.files[0]).toMatchObject({
      reportDate: '2022-06-13',
      dateSource: 'e-mail',
      sender: 'ldtbxh.yenbinh@example.vn',
      onTime: true,
    });
    expect(j.units.find((u) => u.code === '139')?.files[0]).toMatchObject({
      dateSource: 'date-line',
      onTime: true,
    });
    expect(j.units.find((u) => u.code === '139')?.files[0]?.sender).toBeUndefined();
    expect(j.completeness).toMatchObject({ accepted: 9, onTime: 8, late: 1, unknownDate: 0 });
    // The covering PDF in Văn Chấn's message is no finding of any unit's report.
    expect(j.findings.filter((f) => f.code.startsWith('email-'))).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tong-hop-2022-H1.xlsx'));
    const ws = wb.getWorksheet('Tình hình nộp báo cáo');
    const texts: string[] = [];
    ws?.eachRow((row) => {
      row.eachCell((c) => {
        texts.push(c.text);
      });
    });
    expect(texts).toContain(
      `${path.join(mailInbox, 'Văn Chấn - BC 6 tháng 2022.eml')} › VanChan_Bieu01_2022-H1.csv\n(gửi từ ldtbxh.vanchan@example.vn)`,
    );
    expect(texts).toContain('15/06/2022\n(theo ngày gửi thư)');
    expect(texts).toContain('Muộn');
    expect(texts.some((t) => t.includes('muộn: 1; chưa rõ ngày nhận: 0'))).toBe(true);
    // Nothing was written into the inbox, nothing changed there.
    expect(fingerprint(mailInbox)).toEqual(before);
  }, 60_000);
});

describe('the receipt date never comes from the file’s time', () => {
  it('same timeliness with files copied today or long ago; unknown dates are not late', () => {
    const today = copyWithTime('hôm nay', new Date());
    const old = copyWithTime('ngày xưa', new Date('2001-01-01T00:00:00Z'));
    const status = (dir: string, ...more: string[]) => {
      const r = runCli([
        'status',
        dir,
        '--period',
        '2022-H1',
        '--as-of',
        '2022-06-20',
        '--json',
        ...more,
      ]);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as {
        completeness: Record<string, number>;
        units: { code: string; timeliness: string | null; reportDate: string | null }[];
      };
    };
    const a = status(today);
    const b = status(old);
    expect(a.completeness).toEqual(b.completeness);
    expect(a.completeness).toMatchObject({ onTime: 6, late: 0, unknownDate: 3, onTimeRate: 66.7 });
    expect(a.units.find((u) => u.code === '140')).toMatchObject({
      timeliness: 'unknown-date',
      reportDate: null,
    });
    // With the office's receipt log: every date known, the same wherever the copy was made.
    const c = status(today, '--receipts', LOG);
    const d = status(old, '--receipts', LOG);
    expect(c.completeness).toEqual(d.completeness);
    expect(c.completeness).toMatchObject({ onTime: 8, late: 1, unknownDate: 0, onTimeRate: 88.9 });
  }, 60_000);

  it('the terminal says "chưa rõ ngày nhận", in English "receipt date unknown"', () => {
    const vi = runCli(['status', H1, '--period', '2022-H1', '--as-of', '2022-06-20']);
    expect(vi.out).toContain('Chưa rõ ngày nhận');
    expect(vi.out).toContain('đúng hạn 6/9 (66,7%), chưa rõ ngày nhận 3');
    const en = runCli([
      'status',
      H1,
      '--period',
      '2022-H1',
      '--as-of',
      '2022-06-20',
      '--lang',
      'en',
    ]);
    expect(en.out).toContain('Receipt date unknown');
  }, 60_000);

  it('a receipt log kept in the inbox is not read as a report, and its dates come first', () => {
    const dir = copyWithTime('có sổ', new Date());
    copyFileSync(LOG, path.join(dir, 'so-nhan.csv'));
    const r = runCli([
      'consolidate',
      dir,
      '--period',
      '2022-H1',
      '--receipts',
      path.join(dir, 'so-nhan.csv'),
      '--format',
      'json',
      '--out',
      path.join(temp.path, 'out-so'),
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as ReportJson & { unassignedFiles: string[] };
    expect(j.unassignedFiles).toEqual([]);
    expect(j.completeness).toMatchObject({ onTime: 8, late: 1, unknownDate: 0 });
    expect(j.units.find((u) => u.code === '133')?.files[0]?.dateSource).toBe('receipt-log');
  }, 60_000);
});

describe('rows of the receipt log that say nothing of the run', () => {
  it('are said on the terminal by consolidate and by status, each with its row', () => {
    // README: a row naming no file of the run, or without a name or with a bad date, is said; it
    // was only in the report files, and status said nothing (an outside reader of the README).
    const dir = copyWithTime('sổ có dòng sai', new Date());
    const log = path.join(temp.path, 'sổ có dòng sai.csv');
    writeFileSync(
      log,
      `${readFileSync(LOG, 'utf8').trimEnd()}\r\nkhong-co-tep-nay.xlsx,11/06/2022,\r\nx.xlsx,32/13/2022,\r\n`,
    );
    const common = [dir, '--period', '2022-H1', '--receipts', log];
    const out = path.join(temp.path, 'out-sổ-sai');
    for (const r of [
      runCli(['consolidate', ...common, '--format', 'json', '--out', out]),
      runCli(['status', ...common]),
    ]) {
      expect(r.err).toBe('');
      expect(r.out).toContain('Sổ nhận báo cáo: 2 dòng cần xem lại');
      expect(r.out).toMatch(/receipt-log-unknown-file .*khong-co-tep-nay\.xlsx/);
      expect(r.out).toMatch(/receipt-log-bad-row .*32\/13\/2022/);
    }
  }, 60_000);
});

describe('a saved e-mail that cannot be read', () => {
  it('is a finding for that file and an exit code of the documented set; the rest goes through', () => {
    const dir = path.join(temp.path, 'thư hỏng');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'rác.eml'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]));
    writeFileSync(path.join(dir, 'Outlook.msg'), 'not a compound file');
    copyFileSync(
      path.join(H1, 'MuCangChai_2022-H1.xlsx'),
      path.join(dir, 'MuCangChai_2022-H1.xlsx'),
    );
    const r = runCli(['validate', dir, '--period', '2022-H1', '--json']);
    expect(r.code, r.err).toBe(1);
    const j = JSON.parse(r.out) as {
      files: { file: string; valid: boolean }[];
      findings: { code: string; file: string; message: string }[];
    };
    expect(j.findings.map((f) => [path.basename(f.file), f.code])).toEqual([
      ['Outlook.msg', 'email-msg-unsupported'],
      ['rác.eml', 'email-unreadable'],
    ]);
    expect(j.findings[0]?.message).toContain('Outlook');
    expect(j.files.find((f) => f.file.endsWith('MuCangChai_2022-H1.xlsx'))?.valid).toBe(true);
  }, 30_000);
});

describe('the same file received twice', () => {
  // An outside tester's inbox: a district's on-time report sent again, unchanged, after the
  // deadline made it late, the second copy taken as "a newer version".
  it('was received when its first copy was: on time, counted once', () => {
    const dir = path.join(temp.path, 'gửi lại');
    mkdirSync(dir);
    const name = 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx';
    copyFileSync(path.join(H1, name), path.join(dir, name));
    copyFileSync(path.join(H1, name), path.join(dir, 'Tram Tau (gui lai).xlsx'));
    const log = path.join(dir, 'sổ nhận.csv');
    writeFileSync(
      log,
      `tệp,ngày nhận\r\n${name},10/06/2022\r\nTram Tau (gui lai).xlsx,20/06/2022\r\n`,
    );
    const out = path.join(temp.path, 'gửi lại - kết quả');
    runCli([
      'consolidate',
      dir,
      '--period',
      '2022-H1',
      '--receipts',
      log,
      '--out',
      out,
      '--format',
      'json',
    ]);
    const j = JSON.parse(
      readFileSync(path.join(out, 'tong-hop-2022-H1.json'), 'utf8'),
    ) as ReportJson;
    const unit = j.units.find((u) => u.code === '139');
    expect(unit?.status).toBe('accepted');
    expect(unit?.files.map((f) => [f.reportDate, f.onTime])).toEqual([
      ['2022-06-10', true],
      ['2022-06-10', true],
    ]);
    expect(j.completeness).toMatchObject({ onTime: 1, late: 0 });
  }, 60_000);
});
