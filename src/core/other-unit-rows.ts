/**
 * Rows of another unit in a report of a unit that lists no sub-units. After the 2025 reform a
 * commune's report lists its villages, which no registry holds, so its rows are taken as written.
 * A row written as a commune ("Xã Xà Hồ", "Thị trấn Trạm Tấu") is then either one of the old
 * communes the unit was made of (its figures are the unit's) or one that went into another unit,
 * or another unit of the registry: the file then holds another unit's figures, and summing them
 * into this unit would be a wrong total. Decided by the reform's table (`Registry.former`), the
 * name matched as sub-unit names are (`subunits.ts`). Pure.
 */
import type { Registry, SubunitSpec, UnitSpec } from './catalogue.js';
import type { FormTable, TableRow } from './extract.js';
import { makeFinding, type Finding } from './finding.js';
import { cellAddress } from './grid.js';
import { kindPhrases } from './kind-words.js';
import { matchSubunit, type MatchHow, type SubunitMatch } from './subunits.js';
import { cleanText, fold, foldWords } from './text.js';

/** The old communes and the registry's units as one list of names, each with its unit now. */
interface Owners {
  /** A unit whose sub-units are every old commune and every unit of the registry. */
  all: UnitSpec;
  /** The unit each of those names belongs to now, and whether it is an old commune. */
  owner: Map<SubunitSpec, { into: string; old: boolean }>;
  /** The folded kind words of a commune ("xa", "x", "phuong", "thi tran", ...). */
  communeKinds: string[];
}

/** What the check reads of a table: where it is, and its rows' names and roles. */
export type OtherUnitTable = Pick<FormTable, 'sheet' | 'form'> & {
  layout: Pick<FormTable['layout'], 'nameCol'>;
  rows: readonly Pick<TableRow, 'row' | 'name' | 'alias' | 'role'>[];
  /** Rows with a label and no figures: a group heading ("Xã Bản Công (cũ)") over villages. */
  labels?: FormTable['labels'];
};

/**
 * A table's rows that may be a commune's, in sheet order: its sub-unit and group rows, and the
 * labels with no figures that head rows ("Xã Bản Công (cũ)" over its villages: the villages are
 * that commune's).
 */
function communeRows(table: OtherUnitTable): Pick<TableRow, 'row' | 'name' | 'alias' | 'role'>[] {
  const rows = table.rows.filter((r) => r.role === 'subunit' || r.role === 'group');
  const labels = [...(table.labels ?? [])].sort((a, b) => a.row - b.row);
  const headings = labels.flatMap((l, k) => {
    const next = table.rows.find((r) => r.row > l.row);
    const after = labels[k + 1];
    return next && (after === undefined || next.row < after.row)
      ? [{ row: l.row, name: l.label, role: 'group' as const }]
      : [];
  });
  return [...rows, ...headings].sort((a, b) => a.row - b.row);
}

/** Names of several units as the sub-units of one, to be matched as a row's name is. */
function namesAsUnit(kinds: UnitSpec['kinds'], subunits: SubunitSpec[]): UnitSpec {
  return { code: '', name: '', short: '', variants: [], kinds, subunits };
}

const ownersCache = new WeakMap<Registry, Owners | null>();

function ownersOf(registry: Registry): Owners | null {
  let hit = ownersCache.get(registry);
  if (hit !== undefined) return hit;
  const kinds = registry.units[0]?.kinds;
  if (!registry.former || kinds === undefined) hit = null;
  else {
    const owner = new Map<SubunitSpec, { into: string; old: boolean }>();
    for (const f of registry.former)
      owner.set({ name: f.name, code: f.code }, { into: f.into, old: true });
    for (const u of registry.units)
      owner.set(
        { name: u.name, code: u.code, ...(u.variants ? { variants: u.variants } : {}) },
        { into: u.code, old: false },
      );
    hit = {
      all: namesAsUnit(kinds, [...owner.keys()]),
      owner,
      communeKinds: kindPhrases(kinds, ['subunit']),
    };
  }
  ownersCache.set(registry, hit);
  return hit;
}

/**
 * `subunit-of-other-unit` for each row of the tables written as a commune that is an old commune
 * gone into another unit, or another unit of the registry, and for each such label with no
 * figures over villages (the villages are then that commune's); said once per name, at the first
 * form that has it. A name that could be one of the unit's own old communes is the unit's; a name
 * without a commune's kind word is a village, not checked.
 */
export function otherUnitRows(
  tables: readonly OtherUnitTable[],
  unit: UnitSpec,
  registry: Registry,
  file: string,
  written: readonly string[] = [],
): Finding[] {
  if (unit.subunits) return [];
  const owners = ownersOf(registry);
  if (!owners) return [];
  const out: Finding[] = [];
  const said = new Set<SubunitSpec>();
  for (const table of tables)
    for (const row of communeRows(table)) {
      const name = row.alias ?? row.name;
      const folded = foldWords(name);
      if (!owners.communeKinds.some((k) => folded.startsWith(`${k} `))) continue;
      // Typed with tone marks, the kind word is as written: "Xà Hồ" is a village, not "Xã Hồ".
      const lower = cleanText(name.normalize('NFC').replace(/\./g, ' ')).toLocaleLowerCase('vi');
      if (
        written.length > 0 &&
        fold(lower) !== lower &&
        !written.some((k) => lower.startsWith(`${k} `))
      )
        continue;
      const m = matchSubunit(name, owners.all, null);
      const found =
        m.status === 'match' ? [m.subunit] : m.status === 'ambiguous' ? m.candidates : [];
      const ways = found.flatMap((spec) => {
        const way = owners.owner.get(spec);
        return way ? [{ spec, ...way }] : [];
      });
      const first = ways[0];
      if (first === undefined || ways.some((w) => w.into === unit.code)) continue;
      const { spec, into, old } = first;
      // Said once per commune, at the first form that has it.
      if (said.has(spec)) continue;
      said.add(spec);
      const now = registry.units.find((u) => u.code === into)?.name ?? into;
      out.push(
        makeFinding('subunit-of-other-unit', {
          file,
          sheet: table.sheet,
          unit: unit.code,
          form: table.form,
          cell: cellAddress(row.row, table.layout.nameCol ?? 0),
          row: row.row + 1,
          subunit: row.name,
          params: {
            subunit: row.name,
            unit: unit.name,
            ...(old
              ? {
                  what: `${spec.name} cũ (${spec.code}), nay thuộc ${now}`,
                  whatEn: `the former ${spec.name} (${spec.code}), now part of ${now}`,
                }
              : {
                  what: `đơn vị ${spec.name} (${spec.code}) của danh mục`,
                  whatEn: `the registry’s unit ${spec.name} (${spec.code})`,
                }),
          },
        }),
      );
    }
  return out;
}

/** Every unit's sub-units as one list, each with its unit. */
interface SubunitOwners {
  all: UnitSpec;
  owner: Map<SubunitSpec, UnitSpec>;
}

const subunitOwnersCache = new WeakMap<Registry, SubunitOwners | null>();

function subunitOwnersOf(registry: Registry): SubunitOwners | null {
  let hit = subunitOwnersCache.get(registry);
  if (hit !== undefined) return hit;
  const kinds = registry.units[0]?.kinds;
  const owner = new Map<SubunitSpec, UnitSpec>();
  for (const u of registry.units) for (const s of u.subunits ?? []) owner.set(s, u);
  hit =
    kinds === undefined || owner.size === 0
      ? null
      : { all: namesAsUnit(kinds, [...owner.keys()]), owner };
  subunitOwnersCache.set(registry, hit);
  return hit;
}

/**
 * A name matched against the sub-units of every unit of the registry at once, as a row's name is
 * against its own unit's; unknown when the registry lists none.
 */
export function matchInRegistry(
  name: string,
  registry: Registry,
  period: string | null,
): SubunitMatch {
  const owners = subunitOwnersOf(registry);
  return owners ? matchSubunit(name, owners.all, period) : { status: 'unknown' };
}

/** How a name matches that is its spelling, not a guess (no typo, no other kind word). */
const SPELLED: ReadonlySet<MatchHow> = new Set([
  'exact',
  'variant',
  'former',
  'diacritics',
  'spacing',
]);

/**
 * The sub-unit of another unit a row's name is, as spelled (a name `unit` does not list, checked
 * by the caller): "Xã Khao Mang" in Trạm Tấu's report is Mù Cang Chải's commune, and its figures
 * are not Trạm Tấu's. Null when the name is none, or may be one of `unit`'s own.
 */
export function otherUnitsSubunit(
  name: string,
  unit: UnitSpec,
  registry: Registry,
  period: string | null,
): { subunit: SubunitSpec; owner: UnitSpec } | null {
  const owners = subunitOwnersOf(registry);
  if (!owners) return null;
  const m = matchInRegistry(name, registry, period);
  // Two of them (or a name read only as a typo): which unit's it is cannot be said.
  if (m.status !== 'match' || !SPELLED.has(m.how)) return null;
  const owner = owners.owner.get(m.subunit);
  return owner && owner.code !== unit.code ? { subunit: m.subunit, owner } : null;
}
