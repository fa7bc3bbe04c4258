/**
 * The `povreport map add` command a finding suggests when teaching the tool would fix it: an
 * unread heading (`extra-column`) and the column the form then misses (`missing-column`), columns
 * read two ways (`columns-ambiguous`), a commune name the registry matcher refuses
 * (`subunit-unknown`). The command goes into the finding's `teach` param (and other candidates
 * into `teachOthers`), which the catalogue's suggestion shows. Only for a file whose unit is
 * known: what is taught holds for one unit.
 */
import type { SubunitSpec, UnitSpec } from './catalogue.js';
import type { FormTable } from './extract.js';
import type { Finding } from './finding.js';
import { cellAddress } from './grid.js';
import type { ColumnReading, FormLayout } from './recognize.js';
import { matchSubunit, subunitsInForce } from './subunits.js';
import { closestIndicators, teachCommand, textCloseness, type TeachTarget } from './teach.js';
import { foldWords } from './text.js';

/** Most other candidate ids listed after the command. */
const MAX_OTHERS = 5;
/** Least closeness of a heading to an indicator that order does not support. */
const MIN_CLOSENESS = 0.3;
/** Least closeness of a written commune name to a registry name. */
const MIN_NAME_CLOSENESS = 0.45;

/** What the hints need of a checked file. */
export interface HintSource {
  unit: UnitSpec | null;
  period: string | null;
  findings: Finding[];
  tables: FormTable[];
}

/** Adds the teaching command to the findings of a file that teaching can fix. */
export function addTeachHints(report: HintSource, target: TeachTarget): void {
  const unit = report.unit;
  if (!unit) return;
  for (const f of report.findings) {
    const table = report.tables.find((t) => t.sheet === f.sheet && t.form === f.form);
    if (!table) continue;
    const hint =
      f.code === 'extra-column'
        ? extraColumnHint(table.layout, f)
        : f.code === 'missing-column'
          ? missingColumnHint(table.layout, f)
          : f.code === 'columns-ambiguous' || f.code === 'heading-number-conflict'
            ? ambiguousHint(table.layout, f)
            : f.code === 'subunit-unknown'
              ? subunitHint(table, unit, report.period, f)
              : null;
    if (!hint) continue;
    f.params.teach = teachCommand(target, unit.code, hint.kind, hint.text, hint.meaning);
    if (hint.others.length > 0) f.params.teachOthers = hint.others.join(', ');
    if (hint.closest) f.params.closest = hint.closest;
  }
}

interface Hint {
  kind: 'heading' | 'row';
  text: string;
  meaning: string;
  others: string[];
  closest?: string;
}

const leafOf = (heading: string): string => heading.split(' / ').pop() ?? heading;

/**
 * The text to teach for a column: its lowest heading when no other column of the table ends in
 * the same words (shorter to type, and the one staff see), else the whole path as `--verbose`
 * shows it; null when another column has the very same heading (no heading tells them apart).
 */
function headingText(layout: FormLayout, r: ColumnReading): string | null {
  const others = layout.readings.filter((o) => o.col !== r.col);
  if (others.some((o) => foldWords(o.heading) === foldWords(r.heading))) return null;
  const leaf = foldWords(leafOf(r.heading));
  const shared = others.some((o) => foldWords(leafOf(o.heading)) === leaf);
  return shared || leaf === '' ? r.heading : leafOf(r.heading);
}

/** Columns the table could not read: no indicator, not taught to be left out, not in doubt. */
function unreadColumns(layout: FormLayout): ColumnReading[] {
  const skip = new Set([
    ...layout.duplicates.map((d) => d.col),
    ...layout.ambiguous.flatMap((a) => a.cols),
  ]);
  return layout.readings.filter(
    (r) => r.id === null && r.decidedBy !== 'mapping' && !skip.has(r.col) && r.heading !== '',
  );
}

/** The form's indicators the table lacks (not counting those in doubt between columns). */
function missingIds(layout: FormLayout): string[] {
  const undecided = new Set(layout.ambiguous.flatMap((a) => a.ids));
  return layout.form.spec.columns
    .map((c) => c.id)
    .filter((id) => !layout.columns.has(id) && !undecided.has(id));
}

/** Whether indicator `id` in column `col` keeps the form's order with the columns read. */
function fitsOrder(layout: FormLayout, id: string, col: number): boolean {
  const order = layout.form.order;
  const at = order.get(id);
  if (at === undefined) return false;
  for (const [other, c] of layout.columns) {
    const o = order.get(other);
    if (o === undefined) continue;
    if ((c < col && o > at) || (c > col && o < at)) return false;
  }
  return true;
}

const columnTexts = (layout: FormLayout, ids: string[]) =>
  ids.map((id) => layout.form.spec.columns.find((c) => c.id === id)).filter((c) => c !== undefined);

function extraColumnHint(layout: FormLayout, f: Finding): Hint | null {
  const r = layout.readings.find((x) => cellAddress(layout.headerTop, x.col) === f.cell);
  if (!r || !unreadColumns(layout).includes(r)) return null;
  const missing = missingIds(layout);
  const inOrder = missing.filter((id) => fitsOrder(layout, id, r.col));
  // Ranked by closeness of the heading; those the order does not support only when close.
  const ranked = closestIndicators(
    columnTexts(layout, inOrder.length > 0 ? inOrder : missing),
    { text: r.heading },
    missing.length,
  ).map((c) => c.id);
  const rest = (inOrder.length > 0 ? inOrder : []).filter((id) => !ranked.includes(id));
  const candidates = [...ranked, ...rest].filter(
    (id) =>
      inOrder.includes(id) ||
      columnTexts(layout, [id]).some((c) =>
        [c.heading, ...c.variants].some((h) => textCloseness(r.heading, h) >= MIN_CLOSENESS),
      ),
  );
  const [best, ...others] = candidates;
  const text = headingText(layout, r);
  if (!best || text === null) return null;
  return {
    kind: 'heading',
    text,
    meaning: best,
    others: others.slice(0, MAX_OTHERS),
  };
}

function missingColumnHint(layout: FormLayout, f: Finding): Hint | null {
  const id = f.indicator;
  if (!id) return null;
  const spec = layout.form.spec.columns.find((c) => c.id === id);
  if (!spec) return null;
  const unread = unreadColumns(layout);
  const closeness = (r: ColumnReading): number =>
    Math.max(...[spec.heading, ...spec.variants].map((h) => textCloseness(r.heading, h)));
  const inOrder = unread.filter((r) => fitsOrder(layout, id, r.col));
  const pool = inOrder.length > 0 ? inOrder : unread.filter((r) => closeness(r) >= MIN_CLOSENESS);
  const ranked = [...pool].sort((a, b) => closeness(b) - closeness(a));
  const [best, second] = ranked;
  if (!best || (second && closeness(second) === closeness(best))) return null;
  const text = headingText(layout, best);
  return text === null ? null : { kind: 'heading', text, meaning: id, others: [] };
}

function ambiguousHint(layout: FormLayout, f: Finding): Hint | null {
  const group = layout.ambiguous.find(
    (a) =>
      cellAddress(a.conflict ? layout.headerBottom : layout.headerTop, a.cols[0] ?? 0) === f.cell,
  );
  if (!group) return null;
  const order = layout.form.order;
  const ids = [...group.ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const cols = [...group.cols].sort((a, b) => a - b);
  const r = layout.readings.find((x) => x.col === cols[0]);
  // In the form's order, the first of the columns is the first of the indicators.
  const first = ids.find((id) => r && fitsOrder(layout, id, r.col)) ?? ids[0];
  const text = r && headingText(layout, r);
  if (!first || !text) return null;
  return { kind: 'heading', text, meaning: first, others: ids };
}

function subunitHint(
  table: FormTable,
  unit: UnitSpec,
  period: string | null,
  f: Finding,
): Hint | null {
  const label = f.subunit;
  if (!label || foldWords(label) === '' || !unit.subunits) return null;
  const present = new Set(table.rows.map((r) => r.canonical).filter((n) => n !== undefined));
  const missing = subunitsInForce(unit, period).filter((s) => !present.has(s.name));
  let closest: SubunitSpec | undefined;
  const m = matchSubunit(label, unit, period);
  if (m.status === 'ambiguous') {
    // "Minh Quan" when the table already has Minh Quân: the other one.
    const open = m.candidates.filter((s) => missing.includes(s));
    if (open.length === 1) closest = open[0];
  } else {
    const scored = missing
      .map((s) => ({ s, score: textCloseness(label, s.name) }))
      .sort((a, b) => b.score - a.score);
    const [a, b] = scored;
    const unknownRows = table.rows.filter(
      (r) => r.role === 'subunit' && r.canonical === undefined,
    ).length;
    if (a && a.score >= MIN_NAME_CLOSENESS && (!b || b.score < a.score)) closest = a.s;
    // One name the registry does not know and one commune missing: most likely the same.
    else if (a && missing.length === 1 && unknownRows === 1) closest = a.s;
  }
  if (!closest) return null;
  return {
    kind: 'row',
    text: label,
    meaning: `=${closest.name}`,
    others: [],
    closest: closest.name,
  };
}
