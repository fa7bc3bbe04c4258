/**
 * Deciding what each row of a read table is (total, sub-unit, village, group, breakdown) and
 * saying, cell by cell, what does not add up. The arithmetic is in `row-structure.ts`; this
 * module turns a table's rows into its input (figures and label hints) and its outcome into roles
 * and findings.
 */
import type { UnitSpec } from './catalogue.js';
import { makeFinding, type Finding } from './finding.js';
import type { FindingCode } from './finding-codes.js';
import { type Lang } from './lang.js';
import { appendAll } from './finding-budget.js';
import { cellAddress } from './grid.js';
import { hasPhrase, startsWithPhrase, type PreparedVocabulary } from './headings.js';
import type { FormTable, TableRow } from './extract.js';
import {
  analyseRows,
  type LabelHint,
  type RowReading,
  type RowStructure,
  type StructureRow,
  type SumMismatch,
} from './row-structure.js';
import { matchSubunit, NOTE } from './subunits.js';
import { labelKey, taughtHint, type Taught } from './teach.js';
import { cleanText, foldWords, isSectionNumber, withoutLeadingNumber } from './text.js';
import { kindsOf, type KindAbbreviations } from './kind-words.js';
import { nameKey } from './rules.js';
import type { KindForm } from './schemas.js';

/** A list item's mark before a label: a dash, a plus, a bullet, a star. */
const LIST_ITEM = /^\s*[-+–—•*]\s*\S/u;

/** What a row's label (and its STT cell) suggests it is. */
export function labelHint(
  label: string,
  stt: string,
  vocab: PreparedVocabulary,
  unitWords: Set<string>,
): LabelHint {
  const w = foldWords(label);
  const words = w.split(' ').filter(Boolean);
  const [first, ...rest] = words;
  if (
    first !== undefined &&
    vocab.totalStarts.has(first) &&
    rest.every((x) => vocab.totalWords.has(x) || unitWords.has(x))
  )
    return 'total';
  // The label without a leading number ("I. Khu vực …", "1. Xã …", "a) Thôn …").
  const bare = withoutLeadingNumber(w);
  if (startsWithPhrase(w, vocab.breakdown) || startsWithPhrase(bare, vocab.breakdown))
    return 'breakdown';
  if (startsWithPhrase(bare, vocab.group)) return 'group';
  // "Cộng xã A" under its villages is the commune's own row.
  const body =
    first !== undefined && vocab.totalStarts.has(first) && rest.length > 1 ? rest.join(' ') : bare;
  const kind = (phrases: string[]): boolean =>
    phrases.some((p) => body.startsWith(`${p} `) && body.length > p.length + 1);
  // What the name says comes before how the row is numbered: "II | Xã Tà Si Láng" over its
  // villages 1, 2, 3 is a commune, numbered like a section.
  if (kind(vocab.childKinds)) return 'child';
  if (kind(vocab.subunitKinds)) return 'subunit';
  if (isSectionNumber(stt) || isNumberedGroup(label, stt)) return 'group';
  return 'none';
}

/**
 * The unit's own names, folded: its name and variants, and its short name after each written form
 * of its kind word ("thi xa nghia lo", "tx nghia lo").
 */
function ownNames(unit: UnitSpec): Set<string> {
  const out = new Set([unit.name, ...unit.variants].map((n) => foldWords(n)));
  const name = foldWords(unit.name);
  const short = foldWords(unit.short);
  for (const k of unit.kinds)
    if (k.levels.includes('unit') && name.startsWith(`${k.kind} `))
      for (const f of k.forms) out.add(`${f} ${short}`);
  return out;
}

/** A label naming a group ("Khu vực …", "Các xã …"), numbered or not. */
function isGroupPhrase(label: string, vocab: PreparedVocabulary): boolean {
  const bare = withoutLeadingNumber(foldWords(label));
  return startsWithPhrase(bare, vocab.group);
}

/** A group row numbered as a section of the table ("I", "II" in the STT column, "A. …"). */
function isNumberedGroup(label: string, stt: string): boolean {
  const w = foldWords(label);
  return isSectionNumber(stt) || /^(i|ii|iii|iv|v|vi|vii|viii|ix|x) /.test(w) || /^[a-h] /.test(w);
}

/**
 * Whether a unit's rows are its villages: the unit is itself named as a commune or ward ("Xã
 * Trạm Tấu", "Phường Yên Bái"; a kind word of sub-units only, not "Thị xã"), as every reporting
 * unit is after the 2025 reform.
 */
export function reportsVillages(unit: UnitSpec): boolean {
  const name = foldWords(unit.name);
  return unit.kinds.some(
    (k) =>
      k.levels.includes('subunit') &&
      !k.levels.includes('unit') &&
      k.forms.some((f) => name.startsWith(`${f} `)),
  );
}

/**
 * A row's hint in a report of villages: a village's kind word ("Thôn 1", "Bản Đán") names a
 * sub-unit; a commune's ("Xã Túc Đán (cũ)", an old commune of the merger) names a group of
 * villages; a total's word as written before two words or more ("Cộng cụm 1", "Cộng thôn vùng
 * cao", read as "thôn vùng cao" in a district's report, where "Cộng xã A" under its villages is the
 * commune's own row) names the subtotal of a block, as "Cộng" does: were the sums not to add up,
 * it still closes its block, and its slip is said there. The sums still decide.
 */
function villageHint(label: string, hint: LabelHint, vocab: PreparedVocabulary): LabelHint {
  const written = label.normalize('NFC').toLocaleLowerCase('vi').trim().split(/\s+/);
  if (written.length > 2 && vocab.totalStartsWritten.has(written[0] ?? '')) return 'total';
  if (hint === 'child') return 'subunit';
  if (hint === 'subunit') return 'group';
  return hint;
}

/** What the structure needs to know besides the table. */
export interface RowsContext {
  file: string;
  unit: UnitSpec | null;
  /** What the reporting units are called ("huyện, thị xã, thành phố"): words of a total label. */
  unitLevel: string;
  vocab: PreparedVocabulary;
  lang: Lang;
  /** What the sub-units are called ("xã, phường, thị trấn"). */
  subunitLevel: string;
  /** What staff taught about this unit's row labels. */
  taught?: Taught;
  /** The report's period ("2022-H1"): a row labelled with another year is another time's. */
  period?: string | null;
}

/**
 * Whether a figure of the table is a SUBTOTAL or AGGREGATE formula: functions that leave out the
 * rows a filter (or the user) hides, so that a filtered table's total is the sum of the rows
 * left shown whatever the others hold.
 */
function skipsHiddenRows(table: FormTable): boolean {
  return table.rows.some((r) =>
    [...r.values.values()].some(
      (v) => v.formula !== undefined && /\b(SUBTOTAL|AGGREGATE)\s*\(/i.test(v.formula),
    ),
  );
}

/** Row numbers as ranges: "10–18, 21". */
function rowRanges(rows: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? 0) + 1) j++;
    out.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * Decides the rows' roles (set on the table's rows) and returns the findings about its sums. Rows
 * the sheet hides, with figures, are left out of the table when it adds up without them (a row of
 * a commune merged away, hidden with its old figures): the form as printed and signed has no
 * hidden row, and its total is the sum of the rows shown. Each is said (`row-hidden-set-aside`).
 * When the table does not add up without them, they are read as any row: the sums decide; so
 * too under a SUBTOTAL or AGGREGATE total, said (`rows-hidden-subtotal`).
 */
export function structureTable(table: FormTable, ctx: RowsContext): Finding[] {
  const hidden = table.rows.filter(
    (r) => r.hidden === true && [...r.values.values()].some((v) => v.status !== 'blank'),
  );
  if (hidden.length === 0) return structureRows(table, ctx);
  // A total of SUBTOTAL or AGGREGATE leaves hidden rows out by itself (a filter's view): that
  // it adds up without them says nothing of them, and they are read as any row.
  const [first] = hidden;
  if (first !== undefined && skipsHiddenRows(table))
    return [
      {
        ...rowFinding('rows-hidden-subtotal', first, table, ctx),
        params: { rows: rowRanges(hidden.map((r) => r.row + 1)) },
      },
      ...structureRows(table, ctx),
    ];
  const all = table.rows;
  // What the reading writes on the rows, put back if the rows are read again with the hidden ones.
  const saved = all.map((r) => ({
    name: r.name,
    role: r.role,
    parentRow: r.parentRow,
    taught: r.taught,
    alias: r.alias,
    fractions: r.fractions,
    note: r.note,
  }));
  table.rows = all.filter((r) => r.hidden !== true);
  const findings = structureRows(table, ctx);
  if (table.structure?.kind === 'read' && table.rows.some((r) => r.role === 'subunit')) {
    table.hiddenAside = hidden.map((r) => r.row);
    return [
      ...hidden.map((r) => rowFinding('row-hidden-set-aside', r, table, ctx, r.name || '—')),
      ...findings,
    ];
  }
  table.rows = all;
  delete table.structure;
  all.forEach((r, i) => {
    const was = saved[i];
    if (!was) return;
    r.name = was.name;
    r.role = was.role;
    r.parentRow = was.parentRow;
    if (was.taught === undefined) delete r.taught;
    else r.taught = was.taught;
    if (was.alias === undefined) delete r.alias;
    else r.alias = was.alias;
    if (was.fractions === undefined) delete r.fractions;
    else r.fractions = was.fractions;
    if (was.note === undefined) delete r.note;
    else r.note = was.note;
  });
  return structureRows(table, ctx);
}

/**
 * Per row, whether its number in the row-number column is the next of the numbered row above it
 * ("3" after "2"): the next item of the list the rows above number, never their total.
 */
function followingNumbers(stts: readonly string[]): boolean[] {
  let previous: number | null = null;
  return stts.map((stt) => {
    const t = stt.trim();
    if (t === '') return false;
    const n = itemNumber(t);
    const follows = n !== null && previous !== null && n === previous + 1;
    previous = n;
    return follows;
  });
}

/** A row number of one item ("3", "3."), or null (a part "1.2", words, a roman numeral). */
function itemNumber(t: string): number | null {
  const m = /^(\d{1,4})\.?$/.exec(t);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/**
 * Per row, whether its number is a part of the numbered row above it ("1.1", "1.2" after "1",
 * with only other parts of "1" between): a hamlet of that village, a village of that commune.
 */
function partNumbers(stts: readonly string[]): boolean[] {
  let whole: number | null = null;
  return stts.map((stt) => {
    const t = stt.trim();
    if (t === '') return false;
    const top = itemNumber(t);
    if (top !== null) {
      whole = top;
      return false;
    }
    const part = /^(\d{1,4})\.\d{1,3}\.?$/.exec(t);
    if (part?.[1] !== undefined && Number(part[1]) === whole) return true;
    whole = null;
    return false;
  });
}

/** {@link structureTable} of the rows as they are. */
function structureRows(table: FormTable, ctx: RowsContext): Finding[] {
  const spec = table.layout.form.spec;
  const at = { file: ctx.file, sheet: table.sheet, unit: ctx.unit?.code ?? null, form: spec.id };
  const ids = spec.columns
    .filter((c) => c.kind === 'count' && table.layout.columns.has(c.id))
    .map((c) => c.id);
  const rows = table.rows;
  if (
    rows.length === 0 ||
    rows.every((r) => [...r.values.values()].every((v) => v.status === 'blank'))
  ) {
    // An untouched form (a template sent back as issued) would otherwise count as all zeros.
    for (const r of rows) r.role = 'breakdown';
    return [
      makeFinding('empty-form', { ...at, params: { form: spec.id, level: ctx.subunitLevel } }),
    ];
  }
  const unitWords = new Set(
    ctx.unit
      ? [ctx.unit.name, ctx.unit.short, ...ctx.unit.variants].flatMap((n) =>
          foldWords(n).split(' '),
        )
      : [],
  );
  const unitNames = ctx.unit ? ownNames(ctx.unit) : new Set<string>();
  // A label staff taught (`povreport map`) says what the row is; the sums still decide.
  const years = rows.map((r) => yearsNamed(r.name, ctx.period));
  const follows = followingNumbers(rows.map((r) => r.stt));
  const input: StructureRow[] = rows.map((r, i) => {
    const taught = ctx.taught?.rows.get(labelKey(r.name));
    if (taught !== undefined) r.taught = taught;
    if (taught?.startsWith('=')) r.alias = taught.slice(1);
    const m = ctx.unit?.subunits !== undefined ? matchSubunit(r.alias ?? r.name, ctx.unit) : null;
    // The unit's own name with its kind ("Thị xã Nghĩa Lộ", "TX. Nghĩa Lộ") is the unit's row,
    // not its commune of the same name read with another kind word ("Xã Nghĩa Lộ").
    const ownName =
      taught === undefined &&
      m?.status === 'match' &&
      m.how !== 'exact' &&
      unitNames.has(withoutLeadingNumber(foldWords(r.name)));
    const known = m?.status === 'match' && !ownName;
    let hint: LabelHint = ownName
      ? 'total'
      : taught === undefined
        ? labelHint(r.name, r.stt, ctx.vocab, unitWords)
        : taughtHint(taught);
    const named = known && taught === undefined && hint === 'subunit';
    // Fractions where the form counts households ("Tỷ lệ (%) | 100 | 55,53 | …" under the total),
    // in a row unnumbered, with no label word and naming no sub-unit: no sub-unit's figures (a
    // household is one), other figures, as another year's are; the sums still decide.
    r.fractions =
      taught === undefined &&
      !known &&
      hint === 'none' &&
      r.stt === '' &&
      ids.some((id) => {
        const v = r.values.get(id);
        return v?.status === 'invalid' && v.value !== null && !Number.isInteger(v.value);
      });
    // A registered commune's name says more than its row's numbering ("II | Tà Si Láng").
    if (known && taught === undefined && (hint === 'group' || hint === 'none'))
      if (!isGroupPhrase(r.name, ctx.vocab)) hint = 'subunit';
    return {
      values: ids.map((id) => {
        const v = r.values.get(id);
        return !v || v.status === 'invalid' ? null : v.value;
      }),
      hint,
      known,
      named,
      sumFormulas: r.sumFormulas,
      inBreakdown: taught === 'ignore',
      key: foldWords(r.name),
      numbered: r.stt !== '',
      ...(isSectionNumber(r.stt) ? { section: true } : {}),
      ...(follows[i] ? { follows: true } : {}),
      listItem: LIST_ITEM.test(r.name),
      otherTime: years[i]?.other === true || namesOtherFigures(r.name, ctx.vocab) || r.fractions,
      thisYear: years[i]?.own === true,
    };
  });
  markBreakdownSections(table, input, ctx.vocab, unitWords, ctx.taught);
  const villages = ctx.unit !== null && reportsVillages(ctx.unit);
  if (villages)
    rows.forEach((r, i) => {
      const row = input[i];
      if (row && r.taught === undefined) row.hint = villageHint(r.name, row.hint, ctx.vocab);
    });

  // A row labelled as a total that cannot be one: most of its figures blank, and one of them less
  // than another row's in its column ("Tổng số 15 thôn | 15" under the table: a note). Other
  // figures, set aside as a plan's row is (other-figures-row), no rule checked on it; not a
  // second total.
  input.forEach((row, i) => {
    const written = rows[i];
    if (row.hint !== 'total' || !written || written.taught !== undefined || row.sumFormulas) return;
    const filled = ids.filter((id) => {
      const v = written.values.get(id);
      return v !== undefined && v.status !== 'blank' && v.formula === undefined;
    }).length;
    if (filled * 2 >= ids.length || ids.some((id) => written.values.get(id)?.formula !== undefined))
      return;
    const below = row.values.some((v, k) =>
      input.some(
        (o, j) => j !== i && v !== null && (o.values[k] ?? null) !== null && (o.values[k] ?? 0) > v,
      ),
    );
    if (below) {
      row.hint = 'none';
      row.otherTime = true;
      written.note = true;
    }
  });
  // A row numbered as a part of the row above it ("1.1" under "1") hangs under it, whatever its
  // name says: when the sums do not add up, the slip is told at that row, not as a table of
  // villages that no longer adds up at its total.
  const parts = partNumbers(rows.map((r) => r.stt));
  rows.forEach((r, i) => {
    const row = input[i];
    if (parts[i] && row && r.taught === undefined && !row.known)
      if (row.hint === 'none' || row.hint === 'subunit') row.hint = 'child';
  });
  const outcome = analyseRows(input, { villages });
  table.structure = outcome;
  applyReading(rows, readingOf(outcome));
  // "Cộng xã A" under its villages is the row of "xã A".
  rows.forEach((r, i) => {
    const h = input[i]?.hint;
    const first = foldWords(r.name).split(' ')[0] ?? '';
    if ((r.role === 'subunit' || r.role === 'child') && (h === 'subunit' || h === 'child'))
      if (ctx.vocab.totalStarts.has(first)) r.name = r.name.replace(/^\S+\s+/, '');
  });
  if (rows.filter((r) => r.role === 'subunit').length === 0 && outcome.kind === 'read')
    return [
      makeFinding('empty-form', { ...at, params: { form: spec.id, level: ctx.subunitLevel } }),
    ];
  const findings = findingsOf(outcome, table, ids, ctx);
  if (outcome.kind === 'read') {
    const otherYear = years.map((y) => y.other);
    appendAll(findings, afterTotal(outcome.reading, input, otherYear, table, ctx));
    appendAll(findings, groupsSetAside(outcome.reading, input, table, ids, at));
  }
  return findings;
}

/**
 * Group rows the sums set aside: a row named as a group ("I | Xã Khao Mang (cũ)") over a block
 * of sub-unit rows whose sum it is not. The reading leaves it out (a breakdown, not summed) and
 * the unit's total holds without it, but the file says the block sums to it: a village typed in
 * the other old commune's block, a subtotal typed by hand. Each column where the row differs from
 * its block's sum is a `subtotal-mismatch` (an outside tester's village moved between blocks was
 * accepted with both subtotals wrong). A row under "Trong đó:" is a breakdown, never a group.
 */
function groupsSetAside(
  reading: RowReading,
  input: StructureRow[],
  table: FormTable,
  ids: string[],
  at: { file: string; sheet: string | null; unit: string | null; form: string },
): Finding[] {
  const mismatches: SumMismatch[] = [];
  input.forEach((r, i) => {
    if (reading.roles[i] !== 'breakdown' || r.hint !== 'group' || r.inBreakdown) return;
    const block: number[] = [];
    for (let k = i + 1; k < input.length; k++) {
      const role = reading.roles[k];
      if ((role !== 'subunit' && role !== 'child') || input[k]?.hint === 'group') break;
      block.push(k);
    }
    if (block.length === 0) return;
    r.values.forEach((stated, col) => {
      if (stated === null) return;
      let sum = 0;
      for (const k of block) {
        const v = input[k]?.values[col];
        if (v === null || v === undefined) return;
        sum += v;
      }
      if (sum !== stated) mismatches.push({ row: i, col, stated, sum, of: block });
    });
  });
  return mismatchFindings(mismatches, reading, table, ids, at);
}

/**
 * Which years a row's label names: only others than the report's ("Cùng kỳ năm 2021" in a report
 * of 2022: the figures of another time, no sub-unit of this one), or the report's own ("Năm
 * 2022": maybe the period's own figures).
 */
function yearsNamed(
  label: string,
  period: string | null | undefined,
): { other: boolean; own: boolean } {
  if (!period) return { other: false, own: false };
  const years: string[] = label.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? [];
  const own = years.includes(period.slice(0, 4));
  return { other: years.length > 0 && !own, own };
}

/**
 * Whether a row's label says it gives other figures than this time's sub-units ("Kế hoạch giao
 * năm 2022", "Số hộ nghèo đầu năm", the vocabulary's `otherFiguresRow`): a hint only, as a year
 * other than the report's is. Such a row may be over the total; the sums decide whether it is left
 * out (unnumbered, no commune of the registry, under a total that adds up without it).
 */
function namesOtherFigures(label: string, vocab: PreparedVocabulary): boolean {
  const w = foldWords(label);
  return w !== '' && vocab.otherFigures.some((p) => hasPhrase(w, p));
}

/**
 * The rows under the total that the sums alone read as its breakdown (no label said "Trong đó"):
 * said, so that a commune left out of the total by mistake is seen.
 */
function afterTotal(
  reading: RowReading,
  input: StructureRow[],
  otherYear: boolean[],
  table: FormTable,
  ctx: RowsContext,
): Finding[] {
  const out: Finding[] = [];
  input.forEach((r, i) => {
    const row = table.rows[i];
    if (!row || i < reading.total || reading.roles[i] !== 'breakdown') return;
    // A row with no label word over the total in some column gives other figures, whatever its
    // label says: the reading set it aside as such (row-structure.ts overTotal).
    const over = reading.overTotal?.includes(i) === true;
    const otherTime = r.otherTime === true || over;
    if (!otherTime && (r.hint !== 'none' || r.inBreakdown)) return;
    const code: FindingCode = !otherTime
      ? 'row-after-total'
      : otherYear[i] === true
        ? 'other-period-row'
        : 'other-figures-row';
    out.push(rowFinding(code, row, table, ctx));
  });
  return out;
}

/** A finding about one row of a table, at its name cell, saying its number and label. */
function rowFinding(
  code: FindingCode,
  row: TableRow,
  table: FormTable,
  ctx: RowsContext,
  label = row.name,
): Finding {
  return makeFinding(code, {
    file: ctx.file,
    sheet: table.sheet,
    unit: ctx.unit?.code ?? null,
    form: table.layout.form.spec.id,
    row: row.row + 1,
    cell: cellAddress(row.row, table.layout.nameCol ?? 0),
    subunit: row.name,
    params: { row: row.row + 1, label, level: ctx.subunitLevel },
  });
}

/**
 * Rows of a "Trong đó:" section: after a "Trong đó:" line (with or without figures of its own),
 * the rows named as breakdowns or groups ("+ Khu vực nông thôn"), up to the first row named like
 * anything else (a commune, the total).
 */
function markBreakdownSections(
  table: FormTable,
  input: StructureRow[],
  vocab: PreparedVocabulary,
  unitWords: Set<string>,
  taught: Taught | undefined,
): void {
  const starts = new Set<number>();
  for (const l of table.labels) {
    const t = taught?.rows.get(labelKey(l.label));
    const hint = t === undefined ? labelHint(l.label, '', vocab, unitWords) : taughtHint(t);
    if (hint !== 'breakdown') continue;
    const i = table.rows.findIndex((r) => r.row > l.row);
    if (i >= 0) starts.add(i);
  }
  input.forEach((r, i) => {
    if (r.hint === 'breakdown') starts.add(i + 1);
  });
  for (const start of starts)
    for (let i = start; i < input.length; i++) {
      const row = input[i];
      // "Trong đó: + Khu vực thành thị, Nông thôn" are breakdowns, groups by name only; a row
      // named like anything else, or a numbered group ("I. Thành thị"), ends the section.
      const r = table.rows[i];
      const numbered = r !== undefined && isNumberedGroup(r.name, r.stt);
      if (!row || row.known || !(row.hint === 'breakdown' || (row.hint === 'group' && !numbered)))
        break;
      row.inBreakdown = true;
    }
}

function readingOf(s: RowStructure): RowReading {
  return s.kind === 'ambiguous' ? (s.readings[0] as RowReading) : s.reading;
}

function applyReading(rows: TableRow[], reading: RowReading): void {
  rows.forEach((r, i) => {
    r.role = reading.roles[i] ?? 'breakdown';
    const p = reading.parent[i];
    r.parentRow = p === null || p === undefined ? null : (rows[p]?.row ?? null);
  });
}

/**
 * Whether row `other` and the reading's total are the table's first and last rows (of those
 * with figures), the only totals, with the same figure in every cell.
 */
function totalAtBothEnds(rows: TableRow[], reading: RowReading, other: number): boolean {
  const others = reading.roles.filter((r) => r === 'other-total').length;
  const ends = [reading.total, other].sort((a, b) => a - b);
  if (others !== 1 || ends[0] !== 0 || ends[1] !== rows.length - 1 || rows.length < 3) return false;
  const a = rows[reading.total]?.values;
  const b = rows[other]?.values;
  if (!a || !b || a.size !== b.size || a.size === 0) return false;
  for (const [id, v] of a) {
    const w = b.get(id);
    if (!w || v.status !== 'ok' || w.status !== 'ok' || v.value !== w.value) return false;
  }
  return true;
}

function findingsOf(
  outcome: RowStructure,
  table: FormTable,
  ids: string[],
  ctx: RowsContext,
): Finding[] {
  const spec = table.layout.form.spec;
  const out: Finding[] = [];
  const at = { file: ctx.file, sheet: table.sheet, unit: ctx.unit?.code ?? null, form: spec.id };
  const rows = table.rows;
  const nameCol = table.layout.nameCol ?? 0;
  const rowNo = (i: number): number => (rows[i]?.row ?? 0) + 1;
  const reading = readingOf(outcome);

  // A second total row is an error whatever else is read; but the total said again at the other
  // end of the table with the same figures (an export's total above the rows, the clerk's below)
  // leaves one reading: a warning.
  const total = rows[reading.total];
  rows.forEach((r, i) => {
    if (reading.roles[i] !== 'other-total') return;
    const again = total !== undefined && totalAtBothEnds(rows, reading, i);
    out.push(
      makeFinding(again ? 'total-row-repeated' : 'duplicate-total-row', {
        ...at,
        row: r.row + 1,
        cell: cellAddress(r.row, nameCol),
        subunit: r.name,
        params: { form: spec.id, row: r.row + 1, other: total ? total.row + 1 : '?' },
      }),
    );
  });

  if (outcome.kind === 'ambiguous') {
    out.push(
      makeFinding('rows-ambiguous', {
        ...at,
        row: rowNo(outcome.rows[0] ?? 0),
        cell: cellAddress(rows[outcome.rows[0] ?? 0]?.row ?? 0, nameCol),
        params: {
          form: spec.id,
          rows: outcome.rows.slice(0, 8).map(rowNo).join(', '),
          detail: describeReadings(outcome.readings, rows, ctx.lang),
        },
      }),
    );
  } else if (outcome.kind === 'no-total' && outcome.blocks) {
    const last = rows[outcome.blocks[outcome.blocks.length - 1] ?? 0];
    out.push(
      makeFinding('subtotals-without-total', {
        ...at,
        ...(last
          ? { row: last.row + 1, cell: cellAddress(last.row, nameCol), subunit: last.name }
          : {}),
        params: {
          form: spec.id,
          count: outcome.blocks.length,
          rows: outcome.blocks.slice(0, 12).map(rowNo).join(', '),
        },
      }),
    );
  } else if (outcome.kind === 'no-total') {
    out.push(makeFinding('missing-total-row', { ...at, params: { form: spec.id } }));
    const sub = outcome.subtotal;
    const parent = sub ? rows[sub.row] : undefined;
    if (sub && parent) {
      const of = sub.of.map(rowNo).join(', ');
      const name = parent.name || `#${parent.row + 1}`;
      out.push(
        makeFinding('rows-ambiguous', {
          ...at,
          row: parent.row + 1,
          cell: cellAddress(parent.row, nameCol),
          subunit: parent.name,
          params: {
            form: spec.id,
            rows: [parent.row + 1, ...sub.of.map(rowNo)].join(', '),
            detail:
              ctx.lang === 'vi'
                ? `"${name}" bằng tổng các dòng ${of}: có thể là một đơn vị, cũng có thể là dòng cộng của các dòng đó`
                : `"${name}" equals the sum of rows ${of}: it may be a sub-unit or their subtotal`,
          },
        }),
      );
    }
  } else if (outcome.kind === 'unreconciled') {
    appendAll(out, mismatchFindings(outcome.mismatches, outcome.reading, table, ids, at));
  }
  return out;
}

function describeReadings(readings: RowReading[], rows: TableRow[], lang: Lang): string {
  const [a, b] = readings;
  if (!a || !b) return '';
  const name = (i: number): string => rows[i]?.name || `#${(rows[i]?.row ?? 0) + 1}`;
  const role = (r: RowReading, i: number): string => {
    const x = r.roles[i];
    const vi: Record<string, string> = {
      total: 'dòng tổng',
      group: 'dòng cộng nhóm',
      subunit: 'một đơn vị',
      child: 'dòng thuộc đơn vị khác',
      breakdown: 'dòng "trong đó"',
      'other-total': 'dòng tổng',
    };
    const en: Record<string, string> = {
      total: 'the total',
      group: 'a group subtotal',
      subunit: 'a sub-unit',
      child: 'a row under another',
      breakdown: 'a breakdown',
      'other-total': 'a total',
    };
    return (lang === 'vi' ? vi : en)[x ?? ''] ?? '';
  };
  const diff = a.roles
    .map((_, i) => i)
    .filter((i) => a.roles[i] !== b.roles[i] || a.parent[i] !== b.parent[i])
    .slice(0, 3);
  return diff
    .map((i) =>
      lang === 'vi'
        ? `"${name(i)}" là ${role(a, i)} hay ${role(b, i)}`
        : `"${name(i)}" is ${role(a, i)} or ${role(b, i)}`,
    )
    .join('; ');
}

/** The figures of rows `of` in column `id` written as text, with their cells. */
function textFigures(
  rows: TableRow[],
  of: number[],
  id: string,
): { value: number; cell: string }[] {
  const out: { value: number; cell: string }[] = [];
  for (const i of of) {
    const r = rows[i];
    const x = r?.values.get(id);
    if (r && x?.text && x.value !== null)
      out.push({ value: x.value, cell: cellAddress(r.row, x.col) });
  }
  return out;
}

function mismatchFindings(
  mm: SumMismatch[],
  reading: RowReading,
  table: FormTable,
  ids: string[],
  at: { file: string; sheet: string | null; unit: string | null; form: string },
): Finding[] {
  const out: Finding[] = [];
  const rows = table.rows;
  const spec = table.layout.form.spec;
  for (const m of mm) {
    const row = rows[m.row];
    const id = ids[m.col];
    if (!row || id === undefined) continue;
    const v = row.values.get(id);
    // A figure that could not be read is reported on its cell already.
    if (!v || v.status === 'invalid') continue;
    if (m.of.some((c) => rows[c]?.values.get(id)?.status === 'invalid')) continue;
    const heading = spec.columns.find((c) => c.id === id)?.heading ?? id;
    const base = {
      ...at,
      cell: cellAddress(row.row, v.col),
      row: row.row + 1,
      subunit: row.name,
      indicator: id,
    };
    // A SUM whose saved result is the sum of its rows' figures but those written as text: Excel
    // left the texts out, the figures are right and the total as printed is not.
    const texts = v.formula !== undefined ? textFigures(rows, m.of, id) : [];
    const [firstText] = texts;
    if (firstText && m.stated === m.sum - texts.reduce((a, t) => a + t.value, 0)) {
      out.push(
        makeFinding('sum-skips-text', {
          ...base,
          params: {
            heading,
            left: m.stated,
            right: m.sum,
            formula: v.formula ?? '',
            count: texts.length,
            first: firstText.cell,
          },
        }),
      );
      continue;
    }
    // A formula whose saved result is 0 under rows with figures was never recalculated (a form
    // filled by a program that does not compute): the fix is to recalculate, not to retype.
    if (v.formula !== undefined && m.stated === 0 && m.sum !== 0) {
      out.push(
        makeFinding('stale-formula', {
          ...base,
          params: { heading, left: m.stated, right: m.sum, formula: v.formula },
        }),
      );
      continue;
    }
    if (m.row === reading.total)
      out.push(
        makeFinding('total-mismatch', {
          ...base,
          params: { heading, left: m.stated, right: m.sum, formula: v.formula ?? '' },
        }),
      );
    else {
      const first = rows[m.of[0] ?? 0]?.row ?? 0;
      const last = rows[m.of[m.of.length - 1] ?? 0]?.row ?? 0;
      out.push(
        makeFinding('subtotal-mismatch', {
          ...base,
          params: {
            subunit: row.name,
            heading,
            left: m.stated,
            right: m.sum,
            count: m.of.length,
            rows: first === last ? `${first + 1}` : `${first + 1}–${last + 1}`,
          },
        }),
      );
    }
  }
  return out;
}

/** What the villages' names are qualified with, besides the tables. */
export interface QualifyContext {
  unit: UnitSpec | null;
  vocab: PreparedVocabulary;
  kinds: KindAbbreviations;
}

/**
 * Villages of the same name under two groups ("Thôn 1" under "Xã Túc Đán (cũ)" and again under
 * "Xã Pá Lau (cũ)", the old communes of a merged commune) are two villages: each such row is
 * named with its group, "Thôn 1 (Túc Đán)", in every form of the file, so that its rows pair
 * across forms and the report keeps both. A village's group is the group row it is under (a
 * subtotal, by the sums) or else the nearest row above it that names a commune or a group and
 * has no figures. Only names that repeat are qualified, and only where the registry lists no
 * villages (a registered name is unique). A row whose group cannot be told keeps its name, so
 * that two of them are still `subunit-duplicate`, and a form listing the name once, without
 * groups, cannot be paired with either (`subunit-not-in-form`).
 */
export function qualifyVillages(tables: FormTable[], ctx: QualifyContext): void {
  const unit = ctx.unit;
  // A commune's name is one commune: written twice in a district's report, it is a duplicate.
  if (!unit || unit.subunits || !reportsVillages(unit)) return;
  const unitWords = new Set(
    [unit.name, unit.short, ...unit.variants].flatMap((n) => foldWords(n).split(' ')),
  );
  const villages = tables.map((t) => villageGroups(t, ctx.vocab, unitWords));
  const repeated = new Set<string>();
  for (const list of villages) {
    const seen = new Set<string>();
    for (const { row } of list) {
      const key = nameKey(row, ctx.kinds);
      if (seen.has(key)) repeated.add(key);
      seen.add(key);
    }
  }
  if (repeated.size === 0) return;
  const communeKinds = kindsOf(unit.kinds, ['subunit']);
  for (const list of villages)
    for (const { row, group } of list) {
      if (group === null || !repeated.has(nameKey(row, ctx.kinds))) continue;
      const name = groupName(group, communeKinds, ctx.vocab);
      if (name === '') continue;
      row.group = group;
      row.name = `${row.name} (${name})`;
    }
}

/** A table's village rows, each with the label of its group (null when it has none). */
function villageGroups(
  table: FormTable,
  vocab: PreparedVocabulary,
  unitWords: Set<string>,
): { row: TableRow; group: string | null }[] {
  const out: { row: TableRow; group: string | null }[] = [];
  const labels = [...table.labels].sort((a, b) => a.row - b.row);
  let next = 0;
  let heading: string | null = null;
  for (const row of table.rows) {
    for (; next < labels.length && (labels[next]?.row ?? 0) < row.row; next++) {
      const label = labels[next]?.label ?? '';
      const hint = labelHint(label, '', vocab, unitWords);
      // A commune's name or a group's heads the villages after it; "Trong đó:" or a total ends it.
      if (hint === 'subunit' || hint === 'group') heading = label;
      else if (hint === 'breakdown' || hint === 'total') heading = null;
    }
    if (row.role === 'total') heading = null;
    if (row.role !== 'subunit' || row.canonical !== undefined || foldWords(row.name) === '')
      continue;
    const parent = table.rows.find((r) => r.row === row.parentRow && r.role === 'group');
    out.push({ row, group: parent?.name || heading });
  }
  return out;
}

/**
 * A group's label as a village's qualifier: without its numbering ("I.", "1."), its notes in
 * brackets ("(cũ)"), a trailing "cũ", a commune's kind word and a subtotal's word: "II. Xã Túc Đán
 * (cũ)" → "Túc Đán", "Cộng cụm 1" → "cụm 1".
 */
function groupName(label: string, communeKinds: KindForm[], vocab: PreparedVocabulary): string {
  const words = cleanText(
    label
      .replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ')
      .replace(/^\s*(?:[IVXivx]+|\d{1,3}|[A-Ha-h])\s*[.)/-]\s*/, ''),
  )
    .split(' ')
    .filter(Boolean);
  if (words.length > 1 && foldWords(words[words.length - 1] ?? '') === 'cu') words.pop();
  const first = (words[0] ?? '').normalize('NFC').toLocaleLowerCase('vi');
  if (words.length > 1 && vocab.totalStartsWritten.has(first)) words.shift();
  for (const k of communeKinds)
    for (const f of k.forms) {
      const n = f.split(' ').length;
      if (words.length > n && foldWords(words.slice(0, n).join(' ')) === f) {
        words.splice(0, n);
        return words.join(' ');
      }
    }
  return words.join(' ');
}

/**
 * One village written in full in one form ("Bản Đán") and, in another form of the same file,
 * without its kind word or with it cut short ("Đán", "B. Đán", "Th. Pá Hu"): its rows are paired,
 * by arithmetic's only precondition, that nothing else can be meant. The rows sharing the name
 * left after the kind word are one village when every form has at most one of them, one kind
 * word is written in full among them, and every shortened one is the start of that word; the
 * rows then get one key (`row.canonical`, the name written in full) and each row so read is said
 * (`village-name-paired`, info). Two villages of that name in one form, or two kind words ("Thôn
 * Pá", "Bản Pá"), pair nothing: their rows stay unpaired (`subunit-not-in-form`). A name that is
 * only a number ("1" of "Thôn 1") is never read without its kind ("Tổ 1" is another village).
 * Only where the registry lists no villages (a registered name is matched by the registry).
 * Run on a file's forms (validate) and on the forms a unit's report takes from its files
 * (consolidate: one CSV per form); a row paired already keeps its key.
 */
/**
 * A village's name less its kind word, written in full or cut short ("Bản Chống", "B. Chống",
 * "Chống" → "chống", keyed as `nameKey` keys names), with the kind word in full (folded) or the
 * start of one cut short; null when nothing with a letter is left: "1" of "Thôn 1" is no name
 * ("Tổ 1" is another village). `villageKinds` folded, longest first.
 */
export function villageNameParts(
  name: string,
  villageKinds: readonly string[],
  kinds: KindAbbreviations,
): { key: string; kind: string | null; short: string | null } | null {
  const words = nameKey({ name }, kinds).split(' ').filter(Boolean);
  const folded = foldWords(words.join(' '));
  const kind = villageKinds.find((k) => folded.startsWith(`${k} `)) ?? null;
  let rest = words;
  let short: string | null = null;
  if (kind !== null) rest = words.slice(kind.split(' ').length);
  else {
    const cut = /^\s*(\p{L}{1,3})\.\s*\S/u.exec(name);
    if (cut?.[1]) {
      short = foldWords(cut[1]);
      rest = words.slice(1);
    }
  }
  if (rest.length === 0 || !rest.some((w) => /\p{L}/u.test(w))) return null;
  return { key: rest.join(' '), kind, short };
}

export function pairVillageSpellings(
  tables: FormTable[],
  ctx: { unit: UnitSpec | null; villageKinds: readonly string[]; kinds: KindAbbreviations },
): Finding[] {
  const unit = ctx.unit;
  if (!unit || unit.subunits || !reportsVillages(unit)) return [];
  const kinds = [...ctx.villageKinds].sort((a, b) => b.length - a.length);
  interface Spelling {
    table: FormTable;
    row: TableRow;
    /** The kind word written in full (folded), the start of one written short, or neither. */
    kind: string | null;
    short: string | null;
  }
  const groups = new Map<string, Spelling[]>();
  for (const table of tables)
    for (const row of table.rows) {
      if (row.role !== 'subunit' || row.canonical !== undefined) continue;
      const parts = villageNameParts(row.name, kinds, ctx.kinds);
      if (!parts) continue;
      const list = groups.get(parts.key) ?? [];
      list.push({ table, row, kind: parts.kind, short: parts.short });
      groups.set(parts.key, list);
    }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    if (new Set(list.map((s) => s.table)).size !== list.length) continue;
    const full = new Set(list.flatMap((s) => (s.kind === null ? [] : [s.kind])));
    if (full.size !== 1) continue;
    const kind = [...full][0] ?? '';
    const named = list.find((s) => s.kind === kind);
    if (!named) continue;
    const others = list.filter((s) => s.kind !== kind);
    if (others.length === 0) continue;
    if (others.some((s) => s.short !== null && !kind.startsWith(s.short))) continue;
    appendAll(
      out,
      pairAs(list, named, others, unit, {
        vi: 'bỏ hoặc viết tắt chữ chỉ loại (thôn, bản, tổ…)',
        en: 'leaving out or shortening its kind word (thôn, bản, tổ…)',
      }),
    );
  }
  appendAll(out, pairNotedVillages(tables, unit, ctx.kinds));
  return out;
}

/**
 * One village written with a note in brackets in some forms ("Thôn Khe Dứa (ĐBKK)") and without
 * it in the others ("Thôn Khe Dứa"): its rows are paired when every form has at most one row of
 * that name less its notes, and the rows without a note write it alike (see
 * `pairVillageSpellings`). Each row with a note is said (`village-name-paired`, info). Two rows of
 * one form that differ only by their notes ("Thôn 1 (Làng Nhì)", "Thôn 1 (Phình Hồ)") are two
 * villages: nothing of that name is paired.
 */
function pairNotedVillages(
  tables: FormTable[],
  unit: UnitSpec,
  kinds: KindAbbreviations,
): Finding[] {
  interface Noted {
    table: FormTable;
    row: TableRow;
    note: boolean;
  }
  const groups = new Map<string, Noted[]>();
  let anyNote = false;
  for (const table of tables)
    for (const row of table.rows) {
      if (row.role !== 'subunit' || row.canonical !== undefined) continue;
      const bare = row.name.replace(NOTE, '').trim();
      if (bare === '') continue;
      const note = bare !== row.name.trim();
      anyNote ||= note;
      const key = nameKey({ name: bare }, kinds);
      const list = groups.get(key) ?? [];
      list.push({ table, row, note });
      groups.set(key, list);
    }
  const out: Finding[] = [];
  if (!anyNote) return out;
  for (const list of groups.values()) {
    const plain = list.filter((s) => !s.note);
    const noted = list.filter((s) => s.note);
    const [named] = plain;
    if (!named || noted.length === 0) continue;
    if (new Set(list.map((s) => s.table)).size !== list.length) continue;
    const key = nameKey(named.row, kinds);
    if (plain.some((s) => nameKey(s.row, kinds) !== key)) continue;
    appendAll(
      out,
      pairAs(list, named, noted, unit, {
        vi: 'ghi thêm chú thích trong ngoặc',
        en: 'adding a note in brackets',
      }),
    );
  }
  return out;
}

/**
 * Pairs the rows of `list` as the village `named` writes (each gets its name as `canonical`), and
 * says each of `said` (`village-name-paired`, `how` its name differs).
 */
function pairAs(
  list: readonly { table: FormTable; row: TableRow }[],
  named: { table: FormTable; row: TableRow },
  said: readonly { table: FormTable; row: TableRow }[],
  unit: UnitSpec,
  how: { vi: string; en: string },
): Finding[] {
  const canonical = cleanText(named.row.name);
  for (const s of list) s.row.canonical = canonical;
  return said.map((s) =>
    makeFinding('village-name-paired', {
      file: s.table.file,
      sheet: s.table.sheet,
      cell: cellAddress(s.row.row, s.table.layout.nameCol ?? 0),
      row: s.row.row + 1,
      unit: unit.code,
      subunit: s.row.name,
      form: s.table.form,
      params: {
        subunit: s.row.name,
        canonical,
        form: s.table.form,
        other: named.table.form,
        how: how.vi,
        howEn: how.en,
      },
    }),
  );
}
