/**
 * Damaged copies of a file, the way files arrive broken or are made to break a reader: bytes
 * flipped, cut short, a zip's central directory broken, malformed XML inside a workbook's parts,
 * parts missing, shared-string indexes out of range, absurd cell addresses and merged ranges,
 * junk values, garbage bytes and broken quoting in CSV text. Deterministic for a seed, so a failing
 * case can be made again. Used by test/integration/fuzz.test.ts and `npm run fuzz`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { buildZip, unzipParts } from './zip.js';

/** Every file under `dir`, as paths relative to it, sorted (Node 20.0's readdir has no parentPath). */
export function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

type Rng = () => number;
const int = (rnd: Rng, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Rng, items: readonly T[]): T => {
  const item = items[int(rnd, items.length)];
  if (item === undefined) throw new Error('pick from nothing');
  return item;
};

/** What a file is, for the damage that fits it. */
export type FileKind = 'zip' | 'text' | 'markup' | 'other';

/** The kinds of damage for each kind of file. */
export const DAMAGE = {
  zip: ['flip', 'truncate', 'directory', 'xml', 'missing', 'shared-strings', 'addresses', 'values'],
  text: ['flip', 'truncate', 'garbage', 'quoting', 'lines'],
  markup: ['flip', 'truncate', 'markup', 'garbage'],
  other: ['flip', 'truncate', 'garbage'],
} as const satisfies Record<FileKind, readonly string[]>;

/** One kind of damage. */
export type Damage = (typeof DAMAGE)[FileKind][number];

/** The kind of a file, from its first bytes and its name. */
export function fileKind(bytes: Buffer, name: string): FileKind {
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
  if (/\.(csv|txt|tsv)$/i.test(name)) return 'text';
  const head = bytes.subarray(0, 512).toString('latin1').toLowerCase();
  if (head.includes('<html') || head.includes('<table') || head.includes('<?xml')) return 'markup';
  return 'other';
}

/** A damaged copy of `bytes` (a file of `kind`), and what was done to it. */
export async function damage(
  bytes: Buffer,
  kind: FileKind,
  how: Damage,
  rnd: Rng,
): Promise<{ bytes: Buffer; what: string }> {
  switch (how) {
    case 'flip':
      return flip(bytes, rnd);
    case 'truncate': {
      const at = int(rnd, bytes.length);
      return { bytes: bytes.subarray(0, at), what: `cut at ${at} of ${bytes.length}` };
    }
    case 'directory':
      return brokenDirectory(bytes, rnd);
    case 'garbage':
      return garbage(bytes, rnd);
    case 'quoting':
      return editText(bytes, rnd, quoting);
    case 'lines':
      return editText(bytes, rnd, lines);
    case 'markup':
      return editText(bytes, rnd, brokenXml);
    default:
      if (kind !== 'zip') return flip(bytes, rnd);
      return editParts(bytes, how, rnd);
  }
}

function flip(bytes: Buffer, rnd: Rng): { bytes: Buffer; what: string } {
  const b = Buffer.from(bytes);
  const n = 1 + int(rnd, 40);
  for (let i = 0; i < n; i++) b[int(rnd, b.length)] = int(rnd, 256);
  return { bytes: b, what: `${n} bytes overwritten` };
}

/** Bytes that break decoders: NUL, invalid UTF-8, a BOM in the middle, lone surrogates. */
const GARBAGE = [
  Buffer.from([0]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc3]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from('\r'),
  Buffer.from('"'),
  Buffer.from(';;;;;;;;'),
  Buffer.from('\u202e\u0007\u001b[31m', 'utf8'),
];

function garbage(bytes: Buffer, rnd: Rng): { bytes: Buffer; what: string } {
  const pieces: Buffer[] = [];
  let from = 0;
  const n = 1 + int(rnd, 12);
  const cuts = Array.from({ length: n }, () => int(rnd, bytes.length + 1)).sort((a, b) => a - b);
  for (const at of cuts) {
    pieces.push(bytes.subarray(from, at), pick(rnd, GARBAGE));
    from = at;
  }
  pieces.push(bytes.subarray(from));
  return { bytes: Buffer.concat(pieces), what: `${n} garbage pieces inserted` };
}

function editText(
  bytes: Buffer,
  rnd: Rng,
  edit: (text: string, rnd: Rng) => { text: string; what: string },
): { bytes: Buffer; what: string } {
  // Latin-1 keeps every byte as it was outside the edited places, whatever the encoding.
  const out = edit(bytes.toString('latin1'), rnd);
  return { bytes: Buffer.from(out.text, 'latin1'), what: out.what };
}

function quoting(text: string, rnd: Rng): { text: string; what: string } {
  const at = int(rnd, text.length + 1);
  const piece = pick(rnd, ['"', '""', '"x;y', ';"', '\r', '\n"', '"\n']);
  return {
    text: text.slice(0, at) + piece + text.slice(at),
    what: `quote ${JSON.stringify(piece)} at ${at}`,
  };
}

function lines(text: string, rnd: Rng): { text: string; what: string } {
  const all = text.split(/(?<=\n)/);
  const i = int(rnd, all.length);
  const line = all[i] ?? '';
  switch (int(rnd, 4)) {
    case 0:
      all.splice(i, 1);
      return { text: all.join(''), what: `line ${i + 1} removed` };
    case 1:
      all.splice(i, 0, ...Array<string>(1 + int(rnd, 50)).fill(line));
      return { text: all.join(''), what: `line ${i + 1} repeated` };
    case 2:
      return { text: text.replace(/\r?\n/g, '\r'), what: 'CR line ends' };
    default:
      all[i] = `${line.replace(/\r?\n$/, '')}${';x'.repeat(1 + int(rnd, 3000))}\n`;
      return { text: all.join(''), what: `line ${i + 1} made very long` };
  }
}

/** Breaks XML text: a tag cut, a bracket or entity out of place, a tag renamed, text cut. */
function brokenXml(text: string, rnd: Rng): { text: string; what: string } {
  const at = int(rnd, text.length + 1);
  switch (int(rnd, 7)) {
    case 0:
      return { text: text.slice(0, at), what: `cut at ${at}` };
    case 1:
      return { text: text.slice(0, at) + '<' + text.slice(at), what: `< at ${at}` };
    case 2:
      return {
        text: text.slice(0, at) + '&bogus;&#xFFFFFFF;' + text.slice(at),
        what: `entity at ${at}`,
      };
    case 3: {
      const close = text.indexOf('>', at);
      return close < 0
        ? { text, what: 'nothing' }
        : { text: text.slice(0, close) + text.slice(close + 1), what: `> removed at ${close}` };
    }
    case 4:
      return { text: text.replace(/<\/(\w+:)?\w+>/, '<//>'), what: 'first end tag broken' };
    case 5:
      return {
        text: text.slice(0, at) + '<x y="1" y="2">' + text.slice(at),
        what: `duplicate attribute at ${at}`,
      };
    default:
      return {
        text: text.slice(0, at) + '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + text.slice(at),
        what: `doctype at ${at}`,
      };
  }
}

/** Damages a zip's central directory or its end record, leaving the entries' data alone. */
function brokenDirectory(bytes: Buffer, rnd: Rng): { bytes: Buffer; what: string } {
  const b = Buffer.from(bytes);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return flip(bytes, rnd);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdStart = b.readUInt32LE(eocd + 16);
  const entries: number[] = [];
  for (let p = cdStart; p + 46 <= eocd && b.readUInt32LE(p) === 0x02014b50;) {
    entries.push(p);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  const entry = entries.length > 0 ? pick(rnd, entries) : cdStart;
  const big = pick(rnd, [0, 1, 0xffff, 0x7fffffff, 0xffffffff, int(rnd, 2 ** 32)]);
  switch (int(rnd, 8)) {
    case 0:
      b.writeUInt16LE(int(rnd, 0x10000), eocd + 10);
      return { bytes: b, what: 'entry count changed' };
    case 1:
      b.writeUInt32LE(big >>> 0, eocd + 12);
      return { bytes: b, what: `directory size ${big}` };
    case 2:
      b.writeUInt32LE(big >>> 0, eocd + 16);
      return { bytes: b, what: `directory offset ${big}` };
    case 3:
      if (entry + 46 <= b.length) b.writeUInt32LE(big >>> 0, entry + 42);
      return { bytes: b, what: `an entry's local offset ${big}` };
    case 4:
      if (entry + 46 <= b.length) b.writeUInt32LE(big >>> 0, entry + pick(rnd, [20, 24]));
      return { bytes: b, what: `an entry's size ${big}` };
    case 5:
      if (entry + 46 <= b.length)
        b.writeUInt16LE(int(rnd, 0x10000), entry + pick(rnd, [8, 10, 28, 30]));
      return { bytes: b, what: "an entry's flags, method or name length" };
    case 6:
      for (let i = 0; i < 16; i++) b[cdStart + int(rnd, Math.max(1, cdSize))] = int(rnd, 256);
      return { bytes: b, what: 'directory bytes overwritten' };
    default:
      return { bytes: b.subarray(0, eocd), what: 'end record removed' };
  }
}

const XML_PART = /\.(xml|rels)$/i;
const SHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;

/** Unzips, damages the parts, zips again (the archive itself is sound). */
async function editParts(
  bytes: Buffer,
  how: Damage,
  rnd: Rng,
): Promise<{ bytes: Buffer; what: string }> {
  let parts: { name: string; data: Buffer }[];
  try {
    parts = await unzipParts(bytes);
  } catch {
    return flip(bytes, rnd);
  }
  const sheets = parts.filter((p) => SHEET_PART.test(p.name));
  const edit = (
    candidates: { name: string; data: Buffer }[],
    f: (xml: string) => { text: string; what: string },
  ): string => {
    if (candidates.length === 0) return 'nothing to edit';
    const part = pick(rnd, candidates);
    const out = f(part.data.toString('utf8'));
    part.data = Buffer.from(out.text, 'utf8');
    return `${part.name}: ${out.what}`;
  };
  let what: string;
  switch (how) {
    case 'xml':
      what = edit(
        parts.filter((p) => XML_PART.test(p.name)),
        (xml) => brokenXml(xml, rnd),
      );
      break;
    case 'missing': {
      const important = parts.filter((p) =>
        /workbook\.xml|\.rels$|sharedStrings|styles|Content_Types|worksheets\//.test(p.name),
      );
      const gone = pick(rnd, important.length > 0 ? important : parts);
      parts = parts.filter((p) => p !== gone);
      what = `${gone.name} removed`;
      break;
    }
    case 'shared-strings':
      what = edit(sheets, (xml) => {
        const index = pick(rnd, ['999999999', '-1', '1.5', 'abc', '', '1e309', '4294967296']);
        let done = 0;
        const text = xml.replace(
          /(<c\b[^>]*\bt="s"[^>]*>\s*<v>)[^<]*(<\/v>)/g,
          (whole, a: string, b: string) => (rnd() < 0.3 ? (done++, `${a}${index}${b}`) : whole),
        );
        return { text, what: `${done} shared-string indexes set to ${JSON.stringify(index)}` };
      });
      if (rnd() < 0.3) {
        parts = parts.filter((p) => !/sharedStrings/i.test(p.name));
        what += ', shared strings removed';
      }
      break;
    case 'addresses':
      what = edit(sheets, (xml) => {
        const ref = pick(rnd, [
          'A0',
          'XFE1',
          'A1048577',
          'ZZZZZZ1',
          'A99999999999',
          '',
          '1A',
          'A-1',
        ]);
        const merge = pick(rnd, [
          'A1:XFD1048576',
          'Z1:Z1048576',
          'B2:A1',
          'A1:A1',
          'A1:C3',
          'A0:B-1',
          'XFD1048576:XFD1048576',
        ]);
        let text = xml.replace(/\br="[A-Z]+\d+"/, `r="${ref}"`);
        if (rnd() < 0.5) text = text.replace(/\br="\d+"/, `r="${ref.replace(/\D/g, '') || '0'}"`);
        const merges = Array<string>(1 + int(rnd, 3))
          .fill(`<mergeCell ref="${merge}"/>`)
          .join('');
        text = /<mergeCells\b[^>]*>/.test(text)
          ? text.replace(/<mergeCells\b[^>]*>/, (m) => m + merges)
          : text.replace('</sheetData>', `</sheetData><mergeCells>${merges}</mergeCells>`);
        if (rnd() < 0.3)
          text = text.replace(/<dimension ref="[^"]*"/, '<dimension ref="A1:XFD1048576"');
        return { text, what: `an address set to ${ref}, merged ${merge}` };
      });
      break;
    default:
      what = edit(sheets, (xml) => {
        const value = pick(rnd, ['1e400', 'NaN', '-0', '', 'x', '１２', '9'.repeat(400)]);
        const type = pick(rnd, ['n', 'b', 'd', 'e', 'str', 'inlineStr', 'bogus']);
        let done = 0;
        const text = xml.replace(/<c\b([^>]*)>\s*<v>[^<]*<\/v>/g, (whole, attrs: string) =>
          rnd() < 0.2
            ? (done++, `<c${attrs.replace(/\st="[^"]*"/, '')} t="${type}"><v>${value}</v>`)
            : whole,
        );
        return {
          text,
          what: `${done} values set to ${type} ${JSON.stringify(value.slice(0, 12))}`,
        };
      });
  }
  return { bytes: buildZip(parts.map((p) => ({ name: p.name, data: p.data }))), what };
}
