/**
 * The plan's checks: rules from `templates/rules` (within a row, and across forms for the same
 * sub-unit) and the total row against the sum of the sub-unit rows.
 */
import type { FormSpec, RuleOperator, RuleSpec } from './catalogue.js';
import type { Severity } from './finding-codes.js';
import { makeFinding, type Finding } from './finding.js';
import { type Lang } from './lang.js';
import { cellAddress } from './grid.js';
import type { CompiledRule } from './compile-rules.js';
import { compare, evaluate, referencedIds } from './expression.js';
import type { FormTable, TableRow } from './extract.js';
import type { KindAbbreviations } from './kind-words.js';
import { cleanText, foldWords, oneTonePlace } from './text.js';
import { roundHalfUp } from './round.js';

const OPERATOR_TEXT: Record<RuleOperator, string> = {
  '==': '=',
  '<=': '≤',
  '>=': '≥',
  '<': '<',
  '>': '>',
};

/**
 * Decides whether a comparison fails, and how badly: null when it holds, else the severity to
 * report (undefined: the finding code's default).
 */
function judge(rule: RuleSpec, left: number, right: number): { severity?: Severity } | null {
  if (rule.levels && rule.levels.length > 0) {
    for (const level of rule.levels)
      if (!compare(left, rule.operator, right, level.tolerance))
        return { severity: level.severity };
    return null;
  }
  if (compare(left, rule.operator, right, rule.tolerance ?? 0)) return null;
  return rule.severity ? { severity: rule.severity } : {};
}

function lookupIn(row: TableRow): (id: string) => number | null {
  // A breakdown ("- Hộ có người có công" under the total) gives the figures it has: its blank
  // cells are not given, not 0.
  const blankUnknown = row.role === 'breakdown';
  return (id) => {
    const v = row.values.get(id);
    if (!v || v.status === 'invalid' || (blankUnknown && v.status === 'blank')) return null;
    return v.value;
  };
}

const round2 = (n: number): number => roundHalfUp(n, 2);

/** Context of the findings of one file. */
export interface CheckContext {
  file: string;
  unit: string | null;
  lang: Lang;
  /** What the sub-units are called, in the language of the messages ("xã, phường, thị trấn"). */
  subunitLevel?: string;
  /** The kind words' abbreviations, read in full when rows are paired across forms. */
  kinds?: KindAbbreviations;
}

/** Applies the row rules of a table's form to each of its rows (total row included). */
export function checkRows(table: FormTable, rules: CompiledRule[], ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.spec.scope !== 'row' || rule.spec.form !== table.form) continue;
    for (const row of table.rows) {
      if (row.note) continue;
      const look = lookupIn(row);
      const l = evaluate(rule.left, look);
      const r = evaluate(rule.right, look);
      if (l === null || r === null) continue;
      const verdict = judge(rule.spec, l, r);
      if (verdict === null) continue;
      const col = row.values.get(rule.subject)?.col;
      out.push(
        makeFinding(rule.spec.code, {
          ...verdict,
          file: ctx.file,
          sheet: table.sheet,
          cell: col === undefined ? null : cellAddress(row.row, col),
          row: row.row + 1,
          unit: ctx.unit,
          subunit: row.name || null,
          form: table.form,
          indicator: rule.subject,
          params: {
            ...rule.params,
            rule: rule.spec.description[ctx.lang],
            left: rule.spec.code === 'rate-mismatch' ? round2(l) : l,
            right: rule.spec.code === 'rate-mismatch' ? round2(r) : r,
            operator: OPERATOR_TEXT[rule.spec.operator],
            heading: headingOf(table, rule.subject),
          },
        }),
      );
    }
  }
  return out;
}

function headingOf(table: FormTable, id: string): string {
  return columnHeading(table.layout.form.spec, id) ?? id;
}

/** The heading of a form's column `id` (undefined when the form has none such). */
export function columnHeading(spec: FormSpec, id: string | undefined): string | undefined {
  return spec.columns.find((c) => c.id === id)?.heading;
}

/**
 * Key that identifies a row across forms (case, diacritics and spacing ignored): the total, a
 * sub-unit by its name, a village by its commune's name and its own ("Thôn 1" is in many
 * communes). Group and breakdown rows have none.
 */
export function rowKey(
  row: TableRow,
  rows?: TableRow[],
  kinds: KindAbbreviations = NO_ABBREVIATIONS,
): string | null {
  if (row.role === 'total') return '\u0000total';
  if (row.role === 'subunit') return nameKey(row, kinds);
  if (row.role === 'child') {
    const parent = rows?.find((r) => r.row === row.parentRow);
    return `${parent ? nameKey(parent, kinds) : ''}\u0001${foldWords(row.name)}`;
  }
  return null;
}

const NO_ABBREVIATIONS: KindAbbreviations = new Map();

/**
 * A sub-unit's key: its registry name when matched, else the written name with case and spacing
 * ignored but not its tone marks: "Xã Minh Quán" and "Xã Minh Quân" are two communes of Trấn Yên.
 * A written name is also read with its numbers as numbers ("Thôn 01", "Thôn I" and "Thôn số 1"
 * are "thôn 1"), dots as spaces, and the look-alike "Ð" (U+00D0) as "Đ": the key pairs one village's
 * rows across the forms, where no registry names it.
 */
export function nameKey(
  row: Pick<TableRow, 'name' | 'canonical'>,
  kinds: KindAbbreviations = NO_ABBREVIATIONS,
): string {
  if (row.canonical !== undefined) return cleanText(row.canonical).toLocaleLowerCase('vi');
  // "Hoà" and "Hòa" are one word (the old and the new place of its tone mark).
  const words = oneTonePlace(
    cleanText(
      row.name
        .replace(/\u00d0/g, 'Đ')
        .replace(/\u00f0/g, 'đ')
        .replace(/\./g, ' ')
        // "TDP01", "Thôn1": the number is a word of its own.
        .replace(/(\p{L})(\d)/gu, '$1 $2'),
    ).toLocaleLowerCase('vi'),
  )
    .split(' ')
    .filter((w, i, ws) => !(w === 'số' && /^\d+$/.test(ws[i + 1] ?? '')));
  // A kind word abbreviated ("TDP 1", "X. Nà Hẩu") is the word in full, before a name; the
  // first word is read so before it is read as a roman numeral ("X" is also ten).
  const kind = words.length > 1 ? kinds.get(words[0] ?? '') : undefined;
  return words
    .map((w, i) =>
      i === 0 && kind !== undefined
        ? kind
        : /^\d+$/.test(w)
          ? String(Number(w))
          : (ROMAN.get(w) ?? w),
    )
    .join(' ');
}

/** Roman numerals a village is numbered with ("Thôn II"), as numbers. */
const ROMAN = new Map(
  ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'].map((r, n) => [
    r,
    String(n + 1),
  ]),
);

/** A cross-form rule's reference ("B01.poor") as its form and indicator; ['', q] when it names none. */
function split(q: string): [string, string] {
  const m = /^B(\w+)\.(.+)$/.exec(q);
  return m?.[1] && m[2] ? [m[1], m[2]] : ['', q];
}

/** Applies the cross-form rules to rows of the same sub-unit in different forms. */
export function checkCrossForm(
  tables: FormTable[],
  rules: CompiledRule[],
  ctx: CheckContext,
): Finding[] {
  const out: Finding[] = [];
  const byForm = new Map<string, Map<string, TableRow>>();
  const tableOf = new Map<string, FormTable>();
  for (const t of tables) {
    const idx = new Map<string, TableRow>();
    for (const row of t.rows) {
      const key = rowKey(row, t.rows, ctx.kinds);
      if (key !== null && (row.name !== '' || row.role === 'total')) idx.set(key, row);
    }
    byForm.set(t.form, idx);
    tableOf.set(t.form, t);
  }
  for (const rule of rules) {
    if (rule.spec.scope !== 'cross-form') continue;
    const forms = [
      ...new Set(
        [...referencedIds(rule.left), ...referencedIds(rule.right)].map((q) => split(q)[0]),
      ),
    ];
    if (!forms.every((f) => byForm.has(f))) continue;
    const [subjectForm, subjectId] = split(rule.subject);
    const subjectTable = tableOf.get(subjectForm);
    const subjectRows = byForm.get(subjectForm);
    if (!subjectTable || !subjectRows) continue;
    for (const [key, row] of subjectRows) {
      const look = (q: string): number | null => {
        const [f, id] = split(q);
        const other = byForm.get(f)?.get(key);
        if (!other) return null;
        return lookupIn(other)(id);
      };
      const l = evaluate(rule.left, look);
      const r = evaluate(rule.right, look);
      if (l === null || r === null) continue;
      const verdict = judge(rule.spec, l, r);
      if (verdict === null) continue;
      const col = row.values.get(subjectId)?.col;
      const real = row.row >= 0;
      out.push(
        makeFinding(rule.spec.code, {
          ...verdict,
          file: subjectTable.file,
          sheet: subjectTable.sheet,
          cell: col === undefined || !real ? null : cellAddress(row.row, col),
          row: real ? row.row + 1 : null,
          unit: ctx.unit,
          subunit: row.name || null,
          form: subjectForm,
          indicator: subjectId,
          params: {
            ...rule.params,
            rule: rule.spec.description[ctx.lang],
            left: l,
            right: r,
            operator: OPERATOR_TEXT[rule.spec.operator],
          },
        }),
      );
    }
  }
  return out;
}

/**
 * Rows the cross-form rules cannot pair: a sub-unit with figures in one form that another form
 * those rules join has no row for, by its name (`subunit-not-in-form`). Forms may leave out a
 * village with nothing to report (Biểu 04 without the villages that have no poor household), so
 * a row is looked for only where its own figures that the rules compare are not all zero. Said
 * once per name and form, at the row's name cell: a village spelled "B. Đán" in Biểu 04 and "Bản
 * Đán" in Biểu 01 leaves both unchecked, and a swap between two villages would pass unseen.
 */
export function unpairedRows(
  tables: FormTable[],
  rules: CompiledRule[],
  ctx: CheckContext,
): Finding[] {
  const keyed = new Map<string, { table: FormTable; rows: Map<string, TableRow> }>();
  for (const t of tables) {
    const rows = new Map<string, TableRow>();
    for (const row of t.rows)
      if (row.role === 'subunit' || row.role === 'child') {
        const key = rowKey(row, t.rows, ctx.kinds);
        if (key !== null && row.name !== '') rows.set(key, row);
      }
    keyed.set(t.form, { table: t, rows });
  }
  // The ids of each form that a cross-form rule compares with another form's.
  const compared = new Map<string, Map<string, Set<string>>>();
  for (const rule of rules) {
    if (rule.spec.scope !== 'cross-form') continue;
    const refs = [...referencedIds(rule.left), ...referencedIds(rule.right)]
      .map(split)
      .filter(([form]) => form !== '');
    for (const [form, id] of refs)
      for (const [other] of refs) {
        if (other === form) continue;
        const byOther = compared.get(form) ?? new Map<string, Set<string>>();
        byOther.set(other, (byOther.get(other) ?? new Set()).add(id));
        compared.set(form, byOther);
      }
  }
  const out: Finding[] = [];
  const said = new Set<string>();
  for (const [form, { table, rows }] of keyed)
    for (const [other, ids] of compared.get(form) ?? []) {
      const there = keyed.get(other);
      // A form of the unit's total alone names no row (`subunits-none`), so it lacks none.
      if (!there || there.rows.size === 0) continue;
      for (const [key, row] of rows) {
        if (there.rows.has(key) || said.has(`${key}\u0002${other}`)) continue;
        const look = lookupIn(row);
        if (![...ids].some((id) => (look(id) ?? 0) !== 0)) continue;
        said.add(`${key}\u0002${other}`);
        out.push(
          makeFinding('subunit-not-in-form', {
            file: table.file,
            sheet: table.sheet,
            cell: cellAddress(row.row, table.layout.nameCol ?? 0),
            row: row.row + 1,
            unit: ctx.unit,
            subunit: row.name,
            form,
            params: { subunit: row.name, form, other },
          }),
        );
      }
    }
  return out;
}
