/**
 * The run's index of household codes (typed arrays, open addressing) answers as a Map would:
 * each code's first place and row, whatever the codes (Vietnamese letters, colliding hashes,
 * enough of them to grow every array several times).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeKey } from '../../src/core/household.js';
import { newCodeIndex, type CodeSeen } from '../../src/core/household-rows.js';

describe('CodeIndex', () => {
  it('gives each code its first place, as a Map of the same calls does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('139|H0001', '139|Đ01', '')),
            fc.constantFrom('Xã Túc Đán', 'Xã Pá Lau'),
            fc.nat(1_048_575),
          ),
          { maxLength: 300 },
        ),
        (calls) => {
          const index = newCodeIndex();
          const oracle = new Map<string, CodeSeen>();
          for (const [key, commune, row] of calls) {
            const at = { commune, file: 'a.xlsx', sheet: 'DS', row };
            expect(index.get(key)).toEqual(oracle.get(key));
            if (!oracle.has(key)) oracle.set(key, at);
            index.set(key, at);
          }
          expect(index.size).toBe(oracle.size);
          for (const [key, at] of oracle) expect(index.get(key)).toEqual(at);
        },
      ),
    );
  });

  it('holds a hundred and fifty thousand codes (pages of letters and slots crossed), each found again', () => {
    const index = newCodeIndex();
    for (let i = 0; i < 150_000; i++)
      index.set(`139|H${i}`, { commune: `Xã ${i % 7}`, file: 'f', sheet: null, row: i });
    expect(index.size).toBe(150_000);
    for (const i of [0, 1, 4095, 4096, 65_535, 65_536, 99_999, 131_072, 149_999])
      expect(index.get(`139|H${i}`)).toEqual({
        commune: `Xã ${i % 7}`,
        file: 'f',
        sheet: null,
        row: i,
      });
    expect(index.get('139|H150000')).toBeUndefined();
    // A code with a letter beyond a byte, among them.
    index.set('139|Đ7', { commune: 'Xã Đ', file: 'f', sheet: null, row: 7 });
    expect(index.get('139|Đ7')?.commune).toBe('Xã Đ');
    expect(index.get('139|H7')?.row).toBe(7);
  });
  it('finds a unit and household code as the key "unit|CODE" made and capitalised by codeKey', () => {
    const code = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('h0001', 'H0001', 'h 01', 'đ01', 'Đ01', 'ß', 'i', '~z{', ''),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', '139', '13Đ'), code, fc.boolean(), fc.nat(1000)), {
          maxLength: 200,
        }),
        (calls) => {
          const index = newCodeIndex();
          const oracle = new Map<string, CodeSeen>();
          for (const [unit, c, byParts, row] of calls) {
            const at = { commune: 'Xã Pá Lau', file: 'a.csv', sheet: null, row };
            const key = `${unit}|${codeKey(c)}`;
            const got = byParts ? index.firstOrAddCode(unit, c, at) : index.firstOrAdd(key, at);
            expect(got).toEqual(oracle.get(key));
            if (!oracle.has(key)) oracle.set(key, at);
          }
          expect(index.size).toBe(oracle.size);
          for (const [key, at] of oracle) expect(index.get(key)).toEqual(at);
        },
      ),
    );
  });
  it('answers the same after room is made ahead for more codes, however much', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }),
        fc.nat(200),
        fc.oneof(fc.nat(100_000), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-5)),
        (keys, at, more) => {
          const index = newCodeIndex();
          const oracle = new Map<string, CodeSeen>();
          keys.forEach((key, row) => {
            if (row === at) index.reserve(more);
            const seen = { commune: 'Xã Pá Lau', file: 'a.csv', sheet: null, row };
            expect(index.firstOrAdd(key, seen)).toEqual(oracle.get(key));
            if (!oracle.has(key)) oracle.set(key, seen);
          });
          expect(index.size).toBe(oracle.size);
          for (const [key, seen] of oracle) expect(index.get(key)).toEqual(seen);
        },
      ),
    );
  });
});
