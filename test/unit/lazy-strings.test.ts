/**
 * The shared strings of a large workbook, kept as bytes and decoded on demand, read as the
 * whole-file reader reads them: plain items, rich-text runs, phonetic runs left out, entities,
 * CDATA (even one holding "</si>"), comments, empty items, a namespace prefix, preserved spaces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazyStrings } from '../../src/io/read-xlsx-large.js';
import { SharedStringsScanner } from '../../src/io/xlsx-scan.js';

const ITEMS = [
  '<si><t>Hộ nghèo</t></si>',
  '<si><t xml:space="preserve"> Xã Túc Đán </t></si>',
  '<si><r><rPr><b/></rPr><t>Mã </t></r><r><t>hộ</t></r></si>',
  '<si><t>Pá Lau</t><rPh sb="0" eb="1"><t>ぱ</t></rPh></si>',
  '<si><t>A &amp; B &lt;1&gt; &#7843;</t></si>',
  '<si><t><![CDATA[x </si> y]]></t></si>',
  '<si><!-- </si> --><t>sau chú thích</t></si>',
  '<si/>',
  '<si><t/></si>',
  '<si><t></t></si>',
];

function sst(items: string[], prefix = ''): Buffer {
  const body = items.join('').replace(/<(\/?)(si|t|r|rPr|rPh|b)\b/g, `<$1${prefix}$2`);
  const ns = prefix
    ? ` xmlns:${prefix.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
    : '';
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${prefix}sst${ns} count="${items.length}">${body}</${prefix}sst>`,
  );
}

function eager(xml: Buffer): string[] {
  const sc = new SharedStringsScanner();
  sc.push(xml);
  return sc.end();
}

describe('LazyStrings', () => {
  for (const prefix of ['', 'x:'])
    it(`reads every kind of item as the whole-file reader does${prefix ? ', with a prefix' : ''}`, () => {
      const xml = sst(ITEMS, prefix);
      const lazy = LazyStrings.fromBytes(xml);
      const want = eager(xml);
      expect(want).toHaveLength(ITEMS.length);
      want.forEach((text, i) => {
        expect(lazy.get(i)).toBe(text);
      });
      expect(lazy.get(ITEMS.length)).toBeUndefined();
      expect(lazy.get(-1)).toBeUndefined();
    });

  it('agrees with the whole-file reader on generated tables, asked in any order, twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ITEMS), { maxLength: 60 }),
        fc.array(fc.nat(80), { maxLength: 100 }),
        (items, asks) => {
          const xml = sst(items);
          const lazy = LazyStrings.fromBytes(xml);
          const want = eager(xml);
          for (const i of [...asks, ...asks]) expect(lazy.get(i)).toBe(want[i]);
        },
      ),
    );
  });

  it('reads the same items from the part cut into pieces anywhere, as it inflates', () => {
    // Every cut the inflater may make: inside a tag's name, an entity, a CDATA holding "</si>",
    // a comment, a letter's bytes, the prefix of a closing tag.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ITEMS), { maxLength: 40 }),
        fc.constantFrom('', 'x:'),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, prefix, cuts) => {
          const xml = sst(items, prefix);
          const at = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
          const pieces: Buffer[] = [];
          let from = 0;
          for (const c of [...at, xml.length]) {
            pieces.push(xml.subarray(from, c));
            from = c;
          }
          const lazy = LazyStrings.fromChunks(pieces);
          const want = eager(xml);
          want.forEach((text, i) => {
            expect(lazy.get(i)).toBe(text);
            expect(lazy.isBlank(i)).toBe(text.trim() === '');
          });
          expect(lazy.get(want.length)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a table larger than its first guess of room, byte for byte', () => {
    // Thousands of names in pieces of one byte to a few kilobytes: the room made ahead (64 KB)
    // grows, and every name stays whole.
    const names = Array.from({ length: 6000 }, (_, i) => `Người Thử ${i} &amp; Xã ${i % 97}`);
    const xml = sst(names.map((n) => `<si><t>${n}</t></si>`));
    const pieces: Buffer[] = [];
    for (let from = 0, k = 1; from < xml.length; k = (k * 7) % 4093) {
      pieces.push(xml.subarray(from, from + k));
      from += k;
    }
    const lazy = LazyStrings.fromChunks(pieces);
    names.forEach((n, i) => {
      expect(lazy.get(i)).toBe(n.replace('&amp;', '&'));
    });
  });
});
