/**
 * Zip archives and workbooks built by hand for the resource tests: deflated with node:zlib (fast
 * enough for hundreds of megabytes), with a central directory that can say anything. Synthetic.
 */
import { crc32, deflateRawSync } from 'node:zlib';

import JSZip from 'jszip';

/** One entry of {@link buildZip}. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Store instead of deflating. */
  store?: boolean;
  /** `data` already deflated, to write as it is. */
  deflated?: Buffer;
  /** The uncompressed size the directory claims (a lie, for bombs); default the real one. */
  claim?: number;
}

/** Builds a zip archive; the local headers and the directory agree except for `claim`. */
export function buildZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const method = e.store ? 0 : 8;
    const packed = e.store ? data : (e.deflated ?? deflateRawSync(data, { level: 9 }));
    const size = e.claim ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, packed);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** Column letters of a 0-based index. */
export function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A worksheet part of `rows` × `cols` small numbers, with `tail` after the sheet data. */
export function sheetXml(rows: number, cols: number, tail = ''): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++)
      row += `<c r="${columnName(c)}${r}"><v>${(r * 7 + c) % 997}</v></c>`;
    out.push(`${row}</row>`);
  }
  out.push(`</sheetData>${tail}</worksheet>`);
  return out.join('');
}

/** The entries of a minimal workbook whose sheets are the given worksheet parts. */
export function workbookEntries(sheets: { name: string; xml: string | Buffer }[]): ZipEntry[] {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const types = [
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ...sheets.map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
  ].join('');
  return [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${types}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${pkg}">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
  ];
}

/** The parts of a zip archive (as JSZip reads them), in archive order. */
export async function unzipParts(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: { name: string; data: Buffer }[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    out.push({ name, data: await entry.async('nodebuffer') });
  }
  return out;
}

/** Rewrites the worksheet parts of a workbook with `edit` (other parts as they were). */
export async function editSheets(bytes: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const parts = await unzipParts(bytes);
  return buildZip(
    parts.map((p) => ({
      name: p.name,
      data: /^xl\/worksheets\/[^/]+\.xml$/.test(p.name) ? edit(p.data.toString('utf8')) : p.data,
    })),
  );
}

/** Adds a merged range to a worksheet part, with the ones it has. */
export function addMerge(xml: string, ref: string): string {
  if (/<mergeCells\b[^>]*>/.test(xml))
    return xml.replace(/<mergeCells\b[^>]*>/, (m) => `${m}<mergeCell ref="${ref}"/>`);
  return xml.replace(
    '</sheetData>',
    `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`,
  );
}

/**
 * Bytes of `size` that deflate at about `ratio`:1 (within 5 %): zeros, which deflate packs about
 * 1000:1, with runs of random bytes mixed in, tuned until the ratio fits. Returns the real ratio.
 */
export function bombBytes(
  size: number,
  ratio: number,
  seed = 1,
): { data: Buffer; deflated: Buffer; ratio: number } {
  let noise = Math.round(size / ratio);
  let best: { data: Buffer; deflated: Buffer; ratio: number } | null = null;
  for (let attempt = 0; attempt < 12; attempt++) {
    let s = seed >>> 0;
    const data = Buffer.alloc(size);
    // Spread the noise in runs so the zeros between them still pack tightly.
    const runs = 64;
    const run = Math.ceil(noise / runs);
    for (let k = 0; k < runs; k++) {
      const at = Math.floor((k * size) / runs);
      for (let i = 0; i < run && at + i < size; i++) {
        s = (s * 1664525 + 1013904223) >>> 0;
        data[at + i] = s >>> 24;
      }
    }
    const deflated = deflateRawSync(data, { level: 9 });
    best = { data, deflated, ratio: size / deflated.length };
    if (Math.abs(best.ratio / ratio - 1) < 0.05) break;
    noise = Math.max(0, Math.round(noise * (best.ratio / ratio)));
  }
  if (!best) throw new Error('bombBytes');
  return best;
}
