/**
 * A unit's sub-unit rows across its forms: each commune (and village under it) with its counts
 * in every form that has its row, and what the forms that lack its row say of it — every count
 * of such a form proved 0 by the rules from the other forms (no poor household in Biểu 01: none
 * lacks anything in Biểu 04), or a row left blank that nothing proves. `consolidate` fills the
 * proved zeros into the report; `validate` says the same findings for one file.
 */
import { cellAddress } from './grid.js';
import type { FormTable, TableRow } from './extract.js';
import { evaluate } from './expression.js';
import { makeFinding, type Finding } from './finding.js';
import type { CompiledRule } from './compile-rules.js';
import type { KindAbbreviations } from './kind-words.js';
import type { Values } from './consolidate.js';
import { nameKey, rowKey } from './rules.js';
import { byCodeUnits, foldWords } from './text.js';

/** One sub-unit's rows across the forms. */
export interface RowEntry {
  name: string;
  code?: string;
  /** The counts of each form that has the row (or whose counts the rules prove 0), by form. */
  byForm: Map<string, Values>;
  /** The keys of its names as written in the forms (`nameKey`: "Thôn 01" is "thôn 1"). */
  keys: Set<string>;
  /** Its villages, by folded name. */
  children: Map<string, RowEntry>;
}

/** The sub-unit rows of `tables` (one per form), paired by name across the forms. */
export function rowsAcrossForms(tables: FormTable[], kinds: KindAbbreviations): RowEntry[] {
  const byKey = new Map<string, RowEntry>();
  const fill = (entry: RowEntry, row: TableRow, t: FormTable): void => {
    const own: Values = {};
    for (const c of t.layout.form.spec.columns)
      if (c.kind === 'count') own[c.id] = row.values.get(c.id)?.value ?? null;
    entry.byForm.set(t.form, own);
    entry.keys.add(nameKey({ name: row.name }, kinds));
  };
  const newEntry = (name: string, code?: string): RowEntry => ({
    name,
    ...(code !== undefined ? { code } : {}),
    byForm: new Map(),
    keys: new Set([nameKey({ name }, kinds)]),
    children: new Map(),
  });
  for (const t of [...tables].sort((a, b) => byCodeUnits(a.form, b.form))) {
    for (const row of t.rows) {
      if (row.role !== 'subunit') continue;
      const key = rowKey(row, t.rows, kinds) ?? '';
      const entry = byKey.get(key) ?? newEntry(row.canonical ?? row.name, row.code);
      fill(entry, row, t);
      byKey.set(key, entry);
    }
    for (const row of t.rows) {
      if (row.role !== 'child') continue;
      const parent = t.rows.find((r) => r.row === row.parentRow);
      const entry = parent ? byKey.get(rowKey(parent, t.rows, kinds) ?? '') : undefined;
      if (!entry) continue;
      const key = foldWords(row.name);
      const child = entry.children.get(key) ?? newEntry(row.name);
      fill(child, row, t);
      entry.children.set(key, child);
    }
  }
  return [...byKey.values()];
}

/** A sub-unit's counts, each from the first form (in form order) that has it. */
export function countsOf(e: RowEntry): Values {
  const counts: Values = {};
  for (const form of [...e.byForm.keys()].sort(byCodeUnits))
    for (const [id, v] of Object.entries(e.byForm.get(form) ?? {}))
      if (!(id in counts)) counts[id] = v;
  return counts;
}

/**
 * The forms of `tables` that lack `e`'s row: a form whose every count the rules prove 0 gets
 * them in `e.byForm` (said once, `subunit-zero-by-other-forms`, at its blank row if it has one);
 * a blank row nothing proves stays empty and is said (`subunit-row-blank`), unless it heads
 * villages (a group label).
 */
export function absentRows(
  e: RowEntry,
  tables: FormTable[],
  rules: readonly CompiledRule[],
  unit: string | null,
  kinds: KindAbbreviations,
): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    if (e.byForm.has(t.form)) continue;
    const label = t.labels.find((l) => e.keys.has(nameKey({ name: l.label }, kinds)));
    const at = {
      file: t.file,
      sheet: t.sheet,
      ...(label !== undefined
        ? { cell: cellAddress(label.row, t.layout.nameCol ?? 0), row: label.row + 1 }
        : {}),
      unit,
      subunit: e.name,
      form: t.form,
    };
    const proof = provenZeros(t.form, t.layout.form.spec.columns, e.byForm, rules);
    if (proof !== null) {
      e.byForm.set(t.form, Object.fromEntries(proof.ids.map((id) => [id, 0])));
      out.push(
        makeFinding('subunit-zero-by-other-forms', {
          ...at,
          params: {
            subunit: e.name,
            form: t.form,
            by: proof.by.join(', '),
            how: label !== undefined ? 'để trống cả dòng' : 'không có dòng',
            howEn: label !== undefined ? 'leaves blank the whole row of' : 'has no row for',
          },
        }),
      );
    } else if (label !== undefined && e.children.size === 0)
      out.push(
        makeFinding('subunit-row-blank', { ...at, params: { subunit: e.name, form: t.form } }),
      );
  }
  return out;
}

/**
 * The count ids of `form` (its `columns`) when the rules prove each of them 0 for a row it lacks,
 * from that row's figures in the other forms (`byForm`), and those forms; null when some count
 * is not proved.
 * A cross-form equality gives a count its value in another form ("B04.poor == B01.poor"); the
 * form's own rules then give the rest: a count at most 0 is 0 (no count is negative), one equal
 * to a sum of zeros is 0. Rates are never proved (0 of 0 households is no rate).
 */
export function provenZeros(
  form: string,
  columns: readonly { id: string; kind: string }[],
  byForm: ReadonlyMap<string, Values>,
  rules: readonly CompiledRule[],
): { ids: string[]; by: string[] } | null {
  if (columns.some((c) => c.kind !== 'count')) return null;
  const ids = columns.map((c) => c.id);
  const zero = new Set<string>();
  const by = new Set<string>();
  const own = (id: string): number | null => (zero.has(id) ? 0 : null);
  /** A qualified id's figure in its form ("B01.poor"), the forms read noted. */
  const read = new Set<string>();
  const other = (q: string): number | null => {
    const [f, id] = q.split('.');
    const of = (f ?? '').replace(/^B/, '');
    const v = byForm.get(of)?.[id ?? ''];
    read.add(of);
    return typeof v === 'number' ? v : null;
  };
  const single = (e: CompiledRule['left'], prefix: string): string | null =>
    e.type === 'ref' && e.name.startsWith(prefix) ? e.name.slice(prefix.length) : null;
  for (const rule of rules) {
    if (rule.spec.scope !== 'cross-form' || rule.spec.operator !== '==') continue;
    for (const [side, rest] of [
      [rule.left, rule.right],
      [rule.right, rule.left],
    ] as const) {
      const id = single(side, `B${form}.`);
      if (id === null || !ids.includes(id)) continue;
      read.clear();
      if (evaluate(rest, other) !== 0) continue;
      zero.add(id);
      for (const f of read) by.add(f);
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const rule of rules) {
      if (rule.spec.scope !== 'row' || rule.spec.form !== form) continue;
      const op = rule.spec.operator;
      const bounds: [CompiledRule['left'], CompiledRule['left']][] =
        op === '==' || op === '<='
          ? [[rule.left, rule.right]]
          : op === '>='
            ? [[rule.right, rule.left]]
            : [];
      if (op === '==') bounds.push([rule.right, rule.left]);
      for (const [side, bound] of bounds) {
        const id = single(side, '');
        if (id === null || zero.has(id) || !ids.includes(id)) continue;
        if (evaluate(bound, own) !== 0) continue;
        zero.add(id);
        grew = true;
      }
    }
  }
  return ids.every((id) => zero.has(id)) ? { ids, by: [...by].sort(byCodeUnits) } : null;
}
