/**
 * Reading the rows of a household list one at a time (issue 11): each row is a household, a
 * member of the household above it, a village or commune label, a total, or blank. The reader
 * keeps only per-commune tallies and the index of household codes, never the grid, so that a
 * streaming reader can feed it a province's million rows.
 *
 * Names and birth years are never read out of their cells: a household is known by its code and
 * its row.
 */
import type { Registry, Standard, SubunitSpec, UnitSpec } from './catalogue.js';
import type { Values } from './consolidate.js';
import { makeFinding, type Finding } from './finding.js';
import type { FindingCode } from './finding-codes.js';
import { DEFAULT_MAX_FINDINGS } from './finding-budget.js';
import { cellAddress, isFilledCell, type CellRange, type SheetCell } from './grid.js';
import type { CodeIndex, CodeRepeat } from './code-index.js';
import {
  checkHousehold,
  countsAs,
  expectedClass,
  type Area,
  type Household,
  type HouseholdClass,
  type HouseholdProblem,
  type ScoringLines,
  isCodeOnly,
  leadingCode,
} from './household.js';
import { startsWithPhrase } from './headings.js';
import {
  readFlag,
  type ListColumnId,
  type ListLayout,
  type PreparedListVocabulary,
} from './household-list.js';
import { isFooterText } from './extract.js';
import { unitNamedBy } from './identify.js';
import { cellText, isColumnNumberCells } from './recognize.js';
import type { FormsCatalogue } from './schemas.js';
import {
  communesNamedIn,
  listCommuneOf,
  readsAsPlace,
  withoutGroupNumber,
} from './list-place-columns.js';
import { matchSubunit } from './subunits.js';
import { reportsVillages } from './table-rows.js';
import { foldWords, isDashOnly, memoText, parseNumberText, withoutLeadingNumber } from './text.js';

/** Sums of the households read so far (a total row is checked against them). */
interface Running {
  households: number;
  members: number;
  flags: number[];
}

const ZERO_RUNNING: Running = { households: 0, members: 0, flags: [] };

/** What was read from `b` to `a` (`a` later). */
function minus(a: Running, b: Running): Running {
  return {
    households: a.households - b.households,
    members: a.members - b.members,
    flags: a.flags.map((x, k) => x - (b.flags[k] ?? 0)),
  };
}

/** A total row of a list: its row, what it states, and the sums when it was met. */
interface TotalRow {
  row: number;
  members: number | null;
  flags: (number | null)[];
  at: Running;
}

/**
 * Whether a cell's text says a total ("Tổng cộng", "Cộng", "Tổng số hộ"): written with its
 * diacritics, or in a text that has none at all, so that a name ("Tống Văn A") is not one.
 */
export function isTotalLabel(t: string, lv: PreparedListVocabulary): boolean {
  const first =
    t
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .split(/[\s:.,;-]+/)[0] ?? '';
  if (lv.vocab.totalStartsWritten.has(first)) return true;
  if (!/^[\x20-\x7e]*$/.test(t)) return false;
  return lv.vocab.totalStarts.has(foldWords(t).split(' ')[0] ?? '');
}

/** The figures of one commune (or of a unit without sub-units) derived from its list rows. */
export interface CommuneTally {
  /** The reporting unit's code, or null when the unit is not known. */
  unit: string | null;
  /** The sub-unit's registry name, or null for the whole unit. */
  subunit: string | null;
  /** By form column id: poor, near_poor, *_ethnic_minority, *_deprivations, *_lack_*, moves. */
  values: Values;
  householdRows: number;
  memberRows: number;
  /**
   * A commune that reports its villages (2026): its households' figures village by village, as
   * the list says each household's village (see {@link VillageTally}); absent for any other.
   */
  villages?: VillageTally[];
  /** With `villages`: the households whose village the list does not say (a blank cell). */
  villagesUnknown?: number;
}

/**
 * A village's figures in the list of a commune that reports its villages (2026). The village is
 * the one the household's row says: its cell in the village column (or the range merged over
 * it), else the label over its households ("Thôn 1"), else the sheet's name when it names a village
 * with its kind word ("Bản Hồ Bốn"; a sheet named "DS hộ nghèo" says none).
 */
export interface VillageTally {
  /** The village as the list first writes it. */
  name: string;
  from: 'column' | 'label' | 'sheet';
  /**
   * Whether the name reads as a village's (its kind word first: "Bản Hồ Bốn"): only then may a
   * finding print it (a village cell may hold anything, a head's name typed a column off).
   */
  named: boolean;
  /** Where the list first says it, for a column: its sheet and cell. */
  at?: { sheet: string | null; cell: string };
  values: Values;
  householdRows: number;
  memberRows: number;
}

/** What the row reader needs besides the rows. */
export interface ListReadContext {
  file: string;
  sheet: string | null;
  layout: ListLayout;
  lv: PreparedListVocabulary;
  standard: Standard;
  forms: FormsCatalogue;
  /** The standard's scoring lines; null when it has none (households are then not classified). */
  lines: ScoringLines | null;
  registry: Registry;
  /** The file's unit, when known; a district column overrides it row by row. */
  unit: UnitSpec | null;
  period: string | null;
  /** The commune the sheet is about (its name or title), when it says. */
  sheetCommune: SubunitSpec | null;
  /**
   * The communes the sheet's name fits when it fits two ("Trạm Tấu": the town and the commune)
   * and no title line tells which: its households may be either's, so neither's figures are
   * derived from the list.
   */
  sheetCandidates?: readonly SubunitSpec[];
  codes: CodeIndex;
  /**
   * The sheet's merged ranges, when its grid has them (a streamed sheet's come after its rows):
   * a commune cell merged down over its households is theirs.
   */
  merges?: readonly CellRange[];
  /**
   * Most findings of each severity the reader keeps (default DEFAULT_MAX_FINDINGS): a million
   * households all wrong the same way cost a count, not a million findings; those left out are
   * told in one `findings-truncated` note.
   */
  maxFindings?: number;
}

/** The reader's result once every row was fed. */
export interface ListReadResult {
  /** By `unit|subunit` key. */
  tallies: Map<string, CommuneTally>;
  findings: Finding[];
  /** Whether the list has the ethnicity and the status columns (figures it can give). */
  hasEthnicity: boolean;
  hasStatus: boolean;
}

/** A reader fed rows in order. */
export interface ListRowReader {
  /**
   * The columns the reader reads. Of any other column it only asks whether the cell is filled
   * (a streaming reader may hand over `UNREAD_CELL`), except in a row with one filled cell or
   * whose `key` cell is empty.
   */
  readonly columns: readonly number[];
  /**
   * The household code's column (-1: none): a row without a code, or with more than a code in it
   * (`isCodeOnly`), is read whole, for the words that tell a total row, a signature line or a
   * commune's label from a household whose code is missing.
   */
  readonly key: number;
  /**
   * Reads one row (0-based index `r`, its cells by column); `filled` and `first`, when the
   * streaming reader gives them, are how many cells hold something (as `isFilledCell` tells) and
   * the first of them. It keeps no reference to `cells`: a streaming reader lends the array for
   * the call and fills it again for a later row.
   */
  row(r: number, cells: readonly (SheetCell | undefined)[], filled?: number, first?: number): void;
  finish(): ListReadResult;
}

const PROBLEM_CODE = {
  'flag-unreadable': 'list-flag-unreadable',
  'score-deprivation': 'list-score-deprivation',
  'score-income': 'list-score-income',
  status: 'list-status',
  classification: 'list-classification',
  'classification-unknown': 'list-classification-unknown',
  members: 'list-members',
  'code-missing': 'list-code-missing',
  'code-repeated': 'list-code-repeated',
  'code-other-commune': 'list-code-other-commune',
} as const;

/**
 * The columns whose cells the reader reads (of the others — names and birth years among them, and
 * the members' numbers, whose text says nothing more than that they are there — it only asks
 * whether they are filled).
 */
const READ_IDS = [
  // Its text tells a member's "-" from a household's number, in a row that repeats the code above.
  'stt',
  'household_code',
  'ethnicity',
  'ethnic_minority',
  'members',
  'commune',
  'district',
  'area',
  'score_income',
  'score_deprivation',
  'classification',
  'status',
] as const satisfies readonly ListColumnId[];

const CLASS_WORDS: Record<HouseholdClass, { vi: string; en: string }> = {
  poor: { vi: 'hộ nghèo', en: 'poor' },
  nearPoor: { vi: 'hộ cận nghèo', en: 'near-poor' },
  other: { vi: 'không nghèo, không cận nghèo', en: 'neither poor nor near-poor' },
};

/** A member's number under its household's ("1.1", "12.3"): a text, or a number with a fraction. */
function isMemberNumber(cell: SheetCell | undefined): boolean {
  const v = cell?.value;
  if (typeof v === 'number') return !Number.isInteger(v);
  return typeof v === 'string' && /^\s*\d{1,6}\s*[.,]\s*\d{1,3}\s*$/.test(v);
}

/** What `moveOf` says of a status cell whose words the vocabulary does not know. */
const STATUS_UNREAD = '?';

/** The Kinh people written by their other name alone (folded). */
const KINH_ALONE = new Set(['viet', 'nguoi viet', 'dan toc viet']);

/** Creates a row reader for one sheet of a list. */
export function createListReader(ctx: ListReadContext): ListRowReader {
  const { layout, lv } = ctx;
  const col = layout.columns;
  const findings: Finding[] = [];
  const limit = ctx.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const kept = { error: 0, warning: 0, info: 0 };
  const dropped = { error: 0, warning: 0, info: 0 };
  const report = (f: Finding): void => {
    if (kept[f.severity] < limit) {
      kept[f.severity]++;
      findings.push(f);
    } else dropped[f.severity]++;
  };
  const tallies = new Map<string, CommuneTally>();
  const codeReader = ctx.codes.reader(ctx.file, ctx.sheet);
  // The ids each household adds to, spelt once (not per household and flag).
  // Each figure id is a counter's number: a household adds to numbered counters, and the ids are
  // written once per commune when the reading ends.
  const slots = new Map<string, number>();
  const slotOf = (id: string): number => {
    let s = slots.get(id);
    if (s === undefined) {
      s = slots.size;
      slots.set(id, s);
    }
    return s;
  };
  const groups = figureGroups(ctx.forms).map((g) => ({
    ...g,
    slot: slotOf(g.id),
    minoritySlot: slotOf(`${g.id}_ethnic_minority`),
    deprivationsSlot: slotOf(`${g.id}_deprivations`),
    lackSlots:
      g.prefix === null
        ? null
        : ctx.standard.indicators.map((ind) => slotOf(`${g.prefix}${ind.id}`)),
  }));
  const poorGroup = groups.find((x) => x.cls === 'poor');
  const nearPoorGroup = groups.find((x) => x.cls === 'nearPoor');
  /** Per tally, its counters by slot (written into its values when the reading ends). */
  const counters = new Map<CommuneTally, number[]>();
  /**
   * Per tally, the figures its list cannot give (null when the reading ends): the ethnic-minority
   * count of a group with a household whose ethnicity is blank or unreadable (it may or may not
   * be one), an indicator's count and the deprivations of a group with a household whose flag of
   * that indicator is unreadable.
   */
  const unknownFigures = new Map<CommuneTally, Set<string>>();
  const figureUnknown = (t: CommuneTally, id: string): void => {
    let ids = unknownFigures.get(t);
    if (!ids) unknownFigures.set(t, (ids = new Set()));
    ids.add(id);
  };
  const unitMemo = new Map<string, UnitSpec | null>();
  const communeMemo = new Map<string, SubunitSpec | null>();
  const unknownCommunes = new Set<string>();
  /** The units with a commune cell or label that reads as no place (see unknownCommune). */
  const unreadableCommunes = new Set<string>();
  let groupCommune: SubunitSpec | null = null;
  /** Per column, the group labels read there as communes and as villages (see groupLabel). */
  const labelsIn = new Map<number, { communes: number; villages: number }>();
  /** The commune labels read, written with their kind word ("Xã Bản Mù") and without. */
  const communeLabels = { withKind: 0, bare: 0 };
  /**
   * The commune column row by row, for its blank cells: the last commune written (for the unit
   * it was written under), how it was written (`repeats`: a commune written again on the next
   * household's row, as a column filled on every row is; `longestBlank`: the most blank rows
   * under one written cell) and the households whose cell is blank, counted apart until the end
   * tells whether the column was filled down (then they are the commune's above) or not.
   */
  const communeColumn = {
    above: null as { unit: UnitSpec | null; name: string; sub: SubunitSpec | null } | null,
    /** The previous household's commune text ('' blank). */
    previous: null as string | null,
    written: 0,
    repeats: 0,
    blankRun: 0,
    longestBlank: 0,
    /**
     * Blank cells under a written commune, and with none above: how many, and the first rows
     * (0-based) with their unit (as many as findings are kept).
     */
    under: { count: 0, rows: [] as { r: number; unit: string | null }[] },
    none: { count: 0, rows: [] as { r: number; unit: string | null }[] },
    /** Per commune above (its tally), the households of its blank rows and their unit. */
    pending: new Map<CommuneTally, { apart: Counting; unit: UnitSpec | null }>(),
  };
  /** The communes whose figures the list cannot give (a household of theirs may be missing). */
  const notDerivable = new Set<CommuneTally>();

  /** The ranges merged down over column `c` (a commune's or village's cell over its rows). */
  const mergedDown = (c: number | undefined): CellRange[] =>
    c === undefined
      ? []
      : (ctx.merges ?? []).filter((m) => m.left <= c && c <= m.right && m.bottom > m.top);
  /** The top row's commune text of each range merged over the commune column, by its rows. */
  const communeMerges = mergedDown(col.commune);
  const mergeTops = new Map<number, string>();
  // A commune that reports its villages (2026): each household is counted in its village's
  // tally too (see VillageTally), for the summary's village rows.
  const villageMode =
    ctx.unit !== null &&
    !ctx.unit.subunits &&
    reportsVillages(ctx.unit) &&
    col.district === undefined;
  const villageMerges = villageMode ? mergedDown(col.village) : [];
  const villageMergeTops = new Map<number, string>();
  /** Per village (its name folded), its tally and where the list said it. */
  const villageTallies = new Map<
    string,
    Pick<VillageTally, 'name' | 'from' | 'named' | 'at'> & { c: Counting }
  >();
  let villagesUnknown = 0;
  /** The village label over the households that follow ("Thôn 1"), until a commune's. */
  let groupVillage: string | null = null;
  let lastVillage: Counting | null = null;
  let lastTally: Counting | null = null;
  /** The code of the last household read (a member row may repeat it). */
  let lastCode = '';
  /**
   * The sheet's longest code of digits written with a leading zero, and its shortest without one
   * (a number cell's): see `checkCodeDigits`.
   */
  const codeDigits = {
    zeroLed: null as string | null,
    plain: null as { code: string; r: number; unit: UnitSpec | null } | null,
  };
  /** Whether a line of the signature block was met (the lines under it are the block's). */
  let footerSeen = false;
  const hasEthnicity = col.ethnic_minority !== undefined || col.ethnicity !== undefined;
  const hasStatus = col.status !== undefined;
  // The words of a list's columns repeat row after row ("Hộ nghèo", "Nông thôn", "Mông"): each
  // text is read once.
  const areaOf = memo((t): Area | null => {
    const w = foldWords(t);
    return w === '' ? null : (lv.area.find((a) => hasWords(w, a.phrase))?.area ?? null);
  });
  const classOf = memo((t): HouseholdClass | null => {
    const w = foldWords(t);
    return w === '' ? null : (lv.classification.find((c) => hasWords(w, c.phrase))?.cls ?? null);
  });
  /**
   * What a status cell says: a move id, null (blank, or an old household), `*end` (words that
   * name no class, "Mới": the class gives the move) or {@link STATUS_UNREAD}.
   */
  const moveOf = memo((t): string | null => {
    const w = foldWords(t)
      .split(' ')
      .filter((x) => !lv.statusFillers.has(x))
      .join(' ');
    if (w === '') return t.trim() === '' ? null : STATUS_UNREAD;
    const hit = lv.status.find((x) => hasWords(w, x.phrase));
    if (hit) return hit.move || null;
    const end = lv.statusOfClass.get(w);
    return end !== undefined ? `*${end}` : STATUS_UNREAD;
  });
  /** Whether the status of the household read last said nothing the vocabulary knows. */
  let statusUnread = false;
  /** Whether the classification cell of the household read last holds words naming no class. */
  let classUnread = false;
  /** The tallies whose status figures a household with an unreadable status leaves unknown. */
  const unknownStatus = new Set<CommuneTally>();
  const flagOf = memo((t): boolean | null => readFlag(t, lv));
  /** A flag cell read (a word that says neither yes nor no: null); repeated words read once. */
  const cellFlag = (cell: SheetCell | undefined): boolean | null => {
    const v = cell?.value;
    return typeof v === 'string' ? flagOf(v) : readFlag(v, lv);
  };
  // "Kinh", "Dân tộc Kinh", "Kinh (Việt)", "Việt": the majority; any other people a minority.
  // Words saying it is not known ("Không rõ", "chưa xác định") or no letter ("?"): not known.
  const minorityOf = memo((t): boolean | null => {
    const w = foldWords(t);
    if (w === '' || !/\p{L}/u.test(w)) return null;
    if (lv.ethnicityUnknown.some((p) => hasWords(w, p))) return null;
    const words = w.split(' ');
    return !(words.includes('kinh') || KINH_ALONE.has(w));
  });

  // A column's texts repeat (communes, classes, flags): each is cleaned once. A code or a
  // number differs on every row: it is cleaned as it comes (a memo would only churn).
  const clean = memo((t: string) => cellText({ value: t }));
  // A streaming reader hands a column's repeated word over as the same cell, row after row (no
  // one changes a cell): its text is then the one read last in that column.
  const lastCell: (SheetCell | undefined)[] = [];
  const lastText: string[] = [];
  const text = (cells: readonly (SheetCell | undefined)[], c: number | undefined): string => {
    if (c === undefined) return '';
    const cell = cells[c];
    if (cell !== undefined && cell === lastCell[c]) return lastText[c] as string;
    const t = typeof cell?.value === 'string' ? clean(cell.value) : cellText(cell);
    lastCell[c] = cell;
    lastText[c] = t;
    return t;
  };
  const ownText = (cells: readonly (SheetCell | undefined)[], c: number | undefined): string =>
    c === undefined ? '' : cellText(cells[c]);
  const num = (cells: readonly (SheetCell | undefined)[], c: number | undefined): number | null => {
    if (c === undefined) return null;
    const v = cells[c]?.value;
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return null;
    const p = parseNumberText(v);
    return p.ok ? p.value : null;
  };
  /**
   * What a filled cell that is not a number holds (`value`: the number read from it, if any),
   * said in words of our own (null for a number or a blank): never its text, which in a row
   * shifted by a column could be a name.
   */
  const notNumber = (
    cells: readonly (SheetCell | undefined)[],
    c: number | undefined,
    value: number | null,
  ): string | null => {
    if (c === undefined || value !== null) return null;
    const cell = cells[c];
    if (!isFilledCell(cell)) return null;
    // A formula whose result was not saved has no number to read.
    return cell?.noResult ? '(công thức chưa có kết quả)' : '(chữ, không phải số)';
  };
  // Rows come commune by commune: the last lookup is nearly always the one asked again.
  let lastUnitName: string | null = null;
  let lastUnit: UnitSpec | null = null;
  let lastCommuneUnit: UnitSpec | null = null;
  let lastCommuneName: string | null = null;
  let lastCommune: SubunitSpec | null = null;
  const unitOf = (name: string, r: number): UnitSpec | null => {
    if (name === lastUnitName) return lastUnit;
    lastUnitName = name;
    lastUnit = findUnitNamed(name, r);
    return lastUnit;
  };
  /**
   * The district a household's row is of: the one its cell names, or, when the cell is blank,
   * the one written above it. A district written once over its households (its cells merged
   * down, or the column filled only where the district changes) is theirs; a streamed sheet's
   * merged ranges come after its rows, so the cell above decides, merged or not. A commune that
   * is not that district's is then said at its cell (`list-commune-unknown`), as any commune
   * outside its district is. Before any district is written, the file's unit.
   */
  /** The unit of the district written last (undefined: none written yet). */
  let districtAbove: UnitSpec | null | undefined;
  const districtOf = (cells: readonly (SheetCell | undefined)[], r: number): UnitSpec | null => {
    const name = text(cells, col.district);
    if (name === '') return districtAbove === undefined ? ctx.unit : districtAbove;
    districtAbove = unitOf(name, r);
    return districtAbove;
  };
  /**
   * The unit a district cell names ("Huyện Lục Yên", "Lục Yên", "H. Lục Yên"); a text naming
   * none, or two, is told once at its first cell, and its households are no unit's.
   */
  const findUnitNamed = (name: string, r: number): UnitSpec | null => {
    if (name === '') return ctx.unit;
    let u = unitMemo.get(name);
    if (u === undefined) {
      const named = unitNamedBy(name, ctx.registry);
      u = named === 'ambiguous' ? null : named;
      unitMemo.set(name, u);
      if (u === null)
        report(
          makeFinding('list-district-unknown', {
            file: ctx.file,
            ...at(r, col.district),
            unit: null,
            params: { cell: cellAddress(r, col.district ?? 0) },
          }),
        );
    }
    return u;
  };
  const communeOf = (unit: UnitSpec | null, name: string): SubunitSpec | null => {
    if (unit === lastCommuneUnit && name === lastCommuneName) return lastCommune;
    lastCommuneUnit = unit;
    lastCommuneName = name;
    lastCommune = findCommune(unit, name);
    return lastCommune;
  };
  const findCommune = (unit: UnitSpec | null, name: string): SubunitSpec | null => {
    if (!unit?.subunits) return null;
    const key = `${unit.code}|${name}`;
    let s = communeMemo.get(key);
    if (s === undefined) {
      // "Bản Pá Hu" is a village of Xã Pá Hu, not the commune under another kind word.
      s = listCommuneOf(name, unit, ctx.period, lv.vocab.childKinds);
      communeMemo.set(key, s);
    }
    return s;
  };
  let lastTallyUnit: UnitSpec | null | undefined;
  let lastTallySub: SubunitSpec | null | undefined;
  let lastTallyFound: Counting | null = null;
  /** The tally of a commune, with its counters. */
  const tallyOf = (unit: UnitSpec | null, sub: SubunitSpec | null): Counting => {
    if (lastTallyFound && unit === lastTallyUnit && sub === lastTallySub) return lastTallyFound;
    lastTallyUnit = unit;
    lastTallySub = sub;
    const tally = findTally(unit, sub);
    lastTallyFound = { tally, counts: counters.get(tally) ?? [] };
    return lastTallyFound;
  };
  const findTally = (unit: UnitSpec | null, sub: SubunitSpec | null): CommuneTally => {
    const key = `${unit?.code ?? ''}|${sub?.name ?? ''}`;
    let t = tallies.get(key);
    if (!t) {
      t = newTally(unit, sub);
      tallies.set(key, t);
    }
    return t;
  };
  /** A tally with every figure the list gives at 0, its counters registered. */
  const newTally = (unit: UnitSpec | null, sub: SubunitSpec | null): CommuneTally => {
    const t: CommuneTally = {
      unit: unit?.code ?? null,
      subunit: sub?.name ?? null,
      values: {},
      householdRows: 0,
      memberRows: 0,
    };
    for (const g of groups) {
      t.values[g.id] = 0;
      if (hasEthnicity) t.values[`${g.id}_ethnic_minority`] = 0;
      if (g.prefix !== null && layout.flags.length > 0) {
        t.values[`${g.id}_deprivations`] = 0;
        for (const ind of ctx.standard.indicators) t.values[`${g.prefix}${ind.id}`] = 0;
      }
    }
    if (hasStatus) for (const id of lv.moveIds) t.values[id] = 0;
    counters.set(t, []);
    return t;
  };
  /** The area a commune's kind says (a ward or town is urban). */
  const communeArea = (s: { name: string }): Area => {
    const kind = foldWords(s.name);
    return lv.urbanKinds.some((k) => kind.startsWith(`${k} `)) ? 'urban' : 'rural';
  };
  // A commune that reports its villages (2026) is itself the place its households live in.
  const unitArea: Area | null =
    ctx.unit && reportsVillages(ctx.unit) ? communeArea(ctx.unit) : null;
  // A sheet name two communes fit: neither's figures come from the list, and their area is the
  // households' when both have it.
  const sheetUnsure = (ctx.sheetCandidates ?? []).length > 0;
  const sheetAreas = new Set((ctx.sheetCandidates ?? []).map(communeArea));
  const sheetArea: Area | null = sheetAreas.size === 1 ? ([...sheetAreas][0] ?? null) : null;
  if (ctx.unit)
    for (const s of ctx.sheetCandidates ?? []) notDerivable.add(tallyOf(ctx.unit, s).tally);
  const at = (
    r: number,
    c: number | undefined,
  ): { sheet: string | null; cell: string | null; row: number } => ({
    sheet: ctx.sheet,
    cell: c === undefined ? null : cellAddress(r, c),
    row: r + 1,
  });

  const figureColumns = [
    col.score_income,
    col.score_deprivation,
    col.members,
    col.classification,
    ...layout.flags,
  ].filter((c): c is number => c !== undefined);
  const figureColumnSet = new Set(figureColumns);
  /** Whether a row has a flag set or a classification (what a household's row has). */
  const flagOrClass = (cells: readonly (SheetCell | undefined)[]): boolean => {
    for (const c of layout.flags) if (cellFlag(cells[c]) === true) return true;
    return classOf(text(cells, col.classification)) !== null;
  };
  /**
   * Whether a row without a score A has a household's other figures: the members, a flag set or
   * a classification (not words that read as none of them, as a signature block's).
   */
  const saysHousehold = (cells: readonly (SheetCell | undefined)[]): boolean =>
    holdsNumber(cells, col.members) || flagOrClass(cells);
  const columns = [
    ...new Set([
      ...READ_IDS.filter((id) => id !== 'ethnicity' || col.ethnic_minority === undefined)
        .map((id) => col[id])
        .filter((c): c is number => c !== undefined),
      ...layout.flags,
    ]),
  ].sort((a, b) => a - b);

  // Rows without a household code that are no household: a total row (checked against the
  // households by arithmetic when the sheet ends), a signature block or a note under the list.
  const totals: TotalRow[] = [];
  const running: Running = { households: 0, members: 0, flags: layout.flags.map(() => 0) };
  /** The filled cells' texts of a row without a code (rare: never a household's names read). */
  const rowTextsOf = (
    cells: readonly (SheetCell | undefined)[],
  ): { col: number; text: string }[] => {
    const out: { col: number; text: string }[] = [];
    for (let c = 0; c < cells.length; c++) {
      if (!isFilledCell(cells[c])) continue;
      const t = cellText(cells[c]);
      if (t !== '') out.push({ col: c, text: t });
    }
    return out;
  };
  /** Whether a cell holds a number (the members, a score): what a household row has. */
  const holdsNumber = (cells: readonly (SheetCell | undefined)[], c: number | undefined): boolean =>
    c !== undefined && num(cells, c) !== null;

  /**
   * The heading's rows as the reader saw them (the cells' texts in the columns it reads, those
   * the heading fills first): a later row that repeats one of them, cell for cell, is that
   * heading again (lists of several communes pasted one under another, each with its heading,
   * or a page's heading kept as rows), not a household. Decided by the row's cells, not by their
   * words: a household's row never holds the heading's own texts in every read column.
   */
  const headingRows: { cols: number[]; texts: string[] }[] = [];
  // A district or commune cell merged down over its households may cover the copied heading's
  // cell too (its text then in the merge's top cell): blank there, the row is still the heading.
  const placeColumns = new Set([col.district, col.commune]);
  /** The texts the heading's rows hold in the code column: only a row with one is compared. */
  const headingCodes = new Set<string>();
  const repeatedHeadings = { count: 0, first: -1 };
  /** The last one-text rows (titles, labels) since the last household's row. */
  let titlesSince: string[] = [];
  /** How many of them are kept: a block's title lines are a few (a sheet of labels is not). */
  const TITLES_KEPT = 8;
  /**
   * Title lines over a block of households (a commune's list pasted under another's: "DANH SÁCH
   * HỘ NGHÈO XÃ PÁ LAU NĂM 2022"), in a sheet without a commune column: when they name one of the
   * unit's communes, and not the one the rows are counted for, the rows below are that commune's.
   * Said at the line, so that the clerk sees where each commune starts. One line naming two
   * communes (`oneLine`) is two readings: an error at it, its households left with the commune
   * above, and none of those communes' figures the list's (as `ambiguousLabel`). Lines read at a
   * copied heading naming two (a block's title under the last one's total line) change nothing.
   */
  const blockTitle = (
    r: number,
    c: number | undefined,
    texts: readonly string[],
    oneLine = false,
  ): void => {
    const unit = ctx.unit;
    if (unit === null || col.commune !== undefined) return;
    const named = new Set(texts.flatMap((t) => communesNamedIn(t, unit, ctx.period)));
    const current = groupCommune ?? ctx.sheetCommune;
    if (named.size > 1 && oneLine) {
      // The commune above is said too when the line does not name it: its figures are not read.
      const above = current !== null && !named.has(current) ? current.name : null;
      report(
        makeFinding('list-block-ambiguous', {
          file: ctx.file,
          ...at(r, c),
          unit: unit.code,
          subunit: current?.name ?? null,
          params: {
            row: r + 1,
            communes: [...named].map((s) => s.name).join(', '),
            above: above === null ? '' : ` và của ${above}`,
            aboveEn: above === null ? '' : ` and of ${above}`,
          },
        }),
      );
      for (const s of current === null ? named : [current, ...named])
        notDerivable.add(tallyOf(unit, s).tally);
      return;
    }
    const sub = named.size === 1 ? [...named][0] : undefined;
    if (sub === undefined || sub === current) return;
    groupCommune = sub;
    report(
      makeFinding('list-block-commune', {
        file: ctx.file,
        ...at(r, c),
        unit: unit.code,
        subunit: sub.name,
        params: { row: r + 1, commune: sub.name },
      }),
    );
  };
  const noteHeadingRow = (cells: readonly (SheetCell | undefined)[]): void => {
    const filled: number[] = [];
    const blank: number[] = [];
    for (const c of columns) (cellText(cells[c]) === '' ? blank : filled).push(c);
    // A heading row of one text (a group's name over its columns) could be a label's row; the
    // place columns' texts may be missing from a copy (below), so two others are asked for.
    if (filled.filter((c) => !placeColumns.has(c)).length < 2) return;
    const cols = [...filled, ...blank];
    headingRows.push({ cols, texts: cols.map((c) => cellText(cells[c])) });
    headingCodes.add(ownText(cells, col.household_code));
  };
  const repeatsHeading = (cells: readonly (SheetCell | undefined)[]): boolean =>
    headingRows.some((h) =>
      h.cols.every((c, i) => {
        const t = cellText(cells[c]);
        return t === h.texts[i] || (t === '' && placeColumns.has(c));
      }),
    );
  /** Whether the row read last was a copied heading (the column numbers may follow it). */
  let afterHeading = false;
  /** The household of the row being read (see readHousehold). */
  const household: Household = {
    sheet: ctx.sheet,
    row: 0,
    code: null,
    commune: '',
    area: null,
    members: null,
    scoreIncome: null,
    scoreDeprivation: null,
    scoreIncomeText: null,
    scoreDeprivationText: null,
    hasScoreDeprivation: col.score_deprivation !== undefined,
    hasMembers: col.members !== undefined,
    flags: layout.flags.map(() => null),
    classification: null,
    ethnicMinority: null,
    move: null,
  };

  return {
    columns,
    key: col.household_code ?? -1,
    row(r, cells, filled, first) {
      if (r < layout.dataStart) {
        if (r >= layout.headerTop) noteHeadingRow(cells);
        return;
      }
      // Which cells hold something: a cheap test, not the text (a million names are not
      // normalised to learn that they are there); the splitting thread may have told it.
      let filledCount = filled ?? 0;
      let firstFilled = first ?? -1;
      if (filled === undefined)
        for (let i = 0; i < cells.length; i++)
          if (isFilledCell(cells[i])) {
            if (filledCount++ === 0) firstFilled = i;
          }
      if (filledCount === 0) return;
      // A range merged over the commune column keeps its text in its top cell: noted when that
      // row comes (rows come in order), for the rows under it.
      if (communeMerges.length > 0 && col.commune !== undefined)
        for (const m of communeMerges) if (m.top === r) mergeTops.set(r, text(cells, col.commune));
      if (villageMerges.length > 0 && col.village !== undefined)
        for (const m of villageMerges)
          if (m.top === r) villageMergeTops.set(r, text(cells, col.village));
      const code = ownText(cells, col.household_code);
      if (headingCodes.has(code) && repeatsHeading(cells)) {
        if (repeatedHeadings.count++ === 0) repeatedHeadings.first = r;
        // A heading repeated under title lines starts the block they name.
        blockTitle(r, col.household_code, titlesSince);
        titlesSince = [];
        afterHeading = true;
        return;
      }
      if (afterHeading) {
        afterHeading = false;
        // The column numbers a copied heading may bring though the sheet's own heading has none,
        // told as a form's numbering row is (in the columns read).
        if (isColumnNumberCells(cells, columns)) {
          afterHeading = true;
          return;
        }
      }
      // Read once: it tells a household's row from a label's, and is the household's score.
      const scoreIncome = num(cells, col.score_income);
      // A household's row has its own code and its score A; any other row may be no household.
      if (
        (code === '' || code === lastCode || scoreIncome === null) &&
        otherRow(r, cells, code, scoreIncome, filledCount, firstFilled)
      )
        return;
      const unit = col.district !== undefined ? districtOf(cells, r) : ctx.unit;
      let sub: SubunitSpec | null = null;
      let tally: Counting | null = null;
      if (col.commune !== undefined) {
        const name = text(cells, col.commune) || mergedCommune(r);
        if (name !== '') {
          sub = communeOf(unit, name);
          if (!sub) unknownCommune(r, col.commune, unit, name);
          writtenCommune(unit, name, sub);
        } else {
          const blank = blankCommune(r, unit);
          sub = blank.sub;
          tally = blank.tally;
        }
      } else sub = groupCommune ?? ctx.sheetCommune;
      tally ??= tallyOf(unit, sub);
      lastTally = tally;
      if (titlesSince.length > 0) titlesSince = [];
      const h = readHousehold(r, cells, sub, code, scoreIncome);
      tally.tally.householdRows++;
      if (statusUnread) statusUnknown(tally.tally, h, unit);
      if (classUnread)
        report(householdFinding('list-classification-unreadable', h, col.classification, unit));
      for (const problem of ctx.lines ? checkHousehold(h, ctx.lines) : []) {
        // No one code column (none, or two that fit): the sheet says so once, not every row.
        if (problem.kind === 'code-missing' && col.household_code === undefined) continue;
        // A sheet name two communes fit is said once (list-commune-name-ambiguous): its
        // households' area unknown for that is not said again at every row.
        if (problem.kind === 'classification-unknown' && problem.why === 'no-area' && sheetUnsure)
          continue;
        report(problemFinding(r, h, problem, unit));
      }
      checkCode(r, h, unit);
      lastCode = code;
      add(tally, h, unit);
      lastVillage = null;
      if (villageMode && unit === ctx.unit && tally.tally.subunit === null)
        addToVillage(r, cells, h, unit);
      running.households++;
      if (h.members !== null) running.members += h.members;
      for (let i = 0; i < h.flags.length; i++)
        if (h.flags[i] === true) running.flags[i] = (running.flags[i] ?? 0) + 1;
    },
    finish() {
      if (repeatedHeadings.count > 0) {
        const r = repeatedHeadings.first;
        report(
          makeFinding('list-heading-repeated', {
            file: ctx.file,
            ...at(r, col.household_code),
            unit: ctx.unit?.code ?? null,
            params: {
              row: r + 1,
              others:
                repeatedHeadings.count > 1 ? ` (và ${repeatedHeadings.count - 1} dòng khác)` : '',
              othersEn:
                repeatedHeadings.count > 1 ? ` (and ${repeatedHeadings.count - 1} other rows)` : '',
            },
          }),
        );
      }
      checkCodeDigits();
      addRepeats();
      checkTotals();
      settleBlankCommunes();
      for (const t of tallies.values())
        if (t.subunit !== null && t.unit !== null && unreadableCommunes.has(t.unit))
          notDerivable.add(t);
      for (const [t, counts] of counters)
        for (const [id, s] of slots) {
          const n = counts[s];
          if (n !== undefined && n > 0) t.values[id] = (t.values[id] ?? 0) + n;
        }
      counters.clear();
      for (const [t, ids] of unknownFigures) for (const id of ids) t.values[id] = null;
      for (const t of notDerivable) for (const id of Object.keys(t.values)) t.values[id] = null;
      for (const t of unknownStatus) for (const id of lv.moveIds) t.values[id] = null;
      attachVillages();
      const left = dropped.error + dropped.warning + dropped.info;
      if (left > 0)
        findings.push(
          makeFinding('findings-truncated', {
            file: ctx.file,
            unit: ctx.unit?.code ?? null,
            params: {
              count: left,
              limit,
              errors: dropped.error,
              warnings: dropped.warning,
              infos: dropped.info,
            },
          }),
        );
      return { tallies, findings, hasEthnicity, hasStatus };
    },
  };

  /** The text of the range merged over the commune column at row `r`, '' when none is. */
  function mergedCommune(r: number): string {
    for (const m of communeMerges)
      if (m.top < r && r <= m.bottom) return mergeTops.get(m.top) ?? '';
    return '';
  }

  /** Notes a household's written commune: the one blank cells under it may stand for. */
  function writtenCommune(unit: UnitSpec | null, name: string, sub: SubunitSpec | null): void {
    const cc = communeColumn;
    cc.written++;
    if (cc.previous === name) cc.repeats++;
    cc.previous = name;
    cc.blankRun = 0;
    cc.above = { unit, name, sub };
  }

  /**
   * A household whose commune cell is blank. Under a written commune (of the same unit) it is
   * counted apart, with that commune's name, until the end says whether the column was filled
   * down; with none above, the sheet's own commune (its name or title, or the label over it) is
   * its, as in a list without the column, and with none of those either it is no commune's.
   */
  function blankCommune(
    r: number,
    unit: UnitSpec | null,
  ): { sub: SubunitSpec | null; tally: Counting } {
    const cc = communeColumn;
    cc.previous = '';
    const above = cc.above !== null && cc.above.unit === unit ? cc.above : null;
    const note = (b: typeof cc.under): void => {
      if (b.count++ < limit) b.rows.push({ r, unit: unit?.code ?? null });
    };
    if (above === null) {
      const sub = groupCommune ?? ctx.sheetCommune;
      if (sub === null) note(cc.none);
      return { sub, tally: tallyOf(unit, sub) };
    }
    cc.blankRun++;
    cc.longestBlank = Math.max(cc.longestBlank, cc.blankRun);
    note(cc.under);
    const real = tallyOf(unit, above.sub).tally;
    let held = cc.pending.get(real);
    if (!held) {
      const t: CommuneTally = { ...real, values: {}, householdRows: 0, memberRows: 0 };
      held = { apart: { tally: t, counts: [] }, unit };
      counters.set(t, held.apart.counts);
      cc.pending.set(real, held);
    }
    return { sub: above.sub, tally: held.apart };
  }

  /**
   * Decides the households of blank commune cells when all rows are read. A column written only
   * where the commune changes (no commune written on two households' rows in a row, and some
   * written cell with two or more blank rows under it) was filled down: each blank row is the
   * commune's above. Any other column leaves a blank cell's commune unknown: an error at the
   * cell, the household counted for no commune, and the figures of the sheet's communes marked
   * not derivable (one of them is short, and which one cannot be said). A column never written
   * is no commune column to fill: its rows are the sheet's commune's, as they were read.
   */
  function settleBlankCommunes(): void {
    const cc = communeColumn;
    const filledDown = cc.repeats === 0 && cc.longestBlank >= 2;
    for (const [real, held] of cc.pending)
      mergeCounting(
        held.apart,
        filledDown ? { tally: real, counts: countsOf(real) } : tallyOf(held.unit, null),
      );
    cc.pending.clear();
    if (cc.written === 0) return;
    const blanks = filledDown ? [cc.none] : [cc.under, cc.none];
    const rows = blanks.flatMap((b) => b.rows).sort((a, b) => a.r - b.r);
    if (rows.length === 0) return;
    for (const { r, unit } of rows)
      report(
        makeFinding('list-commune-blank', {
          file: ctx.file,
          ...at(r, col.commune),
          unit,
          params: { cell: cellAddress(r, col.commune ?? 0) },
        }),
      );
    for (const b of blanks) dropped.error += b.count - b.rows.length;
    for (const t of tallies.values()) if (t.subunit !== null) notDerivable.add(t);
  }

  /** A tally's counters. */
  function countsOf(t: CommuneTally): number[] {
    let c = counters.get(t);
    if (!c) counters.set(t, (c = []));
    return c;
  }

  /** Adds a tally counted apart into another (its counters, rows and unknown figures). */
  function mergeCounting(from: Counting, into: Counting): void {
    from.counts.forEach((n, slot) => {
      while (into.counts.length <= slot) into.counts.push(0);
      into.counts[slot] = (into.counts[slot] ?? 0) + n;
    });
    into.tally.householdRows += from.tally.householdRows;
    into.tally.memberRows += from.tally.memberRows;
    const ids = unknownFigures.get(from.tally);
    if (ids) {
      let had = unknownFigures.get(into.tally);
      if (!had) unknownFigures.set(into.tally, (had = new Set()));
      for (const id of ids) had.add(id);
      unknownFigures.delete(from.tally);
    }
    if (unknownStatus.delete(from.tally)) unknownStatus.add(into.tally);
    counters.delete(from.tally);
  }

  /**
   * Whether a row that is not plainly a household's (no code, the code above, or no score A) is
   * no household: a total, a label over households, a signature line, a member (counted).
   */
  function otherRow(
    r: number,
    cells: readonly (SheetCell | undefined)[],
    code: string,
    scoreIncome: number | null,
    filledCount: number,
    firstFilled: number,
  ): boolean {
    if (filledCount === 1) {
      // A total's line ("Cộng xã Túc Đán") names the block it ends, not the one to come.
      const t = cellText(cells[firstFilled]);
      if (!lv.vocab.totalStarts.has(foldWords(t).split(' ')[0] ?? '')) {
        if (titlesSince.length >= TITLES_KEPT) titlesSince.shift();
        titlesSince.push(t);
      }
    }
    // A number's text is '' exactly when its cell is not filled (spaces only). A dash ("-", "–")
    // where the household's number goes says it has none, as a blank does: a member's row (its
    // own code, if any, makes it a household's row before it comes here).
    let stt =
      col.stt !== undefined && isFilledCell(cells[col.stt]) && !isDashOnly(ownText(cells, col.stt));
    let memberStt = col.member_stt !== undefined && isFilledCell(cells[col.member_stt]);
    // "1.1", "1.2" in the row-number column: a member numbered under its household's number,
    // its code cell blank or repeating the household's.
    if (stt && (code === '' || code === lastCode) && isMemberNumber(cells[col.stt ?? -1])) {
      stt = false;
      memberStt = true;
    }
    // A member of the household above: its own number filled, the household's blank; or, in a
    // list without that column, a row with no number, no code and none of a household's
    // figures (scores, members, flags, class) but more than a label (a name, a birth year).
    let householdFigures = false;
    for (const c of figureColumns)
      if (isFilledCell(cells[c])) {
        householdFigures = true;
        break;
      }
    if (
      code === '' &&
      col.household_code !== undefined &&
      filledCount > 1 &&
      noHouseholdRow(r, cells, stt, householdFigures) !== null
    )
      return true;
    // A member that repeats its household's code: no household number, and its own number or
    // none of a household's figures.
    if (code !== '' && code === lastCode && !stt && (memberStt || !householdFigures)) {
      memberRow();
      return true;
    }
    // Words where the codes go in a row with none of a household's figures: a commune or a
    // village over its households, a line of the signature block, a total's label.
    if (
      code !== '' &&
      (!householdFigures || (scoreIncome === null && !saysHousehold(cells))) &&
      labelInCodeColumn(r, code)
    )
      return true;
    // More than a code where the codes go, in a row with none of a household's figures, and one
    // text elsewhere naming a commune or a village ("356 hộ | Xã Bản Công"): a label over its
    // households, their count beside it (the row is read whole: see `ListRowReader.key`).
    if (code !== '' && !householdFigures && !isCodeOnly(code)) {
      const words = rowTextsOf(cells).filter(
        (t) => t.col !== col.household_code && labelInStt(t) && !figureColumnSet.has(t.col),
      );
      const only = words.length === 1 ? words[0] : undefined;
      if (only && groupLabel(r, only.col, only.text)) return true;
    }
    // A total row whose label stands where the codes go ("Tổng cộng" in the code column): no
    // score A, and its label or its figures say a total (checked by its sums like any other).
    // Only the code is read as its text: a large list's reader gives no other (names unread).
    if (
      code !== '' &&
      filledCount > 1 &&
      scoreIncome === null &&
      (col.score_income !== undefined || isTotalLabel(code, lv)) &&
      takeTotalRow(r, cells, [{ text: code }])
    )
      return true;
    if (
      code === '' &&
      !stt &&
      (memberStt || (!householdFigures && filledCount > 1 && lastTally !== null))
    ) {
      memberRow();
      return true;
    }
    const label = filledCount === 1 ? cellText(cells[firstFilled]) : '';
    if (label !== '' && code === '') {
      const w = foldWords(label);
      if (lv.vocab.totalStarts.has(w.split(' ')[0] ?? '')) return true;
      // Otherwise a commune or a village ("Thôn 1", "Bản Pá Hu"), or a block's title: not a
      // household.
      // A note ("Ghi chú: …") or a line under the signature block names no block.
      if (
        !groupLabel(r, firstFilled, label) &&
        !footerSeen &&
        !isFooterText(label, lv.vocab, { nameSafe: true })
      )
        blockTitle(r, firstFilled, [label], true);
      return true;
    }
    return false;
  }

  /**
   * Whether a row's text may be a label's: any but the number column's, and that one too when it
   * holds words ("Xã Tân Phượng | 70 hộ"), not a number ("1", "1.2", "II", "IV.").
   */
  function labelInStt(t: { col: number; text: string }): boolean {
    return t.col !== col.stt || !/^[\divxlcdm.)\s-]*$/i.test(t.text);
  }

  /**
   * What a filled row without a household code is when it is no household: `footer` (a line of
   * the signature block, a date line, a note: texts only, no members or score), `total` (a
   * label saying so, no score A, its figures kept to be checked against the households), `label`
   * (a village or commune numbered "I", "1." in the row-number column); null when it may be a
   * household (then its missing code is an error) or a member.
   */
  function noHouseholdRow(
    r: number,
    cells: readonly (SheetCell | undefined)[],
    stt: boolean,
    householdFigures: boolean,
  ): 'footer' | 'total' | 'label' | null {
    const scoreA = holdsNumber(cells, col.score_income);
    const members = holdsNumber(cells, col.members);
    const texts = rowTextsOf(cells);
    if (!scoreA && !members)
      if (texts.some((t) => isFooterText(t.text, lv.vocab, { nameSafe: true }))) {
        footerSeen = true;
        return 'footer';
      }
    if (takeTotalRow(r, cells, texts, scoreA)) return 'total';
    // None of a household's figures but words (a flag cell saying neither yes nor no): under the
    // signature block, its names; over households, a commune or village with its count beside.
    const counted = scoreA || flagOrClass(cells);
    if (!counted && !members && footerSeen) return 'footer';
    if (!counted && col.commune === undefined) {
      const words = texts.filter((t) => !figureColumnSet.has(t.col) && labelInStt(t));
      const only = words.length === 1 ? words[0] : undefined;
      if (only && groupLabel(r, only.col, only.text)) return 'label';
    }
    // "I | Tổ dân phố 1": a village or a commune numbered in the row-number column.
    if (stt && !householdFigures && texts.length === 2 && col.stt !== undefined) {
      const label = texts.find((t) => t.col !== col.stt);
      if (label && groupLabel(r, label.col, label.text)) return 'label';
    }
    return null;
  }

  /**
   * Takes a row as a total, and says whether it did: its label says so, or its figures do (an
   * indicator's cell counting households, more than one, which no household's flag cell does);
   * a row with a score A (the scores summed too) needs both, a household's row saying neither.
   * Its sums are kept, to be checked against the households when the sheet ends.
   */
  function takeTotalRow(
    r: number,
    cells: readonly (SheetCell | undefined)[],
    texts: readonly { text: string }[],
    scoreA = false,
  ): boolean {
    const classText = text(cells, col.classification);
    if (classText !== '' && !/\d/.test(classText)) return false;
    const counts = layout.flags.map((c) => num(cells, c));
    const labelled = texts.some((t) => isTotalLabel(t.text, lv));
    const counting = counts.some((n) => n !== null && n > 1);
    if (scoreA ? !(labelled && counting) : !(labelled || counting)) return false;
    totals.push({
      row: r,
      members: num(cells, col.members),
      flags: counts,
      at: { ...running, flags: [...running.flags] },
    });
    return true;
  }

  /**
   * Whether words written where the codes go, in a row with none of a household's figures, are
   * no household: a line of the signature block, a total's label, a commune or a village.
   */
  function labelInCodeColumn(r: number, code: string): boolean {
    // Under the signature block the code column holds the signers' names ("Hà Thị …" under
    // "Người lập biểu"): the block ends the list, and a name read as a code would be printed.
    if (footerSeen) return true;
    if (isFooterText(code, lv.vocab, { nameSafe: true })) {
      footerSeen = true;
      return true;
    }
    if (isTotalLabel(code, lv)) return true;
    return groupLabel(r, col.household_code, code);
  }

  /**
   * A label over a group of households, numbered or not ("Xã Pá Lau", "II. Xã Pá Lau", "Thôn
   * 1"): a commune of the unit, whose households follow; a village; or a commune the registry
   * does not hold, told at its cell, the households under it then no other commune's. False
   * when the text is none of these.
   */
  function groupLabel(r: number, c: number | undefined, label: string): boolean {
    const sub = communeOf(ctx.unit, label) ?? communeOf(ctx.unit, withoutGroupNumber(label));
    const w = withoutLeadingNumber(foldWords(label));
    const village = startsWithPhrase(w, lv.vocab.childKinds);
    const kindWritten = startsWithPhrase(w, lv.vocab.subunitKinds);
    if (sub) {
      const current = groupCommune ?? ctx.sheetCommune;
      // "Bản Công" under Xã Bản Mù: Xã Bản Công, or a village of Bản Mù so named. The sheet's own
      // labels decide: their column (communes in one, villages in another), then their writing
      // (every commune so far with its kind word, this one without); else neither is guessed.
      if (current !== null && current !== sub && village && !kindWritten) {
        const reading = villageOrCommune(c);
        if (reading === 'village') {
          noteLabel(c, 'villages');
          groupVillage = villageLabel(label);
          return true;
        }
        if (reading === null) {
          ambiguousLabel(r, c, current, sub);
          return true;
        }
      }
      noteLabel(c, 'communes');
      if (kindWritten) communeLabels.withKind++;
      else communeLabels.bare++;
      groupCommune = sub;
      groupVillage = null;
      return true;
    }
    if (village) {
      noteLabel(c, 'villages');
      groupVillage = villageLabel(label);
      return true;
    }
    if (!kindWritten) return false;
    groupCommune = null;
    groupVillage = null;
    unknownCommune(r, c, ctx.unit, label);
    return true;
  }

  /** Whether a text names a village with its kind word ("Bản Hồ Bốn", "1. Thôn 2"). */
  function isVillageName(t: string): boolean {
    const w = withoutLeadingNumber(foldWords(t));
    return startsWithPhrase(w, lv.vocab.childKinds) && w.split(' ').length > 1;
  }

  /** A village label's name without its number in the list ("1. Thôn Nà Hẩu" → "Thôn Nà Hẩu"). */
  function villageLabel(label: string): string {
    return withoutGroupNumber(label).trim() || label.trim();
  }

  /** Notes a label read as a commune's or a village's in column `c` (see groupLabel). */
  function noteLabel(c: number | undefined, kind: 'communes' | 'villages'): void {
    if (c === undefined) return;
    const n = labelsIn.get(c) ?? { communes: 0, villages: 0 };
    n[kind]++;
    labelsIn.set(c, n);
  }

  /**
   * What the sheet's labels make of one in column `c` that reads both as a commune and as a
   * village. Its column: a village where only villages were written there; a commune where only
   * communes were, villages being written in another column (before any village, a column of
   * communes says nothing: they may share it). Its writing: a village when every commune so far
   * was written with its kind word ("Xã Bản Mù"). Either alone decides; both, when they agree;
   * null when they disagree or nothing tells.
   */
  function villageOrCommune(c: number | undefined): 'village' | 'commune' | null {
    const seen = c === undefined ? undefined : labelsIn.get(c);
    let villagesElsewhere = false;
    for (const [k, n] of labelsIn) if (k !== c && n.villages > 0) villagesElsewhere = true;
    const byColumn =
      seen && seen.villages > 0 && seen.communes === 0
        ? 'village'
        : seen && seen.communes > 0 && seen.villages === 0 && villagesElsewhere
          ? 'commune'
          : null;
    const byWriting = communeLabels.withKind > 0 && communeLabels.bare === 0 ? 'village' : null;
    if (byColumn === null) return byWriting;
    return byWriting === null || byWriting === byColumn ? byColumn : null;
  }

  /**
   * A label read both as a commune and as a village of the commune above: an error at its cell,
   * and neither commune's figures are the list's (its households may be either's). They are
   * counted for the commune above, as under a village.
   */
  function ambiguousLabel(
    r: number,
    c: number | undefined,
    current: SubunitSpec,
    other: SubunitSpec,
  ): void {
    report(
      makeFinding('list-label-ambiguous', {
        file: ctx.file,
        ...at(r, c),
        unit: ctx.unit?.code ?? null,
        subunit: current.name,
        // The label's text is not repeated: a note beside the name may name a person.
        params: {
          cell: c === undefined ? '?' : cellAddress(r, c),
          commune: other.name,
          current: current.name,
        },
      }),
    );
    notDerivable.add(tallyOf(ctx.unit, current).tally);
    notDerivable.add(tallyOf(ctx.unit, other).tally);
  }

  /** A commune the unit's registry does not hold, told once per unit and name, at its cell. */
  function unknownCommune(
    r: number,
    c: number | undefined,
    unit: UnitSpec | null,
    name: string,
  ): void {
    if (!unit?.subunits || unknownCommunes.has(`${unit.code}|${name}`)) return;
    unknownCommunes.add(`${unit.code}|${name}`);
    // A cell's text is said only when it reads as a place: a name typed one column off ("Nguyễn
    // Văn …" in the commune column) is a person's, which no output may carry.
    if (
      !readsAsPlace(name, {
        unit,
        registry: ctx.registry,
        period: ctx.period,
        subunitKinds: lv.vocab.subunitKinds,
      })
    ) {
      // Its households are some commune's, which one unknown: none of the unit's is the list's.
      unreadableCommunes.add(unit.code);
      report(
        makeFinding('list-commune-unreadable', {
          file: ctx.file,
          ...at(r, c),
          unit: unit.code,
          params: { cell: c === undefined ? '?' : cellAddress(r, c), unit: unit.name },
        }),
      );
      return;
    }
    // A name two communes of the unit fit ("Trạm Tấu": the town and the commune) is in the
    // registry twice, not missing from it: its households may be either's.
    const m = matchSubunit(name, unit, ctx.period);
    if (m.status === 'ambiguous') {
      for (const s of m.candidates) notDerivable.add(tallyOf(unit, s).tally);
      report(
        makeFinding('list-commune-name-ambiguous', {
          file: ctx.file,
          ...at(r, c),
          unit: unit.code,
          subunit: name,
          params: { name, unit: unit.name, candidates: m.candidates.map((s) => s.name).join(', ') },
        }),
      );
      return;
    }
    report(
      makeFinding('list-commune-unknown', {
        file: ctx.file,
        ...at(r, c),
        unit: unit.code,
        subunit: name,
        params: { name, unit: unit.name },
      }),
    );
  }

  /**
   * Each total row equals the households of the sheet, of the block above it (since the total
   * before) or of the block below it (to the total after), in every figure it writes: the members
   * and each indicator's count. One that equals none of them is an error at its row.
   */
  function checkTotals(): void {
    totals.forEach((t, i) => {
      const before = totals[i - 1]?.at ?? ZERO_RUNNING;
      const after = totals[i + 1]?.at ?? running;
      const scopes = [running, minus(t.at, before), minus(after, t.at)];
      const fits = (sc: Running): boolean =>
        (t.members === null || t.members === sc.members) &&
        t.flags.every((f, k) => f === null || f === sc.flags[k]);
      if (scopes.some(fits)) return;
      const sheet = running;
      const column =
        t.members !== null && t.members !== sheet.members
          ? col.members
          : layout.flags[t.flags.findIndex((f, k) => f !== null && f !== sheet.flags[k])];
      const k = layout.flags.indexOf(column ?? -1);
      report(
        makeFinding('list-total-row', {
          file: ctx.file,
          ...at(t.row, column),
          unit: ctx.unit?.code ?? null,
          params: {
            stated: k >= 0 ? (t.flags[k] ?? 0) : (t.members ?? 0),
            sum: k >= 0 ? (sheet.flags[k] ?? 0) : sheet.members,
            households: sheet.households,
          },
        }),
      );
    });
  }

  function readHousehold(
    r: number,
    cells: readonly (SheetCell | undefined)[],
    sub: SubunitSpec | null,
    code: string,
    scoreIncome: number | null,
  ): Household {
    let area: Area | null = areaOf(text(cells, col.area));
    if (area === null) area = sub ? communeArea(sub) : (sheetArea ?? unitArea);
    const clsText = text(cells, col.classification);
    const cls = classOf(clsText);
    // Words that name no class ("Chưa phân loại", a name typed a column off): counted by scores.
    classUnread = cls === null && clsText !== '' && /\p{L}/u.test(clsText);
    const status = moveOf(text(cells, col.status));
    statusUnread = status === STATUS_UNREAD;
    let minority: boolean | null = null;
    if (col.ethnic_minority !== undefined) minority = cellFlag(cells[col.ethnic_minority]);
    else if (col.ethnicity !== undefined) minority = minorityOf(text(cells, col.ethnicity));
    // One household object, filled again for every row: nothing keeps it past its row (the
    // checks, the counters and the code index take its values).
    const h = household;
    h.row = r;
    h.code = code === '' ? null : code;
    h.commune = sub?.name ?? '';
    h.area = area;
    h.members = num(cells, col.members);
    h.scoreIncome = scoreIncome;
    h.scoreDeprivation = num(cells, col.score_deprivation);
    h.scoreIncomeText = notNumber(cells, col.score_income, h.scoreIncome);
    h.scoreDeprivationText = notNumber(cells, col.score_deprivation, h.scoreDeprivation);
    readFlags(cells, h.flags);
    h.classification = cls;
    h.ethnicMinority = minority;
    h.move = statusUnread ? null : status;
    // "Mới", "Tái": the move of the household's class (written, else the one its scores give).
    if (h.move?.startsWith('*')) {
      const c = cls ?? (ctx.lines ? expectedClass(h, ctx.lines) : null);
      const g = c === 'poor' ? poorGroup : c === 'nearPoor' ? nearPoorGroup : undefined;
      const id = g ? `${g.id}_${h.move.slice(1)}` : '';
      h.move = lv.moveIds.includes(id) ? id : null;
    }
    return h;
  }

  /**
   * A household whose status cell says nothing the vocabulary knows: its commune's status
   * figures (new, relapsed, moved) cannot be derived (null, not compared), and the cell says why.
   */
  function statusUnknown(t: CommuneTally, h: Household, unit: UnitSpec | null): void {
    unknownStatus.add(t);
    report(householdFinding('list-status-unreadable', h, col.status, unit));
  }

  /** A finding at household `h`'s cell in column `c`, naming it by its code and commune only. */
  function householdFinding(
    code: FindingCode,
    h: Household,
    c: number | undefined,
    unit: UnitSpec | null,
  ): Finding {
    return makeFinding(code, {
      file: ctx.file,
      ...at(h.row, c),
      unit: unit?.code ?? null,
      subunit: h.commune || null,
      params: { code: shownCode(h.code, h.row), commune: h.commune || '?' },
    });
  }

  function readFlags(cells: readonly (SheetCell | undefined)[], flags: (boolean | null)[]): void {
    let unread = false;
    for (let i = 0; i < layout.flags.length; i++) {
      const f = cellFlag(cells[layout.flags[i] ?? -1]);
      flags[i] = f;
      if (f === null) unread = true;
    }
    if (unread) pointsAsFlags(cells, flags);
  }

  /**
   * Flag cells written as the points they give ("10" where the household lacks the indicator):
   * set, when every cell not read holds exactly a deprivation's points and score B is the points
   * of the flags so read. The arithmetic decides; otherwise they stay unreadable.
   */
  function pointsAsFlags(
    cells: readonly (SheetCell | undefined)[],
    flags: (boolean | null)[],
  ): void {
    const points = ctx.lines?.pointsPerDeprivation;
    const b = num(cells, col.score_deprivation);
    if (points === undefined || b === null) return;
    let set = 0;
    for (let i = 0; i < flags.length; i++) {
      if (flags[i] === true) set++;
      else if (flags[i] === null) {
        if (num(cells, layout.flags[i]) !== points) return;
        set++;
      }
    }
    if (b !== points * set) return;
    for (let i = 0; i < flags.length; i++) if (flags[i] === null) flags[i] = true;
  }

  function problemFinding(
    r: number,
    h: Household,
    p: HouseholdProblem,
    unit: UnitSpec | null,
  ): Finding {
    const column =
      p.kind === 'flag-unreadable'
        ? layout.flags[p.indicator - 1]
        : p.kind === 'score-deprivation'
          ? col.score_deprivation
          : p.kind === 'score-income'
            ? col.score_income
            : p.kind === 'status'
              ? col.status
              : p.kind === 'classification' || p.kind === 'classification-unknown'
                ? col.classification
                : p.kind === 'members'
                  ? col.members
                  : col.household_code;
    const params: Record<string, string | number> = {
      code: shownCode(h.code, h.row),
      commune: h.commune || '?',
    };
    if (p.kind === 'flag-unreadable') params.indicator = p.indicator;
    if (p.kind === 'score-deprivation')
      Object.assign(params, { written: p.written, flags: p.flags, expected: p.expected });
    /** A class in both languages, under `name` and `${name}En`. */
    const classWords = (name: string, c: HouseholdClass): Record<string, string> => ({
      [name]: CLASS_WORDS[c].vi,
      [`${name}En`]: CLASS_WORDS[c].en,
    });
    if (p.kind === 'classification')
      Object.assign(params, {
        ...classWords('written', p.written),
        ...classWords('expected', p.expected),
        scoreIncome: p.scoreIncome,
        scoreDeprivation: p.scoreDeprivation,
        incomeLine: p.incomeLine,
        poorThreshold: p.poorThreshold,
      });
    if (p.kind === 'members') params.written = p.written === null ? '(trống)' : p.written;
    if (p.kind === 'score-income') params.written = p.written;
    if (p.kind === 'status')
      Object.assign(params, classWords('written', p.written), classWords('implied', p.implied));
    return makeFinding(PROBLEM_CODE[p.kind], {
      file: ctx.file,
      ...at(r, column),
      unit: unit?.code ?? null,
      subunit: h.commune || null,
      params,
    });
  }

  /**
   * A household counted among the poor or near-poor whose ethnicity the list leaves blank or
   * writes so that it says neither yes nor no: its commune's ethnic-minority figure of the group
   * cannot be derived (null, so not compared), and the row says why.
   */
  function minorityUnknown(
    t: CommuneTally,
    group: string,
    h: Household,
    unit: UnitSpec | null,
  ): void {
    figureUnknown(t, `${group}_ethnic_minority`);
    report(
      householdFinding('list-ethnicity-unknown', h, col.ethnic_minority ?? col.ethnicity, unit),
    );
  }

  /**
   * A household's code as a finding may print it: a code has a digit ("045880001", "TT-12"); a
   * code cell with none may hold a person's name (a signer's, or the head's typed one column
   * off), which no output may carry, so it is pointed to by its cell instead.
   */
  function shownCode(code: string | null, r: number): string {
    if (code === null) return '?';
    const lead = leadingCode(code);
    if (lead && !lead.extra) return lead.code;
    // More than a code ("045850027 - <the head's name> <year>"): its code part and the cell.
    const cell = cellAddress(r, col.household_code ?? 0);
    return lead ? `${lead.code} (… ô ${cell})` : `(chữ ở ô ${cell})`;
  }

  /** A finding at row `r`'s code cell: never its text among the params (it may be a name). */
  function codeCellFinding(
    code: FindingCode,
    r: number,
    h: Household,
    unit: UnitSpec | null,
    params: Finding['params'],
  ): Finding {
    return makeFinding(code, {
      file: ctx.file,
      ...at(r, col.household_code),
      unit: unit?.code ?? null,
      subunit: h.commune || null,
      params: { cell: cellAddress(r, col.household_code ?? 0), ...params },
    });
  }

  /**
   * Tells the household's code to the run's index: its leading code, the index comparing codes of
   * digits without their leading zeros; a repeat is found when the reading ends. A code cell holding
   * words without a digit, or more than a code, is said at its cell, without its text; codes of digits that differ in their
   * leading zeros are said once for the sheet (`codeDigits`).
   */
  function checkCode(r: number, h: Household, unit: UnitSpec | null): void {
    if (h.code === null) return;
    const lead = leadingCode(h.code);
    if (lead === null) {
      // Words without a digit where the household's code goes (a name typed one column off):
      // no code to check for repeats, and a text no output may print.
      report(codeCellFinding('list-code-not-code', r, h, unit, { commune: h.commune || '?' }));
      return;
    }
    if (lead.extra)
      report(codeCellFinding('list-code-extra-text', r, h, unit, { code: lead.code }));
    const code = lead.code;
    if (/^\d+$/.test(code)) {
      const d = codeDigits;
      if (code.startsWith('0') && code.length > 1) {
        if (d.zeroLed === null || code.length > d.zeroLed.length) d.zeroLed = code;
      } else if (d.plain === null || code.length < d.plain.code.length) d.plain = { code, r, unit };
    }
    ctx.codes.addCode(codeReader, unit?.code ?? '', code, h.commune, r);
  }

  /**
   * A sheet whose codes of digits are written with leading zeros ("045850123") and shorter without
   * ("45850123": a cell Excel keeps as a number drops them): they are compared without their
   * leading zeros, the same household either way, and the sheet says so once, at the shortest.
   */
  function checkCodeDigits(): void {
    const { zeroLed, plain } = codeDigits;
    if (zeroLed === null || plain === null || plain.code.length >= zeroLed.length) return;
    const cell = cellAddress(plain.r, col.household_code ?? 0);
    report(
      makeFinding('list-code-leading-zero', {
        file: ctx.file,
        ...at(plain.r, col.household_code),
        unit: plain.unit?.code ?? null,
        params: {
          cell,
          code: plain.code,
          zeroLed,
          padded: plain.code.padStart(zeroLed.length, '0'),
        },
      }),
    );
  }

  /**
   * Puts the findings of the sheet's repeated codes among those of its rows, each after the
   * findings of its row, as if it had been found when its row was read; the limit then keeps the
   * same findings it would have kept then.
   */
  function addRepeats(): void {
    const repeats = ctx.codes.takeRepeats(codeReader);
    if (repeats.length === 0) return;
    const rowFindings = findings.splice(0);
    kept.error = kept.warning = kept.info = 0;
    let i = 0;
    for (const rep of repeats) {
      while (i < rowFindings.length && (rowFindings[i]?.row ?? 0) <= rep.row + 1)
        report(rowFindings[i++] as Finding);
      report(repeatFinding(rep));
    }
    while (i < rowFindings.length) report(rowFindings[i++] as Finding);
  }

  function repeatFinding(rep: CodeRepeat): Finding {
    const { first } = rep;
    const where = `${first.sheet !== null ? `${first.sheet}!` : ''}${cellAddress(first.row, col.household_code ?? 0)}`;
    const other = first.commune !== rep.commune;
    return makeFinding(other ? 'list-code-other-commune' : 'list-code-repeated', {
      file: ctx.file,
      ...at(rep.row, col.household_code),
      unit: rep.unit === '' ? null : rep.unit,
      subunit: rep.commune || null,
      params: {
        code: shownCode(rep.code, rep.row),
        first: where,
        firstFile: first.file,
        other: first.commune || '?',
        commune: rep.commune || '?',
      },
    });
  }

  /**
   * Gives the commune's tally its villages' (a commune that reports its villages): a figure the
   * commune's tally cannot give, its villages cannot either.
   */
  function attachVillages(): void {
    if (!villageMode || !ctx.unit) return;
    const t = tallies.get(`${ctx.unit.code}|`);
    if (!t) return;
    t.villages = [...villageTallies.values()].map(({ c, ...said }) => {
      const values: Values = { ...c.tally.values };
      for (const [id, v] of Object.entries(t.values)) if (v === null) values[id] = null;
      return {
        ...said,
        values,
        householdRows: c.tally.householdRows,
        memberRows: c.tally.memberRows,
      };
    });
    t.villagesUnknown = villagesUnknown;
  }

  /** A member row under the last household: counted in its tally (and its village's). */
  function memberRow(): void {
    if (lastTally) lastTally.tally.memberRows++;
    if (lastVillage) lastVillage.tally.memberRows++;
  }

  /**
   * Counts a household of a commune that reports its villages in its village's tally too (see
   * VillageTally for where the village is read from). Its findings were said at its own tally's.
   */
  function addToVillage(
    r: number,
    cells: readonly (SheetCell | undefined)[],
    h: Household,
    unit: UnitSpec | null,
  ): void {
    let name = '';
    let from: VillageTally['from'] = 'column';
    if (col.village !== undefined) {
      name = text(cells, col.village);
      if (name === '')
        for (const m of villageMerges)
          if (m.top < r && r <= m.bottom) name = villageMergeTops.get(m.top) ?? '';
    } else if (groupVillage !== null) {
      name = groupVillage;
      from = 'label';
    } else if (ctx.sheet !== null && isVillageName(ctx.sheet)) {
      // The sheet of one village ("Bản Hồ Bốn", "Thôn 1"): a sheet named otherwise ("DS hộ
      // nghèo", "Sheet1") says no village.
      name = ctx.sheet;
      from = 'sheet';
    }
    if (name === '') {
      villagesUnknown++;
      return;
    }
    const key = foldWords(name);
    let v = villageTallies.get(key);
    if (!v) {
      const t = newTally(unit, null);
      v = {
        name,
        from,
        named: from !== 'column' || isVillageName(name),
        ...(from === 'column' && col.village !== undefined
          ? { at: { sheet: ctx.sheet, cell: cellAddress(r, col.village) } }
          : {}),
        c: { tally: t, counts: counters.get(t) ?? [] },
      };
      villageTallies.set(key, v);
    }
    v.c.tally.householdRows++;
    if (statusUnread) unknownStatus.add(v.c.tally);
    add(v.c, h, unit, true);
    lastVillage = v.c;
  }

  /** Adds the household to the counters of its tally (`quiet`: its findings said already). */
  function add(tally: Counting, h: Household, unit: UnitSpec | null, quiet = false): void {
    const c = tally.counts;
    const cls = h.classification ?? (ctx.lines ? expectedClass(h, ctx.lines) : null);
    const g = cls === 'poor' ? poorGroup : cls === 'nearPoor' ? nearPoorGroup : undefined;
    if (g) {
      count(c, g.slot);
      if (hasEthnicity && h.ethnicMinority === true) count(c, g.minoritySlot);
      else if (hasEthnicity && h.ethnicMinority === null) {
        if (quiet) figureUnknown(tally.tally, `${g.id}_ethnic_minority`);
        else minorityUnknown(tally.tally, g.id, h, unit);
      }
      if (g.lackSlots !== null && layout.flags.length > 0)
        for (let i = 0; i < g.lackSlots.length; i++) {
          const flag = h.flags[i];
          if (flag === true) {
            count(c, g.lackSlots[i] ?? 0);
            count(c, g.deprivationsSlot);
          } else if (flag === null && g.prefix !== null) {
            // An unreadable flag (its error is the household's): the household may lack it.
            figureUnknown(tally.tally, `${g.prefix}${ctx.standard.indicators[i]?.id ?? ''}`);
            figureUnknown(tally.tally, `${g.id}_deprivations`);
          }
        }
    }
    // A status the class contradicts (list-status) counts in no move: the class is the one
    // the scores prove.
    if (hasStatus && h.move !== null && countsAs(h.move, cls)) count(c, slotOf(h.move));
  }
}

/** A commune's tally and its counters by slot, as the reader counts a row into them. */
interface Counting {
  tally: CommuneTally;
  counts: number[];
}

function count(c: number[], slot: number): void {
  // Filled in order, so that the array stays packed.
  while (c.length <= slot) c.push(0);
  c[slot] = (c[slot] ?? 0) + 1;
}

/** A column's texts remembered (`memoText`), a few thousand at most: a column repeats a few. */
function memo<T>(f: (t: string) => T): (t: string) => T {
  return memoText(f, 4096);
}

/** Whether folded words hold a folded phrase as whole words. */
function hasWords(w: string, phrase: string): boolean {
  return w === phrase || ` ${w} `.includes(` ${phrase} `);
}

/** The poor and near-poor groups with the prefix of their deprivation form (Biểu 04, 05). */
function figureGroups(
  forms: FormsCatalogue,
): { cls: HouseholdClass; id: string; prefix: string | null }[] {
  const prefixFor = (groupId: string): string | null =>
    forms.forms.find((f) => f.indicatorPrefix !== undefined && f.columns[0]?.id === groupId)
      ?.indicatorPrefix ?? null;
  return [
    { cls: 'poor', id: forms.roles.poor, prefix: prefixFor(forms.roles.poor) },
    { cls: 'nearPoor', id: forms.roles.nearPoor, prefix: prefixFor(forms.roles.nearPoor) },
  ];
}
