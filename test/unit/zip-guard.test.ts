/**
 * The zip guard counts what the data really inflates to, not what the directory says: archives
 * built by hand whose directory understates their sizes (synthetic zip bombs).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findingMessage } from '../../src/core/finding.js';
import { readSubmissionFile } from '../../src/io/read-file.js';
import { guardZip } from '../../src/io/zip-guard.js';
import { bombBytes, buildZip, sheetXml, workbookEntries, type ZipEntry } from '../helpers/zip.js';

const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'povreport bom '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A deflate stream of `megabytes` MiB of zeros, built from one flushed block repeated. */
function zerosStream(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MiB), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), end]);
}

/** A workbook of one small sheet plus `extra` entries. */
function workbookWith(extra: ZipEntry[]): Buffer {
  return buildZip([...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(3, 3) }]), ...extra]);
}

describe('guardZip counts inflated bytes', () => {
  it('stops a part that claims 1 KB but inflates to 3 GB at the 200 MB limit', () => {
    const stream = zerosStream(3 * 1024);
    const bomb = workbookWith([
      { name: 'xl/media/image1.bin', data: Buffer.alloc(0), deflated: stream, claim: 1024 },
    ]);
    expect(bomb.length).toBeLessThan(5 * MiB);
    let seen = 0;
    const result = guardZip(bomb, { inspect: (_, data) => (seen += data.length) });
    expect(result).toMatchObject({ ok: false, code: 'archive-size-mismatch' });
    // The limit left for the part: 200 MiB less the few bytes of the sheet before it.
    expect(!result.ok && 'limit' in result ? result.limit : 0).toBeGreaterThan(199 * MiB);
    // Nothing past the limit was handed on (nor, by zlib's chunking, inflated much beyond it).
    expect(seen).toBeLessThan(200 * MiB);
  });

  it('adds up parts each small enough, and refuses their total past the limit', () => {
    const nine = zerosStream(9);
    const parts = Array.from({ length: 30 }, (_, i) => ({
      name: `xl/media/p${i}.bin`,
      data: Buffer.alloc(0),
      deflated: nine,
      claim: 100,
    }));
    expect(guardZip(workbookWith(parts))).toMatchObject({
      ok: false,
      code: 'archive-size-mismatch',
    });
    expect(guardZip(workbookWith(parts.slice(0, 20)))).toMatchObject({ ok: true });
  });

  it('refuses a big part packed just over 200:1 even when the directory hides it', () => {
    const over = bombBytes(12 * MiB, 215, 7);
    const under = bombBytes(12 * MiB, 150, 8);
    // The bytes really are what the test says (deflate's own ratio is not exact).
    expect(over.ratio).toBeGreaterThan(200);
    expect(over.ratio).toBeLessThan(240);
    expect(under.ratio).toBeLessThan(200);
    const lie = (b: typeof over): Buffer =>
      workbookWith([{ name: 'xl/media/a.bin', data: b.data, deflated: b.deflated, claim: 4096 }]);
    expect(guardZip(lie(over))).toMatchObject({ ok: false, code: 'archive-size-mismatch' });
    expect(guardZip(lie(under))).toMatchObject({ ok: true });
    // An honest directory is refused from the directory alone.
    const honest = workbookWith([
      { name: 'xl/media/a.bin', data: over.data, deflated: over.deflated },
    ]);
    expect(guardZip(honest)).toMatchObject({ ok: false, code: 'archive-too-large' });
  });

  it('calls damaged compressed data damaged, and hands a cut stream on as it is', () => {
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02, 0x03]);
    const damaged = workbookWith([
      { name: 'xl/media/a.bin', data: Buffer.alloc(10), deflated: garbage },
    ]);
    expect(guardZip(damaged)).toMatchObject({
      ok: false,
      code: 'file-corrupt',
      reason: { vi: 'dữ liệu nén bên trong bị hỏng', en: 'the compressed data inside is damaged' },
    });
    const full = deflateRawSync(Buffer.alloc(100_000, 0x61));
    const cut = workbookWith([
      { name: 'xl/media/a.bin', data: Buffer.alloc(100_000), deflated: full.subarray(0, 40) },
    ]);
    expect(guardZip(cut)).toMatchObject({ ok: true });
  });
});

describe('readSubmissionFile and a lying archive', () => {
  it('reports it in words, quickly, as a file that lies about its size', async () => {
    const file = path.join(dir, 'bom.xlsx');
    await writeFile(
      file,
      workbookWith([
        { name: 'xl/media/x.bin', data: Buffer.alloc(0), deflated: zerosStream(1024), claim: 512 },
      ]),
    );
    const out = await readSubmissionFile(file, { displayPath: 'bom.xlsx' });
    expect(out.sheets).toEqual([]);
    expect(out.findings).toHaveLength(1);
    const f = out.findings[0];
    if (!f) throw new Error('no finding');
    expect(f.code).toBe('archive-size-mismatch');
    expect(findingMessage(f, 'vi')).toMatch(
      /ghi rằng nội dung bung ra .* nhưng thực tế bung ra hơn 200 MB/,
    );
    expect(findingMessage(f, 'en')).toContain('more than 200 MB');
  });
});
