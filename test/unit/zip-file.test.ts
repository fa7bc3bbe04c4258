/**
 * An archive read from disk part by part gives the same parts as the whole-file reader (JSZip),
 * for every shipped workbook and whatever the chunk size; a part inflating past its limit (a
 * bomb whose directory lies) stops at the limit; a damaged directory is a reason, not a crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  entryChunks,
  EntryTooLargeError,
  openZipFile,
  ZipFileError,
} from '../../src/io/zip-file.js';
import { buildZip, sheetXml, workbookEntries } from '../helpers/zip.js';

const root = path.resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'povreport zip đọc dần '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function whole(zipPath: string, name: string, chunkSize: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of entryChunks(openZipFile(zipPath), name, { maxBytes: 1e9, chunkSize }))
    parts.push(c);
  return Buffer.concat(parts);
}

describe('openZipFile and entryChunks', () => {
  const books = readdirSync(path.join(root, 'fixtures/2022-H1'))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(root, 'fixtures/2022-H1', f));

  it.each(books)('reads every part of %s as JSZip does', async (file) => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    expect([...openZipFile(file).entries.keys()].filter((n) => !n.endsWith('/')).sort()).toEqual(
      names.map((n) => n.replace(/^\//, '')).sort(),
    );
    for (const name of names) {
      const want = await zip.file(name)?.async('nodebuffer');
      for (const chunk of [1 << 20, 1000]) expect(await whole(file, name, chunk)).toEqual(want);
    }
  });

  it('stops a part whose directory says 1 KB at its limit, as it inflates', async () => {
    const block = deflateRawSync(Buffer.alloc(MiB), { finishFlush: constants.Z_FULL_FLUSH });
    const data = Buffer.concat([
      ...Array.from({ length: 64 }, () => block),
      deflateRawSync(Buffer.alloc(0)),
    ]);
    const file = path.join(dir, 'bom.xlsx');
    await writeFile(
      file,
      buildZip([
        ...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(2, 2) }]),
        { name: 'xl/media/bom.bin', data: Buffer.alloc(0), deflated: data, claim: 1024 },
      ]),
    );
    const chunks = entryChunks(openZipFile(file), 'xl/media/bom.bin', { maxBytes: 8 * MiB });
    let got = 0;
    await expect(
      (async () => {
        for await (const c of chunks) got += c.length;
      })(),
    ).rejects.toBeInstanceOf(EntryTooLargeError);
    expect(got).toBeLessThanOrEqual(8 * MiB);
  });

  it('says a cut or damaged archive is damaged', async () => {
    const good = readFileSync(books[0] ?? '');
    const cut = path.join(dir, 'cắt.xlsx');
    await writeFile(cut, good.subarray(0, good.length - 100));
    expect(() => openZipFile(cut)).toThrow(ZipFileError);
    const junk = path.join(dir, 'rác.xlsx');
    await writeFile(junk, Buffer.from('PK\u0005\u0006 not a zip at all'));
    expect(() => openZipFile(junk)).toThrow(ZipFileError);
  });
});
