/**
 * Checking one submission file: recognise its forms, identify whose and when, read the rows and
 * apply every check of docs/forms.md. Pure: the sheets come in already read.
 */
import type { Catalogue, FormsCatalogue, Registry, UnitSpec } from './catalogue.js';
import { makeFinding, saidParams, type Finding } from './finding.js';
import { type Lang } from './lang.js';
import type { Bilingual } from './finding-codes.js';
import { absentRows, rowsAcrossForms } from './rows-across-forms.js';
import { appendAll, capFindings, DEFAULT_MAX_FINDINGS } from './finding-budget.js';
import { cellAddress, cellAt, type ReadInfo, type SheetGrid } from './grid.js';
import type { PreparedCatalogue } from './headings.js';
import { extractTable, titleRows, type FormTable, type TableRow } from './extract.js';
import {
  isPeriod,
  isMetadataSheet,
  periodsInName,
  periodsInTexts,
  type PeriodWords,
  placeInDateLine,
  readMetadata,
  reportDateInTexts,
  unitsInFooter,
  formersIn,
  placesInName,
  reportsFrom,
  type FileNameWords,
  type StrangerInName,
  unitTitlePatterns,
  unitsInTitle,
  unknownSendersInTitle,
  type Period,
} from './identify.js';
import {
  cellText,
  findLayouts,
  formHint,
  isNumericCell,
  type ColumnReading,
  type FormLayout,
  type RecognizeContext,
} from './recognize.js';
import { rowBands, sheetOf, sideBySideBlocks } from './side-by-side.js';
import { checkCrossForm, checkRows, columnHeading, nameKey, unpairedRows } from './rules.js';
import { communeKindsWritten, kindAbbreviations, type KindAbbreviations } from './kind-words.js';
import { type CompiledRule } from './compile-rules.js';
import { pairVillageSpellings, qualifyVillages, structureTable } from './table-rows.js';
import { otherUnitRows, otherUnitsSubunit } from './other-unit-rows.js';
import { inForce, matchSubunit, periodDate, readAsReason, subunitsInForce } from './subunits.js';
import { taughtFor, type Taught, type Teaching } from './teach.js';
import { byCodeUnits, foldWords, parseNumberText } from './text.js';
import { dmy } from './dates-and-numbers.js';
import {
  prepareListVocabulary,
  recogniseList,
  type ListLayout,
  type ListLayoutProblem,
  type PreparedListVocabulary,
} from './household-list.js';
import { newCodeIndex, type CodeIndex } from './code-index.js';
import {
  placeColumnsByContent,
  communesNamedIn,
  shownListSheet,
  type PlacesByContent,
} from './list-place-columns.js';
import {
  createListReader,
  type CommuneTally,
  type ListRowReader,
  type VillageTally,
} from './household-rows.js';
import { scoringOf } from './household.js';
import type { SubunitSpec } from './catalogue.js';
import type { FormerUnit } from './reform.js';

/** Where a file's unit or period came from. */
export type IdentitySource =
  | 'metadata'
  | 'title'
  | 'signature'
  | 'file-name'
  | 'folder-name'
  | 'sheet-name'
  | 'page-header'
  | 'date-line'
  | 'option'
  | null;

/** How one sheet was read, for `--verbose`. */
export interface SheetReading {
  sheet: string | null;
  /** Recognised form, or null for a sheet that is not a form. */
  form: string | null;
  /** 1-based heading rows. */
  headerRows: [number, number] | null;
  numberRow: number | null;
  dataStart: number | null;
  columns: ColumnReading[];
}

/** Everything known about one checked file. */
export interface FileReport {
  /** The path as given. */
  file: string;
  unit: UnitSpec | null;
  unitSource: IdentitySource;
  period: Period | null;
  periodSource: IdentitySource;
  /** Forms found, in order (`01`…`05`). */
  forms: string[];
  /** True when no finding is an error. */
  valid: boolean;
  findings: Finding[];
  tables: FormTable[];
  sheets: SheetReading[];
  read: ReadInfo | null;
  /** Date of the date line under a table ("…, ngày 10 tháng 6 năm 2022"), ISO, or null. */
  reportDate: string | null;
  /**
   * Why the file is no submission at all and is left out of consolidation: `blank-template`, a
   * form issued by `povreport template` with nothing typed in it. Absent for every other file.
   */
  setAside?: 'blank-template';
  /**
   * When the file is a household list (issue 11) rather than summary forms: what its rows give,
   * per commune. Absent for every other file. Counts only: no name or birth year is read out.
   */
  list?: HouseholdListReport;
}

/** What a household list file gives (issue 11), counts only. */
export interface HouseholdListReport {
  /** Each sheet read as a list, with its households and member rows. */
  sheets: { sheet: string | null; households: number; memberRows: number }[];
  /** Per unit and commune: the figures derived from the list, by form column id. */
  tallies: CommuneTally[];
  /** Whether the list says which households are of an ethnic minority, and how each moved. */
  hasEthnicity: boolean;
  hasStatus: boolean;
}

/** What validation of one file needs besides its sheets. */
export interface BookInput {
  file: string;
  /** The file's base name and its folder's name, for identification. */
  fileName: string;
  folderName: string;
  sheets: SheetGrid[];
  read: ReadInfo | null;
  /** Findings of the reader (file-level). */
  readFindings: Finding[];
  /**
   * When some sheets were read only in part (`SheetGrid.headOnly`): the finding to report when
   * they turn out not to be household lists (`too-many-cells`), since only a list is read row by
   * row.
   */
  tooLarge?: Finding;
}

/** Options of a validation run. */
export interface ValidateOptions {
  /** The period being checked (`--period`). */
  period?: Period;
  /** The unit forced by `--unit`. */
  unit?: UnitSpec;
  lang: Lang;
  /** What staff taught the tool about units' files (`povreport map`). */
  teaching?: Teaching;
  /** The teaching of this file's unit (set on the second reading, once the unit is known). */
  taught?: Taught;
  /** Most findings listed for the file (`--max-findings`; default {@link DEFAULT_MAX_FINDINGS}). */
  maxFindings?: number;
  /**
   * The household codes of the lists read so far in this run (issue 11), shared by its files so
   * that a code is found once in one commune across every list; each file alone when absent.
   */
  householdCodes?: CodeIndex;
}

/** The catalogue prepared once per run. */
export interface PreparedRun {
  cat: Catalogue;
  prepared: PreparedCatalogue;
  rules: CompiledRule[];
}

/** The report of a file nothing could be read from (yet): no unit, no period, not valid. */
export function emptyReport(file: string, read: ReadInfo | null, findings: Finding[]): FileReport {
  return {
    file,
    unit: null,
    unitSource: null,
    period: null,
    periodSource: null,
    forms: [],
    valid: false,
    findings,
    tables: [],
    sheets: [],
    read,
    reportDate: null,
  };
}

/** A recognised table with its sheet. */
interface Located {
  grid: SheetGrid;
  layout: FormLayout;
}

/**
 * Checks one file's sheets. When staff taught something about the file's unit, the file is read
 * again with it once the unit is known.
 */
export function validateBook(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
): FileReport {
  const { teaching, ...rest } = opts;
  const { maxFindings } = opts;
  const first = checkBook(input, run, rest);
  const taught = taughtFor(teaching, first.unit?.code);
  const checked = taught ? checkBook(input, run, { ...rest, taught }) : first;
  const report = {
    ...checked,
    findings: capFindings(checked.findings, maxFindings ?? DEFAULT_MAX_FINDINGS),
  };
  return isBlankTemplate(input, report) ? setAsideTemplate(input, report) : report;
}

/**
 * Starts checking a file some of whose sheets were read only in part (`SheetGrid.headOnly`, a
 * file too large to hold): when every such sheet is a household list and no sheet holds a form,
 * the list's readers, to be fed the streamed rows; otherwise the report, with the `tooLarge`
 * finding. A file read whole is simply checked.
 */
export function beginBook(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
): { report: FileReport } | { pending: PendingList } {
  const partial = input.sheets.filter((g) => g.headOnly);
  if (partial.length === 0) return { report: validateBook(input, run, opts) };
  const { maxFindings } = opts;
  const tooLarge = (): { report: FileReport } => {
    const findings = [...input.readFindings];
    if (input.tooLarge) findings.push(input.tooLarge);
    return { report: emptyReport(input.file, input.read, findings) };
  };
  if (input.sheets.length === 0) return tooLarge();
  const lists = findListSheets(input, run);
  const listGrids = new Set(lists.map((l) => l.grid));
  if (!partial.every((g) => listGrids.has(g))) return tooLarge();
  const recognised = recogniseSheets(input, run, opts, listGrids);
  if (recognised.layouts.length > 0) return tooLarge();
  const pending = startList(input, run, opts, recognised, lists);
  return {
    pending: {
      sheets: pending.sheets,
      finish: () => {
        const report = pending.finish();
        return {
          ...report,
          findings: capFindings(report.findings, maxFindings ?? DEFAULT_MAX_FINDINGS),
        };
      },
    },
  };
}

/**
 * Whether the file is a form issued by `povreport template` (its hidden metadata sheet says so)
 * with no figure typed into any of its tables (only its own formulas): a blank form left in (or copied into) the inbox.
 * Counted as the unit's report it would stand for the unit with five empty forms, and being the
 * newest file, outrank the report the unit really sent.
 */
function isBlankTemplate(input: BookInput, report: FileReport): boolean {
  const meta = readMetadata(input.sheets);
  if (foldWords(meta?.entries.get('generated_by')?.value ?? '') !== 'povreport') return false;
  return (
    report.tables.length > 0 &&
    report.tables.every((t) =>
      // The template's own formulas (totals, rates) have results; a typed figure has none.
      t.rows.every((r) =>
        [...r.values.values()].every((v) => v.status === 'blank' || v.formula !== undefined),
      ),
    )
  );
}

/**
 * A blank template's report: marked to be set aside by consolidation, with an info finding saying
 * so. Its other findings stay (each form is empty), so that `validate` still tells a district that
 * checks an untouched form before sending it that there is nothing in it.
 */
function setAsideTemplate(input: BookInput, report: FileReport): FileReport {
  return {
    ...report,
    setAside: 'blank-template',
    findings: [
      makeFinding('blank-template', {
        file: input.file,
        unit: report.unit?.code ?? null,
        params: {
          unit: report.unit ? `${report.unit.name} (${report.unit.code})` : '?',
          period: report.period ?? '?',
        },
      }),
      ...report.findings,
    ],
  };
}

/**
 * Checks one file's sheets, phase by phase: which forms the sheets hold, the rows of each table,
 * whose report it is and for when, the columns the headings did not give, then the rows' structure
 * and the plan's checks. Each phase returns its findings; they are listed in that order.
 */
function checkBook(input: BookInput, run: PreparedRun, opts: ValidateOptions): FileReport {
  if (input.sheets.length === 0) return reportWithoutSheets(input);
  // A sheet with a household's code or head and its scores or flags is a list: no form has those.
  const lists = findListSheets(input, run);
  const listGrids = new Set(lists.map((l) => l.grid));
  const recognised = recogniseSheets(input, run, opts, listGrids);
  if (recognised.layouts.length === 0) {
    if (lists.length > 0) return reportList(input, run, opts, recognised, lists);
    return reportWithoutForms(input, run, opts, recognised);
  }

  const read = extractTables(input, run, recognised.layouts);
  const tables = read.tables.slice().sort((a, b) => byCodeUnits(a.form, b.form));
  const reportDate =
    reportDateInTexts(tables.flatMap((t) => t.footerLines)) ??
    reportDateInTexts(tables.flatMap((t) => t.titleLines));
  const who = identify(
    input,
    run,
    opts,
    {
      titles: read.tables.map((t) => t.titleLines),
      footers: read.tables.map((t) => t.footerLines),
    },
    reportDate,
  );
  const unitCode = who.unit?.code ?? null;
  placePeriodFindings(who.findings, tables, input, run, reportDate);
  const findings: Finding[] = withUnit(input.readFindings.concat(who.findings), unitCode);
  appendAll(findings, withUnit(recognised.findings, unitCode));
  // What each row is is known once the tables are checked: a breakdown's blank cells are cells
  // it does not give, not figures left out; a row of rates set aside gives no counts.
  const checked = checkTables(tables, who, input, run, opts);
  appendAll(findings, withUnit(withoutSetAsideCells(read.findings, tables), unitCode));
  for (const { grid, layout } of recognised.layouts)
    appendAll(findings, columnFindings(grid, layout, input.file, unitCode, input.read));
  appendAll(findings, checked);
  // A household list kept in a sheet of the forms' workbook is not read with them: said at the
  // sheet, so that it is sent as a file of its own, to be checked and compared with the forms.
  // Its tab may be named after a household's head: said as a list's tab is (`shownListSheet`).
  for (const l of lists) {
    const sheet = listTabShown(l.grid, input.sheets.indexOf(l.grid), who, run);
    findings.push(
      makeFinding('list-beside-forms', {
        file: input.file,
        sheet,
        unit: unitCode,
        params: { sheet: sheet ?? '' },
      }),
    );
  }
  return {
    ...emptyReport(input.file, input.read, findings),
    ...identified(who),
    forms: tables.map((t) => t.form),
    valid: !hasError(findings),
    tables,
    sheets: recognised.sheets,
    reportDate,
  };
}

/**
 * Points the file's period findings at a cell, so that the clerk sees which line to put right:
 * `period-date-mismatch` at the date line the report's date was read from, `period-ambiguous` at
 * the title naming the period fewest tables name (the one left from another report), the first
 * such table's, `metadata-period-conflict` at the first title naming the titles' period. Left
 * without a cell when the words were not found in one row (a period named by
 * the file name).
 */
function placePeriodFindings(
  findings: Finding[],
  tables: readonly FormTable[],
  input: BookInput,
  run: PreparedRun,
  reportDate: string | null,
): void {
  const gridOf = (t: FormTable): SheetGrid | undefined =>
    input.sheets.find((g) => g.name === t.sheet) ??
    (t.sheet === null ? input.sheets[0] : undefined);
  const rowText = (grid: SheetGrid, r: number): string =>
    (grid.rows[r] ?? [])
      .map((c) => cellText(c))
      .filter((t) => t !== '')
      .join(' ');
  const firstCell = (grid: SheetGrid, r: number): number =>
    Math.max(
      0,
      (grid.rows[r] ?? []).findIndex((c) => cellText(c) !== ''),
    );
  const words = run.cat.vocabulary.periodWords;
  findings.forEach((f, i) => {
    if (f.sheet != null || f.cell != null) return;
    let at: { sheet: string | null; row: number; col: number } | null = null;
    if (f.code === 'period-date-mismatch' && reportDate !== null) {
      // The date line under the tables first, as the report's date was read.
      for (const t of tables) {
        const grid = gridOf(t);
        if (!grid) continue;
        for (let r = grid.rows.length - 1; r >= 0 && !at; r--)
          if (reportDateInTexts([rowText(grid, r)]) === reportDate)
            at = { sheet: t.sheet, row: r, col: firstCell(grid, r) };
        if (at) break;
      }
    }
    /** The first row of table `t`'s title whose text `says`. */
    const titleRowWhere = (t: FormTable, says: (line: string) => boolean): typeof at => {
      const grid = gridOf(t);
      if (grid)
        for (let r = 0; r < t.layout.headerTop; r++)
          if (says(rowText(grid, r))) return { sheet: t.sheet, row: r, col: firstCell(grid, r) };
      return null;
    };
    /** The row of table `t`'s title that names `period`. */
    const titleRow = (t: FormTable, period: Period): typeof at =>
      titleRowWhere(t, (line) => periodsInTexts([line], words).includes(period));
    if (f.code === 'period-ambiguous') {
      const naming = new Map<Period, FormTable[]>();
      for (const t of tables)
        for (const p of new Set(periodsInTexts(t.titleLines, words)))
          naming.set(p, [...(naming.get(p) ?? []), t]);
      const fewest = [...naming].sort((a, b) => a[1].length - b[1].length)[0];
      const [period, named] = fewest ?? [];
      const t = named?.[0];
      if (period && t) at = titleRow(t, period);
    }
    if (f.code === 'metadata-period-conflict')
      for (const t of tables) if (!at) at = titleRow(t, String(f.params.title));
    if (f.code === 'metadata-unit-conflict')
      for (const t of tables)
        if (!at)
          at = titleRowWhere(t, (line) =>
            unitsInTitle([line], run.cat.registry).some((u) => u.code === f.params.titleCode),
          );
    if (at)
      findings[i] = { ...f, sheet: at.sheet, cell: cellAddress(at.row, at.col), row: at.row + 1 };
  });
}

function hasError(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Findings made before the unit was known, said of `unit` (a copy of each; a finding that already
 * names a unit keeps it).
 */
function withUnit(findings: Finding[], unit: string | null): Finding[] {
  if (unit === null) return findings.slice();
  return findings.map((f) => (f.unit === null ? { ...f, unit } : f));
}

/**
 * A file with no sheet at all: the reader's findings, or `no-form-found` when the reader had none.
 * Valid unless the reader found an error: a document next to the reports (a PDF, a warning) is not
 * an invalid report.
 */
function reportWithoutSheets(input: BookInput): FileReport {
  const findings =
    input.readFindings.length === 0
      ? [makeFinding('no-form-found', { file: input.file })]
      : input.readFindings.slice();
  return { ...emptyReport(input.file, input.read, findings), valid: !hasError(findings) };
}

/**
 * A file whose sheets hold no form: never valid. Whose and when still come from the metadata sheet
 * and the file and folder names, so that the finding reaches the right unit.
 */
function reportWithoutForms(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  recognised: RecognisedSheets,
): FileReport {
  const who = identify(input, run, opts, { titles: [], footers: [] }, null);
  const unit = who.unit?.code ?? null;
  const findings = withUnit(input.readFindings.concat(who.findings), unit);
  appendAll(findings, withUnit(recognised.findings, unit));
  // A file of words only (the notes sheet of a workbook exported sheet by sheet, a letter) is a
  // document beside the reports, not a report that could not be read.
  const figures = input.sheets.some(holdsFigures);
  findings.push(
    makeFinding(figures ? 'no-form-found' : 'file-without-figures', { file: input.file, unit }),
  );
  return {
    ...emptyReport(input.file, input.read, findings),
    ...identified(who),
    sheets: recognised.sheets,
    ...(figures ? {} : { valid: !hasError(findings) }),
  };
}

/** Figures a row of a form's table has at least (a notes sheet's numbered lines have one). */
const FIGURES_PER_ROW = 3;

/** Whether some row of a sheet holds figures, as a form's rows do: numbers in three cells or more. */
function holdsFigures(grid: SheetGrid): boolean {
  for (const row of grid.rows) {
    if (!row) continue;
    let n = 0;
    for (const cell of row) {
      const v = cell?.value;
      if (typeof v === 'number' || (typeof v === 'string' && parseNumberText(v).ok)) n++;
      if (n >= FIGURES_PER_ROW) return true;
    }
  }
  return false;
}

/**
 * The findings of cells without the `missing-value` of a breakdown row's blank cells, nor the
 * `not-whole-number` of a row of fractions set aside as other figures (`TableRow.fractions`, a
 * row of rates under the total: said once, as `other-figures-row`).
 */
function withoutSetAsideCells(findings: Finding[], tables: FormTable[]): Finding[] {
  const key = (sheet: string | null | undefined, row: number | null | undefined): string =>
    `${sheet ?? ''}\u0000${row ?? ''}`;
  const breakdowns = new Set<string>();
  const fractions = new Set<string>();
  // A hidden row left out of its table: nothing of its cells is said.
  const hidden = new Set<string>();
  for (const t of tables) for (const r of t.hiddenAside ?? []) hidden.add(key(t.sheet, r + 1));
  if (hidden.size > 0) findings = findings.filter((f) => !hidden.has(key(f.sheet, f.row)));
  for (const t of tables)
    for (const r of t.rows)
      if (r.role === 'breakdown') {
        breakdowns.add(key(t.sheet, r.row + 1));
        if (r.fractions === true) fractions.add(key(t.sheet, r.row + 1));
      }
  if (breakdowns.size === 0) return findings;
  return findings.filter((f) =>
    f.code === 'missing-value'
      ? !breakdowns.has(key(f.sheet, f.row))
      : f.code !== 'not-whole-number' || !fractions.has(key(f.sheet, f.row)),
  );
}

/** The tables read from the recognised layouts, in sheet order, with the findings of their cells. */
function extractTables(
  input: BookInput,
  run: PreparedRun,
  layouts: Located[],
): { tables: FormTable[]; findings: Finding[] } {
  const tables: FormTable[] = [];
  const findings: Finding[] = [];
  for (const { grid, layout } of layouts) {
    const { table, findings: fs } = extractTable(grid, layout, {
      file: input.file,
      sheet: grid.name,
      unit: null,
      vocab: run.prepared.vocab,
      rules: run.rules,
    });
    appendAll(findings, fs);
    tables.push(table);
  }
  return { tables, findings };
}

/**
 * What each row of each table is (by arithmetic), then the plan's checks: the rows' rules, the
 * communes against the registry, the cross-form rules. Findings table by table, then the file's.
 */
function checkTables(
  tables: FormTable[],
  who: Identity,
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
): Finding[] {
  const { registry } = run.cat;
  const unit = who.unit;
  const ctx = {
    file: input.file,
    unit: unit?.code ?? null,
    lang: opts.lang,
    subunitLevel: registry.subunitLevel[opts.lang],
    kinds: kindAbbreviations(run.cat.vocabulary),
  };
  const findings: Finding[] = [];
  // Rows of another unit's sub-units, said once per file.
  const said = new Set<string>();
  const structures = tables.map((table) =>
    structureTable(table, {
      file: input.file,
      unit,
      ...(opts.taught ? { taught: opts.taught } : {}),
      unitLevel: registry.unitLevel.vi,
      vocab: run.prepared.vocab,
      lang: opts.lang,
      subunitLevel: ctx.subunitLevel,
      period: who.period,
    }),
  );
  // Every form's rows are known before any is checked: a village's name may need its group in
  // every form because it repeats in one.
  qualifyVillages(tables, { unit, vocab: run.prepared.vocab, kinds: ctx.kinds });
  // A village written in full in one form and without its kind word in another is one village
  // when nothing else can be meant: its rows then pair across the forms.
  appendAll(
    findings,
    pairVillageSpellings(tables, {
      unit,
      villageKinds: run.prepared.vocab.childKinds,
      kinds: ctx.kinds,
    }),
  );
  for (const [k, table] of tables.entries()) {
    appendAll(findings, structures[k] ?? []);
    appendAll(findings, checkRows(table, run.rules, ctx));
    appendAll(
      findings,
      checkSubunits(table, unit, input.file, who.period, registry, said, ctx.kinds),
    );
  }
  if (unit)
    appendAll(
      findings,
      otherUnitRows(tables, unit, registry, input.file, communeKindsWritten(run.cat.vocabulary)),
    );
  const foreign = foreignSubunits(tables, unit, registry, input.file);
  let out = findings;
  if (foreign) {
    // The whole file is another unit's: said once for the file, not again at each of its rows.
    out = findings.filter((f) => f.code !== 'subunit-of-other-unit');
    out.push(foreign);
  }
  if (unit && !unit.subunits)
    out.push(
      makeFinding('subunits-not-checked', {
        file: input.file,
        unit: ctx.unit,
        params: { unit: unit.name, ...saidParams('level', registry.subunitLevel) },
      }),
    );
  appendAll(out, checkCrossForm(tables, run.rules, ctx));
  // A sub-unit's row another form leaves blank or out: zeros the other forms prove, or a blank
  // row said (the report fills the zeros: consolidate.ts).
  if (unit)
    for (const e of rowsAcrossForms(tables, ctx.kinds))
      for (const x of [e, ...e.children.values()])
        appendAll(out, absentRows(x, tables, run.rules, ctx.unit, ctx.kinds));
  // A row one form has and another lacks, with figures the rules compare between them: a commune
  // of the registry renamed in one form (to the unit's own name), a village named in one only.
  if (unit) appendAll(out, unpairedRows(tables, run.rules, ctx));
  return out;
}

/** The forms found in a file's sheets, with how each sheet was read. */
interface RecognisedSheets {
  /** The tables to read: one per form, in sheet order. */
  layouts: Located[];
  /** Every sheet's reading (sheets without a form first), for `--verbose`. */
  sheets: SheetReading[];
  /** Extra sheets, hidden copies set aside, forms found twice. No unit yet. */
  findings: Finding[];
}

/**
 * Finds the forms of every sheet. A form found twice is an error, except that a hidden sheet
 * (last year's copy, helper tables) is not the submission when a visible sheet holds the form:
 * it is set aside with an info finding.
 */
function recogniseSheets(
  input: BookInput,
  run: PreparedRun,
  opts: Pick<ValidateOptions, 'taught' | 'period'>,
  lists: ReadonlySet<SheetGrid> = new Set(),
): RecognisedSheets {
  const found = findSheetLayouts(input, run, opts, lists);
  const periodsIn = (lines: string[]): Period[] =>
    periodsInTexts(lines, run.cat.vocabulary.periodWords);
  const aside = otherPeriodSheets(input, found.layouts, opts.period ?? null, periodsIn);
  const chosen = chooseLayouts(
    input,
    found.layouts.filter((l) => !aside.set.has(l)),
  );
  return {
    layouts: chosen.layouts,
    sheets: found.sheets.concat(chosen.sheets),
    findings: found.findings.concat(aside.findings, chosen.findings),
  };
}

/**
 * The tables whose title names another period than the report's ("BIỂU 01 … NĂM 2021" on a copy
 * of the sheet kept beside this year's, "… 6 THÁNG ĐẦU NĂM 2026" beside the year's), when a table of the same form names none other: last
 * year's copy, set aside with the info `other-period-sheet`, not a second reading of the form.
 */
function otherPeriodSheets(
  input: BookInput,
  found: Located[],
  period: Period | null,
  periodsIn: (lines: string[]) => Period[],
): { set: Set<Located>; findings: Finding[] } {
  const set = new Set<Located>();
  const findings: Finding[] = [];
  if (period === null) return { set, findings };
  const named = new Map<Located, Period>();
  for (const l of found) {
    const ps = periodsIn(titleRows(l.grid, l.layout).map((texts) => texts.join(' ')));
    const [first] = ps;
    // Last year's, or this year's half-year report kept beside the year's ("6 THÁNG ĐẦU NĂM
    // 2026" in the report of 2026).
    if (first !== undefined && ps.every((p) => p !== period)) named.set(l, first);
  }
  for (const [l, other] of named) {
    const form = l.layout.form.spec.id;
    const current = found.find((x) => !named.has(x) && x.layout.form.spec.id === form);
    if (!current) continue;
    set.add(l);
    const oneSheet = sheetOf(l.grid) === sheetOf(current.grid);
    findings.push(
      makeFinding('other-period-sheet', {
        file: input.file,
        sheet: l.grid.name,
        form,
        ...(oneSheet
          ? {
              cell: cellAddress(l.layout.headerTop, l.layout.nameCol ?? 0),
              row: l.layout.headerTop + 1,
            }
          : {}),
        params: {
          sheet: l.grid.name ?? input.fileName,
          form,
          period: other,
          table: period,
          other: current.grid.name ?? input.fileName,
          ...tablePlaces(l, current, oneSheet),
        },
      }),
    );
  }
  return { set, findings };
}

/**
 * Where two tables of one sheet lie, to tell them apart in a message (`at`, `otherAt`, each in
 * Vietnamese and English): by their first heading rows, or side by side by their columns; empty
 * for tables of two sheets.
 */
function tablePlaces(a: Located, b: Located, oneSheet: boolean): Record<string, string> {
  if (!oneSheet) return { at: '', atEn: '', otherAt: '', otherAtEn: '' };
  const place = (l: Located): Bilingual => {
    const top = l.layout.headerTop;
    if (a.layout.headerTop !== b.layout.headerTop)
      return { vi: ` (bảng từ dòng ${top + 1})`, en: ` (the table from row ${top + 1})` };
    const cols = [...l.layout.readings.map((r) => r.col), l.layout.nameCol, l.layout.sttCol];
    const used = cols.filter((c): c is number => c !== null);
    const span = `${columnLetter(top, Math.min(...used))}–${columnLetter(top, Math.max(...used))}`;
    return { vi: ` (bảng ở cột ${span})`, en: ` (the table in columns ${span})` };
  };
  return { ...saidParams('at', place(a)), ...saidParams('otherAt', place(b)) };
}

/**
 * Every form of every sheet but the metadata sheet. A sheet holding none is read as no form, and
 * is an `extra-sheet` when it is visible, has content and is not the Department's instructions;
 * a `form-sheet-unread` instead when its name or title names a form no sheet of the file holds.
 */
function findSheetLayouts(
  input: BookInput,
  run: PreparedRun,
  { taught, period }: Pick<ValidateOptions, 'taught' | 'period'>,
  lists: ReadonlySet<SheetGrid>,
): RecognisedSheets {
  const findings: Finding[] = [];
  const sheets: SheetReading[] = [];
  const layouts: Located[] = [];
  const hasMetadata = input.sheets.some(isMetadataSheet);
  const unread: { grid: SheetGrid; form: string | null }[] = [];
  for (const grid of input.sheets) {
    if (isMetadataSheet(grid) || lists.has(grid)) continue;
    const here = sheetLayouts(grid, {
      prepared: run.prepared,
      cat: run.cat.forms,
      rules: run.rules,
      ...(taught ? { taught } : {}),
      periodsIn: (lines) => periodsInTexts(lines, run.cat.vocabulary.periodWords),
      period: period ?? null,
    });
    layouts.push(...here);
    if (here.length > 0) continue;
    sheets.push({
      sheet: grid.name,
      form: null,
      headerRows: null,
      numberRow: null,
      dataStart: null,
      columns: [],
    });
    const hasContent = grid.rows.some((r) => r?.some((c) => cellText(c) !== ''));
    // The Department's own forms carry an instructions sheet: not the district's extra.
    const ownSheet = hasMetadata && foldWords(grid.name ?? '') === 'huong dan';
    if (grid.name !== null && !grid.hidden && hasContent && !ownSheet)
      unread.push({ grid, form: namedForm(grid, run.cat.forms) });
  }
  const found = new Set(layouts.map((l) => l.layout.form.spec.id));
  for (const { grid, form } of unread) {
    const sheet = grid.name ?? '';
    findings.push(
      form !== null && !found.has(form)
        ? makeFinding('form-sheet-unread', {
            file: input.file,
            sheet,
            form,
            params: { sheet, form },
          })
        : makeFinding('extra-sheet', { file: input.file, sheet, params: { sheet } }),
    );
  }
  return { layouts, sheets, findings };
}

/**
 * The forms of a sheet: read whole, or block by block when its forms lie side by side
 * (`sideBySideBlocks`): when every block reads as a form (a block reading none joined with the
 * next ones, as a form with an empty column inside is) and the blocks read more forms than the
 * sheet read whole; or band by band (`rowBands`) when they lie as a grid, on the same terms.
 * Same-form blocks are told as any form found twice.
 */
function sheetLayouts(grid: SheetGrid, ctx: RecognizeContext): Located[] {
  const whole = findLayouts(grid, ctx).map((layout) => ({ grid, layout }));
  let chosen = better(whole, blockLayouts(grid, ctx));
  // Forms laid out as a grid (three side by side over two side by side): band by band, each
  // band whole or block by block; only when every band reads as a form.
  const bands = rowBands(grid);
  if (bands) {
    const read: Located[] = [];
    for (const band of bands) {
      const here = better(
        findLayouts(band, ctx).map((layout) => ({ grid: band, layout })),
        blockLayouts(band, ctx),
      );
      if (here.length === 0) return chosen;
      read.push(...here);
    }
    chosen = better(chosen, read);
  }
  return chosen;
}

/**
 * Of two readings of a sheet, `other` when it reads more forms, or as many and more tables, each
 * cleanly, where `than` does not (the same form twice side by side, this period's beside last
 * year's: read whole, every heading comes twice; block by block, each reads cleanly; told as any
 * form found twice); else `than`.
 */
function better(than: Located[], other: Located[] | null): Located[] {
  if (!other) return than;
  const forms = (ls: Located[]): number => new Set(ls.map((l) => l.layout.form.spec.id)).size;
  if (forms(other) !== forms(than)) return forms(other) > forms(than) ? other : than;
  const clean = (l: Located): boolean =>
    l.layout.ambiguous.length === 0 && l.layout.duplicates.length === 0;
  return other.length > than.length && other.every(clean) && !than.every(clean) ? other : than;
}

/**
 * A sheet read block by block when its forms lie side by side (`sideBySideBlocks`), a block
 * reading no form joined with the next ones (as a form with an empty column inside is); null
 * when it is not so laid out or a block reads no form.
 */
function blockLayouts(grid: SheetGrid, ctx: RecognizeContext): Located[] | null {
  const sides = sideBySideBlocks(grid);
  if (!sides) return null;
  const read: Located[] = [];
  const n = sides.blocks.length;
  for (let i = 0; i < n;) {
    let j = i;
    let block = sides.blocks[i] ?? grid;
    let here = findLayouts(block, ctx);
    while (here.length === 0 && j + 1 < n) {
      block = sides.joined(i, ++j);
      here = findLayouts(block, ctx);
    }
    if (here.length === 0) return null;
    for (const layout of here) read.push({ grid: block, layout });
    i = j + 1;
  }
  return read;
}

/**
 * The form a sheet's name names ("Biểu 04", "B04"), or a title among its first rows that begins
 * with the word ("BIỂU 04: …", "Mẫu số 04"), if any: not a heading cell that happens to read "B1".
 */
function namedForm(grid: SheetGrid, cat: FormsCatalogue): string | null {
  const texts = [grid.name ?? ''];
  for (const row of grid.rows.slice(0, TITLE_ROWS))
    for (const cell of row ?? []) {
      const t = cellText(cell);
      if (/^(?:bieu|mau)\b/.test(foldWords(t))) texts.push(t);
    }
  return formHint(texts, cat);
}

/** The rows a sheet's title lies in. */
const TITLE_ROWS = 8;

/**
 * Which of the layouts found are the submission's tables: the first of each form, a hidden sheet's
 * form set aside when a visible sheet holds it (`hidden-sheet-skipped`), a second copy of a form
 * refused (`duplicate-form`). Every layout found is listed among the sheets read.
 */
function chooseLayouts(input: BookInput, found: Located[]): RecognisedSheets {
  const base = { file: input.file };
  const visibleForms = new Set(
    found.filter((l) => !l.grid.hidden).map((l) => l.layout.form.spec.id),
  );
  const seen = new Map<string, string | null>();
  const layouts: Located[] = [];
  const sheets: SheetReading[] = [];
  const findings: Finding[] = [];
  for (const { grid, layout } of found) {
    const formId = layout.form.spec.id;
    sheets.push(sheetReading(grid, layout));
    if (grid.hidden && visibleForms.has(formId)) {
      const other = found.find((l) => !l.grid.hidden && l.layout.form.spec.id === formId);
      findings.push(
        makeFinding('hidden-sheet-skipped', {
          ...base,
          sheet: grid.name,
          form: formId,
          params: { sheet: grid.name ?? '', form: formId, other: other?.grid.name ?? '' },
        }),
      );
      continue;
    }
    if (seen.has(formId)) {
      // A copy with the same rows and figures ("Biểu số 01 (2)", Excel's copy of a sheet) leaves
      // one reading: the first is read, and the copy said. Any difference leaves two.
      const first = layouts.find((l) => l.layout.form.spec.id === formId);
      const same = first !== undefined && sameFigures(first, { grid, layout });
      // Two tables of one sheet are told apart by their first heading rows.
      const oneSheet = first !== undefined && sheetOf(first.grid) === sheetOf(grid);
      findings.push(
        makeFinding(same ? 'duplicate-form-identical' : 'duplicate-form', {
          ...base,
          sheet: grid.name,
          cell: cellAddress(layout.headerTop, layout.nameCol ?? 0),
          row: layout.headerTop + 1,
          form: formId,
          params: {
            form: formId,
            sheet: grid.name ?? input.fileName,
            other: seen.get(formId) ?? input.fileName,
            ...(first
              ? tablePlaces({ grid, layout }, first, oneSheet)
              : { at: '', atEn: '', otherAt: '', otherAtEn: '' }),
          },
        }),
      );
      continue;
    }
    seen.set(formId, grid.name);
    layouts.push({ grid, layout });
  }
  return { layouts, sheets, findings };
}

/**
 * Whether two tables of one form hold the same rows: the same names and the same figures in each
 * of the form's columns, row by row from their first row of figures (blank rows aside).
 */
function sameFigures(a: Located, b: Located): boolean {
  const ids = [...a.layout.columns.keys()].sort();
  if (ids.length !== b.layout.columns.size || ids.some((id) => !b.layout.columns.has(id)))
    return false;
  // Up to the last row with figures: what follows (a signature, the title of the next form
  // stacked under it in one sheet) is no row of the table.
  const rowsOf = ({ grid, layout }: Located): string[] => {
    const out: string[] = [];
    let figured = 0;
    const cols = [layout.nameCol, ...ids.map((id) => layout.columns.get(id) ?? null)];
    for (let r = layout.dataStart; r < Math.min(layout.dataEnd, grid.rows.length); r++) {
      const texts = cols.map((c) => (c === null ? '' : cellText(cellAt(grid, r, c))));
      if (texts.every((t) => t === '')) continue;
      out.push(JSON.stringify(texts));
      if (cols.slice(1).some((c) => c !== null && isNumericCell(cellAt(grid, r, c))))
        figured = out.length;
    }
    return out.slice(0, figured);
  };
  const ra = rowsOf(a);
  const rb = rowsOf(b);
  return ra.length > 0 && ra.length === rb.length && ra.every((x, i) => x === rb[i]);
}

/** How a sheet's form was read (1-based rows), for `--verbose`. */
function sheetReading(grid: SheetGrid, layout: FormLayout): SheetReading {
  return {
    sheet: grid.name,
    form: layout.form.spec.id,
    headerRows: [layout.headerTop + 1, layout.headerBottom + 1],
    numberRow: layout.numberRow === null ? null : layout.numberRow + 1,
    dataStart: layout.dataStart + 1,
    columns: layout.readings,
  };
}

/** Where a finding about a table's columns points. */
interface ColumnsAt {
  file: string;
  sheet: string | null;
  unit: string | null;
  form: string;
}

/** Missing, doubled, undecidable and unknown columns of a table. */
function columnFindings(
  grid: SheetGrid,
  layout: FormLayout,
  file: string,
  unit: string | null,
  read: ReadInfo | null,
): Finding[] {
  const at: ColumnsAt = { file, sheet: grid.name, unit, form: layout.form.spec.id };
  return [
    ...(read?.format === 'csv' ? csvRowsWider(grid, layout, at, read.delimiter ?? ',') : []),
    ...ambiguousColumns(layout, at),
    ...missingColumns(layout, at),
    ...duplicateColumns(layout, at),
    ...extraColumns(layout, at),
    ...otherPeriodColumns(layout, at),
    ...otherPeriodRead(layout, at),
    ...arithmeticColumns(layout, at),
  ];
}

/**
 * Rows of a CSV table with figures past the last column of its heading (`csv-row-wider`): a field
 * of the row was split in two, most often a number written with a comma ("3,122", "8,68") and not
 * quoted in a comma-separated file, and every figure after it moved one column right. A CSV has
 * no merged cells, so its heading's last filled cell is where the table ends; a notes column
 * without a heading holds words, not figures. One finding for the table, at the first column past
 * the heading, naming the rows.
 */
function csvRowsWider(
  grid: SheetGrid,
  layout: FormLayout,
  at: ColumnsAt,
  delimiter: string,
): Finding[] {
  let last = -1;
  for (let r = layout.headerTop; r <= layout.headerBottom; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = row.length - 1; c > last; c--)
      if (cellText(row[c]) !== '') {
        last = c;
        break;
      }
  }
  if (last < 0) return [];
  // Rows of figures (a figure under the heading too): not a signature block's telephone number.
  const rows: number[] = [];
  for (let r = layout.dataStart; r < Math.min(layout.dataEnd, grid.rows.length); r++) {
    const row = grid.rows[r] ?? [];
    if (row.length <= last + 1 || !row.slice(0, last + 1).some(isNumericCell)) continue;
    if (row.slice(last + 1).some(isNumericCell)) rows.push(r + 1);
  }
  if (rows.length === 0) return [];
  const shown = rows.length > MAX_ROWS_NAMED ? [...rows.slice(0, MAX_ROWS_NAMED), '…'] : rows;
  return [
    makeFinding('csv-row-wider', {
      ...at,
      cell: cellAddress(layout.headerBottom, last + 1),
      row: layout.headerBottom + 1,
      params: {
        last: columnLetter(layout.headerBottom, last),
        count: rows.length,
        rows: shown.join(', '),
        ...saidParams(
          'cause',
          delimiter === ','
            ? {
                vi: 'trong tệp CSV phân cách bằng dấu phẩy, một số viết có dấu phẩy (như 3,122 hoặc 8,68) mà không đặt trong ngoặc kép bị tách thành hai ô',
                en: 'in a comma-separated file, a number written with a comma (such as 3,122 or 8,68) and not quoted was split into two cells',
              }
            : {
                vi: `một ô có dấu phân cách "${delimiter === '\t' ? 'Tab' : delimiter}" bên trong mà không đặt trong ngoặc kép bị tách thành hai ô`,
                en: `a cell holding the separator "${delimiter === '\t' ? 'Tab' : delimiter}" and not quoted was split into two cells`,
              },
        ),
      },
    }),
  ];
}

/** The most row numbers a finding names before "…". */
const MAX_ROWS_NAMED = 8;

/** Columns of another period than the table's, set aside: one finding per period named. */
function otherPeriodColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const byPeriod = new Map<string, FormLayout['otherPeriod']>();
  for (const o of layout.otherPeriod)
    byPeriod.set(o.period, [...(byPeriod.get(o.period) ?? []), o]);
  return [...byPeriod].map(([period, cols]) => {
    const first = cols[0];
    return makeFinding('other-period-column', {
      ...at,
      cell: cellAddress(layout.headerTop, first?.col ?? 0),
      row: layout.headerTop + 1,
      params: {
        cells: cols.map((o) => columnLetter(layout.headerBottom, o.col)).join(', '),
        period,
        table: first?.table ?? '',
        heading: layout.readings.find((r) => r.col === first?.col)?.heading ?? '',
      },
    });
  });
}

/** Columns read though their headings name another time than the table's: said, one by one. */
function otherPeriodRead(layout: FormLayout, at: ColumnsAt): Finding[] {
  return layout.otherPeriodRead.map((o) => {
    const reading = layout.readings.find((r) => r.col === o.col);
    // Headed as the period before ("Năm trước"): its figures are not read as this period's.
    return makeFinding(o.previous ? 'column-previous-period' : 'column-period-differs', {
      ...at,
      cell: cellAddress(layout.headerTop, o.col),
      row: layout.headerTop + 1,
      ...(reading?.id ? { indicator: reading.id } : {}),
      params: {
        cell: columnLetter(layout.headerBottom, o.col),
        heading: reading?.heading ?? '',
        period: o.period,
        table: o.table,
      },
    });
  });
}

/** Columns whose heading named nothing, read by the form's order and identities. */
function arithmeticColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const spec = layout.form.spec;
  return layout.readings
    .filter((r) => r.decidedBy === 'arithmetic' && r.id !== null)
    .map((r) => {
      const expected = spec.columns.find((c) => c.id === r.id)?.heading ?? r.id ?? '';
      return makeFinding('column-by-arithmetic', {
        ...at,
        cell: cellAddress(layout.headerTop, r.col),
        row: layout.headerTop + 1,
        indicator: r.id,
        params: {
          cell: columnLetter(layout.headerBottom, r.col),
          heading: r.heading,
          expected,
          // Placed by a "Tăng"/"Giảm" group heading over it, by the sum it is, or by the form's
          // order.
          ...(r.group !== undefined
            ? { group: r.group }
            : r.sumOf !== undefined
              ? { sumOf: r.sumOf }
              : { placeOf: expected }),
        },
      });
    });
}

/** The column letter of a 0-based column ("C" of "C5"). */
function columnLetter(row: number, col: number): string {
  return cellAddress(row, col).replace(/\d+$/, '');
}

/** Columns whose headings fit several of the form's columns equally: `columns-ambiguous`. */
function ambiguousColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const spec = layout.form.spec;
  const headingOf = (id: string | undefined): string => columnHeading(spec, id) ?? id ?? '?';
  return layout.ambiguous.map((a) =>
    a.conflict
      ? makeFinding('heading-number-conflict', {
          ...at,
          // The leaf's cell: the heading that says both.
          cell: cellAddress(layout.headerBottom, a.cols[0] ?? 0),
          row: layout.headerBottom + 1,
          params: {
            cells: a.cols.map((c) => columnLetter(layout.headerBottom, c)).join(', '),
            heading: layout.readings.find((r) => r.col === a.cols[0])?.heading ?? '',
            number: a.conflict.number,
            byNumber: headingOf(a.ids[0]),
            byName: headingOf(a.ids[1]),
          },
        })
      : makeFinding('columns-ambiguous', {
          ...at,
          cell: cellAddress(layout.headerTop, a.cols[0] ?? 0),
          row: layout.headerTop + 1,
          params: {
            cells: a.cols.map((c) => columnLetter(layout.headerBottom, c)).join(', '),
            candidates: a.ids.map((id) => `"${headingOf(id)}"`).join(', '),
          },
        }),
  );
}

/**
 * The form's columns no heading gave (`missing-column`: an error for a required column, a warning
 * otherwise), leaving out those an ambiguity already names.
 */
function missingColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const spec = layout.form.spec;
  const undecided = new Set(layout.ambiguous.flatMap((a) => a.ids));
  return spec.columns
    .map((col, i) => ({ col, i }))
    .filter(({ col }) => !layout.columns.has(col.id) && !undecided.has(col.id))
    .map(({ col, i }) => {
      const place = missingPlace(layout, i);
      // A rate follows from its counts (the report computes every rate again from them).
      const numerator = col.kind === 'percent' ? columnHeading(spec, col.numerator) : undefined;
      const denominator = col.kind === 'percent' ? columnHeading(spec, col.denominator) : undefined;
      return makeFinding('missing-column', {
        ...at,
        indicator: col.id,
        ...(col.required ? {} : { severity: 'warning' as const }),
        ...(place.cell !== null ? { cell: place.cell, row: layout.headerTop + 1 } : {}),
        params: {
          form: spec.id,
          heading: col.heading,
          where: place.vi,
          whereEn: place.en,
          ...(numerator !== undefined && denominator !== undefined
            ? { numerator, denominator }
            : {}),
        },
      });
    });
}

/**
 * Where the form's `i`-th column should stand: after the nearest column before it in the form's
 * order that was read (before the nearest after it when none was). Its heading cell is named when
 * that place holds a heading the form does not know (most often the missing column, worded
 * otherwise); the sentence says the neighbour either way.
 */
function missingPlace(
  layout: FormLayout,
  i: number,
): { cell: string | null; vi: string; en: string } {
  const spec = layout.form.spec;
  const row = layout.headerTop;
  const unknownAt = (c: number): boolean =>
    layout.readings.some((r) => r.col === c && r.id === null && r.heading !== '');
  const said = (c: number, heading: string, after: boolean) => ({
    vi: ` (theo thứ tự của mẫu, cột này ở ${after ? 'sau' : 'trước'} cột ${columnLetter(row, c)} "${heading}")`,
    en: ` (in the form’s order it comes ${after ? 'after' : 'before'} column ${columnLetter(row, c)}, "${heading}")`,
  });
  for (let k = i - 1; k >= 0; k--) {
    const before = spec.columns[k];
    const c = before ? layout.columns.get(before.id) : undefined;
    if (before && c !== undefined)
      return {
        cell: unknownAt(c + 1) ? cellAddress(row, c + 1) : null,
        ...said(c, before.heading, true),
      };
  }
  for (let k = i + 1; k < spec.columns.length; k++) {
    const after = spec.columns[k];
    const c = after ? layout.columns.get(after.id) : undefined;
    if (after && c !== undefined)
      return {
        cell: c > 0 && unknownAt(c - 1) ? cellAddress(row, c - 1) : null,
        ...said(c, after.heading, false),
      };
  }
  return { cell: null, vi: '', en: '' };
}

/** A column heading the same indicator as an earlier one at the same depth: `duplicate-column`. */
function duplicateColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const spec = layout.form.spec;
  return layout.duplicates.map((d) =>
    makeFinding(
      d.hidden
        ? 'duplicate-column-hidden'
        : d.byArithmetic
          ? 'duplicate-column-by-arithmetic'
          : 'duplicate-column',
      {
        ...at,
        cell: cellAddress(layout.headerBottom, d.col),
        row: layout.headerBottom + 1,
        indicator: d.id,
        params: {
          heading: spec.columns.find((c) => c.id === d.id)?.heading ?? d.id,
          cell: columnLetter(layout.headerBottom, d.col),
          other: columnLetter(layout.headerBottom, d.other),
        },
      },
    ),
  );
}

/**
 * Headed columns the form does not know (`extra-column`), except those already reported as
 * doubled or ambiguous and those taught to be left out.
 */
function extraColumns(layout: FormLayout, at: ColumnsAt): Finding[] {
  const skip = new Set([
    ...layout.duplicates.map((d) => d.col),
    ...layout.otherPeriod.map((o) => o.col),
    ...layout.ambiguous.flatMap((a) => a.cols),
  ]);
  return layout.readings
    .filter((r) => r.id === null && !skip.has(r.col) && r.decidedBy !== 'mapping')
    .map((r) =>
      makeFinding('extra-column', {
        ...at,
        cell: cellAddress(layout.headerTop, r.col),
        row: layout.headerTop + 1,
        params: { heading: r.heading },
      }),
    );
}

/** Whose and when a file is, where each was read, and what stood in the way. */
/** A report's identity fields, as identification found them. */
function identified(
  who: Identity,
): Pick<FileReport, 'unit' | 'unitSource' | 'period' | 'periodSource'> {
  return {
    unit: who.unit,
    unitSource: who.unitSource,
    period: who.period,
    periodSource: who.periodSource,
  };
}

interface Identity {
  unit: UnitSpec | null;
  unitSource: IdentitySource;
  period: Period | null;
  periodSource: IdentitySource;
  /** Bad metadata, ambiguous or unknown unit and period, disagreement with the options. */
  findings: Finding[];
}

/**
 * Whose and when, from the first source that names any: metadata sheet > title block > signature
 * block > file name > folder name > place of the date line (units). Title and footer lines come
 * per table, so that a block's lines are read together and never run into the next sheet's.
 * The report's date (or null) is checked against the period. Findings are in that order: the
 * metadata's, the unit's, the period's.
 */
function identify(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  blocks: { titles: string[][]; footers: string[][] },
  reportDate: string | null,
  list = false,
): Identity {
  const { titles: titleBlocks, footers: footerBlocks } = blocks;
  const meta = identityInMetadata(input, run.cat.registry);
  const unit = meta.unit
    ? {
        unit: meta.unit,
        source: 'metadata' as const,
        findings: titlesAgainstMetadataUnit(input, meta.unit, titleBlocks, run),
      }
    : unitInTexts(input, run, opts, titleBlocks, footerBlocks, list);
  const forced = forcedUnit(input, opts, unit);
  const period = meta.period
    ? {
        period: meta.period,
        source: 'metadata' as const,
        findings: titlesAgainstMetadata(input, meta.period, titleBlocks, run),
      }
    : periodInTexts(input, titleBlocks, run.cat.vocabulary.periodWords);
  const checked = checkedPeriod(input, opts, period, reportDate);
  return {
    unit: forced.unit,
    unitSource: forced.source,
    period: checked.period,
    periodSource: checked.source,
    findings: [
      ...meta.findings,
      ...unit.findings,
      ...forced.findings,
      ...period.findings,
      ...checked.findings,
    ],
  };
}

/**
 * The forms' titles against the period of the metadata sheet: a form issued for one period whose
 * titles were retyped for another ("NĂM 2022" in a template of 2022-H1, last half-year's form
 * reused) says two periods, and which its figures are of is not for the tool to guess:
 * `metadata-period-conflict`, an error. Titles naming no period, or several, say nothing.
 */
function titlesAgainstMetadata(
  input: BookInput,
  period: Period,
  titleBlocks: string[][],
  run: PreparedRun,
): Finding[] {
  const words = run.cat.vocabulary.periodWords;
  const titled = [...new Set(titleBlocks.flatMap((b) => periodsInTexts(b, words)))];
  const [title] = titled;
  if (titled.length !== 1 || title === undefined || title === period) return [];
  return [
    makeFinding('metadata-period-conflict', {
      file: input.file,
      params: { metadata: period, title },
    }),
  ];
}

/**
 * The forms' titles against the unit of the metadata sheet: a form issued for one unit whose
 * titles name another ("UBND XÃ NẬM CÓ" over the template of Xã Trạm Tấu, a neighbour's form
 * filled in) says two units. Where the registry lists the form's unit's communes, the rows
 * decide (the rows of another unit's communes are `subunits-mismatch`): a warning, the file read
 * as the form's unit's. Where it lists none (the villages of a commune after 2025), nothing in
 * the file tells whose the figures are: `metadata-unit-conflict`, an error. Titles naming no
 * unit, or several, say nothing.
 */
function titlesAgainstMetadataUnit(
  input: BookInput,
  unit: UnitSpec,
  titleBlocks: string[][],
  run: PreparedRun,
): Finding[] {
  const registry = run.cat.registry;
  const named = new Map<string, UnitSpec>();
  for (const b of titleBlocks) for (const u of unitsInTitle(b, registry)) named.set(u.code, u);
  const [titled, ...others] = named.values();
  if (titled === undefined || others.length > 0 || titled.code === unit.code) return [];
  const rowsDecide = (unit.subunits?.length ?? 0) > 0;
  const metadata = `${unit.name} (${unit.code})`;
  return [
    makeFinding('metadata-unit-conflict', {
      file: input.file,
      ...(rowsDecide ? { severity: 'warning' as const } : {}),
      params: {
        title: `${titled.name} (${titled.code})`,
        titleCode: titled.code,
        metadata,
        verdict: rowsDecide
          ? `các dòng xã được đối chiếu với danh sách xã của ${metadata} và tệp được đọc là báo cáo của ${metadata}`
          : 'danh mục không có danh sách thôn, bản của đơn vị nên không biết số liệu là của đơn vị nào',
        verdictEn: rowsDecide
          ? `the commune rows are checked against the communes of ${metadata} and the file is read as ${metadata}’s report`
          : 'the registry lists no villages of the unit, so whose the figures are cannot be told',
      },
    }),
  ];
}

/** A unit as identified so far, with where from and what stood in the way. */
interface UnitFound {
  unit: UnitSpec | null;
  source: IdentitySource;
  findings: Finding[];
}

/** A period as identified so far, with where from and what stood in the way. */
interface PeriodFound {
  period: Period | null;
  source: IdentitySource;
  findings: Finding[];
}

/**
 * The unit and period the tool's own metadata sheet names, when it has one; a value that is no
 * unit of the registry or no period is `metadata-invalid` (and the other sources are read).
 */
function identityInMetadata(
  input: BookInput,
  registry: Registry,
): { unit: UnitSpec | null; period: Period | null; findings: Finding[] } {
  const meta = readMetadata(input.sheets);
  if (!meta) return { unit: null, period: null, findings: [] };
  const findings: Finding[] = [];
  const invalid = (cell: string | null | undefined, detail: string): Finding =>
    makeFinding('metadata-invalid', {
      file: input.file,
      sheet: meta.sheet,
      cell: cell ?? null,
      params: { detail },
    });
  const u = meta.entries.get('unit');
  const unit = registry.units.find((x) => x.code === u?.value) ?? null;
  if (!unit) findings.push(invalid(u?.cell, `unit = "${u?.value ?? ''}"`));
  const p = meta.entries.get('period');
  const period = p && isPeriod(p.value) ? p.value : null;
  if (period === null) findings.push(invalid(p?.cell, `period = "${p?.value ?? ''}"`));
  return { unit, period, findings };
}

/**
 * The units the names of the file's visible sheets name ("B01 Tà Xi Láng 2026"), each once; a
 * sheet named for no unit ("Biểu 01") says nothing. Two units named: both (the caller says so).
 */
function unitsInSheetNames(input: BookInput, registry: Registry, words: FileNameWords): UnitSpec[] {
  const found = new Map<string, UnitSpec>();
  for (const g of input.sheets) {
    if (g.name === null || g.hidden || isMetadataSheet(g)) continue;
    for (const u of placesInName(g.name, registry, words).units) found.set(u.code, u);
  }
  return [...found.values()];
}

/** The printed page headers of the file's visible sheets, each sheet's a block of lines. */
function pageHeaders(input: BookInput): string[][] {
  const out: string[][] = [];
  for (const g of input.sheets) if (!g.hidden && g.pageHeader) out.push(g.pageHeader);
  return out;
}

/**
 * The unit named by the first source naming any: title blocks, signature blocks, file name, folder
 * name, sheet names, printed page headers, place of the date line. Two units in that source: `unit-ambiguous` (unless `--unit`
 * decides) and no unit.
 */
function unitInTexts(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  titleBlocks: string[][],
  footerBlocks: string[][],
  list = false,
): UnitFound {
  const registry = run.cat.registry;
  const nameWords = run.cat.vocabulary.fileNameWords ?? { former: [], sentTo: [] };
  const each = (
    read: (lines: string[], r: Registry) => UnitSpec[],
    blocks: string[][],
  ): UnitSpec[] => [
    ...new Map(blocks.flatMap((b) => read(b, registry)).map((u) => [u.code, u])).values(),
  ];
  const named = each(unitsInTitle, titleBlocks);
  // A commune's list names the commune, often by its committee ("UBND XÃ TÚC ĐÁN"): the unit is
  // the one the commune is of. Not a form: a commune's own form is no report of its district.
  const inTitle = named.length === 0 && list ? communesOwners(titleBlocks, registry) : named;
  // A title naming a committee of no unit of the registry (a district, a commune merged away):
  // the file is that body's, and no other source (its name, the date line) makes it another's.
  if (inTitle.length === 0 && !opts.unit) {
    const [stranger] = titleBlocks.flatMap((b) => unknownSendersInTitle(b, registry));
    if (stranger !== undefined)
      return {
        unit: null,
        source: null,
        findings: [
          makeFinding('unit-not-in-registry', {
            file: input.file,
            params: {
              named: stranger,
              registry: registry.id,
              ...formerDetail(formersIn(stranger, registry)[0], registry),
            },
          }),
        ],
      };
  }
  const byFileName = placesInName(input.fileName, registry, nameWords);
  const byFolderName = placesInName(input.folderName, registry, nameWords);
  // The sheets' names are read only when no source before them names a unit (every sheet's
  // name matched against every unit of the registry, for each file).
  const early: [IdentitySource, UnitSpec[]][] = [
    ['title', inTitle],
    ['signature', each(unitsInFooter, footerBlocks)],
    ['file-name', byFileName.units],
    ['folder-name', byFolderName.units],
  ];
  const sources: [IdentitySource, UnitSpec[]][] = early.some(([, u]) => u.length > 0)
    ? early
    : [
        ...early,
        ['sheet-name', unitsInSheetNames(input, registry, nameWords)],
        ['page-header', each(unitsInTitle, pageHeaders(input))],
      ];
  sources.push(['date-line', each(placeInDateLine, [...footerBlocks, ...titleBlocks])]);
  for (const [source, units] of sources) {
    // A name giving a unit's name another kind ("TT Tram Tau" when the unit is Xã Trạm Tấu): the
    // file is that other place's (a town merged away), not the unit's, nor any other source's.
    const strangers =
      source === 'file-name'
        ? byFileName.strangers
        : source === 'folder-name'
          ? byFolderName.strangers
          : [];
    const [stranger] = strangers;
    // A name naming a commune merged away ("Xa Ho Bon" in 2026): the file is not the unit's it
    // went into (it may hold only that commune's part), said with that unit.
    const formers =
      units.length === 0 && (source === 'file-name' || source === 'folder-name')
        ? formersIn(source === 'file-name' ? input.fileName : input.folderName, registry)
        : [];
    if (units.length === 0 && (stranger || formers[0]) && !opts.unit)
      return {
        unit: null,
        source: null,
        findings: [strangerFinding(input, stranger, formers, source, run)],
      };
    if (units.length === 0) continue;
    const [unit] = units;
    if (units.length === 1 && unit) {
      // The heading's unit wins; a file name naming exactly one other unit is said (a file of
      // another unit saved under this name, or this one under another's).
      const [named, ...more] =
        source === 'title' ? (sources.find(([s]) => s === 'file-name')?.[1] ?? []) : [];
      const findings =
        named && more.length === 0 && named.code !== unit.code
          ? [
              makeFinding('unit-sources-differ', {
                file: input.file,
                unit: unit.code,
                params: {
                  found: `${unit.name} (${unit.code})`,
                  other: `${named.name} (${named.code})`,
                },
              }),
            ]
          : [];
      // A file or folder name is a weak hint too: a date line dating the report from another
      // unit's seat ("Yen Bai - BC 2026.xlsx", "Nậm Có, ngày …") leaves two readings.
      const [dated, ...moreDated] =
        source === 'file-name' || source === 'folder-name'
          ? (sources.find(([s]) => s === 'date-line')?.[1] ?? [])
          : [];
      if (dated && moreDated.length === 0 && dated.code !== unit.code && !opts.unit)
        return {
          unit: null,
          source: null,
          findings: [
            makeFinding('unit-ambiguous', {
              file: input.file,
              params: { candidates: `${unit.name}, ${dated.name}` },
            }),
          ],
        };
      return { unit, source, findings };
    }
    const findings = opts.unit
      ? []
      : [
          makeFinding('unit-ambiguous', {
            file: input.file,
            params: { candidates: units.map((u) => u.name).join(', ') },
          }),
        ];
    return { unit: null, source: null, findings };
  }
  return { unit: null, source: null, findings: [] };
}

/** `unit-name-not-in-registry`: a file or folder name naming a place of another kind (see `placesInName`). */
function strangerFinding(
  input: BookInput,
  stranger: StrangerInName | undefined,
  formers: readonly FormerUnit[],
  source: IdentitySource,
  run: PreparedRun,
): Finding {
  const registry = run.cat.registry;
  const name = source === 'folder-name' ? input.folderName : input.fileName;
  const at = {
    name,
    where: source === 'folder-name' ? 'thư mục' : 'tệp',
    whereEn: source === 'folder-name' ? 'folder' : 'file',
    registry: registry.id,
  };
  if (!stranger) {
    const [former] = formers;
    return makeFinding('unit-name-not-in-registry', {
      file: input.file,
      params: { ...at, named: former?.name ?? name, ...formerDetail(former, registry) },
    });
  }
  const word =
    run.cat.vocabulary.kindWords.find((k) => foldWords(k.word) === stranger.kind)?.word ??
    stranger.kind;
  // An abbreviation as clerks write it, with the word it stands for ("TT (thị trấn)").
  const kindVi =
    stranger.form === stranger.kind ? word : `${stranger.form.toUpperCase()} (${word})`;
  // The old commune of that name, when the reform's table has it: the unit it went into.
  const old = `${stranger.kind} ${foldWords(stranger.unit.short)}`;
  const former = formers.find((f) => foldWords(f.name) === old);
  return makeFinding('unit-name-not-in-registry', {
    file: input.file,
    params: {
      ...at,
      named: `${kindVi} ${stranger.unit.short}`,
      ...(former
        ? formerDetail(former, registry)
        : {
            detail: `có thể là huyện, xã, thị trấn cũ trước sắp xếp; ${stranger.unit.name} cùng tên nhưng khác loại`,
            detailEn: `perhaps a district, commune or town from before a reorganisation; ${stranger.unit.name} has the same name but another kind`,
          }),
    },
  });
}

/**
 * What a finding says of a place not in the registry: the old commune it is and the unit it went
 * into, when the reform's table has it; else that it may be a unit from before a reorganisation.
 */
function formerDetail(
  former: FormerUnit | undefined,
  registry: Registry,
): { detail: string; detailEn: string } {
  const now = former ? registry.units.find((u) => u.code === former.into) : undefined;
  if (!former || !now)
    return {
      detail: 'có thể là huyện, xã, thị trấn cũ trước sắp xếp',
      detailEn: 'perhaps a district, commune or town from before a reorganisation',
    };
  return {
    detail: `${former.name} cũ, nay là một phần của ${now.name}, mã ${now.code}`,
    detailEn: `the former ${former.name}, now part of ${now.name}, code ${now.code}`,
  };
}

/** The units a commune named with its kind word in the title lines is of ("Xã Túc Đán": 139). */
function communesOwners(blocks: string[][], registry: Registry): UnitSpec[] {
  const text = ` ${blocks.flatMap((b) => b.map((l) => foldWords(l))).join(' ')} `;
  return registry.units.filter((u) =>
    (u.subunits ?? []).some((s) => text.includes(` ${foldWords(s.name)} `)),
  );
}

/**
 * The unit `--unit` names wins over the file's (`unit-mismatch` when they differ). With neither,
 * and no ambiguity said already: `unit-unknown`.
 */
function forcedUnit(input: BookInput, opts: ValidateOptions, found: UnitFound): UnitFound {
  const base = { file: input.file };
  const { unit } = found;
  if (opts.unit) {
    const findings =
      unit && unit.code !== opts.unit.code
        ? [
            makeFinding('unit-mismatch', {
              ...base,
              unit: opts.unit.code,
              params: {
                found: `${unit.name} (${unit.code})`,
                given: `${opts.unit.name} (${opts.unit.code})`,
              },
            }),
          ]
        : [];
    return { unit: opts.unit, source: 'option', findings };
  }
  if (
    !unit &&
    !found.findings.some(
      (f) =>
        f.code === 'unit-ambiguous' ||
        f.code === 'unit-not-in-registry' ||
        f.code === 'unit-name-not-in-registry',
    )
  )
    return { unit, source: found.source, findings: [makeFinding('unit-unknown', base)] };
  return { ...found, findings: [] };
}

/**
 * The period named by the first source naming any: title blocks, file name, folder name. Two
 * periods there: `period-ambiguous` and no period (the source is still said).
 */
function periodInTexts(input: BookInput, titleBlocks: string[][], words: PeriodWords): PeriodFound {
  const sources: [IdentitySource, Period[]][] = [
    ['title', [...new Set(titleBlocks.flatMap((b) => periodsInTexts(b, words)))]],
    ['file-name', periodsInName(input.fileName, words)],
    ['folder-name', periodsInName(input.folderName, words)],
  ];
  for (const [source, periods] of sources) {
    if (periods.length === 0) continue;
    if (periods.length === 1 && periods[0]) return { period: periods[0], source, findings: [] };
    const ambiguous = makeFinding('period-ambiguous', {
      file: input.file,
      params: { candidates: periods.join(', ') },
    });
    return { period: null, source, findings: [ambiguous] };
  }
  return { period: null, source: null, findings: [] };
}

/**
 * The period found against `--period`: another period is `period-mismatch`; none found (and none
 * ambiguous) is taken to be `--period`, with a `period-assumed` warning. Without `--period`, no
 * period and no ambiguity is `period-unknown`.
 */
function checkedPeriod(
  input: BookInput,
  opts: ValidateOptions,
  found: PeriodFound,
  reportDate: string | null,
): PeriodFound {
  const base = { file: input.file };
  const { period, source } = found;
  if (opts.period) {
    if (period && period !== opts.period) {
      const mismatch = makeFinding('period-mismatch', {
        ...base,
        params: { found: period, expected: opts.period },
      });
      return { period, source, findings: [mismatch] };
    }
    if (!period && source === null) {
      // Said, not silent: last period's report sent again without a date would pass for this one.
      const assumed = makeFinding('period-assumed', { ...base, params: { period: opts.period } });
      const dated = datedOutside(input.file, opts.period, reportDate, true);
      return {
        period: opts.period,
        source: 'option',
        findings: dated ? [assumed, dated] : [assumed],
      };
    }
    const dated = period ? datedOutside(input.file, period, reportDate, false) : null;
    return { period, source, findings: dated ? [dated] : [] };
  }
  if (!period && !found.findings.some((f) => f.code === 'period-ambiguous'))
    return { period, source, findings: [makeFinding('period-unknown', base)] };
  return { period, source, findings: [] };
}

/**
 * `period-date-mismatch` when the report's date cannot be that of a report of `period`: a year's
 * report is made once the year's first half is over (a report dated 10/6/2026 is the half-year
 * one, one dated 5/12/2025 last year's), and, when the file named no period (`assumed`), within
 * a year of the period's end; a half-year report within its year, before the year's fourth
 * quarter. Null when it can, or when the file has no date.
 */
function datedOutside(
  file: string,
  period: Period,
  reportDate: string | null,
  assumed: boolean,
): Finding | null {
  if (reportDate === null || !isPeriod(period)) return null;
  const year = Number(period.slice(0, 4));
  const half = period.endsWith('-H1');
  const from = reportsFrom(period);
  const to = half ? `${year}-09-30` : assumed ? `${year + 1}-06-30` : null;
  if (reportDate >= from && (to === null || reportDate <= to)) return null;
  return makeFinding('period-date-mismatch', {
    file,
    params: {
      date: dmy(reportDate),
      period,
      window: to === null ? `từ ${dmy(from)}` : `từ ${dmy(from)} đến ${dmy(to)}`,
      windowEn: to === null ? `from ${dmy(from)}` : `between ${dmy(from)} and ${dmy(to)}`,
    },
  });
}

/** Where a finding about a table's communes points. */
type SubunitsAt = ColumnsAt;

/**
 * The communes of a table against the unit's registry: each matched row gets its registry name
 * (`row.canonical`, used by the later checks and the sums), a spelling read as another name is
 * said (`subunit-read-as`), an unknown name is an error; a commune listed twice is an error, one
 * of the registry missing from the table too.
 */
function checkSubunits(
  table: FormTable,
  unit: UnitSpec | null,
  file: string,
  period: Period | null,
  registry: Registry,
  said: Set<string>,
  kinds: KindAbbreviations,
): Finding[] {
  const out: Finding[] = [];
  const at: SubunitsAt = { file, sheet: table.sheet, unit: unit?.code ?? null, form: table.form };
  const nameCol = table.layout.nameCol ?? 0;
  const seen = new Map<string, number>();
  const present = new Set<string>();
  // The communes the table's other rows name plainly: a name two of them fit ("Trạm Tấu", the
  // town or the commune) is the one no other row is (the town's row is "TT. Trạm Tấu").
  const claimed = new Map<SubunitSpec, number>();
  if (unit?.subunits)
    for (const row of table.rows) {
      if (row.role !== 'subunit') continue;
      const m = matchSubunit(row.alias ?? row.name, unit, period);
      if (m.status === 'match') claimed.set(m.subunit, (claimed.get(m.subunit) ?? 0) + 1);
    }
  for (const row of table.rows) {
    if (row.role !== 'subunit') continue;
    const cell = cellAddress(row.row, nameCol);
    if (unit?.subunits) {
      const m = matchSubunitRow(row, unit, period, { ...at, cell }, registry, said, claimed);
      if (m.canonical !== undefined) {
        row.canonical = m.canonical;
        if (m.code !== undefined) row.code = m.code;
        present.add(m.canonical);
      }
      if (m.finding) out.push(m.finding);
    }
    if (foldWords(row.name) === '' && row.canonical === undefined) {
      // Figures under no name are no one's: two such rows would be one in the report.
      if ([...row.values.values()].some((v) => v.value !== null && v.value !== 0))
        out.push(
          makeFinding('subunit-name-missing', {
            ...at,
            cell,
            row: row.row + 1,
            params: { row: row.row + 1, cell },
          }),
        );
      continue;
    }
    const key = nameKey(row, kinds);
    const prev = seen.get(key);
    if (prev !== undefined)
      out.push(
        makeFinding('subunit-duplicate', {
          ...at,
          cell,
          row: row.row + 1,
          subunit: row.name,
          params: { subunit: row.name, row: row.row + 1, other: prev },
        }),
      );
    else seen.set(key, row.row + 1);
  }
  if (unit?.subunits && table.rows.some((r) => r.role === 'subunit'))
    appendAll(out, missingSubunits(table, unit, period, present, at));
  else if (unit?.subunits && table.rows.length > 0) {
    // Only the unit's own row: its figures may be right, but no commune's are given.
    const count = subunitsInForce(unit, period).length;
    const total = table.rows.find((r) => r.role === 'total');
    // An empty form (a blank template) is said as such, not for its communes.
    const figures = table.rows.some((r) =>
      [...r.values.values()].some((v) => v.value !== null && v.value !== 0),
    );
    if (count > 0 && figures)
      out.push(
        makeFinding('subunits-none', {
          ...at,
          ...(total ? { cell: cellAddress(total.row, nameCol), row: total.row + 1 } : {}),
          params: { form: table.form, count, unit: unit.name },
        }),
      );
  }
  return out;
}

/**
 * A commune row's registry name, when its name (or taught alias) is one of the unit's communes in
 * force for the period; a name read as another (`subunit-read-as`) or none (`subunit-unknown`)
 * comes with its finding.
 */
function matchSubunitRow(
  row: TableRow,
  unit: UnitSpec,
  period: Period | null,
  at: SubunitsAt & { cell: string },
  registry: Registry,
  said: Set<string>,
  claimed: ReadonlyMap<SubunitSpec, number>,
): { canonical?: string; code?: string; finding?: Finding } {
  const m = matchSubunit(row.alias ?? row.name, unit, period);
  const where = { ...at, row: row.row + 1, subunit: row.name };
  if (m.status === 'ambiguous') {
    const left = m.candidates.filter((c) => !claimed.has(c));
    const [only] = left;
    // Each other candidate named by a row of its own, this one by none: read as it, and said.
    if (only && left.length === 1 && m.candidates.every((c) => c === only || claimed.get(c) === 1))
      return {
        canonical: only.name,
        ...(only.code !== undefined ? { code: only.code } : {}),
        finding: makeFinding('subunit-read-as', {
          ...where,
          params: {
            subunit: row.name,
            canonical: only.name,
            reason: `${m.candidates
              .filter((c) => c !== only)
              .map((c) => c.name)
              .join(', ')} đã có dòng riêng`,
            reasonEn: `${m.candidates
              .filter((c) => c !== only)
              .map((c) => c.name)
              .join(', ')} has a row of its own`,
          },
        }),
      };
  }
  if (m.status !== 'match') {
    const other = otherUnitsSubunit(row.alias ?? row.name, unit, registry, period);
    if (other) {
      // Said at the first form that has it; the row is that unit's in every form.
      const key = foldWords(other.subunit.name);
      if (said.has(key)) return {};
      said.add(key);
      const { subunit, owner } = other;
      return {
        finding: makeFinding('subunit-of-other-unit', {
          ...where,
          params: {
            subunit: row.name,
            unit: unit.name,
            what: `${subunit.name} của ${owner.name}`,
            whatEn: `${subunit.name} of ${owner.name}`,
          },
        }),
      };
    }
    return {
      finding: makeFinding('subunit-unknown', {
        ...where,
        params: {
          subunit: row.name || `(dòng ${row.row + 1} có số liệu nhưng không ghi tên)`,
          unit: unit.name,
        },
      }),
    };
  }
  const inPeriod = codeInPeriod(m.subunit, unit, period);
  const code = inPeriod !== undefined ? { code: inPeriod } : {};
  const gone = notInForce(m.subunit, period);
  if (gone)
    return {
      canonical: m.subunit.name,
      ...code,
      finding: makeFinding('subunit-not-in-force', {
        ...where,
        params: { subunit: row.name, canonical: m.subunit.name, unit: unit.name, ...gone },
      }),
    };
  const reason = readAsReason(m.how);
  if (!reason) return { canonical: m.subunit.name, ...code };
  return {
    canonical: m.subunit.name,
    ...code,
    finding: makeFinding('subunit-read-as', {
      ...where,
      params: {
        subunit: row.name,
        canonical: m.subunit.name,
        reason: reason.vi,
        reasonEn: reason.en,
      },
    }),
  };
}

/**
 * When a matched sub-unit did not exist on the period's last day by the registry (merged away
 * before, or founded after): its dates, said in both languages. Null when it did, or when the
 * period has no last day.
 */
/**
 * A commune's GSO code in the period: its latest, unless a commune of the unit in force then had
 * that code (a ward that took in another took its code too: Phường Hồng Hà, 04267, is 04264 since
 * Phường Nguyễn Phúc merged into it). Then the code it had before (its last former code): two
 * communes of one report never share a code.
 */
function codeInPeriod(s: SubunitSpec, unit: UnitSpec, period: Period | null): string | undefined {
  const former = s.formerCodes?.[s.formerCodes.length - 1];
  // A commune with no former code always had its code.
  if (s.code === undefined || former === undefined) return s.code;
  const holder = (unit.subunits ?? []).some(
    (o) => o !== s && o.code === s.code && !o.formerCodes?.length && notInForce(o, period) === null,
  );
  return holder ? former : s.code;
}

function notInForce(
  s: SubunitSpec,
  period: Period | null,
): { span: string; spanEn: string } | null {
  const date = period === null ? null : periodDate(period);
  if (date === null || inForce(s, date)) return null;
  if (s.until !== undefined && s.until <= date)
    return {
      span: `không còn từ ngày ${dmy(s.until)}`,
      spanEn: `no longer exists from ${dmy(s.until)}`,
    };
  return {
    span: `chỉ có từ ngày ${dmy(s.from ?? date)}`,
    spanEn: `exists only from ${dmy(s.from ?? date)}`,
  };
}

/**
 * The unit's communes in force for the period that no row of the table names: `subunit-missing`;
 * or named by a row with no figures (a label of the table): `subunit-row-blank`, at its cell.
 */
function missingSubunits(
  table: FormTable,
  unit: UnitSpec,
  period: Period | null,
  present: ReadonlySet<string>,
  at: SubunitsAt,
): Finding[] {
  const missing = subunitsInForce(unit, period).filter((s) => !present.has(s.name));
  if (missing.length === 0) return [];
  // A row with the commune's name and no figure at all is no missing row: it is left blank (also
  // under the last row of figures: the last communes left blank).
  const blankRows = new Map<string, number>();
  for (const l of [...table.labels, ...(table.labelsBelow ?? [])]) {
    const m = matchSubunit(l.label, unit, period);
    if (m.status === 'match' && !blankRows.has(m.subunit.name))
      blankRows.set(m.subunit.name, l.row);
  }
  return missing.map((s) => {
    const row = blankRows.get(s.name);
    return row === undefined
      ? makeFinding('subunit-missing', {
          ...at,
          subunit: s.name,
          params: { subunit: s.name, form: table.form },
        })
      : makeFinding('subunit-row-blank', {
          ...at,
          cell: cellAddress(row, table.layout.nameCol ?? 0),
          row: row + 1,
          subunit: s.name,
          params: { subunit: s.name, form: table.form },
        });
  });
}

/**
 * Most commune names of a form not being the unit's communes means the file is probably another
 * unit's (a file named after the wrong district): an error, naming the unit whose communes they
 * are when one fits. Said once, for the first form where it shows.
 */
function foreignSubunits(
  tables: FormTable[],
  unit: UnitSpec | null,
  registry: Registry,
  file: string,
): Finding | null {
  if (!unit?.subunits) return null;
  for (const table of tables) {
    const names = table.rows
      .filter((r) => r.role === 'subunit' && r.name !== '')
      .map((r) => r.alias ?? r.name);
    const unknown = names.filter((n) => matchSubunit(n, unit).status !== 'match');
    if (names.length < 3 || unknown.length * 2 <= names.length) continue;
    let likely = '';
    for (const other of registry.units) {
      if (other === unit || !other.subunits) continue;
      const fits = names.filter((n) => matchSubunit(n, other).status === 'match').length;
      if (fits * 2 > names.length) likely = ` (→ ${other.name})`;
    }
    return makeFinding('subunits-mismatch', {
      file,
      sheet: table.sheet,
      unit: unit.code,
      form: table.form,
      params: {
        count: unknown.length,
        total: names.length,
        form: table.form,
        unit: unit.name,
        likely,
      },
    });
  }
  return null;
}

const listVocabularies = new WeakMap<object, PreparedListVocabulary | null>();

/**
 * How a tab of a list file (or a list's tab anywhere) is said in findings: its name only when it
 * reads as a place or as the list's own words, else its position (`shownListSheet`): a tab may
 * be named after a household's head. `index` is the sheet's, from 0.
 */
function listTabShown(
  grid: SheetGrid,
  index: number,
  who: { unit: UnitSpec | null; period: Period | null },
  run: PreparedRun,
): string | null {
  return shownListSheet(grid.name, index + 1, {
    unit: who.unit,
    registry: run.cat.registry,
    period: who.period,
    subunitKinds: run.prepared.vocab.subunitKinds,
    sheetWords: listVocabulary(run)?.sheetWords ?? new Set<string>(),
    villageKinds: run.prepared.vocab.childKinds,
  });
}

/** The run's list words, prepared once per vocabulary. */
function listVocabulary(run: PreparedRun): PreparedListVocabulary | null {
  let lv = listVocabularies.get(run.cat.vocabulary);
  if (lv === undefined) {
    lv = prepareListVocabulary(run.cat.vocabulary, run.prepared.vocab);
    listVocabularies.set(run.cat.vocabulary, lv);
  }
  return lv;
}

/**
 * Two sheets' villages of one commune as one list's: a village both name (written alike, or with
 * its tone marks placed otherwise) gets the sum of both, a figure one of them cannot give none.
 */
function mergeVillages(a: readonly VillageTally[], b: readonly VillageTally[]): VillageTally[] {
  const out = a.map((v) => ({ ...v, values: { ...v.values } }));
  for (const v of b) {
    const had = out.find((x) => foldWords(x.name) === foldWords(v.name));
    if (!had) {
      out.push({ ...v, values: { ...v.values } });
      continue;
    }
    had.householdRows += v.householdRows;
    had.memberRows += v.memberRows;
    if (had.from !== v.from && v.from !== 'sheet') had.from = v.from;
    for (const id of new Set([...Object.keys(had.values), ...Object.keys(v.values)])) {
      const x = had.values[id];
      const y = v.values[id];
      had.values[id] = typeof x === 'number' && typeof y === 'number' ? x + y : null;
    }
  }
  return out;
}

/** A sheet read as a household list. */
interface ListSheet {
  grid: SheetGrid;
  layout: ListLayout;
  problems: ListLayoutProblem[];
}

/** The sheets of a file (no form in any) that are household lists. */
function findListSheets(input: BookInput, run: PreparedRun): ListSheet[] {
  const lv = listVocabulary(run);
  if (!lv) return [];
  const out: ListSheet[] = [];
  for (const grid of input.sheets) {
    if (isMetadataSheet(grid)) continue;
    const { layout, problems } = recogniseList(grid, run.cat.standard, lv);
    if (layout) out.push({ grid, layout, problems });
  }
  return out;
}

/**
 * A household list file: whose and when from its title, file and folder names (a province-wide
 * list with a district column names its units row by row), then each list sheet read row by row
 * into per-commune tallies, each household checked at its row.
 */
function reportList(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  recognised: RecognisedSheets,
  lists: ListSheet[],
): FileReport {
  const pending = startList(input, run, opts, recognised, lists);
  return pending.finish();
}

/** A list file being read: the sheets' row readers, fed in tab order, then `finish`. */
export interface PendingList {
  /**
   * One per list sheet, in tab order: its index in `BookInput.sheets`, the first row not yet fed
   * (0 for a head-only sheet, whose every row the caller streams; the grid's length for the
   * others, already fed), the reader of the rows that follow and the columns it reads (any other
   * filled cell may be given as `UNREAD_CELL`, except in a row whose `key` cell is empty).
   */
  sheets: {
    index: number;
    fromRow: number;
    row: ListRowReader['row'];
    columns: readonly number[];
    key: number;
  }[];
  /** Ends the reading: the file's report. */
  finish(): FileReport;
}

/**
 * Starts reading a list file: whose and when, the layout findings, and a row reader per list
 * sheet already fed the rows its grid holds. The rows of a head-only sheet that follow are fed by
 * the caller, sheet after sheet in tab order, before `finish`.
 */
function startList(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  recognised: RecognisedSheets,
  all: ListSheet[],
): PendingList {
  // A hidden sheet beside visible ones is a draft or last year's list, as a hidden form sheet
  // is: neither its households nor its title count (said, so that one hidden by mistake is shown).
  const anyVisible = all.some((l) => !l.grid.hidden);
  const skipped = all.filter((l) => l.grid.hidden && anyVisible);
  const lists = all.filter((l) => !skipped.includes(l));
  const lv = listVocabulary(run);
  const titles = lists.map((l) => l.layout.titleLines);
  const who = identify(
    input,
    run,
    opts,
    { titles, footers: [] },
    reportDateInTexts(titles.flat()),
    true,
  );
  // The district and commune columns no heading named, read by their cells.
  const placed = lists.map((found) => placeList(found, who.unit, who.period, run, input.fileName));
  // A tab two communes fit ("Trạm Tấu") beside a tab naming one of them ("TT Trạm Tấu") is the
  // other one: each commune's list is a sheet of its own.
  const claimed = new Set(placed.flatMap((p) => (p.commune.commune ? [p.commune.commune] : [])));
  for (const p of placed) {
    const left = p.commune.candidates?.filter((s) => !claimed.has(s)) ?? [];
    const [only] = left;
    if (only && left.length === 1) p.commune = { commune: only, conflict: null };
  }
  const byDistrict = placed.every((p) => p.list.layout.columns.district !== undefined);
  const unitCode = who.unit?.code ?? null;
  // A province-wide list names its districts in a column: no one unit is the file's.
  const whoFindings = byDistrict
    ? who.findings.filter(
        (f) =>
          f.code !== 'unit-unknown' &&
          f.code !== 'unit-ambiguous' &&
          f.code !== 'unit-name-not-in-registry',
      )
    : who.findings;
  const findings: Finding[] = withUnit(input.readFindings.concat(whoFindings), unitCode);
  appendAll(findings, withUnit(recognised.findings, unitCode));
  // A tab may be named after a household's head: said only when it reads as a place or as the
  // list's own words, else by its position (`shownListSheet`), in every finding of the file. So
  // is any other tab of a list file (a sheet beside the list, named after the head it is about).
  const shownNames = new Map<SheetGrid, string | null>();
  for (const [i, grid] of input.sheets.entries())
    shownNames.set(grid, listTabShown(grid, i, who, run));
  const shown = (grid: SheetGrid): string | null => shownNames.get(grid) ?? grid.name;
  for (const l of skipped)
    findings.push(
      makeFinding('list-hidden-sheet-skipped', {
        file: input.file,
        sheet: shown(l.grid),
        unit: unitCode,
        params: { sheet: shown(l.grid) ?? '' },
      }),
    );
  const codes = opts.householdCodes ?? newCodeIndex();
  const report: HouseholdListReport = {
    sheets: [],
    tallies: [],
    hasEthnicity: true,
    hasStatus: true,
  };
  const tallies = new Map<string, CommuneTally>();
  const started: { list: ListSheet; reader: ListRowReader | null; layoutFindings: Finding[] }[] =
    [];
  const pending: PendingList['sheets'] = [];
  for (const { list, commune, places, headed } of placed) {
    const { grid, problems, layout } = list;
    const at = { file: input.file, sheet: shown(grid), unit: unitCode };
    const sheetName = shown(grid) ?? input.fileName;
    const layoutFindings = problems.map((p) =>
      layoutFinding(p, at, sheetName, layout.headerBottom),
    );
    appendAll(layoutFindings, placeFindings(places, grid, headed, at, sheetName));
    if (commune.conflict) {
      const { tab, title, row, col } = commune.conflict;
      const cell = cellAddress(row, col);
      layoutFindings.push(
        makeFinding('list-commune-ambiguous', {
          ...at,
          cell,
          params: { sheet: sheetName, tab: tab.name, title: title.name, cell },
        }),
      );
    }
    if (commune.candidates && who.unit)
      layoutFindings.push(
        makeFinding('list-commune-name-ambiguous', {
          ...at,
          subunit: sheetName,
          params: {
            name: sheetName,
            unit: who.unit.name,
            candidates: commune.candidates.map((s) => s.name).join(', '),
          },
        }),
      );
    if (!lv) {
      started.push({ list, reader: null, layoutFindings });
      continue;
    }
    const reader = createListReader({
      file: input.file,
      sheet: shown(grid),
      layout,
      lv,
      standard: run.cat.standard,
      forms: run.cat.forms,
      lines: scoringOf(run.cat.standard),
      registry: run.cat.registry,
      unit: who.unit,
      period: who.period,
      sheetCommune: commune.commune,
      ...(commune.candidates ? { sheetCandidates: commune.candidates } : {}),
      codes,
      merges: grid.merges,
      ...(opts.maxFindings !== undefined ? { maxFindings: opts.maxFindings } : {}),
    });
    // A head-only sheet is fed whole by the caller, so that its rows reach the run's index of
    // household codes in the order of the file.
    if (!grid.headOnly)
      grid.rows.forEach((row, r) => {
        reader.row(r, row);
      });
    started.push({ list, reader, layoutFindings });
    pending.push({
      index: input.sheets.indexOf(grid),
      fromRow: grid.headOnly ? 0 : grid.rows.length,
      row: (r, cells, filled, first) => {
        reader.row(r, cells, filled, first);
      },
      columns: reader.columns,
      key: reader.key,
    });
  }
  const finish = (): FileReport => {
    for (const { list, reader, layoutFindings } of started) {
      appendAll(findings, layoutFindings);
      if (reader) finishSheet(list, reader);
    }
    report.tallies = [...tallies.values()];
    hideSheetNames(findings, shownNames);
    return {
      ...emptyReport(input.file, input.read, findings),
      ...identified(who),
      valid: !hasError(findings),
      sheets: recognised.sheets.map((x) => {
        const grid = input.sheets.find((g) => g.name !== null && g.name === x.sheet);
        return grid ? { ...x, sheet: shown(grid) } : x;
      }),
      list: report,
    };
  };
  const finishSheet = (list: ListSheet, reader: ListRowReader): void => {
    const { grid } = list;
    const at = { file: input.file, sheet: shown(grid), unit: unitCode };
    const sheetName = shown(grid) ?? input.fileName;
    const res = reader.finish();
    appendAll(findings, res.findings);
    report.hasEthnicity &&= res.hasEthnicity;
    report.hasStatus &&= res.hasStatus;
    let households = 0;
    let memberRows = 0;
    for (const [key, t] of res.tallies) {
      households += t.householdRows;
      memberRows += t.memberRows;
      const had = tallies.get(key);
      if (!had)
        tallies.set(key, {
          ...t,
          values: { ...t.values },
          ...(t.villages ? { villages: t.villages.map((v) => ({ ...v })) } : {}),
        });
      else {
        had.householdRows += t.householdRows;
        had.memberRows += t.memberRows;
        // One sheet per village, or a village's households on two sheets: each village once.
        if (had.villages && t.villages) {
          had.villages = mergeVillages(had.villages, t.villages);
          had.villagesUnknown = (had.villagesUnknown ?? 0) + (t.villagesUnknown ?? 0);
        }
        // A figure one sheet cannot give (no status or ethnicity column) is not given for the
        // commune: a partial sum would be compared with the summary as if it were whole.
        const ids = new Set([...Object.keys(had.values), ...Object.keys(t.values)]);
        for (const id of ids) {
          const a = had.values[id];
          const b = t.values[id];
          if (typeof a === 'number' && typeof b === 'number') had.values[id] = a + b;
          else Reflect.deleteProperty(had.values, id);
        }
      }
    }
    report.sheets.push({ sheet: shown(grid), households, memberRows });
    findings.push(
      makeFinding('list-recognised', {
        ...at,
        params: { sheet: sheetName, households, members: memberRows },
      }),
    );
  };
  return { sheets: pending, finish };
}

/**
 * Any finding of a list file still naming a list sheet by a tab that is said by its position
 * (the reader's, the identification's): its sheet, and a param that is the tab or a cell of it
 * ("Nguyễn Văn An 1962!C5"), said by the position instead.
 */
function hideSheetNames(findings: Finding[], shown: ReadonlyMap<SheetGrid, string | null>): void {
  const hidden = new Map<string, string>();
  for (const [grid, name] of shown)
    if (grid.name !== null && name !== null && name !== grid.name) hidden.set(grid.name, name);
  if (hidden.size === 0) return;
  for (const f of findings) {
    const sheet = f.sheet === null ? undefined : hidden.get(f.sheet);
    if (sheet !== undefined) f.sheet = sheet;
    for (const [k, v] of Object.entries(f.params)) {
      if (typeof v !== 'string') continue;
      for (const [name, label] of hidden)
        if (v === name) f.params[k] = label;
        else if (v.startsWith(`${name}!`)) f.params[k] = label + v.slice(name.length);
    }
  }
}

/** The finding of a list's layout problem. */
function layoutFinding(
  p: ListLayoutProblem,
  at: { file: string; sheet: string | null; unit: string | null },
  sheet: string,
  headerBottom: number,
): Finding {
  switch (p.kind) {
    case 'no-code-column':
      return makeFinding('list-no-code-column', { ...at, params: { sheet } });
    case 'no-flags':
      return makeFinding('list-no-flags', {
        ...at,
        params: { sheet, found: p.found, expected: p.expected },
      });
    case 'flags-order':
      return makeFinding('list-flags-order', { ...at, params: { sheet } });
    case 'hidden-column': {
      const letter = (c: number): string => cellAddress(0, c).replace(/\d+/, '');
      return makeFinding('list-column-hidden', {
        ...at,
        cell: cellAddress(headerBottom, p.column),
        row: headerBottom + 1,
        params: { sheet, heading: p.heading, cell: letter(p.column), other: letter(p.shown) },
      });
    }
    case 'ambiguous-column':
      return makeFinding('list-column-ambiguous', {
        ...at,
        params: {
          sheet,
          id: p.id,
          columns: p.columns.map((c) => cellAddress(0, c).replace(/\d+/, '')).join(', '),
        },
      });
  }
}

/** A list sheet with the place columns its cells name, and the commune its tab or title names. */
interface PlacedList {
  list: ListSheet;
  commune: SheetCommune;
  places: PlacesByContent;
  /** The layout the headings gave. */
  headed: ListLayout;
}

/**
 * A list sheet's district and commune columns: those its headings name, else those its cells
 * name (`list-place-columns.ts`); the commune column only when its tab or title names no commune.
 */
function placeList(
  found: ListSheet,
  unit: UnitSpec | null,
  period: Period | null,
  run: PreparedRun,
  fileName: string,
): PlacedList {
  const titled = sheetCommune(found.grid, found.layout, unit, period, fileName);
  const places = placeColumnsByContent(found.grid, found.layout, {
    unit,
    registry: run.cat.registry,
    period,
    villageKinds: run.prepared.vocab.childKinds,
    titled: titled.commune !== null || titled.conflict !== null,
  });
  return {
    list: places.layout === found.layout ? found : { ...found, layout: places.layout },
    commune: places.commune.kind === 'found' ? { commune: null, conflict: null } : titled,
    places,
    headed: found.layout,
  };
}

/** What was read by its cells: a column taken (info), or two that disagree (error). */
function placeFindings(
  places: PlacesByContent,
  grid: SheetGrid,
  headed: ListLayout,
  at: { file: string; sheet: string | null; unit: string | null },
  sheetName: string,
): Finding[] {
  const out: Finding[] = [];
  for (const kind of ['district', 'commune'] as const) {
    const p = places[kind];
    const what =
      kind === 'district'
        ? {
            ...saidParams('place', { vi: 'huyện', en: 'district' }),
            ...saidParams('places', {
              vi: 'các huyện trong danh mục',
              en: 'the registry’s districts',
            }),
          }
        : {
            ...saidParams('place', { vi: 'xã', en: 'commune' }),
            ...saidParams(
              'places',
              places.layout.columns.district !== undefined
                ? { vi: 'các xã của huyện ghi cùng dòng', en: 'communes of the row’s district' }
                : { vi: 'các xã của đơn vị', en: 'the unit’s communes' },
            ),
          };
    if (p.kind === 'found') {
      const cell = cellAddress(headed.headerTop, p.col);
      out.push(
        makeFinding('list-place-column-by-content', {
          ...at,
          cell,
          params: {
            sheet: sheetName,
            column: cell.replace(/\d+/, ''),
            ...headingParams(grid, headed, p.col),
            ...what,
          },
        }),
      );
    } else if (p.kind === 'two') {
      const [a, b] = p.cols;
      const cell = cellAddress(p.row, b);
      out.push(
        makeFinding('list-place-columns-disagree', {
          ...at,
          cell,
          params: { sheet: sheetName, first: cellAddress(p.row, a), second: cell, ...what },
        }),
      );
    }
  }
  return out;
}

/** A list column's heading as a message quotes it: ` ("Địa bàn")`, or said to be blank. */
function headingParams(grid: SheetGrid, layout: ListLayout, col: number): Record<string, string> {
  const texts: string[] = [];
  for (let r = layout.headerTop; r <= layout.headerBottom; r++) {
    const t = cellText(grid.rows[r]?.[col]);
    if (t !== '' && texts.at(-1) !== t) texts.push(t);
  }
  const heading = texts.join(' / ').slice(0, 80);
  return heading === ''
    ? saidParams('heading', { vi: ' (không có tiêu đề)', en: ' (no heading)' })
    : saidParams('heading', { vi: ` (tiêu đề "${heading}")`, en: ` (headed "${heading}")` });
}

/** A list sheet's commune as its tab and title block say it. */
interface SheetCommune {
  /** The commune its households count for; null when none, or when tab and title disagree. */
  commune: SubunitSpec | null;
  /** Tab and title naming two different communes: both, and the title's cell (0-based). */
  conflict: { tab: SubunitSpec; title: SubunitSpec; row: number; col: number } | null;
  /**
   * The communes the tab fits when it fits two ("Trạm Tấu": the town and the commune) and no
   * title line names one: the households are no commune's, and neither's figures are derived.
   */
  candidates?: SubunitSpec[];
}

/**
 * The commune a list sheet is about, when it has no commune column: its sheet name ("Túc Đán",
 * "Xã Túc Đán"; for a CSV, which has none, a part of its file name: "Van Chan - Xa Tu Le - DS ho
 * 2022.csv"), else a title line naming one of the unit's communes with its kind word. A tab
 * naming one commune and a title line naming another is two readings: the sheet is neither's
 * (a copied sheet renamed, or a title left from another commune's list), and says so.
 */
function sheetCommune(
  grid: SheetGrid,
  layout: ListLayout,
  unit: UnitSpec | null,
  period: Period | null,
  fileName = '',
): SheetCommune {
  const none: SheetCommune = { commune: null, conflict: null };
  if (!unit?.subunits || layout.columns.commune !== undefined) return none;
  let tab: SubunitSpec | null = null;
  let candidates: SubunitSpec[] = [];
  if (grid.name !== null) {
    const m = matchSubunit(grid.name, unit, period);
    if (m.status === 'match') tab = m.subunit;
    else if (m.status === 'ambiguous') candidates = m.candidates;
  } else {
    // The parts of the file name between its separators: one naming a commune, and only one. A
    // part naming the unit is the unit's ("Yen Binh - DS ho.csv" is not Thị trấn Yên Bình's).
    const unitNames = new Set(
      [unit.name, unit.short, ...unit.variants, ...unitTitlePatterns(unit)].map((n) =>
        foldWords(n),
      ),
    );
    const found = new Set<SubunitSpec>();
    const stem = fileName.replace(/\.[A-Za-z0-9]{2,4}$/, '');
    for (const part of stem.split(/\s+-\s+|[_()]+/)) {
      const folded = foldWords(part);
      const m = folded === '' || unitNames.has(folded) ? null : matchSubunit(part, unit, period);
      if (m?.status === 'match') found.add(m.subunit);
    }
    if (found.size === 1) tab = [...found][0] ?? null;
  }
  const named = (text: string): SubunitSpec[] => communesNamedIn(text, unit, period);
  for (let r = 0; r < layout.headerTop; r++) {
    const cells = grid.rows[r] ?? [];
    const hits = named(cells.map(cellText).filter(Boolean).join(' '));
    const title = hits.length === 1 ? (hits[0] ?? null) : null;
    if (title === null) continue;
    // A tab two communes fit is told by a title naming one of them.
    if (tab === null) {
      if (candidates.length === 0 || candidates.includes(title))
        return { commune: title, conflict: null };
      continue;
    }
    if (title === tab) continue;
    // The cell naming it, else the line's first filled one (a title split over cells).
    let col = cells.findIndex((c) => named(cellText(c)).includes(title));
    if (col < 0)
      col = Math.max(
        0,
        cells.findIndex((c) => cellText(c) !== ''),
      );
    return { commune: null, conflict: { tab, title, row: r, col } };
  }
  return { commune: tab, conflict: null, ...(candidates.length > 0 ? { candidates } : {}) };
}
