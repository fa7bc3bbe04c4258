/**
 * Each household of a list is checked against the standard's scoring (B = 10 × flags; poor, near
 * poor or neither from A, B and the area's line), a code once in one commune; and a commune's
 * figures derived from its list equal what the generator of the list knows it put there. The
 * lists here are synthetic (generated), with the shipped standards' lines and indicators.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/commands/load-data.js';
import type { Catalogue } from '../../src/core/catalogue.js';
import {
  checkHousehold,
  checkHouseholds,
  compareWithSummary,
  deriveFigures,
  isCodeOnly,
  leadingCode,
  plainCodeBytes,
  scoringOf,
  type Area,
  type Household,
  type HouseholdClass,
  type ScoringLines,
} from '../../src/core/household.js';

let cat: Catalogue;
let lines: ScoringLines;
const MOVES = [
  'poor_new',
  'poor_relapsed',
  'near_poor_to_poor',
  'near_poor_new',
  'near_poor_relapsed',
  'poor_to_near_poor',
];

beforeAll(async () => {
  cat = await loadCatalogue();
  const l = scoringOf(cat.standard);
  if (!l) throw new Error('the shipped standard has no scoring lines');
  lines = l;
});

function household(over: Partial<Household> = {}): Household {
  return {
    sheet: 'DS hộ',
    row: 5,
    code: 'H001',
    commune: 'xa-a',
    area: 'rural',
    members: 4,
    scoreIncome: 120,
    scoreDeprivation: 30,
    flags: [true, true, true, false, false, false, false, false, false, false, false, false],
    classification: 'poor',
    ethnicMinority: true,
    move: null,
    ...over,
  };
}

describe('one household against Decree 07’s scoring', () => {
  it('finds nothing wrong with a poor rural household lacking three indicators', () => {
    expect(checkHousehold(household(), lines)).toEqual([]);
  });

  it('says when B is not 10 × the flags set', () => {
    expect(checkHousehold(household({ scoreDeprivation: 40 }), lines)).toEqual([
      { kind: 'score-deprivation', written: 40, flags: 3, expected: 30 },
    ]);
  });

  it('says when B is blank or not a number while flags are set, and lets a blank B of 0 be', () => {
    const blank = household({ scoreDeprivation: null, hasScoreDeprivation: true });
    expect(checkHousehold(blank, lines)).toEqual([
      { kind: 'score-deprivation', written: '(trống)', flags: 3, expected: 30 },
    ]);
    const none = household({
      scoreDeprivation: null,
      hasScoreDeprivation: true,
      flags: new Array<boolean>(12).fill(false),
      classification: 'nearPoor',
    });
    expect(checkHousehold(none, lines)).toEqual([]);
    const words = household({ scoreDeprivation: null, scoreDeprivationText: 'bốn mươi' });
    expect(checkHousehold(words, lines)).toEqual([
      { kind: 'score-deprivation', written: 'bốn mươi', flags: 3, expected: 30 },
    ]);
    // A list without a B column: nothing to say about B.
    expect(checkHousehold(household({ scoreDeprivation: null }), lines)).toEqual([]);
  });

  it('says when the status names a move to another class than the classification', () => {
    expect(checkHousehold(household({ move: 'near_poor_new' }), lines)).toEqual([
      { kind: 'status', move: 'near_poor_new', written: 'poor', implied: 'nearPoor' },
    ]);
    for (const move of ['poor_new', 'poor_relapsed', 'near_poor_to_poor'])
      expect(checkHousehold(household({ move }), lines)).toEqual([]);
    expect(
      checkHousehold(household({ move: 'poor_to_near_poor', classification: 'poor' }), lines).map(
        (p) => p.kind,
      ),
    ).toEqual(['status']);
  });

  it('says a negative or unreadable score A is no score, instead of counting the household poor', () => {
    expect(checkHousehold(household({ scoreIncome: -5 }), lines)).toEqual([
      { kind: 'score-income', written: -5 },
    ]);
    expect(
      checkHousehold(household({ scoreIncome: null, scoreIncomeText: 'chưa chấm' }), lines),
    ).toEqual([{ kind: 'score-income', written: 'chưa chấm' }]);
    expect(checkHousehold(household({ scoreIncome: 0 }), lines)).toEqual([]);
  });

  it('says a poor household above the rural line is not poor, and names the line', () => {
    expect(checkHousehold(household({ scoreIncome: 141 }), lines)).toEqual([
      {
        kind: 'classification',
        written: 'poor',
        expected: 'other',
        scoreIncome: 141,
        scoreDeprivation: 30,
        incomeLine: 140,
        poorThreshold: 30,
      },
    ]);
  });

  it('takes the urban line (175) in a ward', () => {
    expect(checkHousehold(household({ area: 'urban', scoreIncome: 170 }), lines)).toEqual([]);
    expect(checkHousehold(household({ area: 'rural', scoreIncome: 170 }), lines)).toHaveLength(1);
  });

  it('says a poor household with two flags is near-poor', () => {
    const two = household({
      flags: [true, true, false, false, false, false, false, false, false, false, false, false],
      scoreDeprivation: 20,
    });
    expect(checkHousehold(two, lines)).toMatchObject([
      { kind: 'classification', expected: 'nearPoor' },
    ]);
  });

  it('says an unreadable flag, a missing code and members under 1, and does not guess the class', () => {
    const h = household({
      flags: [true, true, null, false, false, false, false, false, false, false, false, false],
      code: null,
      members: 0,
    });
    expect(checkHousehold(h, lines)).toEqual([
      { kind: 'flag-unreadable', indicator: 3 },
      { kind: 'members', written: 0 },
      { kind: 'code-missing' },
    ]);
  });

  it('says when the class cannot be checked for want of an income score', () => {
    expect(checkHousehold(household({ scoreIncome: null }), lines)).toEqual([
      { kind: 'classification-unknown', why: 'no-income-score' },
    ]);
  });
});

describe('codes across a list', () => {
  it('says a code repeated in the commune and a code found in another commune, with the first row', () => {
    const found = checkHouseholds(
      [
        household({ row: 5 }),
        household({ row: 9, code: 'h001' }),
        household({ row: 12, commune: 'xa-b', code: 'H001 '.trim() }),
      ],
      lines,
    );
    expect(found.map((f) => [f.household.row, f.problem])).toEqual([
      [9, { kind: 'code-repeated', first: { sheet: 'DS hộ', row: 5 } }],
      [12, { kind: 'code-other-commune', other: 'xa-a', first: { sheet: 'DS hộ', row: 5 } }],
    ]);
  });
});

describe('a code cell told the quick way and by the code’s rules agree', () => {
  // The rules as written before the quick path (leadingCode's pieces): a piece is a code's when
  // it holds a digit, or, first, when it is one to four capitals.
  function byRules(text: string): { code: string; extra: boolean } | null {
    const pieces = text.trim().split(/([\s\-_./]+)/);
    let end = 0;
    for (let i = 0; i < pieces.length; i += 2) {
      const p = pieces[i] ?? '';
      if (!(/^[\p{L}\d]*\d[\p{L}\d]*$/u.test(p) || (i === 0 && /^\p{Lu}{1,4}$/u.test(p)))) break;
      end = i + 1;
    }
    const code = pieces.slice(0, end).join('');
    return /\d/.test(code) ? { code, extra: end < pieces.length } : null;
  }
  const codeText = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
    fc.stringMatching(/^[A-Z]{0,4}[ -]?[0-9]{0,9}( - [a-zA-Zộ ]{0,8})?$/),
    fc.string({ maxLength: 14 }),
  );

  it('leadingCode and isCodeOnly give the rules’ answer for any text', () => {
    fc.assert(
      fc.property(codeText, (text) => {
        const rules = byRules(text);
        expect(leadingCode(text)).toEqual(rules);
        expect(isCodeOnly(text)).toBe(rules !== null && !rules.extra);
      }),
      { numRuns: 2000 },
    );
  });

  it('plainCodeBytes tells from the bytes what isCodeOnly tells from the text, or leaves it', () => {
    fc.assert(
      fc.property(codeText, (text) => {
        const bytes = Buffer.from(` ${text} `, 'latin1');
        const quick = plainCodeBytes(bytes, 1, bytes.length - 1);
        if (quick !== null) expect(quick).toBe(isCodeOnly(text));
        if (/^[A-Za-z0-9]+$/.test(text)) expect(quick).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(plainCodeBytes(Buffer.from('H0000001'), 0, 8)).toBe(true);
    expect(plainCodeBytes(Buffer.from('Tổng'), 0, 4)).toBeNull();
    expect(plainCodeBytes(Buffer.from('TT-12'), 0, 5)).toBeNull();
  });
});

/** The class each move leaves a household in (Biểu 02 and 03's columns). */
const MOVE_CLASS: Record<string, HouseholdClass> = {
  poor_new: 'poor',
  poor_relapsed: 'poor',
  near_poor_to_poor: 'poor',
  near_poor_new: 'nearPoor',
  near_poor_relapsed: 'nearPoor',
  poor_to_near_poor: 'nearPoor',
};

/** What the generator knows of a household it made. */
interface Truth {
  cls: HouseholdClass;
  flags: boolean[];
  ethnic: boolean;
  move: string | null;
}

const truthArb = fc
  .record({
    cls: fc.constantFrom<HouseholdClass>('poor', 'nearPoor', 'other'),
    area: fc.constantFrom<Area>('rural', 'urban'),
    nFlags: fc.integer({ min: 0, max: 12 }),
    order: fc.shuffledSubarray([...Array(12).keys()], { minLength: 12, maxLength: 12 }),
    over: fc.integer({ min: 1, max: 200 }),
    under: fc.integer({ min: 0, max: 140 }),
    ethnic: fc.boolean(),
    move: fc.option(fc.constantFrom(...MOVES), { nil: null }),
    members: fc.integer({ min: 1, max: 12 }),
  })
  .map((g) => {
    // The class decides the flags' count and the income score: poor ≥ 3 flags, near-poor ≤ 2.
    const n =
      g.cls === 'poor' ? 3 + (g.nFlags % 10) : g.cls === 'nearPoor' ? g.nFlags % 3 : g.nFlags;
    const flags = Array.from({ length: 12 }, () => false);
    for (const i of g.order.slice(0, n)) flags[i] = true;
    const line = g.area === 'urban' ? 175 : 140;
    const income = g.cls === 'other' ? line + g.over : Math.min(g.under, line);
    // A status agrees with the class ("Nghèo mới" is a poor household): another is an error.
    const move = g.move !== null && MOVE_CLASS[g.move] === g.cls ? g.move : null;
    const truth: Truth = { cls: g.cls, flags, ethnic: g.ethnic, move };
    return { g, truth, income, n };
  });

describe('derived figures equal the generator’s truth', () => {
  it('counts poor and near-poor households, their minorities, each deprivation, the totals and the moves', () => {
    fc.assert(
      fc.property(fc.array(truthArb, { maxLength: 60 }), (made) => {
        const households: Household[] = made.map(({ g, truth, income, n }, i) =>
          household({
            row: i + 3,
            code: `H${i}`,
            area: g.area,
            scoreIncome: income,
            scoreDeprivation: 10 * n,
            flags: truth.flags,
            classification: truth.cls,
            ethnicMinority: truth.ethnic,
            move: truth.move,
            members: g.members,
          }),
        );
        // Every generated household is consistent: no problem found.
        expect(checkHouseholds(households, lines)).toEqual([]);
        const d = deriveFigures(
          households,
          0,
          lines,
          cat.standard,
          cat.forms,
          { ethnicity: true, status: true },
          MOVES,
        );
        const truths = made.map((m) => m.truth);
        for (const [cls, id, prefix] of [
          ['poor', 'poor', 'poor_lack_'],
          ['nearPoor', 'near_poor', 'near_poor_lack_'],
        ] as const) {
          const group = truths.filter((t) => t.cls === cls);
          expect(d.values[id]).toBe(group.length);
          expect(d.values[`${id}_ethnic_minority`]).toBe(group.filter((t) => t.ethnic).length);
          let total = 0;
          cat.standard.indicators.forEach((ind, i) => {
            const n = group.filter((t) => t.flags[i]).length;
            total += n;
            expect(d.values[`${prefix}${ind.id}`], ind.id).toBe(n);
          });
          expect(d.values[`${id}_deprivations`]).toBe(total);
        }
        for (const m of MOVES) expect(d.values[m]).toBe(truths.filter((t) => t.move === m).length);
        expect(d.householdRows).toBe(made.length);
      }),
      { numRuns: 200 },
    );
  });

  it('counts an unreadable flag as not set when the class comes from the scores, and says it is unreadable', () => {
    const h = household({
      classification: null,
      flags: [true, true, null, false, false, false, false, false, false, false, false, false],
    });
    expect(checkHousehold(h, lines)).toContainEqual({ kind: 'flag-unreadable', indicator: 3 });
    const d = deriveFigures(
      [h],
      0,
      lines,
      cat.standard,
      cat.forms,
      { ethnicity: true, status: false },
      MOVES,
    );
    expect([d.values.poor, d.values.near_poor]).toEqual([0, 1]);
  });

  it('leaves a figure the list cannot give null, never 0', () => {
    const d = deriveFigures(
      [household()],
      0,
      lines,
      cat.standard,
      cat.forms,
      { ethnicity: false, status: false },
      MOVES,
    );
    expect(d.values.poor_ethnic_minority).toBeNull();
    expect(d.values.poor_new).toBeUndefined();
    expect(d.values.poor).toBe(1);
  });

  it('names each figure where the summary and the list differ, with both numbers', () => {
    expect(
      compareWithSummary(
        { poor: 12, near_poor: 5, poor_new: null },
        { poor: 11, near_poor: 5, poor_new: 2 },
      ),
    ).toEqual([{ id: 'poor', summary: 12, list: 11 }]);
  });
});

describe('a household whose flags were not read (the list’s block was not found)', () => {
  it('checks neither B nor poor against near-poor, but still the income line', () => {
    expect(checkHousehold(household({ flags: [], scoreDeprivation: 40 }), lines)).toEqual([]);
    expect(
      checkHousehold(
        household({ flags: [], classification: 'nearPoor', scoreDeprivation: 0 }),
        lines,
      ),
    ).toEqual([]);
    expect(checkHousehold(household({ flags: [], scoreIncome: 200 }), lines)).toMatchObject([
      { kind: 'classification', written: 'poor', expected: 'other', scoreDeprivation: 30 },
    ]);
  });
});
