/**
 * The kind words units are named with ("Huyện Trạm Tấu", "Thị trấn Sơn Thịnh", "Thôn 1"), from the
 * vocabulary's `kindWords` (`templates/vocabulary/vi.json`): one list for the registry's short
 * names, the units named in a title block (`identify.ts`), the sub-unit names of a form
 * (`subunits.ts`) and the kind of a table row (`table-rows.ts`). Pure: the vocabulary is passed in.
 */
import type { KindForm, KindLevel, Registry, RegistryFile, Vocabulary } from './schemas.js';
import { foldWords } from './text.js';

/** The vocabulary's kind words, folded, in the vocabulary's order (a longer word before its start). */
export function prepareKindWords(v: Vocabulary): KindForm[] {
  return v.kindWords.map((k) => ({
    kind: foldWords(k.word),
    forms: [k.word, ...(k.abbreviations ?? [])].map((w) => foldWords(w)).filter(Boolean),
    levels: k.levels,
    startsNames: k.startsNames ?? false,
  }));
}

/** The kind words naming one of `levels`. */
export function kindsOf(kinds: readonly KindForm[], levels: readonly KindLevel[]): KindForm[] {
  return kinds.filter((k) => k.levels.some((l) => levels.includes(l)));
}

/** Every written form (in full and abbreviated, folded) of the kind words naming `levels`. */
export function kindPhrases(kinds: readonly KindForm[], levels: readonly KindLevel[]): string[] {
  return kindsOf(kinds, levels).flatMap((k) => k.forms);
}

/** Abbreviation → kind word, lower case as written ("tdp" → "tổ dân phố"): see {@link kindAbbreviations}. */
export type KindAbbreviations = ReadonlyMap<string, string>;

const abbreviationCache = new WeakMap<Vocabulary, KindAbbreviations>();

/**
 * The vocabulary's abbreviations of the kind words of sub-units and villages ("X" for "xã", "TDP"
 * for "tổ dân phố"), lower case: a row's name is keyed with the word in full, so that "TDP 1" in
 * one form and "Tổ dân phố 1" in another are the same village. Only what the vocabulary declares:
 * "B." is no abbreviation of "bản" there (it is also how a group row is lettered).
 */
export function kindAbbreviations(v: Vocabulary): KindAbbreviations {
  let hit = abbreviationCache.get(v);
  if (!hit) {
    const map = new Map<string, string>();
    for (const k of v.kindWords)
      if (k.levels.some((l) => l === 'subunit' || l === 'village'))
        for (const a of k.abbreviations ?? [])
          map.set(
            a.normalize('NFC').toLocaleLowerCase('vi'),
            k.word.normalize('NFC').toLocaleLowerCase('vi'),
          );
    hit = map;
    abbreviationCache.set(v, hit);
  }
  return hit;
}

const villageKindsCache = new WeakMap<Vocabulary, readonly string[]>();

/**
 * Every written form (in full and abbreviated, folded) of the vocabulary's village kind words
 * ("thon", "ban", "to dan pho", "tdp"…), made once per vocabulary.
 */
export function villageKindPhrases(v: Vocabulary): readonly string[] {
  let hit = villageKindsCache.get(v);
  if (!hit) {
    hit = kindPhrases(prepareKindWords(v), ['village']);
    villageKindsCache.set(v, hit);
  }
  return hit;
}

const communeWordsCache = new WeakMap<Vocabulary, readonly string[]>();

/**
 * The kind words of a commune as written, with their tone marks, lower case ("xã", "x",
 * "phường", "thị trấn"…): "Xà Hồ" folds to "xa ho" but does not start with "xã".
 */
export function communeKindsWritten(v: Vocabulary): readonly string[] {
  let hit = communeWordsCache.get(v);
  if (!hit) {
    const lower = (w: string): string => w.normalize('NFC').toLocaleLowerCase('vi');
    hit = v.kindWords
      .filter((k) => k.levels.includes('subunit'))
      .flatMap((k) => [k.word, ...(k.abbreviations ?? [])].map(lower));
    communeWordsCache.set(v, hit);
  }
  return hit;
}

/** A name less the kind word (in full) it starts with: "Huyện Trạm Tấu" → "Trạm Tấu". */
function withoutKind(name: string, kinds: readonly KindForm[]): string {
  const words = name.trim().split(/\s+/);
  for (const k of kinds) {
    const n = k.kind.split(' ').length;
    if (words.length > n && foldWords(words.slice(0, n).join(' ')) === k.kind)
      return words.slice(n).join(' ');
  }
  return name;
}

/** The place name of a province ("Tỉnh Yên Bái" → "Yên Bái"): its name less its kind word. */
export function provincePlace(name: string, vocabulary: Vocabulary): string {
  return withoutKind(name, kindsOf(prepareKindWords(vocabulary), ['province']));
}

/**
 * A checked registry file with what it may leave out completed from the kind words: each unit's
 * short name (its name less its kind), the province's place name (less "Tỉnh"), and the kind
 * words the names of each unit and of its sub-units are written with.
 */
export function completeRegistry(file: RegistryFile, vocabulary: Vocabulary): Registry {
  const kinds = prepareKindWords(vocabulary);
  const unitKinds = kindsOf(kinds, ['unit', 'subunit']);
  return {
    ...file,
    province: {
      ...file.province,
      place: file.province.place ?? withoutKind(file.province.name, kindsOf(kinds, ['province'])),
    },
    units: file.units.map((u) => ({
      ...u,
      short: u.short ?? withoutKind(u.name, unitKinds),
      kinds,
    })),
  };
}
