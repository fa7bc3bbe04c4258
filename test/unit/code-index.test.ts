/**
 * The run's index of household codes (typed arrays, open addressing, codes looked up together
 * when a reader asks for its repeats) answers as a Map of the keys `unit|key(code)` fed one
 * code at a time would: each code's first place and row, each repeat told as written, whatever
 * the codes (small letters, Vietnamese letters, letters beyond a byte, long codes, colliding
 * hashes) and however many wait (enough to be sorted by the table's stretches, and to grow every
 * array several times).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeKey as caseKey, withoutLeadingZeros } from '../../src/core/household.js';

/** A code as the index compares it: in capitals, a code of digits without its leading zeros. */
const codeKey = (code: string): string => caseKey(withoutLeadingZeros(code));
import { newCodeIndex, type CodeRepeat, type CodeSeen } from '../../src/core/code-index.js';

const codes = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('h0001', 'H0001', 'h 01', 'đ01', 'Đ01', 'ß', 'SS', 'i', 'ı', 'I', '~z{', ''),
  fc.constantFrom('x'.repeat(1100), 'X'.repeat(1100), `${'ab'.repeat(20)}C`, `${'AB'.repeat(20)}c`),
  fc.nat(400).map((n) => `H${n}`),
  fc.nat(400).map((n) => `h${n}`),
  // Codes of digits, with and without leading zeros ("045" and 45 are one household).
  fc.constantFrom('045', '45', '0045', '0', '00', '000', '0A45', 'A045', 'A45', '045 ', '0.45'),
  fc.tuple(fc.nat(3), fc.nat(400)).map(([z, n]) => `${'0'.repeat(z)}${n}`),
);
const units = fc.constantFrom('', '139', '13Đ', '140');

/** A Map's answers to the same calls: the repeats by reader, the first place by key. */
function oracle(
  calls: { reader: number; unit: string; code: string; commune: string; row: number }[],
) {
  const first = new Map<string, CodeSeen>();
  const repeats = new Map<number, CodeRepeat[]>();
  for (const c of calls) {
    const key = `${c.unit}|${codeKey(c.code)}`;
    const seen = first.get(key);
    if (seen) {
      const list = repeats.get(c.reader) ?? [];
      list.push({ row: c.row, code: c.code, unit: c.unit, commune: c.commune, first: seen });
      repeats.set(c.reader, list);
    } else
      first.set(key, {
        commune: c.commune,
        file: `f${c.reader}`,
        sheet: `S${c.reader}`,
        row: c.row,
      });
  }
  return { first, repeats };
}

describe('CodeIndex', () => {
  it('told and looked up at once, gives each code its first place, as a Map of the keys does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(units, codes, fc.constantFrom('Xã Túc Đán', 'Xã Pá Lau'), fc.nat(1000)), {
          maxLength: 200,
        }),
        (calls) => {
          const index = newCodeIndex();
          const seen = new Map<string, CodeSeen>();
          for (const [unit, code, commune, row] of calls) {
            const at = { commune, file: 'a.csv', sheet: null, row };
            const key = `${unit}|${codeKey(code)}`;
            expect(index.firstOrAddCode(unit, code, at)).toEqual(seen.get(key));
            if (!seen.has(key)) seen.set(key, at);
          }
          expect(index.size).toBe(seen.size);
          for (const [unit, code] of calls)
            expect(index.get(unit, code)).toEqual(seen.get(`${unit}|${codeKey(code)}`));
        },
      ),
    );
  });

  it('told by several readers and looked up together, tells each reader its repeats as a Map would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            reader: fc.nat(2),
            unit: units,
            code: codes,
            commune: fc.constantFrom('Xã Túc Đán', 'Xã Pá Lau'),
            // Now and then a reader asks for its repeats before the others have finished.
            take: fc.boolean(),
          }),
          // Enough codes waiting at once to be sorted (from 256).
          { minLength: 300, maxLength: 900 },
        ),
        fc.integer({ min: 0, max: 3000 }),
        (steps, extra) => {
          const index = newCodeIndex();
          // Room made ahead, so that the table is walked stretch by stretch.
          index.reserve(extra);
          const ids = [0, 1, 2].map((r) => index.reader(`f${r}`, `S${r}`));
          const calls = steps.map((s, row) => ({ ...s, reader: ids[s.reader] as number, row }));
          const expected = oracle(calls);
          const got = new Map<number, CodeRepeat[]>();
          const take = (reader: number): void => {
            got.set(reader, [...(got.get(reader) ?? []), ...index.takeRepeats(reader)]);
          };
          for (const c of calls) {
            index.addCode(c.reader, c.unit, c.code, c.commune, c.row);
            if (c.take && c.row % 101 === 0) take(c.reader);
          }
          for (const r of ids) take(r);
          for (const r of ids) expect(got.get(r) ?? []).toEqual(expected.repeats.get(r) ?? []);
          expect(index.size).toBe(expected.first.size);
          for (const c of calls)
            expect(index.get(c.unit, c.code)).toEqual(
              expected.first.get(`${c.unit}|${codeKey(c.code)}`),
            );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('holds a hundred and fifty thousand codes (pages of letters and slots crossed, sorted by stretch), each repeat found', () => {
    const index = newCodeIndex();
    const reader = index.reader('f', null);
    for (let i = 0; i < 150_000; i++) index.addCode(reader, '139', `H${i}`, `Xã ${i % 7}`, i);
    // Every thousandth code again, in small letters, and a code beyond a byte among them.
    for (let i = 0; i < 150_000; i += 1000)
      index.addCode(reader, '139', `h${i}`, 'Xã 0', 200_000 + i);
    index.addCode(reader, '139', 'Đ7', 'Xã Đ', 7);
    index.addCode(reader, '139', 'đ7', 'Xã Đ', 8);
    const repeats = index.takeRepeats(reader);
    expect(repeats).toHaveLength(151);
    expect(repeats[0]).toEqual({
      row: 8,
      code: 'đ7',
      unit: '139',
      commune: 'Xã Đ',
      first: { commune: 'Xã Đ', file: 'f', sheet: null, row: 7 },
    });
    expect(repeats[150]).toEqual({
      row: 349_000,
      code: 'h149000',
      unit: '139',
      commune: 'Xã 0',
      first: { commune: `Xã ${149_000 % 7}`, file: 'f', sheet: null, row: 149_000 },
    });
    expect(index.size).toBe(150_001);
    for (const i of [0, 1, 4095, 4096, 65_535, 65_536, 99_999, 131_072, 149_999])
      expect(index.get('139', `H${i}`)).toEqual({
        commune: `Xã ${i % 7}`,
        file: 'f',
        sheet: null,
        row: i,
      });
    expect(index.get('139', 'H150000')).toBeUndefined();
    expect(index.get('140', 'H7')).toBeUndefined();
  });

  it('takes a code of digits without its leading zeros, and tells the repeat as written', () => {
    // A cell Excel keeps as a number drops the zero: "045850123" and 45850123 are one household.
    const index = newCodeIndex();
    const r = index.reader('ds.xlsx', 'Xã Túc Đán');
    for (const [row, code] of [
      '045850123',
      '45850123',
      '0045850123',
      'A045',
      'A45',
      '00',
    ].entries())
      index.addCode(r, '139', code, 'Xã Túc Đán', row);
    index.addCode(r, '139', '0', 'Xã Túc Đán', 6);
    const repeats = index.takeRepeats(r);
    expect(repeats.map((x) => [x.row, x.code, x.first.row])).toEqual([
      [1, '45850123', 0],
      [2, '0045850123', 0],
      [6, '0', 5],
    ]);
    expect(index.get('139', '000045850123')?.row).toBe(0);
    expect(index.get('139', 'A45')?.row).toBe(4);
  });

  it('answers the same after room is made ahead for more codes, however much', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }),
        fc.nat(200),
        fc.oneof(fc.nat(100_000), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-5)),
        (keys, at, more) => {
          const index = newCodeIndex();
          const seen = new Map<string, CodeSeen>();
          keys.forEach((code, row) => {
            if (row === at) index.reserve(more);
            const where = { commune: 'Xã Pá Lau', file: 'a.csv', sheet: null, row };
            expect(index.firstOrAddCode('139', code, where)).toEqual(seen.get(codeKey(code)));
            if (!seen.has(codeKey(code))) seen.set(codeKey(code), where);
          });
          expect(index.size).toBe(seen.size);
        },
      ),
    );
  });
});
