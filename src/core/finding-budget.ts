/**
 * A budget of findings per file. A damaged or hostile file can make a finding of every cell; past
 * the budget, the list keeps errors before warnings before information (frictionless caps its
 * reports the same way) and one `findings-truncated` note says how many of each were left out,
 * so the counts of a run stay exact. Findings are never spread into a call (`push(...list)`): a
 * spread of some 126 000 of them overflows the call stack.
 */
import type { Severity } from './finding-codes.js';
import { makeFinding, type Finding } from './finding.js';

/** Most findings listed per file unless `--max-findings` says otherwise (frictionless: 1000). */
export const DEFAULT_MAX_FINDINGS = 1000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Appends `items` to `into` one by one (no spread, whatever their number). */
export function appendAll<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/**
 * Keeps at most `limit` of a file's findings: all errors first, then warnings, then information,
 * each in the order found; the kept ones stay in their order, followed by a `findings-truncated`
 * note with the numbers left out. A list within the limit comes back as it is.
 */
export function capFindings(findings: Finding[], limit: number = DEFAULT_MAX_FINDINGS): Finding[] {
  // A reader that already left findings out (a household list) said so in a note of its own: its
  // numbers join this one's, so that a file has one note.
  const notes = findings.filter((f) => f.code === 'findings-truncated');
  const rest =
    notes.length > 0 ? findings.filter((f) => f.code !== 'findings-truncated') : findings;
  if (rest.length <= limit) return findings;
  const order = rest.map((f, i) => ({ f, i }));
  // Array.prototype.sort is stable: within a severity the order found is kept.
  order.sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity]);
  const keep = new Set(order.slice(0, Math.max(0, limit)).map((o) => o.i));
  const kept: Finding[] = [];
  const left = { error: 0, warning: 0, info: 0 };
  rest.forEach((f, i) => {
    if (keep.has(i)) kept.push(f);
    else left[f.severity]++;
  });
  for (const n of notes) {
    left.error += Number(n.params.errors ?? 0);
    left.warning += Number(n.params.warnings ?? 0);
    left.info += Number(n.params.infos ?? 0);
  }
  const first = rest[0];
  kept.push(
    makeFinding('findings-truncated', {
      file: first?.file ?? '',
      unit: first?.unit ?? null,
      params: {
        count: left.error + left.warning + left.info,
        limit,
        errors: left.error,
        warnings: left.warning,
        infos: left.info,
      },
    }),
  );
  return kept;
}

/**
 * Counts findings by severity, with those a `findings-truncated` note says were left out (the
 * note itself, information about the list, is not counted).
 */
export function countFindings(findings: readonly Finding[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  const n = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.code === 'findings-truncated') {
      n.errors += numberParam(f.params.errors);
      n.warnings += numberParam(f.params.warnings);
      n.infos += numberParam(f.params.infos);
      continue;
    }
    if (f.severity === 'error') n.errors++;
    else if (f.severity === 'warning') n.warnings++;
    else n.infos++;
  }
  return n;
}

function numberParam(v: string | number | undefined): number {
  return typeof v === 'number' ? v : 0;
}
