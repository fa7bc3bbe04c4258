/**
 * The streamed CSV reader (read-csv-large.ts) gives the rows the whole-file reader (read-csv.ts,
 * csv-parse) gives: its byte splitter for plain records and csv-parse from the first record that
 * is not; lines end in CRLF, LF or CR, mixed in one file, for both. Generated texts (synthetic, fast-check) hold what breaks splitters: quotes, delimiters
 * and line ends inside fields, mixed line ends, spaces of every kind, decomposed Vietnamese
 * letters, a byte-order mark, a last line without its end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ReadError } from '../../src/core/errors.js';
import { isFilledCell, UNREAD_CELL, type SheetCell } from '../../src/core/grid.js';
import { readCsv } from '../../src/io/read-csv.js';
import {
  CSV_CHUNK_BYTES,
  lastCsvSplit,
  openLargeCsv,
  setCsvChunkBytes,
  setCsvSplitThread,
  streamCsvRows,
} from '../../src/io/read-csv-large.js';
import { builtWorker } from '../../src/io/worker-stream.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { projected } from '../helpers/unread-cells.js';

const tmp = useTempFolder('povreport-csv-stream-');

type Row = (SheetCell | undefined)[];

/** The rows read whole, or the error. */
function whole(bytes: Buffer): Row[] | 'error' {
  try {
    return readCsv(bytes).sheet.rows;
  } catch (e) {
    if (e instanceof ReadError) return 'error';
    throw e;
  }
}

/** The rows streamed (trailing empty rows dropped, as the whole reader drops them), or the error. */
async function streamed(file: string, columns?: number[], key = -1): Promise<Row[] | 'error'> {
  const rows: Row[] = [];
  try {
    const csv = await openLargeCsv(file);
    await streamCsvRows(
      csv,
      0,
      (r, cells, filled, first) => {
        // The array is lent for the call: kept as a copy.
        rows[r] = cells.slice();
        // What the splitting thread tells of the row is what its cells say.
        if (filled !== undefined) {
          const at = cells.flatMap((c, i) => (isFilledCell(c) ? [i] : []));
          expect([filled, first]).toEqual([at.length, at[0] ?? -1]);
          hinted++;
        }
      },
      columns,
      key,
    );
  } catch (e) {
    if (e instanceof ReadError) return 'error';
    throw e;
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

const plain = (rows: Row[] | 'error'): unknown =>
  rows === 'error' ? rows : rows.map((r) => Array.from(r, (c) => (c ? { ...c } : undefined)));

/** Rows whose filled cells the reader told. */
let hinted = 0;

let n = 0;
function writeCase(bytes: Buffer): string {
  const file = path.join(tmp.path, `case ${n++}.csv`);
  writeFileSync(file, bytes);
  return file;
}

const pieces = [
  'a',
  'Xã Pá Hu',
  'Hộ nghèo',
  'Ho\u0323 nghe\u0300o', // decomposed, as Windows-1258 writes it
  'x',
  '12',
  '0',
  ' ',
  '\t',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '"',
  '""',
  ',',
  ';',
  '|',
  '\n',
  '\r',
  '\r\n',
  'Đ',
];

const field = fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((parts) => parts.join(''));
const quotedField = fc
  .tuple(fc.constantFrom('', ' '), field)
  .map(([pad, f]) => `${pad}"${f.replaceAll('"', '""')}"${pad}`);

/** A CSV text: records of fields, plain or quoted, with the chosen or mixed line ends. */
const csvText = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', 'mixed'),
    records: fc.array(
      fc.array(fc.oneof({ weight: 4, arbitrary: field }, { weight: 1, arbitrary: quotedField }), {
        minLength: 1,
        maxLength: 6,
      }),
      { minLength: 1, maxLength: 12 },
    ),
    mixedEnds: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 12, maxLength: 12 }),
    lastEnd: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ delimiter, eol, records, mixedEnds, lastEnd, bom }) => {
    let text = bom ? '\ufeff' : '';
    records.forEach((rec, i) => {
      text += rec.join(delimiter);
      if (i < records.length - 1 || lastEnd) text += eol === 'mixed' ? (mixedEnds[i] ?? '\n') : eol;
    });
    return text;
  });

/** Plain records (no quotes, one line end): the byte splitter reads all of them. */
const plainText = fc
  .record({
    delimiter: fc.constantFrom(',', ';'),
    eol: fc.constantFrom('\n', '\r\n'),
    records: fc.array(
      fc.array(
        fc
          .array(
            fc.constantFrom(
              'a',
              'Xã Pá Hu',
              'Ho\u0323 nghe\u0300o',
              'x',
              '12',
              ' ',
              '\u00a0',
              '\u200b',
            ),
            { maxLength: 3 },
          )
          .map((p) => p.join('')),
        { minLength: 1, maxLength: 8 },
      ),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map(({ delimiter, eol, records }) => records.map((r) => r.join(delimiter)).join(eol) + eol);

/**
 * Both ways of splitting a UTF-8 file: in this thread, and in a worker thread that hands the
 * fields over in batches (fewer generated cases there: each starts a thread).
 */
const modes = [
  { name: 'split in this thread', thread: false, share: 1 },
  { name: 'split in a worker thread', thread: true, share: 6 },
];

describe.each(modes)('the streamed CSV reader, $name', ({ thread, share }) => {
  beforeAll(() => {
    setCsvSplitThread({ enabled: thread, minBytes: 0, cores: 2 });
  });
  afterAll(() => {
    setCsvSplitThread();
  });

  it('splits where it is asked to (the thread needs the build, which the setup makes)', async () => {
    const file = writeCase(Buffer.from('STT,Mã hộ\n1,H1\n', 'utf8'));
    expect(plain(await streamed(file))).toEqual(plain(whole(readFileSync(file))));
    expect(lastCsvSplit()).toBe(thread ? 'thread' : 'here');
  });

  it('gives the rows (or the error) of the whole-file reader, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const file = writeCase(bytes);
        expect(plain(await streamed(file))).toEqual(plain(whole(bytes)));
      }),
      { numRuns: Math.ceil(300 / share) },
    );
  });

  it('hands over the cells of the columns not read as filled or empty, and reads a lone cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(csvText, plainText),
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 5 }),
        async (text, columns) => {
          const bytes = Buffer.from(text, 'utf8');
          const file = writeCase(bytes);
          const rows = whole(bytes);
          const want = new Set(columns);
          const expected = rows === 'error' ? rows : rows.map((r) => projected(r, want));
          while (expected !== 'error' && expected.length > 0 && expected.at(-1)?.length === 0)
            expected.pop();
          const got = await streamed(file, columns);
          expect(plain(got)).toEqual(plain(expected));
          if (got !== 'error')
            for (const row of got)
              for (const [i, c] of row.entries())
                if (c === UNREAD_CELL) expect(want.has(i)).toBe(false);
        },
      ),
      { numRuns: Math.ceil(300 / share) },
    );
  });

  it('tells how many cells of each row hold something, and the first, as the cells say (rows read whole too)', async () => {
    const before = hinted;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(csvText, plainText),
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 5 }),
        fc.integer({ min: -1, max: 7 }),
        async (text, columns, key) => {
          await streamed(writeCase(Buffer.from(text, 'utf8')), columns, key);
        },
      ),
      { numRuns: Math.ceil(300 / share) },
    );
    // The thread tells it; the reader in this thread leaves the row reader to count.
    if (thread) expect(hinted).toBeGreaterThan(before);
    else expect(hinted).toBe(before);
  });

  it('gives the same rows when records and letters are cut across the chunks it reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(csvText, plainText),
        fc.integer({ min: 1, max: 48 }),
        async (text, chunk) => {
          const bytes = Buffer.from(text, 'utf8');
          const file = writeCase(bytes);
          const inOne = await streamed(file, [0, 2]);
          setCsvChunkBytes(chunk);
          try {
            expect(plain(await streamed(file, [0, 2]))).toEqual(plain(inOne));
          } finally {
            setCsvChunkBytes(CSV_CHUNK_BYTES);
          }
        },
      ),
      { numRuns: Math.ceil(200 / share) },
    );
  });

  it('reads a file whose plain records turn quoted far down, as csv-parse reads it', async () => {
    const lines = ['STT;Mã hộ;Xã;Điểm A'];
    for (let i = 1; i <= 30000; i++) lines.push(`${i};H${i};Xã Pá Hu;${i % 300}`);
    lines.push('30001;"H30001";"Xã ""Pá"" Hu; thôn 1";12');
    lines.push('30002;H30002;"Xã Pá Hu', 'ngoài";13');
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
    const file = writeCase(bytes);
    const got = await streamed(file);
    expect(plain(got)).toEqual(plain(whole(bytes)));
    expect(got !== 'error' && got.at(-2)?.[2]?.value).toBe('Xã "Pá" Hu; thôn 1');
  });

  it('gives every name its own text among thousands, repeated and alike (the decoded-name cache)', async () => {
    // More names than the cache holds (4,096), each met several times, near-twins side by side
    // (one letter apart, one decomposed), so a cache that confused two would show it.
    // "Thôn 1079599" and "Thôn 1262382", as long, have the same 32-bit FNV-1a hash: told apart
    // by their bytes.
    const lines = ['STT,Mã hộ,Xã,Thôn', '0,H0,Xã A,Thôn 1079599', '0,H0,Xã A,Thôn 1262382'];
    const names = Array.from({ length: 5000 }, (_, i) => `Xã Pá Hu ${i}`);
    for (let round = 0; round < 3; round++)
      names.forEach((name, i) => {
        const decomposed = 'Xa\u0303 Pa\u0301 Hu';
        lines.push(`${round * 5000 + i},H${i},${name},${i % 2 ? decomposed : `Thôn ${i % 97}`}`);
      });
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const file = writeCase(bytes);
    // Small chunks: a name decoded from one chunk is found again in the next ones.
    setCsvChunkBytes(4096);
    let got;
    try {
      got = await streamed(file);
    } finally {
      setCsvChunkBytes(CSV_CHUNK_BYTES);
    }
    expect(plain(got)).toEqual(plain(whole(bytes)));
    expect(got !== 'error' && got[1]?.[3]?.value).toBe('Thôn 1079599');
    expect(got !== 'error' && got[2]?.[3]?.value).toBe('Thôn 1262382');
    expect(got !== 'error' && got[5002]?.[2]?.value).toBe('Xã Pá Hu 4999');
    expect(got !== 'error' && got[4]?.[3]?.value).toBe('Xã Pá Hu');
  });

  it('tells a Greek question mark from a semicolon as the whole reader does (NFC makes it one)', async () => {
    const lines = ['a;b;c', 'x;y\u037ez;w', '1;2;3'];
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const file = writeCase(bytes);
    expect(plain(await streamed(file))).toEqual(plain(whole(bytes)));
  });

  it('stops with an error at a byte that is not UTF-8 past the first megabyte, rows before it given', async () => {
    // The first megabyte is UTF-8 (so the file is read as UTF-8); a broken letter comes later.
    const lines = ['STT,Mã hộ,Xã'];
    for (let i = 1; i <= 50000; i++) lines.push(`${i},H${i},Xã Pá Hu`);
    const head = Buffer.from(lines.join('\n') + '\n', 'utf8');
    expect(head.length).toBeGreaterThan(1024 * 1024);
    const bytes = Buffer.concat([head, Buffer.from([0x32, 0x2c, 0xc3, 0x28, 0x0a])]);
    const file = writeCase(bytes);
    let seen = 0;
    const csv = await openLargeCsv(file);
    await expect(
      streamCsvRows(csv, 0, () => {
        seen++;
      }),
    ).rejects.toBeInstanceOf(ReadError);
    expect(seen).toBeGreaterThan(0);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('a large CSV opened', () => {
  it('tells about how many records it holds from its first megabyte', async () => {
    const lines = ['STT,Mã hộ,Xã,Điểm A'];
    for (let i = 1; i <= 60_000; i++) lines.push(`${i},H${i},Xã Pá Hu ${i % 7},${i % 300}`);
    const csv = await openLargeCsv(writeCase(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')));
    expect(csv.records).toBeGreaterThan(60_001 * 0.9);
    expect(csv.records).toBeLessThan(60_001 * 1.1);
  });
});

describe('the splitting thread, when it fails', () => {
  const worker = builtWorker('csv-split-worker');
  /** A worker script of its own (plain JavaScript), in the temporary folder. */
  const script = (name: string, text: string): URL => {
    const file = path.join(tmp.path, `${name}.mjs`);
    writeFileSync(file, text);
    return pathToFileURL(file);
  };
  const lines = ['STT,Mã hộ,Xã,Điểm A'];
  for (let i = 1; i <= 30000; i++) lines.push(`${i},H${i},Xã Pá Hu,${i % 300}`);
  const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');

  const cases: { name: string; make: () => URL }[] = [
    { name: 'throws as it loads', make: () => script('throws', "throw new Error('broken');") },
    {
      name: 'answers with an error',
      make: () =>
        script(
          'answers',
          "import { parentPort } from 'node:worker_threads';\n" +
            "parentPort.postMessage({ kind: 'error', error: { name: 'Error', message: 'no' } });",
        ),
    },
    // The real thread, stopped as it is about to post its batch `k + 1`.
    ...[0, 1].map((k) => ({
      name: `stops after ${k} batches`,
      make: () =>
        script(
          `stops-${k}`,
          "import { parentPort } from 'node:worker_threads';\n" +
            'const post = parentPort.postMessage.bind(parentPort);\n' +
            'let n = 0;\n' +
            'parentPort.postMessage = (m, t) => {\n' +
            `  if (m.kind === 'rows' && ++n > ${k}) process.exit(3);\n` +
            '  return post(m, t);\n' +
            '};\n' +
            `await import(${JSON.stringify(worker?.href)});`,
        ),
    })),
  ];

  it.each(cases)(
    'gives the same rows, split here from the first row not handed over, when the thread $name',
    async ({ make }) => {
      if (!worker) throw new Error('the worker is not built: the test setup builds it');
      const file = writeCase(bytes);
      const expected = await streamedHere(file, [0, 1, 3]);
      setCsvSplitThread({ enabled: true, minBytes: 0, cores: 2, script: make() });
      setCsvChunkBytes(4096);
      try {
        const got = await streamed(file, [0, 1, 3]);
        expect(lastCsvSplit()).toBe('thread failed');
        expect(plain(got)).toEqual(plain(expected));
        expect(got !== 'error' && got.length).toBe(30001);
        // Each row once: none given again by the reading that takes over.
        let calls = 0;
        await streamCsvRows(
          await openLargeCsv(file),
          0,
          () => {
            calls++;
          },
          [0, 1, 3],
        );
        expect(calls).toBe(30001);
      } finally {
        setCsvSplitThread();
        setCsvChunkBytes(CSV_CHUNK_BYTES);
      }
    },
  );
});

/** The rows streamed with the splitting done in this thread. */
async function streamedHere(file: string, columns?: number[]): Promise<Row[] | 'error'> {
  setCsvSplitThread({ enabled: false });
  try {
    return await streamed(file, columns);
  } finally {
    setCsvSplitThread();
  }
}
