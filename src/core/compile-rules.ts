/**
 * The plan's rules parsed once, before any submission is read: what the checks (rules.ts) and the
 * column solver (recognize.ts) evaluate.
 */
import type { FormsCatalogue, RuleSet, RuleSpec } from './catalogue.js';
import { matchPattern, parseExpression, referencedIds, type Expr } from './expression.js';

/** A rule ready to evaluate (`each` expanded, expressions parsed). */
export interface CompiledRule {
  spec: RuleSpec;
  left: Expr;
  right: Expr;
  /** The indicator whose cell the finding points at (first id of the left side). */
  subject: string;
}

/** Parses every rule once; throws ExpressionError for a broken rule file (a configuration error). */
export function compileRules(rules: RuleSet, forms: FormsCatalogue): CompiledRule[] {
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
      out.push({ spec, left, right, subject });
    }
  }
  return out;
}
