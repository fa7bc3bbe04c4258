/**
 * Checking one submission file: recognise its forms, identify whose and when, read the rows and
 * apply every check of docs/forms.md. Pure: the sheets come in already read.
 */
import type { Catalogue, Registry, UnitSpec } from './catalogue.js';
import { makeFinding, type Finding } from './finding.js';
import { type Lang } from './lang.js';
import { appendAll, capFindings, DEFAULT_MAX_FINDINGS } from './finding-budget.js';
import { cellAddress, type ReadInfo, type SheetGrid } from './grid.js';
import type { PreparedCatalogue } from './headings.js';
import { extractTable, type FormTable } from './extract.js';
import {
  isPeriod,
  isMetadataSheet,
  periodsInName,
  periodsInTexts,
  placeInDateLine,
  readMetadata,
  reportDateInTexts,
  unitsInFooter,
  unitsInName,
  unitsInTitle,
  type Period,
} from './identify.js';
import { cellText, findLayouts, type ColumnReading, type FormLayout } from './recognize.js';
import { checkCrossForm, checkRows, nameKey } from './rules.js';
import { type CompiledRule } from './compile-rules.js';
import { structureTable } from './table-rows.js';
import { matchSubunit, readAsReason, subunitsInForce } from './subunits.js';
import { taughtFor, type Taught, type Teaching } from './teach.js';
import { foldWords } from './text.js';

/** Where a file's unit or period came from. */
export type IdentitySource =
  'metadata' | 'title' | 'signature' | 'file-name' | 'folder-name' | 'date-line' | 'option' | null;

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
  const { teaching, maxFindings, ...rest } = opts;
  const first = checkBook(input, run, rest);
  const taught = taughtFor(teaching, first.unit?.code);
  const report = taught ? checkBook(input, run, { ...rest, taught }) : first;
  report.findings = capFindings(report.findings, maxFindings ?? DEFAULT_MAX_FINDINGS);
  return isBlankTemplate(input, report) ? setAsideTemplate(input, report) : report;
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

function checkBook(input: BookInput, run: PreparedRun, opts: ValidateOptions): FileReport {
  const { cat } = run;
  const findings: Finding[] = input.readFindings.slice();
  const base = { file: input.file };
  const report = emptyReport(input.file, input.read, findings);
  if (input.sheets.length === 0) {
    if (findings.length === 0) findings.push(makeFinding('no-form-found', base));
    // A document next to the reports (a PDF, a warning) is not an invalid report.
    report.valid = !findings.some((f) => f.severity === 'error');
    return report;
  }

  // 1. Recognise the forms: every sheet may hold several, each under its own title.
  const { layouts, layoutFindings } = recogniseSheets(input, run, report, opts.taught);
  if (layouts.length === 0) {
    identify(input, run, opts, [], [], report, findings);
    for (const f of layoutFindings) f.unit = report.unit?.code ?? null;
    appendAll(findings, layoutFindings);
    findings.push(makeFinding('no-form-found', { ...base, unit: report.unit?.code ?? null }));
    report.valid = false;
    return report;
  }

  // 2. Read the rows (figures and labels), then whose and when, from the texts around them.
  const cellFindings: Finding[] = [];
  for (const { grid, layout } of layouts) {
    const { table, findings: fs } = extractTable(grid, layout, {
      file: input.file,
      sheet: grid.name,
      unit: null,
      vocab: run.prepared.vocab,
    });
    appendAll(cellFindings, fs);
    report.tables.push(table);
  }
  identify(
    input,
    run,
    opts,
    report.tables.map((t) => t.titleLines),
    report.tables.map((t) => t.footerLines),
    report,
    findings,
  );
  const unitCode = report.unit?.code ?? null;
  for (const f of layoutFindings) f.unit = unitCode;
  for (const f of cellFindings) f.unit = unitCode;
  appendAll(findings, layoutFindings);
  appendAll(findings, cellFindings);

  // 3. Columns the headings did not give.
  for (const { grid, layout } of layouts)
    appendAll(findings, columnFindings(grid, layout, input.file, unitCode));
  report.tables.sort((a, b) => a.form.localeCompare(b.form));
  report.forms = report.tables.map((t) => t.form);
  report.reportDate =
    reportDateInTexts(report.tables.flatMap((t) => t.footerLines)) ??
    reportDateInTexts(report.tables.flatMap((t) => t.titleLines));

  // 4. What each row is (by arithmetic), then the plan's checks.
  const ctx = {
    file: input.file,
    unit: unitCode,
    lang: opts.lang,
    subunitLevel: cat.registry.subunitLevel[opts.lang],
  };
  for (const table of report.tables) {
    appendAll(
      findings,
      structureTable(table, {
        file: input.file,
        unit: report.unit,
        ...(opts.taught ? { taught: opts.taught } : {}),
        unitLevel: cat.registry.unitLevel.vi,
        vocab: run.prepared.vocab,
        lang: opts.lang,
        subunitLevel: ctx.subunitLevel,
      }),
    );
    appendAll(findings, checkRows(table, run.rules, ctx));
    appendAll(findings, checkSubunits(table, report.unit, input.file, report.period));
  }
  const foreign = foreignSubunits(report.tables, report.unit, cat.registry, input.file);
  if (foreign) findings.push(foreign);
  if (report.unit && !report.unit.subunits)
    findings.push(
      makeFinding('subunits-not-checked', {
        ...base,
        unit: unitCode,
        params: { unit: report.unit.name },
      }),
    );
  appendAll(findings, checkCrossForm(report.tables, run.rules, ctx));

  report.valid = !findings.some((f) => f.severity === 'error');
  return report;
}

/**
 * Finds the forms of every sheet. A form found twice is an error, except that a hidden sheet
 * (last year's copy, helper tables) is not the submission when a visible sheet holds the form:
 * it is set aside with an info finding.
 */
function recogniseSheets(
  input: BookInput,
  run: PreparedRun,
  report: FileReport,
  taught: ValidateOptions['taught'],
): { layouts: Located[]; layoutFindings: Finding[] } {
  const base = { file: input.file };
  const layoutFindings: Finding[] = [];
  const found: Located[] = [];
  const hasMetadata = input.sheets.some(isMetadataSheet);
  for (const grid of input.sheets) {
    if (isMetadataSheet(grid)) continue;
    const here = findLayouts(grid, {
      prepared: run.prepared,
      cat: run.cat.forms,
      rules: run.rules,
      ...(taught ? { taught } : {}),
    });
    if (here.length === 0) {
      report.sheets.push({
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
        layoutFindings.push(
          makeFinding('extra-sheet', { ...base, sheet: grid.name, params: { sheet: grid.name } }),
        );
      continue;
    }
    for (const layout of here) found.push({ grid, layout });
  }
  const visibleForms = new Set(
    found.filter((l) => !l.grid.hidden).map((l) => l.layout.form.spec.id),
  );
  const seen = new Map<string, string | null>();
  const layouts: Located[] = [];
  for (const { grid, layout } of found) {
    const formId = layout.form.spec.id;
    report.sheets.push({
      sheet: grid.name,
      form: formId,
      headerRows: [layout.headerTop + 1, layout.headerBottom + 1],
      numberRow: layout.numberRow === null ? null : layout.numberRow + 1,
      dataStart: layout.dataStart + 1,
      columns: layout.readings,
    });
    if (grid.hidden && visibleForms.has(formId)) {
      const other = found.find((l) => !l.grid.hidden && l.layout.form.spec.id === formId);
      layoutFindings.push(
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
      layoutFindings.push(
        makeFinding('duplicate-form', {
          ...base,
          sheet: grid.name,
          form: formId,
          params: {
            form: formId,
            sheet: grid.name ?? input.fileName,
            other: seen.get(formId) ?? input.fileName,
          },
        }),
      );
      continue;
    }
    seen.set(formId, grid.name);
    layouts.push({ grid, layout });
  }
  return { layouts, layoutFindings };
}

/** Missing, doubled, undecidable and unknown columns of a table. */
function columnFindings(
  grid: SheetGrid,
  layout: FormLayout,
  file: string,
  unit: string | null,
): Finding[] {
  const out: Finding[] = [];
  const spec = layout.form.spec;
  const at = { file, sheet: grid.name, unit, form: spec.id };
  const undecided = new Set(layout.ambiguous.flatMap((a) => a.ids));
  for (const a of layout.ambiguous) {
    const cells = a.cols.map((c) => cellAddress(layout.headerBottom, c).replace(/\d+$/, ''));
    out.push(
      makeFinding('columns-ambiguous', {
        ...at,
        cell: cellAddress(layout.headerTop, a.cols[0] ?? 0),
        row: layout.headerTop + 1,
        params: {
          cells: cells.join(', '),
          candidates: a.ids
            .map((id) => spec.columns.find((c) => c.id === id)?.heading ?? id)
            .map((h) => `"${h}"`)
            .join(', '),
        },
      }),
    );
  }
  for (const col of spec.columns) {
    if (layout.columns.has(col.id) || undecided.has(col.id)) continue;
    out.push(
      makeFinding('missing-column', {
        ...at,
        indicator: col.id,
        ...(col.required ? {} : { severity: 'warning' as const }),
        params: { form: spec.id, heading: col.heading },
      }),
    );
  }
  for (const d of layout.duplicates) {
    const heading = spec.columns.find((c) => c.id === d.id)?.heading ?? d.id;
    out.push(
      makeFinding('duplicate-column', {
        ...at,
        cell: cellAddress(layout.headerBottom, d.col),
        row: layout.headerBottom + 1,
        indicator: d.id,
        params: {
          heading,
          cell: cellAddress(layout.headerBottom, d.col).replace(/\d+$/, ''),
          other: cellAddress(layout.headerBottom, d.other).replace(/\d+$/, ''),
        },
      }),
    );
  }
  const skip = new Set([
    ...layout.duplicates.map((d) => d.col),
    ...layout.ambiguous.flatMap((a) => a.cols),
  ]);
  for (const r of layout.readings)
    if (r.id === null && !skip.has(r.col) && r.decidedBy !== 'mapping')
      out.push(
        makeFinding('extra-column', {
          ...at,
          cell: cellAddress(layout.headerTop, r.col),
          row: layout.headerTop + 1,
          params: { heading: r.heading },
        }),
      );
  return out;
}

/**
 * Whose and when, from the first source that names any: metadata sheet > title block > signature
 * block > file name > folder name > place of the date line (units). Title and footer lines come
 * per table, so that a block's lines are read together and never run into the next sheet's.
 */
function identify(
  input: BookInput,
  run: PreparedRun,
  opts: ValidateOptions,
  titleBlocks: string[][],
  footerBlocks: string[][],
  report: FileReport,
  findings: Finding[],
): void {
  const { registry } = run.cat;
  const base = { file: input.file };
  const meta = readMetadata(input.sheets);
  let unit: UnitSpec | null = null;
  let period: Period | null = null;

  if (meta) {
    const { sheet } = meta;
    const u = meta.entries.get('unit');
    const metaUnit = registry.units.find((x) => x.code === u?.value);
    if (metaUnit) {
      unit = metaUnit;
      report.unitSource = 'metadata';
    } else
      findings.push(
        makeFinding('metadata-invalid', {
          ...base,
          sheet,
          cell: u?.cell ?? null,
          params: { detail: `unit = "${u?.value ?? ''}"` },
        }),
      );
    const p = meta.entries.get('period');
    if (p && isPeriod(p.value)) {
      period = p.value;
      report.periodSource = 'metadata';
    } else
      findings.push(
        makeFinding('metadata-invalid', {
          ...base,
          sheet,
          cell: p?.cell ?? null,
          params: { detail: `period = "${p?.value ?? ''}"` },
        }),
      );
  }

  if (!unit) {
    const each = (
      read: (lines: string[], r: typeof registry) => UnitSpec[],
      blocks: string[][],
    ) => [...new Map(blocks.flatMap((b) => read(b, registry)).map((u) => [u.code, u])).values()];
    const sources: [IdentitySource, UnitSpec[]][] = [
      ['title', each(unitsInTitle, titleBlocks)],
      ['signature', each(unitsInFooter, footerBlocks)],
      ['file-name', unitsInName(input.fileName, registry)],
      ['folder-name', unitsInName(input.folderName, registry)],
      ['date-line', each(placeInDateLine, [...footerBlocks, ...titleBlocks])],
    ];
    for (const [source, units] of sources) {
      if (units.length === 0) continue;
      if (units.length === 1 && units[0]) {
        unit = units[0];
        report.unitSource = source;
      } else if (!opts.unit) {
        findings.push(
          makeFinding('unit-ambiguous', {
            ...base,
            params: { candidates: units.map((u) => u.name).join(', ') },
          }),
        );
      }
      break;
    }
  }
  if (opts.unit) {
    if (unit && unit.code !== opts.unit.code)
      findings.push(
        makeFinding('unit-mismatch', {
          ...base,
          unit: opts.unit.code,
          params: {
            found: `${unit.name} (${unit.code})`,
            given: `${opts.unit.name} (${opts.unit.code})`,
          },
        }),
      );
    unit = opts.unit;
    report.unitSource = 'option';
  }
  if (!unit && !findings.some((f) => f.code === 'unit-ambiguous'))
    findings.push(makeFinding('unit-unknown', base));

  if (!period) {
    const sources: [IdentitySource, Period[]][] = [
      ['title', [...new Set(titleBlocks.flatMap(periodsInTexts))]],
      ['file-name', periodsInName(input.fileName)],
      ['folder-name', periodsInName(input.folderName)],
    ];
    for (const [source, periods] of sources) {
      if (periods.length === 0) continue;
      if (periods.length === 1 && periods[0]) {
        period = periods[0];
        report.periodSource = source;
      } else {
        findings.push(
          makeFinding('period-ambiguous', { ...base, params: { candidates: periods.join(', ') } }),
        );
        report.periodSource = source;
      }
      break;
    }
  }
  if (opts.period) {
    if (period && period !== opts.period)
      findings.push(
        makeFinding('period-mismatch', {
          ...base,
          params: { found: period, expected: opts.period },
        }),
      );
    else if (!period && report.periodSource === null) {
      period = opts.period;
      report.periodSource = 'option';
    }
  } else if (!period && !findings.some((f) => f.code === 'period-ambiguous')) {
    findings.push(makeFinding('period-unknown', base));
  }

  report.unit = unit;
  report.period = period;
  const code = unit?.code ?? null;
  for (const f of findings) if (f.unit === null) f.unit = code;
}

function checkSubunits(
  table: FormTable,
  unit: UnitSpec | null,
  file: string,
  period: Period | null,
): Finding[] {
  const out: Finding[] = [];
  const at = { file, sheet: table.sheet, unit: unit?.code ?? null, form: table.form };
  const nameCol = table.layout.nameCol ?? 0;
  const seen = new Map<string, number>();
  const present = new Set<string>();
  for (const row of table.rows) {
    if (row.role !== 'subunit') continue;
    const cell = cellAddress(row.row, nameCol);
    if (unit?.subunits) {
      const m = matchSubunit(row.alias ?? row.name, unit, period);
      if (m.status === 'match') {
        row.canonical = m.subunit.name;
        present.add(m.subunit.name);
        const reason = readAsReason(m.how);
        if (reason)
          out.push(
            makeFinding('subunit-read-as', {
              ...at,
              cell,
              row: row.row + 1,
              subunit: row.name,
              params: {
                subunit: row.name,
                canonical: m.subunit.name,
                reason: reason.vi,
                reasonEn: reason.en,
              },
            }),
          );
      } else {
        out.push(
          makeFinding('subunit-unknown', {
            ...at,
            cell,
            row: row.row + 1,
            subunit: row.name,
            params: {
              subunit: row.name || `(dòng ${row.row + 1} có số liệu nhưng không ghi tên)`,
              unit: unit.name,
            },
          }),
        );
      }
    }
    const key = nameKey(row);
    if (foldWords(row.name) === '' && row.canonical === undefined) continue;
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
    for (const s of subunitsInForce(unit, period))
      if (!present.has(s.name))
        out.push(
          makeFinding('subunit-missing', {
            ...at,
            subunit: s.name,
            params: { subunit: s.name, form: table.form },
          }),
        );
  return out;
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
