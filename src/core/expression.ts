/**
 * The small arithmetic language of the rules in `templates/rules`: numbers, indicator ids
 * (optionally qualified by form: `B01.poor`), `+ - * /`, parentheses and `sum(prefix_*)`.
 * Parsed into a tree and evaluated by walking it — never by `eval`.
 */

/** A parsed expression. */
export type Expr =
  | { type: 'num'; value: number }
  | { type: 'ref'; name: string }
  | { type: 'sum'; names: string[] }
  | { type: 'neg'; operand: Expr }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/** A rule file holds an expression this parser cannot read. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(`${message} in "${source}"`);
    this.name = 'ExpressionError';
  }
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'pattern'; v: string }
  | { t: 'op'; v: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)(\*)?|([-+*/()]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ExpressionError(`unexpected character at ${pos}`, src);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ t: m[3] ? 'pattern' : 'id', v: m[2] });
    else if (m[4] !== undefined) tokens.push({ t: 'op', v: m[4] });
  }
  return tokens;
}

/**
 * Parses an expression. `known` lists the ids a `sum(prefix_*)` may expand to, in order; the
 * optional `each` value replaces `$`.
 */
export function parseExpression(src: string, known: readonly string[], each?: string): Expr {
  const text = each === undefined ? src : src.replace(/\$/g, each);
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const next = (): Token => {
    const t = tokens[i++];
    if (!t) throw new ExpressionError('unexpected end', text);
    return t;
  };
  const expectOp = (v: string): void => {
    const t = next();
    if (t.t !== 'op' || t.v !== v) throw new ExpressionError(`expected "${v}"`, text);
  };

  function factor(): Expr {
    const t = next();
    if (t.t === 'num') return { type: 'num', value: t.v };
    if (t.t === 'op' && t.v === '-') return { type: 'neg', operand: factor() };
    if (t.t === 'op' && t.v === '(') {
      const e = expr();
      expectOp(')');
      return e;
    }
    if (t.t === 'id' && t.v === 'sum' && peek()?.t === 'op' && peek()?.v === '(') {
      next();
      const p = next();
      if (p.t !== 'pattern')
        throw new ExpressionError('sum() takes a pattern like poor_lack_*', text);
      expectOp(')');
      const names = matchPattern(p.v, known);
      if (names.length === 0) throw new ExpressionError(`no indicator matches ${p.v}*`, text);
      return { type: 'sum', names };
    }
    if (t.t === 'id') return { type: 'ref', name: t.v };
    throw new ExpressionError(`unexpected "${t.v}"`, text);
  }
  function term(): Expr {
    let left = factor();
    for (;;) {
      const t = peek();
      if (t?.t !== 'op' || (t.v !== '*' && t.v !== '/')) return left;
      next();
      left = { type: 'bin', op: t.v, left, right: factor() };
    }
  }
  function expr(): Expr {
    let left = term();
    for (;;) {
      const t = peek();
      if (t?.t !== 'op' || (t.v !== '+' && t.v !== '-')) return left;
      next();
      left = { type: 'bin', op: t.v, left, right: term() };
    }
  }
  const e = expr();
  if (i < tokens.length) throw new ExpressionError('unexpected text after the expression', text);
  return e;
}

/** The ids matching a `prefix_*` pattern (the pattern given without its `*`). */
export function matchPattern(prefix: string, known: readonly string[]): string[] {
  return known.filter((k) => k.startsWith(prefix));
}

/** Every id an expression reads, in order of appearance. */
export function referencedIds(e: Expr): string[] {
  switch (e.type) {
    case 'num':
      return [];
    case 'ref':
      return [e.name];
    case 'sum':
      return [...e.names];
    case 'neg':
      return referencedIds(e.operand);
    case 'bin':
      return [...referencedIds(e.left), ...referencedIds(e.right)];
  }
}

/**
 * Evaluates an expression; `lookup` returns null for a missing value, which makes the whole
 * result null (the rule is then not applied). Division by zero is null too.
 */
export function evaluate(e: Expr, lookup: (id: string) => number | null): number | null {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'ref':
      return lookup(e.name);
    case 'sum': {
      let total = 0;
      for (const n of e.names) {
        const v = lookup(n);
        if (v === null) return null;
        total += v;
      }
      return total;
    }
    case 'neg': {
      const v = evaluate(e.operand, lookup);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(e.left, lookup);
      const b = evaluate(e.right, lookup);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
    }
  }
}

/** Whether `left op right` holds within an absolute tolerance. */
export function compare(
  left: number,
  op: '==' | '<=' | '>=' | '<' | '>',
  right: number,
  tolerance = 0,
): boolean {
  // Guard against binary floating point noise (0.1 + 0.2) on top of the rule's own tolerance.
  const eps = tolerance + 1e-9;
  switch (op) {
    case '==':
      return Math.abs(left - right) <= eps;
    case '<=':
      return left <= right + eps;
    case '>=':
      return left >= right - eps;
    case '<':
      return left < right + tolerance;
    case '>':
      return left > right - tolerance;
  }
}
