/**
 * Zip archives and workbooks built by hand for the resource tests: deflated with node:zlib (fast
 * enough for hundreds of megabytes), with a central directory that can say anything. Synthetic.
 */
import { deflateRawSync } from 'node:zlib';

import JSZip from 'jszip';

import { buildZip, type ZipEntry } from '../../scripts/lib/zip.mjs';

// The zip writer is the fixture generator's (scripts/lib/zip.mjs).
export { buildZip, type ZipEntry };

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
