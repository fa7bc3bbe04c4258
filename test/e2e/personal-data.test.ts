/**
 * Personal data never leaves a household list (issue 11): every command is run, as a user would
 * run it, on the shipped 2022-H1 submissions plus SYNTHETIC household lists (xlsx and CSV) whose
 * heads have recognisable invented names and birth years (and a signer's name under the list, a
 * head's name typed into the commune column, a list sheet whose tab is a head's name and birth
 * year); nothing the commands print or write
 * (terminal, --json, --verbose, --lang en, report xlsx/JSON/CSV/HTML, reminder e-mails, trend
 * tables, forms derived from the lists) holds a name, in any spelling, or a birth year: the same
 * runs on the same lists with every birth year moved by {@link SHIFT} years say every year as
 * often as before (a year that leaks moves with the list; a count that happens to equal a year
 * stays).
 */
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { yearCount } from '../helpers/year-count.js';
import { unzipParts } from '../helpers/zip.js';

const tmp = useTempFolder('povreport-personal-');

/** The invented heads of household: a given name no real list has, and a birth year each. */
const HEADS = Array.from({ length: 24 }, (_, i) => ({
  name: `${['Lò Văn', 'Giàng Thị', 'Hoàng Văn', 'Sùng A'][i % 4]} Riêngtư${String.fromCharCode(65 + i)}`,
  year: 1929 + i,
}));
/** The second run's birth years are these many years later (no year of one run is in the other). */
const SHIFT = 30;
/** How a name may come out changed: folded (no marks, lower case) or in NFD. */
const NAME_KEYS = ['Riêngtư', 'riêngtư', 'RIÊNGTƯ', 'Riengtu', 'riengtu', 'RIENGTU'];

const TRAM_TAU = ['Thị trấn Trạm Tấu', 'Xã Bản Công', 'Xã Hát Lìu'];
const FLAGS = [
  'Việc làm',
  'Người phụ thuộc',
  'Dinh dưỡng',
  'Bảo hiểm y tế',
  'Trình độ giáo dục của người lớn',
  'Tình trạng đi học của trẻ em',
  'Chất lượng nhà ở',
  'Diện tích nhà ở bình quân đầu người',
  'Nguồn nước sinh hoạt',
  'Nhà tiêu hợp vệ sinh',
  'Sử dụng dịch vụ viễn thông',
  'Phương tiện phục vụ tiếp cận thông tin',
];
const HEADINGS = [
  'STT',
  'Mã hộ',
  'Họ và tên chủ hộ',
  'Năm sinh chủ hộ',
  'Dân tộc',
  'Số nhân khẩu',
  'Thôn, bản, tổ dân phố',
  'Xã, phường, thị trấn',
  'Điểm A (thu nhập)',
  'Điểm B (thiếu hụt)',
  ...FLAGS,
  'Phân loại hộ',
  'Diễn biến',
];

/** The list's rows: poor (3–5 flags), near-poor (0–2) and above the line, consistent scores. */
function listRows(shift: number, codes: string): (string | number)[][] {
  return HEADS.map((h, i) => {
    const kind = i % 3;
    const flags = FLAGS.map((_, k) => (kind === 0 ? k < 3 + (i % 3) : kind === 1 && k < i % 3));
    const set = flags.filter(Boolean).length;
    return [
      i + 1,
      `${codes}${String(1000 + i)}`,
      h.name,
      h.year + shift,
      i % 2 === 0 ? 'Mông' : 'Dao',
      1 + (i % 6),
      `Thôn ${1 + (i % 4)}`,
      TRAM_TAU[i % TRAM_TAU.length] ?? '',
      kind === 2 ? 200 : 100 + i,
      set * 10,
      ...flags.map((f) => (f ? 'x' : '')),
      kind === 0 ? 'Hộ nghèo' : kind === 1 ? 'Hộ cận nghèo' : 'Hộ có mức sống trung bình',
      // A new poor household is a poor one (a status against the class is its own error).
      kind === 0 && i % 5 === 0 ? 'Nghèo mới' : '',
    ];
  });
}

/** A row with `cells` in their columns (1-based, as a sheet counts) and nothing elsewhere. */
function atColumns(cells: Record<number, string>): (string | null)[] {
  const row: (string | null)[] = [];
  for (const [col, value] of Object.entries(cells)) row[Number(col) - 1] = value;
  return Array.from(row, (v) => v ?? null);
}

async function writeLists(dir: string, shift: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách hộ');
  ws.addRow(['UBND HUYỆN TRẠM TẤU']);
  ws.addRow(['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2022 (dữ liệu tổng hợp, không có thật)']);
  ws.addRow([]);
  ws.addRow(HEADINGS);
  const rows = listRows(shift, 'TT');
  // A head's name typed into the commune column (H), one column off.
  const shiftedName = rows[1];
  if (shiftedName) shiftedName[7] = 'Nguyễn Văn RiêngtưZ';
  for (const r of rows) ws.addRow(r);
  // The signature block under the list, starting in the code column (B): the signer's name
  // under its heading.
  ws.addRow([]);
  ws.addRow(atColumns({ 2: 'Người lập biểu', 12: 'TM. UBND' }));
  ws.addRow([]);
  ws.addRow(atColumns({ 2: 'Hà Thị RiêngtưY', 12: 'Vàng A RiêngtưX' }));
  // A second list sheet whose tab is a head's name and birth year (found by an independent
  // tester: tabs were printed in every finding of their rows); its households are others.
  const named = wb.addWorksheet(`Hộ ông RiêngtưW ${String((HEADS[20]?.year ?? 0) + shift)}`);
  named.addRow(HEADINGS);
  for (const r of listRows(shift, 'TW').slice(0, 6)) named.addRow(r);
  await wb.xlsx.writeFile(path.join(dir, 'Danh sách hộ nghèo Trạm Tấu 6T2022.xlsx'));
  // Other households than the workbook's (a code is one household across the lists of a run).
  const csv = [HEADINGS, ...listRows(shift, 'TC')]
    .map((r) => r.map((c) => `"${String(c)}"`).join(';'))
    .join('\r\n');
  writeFileSync(path.join(dir, 'DanhSachHo_TramTau_6T2022.csv'), `\uFEFF${csv}\r\n`);
}

/** Every file under `dir`, as the text a reader could find in it. */
async function textsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...(await textsUnder(p)));
      continue;
    }
    const bytes = readFileSync(p);
    if (name.endsWith('.xlsx'))
      for (const part of await unzipParts(bytes)) out.push(part.data.toString('utf8'));
    else if (name.endsWith('.eml')) {
      const mail = await simpleParser(bytes);
      out.push(bytes.toString('utf8'), mail.subject ?? '', mail.text ?? '', String(mail.html));
      for (const a of mail.attachments) out.push(a.content.toString('utf8'));
    } else out.push(bytes.toString('utf8'));
  }
  return out;
}

/** Everything every command prints and writes for the submissions in `inbox`. */
async function everything(inbox: string, work: string): Promise<string> {
  const out = path.join(work, 'out');
  const mail = path.join(work, 'mail');
  const trend = path.join(work, 'trend');
  const runs = [
    ['validate', inbox, '--period', '2022-H1'],
    ['validate', inbox, '--period', '2022-H1', '--verbose'],
    ['validate', inbox, '--period', '2022-H1', '--json'],
    ['validate', inbox, '--period', '2022-H1', '--lang', 'en'],
    ['consolidate', inbox, '--period', '2022-H1', '--out', out],
    ['consolidate', inbox, '--period', '2022-H1', '--out', out, '--json', '--lang', 'en'],
    ['status', inbox, '--period', '2022-H1', '--as-of', '2022-06-20'],
    ['status', inbox, '--period', '2022-H1', '--as-of', '2022-06-20', '--json'],
    ['remind', inbox, '--as-of', '2022-06-14', '--format', 'eml', '--out', mail],
    ['remind', inbox, '--as-of', '2022-06-20', '--format', 'json'],
    ['trend', path.join(out, 'tong-hop-2022-H1.json'), '--out', trend],
    ['derive', inbox, '--period', '2022-H1', '--out', path.join(work, 'derive')],
    ['derive', inbox, '--period', '2022-H1', '--out', path.join(work, 'derive-en'), '--lang', 'en'],
  ];
  const texts: string[] = [];
  for (const args of runs) {
    const r = runCli(args, { timeout: 120_000 });
    expect(r.code, `${args.join(' ')}: ${r.err}`).not.toBeNull();
    expect(r.code ?? 9, `${args.join(' ')}: ${r.err}`).toBeLessThan(2);
    texts.push(r.out, r.err);
  }
  texts.push(...(await textsUnder(work)));
  return texts.join('\n');
}

let withLists: string;
let shifted: string;

/** Everything the commands say with the shipped submissions and the lists (years moved by `shift`). */
async function runWithLists(folder: string, shift: number): Promise<string> {
  const inbox = path.join(tmp.path, folder, 'hộp thư');
  mkdirSync(inbox, { recursive: true });
  for (const f of readdirSync(path.join(fixtures, '2022-H1')))
    copyFileSync(path.join(fixtures, '2022-H1', f), path.join(inbox, f));
  await writeLists(inbox, shift);
  // The outputs go beside the inbox, never into it: the lists themselves are not outputs.
  return everything(inbox, path.join(tmp.path, folder, 'kết quả'));
}

beforeAll(async () => {
  withLists = await runWithLists('danh sách', 0);
  shifted = await runWithLists('danh sách năm sinh khác', SHIFT);
}, 600_000);

describe('household lists: no name or birth year in any output', () => {
  it('the lists were read: the runs with them say something of them', () => {
    expect(withLists).toContain('Danh sách hộ nghèo Trạm Tấu 6T2022.xlsx');
    expect(withLists).toContain('DanhSachHo_TramTau_6T2022.csv');
    // The head's name in the commune column was met, and said by its cell only.
    expect(withLists).toContain('list-commune-unreadable');
    // The sheet named after a head was read, and said by its position.
    expect(withLists).toContain('Sheet "#2"');
  });

  it('no head of household is named, in any spelling', () => {
    for (const text of [withLists, withLists.normalize('NFD'), withLists.normalize('NFC')])
      for (const key of NAME_KEYS) expect(text.includes(key), key).toBe(false);
  });

  it('no birth year: moving every birth year moves no year in what the commands say', () => {
    for (const h of HEADS)
      for (const y of [h.year, h.year + SHIFT])
        expect(yearCount(withLists, y), String(y)).toBe(yearCount(shifted, y));
  });

  it('the lists are checked; only the district whose summary they disprove is held back', () => {
    const report = JSON.parse(
      readFileSync(
        path.join(tmp.path, 'danh sách', 'kết quả', 'out', 'tong-hop-2022-H1.json'),
        'utf8',
      ),
    ) as {
      units: { code: string; status: string; files: { file: string }[] }[];
      findings: { code: string; unit: string | null; severity: string }[];
    };
    // The invented lists do not add up to Trạm Tấu's shipped summary: a mismatch, not a guess.
    for (const u of report.units)
      expect(u.status, u.code).toBe(u.code === '139' ? 'rejected' : 'accepted');
    const errors = report.findings.filter((f) => f.unit === '139' && f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((f) => f.code))).toEqual(new Set(['list-summary-mismatch']));
    // The list is compared with the summary, never taken as it.
    const tramTau = report.units.find((u) => u.code === '139');
    expect(tramTau?.files.map((f) => path.basename(f.file))).toEqual([
      'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
    ]);
    expect(withLists).toContain('Danh sách hộ:');
  });

  it('the check itself finds a name and a year where they are', () => {
    expect(yearCount('sinh năm 1931; 1.931 hộ; 19310', 1931)).toBe(2);
    expect(NAME_KEYS.some((k) => `Chủ hộ ${HEADS[0]?.name ?? ''}`.includes(k))).toBe(true);
  });
});
