/**
 * Irons out package quirks of `.xlsx` writers other than Excel before exceljs 4 sees the file.
 * exceljs finds parts by fixed names, matches XML elements by their literal names and looks
 * relationship targets up by exact strings, so a valid package written another way fails deep
 * inside it (or, worse, loses data without a word):
 *
 * - openpyxl (and other writers) give relationship targets as absolute part names
 *   (`Target="/xl/tables/table1.xml"`); exceljs looks tables, comments and drawings up by the
 *   relative form (`../tables/table1.xml`) and crashes on `undefined` ("Cannot read properties
 *   of undefined (reading 'name')"). Absolute targets are rewritten relative to their source.
 * - openpyxl names a sheet's comments `xl/comments/comment1.xml`; exceljs only knows
 *   `xl/comments1.xml` and crashes. Comments are no report data: such a relationship is dropped.
 * - openpyxl writes a picture's drawing in the default namespace (`<wsDr xmlns=…>`); exceljs
 *   only reads `<xdr:wsDr>` and crashes. Pictures are no report data: such a drawing is dropped.
 * - The OpenXML SDK (.NET report generators; WPS too, by one report) may bind the SpreadsheetML
 *   namespace to a prefix (`<x:workbook xmlns:x=…>`); exceljs then finds no workbook (exceljs
 *   issue #1437). The
 *   prefix is removed and the namespace made the default.
 * - exceljs finds a worksheet only under `xl/worksheets/sheet<N>.xml`, shared strings and styles
 *   only under `xl/sharedStrings.xml` and `xl/styles.xml`; a sheet the OpenXML SDK names
 *   `xl/worksheets/sheet.xml` simply vanished. Such parts are moved to the names exceljs knows.
 * - Some exporters (DataGrip, streaming writers) leave out the optional `r` address of rows and
 *   cells (ECMA-376 18.3.1.73: the next row, the next cell); exceljs fails with "Invalid row
 *   number in model" (exceljs issue #2961). The addresses are written in.
 *
 * Only the in-memory copy changes; the file on disk is never touched. A package that needs no
 * change is passed through as it came (no second zip is written).
 */
import path from 'node:path';

import type JSZip from 'jszip';
import { columnNumber } from './xlsx-scan.js';

const SPREADSHEETML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const COMMENTS_TYPE = /\/relationships\/comments$/;
/** Where exceljs expects a sheet's comments part (`xl/comments1.xml`). */
const EXCELJS_COMMENTS_PART = /^xl\/comments\d+\.xml$/;
/** The parts exceljs parses as XML and that a prefixed namespace breaks. */
const XML_PARTS =
  /^(?:xl\/(?:workbook|styles|sharedStrings)\.xml|xl\/worksheets\/sheet\d+\.xml|(?:.*\/)?_rels\/[^/]*\.rels)$/;
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const DRAWING_PART = /^xl\/drawings\/([a-zA-Z0-9]+)\.xml$/;

/**
 * Returns the package with the quirks above ironed out, or the same bytes when nothing needed
 * changing.
 *
 * @param bytes - A workbook that passed the zip guard (its inflated size is bounded).
 * @throws whatever JSZip throws for a damaged archive; the caller reports it.
 */
export async function normalizeXlsx(bytes: Buffer): Promise<Buffer> {
  // Loaded when a file needs it: most runs never do, and JSZip with its inflater takes a while.
  const { default: Zip } = await import('jszip');
  const zip = await Zip.loadAsync(bytes);
  let changed = await relocateParts(zip);
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const part = name.replace(/^\//, '');
    const drawing = DRAWING_PART.exec(part);
    if (!XML_PARTS.test(part) && !drawing) continue;
    const xml = await entry.async('string');
    if (drawing) {
      if (!/<xdr:wsDr\b/.test(xml.slice(0, 4096))) {
        zip.remove(name);
        zip.remove(name.replace(/[^/]*$/, `_rels/${drawing[1] ?? ''}.xml.rels`));
        changed = true;
      }
      continue;
    }
    let fixed = unprefixRoot(xml);
    if (part.endsWith('.rels')) fixed = fixRelationships(part, fixed);
    else if (SHEET_PART.test(part)) fixed = addAddresses(fixed);
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  if (!changed) return bytes;
  // Stored, not deflated: the copy lives only in memory for exceljs to read.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const RELATIONSHIP_TAG = /<Relationship\b[^>]*?\/?>(?:\s*<\/Relationship>)?/g;

/** One relationship's target, resolved against its source part's folder. */
function targetOf(
  tag: string,
  base: string,
): { match: string; quote: string; part: string; type: string } | null {
  if (/\bTargetMode\s*=\s*["']External["']/.test(tag)) return null;
  const target = /\bTarget\s*=\s*(["'])(.*?)\1/.exec(tag);
  if (!target?.[2] || !target[1]) return null;
  const part = target[2].startsWith('/')
    ? target[2].slice(1)
    : path.posix.normalize(path.posix.join(base, target[2]));
  const type = /\bType\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
  return { match: target[0], quote: target[1], part, type };
}

/**
 * Moves worksheets, shared strings and styles the workbook names otherwise to the part names
 * exceljs looks for, with a moved sheet's own relationships. Returns whether anything moved.
 */
async function relocateParts(zip: JSZip): Promise<boolean> {
  const zipName = new Map<string, string>();
  for (const name of Object.keys(zip.files)) zipName.set(name.replace(/^\//, ''), name);
  const relsName = zipName.get(WORKBOOK_RELS);
  const relsEntry = relsName === undefined ? null : zip.file(relsName);
  if (!relsName || !relsEntry) return false;
  const original = await relsEntry.async('string');
  const sheetNumbers = [...zipName.keys()].map((n) =>
    Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(n)?.[1] ?? 0),
  );
  let nextSheet = Math.max(0, ...sheetNumbers) + 1;
  const moves: { from: string; to: string }[] = [];
  const xml = unprefixRoot(original).replace(RELATIONSHIP_TAG, (tag) => {
    const t = targetOf(tag, 'xl');
    if (!t || !zipName.has(t.part)) return tag;
    let to: string | null = null;
    if (/\/worksheet$/.test(t.type) && !SHEET_PART.test(t.part)) {
      to = `xl/worksheets/sheet${nextSheet++}.xml`;
    } else if (/\/sharedStrings$/.test(t.type) && t.part !== 'xl/sharedStrings.xml') {
      to = 'xl/sharedStrings.xml';
    } else if (/\/styles$/.test(t.type) && t.part !== 'xl/styles.xml') {
      to = 'xl/styles.xml';
    }
    if (to === null || zipName.has(to) || moves.some((m) => m.to === to)) return tag;
    moves.push({ from: t.part, to });
    const relative = path.posix.relative('/xl', `/${to}`);
    return tag.replace(t.match, () => `Target=${t.quote}${relative}${t.quote}`);
  });
  if (moves.length === 0) return false;
  for (const { from, to } of moves) {
    await movePart(zip, zipName, from, to);
    // The part's own relationships move along, their targets made absolute (the main pass then
    // makes them relative to the new place).
    const dir = path.posix.dirname(from);
    const fromRels = `${dir}/_rels/${path.posix.basename(from)}.rels`;
    const relsZipName = zipName.get(fromRels);
    const rels = relsZipName === undefined ? null : zip.file(relsZipName);
    if (relsZipName && rels) {
      const absolute = unprefixRoot(await rels.async('string')).replace(RELATIONSHIP_TAG, (tag) => {
        const t = targetOf(tag, dir);
        return t ? tag.replace(t.match, () => `Target=${t.quote}/${t.part}${t.quote}`) : tag;
      });
      zip.remove(relsZipName);
      zip.file(`${path.posix.dirname(to)}/_rels/${path.posix.basename(to)}.rels`, absolute);
    }
  }
  zip.file(relsName, xml);
  return true;
}

async function movePart(
  zip: JSZip,
  zipName: Map<string, string>,
  from: string,
  to: string,
): Promise<void> {
  const name = zipName.get(from);
  const entry = name === undefined ? null : zip.file(name);
  if (!name || !entry) return;
  const data = await entry.async('uint8array');
  zip.remove(name);
  zip.file(to, data);
}

/**
 * Rewrites one `.rels` part: absolute targets made relative, comments exceljs cannot find
 * dropped. Exported for tests.
 *
 * @param relsName - The part name, e.g. `xl/worksheets/_rels/sheet1.xml.rels`.
 * @param xml - Its content.
 */
export function fixRelationships(relsName: string, xml: string): string {
  const sourceDir = path.posix.dirname(path.posix.dirname(relsName.replace(/^\//, '')));
  const base = sourceDir === '.' ? '' : sourceDir;
  return xml.replace(RELATIONSHIP_TAG, (tag) => {
    const t = targetOf(tag, base);
    if (!t) return tag;
    if (COMMENTS_TYPE.test(t.type) && !EXCELJS_COMMENTS_PART.test(t.part)) return '';
    if (!t.match.includes(`${t.quote}/`)) return tag;
    // Both sides rooted, so no working directory enters the computation.
    const relative = path.posix.relative(`/${base}`, `/${t.part}`) || t.part;
    return tag.replace(t.match, () => `Target=${t.quote}${relative}${t.quote}`);
  });
}

/**
 * Removes the prefix a part binds the SpreadsheetML (or package relationships) namespace to on
 * its root element, making that namespace the default: `<x:row>` becomes `<row>`. Parts that
 * already have a default namespace are left alone. Exported for tests.
 */
export function unprefixRoot(xml: string): string {
  const root = /<(?![?!])([^\s>/]+)[^>]*>/.exec(xml.slice(0, 4096));
  if (!root?.[1]) return xml;
  const [tag, qname] = [root[0], root[1]];
  const colon = qname.indexOf(':');
  if (colon < 0) return xml;
  const prefix = qname.slice(0, colon);
  const binding = new RegExp(`\\sxmlns:${prefix}\\s*=\\s*["']([^"']*)["']`).exec(tag);
  if (!binding || (binding[1] !== SPREADSHEETML && binding[1] !== RELATIONSHIPS)) return xml;
  if (/\sxmlns\s*=/.test(tag)) return xml;
  const p = prefix.replace(/[.]/g, '\\.');
  return xml
    .replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1')
    .replace(new RegExp(`(\\s)xmlns:${p}(\\s*=)`), '$1xmlns$2');
}

/**
 * Writes the `r` address into rows and cells that leave it out: a row without one is the row
 * after the previous row, a cell without one the cell after the previous cell of its row.
 * Exported for tests.
 */
export function addAddresses(xml: string): string {
  if (!/<row(?=[\s>/])(?![^>]*\sr\s*=)|<c(?=[\s>/])(?![^>]*\sr\s*=)/.test(xml)) return xml;
  let row = 0;
  let col = 0;
  return xml.replace(/<(row|c)(?=[\s>/])([^>]*)>/g, (whole, name: string, rest: string) => {
    const r = /\sr\s*=\s*["']([^"']*)["']/.exec(rest);
    if (name === 'row') {
      row = r?.[1] && /^\d+$/.test(r[1]) ? Number(r[1]) : row + 1;
      col = 0;
      return r ? whole : `<row r="${row}"${rest}>`;
    }
    const address = r?.[1] ? /^([A-Za-z]{1,3})(\d+)$/.exec(r[1]) : null;
    if (address?.[1]) {
      col = columnNumber(address[1]);
      return whole;
    }
    col++;
    return `<c r="${columnLetters(col)}${row}"${rest}>`;
  });
}

/** `1` → A, `27` → AA (core/grid's columnLetter, which io may not import, counts from 0). */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) {
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  }
  return s;
}
