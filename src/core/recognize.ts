/**
 * Recognising a form in a sheet: where its heading rows are, which form it is, which column holds
 * which indicator, and where its rows of data are. Works on the neutral grid, so xlsx and CSV go
 * through the same code.
 */
import type { FormsCatalogue } from './catalogue.js';
import { cellAt, gridWidth, type SheetCell, type SheetGrid } from './grid.js';
import {
  matchCommon,
  matchHeading,
  partialMatches,
  pathCandidates,
  type MatchKind,
  type PreparedCatalogue,
  type PreparedForm,
} from './headings.js';
import { cleanText, foldCompact, foldWords } from './text.js';

/** How far down a header may start ("anywhere in the first ~30 rows"). */
const MAX_HEADER_START = 40;
/** Deepest heading band tried (group, sub-group, leaf, and one spare). */
const MAX_HEADER_HEIGHT = 4;
/** Widest table looked at. */
const MAX_COLUMNS = 80;

/** One column's reading, for `--verbose` and findings. */
export interface ColumnReading {
  /** 0-based column index. */
  col: number;
  /** The heading as read (levels joined with " / "). */
  heading: string;
  /** Indicator id, `name`, `stt`, or null for a column the form does not know. */
  id: string | null;
  kind?: MatchKind;
}

/** Where a form sits in a sheet. */
export interface FormLayout {
  form: PreparedForm;
  /** 0-based rows of the heading band. */
  headerTop: number;
  headerBottom: number;
  /** A column-number row (A, B, 1, 2…) right under the heading, if any (0-based). */
  numberRow: number | null;
  /** Indicator id → 0-based column. */
  columns: Map<string, number>;
  /** Every column with a heading, in order. */
  readings: ColumnReading[];
  /** Indicator ids found twice: id → the second column. */
  duplicates: { id: string; col: number; other: number }[];
  nameCol: number | null;
  sttCol: number | null;
  /** First 0-based row after the heading (and column-number row). */
  dataStart: number;
}

/** Text of a cell for reading headings and labels. */
export function cellText(cell: SheetCell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cleanText(String(v));
}

/**
 * A reader of cell texts that sees merged ranges filled with their value. The texts of the first
 * `maxRow` rows are computed once: the header search reads each of them many times.
 */
export function mergedTextReader(
  grid: SheetGrid,
  maxRow: number,
): (r: number, c: number) => string {
  const width = Math.min(gridWidth(grid), MAX_COLUMNS);
  const rows = Math.min(grid.rows.length, maxRow + 1);
  const texts: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < width; c++) row.push(cellText(cellAt(grid, r, c)));
    texts.push(row);
  }
  for (const m of grid.merges) {
    if (m.top >= rows || m.left >= width) continue;
    const v = cellText(cellAt(grid, m.top, m.left));
    for (let r = m.top; r <= Math.min(m.bottom, rows - 1); r++)
      for (let c = m.left; c <= Math.min(m.right, width - 1); c++) {
        const row = texts[r];
        if (row && row[c] === '') row[c] = v;
      }
  }
  return (r, c) => texts[r]?.[c] ?? (r < rows ? '' : cellText(cellAt(grid, r, c)));
}

const COLUMN_NUMBER_CELL =
  /^\(?\s*(?:[A-Za-z]|\d{1,2}(?:\s*[=*x×/+\-:.,…]\s*[\d\s=*x×/+\-:.,()…]*)?)\s*\)?$/;

/** Whether a row is the column-number row under a heading (A, B, 1, 2, 3=2/1x100…). */
export function isColumnNumberRow(grid: SheetGrid, r: number, cols: number[]): boolean {
  let seen = 0;
  let lastNumber = -Infinity;
  for (const c of cols) {
    const cell = cellAt(grid, r, c);
    const t = cellText(cell);
    if (t === '') continue;
    if (!COLUMN_NUMBER_CELL.test(t)) return false;
    const n = /^\(?\s*(\d{1,2})/.exec(t);
    if (n?.[1] !== undefined) {
      const v = Number(n[1]);
      if (v <= lastNumber) return false;
      lastNumber = v;
    }
    seen++;
  }
  return seen >= 2;
}

interface Candidate {
  form: PreparedForm;
  top: number;
  height: number;
  score: number;
  hint: boolean;
  matches: Map<number, { id: string; kind: MatchKind; depth: number }>;
}

/**
 * The heading texts of each column of a band, top to bottom. A group heading that spans several
 * columns is merged in a workbook, but a CSV (or a careless copy) keeps it only in its first
 * column ("Hộ nghèo,,,"): an empty upper cell with headings under it takes the group text from
 * its left neighbour, when that neighbour also has headings under it.
 */
export function bandTexts(
  text: (r: number, c: number) => string,
  top: number,
  height: number,
  width: number,
): string[][] {
  const cols: string[][] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let r = top; r < top + height; r++) path.push(text(r, c));
    cols.push(path);
  }
  const below = (r: number, c: number): boolean => {
    for (let rr = r + 1; rr < top + height; rr++) if (text(rr, c) !== '') return true;
    return false;
  };
  for (let r = top; r < top + height - 1; r++) {
    const i = r - top;
    for (let c = 1; c < width; c++) {
      const col = cols[c];
      const left = cols[c - 1];
      if (!col || !left || col[i] !== '' || !below(r, c) || !below(r, c - 1)) continue;
      col[i] = left[i] ?? '';
    }
  }
  return cols;
}

/** Which form a sheet name or title text names ("Biểu 04", "Bieu so 04", "B04"). */
export function formHint(texts: string[], cat: FormsCatalogue): string | null {
  const names = sheetNameIndex(cat);
  for (const t of texts) {
    // Only a short text can be a sheet name or a form label ("Biểu 04", "Biểu số 04:").
    if (t.length > 200) continue;
    const w = foldWords(t);
    const m = /\b(?:bieu|mau|bm|b)\s*(?:so\s*)?0?([1-9])\b/.exec(w);
    if (m?.[1]) {
      const id = `0${m[1]}`;
      if (cat.forms.some((f) => f.id === id)) return id;
    }
    const byName = names.get(w.replace(/ /g, ''));
    if (byName) return byName;
  }
  return null;
}

const sheetNameIndexes = new WeakMap<FormsCatalogue, Map<string, string>>();

/** The forms' known sheet names, folded, → form id (computed once per catalogue). */
function sheetNameIndex(cat: FormsCatalogue): Map<string, string> {
  let idx = sheetNameIndexes.get(cat);
  if (!idx) {
    idx = new Map();
    for (const f of cat.forms) for (const n of f.sheetNames) idx.set(foldCompact(n), f.id);
    sheetNameIndexes.set(cat, idx);
  }
  return idx;
}

/**
 * Finds the best form and heading band in a sheet, or null when no form's headings are there.
 * Score = number of the form's indicators whose heading was found; ties go to the form the sheet
 * name or title names, then to the shallower band.
 */
export function findLayout(
  grid: SheetGrid,
  prepared: PreparedCatalogue,
  cat: FormsCatalogue,
): FormLayout | null {
  const maxRow = Math.min(grid.rows.length - 1, MAX_HEADER_START + MAX_HEADER_HEIGHT);
  if (maxRow < 0) return null;
  const width = Math.min(gridWidth(grid), MAX_COLUMNS);
  const text = mergedTextReader(grid, maxRow);
  // A heading row has at least two cells with words (STT and the unit column, at the least).
  const rowHasText = (r: number): boolean => {
    let n = 0;
    for (let c = 0; c < width; c++) {
      const t = text(r, c);
      if (t !== '' && /[A-Za-zÀ-ỹ]/.test(t) && ++n >= 2) return true;
    }
    return false;
  };
  const rowIsData = (r: number): boolean => {
    let n = 0;
    for (const cell of grid.rows[r] ?? [])
      if (typeof cell?.value === 'number' && ++n >= 3) return true;
    return false;
  };

  // The form a sheet name or a title row names, computed once per row, when first needed.
  const sheetHint = formHint([grid.name ?? ''], cat);
  const rowHints = new Map<number, string | null>();
  const rowHint = (r: number): string | null => {
    let h = rowHints.get(r);
    if (h === undefined) {
      const texts: string[] = [];
      for (let c = 0; c < width; c++) {
        const t = text(r, c);
        if (t) texts.push(t);
      }
      h = formHint(texts, cat);
      rowHints.set(r, h);
    }
    return h;
  };

  let best: Candidate | null = null;
  for (let top = 0; top <= Math.min(MAX_HEADER_START, maxRow); top++) {
    // Once a heading is found, rows of figures below it end the search.
    if (best && rowIsData(top)) break;
    if (!rowHasText(top)) continue;
    let hint = sheetHint;
    for (let r = Math.max(0, top - 12); r < top && hint === null; r++) hint = rowHint(r);
    for (let height = 1; height <= MAX_HEADER_HEIGHT && top + height - 1 <= maxRow; height++) {
      const band = bandTexts(text, top, height, width);
      const cands = band.map((path) => pathCandidates(path));
      for (const form of prepared.forms) {
        const matches = new Map<number, { id: string; kind: MatchKind; depth: number }>();
        const ids = new Set<string>();
        cands.forEach((cc, c) => {
          const m = matchHeading(cc, form);
          if (m) {
            matches.set(c, m);
            ids.add(m.id);
          }
        });
        const score = ids.size;
        const needed = Math.min(3, form.columns.length);
        if (score < needed) continue;
        const isHint = hint === form.spec.id;
        if (
          !best ||
          score > best.score ||
          (score === best.score && isHint && !best.hint) ||
          (score === best.score && isHint === best.hint && height < best.height && top >= best.top)
        ) {
          best = { form, top, height, score, hint: isHint, matches };
        }
      }
    }
  }
  if (!best) return null;
  return buildLayout(grid, extendOverMerges(grid, best, text, width), prepared, text, width);
}

/**
 * Widens the chosen heading band to the whole of the merged heading cells it cuts through: with
 * vertically merged headings, the leaf row alone already names every column (a merged cell is
 * read in each of its rows), but the heading starts where the merges start.
 */
function extendOverMerges(
  grid: SheetGrid,
  best: Candidate,
  text: (r: number, c: number) => string,
  width: number,
): Candidate {
  let top = best.top;
  let bottom = best.top + best.height - 1;
  const crosses = (a: number, b: number): boolean =>
    grid.merges.some((m) => m.top <= a && m.bottom >= b && m.left < width);
  while (top > 0 && best.top - top < MAX_HEADER_HEIGHT && crosses(top - 1, top)) top--;
  while (bottom - top < MAX_HEADER_HEIGHT * 2 && crosses(bottom, bottom + 1)) bottom++;
  if (top === best.top && bottom === best.top + best.height - 1) return best;
  const band = bandTexts(text, top, bottom - top + 1, width);
  const matches = new Map<number, { id: string; kind: MatchKind; depth: number }>();
  band.forEach((path, c) => {
    const m = matchHeading(pathCandidates(path), best.form);
    if (m) matches.set(c, m);
  });
  const score = new Set([...matches.values()].map((m) => m.id)).size;
  return score >= best.score ? { ...best, top, height: bottom - top + 1, score, matches } : best;
}

function buildLayout(
  grid: SheetGrid,
  best: Candidate,
  prepared: PreparedCatalogue,
  text: (r: number, c: number) => string,
  width: number,
): FormLayout {
  const headerTop = best.top;
  const headerBottom = best.top + best.height - 1;
  const columns = new Map<string, number>();
  const duplicates: FormLayout['duplicates'] = [];
  // Resolve two columns claiming one indicator: exact beats words, then the shallower match.
  const byId = new Map<string, number[]>();
  for (const [c, m] of best.matches) byId.set(m.id, [...(byId.get(m.id) ?? []), c]);
  for (const [id, cols] of byId) {
    const sorted = [...cols].sort((a, b) => {
      const ma = best.matches.get(a);
      const mb = best.matches.get(b);
      if (!ma || !mb) return 0;
      if (ma.kind !== mb.kind) return ma.kind === 'exact' ? -1 : 1;
      if (ma.depth !== mb.depth) return ma.depth - mb.depth;
      return a - b;
    });
    const [first, ...rest] = sorted;
    if (first === undefined) continue;
    columns.set(id, first);
    const fm = best.matches.get(first);
    for (const other of rest) {
      const om = best.matches.get(other);
      // Only a true tie is ambiguous; a weaker match is just an unknown column.
      if (fm && om && fm.kind === om.kind && fm.depth === om.depth)
        duplicates.push({ id, col: other, other: first });
      best.matches.delete(other);
    }
  }

  const band = bandTexts(text, headerTop, headerBottom - headerTop + 1, width);
  const headingOf = (c: number): string => {
    const parts: string[] = [];
    for (const t of band[c] ?? []) if (t && parts[parts.length - 1] !== t) parts.push(t);
    return parts.join(' / ');
  };

  const firstIndicatorCol = Math.min(...columns.values());
  let nameCol: number | null = null;
  let sttCol: number | null = null;
  for (let c = 0; c < width; c++) {
    if (best.matches.has(c)) continue;
    const cands = pathCandidates(band[c] ?? []);
    if (nameCol === null && matchCommon(cands, prepared.name)) nameCol = c;
    else if (sttCol === null && matchCommon(cands, prepared.stt)) sttCol = c;
  }

  // Headings worded beyond the catalogue: a column fitting exactly one indicator not yet found,
  // and that indicator fitting no other column.
  const open = new Set(best.form.spec.columns.map((c) => c.id).filter((id) => !columns.has(id)));
  const partial = new Map<number, string>();
  for (let c = 0; c < width; c++) {
    if (best.matches.has(c) || c === nameCol || c === sttCol || open.size === 0) continue;
    if (duplicates.some((d) => d.col === c)) continue;
    const fits = partialMatches(pathCandidates(band[c] ?? []), best.form, open);
    const [only] = fits;
    if (fits.size === 1 && only !== undefined) partial.set(c, only);
  }
  for (const [c, id] of partial) {
    if ([...partial.values()].filter((x) => x === id).length > 1) continue;
    columns.set(id, c);
    best.matches.set(c, { id, kind: 'partial', depth: 1 });
  }

  const dataCols = [...columns.values()];
  let dataStart = headerBottom + 1;
  let numberRow: number | null = null;
  const probeCols = [
    ...new Set([
      ...(sttCol !== null ? [sttCol] : []),
      ...(nameCol !== null ? [nameCol] : []),
      ...dataCols,
    ]),
  ].sort((a, b) => a - b);
  // Skip blank rows, then one column-number row.
  while (
    dataStart < grid.rows.length &&
    probeCols.every((c) => cellText(cellAt(grid, dataStart, c)) === '')
  )
    dataStart++;
  if (dataStart < grid.rows.length && isColumnNumberRow(grid, dataStart, probeCols)) {
    numberRow = dataStart;
    dataStart++;
  }

  if (nameCol === null) {
    // No recognised name heading: the text column left of the first indicator holding most text.
    let bestCount = 0;
    for (let c = 0; c < firstIndicatorCol; c++) {
      if (c === sttCol) continue;
      let n = 0;
      for (let r = dataStart; r < Math.min(grid.rows.length, dataStart + 60); r++) {
        const t = cellText(cellAt(grid, r, c));
        if (t !== '' && /[A-Za-zÀ-ỹ]/.test(t)) n++;
      }
      if (n > bestCount) {
        bestCount = n;
        nameCol = c;
      }
    }
  }

  const readings: ColumnReading[] = [];
  for (let c = 0; c < width; c++) {
    const heading = headingOf(c);
    const m = best.matches.get(c);
    if (m) readings.push({ col: c, heading, id: m.id, kind: m.kind });
    else if (c === nameCol) readings.push({ col: c, heading, id: 'name' });
    else if (c === sttCol) readings.push({ col: c, heading, id: 'stt' });
    else if (heading !== '') readings.push({ col: c, heading, id: null });
  }

  return {
    form: best.form,
    headerTop,
    headerBottom,
    numberRow,
    columns,
    readings,
    duplicates,
    nameCol,
    sttCol,
    dataStart,
  };
}
