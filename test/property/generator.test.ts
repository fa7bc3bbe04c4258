/**
 * The generator of test/property is itself checked here, without povreport: every row of every
 * generated truth satisfies every rule of templates/rules (evaluated by a small evaluator of its
 * own, not src/core/expression.ts), parents are the sums of their children, no rate sits on a
 * rounding boundary, no row is another reading of the table by coincidence, and the names a
 * reader folds alike are distinct. A rule added to the templates is checked here at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COUNT_IDS,
  generateCase,
  hasCoincidence,
  rate,
  renderBook,
  shapeClasses,
  sumFigures,
  type Figures,
  type Truth,
} from '../helpers/generate-submission.js';

interface Rule {
  id: string;
  scope: 'row' | 'cross-form';
  each?: string;
  left: string;
  operator: '<=' | '>=' | '==';
  right: string;
  levels?: { severity: string; tolerance: number }[];
}

const RULES = (
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../templates/rules/vn-2022-2025.json'),
      'utf8',
    ),
  ) as { rules: Rule[] }
).rules;

/** Evaluates a rule expression (+ − × ÷, parentheses, ids, B0N.id, sum(prefix_*)) on a row. */
function evaluate(expr: string, row: Record<string, number>): number {
  const tokens =
    expr.match(/sum\([a-z_]+\*\)|[A-Za-z_][A-Za-z0-9_.]*|\d+(?:\.\d+)?|[-+*/()]/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const atom = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`unexpected end of ${expr}`);
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -atom();
    if (/^\d/.test(t)) return Number(t);
    const s = /^sum\(([a-z_]+)\*\)$/.exec(t);
    if (s?.[1] !== undefined) {
      const prefix = s[1];
      return Object.entries(row)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((a, [, v]) => a + v, 0);
    }
    // A cross-form reference (B02.poor_end): every form of a truth row shares one value per id.
    const id = t.replace(/^B\d\d\./, '');
    const v = row[id];
    if (v === undefined) throw new Error(`no value ${id} in ${expr}`);
    return v;
  };
  const product = (): number => {
    let v = atom();
    while (peek() === '*' || peek() === '/') v = tokens[i++] === '*' ? v * atom() : v / atom();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-')
      v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return sum();
}

/** The rules a row breaks (rates written rounded to two decimals, as the files have them). */
function broken(row: Figures): string[] {
  const values: Record<string, number> = { ...row };
  values.poor_rate = rate(row.poor ?? 0, row.households ?? 0);
  values.near_poor_rate = rate(row.near_poor ?? 0, row.households ?? 0);
  const out: string[] = [];
  for (const rule of RULES) {
    const targets = rule.each
      ? Object.keys(values).filter((k) => k.startsWith(rule.each?.replace('*', '') ?? ''))
      : [null];
    for (const t of targets) {
      const l = evaluate(t ? rule.left.replace('$', t) : rule.left, values);
      const r = evaluate(t ? rule.right.replace('$', t) : rule.right, values);
      // The smallest tolerance (the warning's, for rates): rounding to two decimals stays within.
      const tolerances = (rule.levels ?? []).map((x) => x.tolerance);
      const tolerance = tolerances.length > 0 ? Math.min(...tolerances) : 0;
      const ok =
        rule.operator === '<='
          ? l <= r
          : rule.operator === '>='
            ? l >= r
            : Math.abs(l - r) <= tolerance + 1e-9;
      if (!ok) out.push(`${rule.id}${t ? ` (${t})` : ''}: ${l} ${rule.operator} ${r}`);
    }
  }
  return out;
}

function rowsOf(t: Truth): { where: string; values: Figures }[] {
  const out: { where: string; values: Figures }[] = [{ where: 'total', values: t.total }];
  for (const urban of [true, false]) {
    const group = t.communes.filter((c) => c.urban === urban);
    if (group.length > 0)
      out.push({
        where: urban ? 'urban' : 'rural',
        values: sumFigures(group.map((c) => c.values)),
      });
  }
  for (const c of t.communes) {
    out.push({ where: c.name, values: c.values });
    for (const v of c.villages) out.push({ where: `${c.name} / ${v.name}`, values: v.values });
  }
  return out;
}

const classes = shapeClasses();
const cases = [
  ...Array.from({ length: 60 }, (_, k) => generateCase({ mode: 'random', seed: 9000 + k })),
  ...classes.map((cls, k) => generateCase({ mode: 'single', seed: 9100 + k, cls })),
];

describe('the submission generator (synthetic truths)', () => {
  it('draws truths whose every row satisfies every rule of the templates', () => {
    const problems: string[] = [];
    for (const c of cases)
      for (const { where, values } of rowsOf(c.truth)) {
        for (const id of COUNT_IDS) {
          const v = values[id];
          if (v === undefined || !Number.isInteger(v) || v < 0)
            problems.push(`${where}: ${id} = ${String(v)}`);
        }
        for (const b of broken(values)) problems.push(`${where}: ${b}`);
      }
    expect(problems).toEqual([]);
  });

  it('makes each parent the sum of its children and keeps rates off rounding boundaries', () => {
    for (const c of cases) {
      const t = c.truth;
      expect(t.total).toEqual(sumFigures(t.communes.map((p) => p.values)));
      for (const p of t.communes)
        if (p.villages.length > 0)
          expect(p.values).toEqual(sumFigures(p.villages.map((v) => v.values)));
      for (const { values } of rowsOf(t))
        for (const n of [values.poor ?? 0, values.near_poor ?? 0]) {
          // The third decimal of 100·n/h is never exactly 5 (two roundings would then differ).
          const thousandths = (100_000 * n) / (values.households ?? 1);
          expect(Number.isInteger(thousandths) && thousandths % 10 === 5).toBe(false);
        }
    }
  });

  it('draws no coincidental sums and no name twice (tone marks count: Minh Quán, Minh Quân)', () => {
    const key = (s: string): string => s.normalize('NFC').toLowerCase();
    for (const c of cases) {
      expect(hasCoincidence(c.truth)).toBe(false);
      const names = c.truth.communes.map((p) => key(p.name));
      expect(new Set(names).size).toBe(names.length);
      for (const p of c.truth.communes) {
        const v = p.villages.map((x) => key(x.name));
        expect(new Set(v).size).toBe(v.length);
      }
    }
  });

  it('draws small units and big ones, villages, both periods', () => {
    const truths = cases.map((c) => c.truth);
    expect(truths.some((t) => t.scale === 'small' && (t.total.households ?? 0) < 150)).toBe(true);
    expect(truths.some((t) => t.communes.length >= 10 && (t.total.households ?? 0) > 5000)).toBe(
      true,
    );
    expect(truths.some((t) => t.communes.some((p) => p.villages.length > 0))).toBe(true);
    expect(new Set(truths.map((t) => t.period))).toEqual(new Set(['2022-H1', '2022']));
  });

  it('renders the same workbook for the same seed', () => {
    const spec = { mode: 'random' as const, seed: 4242 };
    expect(renderBook(generateCase(spec))).toEqual(renderBook(generateCase(spec)));
  });
});
