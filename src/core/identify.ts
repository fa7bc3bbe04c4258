/**
 * Whose report a file is, for which period and of what date: from the hidden metadata sheet
 * written by `povreport template`, else the texts around the tables (the title block above the
 * heading, the signature block and date line under the table), else the file (and folder) name.
 *
 * The texts arrive as lines, one per sheet row: the row's non-empty cell texts joined with a
 * single space, in sheet order (a date cell as `YYYY-MM-DD`). A line may so hold two blocks side
 * by side ("Nơi nhận: …" on the left, "TM. ỦY BAN NHÂN DÂN" on the right).
 */
import type { Registry, UnitSpec, Vocabulary } from './catalogue.js';
import type { FormerUnit } from './reform.js';
import { cellAddress, cellAt, type SheetGrid } from './grid.js';
import { isIsoDate } from './dates-and-numbers.js';
import { cellText } from './recognize.js';
import { fold, foldCompact, foldWords } from './text.js';

/** A report period: `2022-H1` (six months) or `2022` (annual). */
export type Period = string;

/** Whether a string is a period id. */
export function isPeriod(s: string): boolean {
  return /^\d{4}(-H1)?$/.test(s);
}

/**
 * The first day a report of `period` can be dated (YYYY-MM-DD): a half-year's from its year's
 * start, a year's once its first half is over (1 July).
 */
export function reportsFrom(period: string): string {
  const year = period.slice(0, 4);
  return period.endsWith('-H1') ? `${year}-01-01` : `${year}-07-01`;
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

/**
 * The folded ways of writing a unit's name with its kind, in full or abbreviated as clerks do
 * ("huyen tram tau", "tp yen bai", "UBND H. Văn Yên").
 */
export function unitTitlePatterns(unit: UnitSpec): string[] {
  const out = new Set<string>();
  for (const name of [unit.name, ...unit.variants]) {
    const w = foldWords(name);
    out.add(w);
    for (const { kind, forms } of unit.kinds) {
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

type UnitIndex = { unit: UnitSpec; pattern: string }[];
const indexCache = new WeakMap<Registry, UnitIndex>();

/** Every unit's title patterns, longest first (a registry is read once per run). */
function unitIndex(registry: Registry): UnitIndex {
  const hit = indexCache.get(registry);
  if (hit) return hit;
  const index = registry.units
    .flatMap((unit) => unitTitlePatterns(unit).map((pattern) => ({ unit, pattern })))
    .sort((a, b) => b.pattern.length - a.pattern.length);
  indexCache.set(registry, index);
  return index;
}

/**
 * Units mentioned anywhere in folded words. A mention inside a longer one is not counted ("xa
 * nghia lo" inside "thi xa nghia lo"); two separate mentions both are.
 */
function unitsMentioned(w: string, index: UnitIndex): UnitSpec[] {
  const padded = ` ${w} `;
  const taken: [number, number][] = [];
  const out: UnitSpec[] = [];
  // Longest patterns first, so a shorter one inside a longer mention finds its place taken.
  for (const { unit, pattern } of index)
    for (
      let i = padded.indexOf(` ${pattern} `);
      i >= 0;
      i = padded.indexOf(` ${pattern} `, i + 1)
    ) {
      const end = i + pattern.length + 1;
      if (taken.some(([a, b]) => a <= i && end <= b)) continue;
      taken.push([i, end]);
      if (!out.includes(unit)) out.push(unit);
    }
  return out;
}

/** Units whose name (with its kind) begins the folded words. */
function unitsAtHead(w: string, index: UnitIndex): UnitSpec[] {
  const padded = `${w} `;
  let best = 0;
  const out: UnitSpec[] = [];
  for (const { unit, pattern } of index) {
    if (pattern.length < best) break;
    if (padded.startsWith(`${pattern} `) && !out.includes(unit)) {
      best = pattern.length;
      out.push(unit);
    }
  }
  return out;
}

function addUnits(to: Map<string, UnitSpec>, units: UnitSpec[]): void {
  for (const u of units) to.set(u.code, u);
}

// Words that address the text to its recipient: what follows names the recipient, never the sender.
const RECIPIENT = / ?\b(?:kinh gui|noi nhan|don vi nhan(?: bao cao)?)\b/;
// A line of a list ("- Sở LĐTBXH tỉnh;", "+ UBND huyện …").
const LIST_ITEM = /^\s*[-–—+•*]/;

/** One line read three ways. */
interface TextLine {
  raw: string;
  /** Folded, punctuation kept. */
  f: string;
  /** Folded words. */
  w: string;
  list: boolean;
  /** Whether the line, from its first word, is addressed to a recipient. */
  toRecipient: boolean;
  /** Whether any part of the line is. */
  anyRecipient: boolean;
  /** The folded words before a recipient marker in the line ("" when the whole line is). */
  sender: string;
}

/**
 * The lines with their recipient parts marked. A recipient block starts at "Kính gửi:", "Nơi
 * nhận:" or "Đơn vị nhận báo cáo:" and goes on over the line after a bare marker, over list lines
 * ("- UBND huyện Văn Yên;") and over a line after one that ends in ";" or ",".
 */
function readLines(lines: string[]): TextLine[] {
  const out: TextLine[] = [];
  let inBlock = false;
  let next = false; // the next non-empty line is a recipient
  for (const raw of lines) {
    const f = fold(raw);
    const w = foldWords(raw);
    const list = LIST_ITEM.test(raw);
    if (w === '') {
      out.push({ raw, f, w, list, toRecipient: false, anyRecipient: false, sender: '' });
      continue;
    }
    const continues: boolean = next || (inBlock && list);
    const m: RegExpExecArray | null = continues ? null : RECIPIENT.exec(w);
    if (continues || m) {
      const rest: string = m ? w.slice(m.index + m[0].length).trim() : w;
      inBlock = true;
      next = rest === '' || /[;,]\s*$/.test(f);
      out.push({
        raw,
        f,
        w,
        list,
        toRecipient: !m || m.index === 0,
        anyRecipient: true,
        sender: m ? w.slice(0, m.index).trim() : '',
      });
    } else {
      inBlock = false;
      next = false;
      out.push({ raw, f, w, list, toRecipient: false, anyRecipient: false, sender: w });
    }
  }
  return out;
}

/**
 * The units that sent the report, named in the title block: "UBND HUYỆN TRẠM TẤU", "UBND TP YÊN
 * BÁI" / "PHÒNG LAO ĐỘNG - TB&XH", "Đơn vị báo cáo: UBND huyện Lục Yên", "Biểu tổng hợp … huyện
 * Yên Bình", or the sender of the report a form is appended to ("(Kèm theo Báo cáo số … của UBND
 * huyện Văn Yên)"). Recipients ("Kính gửi: …", "Nơi nhận: …") are never the sender, and a name
 * without its kind word ("Trạm Tấu", also a commune of Trạm Tấu) is not the unit.
 */
export function unitsInTitle(lines: string[], registry: Registry): UnitSpec[] {
  const index = unitIndex(registry);
  const found = new Map<string, UnitSpec>();
  for (const w0 of senders(readLines(lines))) {
    let w = w0;
    // "(Kèm theo Báo cáo số 112/BC-UBND … của UBND huyện Văn Yên)": the sender follows "của".
    const appendix = / kem theo .*? cua (.*)$/.exec(` ${w}`);
    if (appendix) w = appendix[1] ?? '';
    const named = unitsMentioned(w, index);
    addUnits(found, named.length > 0 ? named : officeOf(w, registry));
  }
  return [...found.values()];
}

// A district's labour office, in the ways clerks write it ("PHÒNG LĐTBXH", "Lao động - TB&XH").
const LABOUR =
  '(?:phong )?(?:ldtbxh|ldtb xh|ld tbxh|ld tb xh|ld tb va xh|lao dong tbxh|lao dong tb xh|lao dong tb va xh|lao dong thuong binh va xa hoi|lao dong thuong binh xa hoi)';
// A people's committee, and the kinds of unit one is of.
const COMMITTEE = '(?:uy ban nhan dan|ubnd)';
const COMMITTEE_KINDS = '(?:huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)';
// A labour office and what follows it.
const LABOUR_OFFICE = new RegExp(`^${LABOUR} (.+)$`);

/**
 * The unit whose labour office a line names by the unit's bare name ("PHÒNG LĐTBXH TRẠM TẤU"):
 * a labour office is a district's, never a commune's, so the name is read among the units whose
 * own kind is a reporting unit's ("Huyện Trạm Tấu", not "Xã Trạm Tấu"). None after 2025, when the
 * units are communes.
 */
function officeOf(w: string, registry: Registry): UnitSpec[] {
  const m = LABOUR_OFFICE.exec(w);
  // The motto often shares the row ("PHÒNG LĐTBXH TRẠM TẤU   CỘNG HÒA XÃ HỘI…").
  const rest = (m?.[1] ?? '').replace(MOTTO, '').trim();
  if (rest === '') return [];
  return registry.units.filter((u) => {
    if (foldWords(u.short) !== rest) return false;
    const own = foldWords(u.name);
    return u.kinds.some((k) => k.levels.includes('unit') && own.startsWith(`${k.kind} `));
  });
}

// The motto, often in the title's rows ("UBND XÃ …   CỘNG HÒA XÃ HỘI…", "…   Độc lập - Tự do…").
const MOTTO = / ?\b(?:cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc)\b.*$/;
// A committee's words with its kind and no name ("ỦY BAN NHÂN DÂN XÃ", its name on the next row).
const COMMITTEE_UNNAMED = new RegExp(`^${COMMITTEE}(?: ${COMMITTEE_KINDS})?$`);

/**
 * Each line's sender words; a committee named over two rows ("ỦY BAN NHÂN DÂN XÃ" / "TRẠM TẤU",
 * the motto beside each) is read with the name the next row begins with.
 */
function senders(lines: TextLine[]): string[] {
  return lines.map((line, i) => {
    const own = line.sender.replace(MOTTO, '').trim();
    const next = lines[i + 1];
    if (!COMMITTEE_UNNAMED.test(own) || !next || next.anyRecipient) return line.sender;
    const rest = next.sender.replace(MOTTO, '').trim();
    return rest === '' ? line.sender : `${own} ${rest}`;
  });
}

/** A people's committee of a unit of some kind ("UBND HUYỆN TRẠM TẤU", "ỦY BAN NHÂN DÂN XÃ PÁ HU"). */
const COMMITTEE_OF = new RegExp(`^${COMMITTEE} ${COMMITTEE_KINDS} \\S`);

/**
 * The title lines naming a people's committee the registry does not hold ("UBND HUYỆN TRẠM TẤU"
 * in a report of 2026, when districts are no more; "UBND XÃ PÁ HU", a commune merged into
 * another): the file says who sent it, and it is no unit of the period. As written.
 */
export function unknownSendersInTitle(lines: string[], registry: Registry): string[] {
  const index = unitIndex(registry);
  const out: string[] = [];
  const read = readLines(lines);
  const joined = senders(read);
  for (const [i, line] of read.entries()) {
    const w = joined[i] ?? line.sender;
    if (!COMMITTEE_OF.test(w) || unitsMentioned(w, index).length > 0) continue;
    // The committee's words alone, the motto beside them: its name is on no row.
    if (COMMITTEE_UNNAMED.test(w.replace(MOTTO, '').trim())) continue;
    // The motto often shares the title's row ("UBND HUYỆN X   CỘNG HÒA XÃ HỘI…"): left out.
    const asWritten = (raw: string): string =>
      raw
        .normalize('NFC')
        .replace(/\s*(?:CỘNG\s+H(?:ÒA|OÀ)|ĐỘC\s+LẬP\s*-).*$/iu, '')
        .trim();
    const next = w !== line.sender ? read[i + 1] : undefined;
    out.push([line.raw, next?.raw ?? ''].map(asWritten).filter(Boolean).join(' '));
  }
  return out;
}

// The signature block: "TM." (on behalf of), "KT." (deputy for), "TL.", "TUQ.", "Q." (acting)…
const SIGN_MARK = '(?:tm|t m|kt|tl|tuq|q)';
const SIGN_TITLE =
  '(?:pho chu tich|chu tich|pho truong phong|truong phong|pho giam doc|giam doc|thu truong don vi|thu truong|pho truong ban|truong ban)';
// The district's people's committee and its labour office, in the ways clerks write them.
const SIGN_ORG = `(?:${COMMITTEE}|${LABOUR})`;
const SIGN_HEAD = new RegExp(`^(${SIGN_MARK} )?(${SIGN_TITLE}(?: |$))?(${SIGN_ORG}(?: |$))?`);
const SIGN_MARK_AT = new RegExp(`(?:^| )${SIGN_MARK} (?=${SIGN_TITLE}|${SIGN_ORG})`, 'g');
const ORG_HEAD = new RegExp(`^${SIGN_ORG} `);
const TITLE_HEAD = new RegExp(`^(?:${SIGN_MARK} )?${SIGN_TITLE}(?: |$)`);

/**
 * What a signature head names: units ("TM. UBND HUYỆN TRẠM TẤU", "TRƯỞNG PHÒNG LĐTBXH HUYỆN
 * VĂN CHẤN", "UBND HUYỆN X"), or that the unit follows on the next line ("TM. ỦY BAN NHÂN DÂN").
 */
function signatureAt(w: string, index: UnitIndex): { units: UnitSpec[]; unitNext: boolean } {
  const m = SIGN_HEAD.exec(w);
  if (!m || (!m[2] && !m[3])) return { units: [], unitNext: false };
  const rest = w.slice(m[0].length);
  const units = unitsAtHead(rest, index);
  const unitNext =
    units.length === 0 && m[3] !== undefined && (rest === '' || TITLE_HEAD.test(rest));
  return { units, unitNext };
}

/** The clause after the line's last ";", "." or ":" when it is not the line's start nor a list item. */
function tailClause(line: TextLine): string {
  const i = Math.max(line.f.lastIndexOf(';'), line.f.lastIndexOf('.'), line.f.lastIndexOf(':'));
  if (i < 0) return '';
  const clause = line.f.slice(i + 1);
  return LIST_ITEM.test(clause) ? '' : foldWords(clause);
}

/**
 * The units named by the signature block under a table: "TM. UBND HUYỆN TRẠM TẤU", "TM. ỦY BAN
 * NHÂN DÂN" (or "ỦY BAN NHÂN DÂN") with "HUYỆN LỤC YÊN" on the next line, "KT. CHỦ TỊCH / PHÓ CHỦ
 * TỊCH" under it, "TRƯỞNG PHÒNG LĐTBXH HUYỆN …", "UBND HUYỆN X" alone on a line. The "Nơi nhận:"
 * list beside or above it names recipients, and the place of the date line is only a hint (see
 * {@link placeInDateLine}).
 */
export function unitsInFooter(lines: string[], registry: Registry): UnitSpec[] {
  const index = unitIndex(registry);
  const found = new Map<string, UnitSpec>();
  let unitNext = false;
  for (const line of readLines(lines)) {
    if (line.w === '') continue;
    const heads: string[] = [];
    for (const m of line.w.matchAll(SIGN_MARK_AT)) heads.push(line.w.slice(m.index).trim());
    if (!line.list && !line.toRecipient) heads.push(line.w);
    const tail = line.anyRecipient ? '' : tailClause(line);
    if (tail) heads.push(tail);
    if (unitNext) {
      // The unit of a "TM. ỦY BAN NHÂN DÂN" line, alone or after its organisation's name.
      const own = [...(line.list ? [] : [line.w]), tailClause(line)].filter((s) => s !== '');
      for (const s of own) addUnits(found, unitsAtHead(s.replace(ORG_HEAD, ''), index));
    }
    unitNext = false;
    for (const h of heads) {
      const s = signatureAt(h, index);
      addUnits(found, s.units);
      unitNext ||= s.unitNext;
    }
  }
  return [...found.values()];
}

/** Per registry, the units by the folded forms of their names, and the kind words. */
const datePlaceCache = new WeakMap<
  Registry,
  { forms: Map<string, UnitSpec[]>; kinds: Set<string> }
>();

/** The place names of a date line, made once per registry (every block of every file asks). */
function datePlaces(registry: Registry): { forms: Map<string, UnitSpec[]>; kinds: Set<string> } {
  let places = datePlaceCache.get(registry);
  if (places) return places;
  const forms = new Map<string, UnitSpec[]>();
  for (const u of registry.units)
    for (const p of new Set([foldWords(u.short), ...unitTitlePatterns(u)])) {
      const list = forms.get(p) ?? [];
      if (!list.includes(u)) list.push(u);
      forms.set(p, list);
    }
  const kinds = new Set(
    registry.units.flatMap((u) =>
      u.kinds.flatMap((k) => k.forms.map((f) => f.split(' ').at(-1) ?? f)),
    ),
  );
  places = { forms, kinds };
  datePlaceCache.set(registry, places);
  return places;
}

/**
 * The unit whose seat names the date line ("Trạm Tấu, ngày 10 tháng 6 năm 2022"): a weaker hint
 * than any other, for the caller to use last. The place is the short name, with or without the
 * unit's own kind; another kind word before it ("Xã Trạm Tấu, ngày …") names a commune, and the
 * province's place alone no unit.
 */
export function placeInDateLine(lines: string[], registry: Registry): UnitSpec[] {
  const { forms, kinds } = datePlaces(registry);
  const provinces = new Set(
    [registry.province.place, ...(registry.formerPlaces ?? [])].map((p) => foldWords(p)),
  );
  const found = new Map<string, UnitSpec>();
  for (const line of lines) {
    const f = fold(line);
    const m = /,\s*ngay\b/.exec(f);
    if (!m) continue;
    const words = foldWords(f.slice(0, m.index)).split(' ').filter(Boolean);
    for (let k = Math.min(6, words.length); k >= 1; k--) {
      const place = words.slice(-k).join(' ');
      const units = forms.get(place);
      if (!units) continue;
      const before = words[words.length - k - 1];
      // The province's own place ("Lào Cai, ngày …") dates the province's documents as well as
      // those of the ward of that name: it names no one unit. So does the place of a province
      // merged into it ("Yên Bái, ngày …" in 2026, in any commune of the old Yên Bái).
      if (!provinces.has(place) && (before === undefined || !kinds.has(before)))
        addUnits(found, units);
      break;
    }
  }
  return [...found.values()];
}

/**
 * Units whose short name appears in a file or folder name ("BC 6T2022 - Luc Yen.xlsx"). The
 * province's place names the province, not the unit of that name, where the name says so: after
 * the province's kind word ("… tinh Lao Cai.xlsx" is a commune's file on the province's template,
 * not Phường Lào Cai's), before "cũ" ("tỉnh Yên Bái (cũ)"), or where the file was sent ("… gửi Sở
 * LĐTBXH Yên Bái"); those words are `words` (the vocabulary's `fileNameWords`).
 */
export function unitsInName(
  name: string,
  registry: Registry,
  words: FileNameWords = { former: [], sentTo: [] },
): UnitSpec[] {
  return placesInName(name, registry, words).units;
}

/**
 * A unit's short name written after another kind word than its own ("TT Tram Tau" when the
 * registry's unit is Xã Trạm Tấu; "Huyen Tram Tau" in 2026): the place named is another one of
 * that name (a town, district or commune before a reorganisation), not the unit.
 */
export interface StrangerInName {
  /** The unit of the same name. */
  unit: UnitSpec;
  /** The kind the name gives it, folded ("thi tran"), and as written there ("tt"). */
  kind: string;
  form: string;
}

/**
 * {@link unitsInName}, with the places the name gives another kind than the unit of that name
 * has: those are not the unit (they are `strangers`). Decided by the words next to the name: a
 * name written without spaces ("TramTau") or without a kind word is the unit's, as before.
 */
export function placesInName(
  name: string,
  registry: Registry,
  words: FileNameWords = { former: [], sentTo: [] },
): { units: UnitSpec[]; strangers: StrangerInName[] } {
  const spaced = withoutProvince(name, registry, words);
  const compact = foldCompact(spaced);
  const hits: { unit: UnitSpec; start: number; end: number }[] = [];
  const strangers: StrangerInName[] = [];
  for (const u of registry.units) {
    const keys = new Set(
      [u.short, u.name, ...u.variants].map(foldCompact).filter((k) => k.length >= 3),
    );
    const found: { start: number; end: number }[] = [];
    for (const k of keys) {
      const i = compact.indexOf(k);
      if (i >= 0) found.push({ start: i, end: i + k.length });
    }
    if (found.length === 0) continue;
    const other = otherKindBefore(u, spaced);
    if (other) {
      strangers.push({ unit: u, ...other });
      continue;
    }
    for (const f of found) hits.push({ unit: u, ...f });
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
  return { units: [...units.values()], strangers };
}

/**
 * The other kind a name gives unit `u` (`spaced`: the name's folded words): when each place its
 * short name is written as words comes right after a kind word that is not the unit's own kind
 * ("tt tram tau", "huyen tram tau" for Xã Trạm Tấu). Null when some mention has no kind word or
 * the unit's own, or the short name is not written as words.
 */
function otherKindBefore(u: UnitSpec, spaced: string): { kind: string; form: string } | null {
  const short = foldWords(u.short);
  const full = foldWords(u.name);
  const own = u.kinds.find((k) => full.startsWith(`${k.kind} `))?.kind;
  if (short === '' || own === undefined || short === full) return null;
  const padded = ` ${spaced.trim()} `;
  let other: { kind: string; form: string } | null = null;
  for (let i = padded.indexOf(` ${short} `); i >= 0; i = padded.indexOf(` ${short} `, i + 1)) {
    const before = padded.slice(0, i + 1);
    let said: { kind: string; form: string } | null = null;
    for (const k of u.kinds)
      for (const f of k.forms)
        if (before.endsWith(` ${f} `) && (said === null || f.length > said.form.length))
          said = { kind: k.kind, form: f };
    if (said === null || said.kind === own) return null;
    other ??= said;
  }
  return other;
}

const formerPatterns = new WeakMap<Registry, { former: FormerUnit; patterns: string[] }[]>();

/**
 * The old communes of the reform that made the registry's units (`Registry.former`) that a text
 * names with their kind word, in full or abbreviated ("Xã Hồ Bốn", "TT Trạm Tấu", "X. Hồ Bốn"):
 * a file of 2026 named or headed by a commune merged away. Each once, in the registry's order.
 */
export function formersIn(text: string, registry: Registry): FormerUnit[] {
  if (!registry.former || registry.former.length === 0) return [];
  let index = formerPatterns.get(registry);
  if (!index) {
    const kinds = registry.units[0]?.kinds ?? [];
    index = registry.former.map((former) => {
      const w = foldWords(former.name);
      const kind = kinds.find((k) => w.startsWith(`${k.kind} `));
      const rest = kind ? w.slice(kind.kind.length + 1) : w;
      return { former, patterns: kind ? kind.forms.map((f) => `${f} ${rest}`) : [w] };
    });
    formerPatterns.set(registry, index);
  }
  const padded = ` ${foldWords(text)} `;
  return index
    .filter((x) => x.patterns.some((p) => padded.includes(` ${p} `)))
    .map((x) => x.former);
}

/** The words of a file name around the province's place (the vocabulary's `fileNameWords`). */
export interface FileNameWords {
  former: readonly string[];
  sentTo: readonly string[];
}

/** `name`'s words with the province's place taken out where they name the province (see {@link unitsInName}). */
function withoutProvince(name: string, registry: Registry, words: FileNameWords): string {
  const place = foldWords(registry.province.place);
  const kind = foldWords(registry.province.name).split(' ')[0] ?? '';
  const any = (list: readonly string[]): string | null => {
    const folded = list.map((x) => foldWords(x)).filter((x) => x !== '');
    return folded.length > 0 ? `(?:${folded.join('|')})` : null;
  };
  const former = any(words.former);
  const sentTo = any(words.sentTo);
  let w = ` ${foldWords(name)} `;
  for (const p of new Set([place, ...(registry.formerPlaces ?? []).map((x) => foldWords(x))])) {
    if (p === '') continue;
    if (kind !== '' && kind !== p.split(' ')[0]) w = w.replaceAll(` ${kind} ${p} `, '  ');
    if (former) w = w.replace(new RegExp(` ${p} ${former}(?= )`, 'g'), ' ');
    if (sentTo) w = w.replace(new RegExp(` ${sentTo}(?: [a-z0-9]+){0,8}? ${p}(?= )`, 'g'), ' ');
  }
  return w;
}

const namedByCache = new WeakMap<Registry, Map<string, UnitSpec[]>>();

/**
 * The unit a text names by itself (`--unit`, a list's district column): its code, its name, short name or
 * a variant ("Huyện Lục Yên", "Lục Yên", "TP. Yên Bái"), or its name with its kind word
 * abbreviated as the vocabulary's kind words allow ("H. Lục Yên", "TX Nghĩa Lộ": see
 * {@link unitTitlePatterns}). Null when it names none, `ambiguous` when it names two (not
 * guessed).
 */
export function unitNamedBy(query: string, registry: Registry): UnitSpec | 'ambiguous' | null {
  let byName = namedByCache.get(registry);
  if (!byName) {
    byName = new Map();
    const add = (key: string, u: UnitSpec): void => {
      const list = byName?.get(key);
      if (!list) byName?.set(key, [u]);
      else if (!list.includes(u)) list.push(u);
    };
    for (const u of registry.units) {
      for (const n of [u.name, u.short, ...u.variants]) add(foldWords(n), u);
      for (const p of unitTitlePatterns(u)) add(p, u);
    }
    namedByCache.set(registry, byName);
  }
  const byCode = registry.units.find((u) => u.code === query.trim());
  if (byCode) return byCode;
  const units = byName.get(foldWords(query)) ?? [];
  return units.length === 1 ? (units[0] ?? null) : units.length > 1 ? 'ambiguous' : null;
}

/** The words periods are named with (the vocabulary's `periodWords`). */
export type PeriodWords = Vocabulary['periodWords'];

/** The period words, folded, and the regular expressions built from them. */
interface PeriodGrammar {
  /** Month counts written in words ("sau" → 6). */
  spelled: Map<string, number>;
  /** The folded word of the last months (" cuoi"), as the end group captures it. */
  lastEnd: string;
  /** Dates and a month of a year ("ngày 10 tháng 6 năm 2022", "tháng 6 năm 2022"). */
  dates: RegExp[];
  /** "6T2022", "6T/2022", "BC 6T": the month letter read as the month word. */
  shortWithYear: RegExp;
  shortAlone: RegExp;
  month: string;
  withYear: RegExp;
  noYear: RegExp;
  quarterWithYear: RegExp;
  quarterNoYear: RegExp;
  h1: RegExp;
  /** "kỳ I năm 2022", "kỳ I" (the vocabulary's `firstHalf`), or null when it has none. */
  firstHalfWithYear: RegExp | null;
  firstHalfNoYear: RegExp | null;
  /** "cuối năm 2021", "đầu năm 2022": points in time, not periods. */
  pointInTime: RegExp;
  yearAlone: RegExp;
  /** The same, in a file name without spaces ("6thangdaunam2022", "sauthang2022"). */
  compactH1: RegExp[];
  shortInName: RegExp;
  /** Where the next period's tasks begin (" phuong huong"), or null when the vocabulary has none. */
  outlook: RegExp | null;
}

const grammars = new WeakMap<PeriodWords, PeriodGrammar>();

/** Builds (once per vocabulary) the expressions that read periods from its period words. */
function periodGrammar(words: PeriodWords): PeriodGrammar {
  const hit = grammars.get(words);
  if (hit) return hit;
  const w = (x: string): string => foldWords(x);
  const [day, month, letter, year, quarter, first, last] = [
    w(words.day),
    w(words.month),
    w(words.monthLetter),
    w(words.year),
    w(words.quarter),
    w(words.first),
    w(words.last),
  ];
  const spelled = new Map(Object.entries(words.spelledMonths).map(([k, n]) => [w(k), n]));
  const months = `(\\d{1,2}|${[...spelled.keys()].join('|')})`;
  const ends = `( ${first}| ${last})?`;
  const quarters = `(i|ii|iii|iv|[1-4])`;
  const compact = (x: string): string => x.replace(/ /g, '');
  const sixes = [...spelled].filter(([, n]) => n === 6).map(([k]) => compact(k));
  const halves = (words.firstHalf ?? []).map((x) => w(x)).filter((x) => x !== '');
  const half = halves.length > 0 ? `(?:${halves.join('|')})` : null;
  const grammar: PeriodGrammar = {
    spelled,
    lastEnd: ` ${last}`,
    dates: [
      new RegExp(` ${day} (?:\\d{1,2} )?${month}(?: \\d{1,2})?(?: ${year}(?: \\d{4})?)?(?= )`, 'g'),
      new RegExp(` ${month} \\d{1,2}(?: ${year})? \\d{4}(?= )`, 'g'),
    ],
    shortWithYear: new RegExp(` (?:bc)?(\\d{1,2})${letter} ?(\\d{4})(?= )`, 'g'),
    shortAlone: new RegExp(` (?:bc)?(\\d{1,2})${letter}(?= )`, 'g'),
    month,
    withYear: new RegExp(` ${months} ${month}${ends}(?: ${year})? (\\d{4})(?= )`, 'g'),
    // Without a year: "6 tháng đầu năm", "sơ kết 6 tháng", "kỳ báo cáo: 6 tháng" (not "30 tháng 6").
    noYear: new RegExp(` ${months} ${month}${ends}(?: ${year})?(?= )(?! \\d)`, 'g'),
    quarterWithYear: new RegExp(` ${quarter} ${quarters}(?: ${year})? (\\d{4})(?= )`, 'g'),
    quarterNoYear: new RegExp(` ${quarter} ${quarters}(?: ${year})?(?= )(?! \\d)`, 'g'),
    h1: new RegExp(` (\\d{4}) h1(?= )| h1 (?:${year} )?(\\d{4})(?= )`, 'g'),
    firstHalfWithYear: half ? new RegExp(` ${half}(?: ${year})? (\\d{4})(?= )`, 'g') : null,
    firstHalfNoYear: half ? new RegExp(` ${half}(?: ${year})?(?= )(?! \\d)`, 'g') : null,
    pointInTime: new RegExp(` (?:${last}|${first}) ${year} \\d{4}(?= )`, 'g'),
    yearAlone: new RegExp(` ${year} (\\d{4})(?= )`, 'g'),
    compactH1: [
      /((?:19|20)\d{2})h1/g,
      /h1((?:19|20)\d{2})/g,
      new RegExp(
        `(?:^|[^0-9])0?6(?:${compact(month)}|${compact(letter)})(?:${compact(first)})?(?:${compact(year)})?((?:19|20)\\d{2})`,
        'g',
      ),
      ...(sixes.length > 0
        ? [
            new RegExp(
              `(?:${sixes.join('|')})${compact(month)}(?:${compact(first)})?(?:${compact(year)})?((?:19|20)\\d{2})`,
              'g',
            ),
          ]
        : []),
    ],
    shortInName: new RegExp(`(\\d)${letter} ?(\\d{4})`, 'g'),
    outlook:
      (words.outlook ?? []).length > 0
        ? new RegExp(` (?:${(words.outlook ?? []).map((x) => w(x)).join('|')})(?= )`)
        : null,
  };
  grammars.set(words, grammar);
  return grammar;
}

/**
 * A line's folded words with what never names a period taken out: dates ("ngày 10 tháng 6 năm
 * 2022", "09/6/2022", "2022-06-12"), document numbers ("112/BC-UBND", "07/2021/TT-BLĐTBXH"), a
 * month ("tháng 6 năm 2022"); "6T/2022" read as "6 tháng 2022".
 */
function periodWords(line: string, g: PeriodGrammar): string {
  const f = withoutDates(fold(line)).replace(
    /\d+\s*\/\s*(?:\d{4}\s*\/\s*)?[a-z][a-z0-9&-]*(?:\s*\/\s*[a-z0-9&-]+)*/g,
    ' ',
  );
  let w = ` ${foldWords(f)} `;
  for (const re of g.dates) w = w.replace(re, ' ');
  w = w.replace(g.shortWithYear, ` $1 ${g.month} $2`).replace(g.shortAlone, ` $1 ${g.month}`);
  return w.replace(/ +/g, ' ');
}

/** Folded text without its dates ("2022-06-12", "09/6/2022", "30.6.2022", "30-6-2022"). */
function withoutDates(f: string): string {
  return f
    .replace(/\d{4}-\d{1,2}-\d{1,2}/g, ' ')
    .replace(/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}/g, ' ');
}

const QUARTER: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };

/** A month count, written in figures or in words. */
function monthCount(months: string, g: PeriodGrammar): string {
  const n = g.spelled.get(months);
  return n === undefined ? String(Number(months)) : String(n);
}

/** A period the plan's reports are not, by its months or quarter ("9 tháng", "quý 2"). */
function otherLabel(months: string, end: string | undefined, g: PeriodGrammar): string | null {
  const n = monthCount(months, g);
  const last = end === g.lastEnd;
  if (n === '6' && !last) return null;
  return `${n} tháng${last ? ' cuối năm' : ''}`;
}

/** The period of a number of months ("6", "9"), its end word and its year; null for a month count that is no period. */
function monthsPeriod(
  months: string,
  end: string | undefined,
  year: string,
  g: PeriodGrammar,
): Period | null {
  const n = monthCount(months, g);
  if (Number(n) < 1 || Number(n) > 12) return null;
  if (n === '6' && end !== g.lastEnd) return `${year}-H1`;
  const label = otherLabel(months, end, g);
  return label ? `${year} (${label})` : null;
}

/**
 * Periods named in a title block: `2022-H1` ("6 tháng đầu năm 2022", "sáu tháng đầu năm 2022",
 * "06 tháng năm 2022", "6T/2022", "BC 6T-2022", "6 tháng đầu năm" with "Năm 2022" on another
 * line, "kỳ báo cáo: 6 tháng" with a year elsewhere), `2022` ("Báo cáo năm 2022", "tổng kết năm
 * 2022", "cả năm 2022", "năm 2022" alone) and the periods the plan does not report ("9 tháng năm
 * 2022", "quý II năm 2022", "6 tháng cuối năm 2022"). A date or a document number names no
 * period. When two periods are named, both are returned (for the caller to report ambiguity);
 * "năm 2022" beside "6 tháng đầu năm 2022" is the year of the half, not a second period. The
 * words are the vocabulary's `periodWords`.
 */
export function periodsInTexts(lines: string[], words: PeriodWords): Period[] {
  const g = periodGrammar(words);
  const named = new Set<Period>();
  const years = new Set<string>();
  const yearless: ((year: string) => Period | null)[] = [];
  // The years of the next period's tasks ("…6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối
  // năm 2022"): its period is not the report's, but its year is, when the report's is named
  // without one.
  const outlookYears = new Set<string>();
  for (const line of lines) {
    let w = periodWords(line, g);
    const cut = g.outlook ? w.search(g.outlook) : -1;
    if (cut >= 0) {
      for (const m of w.slice(cut).matchAll(/ ((?:19|20)\d{2})(?= )/g))
        if (m[1]) outlookYears.add(m[1]);
      w = `${w.slice(0, cut)} `;
    }
    for (const m of w.matchAll(g.withYear)) {
      const p = monthsPeriod(m[1] ?? '', m[2], m[3] ?? '', g);
      if (p) named.add(p);
    }
    for (const m of w.matchAll(g.quarterWithYear))
      named.add(`${m[2] ?? ''} (quý ${QUARTER[m[1] ?? ''] ?? m[1] ?? ''})`);
    for (const m of w.matchAll(g.h1)) named.add(`${m[1] ?? m[2] ?? ''}-H1`);
    w = w.replace(g.withYear, ' ').replace(g.quarterWithYear, ' ');
    if (g.firstHalfWithYear && g.firstHalfNoYear) {
      for (const m of w.matchAll(g.firstHalfWithYear)) named.add(`${m[1] ?? ''}-H1`);
      w = w.replace(g.firstHalfWithYear, ' ');
      const rest = w.replace(g.firstHalfNoYear, ' ');
      if (rest !== w) yearless.push((y) => `${y}-H1`);
      w = rest;
    }
    for (const m of w.matchAll(g.noYear)) {
      const months = m[1] ?? '';
      const end = m[2];
      yearless.push((y) => monthsPeriod(months, end, y, g));
    }
    for (const m of w.matchAll(g.quarterNoYear)) {
      const q = QUARTER[m[1] ?? ''] ?? m[1] ?? '';
      yearless.push((y) => `${y} (quý ${q})`);
    }
    w = w.replace(g.noYear, ' ').replace(g.quarterNoYear, ' ').replace(g.pointInTime, ' ');
    for (const m of w.matchAll(g.yearAlone)) if (m[1]) years.add(m[1]);
  }
  if (years.size === 0 && named.size === 0 && yearless.length > 0)
    for (const y of outlookYears) years.add(y);
  for (const y of years)
    for (const make of yearless) {
      const p = make(y);
      if (p) named.add(p);
    }
  const namedYears = new Set([...named].map((p) => p.slice(0, 4)));
  const annual = [...years].filter((y) => !namedYears.has(y));
  return [...named, ...annual];
}

/** Periods named in a file or folder name ("MuCangChai_2022-H1", "BC 6T2022", "nam 2022"). */
export function periodsInName(name: string, words: PeriodWords): Period[] {
  const g = periodGrammar(words);
  // A date names no period ("so lieu den 30.6.2022", "BC ngay 30-6-2022"): not its year either.
  const w = withoutDates(fold(name).replace(/\.[a-z0-9]{2,4}$/, ''));
  const compact = w.replace(/[^a-z0-9]+/g, '');
  const h1 = new Set<string>();
  for (const re of g.compactH1)
    for (const m of compact.matchAll(re)) if (m[1]) h1.add(`${m[1]}-H1`);
  if (h1.size > 0) return [...h1];
  // Words apart, and numbers apart from letters: a form's number run into the period
  // ("Bieu01_6 thang dau nam 2022", "Bieu_01_6thang_2022") hides the "6" from the letters-only
  // reading above, and the half year must not be taken for the year.
  const spaced = ` ${w
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(g.shortInName, `$1 ${g.month} $2`)
    .replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, '$1$2 ')} `;
  const other = new Set<string>();
  for (const m of spaced.matchAll(g.withYear)) {
    const period = monthsPeriod(m[1] ?? '', m[2], m[3] ?? '', g);
    if (period?.endsWith('-H1')) h1.add(period);
    else if (period) other.add(period);
  }
  if (g.firstHalfWithYear)
    for (const m of spaced.matchAll(g.firstHalfWithYear)) h1.add(`${m[1] ?? ''}-H1`);
  if (h1.size > 0) return [...h1];
  for (const m of spaced.matchAll(g.quarterWithYear))
    other.add(`${m[2] ?? ''} (quý ${QUARTER[m[1] ?? ''] ?? m[1] ?? ''})`);
  if (other.size > 0) return [...other];
  const years = new Set<string>();
  for (const m of w.matchAll(/(?:^|[^0-9])(20\d{2})(?![0-9])/g)) if (m[1]) years.add(m[1]);
  return [...years];
}

// A document's own number or a cover report it is appended to: its date is the report's when no
// date line says better ("Số: 112/BC-UBND ngày 09/6/2022", "(Kèm theo Báo cáo số … ngày …)").
const OWN_REFERENCE = /^\(?\s*so\b|\bkem theo (?:bao cao|cong van|to trinh|van ban)\b/;

/**
 * The report's date, ISO: from a date line ("Trạm Tấu, ngày 10 tháng 6 năm 2022", "Ngày
 * 12/06/2022", "ngày 12-6-2022", "ngày 12.06.2022", "Ngày báo cáo: 2022-06-12" with a date cell),
 * else from the report's own number or the cover report a form is appended to ("Kèm theo Báo
 * cáo số 112/BC-UBND ngày 09/6/2022"). Dates of other documents ("Căn cứ Kế hoạch số … ngày …")
 * are not the report's; only real calendar days count.
 */
export function reportDateInTexts(lines: string[]): string | null {
  let weak: string | null = null;
  for (const line of lines) {
    const f = fold(line);
    const found: { iso: string; at: number }[] = [];
    for (const m of f.matchAll(DATE_DMY)) found.push({ iso: isoOf(m[3], m[2], m[1]), at: m.index });
    for (const m of f.matchAll(DATE_ISO)) found.push({ iso: isoOf(m[1], m[2], m[3]), at: m.index });
    for (const m of f.matchAll(DATE_WORDS))
      found.push({ iso: isoOf(m[3], m[2], m[1]), at: m.index });
    found.sort((a, b) => a.at - b.at);
    for (const { iso, at } of found) {
      if (!isIsoDate(iso)) continue;
      if (!isReference(f.slice(0, at))) return iso;
      if (weak === null && OWN_REFERENCE.test(foldWords(line))) weak = iso;
    }
  }
  return weak;
}

// "ngày 12/06/2022", "Ngày báo cáo: 2022-06-12" (a date cell), "ngày 12 tháng 06 năm 2022".
const DATE_LABEL = String.raw`ngay(?:\s+(?:bao cao|lap bieu|lap|ky|bc))?\s*:?\s*`;
const DATE_DMY = new RegExp(
  String.raw`${DATE_LABEL}(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`,
  'g',
);
const DATE_ISO = new RegExp(String.raw`${DATE_LABEL}(\d{4})-(\d{2})-(\d{2})`, 'g');
const DATE_WORDS = new RegExp(
  String.raw`${DATE_LABEL}(\d{1,2})[\s,]+thang[\s,]+(\d{1,2})[\s,]+nam[\s,]+(\d{4})`,
  'g',
);

function isoOf(y: string | undefined, m: string | undefined, d: string | undefined): string {
  return `${y ?? ''}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

/** Whether the text before "ngày" makes it another document's date rather than a date line. */
function isReference(before: string): boolean {
  // "Trạm Tấu, ngày …", "Số: 112/BC-UBND   Trạm Tấu, ngày …": a place and a comma.
  if (/,\s*$/.test(before) || before.trim() === '') return false;
  // "… số 112/BC-UBND ngày …"; "Kèm theo …", "Căn cứ …", "Thực hiện …", "theo Công văn …" just
  // before it (the line holds the whole row: words further left may be another cell's).
  const recent = foldWords(before).split(' ').slice(-8).join(' ');
  return (
    /\d+\s*\/\s*[a-z0-9&/-]*[a-z][a-z0-9&/-]*\s*$/.test(before) ||
    /\b(?:kem theo|can cu|thuc hien|theo (?:cong van|ke hoach|quyet dinh|bao cao|thong tu|nghi dinh|van ban|to trinh|huong dan))\b/.test(
      recent,
    )
  );
}
