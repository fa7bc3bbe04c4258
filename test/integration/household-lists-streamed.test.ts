/**
 * A household list too large to hold is streamed from the disk (issue 11): its sheets' heads are
 * read to recognise it, then its rows are fed one at a time to the list reader. Streamed or read
 * whole, a list gives the same report — the same findings at the same cells, the same figures per
 * commune — whichever program wrote it. A form too large to hold is never streamed: it is refused.
 * The lists are SYNTHETIC (made-up names and birth years); the limits are lowered so that small
 * files take the large files' path.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, type ReadLimits } from '../../src/commands/check-files.js';
import type { CheckedFile } from '../../src/commands/check-files.js';
import {
  DEFAULT_WORKER_MIN_BYTES,
  lastSheetScan,
  setScanWorker,
} from '../../src/io/read-xlsx-large.js';
import { lastCsvSplit, setCsvSplitThread } from '../../src/io/read-csv-large.js';
import { workersWaiting } from '../../src/io/worker-stream.js';
import { encodeCp1258 } from '../../scripts/lib/cp1258.mjs';
import { fixtures } from '../helpers/cli.js';
import { shippedRun } from '../helpers/build.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listSheet,
  writeListExcelJs,
  writeListOpenpyxl,
  type ListCell,
  type ListHousehold,
  type ListSheetSpec,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';
import { NAME, tucDan } from '../helpers/tuc-dan-list.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';

const tmp = useTempFolder('povreport-lists-streamed-');
const TITLE = TRAM_TAU_LIST_TITLE;
/** Past these, every file below is "too large": streamed when it is a list. */
const BY_CELLS: ReadLimits = { maxCells: 200 };
const BY_BYTES: ReadLimits = { maxBytes: 2000 };

async function check(file: string, limits: ReadLimits = {}): Promise<CheckedFile> {
  const [f] = await checkFiles([file], await shippedRun(), { lang: 'vi' }, {}, limits);
  if (!f) throw new Error('no report');
  return f;
}

/** What a user sees of a report: every finding (code, place, what it says) and the figures. */
function seen(f: CheckedFile): unknown {
  return {
    unit: f.unit?.code ?? null,
    period: f.period,
    valid: f.valid,
    findings: f.findings,
    list: f.list,
  };
}

/**
 * The file read whole, after checking that streamed (too large by its cells, then by its bytes)
 * it gives the same report, read as the same format, of the same file.
 */
async function streamedAsWhole(file: string): Promise<CheckedFile> {
  const whole = await check(file);
  for (const [limits, worker] of [
    [BY_CELLS, false],
    [BY_BYTES, false],
    [BY_BYTES, true],
  ] as const) {
    const streamed = await inWorker(worker, () => check(file, limits));
    expect(seen(streamed)).toEqual(seen(whole));
    expect(streamed.read).toEqual(whole.read);
    expect(streamed.sha256).toBe(whole.sha256);
  }
  return whole;
}

/**
 * Runs `f` with a list's sheet scanned (xlsx) or split (UTF-8 CSV) in a worker thread, however
 * small, or in this thread.
 */
async function inWorker<T>(worker: boolean, f: () => Promise<T>): Promise<T> {
  setScanWorker(worker ? 0 : Number.POSITIVE_INFINITY);
  setCsvSplitThread({ enabled: worker, minBytes: 0, cores: 2 });
  try {
    return await f();
  } finally {
    setScanWorker(DEFAULT_WORKER_MIN_BYTES);
    setCsvSplitThread();
  }
}

/** Túc Đán's list with defects planted past the head (row 200 on). */
function withLateDefects(): ListHousehold[] {
  const hh = tucDan();
  const at = (i: number): ListHousehold => {
    const h = hh[i];
    if (!h) throw new Error(`no household ${i}`);
    return h;
  };
  hh[250] = { ...at(250), scoreB: at(250).scoreB + 10 }; // B ≠ 10 × flags
  hh[260] = { ...at(260), code: at(10).code }; // a code seen in the head
  hh[270] = { ...at(270), members: 0 };
  hh[280] = { ...at(280), scoreA: 250 }; // near-poor above the line
  hh[290] = { ...at(290), memberNames: ['Thành Viên Giả'] };
  return hh;
}

/** The rows as CSV text. */
function csvText(rows: ListSheetSpec['rows'], delimiter: string, eol: string): string {
  const q = (c: ListSheetSpec['rows'][number][number]): string => {
    if (c === null) return '';
    const t = String(c);
    return t.includes(delimiter) || t.includes('"') ? `"${t.replaceAll('"', '""')}"` : t;
  };
  return rows.map((r) => r.map(q).join(delimiter)).join(eol) + eol;
}

/**
 * Túc Đán's list with member rows marked "-" in the household's STT column, past the head: with
 * their own number, and one repeating its household's code (its STT then read, not only known
 * filled, when streamed).
 */
function dashMembers(): ListSheetSpec[] {
  const hh = tucDan().map((h, i) =>
    i >= 200 && i % 20 === 0 ? { ...h, memberNames: ['Giả'] } : h,
  );
  const sheet = listSheet('Túc Đán', TITLE, hh, { memberStt: '-' });
  const at = sheet.rows.findIndex((r) => r[2] === hh[250]?.code);
  sheet.rows.splice(at + 1, 0, ['–', 1, hh[250]?.code ?? null, 'Giả', 1990]);
  return [sheet];
}

const lists: [string, () => ListSheetSpec[]][] = [
  ['member rows with "-" in the STT column', dashMembers],
  ['one commune, 301 households', () => [listSheet('Túc Đán', TITLE, tucDan())]],
  ['defects past the head', () => [listSheet('Túc Đán', TITLE, withLateDefects())]],
  [
    'two communes, one sheet each',
    () => [
      listSheet('Túc Đán', TITLE, tucDan().slice(0, 240)),
      listSheet('Xã Pá Lau', TITLE, tucDan().slice(240)),
    ],
  ],
];

const writers: [string, (f: string, s: ListSheetSpec[]) => Promise<void> | void, boolean][] = [
  ['exceljs', writeListExcelJs, true],
  ['openpyxl', writeListOpenpyxl, hasOpenpyxl()],
];

describe('a list too large to hold is streamed, with the same report as when read whole', () => {
  for (const [writer, write, available] of writers)
    for (const [label, sheets] of lists)
      it.skipIf(!available)(`${label}, written by ${writer}`, async () => {
        const file = path.join(tmp.path, `${writer} ${label}.xlsx`);
        await write(file, sheets());
        const whole = await streamedAsWhole(file);
        expect(whole.findings.map((x) => x.code)).toContain('list-recognised');
        expect(whole.findings.map((x) => x.code)).not.toContain('too-many-cells');
        expect(JSON.stringify(whole)).not.toContain(NAME);
        // The last streaming (a worker asked for): the last sheet was scanned by the thread
        // started as the workbook was opened when it is the first, else by one of its own.
        expect(lastSheetScan()).toBe(sheets().length === 1 ? 'early' : 'thread');
        expect(workersWaiting()).toBe(0);
      });

  // CSV as other software writes it: UTF-8 without a mark, with one and CRLF and semicolons,
  // Windows-1258 with its tone marks as combining characters.
  const csvs: [string, (rows: ListSheetSpec['rows']) => Buffer][] = [
    ['UTF-8, commas', (rows) => Buffer.from(csvText(rows, ',', '\n'))],
    [
      'UTF-8 with BOM, semicolons, CRLF',
      (rows) => Buffer.from(`\uFEFF${csvText(rows, ';', '\r\n')}`),
    ],
    ['Windows-1258', (rows) => encodeCp1258(csvText(rows, ',', '\r\n'))],
  ];
  for (const [label, encode] of csvs)
    it(`a CSV list, ${label}`, async () => {
      const file = path.join(tmp.path, `csv ${label}.csv`);
      writeFileSync(file, encode(listSheet('Túc Đán', TITLE, withLateDefects()).rows));
      const whole = await streamedAsWhole(file);
      expect(whole.findings.map((x) => x.code)).toContain('list-recognised');
      expect(whole.findings.map((x) => x.code)).toContain('list-score-deprivation');
      // The last streaming (BY_BYTES, a worker asked for): a UTF-8 file was split by the thread
      // started ahead while the head was recognised, which is then no longer waiting.
      expect(lastCsvSplit()).toBe(label.startsWith('UTF-8') ? 'thread' : null);
      expect(workersWaiting()).toBe(0);
    });

  it('a CSV list whose lines end in CRLF and LF both: every household counted, streamed or whole', async () => {
    // Title lines added in Notepad (CRLF) over rows another program wrote (LF), and rows appended
    // in CRLF under them; UTF-8 (split from the bytes) and Windows-1258 (read by csv-parse).
    const text = csvText(listSheet('Túc Đán', TITLE, withLateDefects()).rows, ',', '\n');
    const lines = text.split('\n');
    const mixed = lines
      .map((l, i) => (i < 3 || i > lines.length - 6 ? l + '\r\n' : l + '\n'))
      .join('')
      .replace(/\r?\n$/, '\n');
    const plainFile = path.join(tmp.path, 'csv LF.csv');
    writeFileSync(plainFile, Buffer.from(text));
    const plain = await streamedAsWhole(plainFile);
    for (const [label, bytes] of [
      ['UTF-8', Buffer.from(mixed)],
      ['Windows-1258', encodeCp1258(mixed)],
    ] as const) {
      const file = path.join(tmp.path, `csv mixed ends ${label}.csv`);
      writeFileSync(file, bytes);
      const whole = await streamedAsWhole(file);
      expect(whole.list).toEqual(plain.list);
      expect(whole.findings.map((x) => [x.code, x.cell])).toEqual(
        plain.findings.map((x) => [x.code, x.cell]),
      );
    }
  });

  it('a large list sent twice: each copy checked alone, its digest the file’s; another list repeating its codes is told', async () => {
    const dir = path.join(tmp.path, 'hai bản lớn');
    mkdirSync(dir, { recursive: true });
    const rows = listSheet('Túc Đán', TITLE, tucDan()).rows;
    const xlsx = path.join(dir, 'Túc Đán.xlsx');
    await writeListExcelJs(xlsx, [listSheet('Túc Đán', TITLE, tucDan())]);
    const csv = path.join(dir, 'Túc Đán.csv');
    writeFileSync(csv, Buffer.from(csvText(rows, ',', '\n')));
    const run = await shippedRun();
    const codes = (f: CheckedFile | undefined): string[] =>
      (f?.findings ?? []).filter((x) => x.code.startsWith('list-code')).map((x) => x.code);
    for (const file of [xlsx, csv]) {
      const copy = path.join(dir, 'thư', path.basename(file));
      mkdirSync(path.dirname(copy), { recursive: true });
      copyFileSync(file, copy);
      const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
      for (const worker of [false, true]) {
        const [a, b] = await inWorker(worker, () =>
          checkFiles([file, copy], run, { lang: 'vi' }, {}, BY_BYTES),
        );
        expect(a?.sha256).toBe(digest);
        expect(b?.sha256).toBe(digest);
        expect(codes(a)).toEqual([]);
        expect(codes(b)).toEqual([]);
        expect(b?.list?.tallies).toEqual(a?.list?.tallies);
      }
    }
    // The same households in two different files: every code of the second is a repeat.
    const [, second] = await inWorker(true, () =>
      checkFiles([xlsx, csv], run, { lang: 'vi' }, {}, BY_BYTES),
    );
    expect(codes(second).length).toBeGreaterThan(0);
    expect(second?.valid).toBe(false);
  });

  // Office software's own files: LibreOffice's shared strings (`xml:space="preserve"`, styles on
  // every cell) and its CSV export, through the streamed readers' column projection.
  it.skipIf(libreOfficeSkipReason() !== null)(
    'a list re-saved by LibreOffice, as xlsx and as CSV',
    async () => {
      const dir = path.join(tmp.path, 'libreoffice');
      mkdirSync(dir, { recursive: true });
      const source = path.join(dir, 'ds tuc dan.xlsx');
      await writeListExcelJs(source, [listSheet('Túc Đán', TITLE, withLateDefects())]);
      const outXlsx = path.join(dir, 'xlsx');
      const outCsv = path.join(dir, 'csv');
      await convertWithLibreOffice([source], outXlsx, { recalc: false });
      await convertWithLibreOffice([source], outCsv, {
        to: 'csv:Text - txt - csv (StarCalc):44,34,76,1',
        recalc: false,
      });
      for (const file of [
        path.join(outXlsx, 'ds tuc dan.xlsx'),
        path.join(outCsv, 'ds tuc dan.csv'),
      ]) {
        const whole = await streamedAsWhole(file);
        expect(whole.findings.map((x) => x.code)).toContain('list-recognised');
        expect(whole.findings.map((x) => x.code)).toContain('list-score-deprivation');
        expect(JSON.stringify(whole)).not.toContain(NAME);
      }
    },
    240_000,
  );

  // Rows without a code whose words are in columns the streamed readers do not decode (the
  // name's): a total row giving only the members, a signature block. Read whole, as the
  // whole-file reader reads them, they are no households. So is a total labelled where the
  // codes go, with the members and an indicator's count.
  it('a total row and a signature block written in the name column, or a total in the code column, xlsx and CSV', async () => {
    const sheet = listSheet('Túc Đán', TITLE, tucDan());
    const members = tucDan().reduce((a, h) => a + (h.members ?? 0), 0);
    const inName = (d: string, ...more: ListCell[]): ListCell[] => [null, null, null, d, ...more];
    // The households lacking the first indicator.
    const lackingFirst = tucDan().filter((h) => h.flagCells?.[0] === 'x').length;
    sheet.rows.push(
      inName('Tổng cộng', null, null, members),
      [null, null, 'Tổng cộng', null, null, null, members, null, null, lackingFirst],
      [],
      inName('Túc Đán, ngày 15 tháng 12 năm 2022'),
      inName('NGƯỜI LẬP BIỂU', ...Array<ListCell>(11).fill(null), 'TM. ỦY BAN NHÂN DÂN'),
      inName('(Ký, ghi rõ họ tên)'),
    );
    const files: string[] = [];
    for (const [writer, write, available] of writers)
      if (available) {
        files.push(path.join(tmp.path, `footer ${writer}.xlsx`));
        await write(files[files.length - 1] as string, [sheet]);
      }
    const csv = path.join(tmp.path, 'footer.csv');
    writeFileSync(csv, Buffer.from(csvText(sheet.rows, ',', '\r\n')));
    files.push(csv);
    for (const file of files) {
      const whole = await streamedAsWhole(file);
      const errors = whole.findings.filter((x) => x.severity === 'error').map((x) => x.code);
      expect(errors, file).toEqual([]);
      // A CSV has no sheet to name the commune: its households are the unit's.
      const tallies = whole.list?.tallies ?? [];
      expect(
        tallies.reduce((a, t) => a + t.householdRows, 0),
        file,
      ).toBe(301);
      expect(
        tallies.reduce((a, t) => a + t.memberRows, 0),
        file,
      ).toBe(0);
    }
  });

  // A commune over its households with their count where the codes go ("150 hộ | Xã Túc Đán"),
  // the commune's name in the name column, which the streamed readers do not decode in a
  // household's row (found by an independent tester: the row was read as household "150").
  // A code cell holding more than a code has its row read whole, in this thread and in a worker.
  it('a commune labelled with its count in the code column, past the head, xlsx and CSV', async () => {
    const sheet = listSheet('DS hộ', TITLE, []);
    const label = (count: number, commune: string): ListCell[] => [
      null,
      null,
      `${String(count)} hộ`,
      commune,
    ];
    const households = tucDan();
    const rows = (hs: ListHousehold[]): ListCell[][] => listSheet('x', TITLE, hs).rows.slice(4);
    sheet.rows.push(
      label(250, 'Xã Túc Đán'),
      ...rows(households.slice(0, 250)),
      label(households.length - 250, 'Xã Pá Lau'),
      ...rows(households.slice(250)),
    );
    const files: string[] = [];
    for (const [writer, write, available] of writers)
      if (available) {
        files.push(path.join(tmp.path, `count label ${writer}.xlsx`));
        await write(files[files.length - 1] as string, [sheet]);
      }
    const csv = path.join(tmp.path, 'count label.csv');
    writeFileSync(csv, Buffer.from(csvText(sheet.rows, ',', '\r\n')));
    files.push(csv);
    for (const file of files) {
      const whole = await streamedAsWhole(file);
      const errors = whole.findings.filter((x) => x.severity === 'error').map((x) => x.code);
      expect(errors, file).toEqual([]);
      const by = Object.fromEntries(
        (whole.list?.tallies ?? []).map((t) => [t.subunit ?? '-', t.householdRows]),
      );
      expect(by, file).toEqual({
        'Xã Túc Đán': 250,
        'Xã Pá Lau': households.length - 250,
      });
    }
  });

  it('the defects past the head are found, each at its row', async () => {
    const file = path.join(tmp.path, 'late defects.xlsx');
    await writeListExcelJs(file, [listSheet('Túc Đán', TITLE, withLateDefects())]);
    const f = await check(file, BY_CELLS);
    const codes = f.findings.map((x) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'list-score-deprivation',
        'list-code-repeated',
        'list-members',
        'list-classification',
      ]),
    );
    expect(f.valid).toBe(false);
    const t = f.list?.tallies.find((x) => x.subunit === 'Xã Túc Đán');
    expect(t?.householdRows).toBe(301);
    expect(t?.memberRows).toBe(1);
  });

  it('a list wrong on every row keeps a bounded number of findings and counts the rest', async () => {
    const file = path.join(tmp.path, 'all wrong.xlsx');
    const wrong = tucDan().map((h) => ({ ...h, scoreB: h.scoreB + 10 }));
    await writeListExcelJs(file, [listSheet('Túc Đán', TITLE, wrong)]);
    const run = await shippedRun();
    for (const limits of [{}, BY_CELLS]) {
      const [f] = await checkFiles([file], run, { lang: 'vi', maxFindings: 20 }, {}, limits);
      const codes = f?.findings.map((x) => x.code) ?? [];
      expect(codes.filter((c) => c === 'list-score-deprivation')).toHaveLength(20);
      const notes = f?.findings.filter((x) => x.code === 'findings-truncated') ?? [];
      expect(notes).toHaveLength(1);
      expect(notes[0]?.params).toMatchObject({ errors: 301 - 20 });
      expect(f?.list?.tallies[0]?.householdRows).toBe(301);
    }
  });

  it('a commune over two sheets, one without the ethnicity column, gives no partial figure', async () => {
    const file = path.join(tmp.path, 'two sheets one commune.xlsx');
    const first = listSheet('Túc Đán', TITLE, tucDan().slice(0, 150));
    const second = listSheet(
      'Tờ 2',
      'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN, HUYỆN TRẠM TẤU NĂM 2022',
      tucDan().slice(150),
    );
    const ethnicity = second.rows[2]?.indexOf('Dân tộc') ?? -1;
    expect(ethnicity).toBeGreaterThan(0);
    second.rows = second.rows.map((r) => r.filter((_, i) => i !== ethnicity));
    second.merges = [];
    await writeListExcelJs(file, [first, second]);
    const f = await check(file);
    const t = f.list?.tallies.find((x) => x.subunit === 'Xã Túc Đán');
    expect(t?.householdRows).toBe(301);
    expect(t?.values.poor).toBe(250);
    expect(t?.values).not.toHaveProperty('poor_ethnic_minority');
  });

  it('tells its progress while the rows stream, and ends the line', async () => {
    const file = path.join(tmp.path, 'long list.xlsx');
    const many = Array.from({ length: 30 }, (_, k) =>
      tucDan().map((h) => ({ ...h, code: `${k}-${h.code ?? ''}` })),
    ).flat();
    await writeListExcelJs(file, [listSheet('Túc Đán', TITLE, many)]);
    const told: [string, number][] = [];
    let ended = 0;
    const progress = {
      rows: (f: string, n: number) => told.push([f, n]),
      end: () => ended++,
    };
    const [f] = await checkFiles(
      [file],
      await shippedRun(),
      { lang: 'vi' },
      {},
      {
        ...BY_CELLS,
        progress,
      },
    );
    expect(f?.list?.tallies[0]?.householdRows).toBe(many.length);
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.every(([name]) => name === file)).toBe(true);
    expect(told.map(([, n]) => n)).toEqual([...told.map(([, n]) => n)].sort((a, b) => a - b));
    expect(ended).toBe(1);
  });

  it('a form too large to hold is refused as too large, never streamed', async () => {
    const form = path.join(fixtures, '2022', 'Tram Tau - Bao cao nam 2022.xlsx');
    const copy = path.join(tmp.path, 'form.xlsx');
    copyFileSync(form, copy);
    for (const [limits, code] of [
      [BY_CELLS, 'too-many-cells'],
      [BY_BYTES, 'file-too-large'],
    ] as const)
      for (const worker of [false, true]) {
        // With a worker, the first sheet's scan starts as the workbook is opened: it is closed.
        const f = await inWorker(worker, () => check(copy, limits));
        expect(f.findings.map((x) => x.code)).toEqual([code]);
        expect(f.valid).toBe(false);
        expect(f.tables).toEqual([]);
        expect(workersWaiting()).toBe(0);
      }
  });

  it('a large CSV that is no list is refused, the splitting thread started for it closed', async () => {
    // More rows than the head: the file could be a list until its head is recognised.
    const lines = ['Chỉ tiêu,Đơn vị,Số liệu'];
    for (let i = 1; i <= 400; i++) lines.push(`Chỉ tiêu ${i},hộ,${i}`);
    const file = path.join(tmp.path, 'not a list.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const f = await inWorker(true, () => check(file, BY_BYTES));
    expect(f.findings.map((x) => x.code)).toEqual(['file-too-large']);
    expect(workersWaiting()).toBe(0);
  });

  it('a large file that is no workbook, or a broken one, is a finding for that file', async () => {
    const dir = path.join(tmp.path, 'broken');
    mkdirSync(dir, { recursive: true });
    const text = path.join(dir, 'not a list.xlsx');
    writeFileSync(text, 'x'.repeat(5000));
    const good = path.join(dir, 'list.xlsx');
    await writeListExcelJs(good, [listSheet('Túc Đán', TITLE, tucDan())]);
    const bytes = readFileSync(good);
    const cut = path.join(dir, 'cut list.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const run = await shippedRun();
    const out = await checkFiles([text, cut, good], run, { lang: 'vi' }, {}, BY_BYTES);
    const codes = out.map((f) => f.findings.map((x) => x.code));
    expect(codes[0]).toEqual(['file-too-large']);
    expect(codes[1]).toEqual(['file-corrupt']);
    expect(codes[2]).toContain('list-recognised');
    expect(out[2]?.valid).toBe(true);
  });

  it('a list whose sheet data is damaged is a finding, scanned in this thread or a worker', async () => {
    const good = path.join(tmp.path, 'list to damage.xlsx');
    await writeListExcelJs(good, [listSheet('Túc Đán', TITLE, tucDan())]);
    const bytes = readFileSync(good);
    // The directory says the sheet's compressed data is half as long as it is: inflating it ends
    // in the middle of the rows.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let at = bytes.indexOf(name);
    while (at >= 0 && bytes.readUInt32LE(at - 46) !== 0x02014b50) at = bytes.indexOf(name, at + 1);
    expect(at).toBeGreaterThan(46);
    const record = at - 46;
    bytes.writeUInt32LE(Math.floor(bytes.readUInt32LE(record + 20) / 2), record + 20);
    const damaged = path.join(tmp.path, 'damaged list.xlsx');
    writeFileSync(damaged, bytes);
    for (const worker of [false, true]) {
      const [f, after] = await inWorker(worker, async () =>
        checkFiles([damaged, good], await shippedRun(), { lang: 'vi' }, {}, BY_BYTES),
      );
      expect(f?.findings.map((x) => x.code)).toContain('file-corrupt');
      expect(f?.valid).toBe(false);
      expect(after?.findings.map((x) => x.code)).toContain('list-recognised');
      expect(after?.valid).toBe(true);
    }
  });
});
