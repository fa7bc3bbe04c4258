/**
 * Numbers as the reader of each language writes them (src/core/dates-and-numbers.ts), made
 * without ICU's formatter: the same text as `Intl.NumberFormat`, number by number, on generated
 * numbers (fast-check) of every size, sign and number of decimals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatNumber } from '../../src/core/dates-and-numbers.js';
import { LANGS } from '../../src/core/lang.js';

const locale = { vi: 'vi-VN', en: 'en-US' } as const;

const numbers = fc.oneof(
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  fc.double({ min: -1e16, max: 1e16, noNaN: true }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.integer({ min: -99_999_999, max: 99_999_999 }).map((n) => n / 10000),
  fc.integer({ min: -99_999_999, max: 99_999_999 }).map((n) => n / 10000 + 0.00005),
  fc.constantFrom(0, -0, 16, 16.005, 1234.5, 0.125, 1e14, -1e14, Infinity, -Infinity, 999.99995),
);

const below15Digits = (n: number): boolean => !(Number.isFinite(n) && Math.abs(n) >= 1e15);

describe('formatNumber', () => {
  it('writes what Intl.NumberFormat writes, in Vietnamese and in English', () => {
    fc.assert(
      // Past 15 digits a figure is written as a power of ten (below).
      fc.property(numbers.filter(below15Digits), fc.constantFrom(...LANGS), (n, lang) => {
        const intl = new Intl.NumberFormat(locale[lang], { maximumFractionDigits: 4 });
        expect(formatNumber(n, lang)).toBe(intl.format(Math.round(n * 10000) / 10000));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a figure of 15 digits or more as a power of ten, never "Infinity" nor false digits', () => {
    expect(formatNumber(1e308, 'vi')).toBe('1 × 10^308');
    expect(formatNumber(1e20, 'vi')).toBe('1 × 10^20');
    expect(formatNumber(-1.5e17, 'vi')).toBe('-1,5 × 10^17');
    expect(formatNumber(1.2345e15, 'en')).toBe('1.235 × 10^15');
    expect(formatNumber(1e15, 'vi')).toBe('1 × 10^15');
    expect(formatNumber(99_999_999_999_999, 'vi')).toBe('99.999.999.999.999');
  });

  it('groups thousands with a dot and marks decimals with a comma in Vietnamese', () => {
    expect(formatNumber(35356, 'vi')).toBe('35.356');
    expect(formatNumber(1234567.25, 'vi')).toBe('1.234.567,25');
    expect(formatNumber(1234567.25, 'en')).toBe('1,234,567.25');
    expect(formatNumber(-4829, 'vi')).toBe('-4.829');
  });
});

describe('formatFixed', () => {
  it('writes what toLocaleString writes with that many decimals', () => {
    fc.assert(
      fc.property(
        numbers,
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...LANGS),
        (n, d, lang) => {
          expect(formatFixed(n, d, lang)).toBe(
            n.toLocaleString(locale[lang], { minimumFractionDigits: d, maximumFractionDigits: d }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes a rate as the forms print it', () => {
    expect(formatFixed(16, 2, 'vi')).toBe('16,00');
    expect(formatFixed(8.0349, 2, 'vi')).toBe('8,03');
  });
});
