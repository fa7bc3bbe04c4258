/**
 * Whose report a file is and for which period: from the hidden metadata sheet written by
 * `povreport template`, else the title block ("UBND HUYỆN TRẠM TẤU", "6 tháng đầu năm 2022"),
 * else the file (and folder) name.
 */
import type { Registry, UnitSpec } from './catalogue.js';
import { cellAddress, cellAt, type SheetGrid } from './grid.js';
import { isIsoDate } from './schedule.js';
import { cellText } from './recognize.js';
import { fold, foldCompact, foldWords } from './text.js';

/** A report period: `2022-H1` (six months) or `2022` (annual). */
export type Period = string;

/** Whether a string is a period id. */
export function isPeriod(s: string): boolean {
  return /^\d{4}(-H1)?$/.test(s);
}

/** Name of the hidden sheet the form templates carry. */
export const METADATA_SHEET = 'povreport';

/** Whether a sheet is the hidden metadata sheet of a form issued by `povreport template`. */
export function isMetadataSheet(grid: SheetGrid): boolean {
  return foldCompact(grid.name ?? '') === METADATA_SHEET;
}

/** The metadata sheet's name and key/value pairs (with the A1 address of each value), or null. */
export function readMetadata(
  sheets: SheetGrid[],
): { sheet: string; entries: Map<string, { value: string; cell: string }> } | null {
  const sheet = sheets.find(isMetadataSheet);
  if (!sheet) return null;
  const entries = new Map<string, { value: string; cell: string }>();
  for (let r = 0; r < sheet.rows.length; r++) {
    const k = cellText(cellAt(sheet, r, 0));
    const v = cellText(cellAt(sheet, r, 1));
    if (k) entries.set(foldWords(k).replace(/ /g, '_'), { value: v, cell: cellAddress(r, 1) });
  }
  return { sheet: sheet.name ?? METADATA_SHEET, entries };
}

// Kind words of unit names and the abbreviations clerks write for them.
const KIND_FORMS: [string, string[]][] = [
  ['thanh pho', ['thanh pho', 'tp']],
  ['thi xa', ['thi xa', 'tx']],
  ['thi tran', ['thi tran', 'tt']],
  ['huyen', ['huyen']],
  ['phuong', ['phuong']],
  ['xa', ['xa']],
  ['quan', ['quan']],
  ['tinh', ['tinh']],
];

/** The folded ways of writing a unit's name with its kind ("huyen tram tau", "tp yen bai"). */
export function unitTitlePatterns(unit: UnitSpec): string[] {
  const out = new Set<string>();
  for (const name of [unit.name, ...unit.variants]) {
    const w = foldWords(name);
    out.add(w);
    for (const [kind, forms] of KIND_FORMS) {
      if (w.startsWith(`${kind} `)) {
        const rest = w.slice(kind.length + 1);
        for (const f of forms) out.add(`${f} ${rest}`);
        break;
      }
    }
  }
  // A bare short name is not enough in a title: "Trạm Tấu" is also a commune of Trạm Tấu.
  out.delete(foldWords(unit.short));
  return [...out].filter((p) => p.includes(' ') || p.length > 3);
}

/** Units whose name (with its kind) appears in the texts, by code. */
export function unitsInTexts(texts: string[], registry: Registry): UnitSpec[] {
  const found = new Map<string, UnitSpec>();
  const patterns = registry.units.map((u) => [u, unitTitlePatterns(u)] as const);
  for (const t of texts) {
    const w = ` ${foldWords(t)} `;
    // Longest mention wins inside one text ("thi xa nghia lo" over a commune "xa nghia lo").
    let bestLen = 0;
    let bestUnits: UnitSpec[] = [];
    for (const [u, ps] of patterns)
      for (const p of ps)
        if (w.includes(` ${p} `)) {
          if (p.length > bestLen) {
            bestLen = p.length;
            bestUnits = [u];
          } else if (p.length === bestLen && !bestUnits.includes(u)) bestUnits.push(u);
        }
    for (const u of bestUnits) found.set(u.code, u);
  }
  return [...found.values()];
}

/** Units whose short name appears in a file or folder name ("BC 6T2022 - Luc Yen.xlsx"). */
export function unitsInName(name: string, registry: Registry): UnitSpec[] {
  const compact = foldCompact(name);
  const hits: { unit: UnitSpec; start: number; end: number }[] = [];
  for (const u of registry.units) {
    const keys = new Set(
      [u.short, u.name, ...u.variants].map(foldCompact).filter((k) => k.length >= 3),
    );
    for (const k of keys) {
      const i = compact.indexOf(k);
      if (i >= 0) hits.push({ unit: u, start: i, end: i + k.length });
    }
  }
  // Drop a hit contained in a longer hit of another unit.
  const kept = hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o.unit !== h.unit &&
          o.start <= h.start &&
          o.end >= h.end &&
          o.end - o.start > h.end - h.start,
      ),
  );
  const units = new Map<string, UnitSpec>();
  for (const h of kept) units.set(h.unit.code, h.unit);
  return [...units.values()];
}

/** Finds a unit by code, full name or variant (for `--unit`). */
export function findUnit(query: string, registry: Registry): UnitSpec | undefined {
  const q = foldWords(query);
  return registry.units.find(
    (u) =>
      u.code === query.trim() || [u.name, u.short, ...u.variants].some((n) => foldWords(n) === q),
  );
}

/** Periods named in title texts ("6 tháng đầu năm 2022" → 2022-H1, "năm 2022" → 2022). */
export function periodsInTexts(texts: string[]): Period[] {
  const h1 = new Set<string>();
  const other = new Set<string>();
  const annual = new Set<string>();
  for (const t of texts) {
    // A date line ("ngày 10 tháng 6 năm 2022") names no period.
    const w = ` ${foldWords(t)} `
      .replace(/ ngay \d{1,2} thang \d{1,2} nam \d{4} /g, ' ')
      .replace(/ thang \d{1,2} nam \d{4} /g, ' ');
    for (const m of w.matchAll(/ (?:6|06|sau) thang(?: dau)?(?: nam)? (\d{4}) /g))
      if (m[1]) h1.add(`${m[1]}-H1`);
    for (const m of w.matchAll(/ (\d{4}) h1 | h1 (?:nam )?(\d{4}) /g))
      h1.add(`${m[1] ?? m[2] ?? ''}-H1`);
    for (const p of otherPeriods(w)) other.add(p);
    const rest = w.replace(/ (?:6|06|sau) thang(?: dau)?(?: nam)? \d{4} /g, ' ');
    for (const m of rest.matchAll(/ (?:ca )?nam (\d{4}) /g)) if (m[1]) annual.add(m[1]);
  }
  const named = [...h1, ...other];
  return named.length > 0 ? named : [...annual];
}

const SPELLED: Record<string, string> = { ba: '3', chin: '9', sau: '6', mot: '1', hai: '2' };
const QUARTER: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };

/**
 * Periods the plan's reports are not ("9 tháng năm 2022", "6 tháng cuối năm 2022", "quý II năm
 * 2022"), named so that a file reporting one is told apart from the annual report rather than
 * taken for it. They are not period ids: such a file never matches `--period`.
 */
function otherPeriods(w: string): string[] {
  const out: string[] = [];
  for (const m of w.matchAll(/ (\d{1,2}|ba|chin|sau) thang( dau| cuoi)?(?: nam)? (\d{4}) /g)) {
    const n = SPELLED[m[1] ?? ''] ?? String(Number(m[1]));
    if (n === '6' && m[2] !== ' cuoi') continue;
    out.push(`${m[3] ?? ''} (${n} tháng${m[2] === ' cuoi' ? ' cuối năm' : ''})`);
  }
  for (const m of w.matchAll(/ quy (i|ii|iii|iv|[1-4])(?: nam)? (\d{4}) /g))
    out.push(`${m[2] ?? ''} (quý ${QUARTER[m[1] ?? ''] ?? m[1] ?? ''})`);
  return out;
}

/** Periods named in a file or folder name ("MuCangChai_2022-H1", "BC 6T2022", "nam 2022"). */
export function periodsInName(name: string): Period[] {
  const w = fold(name).replace(/\.[a-z0-9]{2,4}$/, '');
  const compact = w.replace(/[^a-z0-9]+/g, '');
  const h1 = new Set<string>();
  for (const re of [
    /(\d{4})h1/g,
    /h1(\d{4})/g,
    /(?:^|[^0-9])0?6t(?:hang)?(?:dau)?(?:nam)?(\d{4})/g,
    /6thang(?:dau)?(?:nam)?(\d{4})/g,
  ])
    for (const m of compact.matchAll(re)) if (m[1]) h1.add(`${m[1]}-H1`);
  if (h1.size > 0) return [...h1];
  const other = otherPeriods(
    ` ${w.replace(/[^a-z0-9]+/g, ' ').replace(/(\d)t(\d{4})/g, '$1 thang $2')} `,
  );
  if (other.length > 0) return other;
  const years = new Set<string>();
  for (const m of w.matchAll(/(?:^|[^0-9])(20\d{2})(?![0-9])/g)) if (m[1]) years.add(m[1]);
  return [...years];
}

/** A report date read from a date line ("Trạm Tấu, ngày 10 tháng 6 năm 2022"). */
export function reportDateInTexts(texts: string[]): string | null {
  for (const t of texts) {
    // "ngày 10 tháng 6 năm 2022", or "ngày 09/6/2022" as in "(Kèm theo Báo cáo số 112/BC-UBND ngày 09/6/2022)".
    const m =
      /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(foldWords(t)) ??
      /ngay\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(fold(t));
    if (m?.[1] && m[2] && m[3]) {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      // A real calendar day only ("ngày 31 tháng 6" is a typing slip, not a date).
      const iso = `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (isIsoDate(iso)) return iso;
    }
  }
  return null;
}
