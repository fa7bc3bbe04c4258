/**
 * An archive read from disk part by part gives the same parts as the whole-file reader (JSZip),
 * for every shipped workbook and whatever the chunk size; a part inflating past its limit (a
 * bomb whose directory lies) stops at the limit; a damaged directory or damaged packed bytes are
 * a reason, not a crash; a stored part comes out as stored; a reader that stops early leaves no
 * handle open on the file.
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

  it('says a part whose packed bytes are damaged is damaged, not a crash', async () => {
    // Deflated text cut short, and a block of a type deflate does not have (the first byte's
    // type bits 11): both are the archive's damage.
    const text = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(40000));
    const packed = deflateRawSync(text);
    const cases = {
      cut: packed.subarray(0, packed.length >> 1),
      badBlock: Buffer.concat([Buffer.from([0xff]), packed]),
    };
    for (const [what, deflated] of Object.entries(cases)) {
      const file = path.join(dir, `hỏng ${what}.xlsx`);
      await writeFile(
        file,
        buildZip([
          ...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(2, 2) }]),
          { name: 'xl/media/hong.bin', data: text, deflated },
        ]),
      );
      const read = async (): Promise<number> => {
        let got = 0;
        for await (const c of entryChunks(openZipFile(file), 'xl/media/hong.bin', {
          maxBytes: 1e9,
          chunkSize: 4096,
        }))
          got += c.length;
        return got;
      };
      await expect(read(), what).rejects.toBeInstanceOf(ZipFileError);
    }
  });

  it('gives a stored part its bytes whatever the chunk size', async () => {
    const data = Buffer.from(Array.from({ length: 300000 }, (_, i) => (i * 7) % 251));
    const file = path.join(dir, 'lưu nguyên.xlsx');
    await writeFile(
      file,
      buildZip([
        ...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(2, 2) }]),
        { name: 'xl/media/luu.bin', data, store: true },
      ]),
    );
    for (const chunk of [1000, 65536, 1 << 20])
      expect((await whole(file, 'xl/media/luu.bin', chunk)).equals(data)).toBe(true);
  });

  it('lets go of the file when its reader stops after the first chunk', async () => {
    const text = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(200000));
    const file = path.join(dir, 'dừng sớm.xlsx');
    await writeFile(
      file,
      buildZip([
        ...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(2, 2) }]),
        { name: 'xl/worksheets/sheet9.xml', data: text },
      ]),
    );
    const zip = openZipFile(file);
    for (let round = 0; round < 20; round++) {
      let first = 0;
      for await (const c of entryChunks(zip, 'xl/worksheets/sheet9.xml', {
        maxBytes: 1e9,
        chunkSize: 4096,
      })) {
        first = c.length;
        break;
      }
      expect(first).toBeGreaterThan(0);
    }
    // Each stop closed the file it opened: the file is removed without a handle left on it (on
    // Windows a handle left open would refuse the removal), and no handle is left in this process
    // (Linux lists them).
    await rm(file);
    if (process.platform === 'linux') {
      const { readdirSync: list, readlinkSync } = await import('node:fs');
      const open = list('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).includes('dừng sớm');
        } catch {
          return false;
        }
      });
      expect(open).toEqual([]);
    }
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
