/**
 * The household codes seen in a run's lists (issue 11): a code is one household in one commune
 * across every list sent, so each code's first place is kept, and a code met again is a repeat
 * of it.
 *
 * A province's million codes are kept in typed arrays — the codes' letters in one arena, an
 * open-addressing table of their slots, one number per code for its place (interned) and row —
 * not as a million strings and objects the garbage collector would walk on every pass. The arena
 * and the per-code numbers grow by pages, never copied: memory follows the codes held, without
 * the doubling's moment of twice as much.
 *
 * A list's codes are told as it is read ({@link CodeIndex.addCode}) and looked up together when
 * its reader asks for its repeats ({@link CodeIndex.takeRepeats}). A code looked up as it comes
 * lands on a random entry of a table of many megabytes, a wait on the memory per household
 * (a quarter of a second a million); looked up together in the order of their entries, they walk
 * the table once from start to end. The answers are those of looking each code up as it comes:
 * codes equal to each other are taken in the order they were told, so the first one told is the
 * one the others repeat.
 */
import { codeKey, withoutLeadingZeros } from './household.js';

/** Where a household was seen first. */
export interface CodeSeen {
  commune: string;
  file: string;
  sheet: string | null;
  row: number;
}

/** A code met again: where, as written there, and where it was seen first. */
export interface CodeRepeat {
  /** The 0-based row of the repeat, in its reader's sheet. */
  row: number;
  /** The code as written in that row. */
  code: string;
  /** The unit's code the repeat was counted under ('' for none). */
  unit: string;
  commune: string;
  first: CodeSeen;
}

/** A place codes are seen at: a reader's file and sheet, a unit and a commune. */
interface Place {
  reader: number;
  unit: string;
  commune: string;
}

/** Rows per place in a packed position (more than a sheet's 1 048 576). */
const ROWS = 2 ** 21;
/** The most codes room is made for ahead (a hint past it is an estimate gone wrong). */
const MAX_RESERVE = 1 << 22;
/** Slots per page of the per-code numbers, and letters per page of the arena. */
const SLOT_BITS = 16;
const SLOT_PAGE = 1 << SLOT_BITS;
const SLOT_MASK = SLOT_PAGE - 1;
const CHAR_PAGE = 1 << 20;
/** The longest key kept in the arena (a longer one is kept as a string). */
const MAX_NARROW = 1024;
/** "|", between a unit's code and a household code in a key. */
const BAR = 0x7c;
/** Codes waiting fewer than this are looked up in the order told (sorting would cost more). */
const SORT_FROM = 256;
/**
 * Entries of a stretch of the table the waiting codes are sorted by (16 KB: in the processor's
 * nearest caches).
 */
const STRETCH = 2048;

export class CodeIndex {
  /**
   * The letters of the keys whose every letter fits a byte (nearly all: ASCII), by page: the
   * unit's code, "|" and the code as written (small letters and capitals are one when compared).
   */
  private readonly charPages: Uint8Array[] = [];
  /** Where the next key's letters go (page * CHAR_PAGE + offset). */
  private used = 0;
  /** Per slot, by page: where its key starts, its length, its packed place and row. */
  private readonly startPages: Uint32Array[] = [];
  private readonly lengthPages: Uint16Array[] = [];
  private readonly packedPages: Float64Array[] = [];
  /** Slots given: every code told, repeats too. */
  private count = 0;
  /** Slots looked up: those from `settled` on wait. */
  private settled = 0;
  /** Codes held once each (the table's and `wide`'s). */
  private distinct = 0;
  /** Slots in the table. */
  private inTable = 0;
  /**
   * Open addressing, two numbers per entry: slot + 1 (0 for empty) and the slot's hash beside it
   * (in the same cache line), to pass other keys by without reading their letters.
   */
  private table = new Int32Array(2 << 13);
  /** Entries of `table`. */
  private entries = 1 << 13;
  /** The rare keys with a letter beyond a byte, or too long (kept as strings): their slot. */
  private readonly wide = new Map<string, number>();
  /** The hashes of the waiting slots, by page of their offset from `settled` (pages reused). */
  private readonly hashPages: Int32Array[] = [];
  /** The waiting slots' written codes not kept in the arena as written, and the wide keys. */
  private readonly waitingWritten = new Map<number, string>();
  private readonly waitingKeys = new Map<number, string>();
  /** The waiting narrow slots' hashes and offsets in the order of their entries (reused). */
  private sortedHash = new Int32Array(0);
  private sortedOffset = new Uint32Array(0);
  private readonly places: Place[] = [];
  private readonly placeIds = new Map<string, number>();
  private lastPlace = -1;
  private readonly readers: { file: string; sheet: string | null }[] = [];
  private readonly readerIds = new Map<string, number>();
  /** Per reader: its repeats found and not yet taken. */
  private readonly repeats = new Map<number, CodeRepeat[]>();

  /** Codes held once each. */
  get size(): number {
    this.settle();
    return this.distinct;
  }

  /** The number the codes of one sheet of one file are told under (see {@link addCode}). */
  reader(file: string, sheet: string | null): number {
    const key = `${file}\u0000${sheet ?? '\u0001'}`;
    let id = this.readerIds.get(key);
    if (id === undefined) {
      id = this.readers.length;
      this.readers.push({ file, sheet });
      this.readerIds.set(key, id);
    }
    return id;
  }

  /**
   * Tells the household code `code` of unit `unit`, seen by reader `reader` at `row` of commune
   * `commune`: the key `unit|codeKey(withoutLeadingZeros(code))` (a code of digits compared
   * without its leading zeros). Whether it repeats an earlier code is told by {@link takeRepeats}.
   * A plain code (printable ASCII, nearly all) is hashed in capitals and kept as written (its
   * zeros too), from its letters, without the key made as a string.
   */
  addCode(reader: number, unit: string, code: string, commune: string, row: number): void {
    const place = this.placeId(reader, unit, commune);
    const length = unit.length + 1 + code.length;
    if (!isPrintableAscii(code) || !fitsBytes(unit) || length > MAX_NARROW) {
      const slot = this.addKey(`${unit}|${codeKey(withoutLeadingZeros(code))}`, place, row);
      this.waitingWritten.set(slot, code);
      return;
    }
    const slot = this.newSlot(place, row);
    const chars = this.room(slot, length);
    let off = this.used % CHAR_PAGE;
    let h = 0x811c9dc5;
    for (let i = 0; i < unit.length; i++) {
      const c = unit.charCodeAt(i);
      chars[off++] = c;
      h = Math.imul(h ^ upper(c), 0x01000193);
    }
    chars[off++] = BAR;
    h = Math.imul(h ^ BAR, 0x01000193);
    const zeros = zerosOf(code);
    for (let i = 0; i < code.length; i++) {
      const c = code.charCodeAt(i);
      chars[off++] = c;
      if (i >= zeros) h = Math.imul(h ^ upper(c), 0x01000193);
    }
    this.used += length;
    this.setHash(slot, mixed(h));
  }

  /**
   * The repeats among the codes reader `reader` told, in the order told (each against the first
   * code equal to it, of any reader): every code told so far is looked up first.
   */
  takeRepeats(reader: number): CodeRepeat[] {
    this.settle();
    const found = this.repeats.get(reader) ?? [];
    this.repeats.delete(reader);
    return found.sort((a, b) => a.row - b.row);
  }

  /** Where the code `code` of unit `unit` was seen first; undefined when it was not. */
  get(unit: string, code: string): CodeSeen | undefined {
    this.settle();
    const key = `${unit}|${codeKey(withoutLeadingZeros(code))}`;
    const slot = this.find(key);
    return slot < 0 ? undefined : this.seenAt(slot);
  }

  /**
   * The code told and looked up at once: where it was seen first, or undefined the first time
   * (when `at` is remembered for it).
   */
  firstOrAddCode(unit: string, code: string, at: CodeSeen): CodeSeen | undefined {
    const slot = this.count;
    this.addCode(this.reader(at.file, at.sheet), unit, code, at.commune, at.row);
    return this.settle(slot);
  }

  /**
   * Makes room for `more` codes beyond those held, at once: a list whose size says it holds a
   * million households is not rehashed eight times on the way (at most {@link MAX_RESERVE}).
   */
  reserve(more: number): void {
    this.grow(this.inTable + Math.min(Math.max(0, Math.floor(more)), MAX_RESERVE));
  }

  /** Adds the key `key` (made by codeKey: no small ASCII letter), waiting; its slot. */
  private addKey(key: string, place: number, row: number): number {
    const slot = this.newSlot(place, row);
    if (!fitsBytes(key) || key.length > MAX_NARROW) {
      this.waitingKeys.set(slot, key);
      return slot;
    }
    const chars = this.room(slot, key.length);
    let off = this.used % CHAR_PAGE;
    for (let i = 0; i < key.length; i++) chars[off++] = key.charCodeAt(i);
    this.used += key.length;
    this.setHash(slot, hashOf(key));
    return slot;
  }

  /** A new slot at `place` and `row`, waiting to be looked up. */
  private newSlot(place: number, row: number): number {
    const slot = this.count++;
    const page = slot >>> SLOT_BITS;
    if (page === this.packedPages.length) {
      this.startPages.push(new Uint32Array(SLOT_PAGE));
      this.lengthPages.push(new Uint16Array(SLOT_PAGE));
      this.packedPages.push(new Float64Array(SLOT_PAGE));
    }
    (this.packedPages[page] as Float64Array)[slot & SLOT_MASK] = place * ROWS + row;
    return slot;
  }

  /** Sets the hash of waiting slot `slot`. */
  private setHash(slot: number, h: number): void {
    const k = slot - this.settled;
    const page = k >>> SLOT_BITS;
    if (page === this.hashPages.length) this.hashPages.push(new Int32Array(SLOT_PAGE));
    (this.hashPages[page] as Int32Array)[k & SLOT_MASK] = h;
  }

  /** The hash of the waiting slot at offset `k` from `settled`. */
  private hashAt(k: number): number {
    return (this.hashPages[k >>> SLOT_BITS] as Int32Array)[k & SLOT_MASK] as number;
  }

  /**
   * The arena page that takes slot `slot`'s key of `length` letters at `used` (a key never
   * straddles two pages), with the slot's start and length set.
   */
  private room(slot: number, length: number): Uint8Array {
    const off = this.used % CHAR_PAGE;
    if (this.used === this.charPages.length * CHAR_PAGE || off + length > CHAR_PAGE) {
      this.charPages.push(new Uint8Array(CHAR_PAGE));
      this.used = (this.charPages.length - 1) * CHAR_PAGE;
    }
    const page = slot >>> SLOT_BITS;
    (this.startPages[page] as Uint32Array)[slot & SLOT_MASK] = this.used;
    (this.lengthPages[page] as Uint16Array)[slot & SLOT_MASK] = length;
    return this.charPages[this.charPages.length - 1] as Uint8Array;
  }

  /** The place's number (its reader, unit and commune), the last one asked kept at hand. */
  private placeId(reader: number, unit: string, commune: string): number {
    const last = this.places[this.lastPlace];
    if (last && last.commune === commune && last.unit === unit && last.reader === reader)
      return this.lastPlace;
    const placeKey = `${reader}\u0000${unit}\u0000${commune}`;
    let id = this.placeIds.get(placeKey);
    if (id === undefined) {
      id = this.places.length;
      this.places.push({ reader, unit, commune });
      this.placeIds.set(placeKey, id);
    }
    this.lastPlace = id;
    return id;
  }

  /**
   * Looks up the waiting codes: each repeat is kept for its reader, each other code entered. With
   * `mine`, the slot whose first place is returned (undefined when it is no repeat), and not kept.
   */
  private settle(mine = -1): CodeSeen | undefined {
    const n = this.count - this.settled;
    if (n === 0) return undefined;
    let firstOfMine: CodeSeen | undefined;
    const repeat = (slot: number, first: number): void => {
      if (slot === mine) firstOfMine = this.seenAt(first);
      else this.keepRepeat(slot, first);
    };
    const narrow = n - this.waitingKeys.size;
    this.grow(this.inTable + narrow);
    const mask = this.entries - 1;
    const table = this.table;
    const sorted = this.sortWaiting(n, narrow);
    for (let i = 0, k = 0; i < narrow; i++, k++) {
      let h: number;
      if (sorted) {
        h = this.sortedHash[i] as number;
        k = this.sortedOffset[i] as number;
      } else {
        while (this.waitingKeys.size > 0 && this.waitingKeys.has(this.settled + k)) k++;
        h = this.hashAt(k);
      }
      const slot = this.settled + k;
      for (let e = h & mask; ; e = (e + 1) & mask) {
        const entry = table[2 * e] as number;
        if (entry === 0) {
          table[2 * e] = slot + 1;
          table[2 * e + 1] = h;
          this.inTable++;
          this.distinct++;
          break;
        }
        if (table[2 * e + 1] === h && this.sameSlots(entry - 1, slot)) {
          repeat(slot, entry - 1);
          break;
        }
      }
    }
    // Wide keys (rare), in the order told.
    for (const [slot, key] of this.waitingKeys) {
      const first = this.wide.get(key);
      if (first !== undefined) repeat(slot, first);
      else {
        this.wide.set(key, slot);
        this.distinct++;
      }
    }
    this.waitingKeys.clear();
    this.waitingWritten.clear();
    this.settled = this.count;
    return firstOfMine;
  }

  /**
   * Puts the waiting narrow slots' hashes and offsets (from `settled`) into `sortedHash` and
   * `sortedOffset` by the stretch of the table their entry falls in, in the order told within
   * a stretch (a counting sort: stable): the table is then walked from start to end, each
   * stretch small enough to stay in the processor's cache. False when the table is that small
   * already or too few wait: they are then taken in the order told.
   */
  private sortWaiting(n: number, narrow: number): boolean {
    if (narrow < SORT_FROM || this.entries <= STRETCH) return false;
    if (this.sortedHash.length < narrow) {
      this.sortedHash = new Int32Array(narrow);
      this.sortedOffset = new Uint32Array(narrow);
    }
    const shift = 31 - Math.clz32(STRETCH);
    const mask = this.entries - 1;
    const starts = new Uint32Array((this.entries >>> shift) + 1);
    const wide = this.waitingKeys.size > 0 ? this.waitingKeys : null;
    for (let k = 0; k < n; k++) {
      if (wide?.has(this.settled + k)) continue;
      const b = (this.hashAt(k) & mask) >>> shift;
      starts[b + 1] = (starts[b + 1] as number) + 1;
    }
    for (let b = 1; b < starts.length; b++)
      starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    const hashes = this.sortedHash;
    const offsets = this.sortedOffset;
    for (let k = 0; k < n; k++) {
      if (wide?.has(this.settled + k)) continue;
      const h = this.hashAt(k);
      const b = (h & mask) >>> shift;
      const at = starts[b] as number;
      starts[b] = at + 1;
      hashes[at] = h;
      offsets[at] = k;
    }
    return true;
  }

  /** Keeps waiting slot `slot`'s repeat of slot `first` for the reader that told it. */
  private keepRepeat(slot: number, first: number): void {
    const p = this.packedPages[slot >>> SLOT_BITS]?.[slot & SLOT_MASK] ?? 0;
    const place = this.places[Math.floor(p / ROWS)] as Place;
    const seen = this.seenAt(first);
    if (!seen) return;
    let list = this.repeats.get(place.reader);
    if (!list) this.repeats.set(place.reader, (list = []));
    list.push({
      row: p % ROWS,
      code: this.writtenCode(slot, place.unit),
      unit: place.unit,
      commune: place.commune,
      first: seen,
    });
  }

  /** The code of waiting slot `slot` as written. */
  private writtenCode(slot: number, unit: string): string {
    const written = this.waitingWritten.get(slot);
    if (written !== undefined) return written;
    const page = slot >>> SLOT_BITS;
    const start = this.startPages[page]?.[slot & SLOT_MASK] ?? 0;
    const length = this.lengthPages[page]?.[slot & SLOT_MASK] ?? 0;
    const chars = this.charPages[Math.floor(start / CHAR_PAGE)] as Uint8Array;
    const off = start % CHAR_PAGE;
    return Buffer.from(
      chars.buffer,
      chars.byteOffset + off + unit.length + 1,
      length - unit.length - 1,
    ).toString('latin1');
  }

  /**
   * Whether slots `a` and `b` hold the same key (small ASCII letters as capitals, a code of digits
   * without its leading zeros).
   */
  private sameSlots(a: number, b: number): boolean {
    const ka = this.keyAt(a);
    const kb = this.keyAt(b);
    if (!ka || !kb) return false;
    let i = 0;
    // The unit and the bar: as written.
    for (; i < ka.length; i++) {
      const c = ka.chars[ka.off + i] as number;
      if (i >= kb.length || upper(c) !== upper(kb.chars[kb.off + i] as number)) return false;
      if (c === BAR) break;
    }
    const from = i + 1;
    const za = from + zerosIn(ka.chars, ka.off + from, ka.off + ka.length);
    const zb = from + zerosIn(kb.chars, kb.off + from, kb.off + kb.length);
    if (ka.length - za !== kb.length - zb) return false;
    for (let j = 0; j < ka.length - za; j++)
      if (upper(ka.chars[ka.off + za + j] as number) !== upper(kb.chars[kb.off + zb + j] as number))
        return false;
    return true;
  }

  /** Where slot `slot`'s key is in the arena. */
  private keyAt(slot: number): { chars: Uint8Array; off: number; length: number } | null {
    const page = slot >>> SLOT_BITS;
    const start = this.startPages[page]?.[slot & SLOT_MASK] ?? 0;
    const chars = this.charPages[Math.floor(start / CHAR_PAGE)];
    if (!chars) return null;
    return {
      chars,
      off: start % CHAR_PAGE,
      length: this.lengthPages[page]?.[slot & SLOT_MASK] ?? 0,
    };
  }

  private seenAt(slot: number): CodeSeen | undefined {
    const p = this.packedPages[slot >>> SLOT_BITS]?.[slot & SLOT_MASK] ?? 0;
    const place = this.places[Math.floor(p / ROWS)];
    const reader = place ? this.readers[place.reader] : undefined;
    return place && reader
      ? { commune: place.commune, file: reader.file, sheet: reader.sheet, row: p % ROWS }
      : undefined;
  }

  /** The looked-up slot holding the key `key` (made by codeKey), or -1. */
  private find(key: string): number {
    if (!fitsBytes(key) || key.length > MAX_NARROW) return this.wide.get(key) ?? -1;
    const h = hashOf(key);
    const mask = this.entries - 1;
    const table = this.table;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[2 * i] ?? 0;
      if (entry === 0) return -1;
      if (table[2 * i + 1] === h && this.sameAs(entry - 1, key)) return entry - 1;
    }
  }

  /**
   * Whether slot `slot` holds the key `key` (made by codeKey, a code of digits without its
   * leading zeros: the slot's code is compared without them).
   */
  private sameAs(slot: number, key: string): boolean {
    const k = this.keyAt(slot);
    if (!k) return false;
    const bar = key.indexOf('|') + 1;
    for (let j = 0; j < bar; j++)
      if (j >= k.length || upper(k.chars[k.off + j] as number) !== upper(key.charCodeAt(j)))
        return false;
    const zeros = bar + zerosIn(k.chars, k.off + bar, k.off + k.length);
    if (k.length - zeros !== key.length - bar) return false;
    for (let j = 0; j < key.length - bar; j++)
      if (upper(k.chars[k.off + zeros + j] as number) !== upper(key.charCodeAt(bar + j)))
        return false;
    return true;
  }

  /** Makes the table hold `want` slots at most half full. */
  private grow(want: number): void {
    let entries = this.entries;
    while ((want + 1) * 2 > entries) entries *= 2;
    if (entries === this.entries) return;
    const old = this.table;
    this.entries = entries;
    this.table = new Int32Array(2 * entries);
    const mask = entries - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i] as number;
      if (entry === 0) continue;
      const h = old[i + 1] as number;
      let e = h & mask;
      while (this.table[2 * e] !== 0) e = (e + 1) & mask;
      this.table[2 * e] = entry;
      this.table[2 * e + 1] = h;
    }
  }
}

/** An empty index of household codes (one per run: see ValidateOptions.householdCodes). */
export function newCodeIndex(): CodeIndex {
  return new CodeIndex();
}

/** Whether every letter of `key` fits a byte (Latin-1). */
function fitsBytes(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Whether every letter of `s` is printable ASCII (codeKey capitalises it the quick way). */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * How many leading zeros a code of digits has that it is compared without (its last digit kept:
 * "000" is "0"); 0 for a code with any other letter.
 */
function zerosOf(code: string): number {
  let z = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
    if (z === i && c === 0x30 && i < code.length - 1) z = i + 1;
  }
  return z;
}

/** {@link zerosOf} for the code in `chars[from, end)`, as an offset from `from`. */
function zerosIn(chars: Uint8Array, from: number, end: number): number {
  let z = 0;
  for (let i = from; i < end; i++) {
    const c = chars[i] as number;
    if (c < 0x30 || c > 0x39) return 0;
    if (z === i - from && c === 0x30 && i < end - 1) z = i - from + 1;
  }
  return z;
}

/** An ASCII letter in capitals, as toUpperCase makes it. */
function upper(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

/**
 * FNV-1a over a key's UTF-16 code units, small ASCII letters as capitals (as addCode hashes a code
 * as written), mixed, as a signed 32-bit number.
 */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ upper(key.charCodeAt(i)), 0x01000193);
  return mixed(h);
}

/** A FNV-1a hash mixed, as a signed 32-bit number. */
function mixed(h: number): number {
  // Mixed (murmur3's finaliser): FNV's low bits, which pick the table entry, follow only the
  // low bits of the letters, and codes that differ in their last digit would cluster.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // Kept signed: the tables hold it as Int32.
  return h | 0;
}
