/**
 * Sub-unit names matched through an index (issue 11: a commune listing 4,000 villages made one
 * file take 84 s, every row's name compared with every village). The index must find exactly what
 * trying every spelling finds: the same sub-unit, read the same way, the same ambiguity, the same
 * unknown — on a generated commune of 4,000 villages (SYNTHETIC names) and on names changed the
 * ways clerks change them (marks dropped, words joined, kind word changed or left out, one letter
 * typed wrong).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UnitSpec } from '../../src/core/catalogue.js';
import { loadCatalogue } from '../../src/commands/load-data.js';
import {
  matchSubunit,
  matchSubunitExhaustive,
  type SubunitMatch,
} from '../../src/core/subunits.js';

const SYLLABLES = [
  'Pá',
  'Hu',
  'Nà',
  'Hẩu',
  'Mù',
  'Cang',
  'Lìu',
  'Tà',
  'Xi',
  'Láng',
  'Khau',
  'Phạ',
  'Sán',
  'Chải',
  'Làng',
  'Nhì',
  'Hát',
  'Bản',
  'Công',
  'Tú',
  'Lệ',
  'Púng',
  'Luông',
  'Dề',
  'Xu',
  'Phình',
  'Hồ',
  'Chế',
  'Tạo',
  'Lao',
  'Chả',
  'Kim',
  'Nọi',
  'Cao',
  'Phạ',
  'Nậm',
  'Có',
  'Hạnh',
  'Phúc',
  'Túc',
  'Đán',
];
const KINDS = ['Thôn', 'Bản', 'Tổ dân phố'];

/** 4,000 villages: a kind word and two or three syllables, some names shared on purpose. */
function villages(n: number): NonNullable<UnitSpec['subunits']> {
  const out: NonNullable<UnitSpec['subunits']> = [];
  let seed = 7;
  const next = (m: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 2 + next(2) }, () => SYLLABLES[next(SYLLABLES.length)]);
    out.push({
      code: `T${String(i).padStart(4, '0')}`,
      name: `${KINDS[next(3)]} ${words.join(' ')}`,
    });
  }
  return out;
}

/** The ways a clerk writes a name otherwise. */
function variantsOf(name: string): string[] {
  const [kind, ...rest] = name.startsWith('Tổ dân phố')
    ? ['Tổ dân phố', ...name.slice(11).split(' ')]
    : name.split(' ');
  const bare = rest.join(' ');
  const plain = bare
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  const typo = bare.length > 6 ? bare.slice(0, 3) + bare.slice(4) : bare;
  const swapped =
    bare.length > 6 ? bare.slice(0, 2) + (bare[3] ?? '') + (bare[2] ?? '') + bare.slice(4) : bare;
  return [
    name,
    bare,
    `${kind ?? ''} ${plain}`,
    rest.join(''),
    `Thôn ${bare}`,
    `Xóm ${bare}`,
    `${kind ?? ''} ${typo}`,
    `${kind ?? ''} ${swapped}`,
    `${kind ?? ''} ${bare}x`,
    `Bản Không Có Trong Danh Mục ${bare}`,
  ];
}

const summary = (m: SubunitMatch): string =>
  m.status === 'match'
    ? `match ${m.subunit.code} ${m.how}`
    : m.status === 'ambiguous'
      ? `ambiguous ${m.candidates.map((c) => c.code).join(',')}`
      : 'unknown';

let unit: UnitSpec;

beforeAll(async () => {
  const cat = await loadCatalogue('lao-cai-2025');
  const base = cat.registry.units[0];
  if (!base) throw new Error('no unit');
  unit = { ...base, subunits: villages(4000) };
});

describe('a commune of 4,000 villages', () => {
  it('each village, written as clerks write it, is read as trying every spelling reads it', () => {
    const sample = (unit.subunits ?? []).filter((_, i) => i % 40 === 0);
    let matched = 0;
    for (const v of sample)
      for (const name of variantsOf(v.name)) {
        const got = summary(matchSubunit(name, unit, '2026'));
        expect(got, name).toBe(summary(matchSubunitExhaustive(name, unit, '2026')));
        if (got === `match ${v.code} exact`) matched++;
      }
    // The names as registered are found as themselves (shared names aside).
    expect(matched).toBeGreaterThan(sample.length * 0.8);
  });

  it('a name one letter from two villages is ambiguous, never a guess', () => {
    const twin: UnitSpec = {
      ...unit,
      subunits: [
        { code: 'A1', name: 'Thôn Nà Hẩu Lìu' },
        { code: 'A2', name: 'Thôn Nà Hẩu Lìa' },
      ],
    };
    expect(summary(matchSubunit('Thôn Nà Hẩu Lìx', twin))).toBe('ambiguous A1,A2');
  });

  it('any name, on any small commune: the index agrees with trying every spelling', () => {
    const word = fc.constantFrom(...SYLLABLES);
    const name = fc
      .tuple(fc.constantFrom(...KINDS, 'Xã', ''), fc.array(word, { minLength: 1, maxLength: 3 }))
      .map(([k, ws]) => `${k} ${ws.join(' ')}`.trim());
    const edit = fc.tuple(
      name,
      fc.nat(20),
      fc.constantFrom('drop', 'swap', 'add', 'join', 'plain'),
    );
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 30 }), edit, (names, e) => {
        const small: UnitSpec = {
          ...unit,
          subunits: names.map((n, i) => ({ code: `S${i}`, name: n })),
        };
        const [n, at, how] = e;
        const k = at % Math.max(1, n.length);
        const written =
          how === 'drop'
            ? n.slice(0, k) + n.slice(k + 1)
            : how === 'swap'
              ? n.slice(0, k) + (n[k + 1] ?? '') + (n[k] ?? '') + n.slice(k + 2)
              : how === 'add'
                ? `${n.slice(0, k)}a${n.slice(k)}`
                : how === 'join'
                  ? n.replace(/ /g, '')
                  : n.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        expect(summary(matchSubunit(written, small))).toBe(
          summary(matchSubunitExhaustive(written, small)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
