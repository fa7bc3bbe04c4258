/**
 * The household list behind the summary forms (issue 11): each household checked against the
 * scoring rules of the standard, and the commune's figures derived from the list, by the ids of
 * the forms, so the summary can be proved or disproved cell by cell.
 *
 * Pure: the reader (which column is which, what a flag cell says) hands over households already
 * read; the standard (its lines and indicators) and the forms (their indicator prefixes) are
 * data. A household is known here by its code and its row, never by its head's name or birth
 * year, which the reader does not pass on.
 *
 * Scoring (Circular 07/2021/TT-BLĐTBXH, Appendices III and IV; Decree 07/2021/NĐ-CP): the income
 * score A and the deprivation score B = points × flags set; poor when A is at most the area's
 * line and B at least the poor threshold; near-poor when A is at most the line and B below it;
 * neither above the line.
 */
import type { FormsCatalogue, Standard } from './schemas.js';
import type { Values } from './consolidate.js';

/** How a list classifies a household. */
export type HouseholdClass = 'poor' | 'nearPoor' | 'other';

/** Rural or urban: sets the income line. */
export type Area = 'rural' | 'urban';

/**
 * How the household moved this period, as the list's status column says it, named by the form
 * column it counts in (Biểu 02/03): `poor_new`, `poor_relapsed`, `near_poor_to_poor`,
 * `near_poor_new`, `near_poor_relapsed`, `poor_to_near_poor`; `null` for an old household or no
 * status column.
 */
export type HouseholdMove = string | null;

/** One household of a list, as the reader read it. */
export interface Household {
  /** Where it is, for findings: the sheet (null for a CSV) and the 0-based row of the head. */
  sheet: string | null;
  row: number;
  /** The household code, trimmed; null when the cell is blank. */
  code: string | null;
  /** The commune's key (the registry sub-unit's code or folded name) the household belongs to. */
  commune: string;
  /** From the list's area column, else the commune's kind; null when neither says. */
  area: Area | null;
  /** Persons in the household: the members column, else the member rows counted. */
  members: number | null;
  /** Score A (income) and B (deprivation); null when blank or not a number. */
  scoreIncome: number | null;
  scoreDeprivation: number | null;
  /**
   * What a score's cell says when it is filled but not a number ("bốn mươi", "#N/A"); absent or
   * null when it is a number or blank. A score is never personal data.
   */
  scoreIncomeText?: string | null;
  scoreDeprivationText?: string | null;
  /**
   * Whether the list has a column for score B: a household's blank B is then a B of 0, wrong
   * when any flag is set.
   */
  hasScoreDeprivation?: boolean;
  /** Whether the list has a members column (false: the members are not checked). */
  hasMembers?: boolean;
  /**
   * The deprivation flags in the order of the standard's indicators: true set, false not set,
   * null when the cell says neither (a word the reader does not know). Empty when the list's flags
   * were not read (their block was not found or is out of order: the sheet says so once).
   */
  flags: (boolean | null)[];
  /** The classification as written; null when the list has no such column or the cell is blank. */
  classification: HouseholdClass | null;
  /** Whether the household is of an ethnic minority; null when the list does not say. */
  ethnicMinority: boolean | null;
  move: HouseholdMove;
}

/** What is wrong with one household, as data (the catalogue turns it into a finding). */
export type HouseholdProblem =
  | { kind: 'flag-unreadable'; indicator: number }
  | { kind: 'score-deprivation'; written: number | string; flags: number; expected: number }
  | { kind: 'score-income'; written: number | string }
  | { kind: 'status'; move: string; written: HouseholdClass; implied: HouseholdClass }
  | {
      kind: 'classification';
      written: HouseholdClass;
      expected: HouseholdClass;
      scoreIncome: number;
      scoreDeprivation: number;
      incomeLine: number;
      poorThreshold: number;
    }
  | { kind: 'classification-unknown'; why: 'no-income-score' | 'no-area' }
  | { kind: 'members'; written: number | null }
  | { kind: 'code-missing' }
  | { kind: 'code-repeated'; first: { sheet: string | null; row: number } }
  | { kind: 'code-other-commune'; other: string; first: { sheet: string | null; row: number } };

/** A problem and the household it is about. */
export interface HouseholdFinding {
  household: Pick<Household, 'sheet' | 'row' | 'code' | 'commune'>;
  problem: HouseholdProblem;
}

/** The scoring lines of a standard, or why it has none. */
export interface ScoringLines {
  incomeScoreAtMost: Record<Area, number>;
  pointsPerDeprivation: number;
  poorWhenDeprivationScoreAtLeast: number;
}

/** The standard's scoring lines; null when the standard gives none (a list cannot be scored). */
export function scoringOf(standard: Standard): ScoringLines | null {
  return standard.classification?.scoring ?? null;
}

/**
 * A household code as codes are compared: in capitals ("h0012" is "H0012"), Vietnamese letters
 * by the Vietnamese rules; a plain ASCII code (nearly all) the quick way.
 */
export function codeKey(code: string): string {
  return /^[ -~]*$/.test(code) ? code.toUpperCase() : code.toLocaleUpperCase('vi');
}

/**
 * A code cell of one piece of ASCII letters and digits ("H0000001", "045850027"), nearly every
 * code: a code and nothing more when it holds a digit (true), no code when it does not (false),
 * without the code's rules ({@link leadingCode}; {@link plainCodeBytes} tells the same from
 * bytes). Null when the text is not one such piece. Told from its letters: this runs once a row.
 */
function plainCodeText(text: string): boolean | null {
  const n = text.length;
  if (n === 0) return null;
  let digit = false;
  for (let k = 0; k < n; k++) {
    const b = text.charCodeAt(k);
    if (b >= 0x30 && b <= 0x39) digit = true;
    else if (!((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) return null;
  }
  return digit;
}

/**
 * {@link isCodeOnly} of the ASCII text in `bytes[s, e)` when it is one plain piece (see
 * {@link plainCodeText}): whether it holds a digit; null when it is not one such piece.
 */
export function plainCodeBytes(bytes: Uint8Array, s: number, e: number): boolean | null {
  if (e <= s) return null;
  let digit = false;
  for (let k = s; k < e; k++) {
    const b = bytes[k] as number;
    if (b >= 0x30 && b <= 0x39) digit = true;
    else if (!((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) return null;
  }
  return digit;
}

/**
 * The household code a code cell's text holds: its pieces from the start while each is a code's (a
 * digit in it, "045880001", "04588E010021", or a first few capitals, "TT-12", "HN 045"). `extra`:
 * more follows ("045850027 - <the head's name> 1950"), which may be a person's and is never
 * repeated. Null when no leading piece has a digit (a name typed where the code goes).
 */
export function leadingCode(text: string): { code: string; extra: boolean } | null {
  // One piece of ASCII letters and digits ("H0000001", "045850027"), nearly every code, is one
  // piece of a code when it holds a digit, else none: told without splitting (once a row).
  const plain = plainCodeText(text);
  if (plain !== null) return plain ? { code: text, extra: false } : null;
  const t = text.trim();
  const pieces = t.split(/([\s\-_./]+)/);
  let end = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    const p = pieces[i] ?? '';
    const ok = /^[\p{L}\d]*\d[\p{L}\d]*$/u.test(p) || (i === 0 && /^\p{Lu}{1,4}$/u.test(p));
    if (!ok) break;
    end = i + 1;
  }
  const code = pieces.slice(0, end).join('');
  if (!/\d/.test(code)) return null;
  return { code, extra: end < pieces.length };
}

/**
 * Whether a code cell's text is a household code and nothing more ("045850027", "TT-12"; not
 * "356 hộ", "045850027 - <name>", a name): digits only are told without the code's rules.
 */
export function isCodeOnly(text: string): boolean {
  // One plain piece, nearly every code, told without the code's rules: this runs once a row.
  const plain = plainCodeText(text);
  if (plain !== null) return plain;
  const lead = leadingCode(text);
  return lead !== null && !lead.extra;
}

/**
 * A household code as it is compared (with {@link codeKey}): a code of digits only without its
 * leading zeros, which a cell Excel keeps as a number cannot hold ("045850123" typed there is
 * 45850123), nor a CSV saved again by Excel: the same household either way. The list reader says
 * so when a sheet's codes differ in them (`list-code-leading-zero`).
 */
export function withoutLeadingZeros(code: string): string {
  return /^\d+$/.test(code) ? code.replace(/^0+(?=\d)/, '') : code;
}

/** How many flags are set; unreadable ones are not counted. */
export function flagsSet(h: Pick<Household, 'flags'>): number {
  let n = 0;
  for (const f of h.flags) if (f === true) n++;
  return n;
}

/**
 * The classification the scores give: null when it cannot be known (no income score, no area).
 * The deprivation score used is the one the flags give, so a wrong B is its own problem and does
 * not also make the classification wrong.
 */
export function expectedClass(
  h: Pick<Household, 'scoreIncome' | 'area' | 'flags'>,
  lines: ScoringLines,
): HouseholdClass | null {
  if (h.scoreIncome === null || h.area === null) return null;
  if (h.scoreIncome > lines.incomeScoreAtMost[h.area]) return 'other';
  if (h.flags.length === 0) return null;
  const b = lines.pointsPerDeprivation * flagsSet(h);
  return b >= lines.poorWhenDeprivationScoreAtLeast ? 'poor' : 'nearPoor';
}

/**
 * The class a household is in after the move its status names (by the form column it counts in):
 * `…_to_poor` / `…_to_near_poor` the class it went to; `poor_…` poor; `near_poor_…` near-poor.
 */
export function classOfMove(move: string): HouseholdClass | null {
  // A list's moves are a handful of ids, asked once per household: each answered once.
  let cls = moveClasses.get(move);
  if (cls === undefined) {
    cls = moveClass(move);
    if (moveClasses.size >= 1024) moveClasses.clear();
    moveClasses.set(move, cls);
  }
  return cls;
}
const moveClasses = new Map<string, HouseholdClass | null>();

function moveClass(move: string): HouseholdClass | null {
  const to = /_to_(near_poor|poor)$/.exec(move);
  if (to) return to[1] === 'poor' ? 'poor' : 'nearPoor';
  if (move.startsWith('near_poor_')) return 'nearPoor';
  if (move.startsWith('poor_')) return 'poor';
  return null;
}

/**
 * Whether a household of class `cls` counts in the move its status says: unless the move implies
 * another class ("Nghèo mới" on a near-poor household, a `list-status` error).
 */
export function countsAs(move: string, cls: HouseholdClass | null): boolean {
  const implied = classOfMove(move);
  return implied === null || cls === null || implied === cls;
}

/** How a blank score is written in a finding. */
const BLANK = '(trống)';

/** The problems of one household taken alone (the code's uniqueness is the list's check). */
export function checkHousehold(h: Household, lines: ScoringLines): HouseholdProblem[] {
  const out: HouseholdProblem[] = [];
  // Flags not read (an empty list) are not "none set": B and poor against near-poor are not known.
  const notRead = h.flags.length === 0;
  let unreadable = notRead;
  let set = 0;
  for (let i = 0; i < h.flags.length; i++) {
    const f = h.flags[i];
    if (f === true) set++;
    else if (f === null) {
      out.push({ kind: 'flag-unreadable', indicator: i + 1 });
      unreadable = true;
    }
  }
  const expectedB = lines.pointsPerDeprivation * set;
  if (h.scoreDeprivation !== null && !unreadable && h.scoreDeprivation !== expectedB)
    out.push({
      kind: 'score-deprivation',
      written: h.scoreDeprivation,
      flags: set,
      expected: expectedB,
    });
  else if (h.scoreDeprivation === null && !unreadable) {
    // Not a number, or blank where the list has the column and some flag is set: B is not what
    // the flags make it (a blank B of a household lacking nothing is its 0).
    const text = h.scoreDeprivationText ?? '';
    if (text !== '' || (h.hasScoreDeprivation === true && expectedB !== 0))
      out.push({
        kind: 'score-deprivation',
        written: text === '' ? BLANK : text,
        flags: set,
        expected: expectedB,
      });
  }
  // Score A is a number of 0 or more: a negative one (or a text) is no score, and the household
  // would be taken as under any line.
  const incomeText = h.scoreIncomeText ?? '';
  let incomeWrong = true;
  if (h.scoreIncome !== null && h.scoreIncome < 0)
    out.push({ kind: 'score-income', written: h.scoreIncome });
  else if (h.scoreIncome === null && incomeText !== '')
    out.push({ kind: 'score-income', written: incomeText });
  else incomeWrong = false;
  if (h.classification !== null && (!unreadable || notRead) && !incomeWrong) {
    const expected = expectedClass(h, lines);
    const known = h.scoreIncome !== null && h.area !== null;
    // Unknown for want of flags (under the line, poor or near-poor is theirs to say): the sheet's
    // finding already says they were not read.
    if (expected === null && !known)
      out.push({
        kind: 'classification-unknown',
        why: h.scoreIncome === null ? 'no-income-score' : 'no-area',
      });
    else if (
      expected !== null &&
      expected !== h.classification &&
      h.scoreIncome !== null &&
      h.area !== null
    )
      out.push({
        kind: 'classification',
        written: h.classification,
        expected,
        scoreIncome: h.scoreIncome,
        scoreDeprivation: notRead ? (h.scoreDeprivation ?? 0) : expectedB,
        incomeLine: lines.incomeScoreAtMost[h.area],
        poorThreshold: lines.poorWhenDeprivationScoreAtLeast,
      });
  }
  // The status says what the household became ("Nghèo mới": poor); its classification must agree.
  const implied = h.move === null ? null : classOfMove(h.move);
  if (implied !== null && h.classification !== null && implied !== h.classification)
    out.push({
      kind: 'status',
      move: h.move ?? '',
      written: h.classification,
      implied,
    });
  // A list without the members column leaves them unchecked (there is no cell to point to).
  if (
    h.hasMembers !== false &&
    (h.members === null || !Number.isInteger(h.members) || h.members < 1)
  )
    out.push({ kind: 'members', written: h.members });
  if (h.code === null) out.push({ kind: 'code-missing' });
  return out;
}

/**
 * Checks every household of the lists of one run: each alone, and each code once in one
 * commune. Codes are compared as written, trimmed, case folded: "h001" and "H001" are the same
 * household. Linear in the number of households (one index of codes).
 */
export function checkHouseholds(
  households: Iterable<Household>,
  lines: ScoringLines,
): HouseholdFinding[] {
  const out: HouseholdFinding[] = [];
  const seen = new Map<string, Household>();
  for (const h of households) {
    for (const problem of checkHousehold(h, lines)) out.push({ household: h, problem });
    if (h.code === null) continue;
    const key = codeKey(withoutLeadingZeros(leadingCode(h.code)?.code ?? h.code));
    const first = seen.get(key);
    if (!first) {
      seen.set(key, h);
      continue;
    }
    const where = { sheet: first.sheet, row: first.row };
    out.push({
      household: h,
      problem:
        first.commune === h.commune
          ? { kind: 'code-repeated', first: where }
          : { kind: 'code-other-commune', other: first.commune, first: where },
    });
  }
  return out;
}

/** The figures a list gives for one commune (or a unit), besides the form ids. */
export interface DerivedFigures {
  /** By form column id: poor, near_poor, *_ethnic_minority, *_deprivations, *_lack_*, moves. */
  values: Values;
  /** Households in the list, and member rows under them (persons, not households). */
  householdRows: number;
  memberRows: number;
}

/** Which class a household counts in: as written, else as its scores give. */
function classOf(h: Household, lines: ScoringLines): HouseholdClass | null {
  return h.classification ?? expectedClass(h, lines);
}

/**
 * What a commune's list says its summary forms should hold. Group ids and the deprivation
 * columns come from the forms (`indicatorPrefix` of the poor and near-poor deprivation forms, in
 * the standard's order of indicators), the moves from the households' `move`. A figure the list
 * cannot give (no ethnicity column, no status column, a household of the group whose ethnicity
 * is blank or unreadable) is null, never 0.
 *
 * @param hasColumn - Whether the list has the ethnicity and the status columns.
 * @param moveIds - The form columns the status words count in (Biểu 02 and 03: `poor_new`,
 *   `poor_relapsed`, …), from the list vocabulary; each is given, 0 when no household moved so.
 */
export function deriveFigures(
  households: readonly Household[],
  memberRows: number,
  lines: ScoringLines,
  standard: Standard,
  forms: FormsCatalogue,
  hasColumn: { ethnicity: boolean; status: boolean },
  moveIds: readonly string[],
): DerivedFigures {
  const { poor, nearPoor } = forms.roles;
  const groups: { cls: HouseholdClass; id: string }[] = [
    { cls: 'poor', id: poor },
    { cls: 'nearPoor', id: nearPoor },
  ];
  const values: Values = {};
  const prefixFor = (groupId: string): string | null => {
    const form = forms.forms.find(
      (f) =>
        f.indicatorPrefix !== undefined &&
        f.columns.some((c) => c.id === groupId) &&
        f.columns[0]?.id === groupId,
    );
    return form?.indicatorPrefix ?? null;
  };
  for (const g of groups) {
    const members = households.filter((h) => classOf(h, lines) === g.cls);
    values[g.id] = members.length;
    // A household of the group whose ethnicity is not known leaves the figure unknown.
    values[`${g.id}_ethnic_minority`] =
      hasColumn.ethnicity && members.every((h) => h.ethnicMinority !== null)
        ? members.filter((h) => h.ethnicMinority === true).length
        : null;
    const prefix = prefixFor(g.id);
    if (prefix === null) continue;
    let total = 0;
    standard.indicators.forEach((ind, i) => {
      const n = members.filter((h) => h.flags[i] === true).length;
      values[`${prefix}${ind.id}`] = n;
      total += n;
    });
    values[`${g.id}_deprivations`] = total;
  }
  if (hasColumn.status) {
    const moves = new Map<string, number>();
    for (const h of households)
      if (h.move !== null && countsAs(h.move, classOf(h, lines)))
        moves.set(h.move, (moves.get(h.move) ?? 0) + 1);
    for (const id of moveIds) values[id] = moves.get(id) ?? 0;
  }
  return { values, householdRows: households.length, memberRows };
}

/** One figure where the summary and the list differ. */
export interface FigureDifference {
  id: string;
  summary: number;
  list: number;
}

/**
 * The figures where a unit's summary forms and its list disagree: every id the list gives a
 * number for and the summary has a number for. An id the summary lacks or leaves blank is not a
 * difference (the form's own checks say so).
 */
export function compareWithSummary(summary: Values, list: Values): FigureDifference[] {
  const out: FigureDifference[] = [];
  for (const [id, n] of Object.entries(list)) {
    const s = summary[id];
    if (n === null || n === undefined || s === null || s === undefined) continue;
    if (s !== n) out.push({ id, summary: s, list: n });
  }
  return out;
}
