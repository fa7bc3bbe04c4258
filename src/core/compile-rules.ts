/**
 * The plan's rules parsed once, before any submission is read: what the checks (rules.ts) and the
 * column solver (recognize.ts) evaluate.
 */
import type { FormsCatalogue, RuleSet, RuleSpec, Standard } from './catalogue.js';
import { matchPattern, parseExpression, referencedIds, type Expr } from './expression.js';
import { FINDING_CODES, type FindingCode } from './finding-codes.js';

/** A rule ready to evaluate (`each` expanded, expressions parsed). */
export interface CompiledRule {
  spec: RuleSpec;
  left: Expr;
  right: Expr;
  /** The indicator whose cell the finding points at (first id of the left side). */
  subject: string;
  /**
   * What the finding's message says of the standard (`{indicators}`, `{standard}`,
   * `{poorAtLeast}`…), only those its code's texts use.
   */
  params: Record<string, string | number>;
}

/**
 * What messages may say of a standard, from its data: how many indicators it has, how it is cited,
 * how many indicators a poor household lacks at least and a near-poor one at most.
 */
export function standardParams(standard: Standard): Record<string, string | number> {
  const cited = standard.shortName ?? standard.name;
  const c = standard.classification;
  return {
    indicators: standard.indicators.length,
    standard: cited.vi,
    standardEn: cited.en,
    ...(c ? { poorAtLeast: c.poor.deprivationsAtLeast } : {}),
    ...(c ? { nearPoorAtMost: c.nearPoor.deprivationsAtMost } : {}),
  };
}

/** The params of `all` that the texts of a finding code name. */
function paramsFor(
  code: FindingCode,
  all: Record<string, string | number>,
): Record<string, string | number> {
  const { message, suggestion } = FINDING_CODES[code];
  const texts = [message.vi, message.en, suggestion.vi, suggestion.en].join(' ');
  const named = new Set([...texts.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  return Object.fromEntries(Object.entries(all).filter(([k]) => named.has(k)));
}

/**
 * Parses every rule once; throws ExpressionError for a broken rule file (a configuration error).
 * The standard gives what the findings' messages say of it.
 */
export function compileRules(
  rules: RuleSet,
  forms: FormsCatalogue,
  standard?: Standard,
): CompiledRule[] {
  const said = standard ? standardParams(standard) : {};
  const out: CompiledRule[] = [];
  for (const spec of rules.rules) {
    const known =
      spec.scope === 'row'
        ? (forms.forms.find((f) => f.id === spec.form)?.columns.map((c) => c.id) ?? [])
        : forms.forms.flatMap((f) => f.columns.map((c) => `B${f.id}.${c.id}`));
    const eachIds = spec.each ? matchPattern(spec.each.replace(/\*$/, ''), known) : [undefined];
    for (const each of eachIds) {
      const left = parseExpression(spec.left, known, each);
      const right = parseExpression(spec.right, known, each);
      const subject = referencedIds(left)[0] ?? referencedIds(right)[0] ?? '';
      out.push({ spec, left, right, subject, params: paramsFor(spec.code, said) });
    }
  }
  return out;
}
