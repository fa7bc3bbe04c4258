import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, fold, parseNumberText } from '../../src/core/text.js';
import { isDateFormat } from '../../src/io/read-xlsx.js';
import { compare, evaluate, parseExpression, ExpressionError } from '../../src/core/expression.js';

describe('numbers typed as text', () => {
  const ok = (s: string) => {
    const p = parseNumberText(s);
    return p.ok ? p.value : 'invalid';
  };
  it('reads a whole number of up to fifteen digits as its value, leading zeros and all', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), (digits) => {
        expect(ok(digits)).toBe(Number(digits));
      }),
    );
    expect(ok('999999999999999')).toBe(999_999_999_999_999);
    // Sixteen digits, a sign or a letter are not the whole-number case.
    expect(ok('1234567890123456')).toBe(1234567890123456);
    expect(ok('12a')).toBe('invalid');
    expect(ok('-12')).toBe(-12);
  });

  it('gives the small whole numbers a list repeats as shared results no caller can change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.nat({ max: 3 }), (n, zeros) => {
        const p = parseNumberText('0'.repeat(zeros) + String(n));
        expect(p).toEqual({ ok: true, value: n, percent: false });
        // Shared between calls (0–4095), so frozen: a caller writing into one would change
        // every later reading of the same number.
        if (n < 4096) expect(Object.isFrozen(p)).toBe(true);
      }),
    );
  });

  it('reads Vietnamese separators', () => {
    expect(ok('1.234')).toBe(1234);
    expect(ok('1.234.567')).toBe(1234567);
    expect(ok('12,5')).toBe(12.5);
    expect(ok('1.234,56')).toBe(1234.56);
    expect(ok(' 2 345 ')).toBe(2345);
    expect(ok('18,07%')).toBe(18.07);
  });
  it('reads spaces between digits as thousands only when they group by three', () => {
    expect(ok('3 122')).toBe(3122);
    expect(ok('1 234 567,5')).toBe(1234567.5);
    expect(ok("1'234")).toBe(1234);
    // Two figures, or a cell's two lines run together: never one number.
    expect(ok('113 12')).toBe('invalid');
    expect(ok('113\n12')).toBe('invalid');
    expect(ok('1 5')).toBe('invalid');
    expect(ok('1234 567')).toBe('invalid');
  });
  it('reads English separators when both marks appear, and a lone decimal point', () => {
    expect(ok('1,234.5')).toBe(1234.5);
    expect(ok('18.07')).toBe(18.07);
  });
  it('reads a dash as zero and refuses words', () => {
    expect(ok('-')).toBe(0);
    expect(ok('–')).toBe(0);
    expect(ok('mười hai')).toBe('invalid');
    expect(ok('12a')).toBe('invalid');
    expect(ok('1.2.3')).toBe('invalid');
    expect(parseNumberText('   ')).toEqual({ ok: false, empty: true });
  });
  it('reads negative numbers (reported later as an error)', () => {
    expect(ok('-5')).toBe(-5);
    expect(ok('(5)')).toBe(-5);
  });
});

describe('folding', () => {
  it('folds đ and tone marks', () => {
    expect(fold('Đồng Tâm')).toBe('dong tam');
  });
});

describe('rule expressions', () => {
  const known = ['poor', 'households', 'poor_lack_a', 'poor_lack_b'];
  const look = (v: Record<string, number | null>) => (id: string) => v[id] ?? null;
  it('evaluates arithmetic and sum(prefix_*) without eval', () => {
    expect(
      evaluate(
        parseExpression('100 * poor / households', known),
        look({ poor: 20, households: 80 }),
      ),
    ).toBe(25);
    expect(
      evaluate(
        parseExpression('sum(poor_lack_*)', known),
        look({ poor_lack_a: 2, poor_lack_b: 3 }),
      ),
    ).toBe(5);
    expect(evaluate(parseExpression('-(poor - 3) * 2', known), look({ poor: 5 }))).toBe(-4);
  });
  it('gives no value when an input is missing or a division is by zero', () => {
    expect(evaluate(parseExpression('poor + households', known), look({ poor: 1 }))).toBeNull();
    expect(
      evaluate(parseExpression('poor / households', known), look({ poor: 1, households: 0 })),
    ).toBeNull();
  });
  it('rejects what it cannot parse', () => {
    expect(() => parseExpression('poor +', known)).toThrow(ExpressionError);
    expect(() => parseExpression('process.exit()', known)).toThrow(ExpressionError);
    expect(() => parseExpression('sum(nothing_*)', known)).toThrow(/no indicator/);
  });
  it('compares with a tolerance', () => {
    expect(compare(20.04, '==', 20, 0.05)).toBe(true);
    expect(compare(20.06, '==', 20, 0.05)).toBe(false);
    expect(compare(0.1 + 0.2, '==', 0.3)).toBe(true);
    expect(compare(5, '<=', 4)).toBe(false);
  });
});

describe('rounding like a spreadsheet', () => {
  it('rounds exact halves away from zero on the decimal value', async () => {
    const { roundHalfUp } = await import('../../src/core/round.js');
    expect(roundHalfUp((100 * 2175) / 100000, 2)).toBe(2.18);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(127.475, 1)).toBe(127.5);
    expect(roundHalfUp(18.07, 2)).toBe(18.07);
  });
});

describe('numbers from an English-locale export', () => {
  it('tells the decimal mark of a table from the texts only one locale writes', async () => {
    const { detectDecimalMark } = await import('../../src/core/text.js');
    expect(detectDecimalMark(['1,234', '12,345', '18.07'])).toBe('.');
    expect(detectDecimalMark(['1.234', '18,07'])).toBe(',');
    expect(detectDecimalMark(['1,234', '1.234'])).toBe(',');
    expect(detectDecimalMark(['120', '35'])).toBe(',');
    expect(parseNumberText('1,234', '.')).toEqual({ ok: true, value: 1234, percent: false });
    expect(parseNumberText('1,234', ',')).toEqual({ ok: true, value: 1.234, percent: false });
    expect(parseNumberText('18.07', '.')).toEqual({ ok: true, value: 18.07, percent: false });
  });

  it('reads a rate’s one mark as its decimal mark: a rate is 0–100, never "8,680" thousand', async () => {
    const { detectDecimalMark } = await import('../../src/core/text.js');
    // Three decimals: a thousands group in a count, the decimal mark in a rate.
    expect(detectDecimalMark(['3122', '271'], ['8,680', '19,320'])).toBe(',');
    expect(detectDecimalMark(['3122', '271'], ['8.680', '19.320'])).toBe('.');
    expect(detectDecimalMark(['3,122'], ['8.680'])).toBe('.');
    expect(detectDecimalMark(['3.122'], ['8,680'])).toBe(',');
    // Counts and rates disagreeing: the Vietnamese reading, and the cells it cannot read are
    // errors at their cells (a count "3,122" is not whole), never a guess.
    expect(detectDecimalMark(['3,122'], ['8,680'])).toBe(',');
    expect(detectDecimalMark(['3.122'], ['8.680'])).toBe(',');
    // A column of no known kind tells only what both kinds agree on.
    expect(detectDecimalMark([], [], ['8,680'])).toBe(',');
    expect(detectDecimalMark([], [], ['8.680'])).toBe(',');
    expect(detectDecimalMark([], [], ['8.68'])).toBe('.');
    expect(detectDecimalMark([], [], ['1,234,567'])).toBe('.');
    expect(parseNumberText('8.680', '.')).toEqual({ ok: true, value: 8.68, percent: false });
    expect(parseNumberText('8,680', ',')).toEqual({ ok: true, value: 8.68, percent: false });
    // More than one dot is no English number.
    expect(parseNumberText('1.234.567', '.')).toEqual({ ok: true, value: 1234567, percent: false });
  });
});

describe('remembered answers', () => {
  // cleanText and isDateFormat keep what they answered: asked again, in any order, the answer is
  // the one computed afresh (a memo keyed wrongly would hand one text's answer to another).
  const fresh = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[\s\u00a0\u200b]+/g, ' ')
      .trim();
  it('cleans a text the same the first time and every time after', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('Tên  xã', 'Te\u0302n\u00a0xa\u0303', ' Hộ nghèo\n(%) ', 'Tổng cộng'),
          ),
          { maxLength: 20 },
        ),
        (texts) => {
          for (const t of [...texts, ...texts.reverse()]) expect(cleanText(t)).toBe(fresh(t));
        },
      ),
    );
  });
  it('tells a date format the same whatever was asked before', () => {
    const formats = [
      '0.00',
      'dd/mm/yyyy',
      '#,##0',
      '[$-42A]d mmmm yyyy',
      '"ngày" 0',
      'h:mm',
      'General',
    ];
    const truth = formats.map((f) => isDateFormat(f));
    expect(truth).toEqual([false, true, false, true, false, true, false]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: formats.length - 1 })), (order) => {
        for (const i of order) expect(isDateFormat(formats[i])).toBe(truth[i]);
      }),
    );
  });
});
