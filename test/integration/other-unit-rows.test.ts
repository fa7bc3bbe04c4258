/**
 * A 2026 commune report whose rows are written as communes: the old communes the commune was made
 * of are its own figures; an old commune that went into another commune on 1/7/2025, or another
 * commune of today, is another unit's figures and the file is not accepted. Found by an
 * independent prober: "UBND XÃ TRẠM TẤU" over the rows of Xã Xà Hồ (now Xã Hạnh Phúc) was
 * accepted with no finding. The files are the shipped fixtures/lao-cai-2026 Trạm Tấu report
 * (SYNTHETIC) with its village names changed, by openpyxl when it is installed (another writer
 * than ours), else by exceljs. The property test draws rows from the shipped reform table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import type { Registry, UnitSpec } from '../../src/core/catalogue.js';
import { otherUnitRows, type OtherUnitTable } from '../../src/core/other-unit-rows.js';
import type { Reform } from '../../src/core/schemas.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { withCellsEdited } from '../helpers/edit-cells.js';

const tmp = useTempFolder('povreport-other-unit-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const reform = JSON.parse(readFileSync('templates/reforms/lao-cai-2025.json', 'utf8')) as Reform;
let setup: Setup;
let registry: Registry;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
  registry = setup.run.cat.registry;
});

/**
 * The shipped report with the names of its six village rows (B8:B13) of every form changed to
 * `names` (the figures as they are).
 */
async function renamed(names: string[]): Promise<string> {
  const dir = path.join(tmp.path, names.join('-').replace(/\W+/g, '-'));
  const edits = names.map((value, i) => ({ row: 8 + i, col: 2, value }));
  return withCellsEdited(SHIPPED, path.join(dir, 'BC GN nam 2026 - Tram Tau.xlsx'), edits);
}

async function check(names: string[]) {
  const [f] = await checkFiles([await renamed(names)], setup.run, { lang: 'en', period: '2026' });
  if (!f) throw new Error('no report');
  return f;
}

describe('rows written as communes in a 2026 commune report', () => {
  it('its own old communes are its rows: accepted', async () => {
    // Xã Trạm Tấu was made of Túc Đán, Pá Lau, Trạm Tấu and Pá Hu (NQ 1673).
    const f = await check([
      'Bản Đán',
      'Bản Lau',
      'Xã Túc Đán',
      'X. Pá Lau',
      'Xã Trạm Tấu',
      'xã Pa Hu',
    ]);
    expect(f.unit?.code).toBe('04606');
    expect(f.findings.filter((x) => x.code === 'subunit-of-other-unit')).toEqual([]);
    expect(f.valid).toBe(true);
  });

  it('an old commune now of another commune is an error at its cell, said once per file', async () => {
    const f = await check(['Bản Đán', 'Bản Lau', 'Bản Hu', 'Bản Tấu', 'Xã Túc Đán', 'Xã Xà Hồ']);
    const found = f.findings.filter((x) => x.code === 'subunit-of-other-unit');
    expect(found.map((x) => [x.severity, x.sheet, x.cell])).toEqual([
      ['error', 'Biểu số 01', 'B13'],
    ]);
    expect(found[0]?.params.what).toContain('Xã Hạnh Phúc');
    expect(f.valid).toBe(false);
  });

  it('another commune of today, and an old town, are errors; a village of that name is not', async () => {
    const f = await check([
      'Bản Đán',
      'Bản Lau',
      'Bản Hu',
      'Xã Hạnh Phúc',
      'Thị trấn Trạm Tấu',
      'Bản Xà Hồ',
    ]);
    const found = f.findings.filter((x) => x.code === 'subunit-of-other-unit');
    expect(found.map((x) => x.cell)).toEqual(['B11', 'B12']);
    expect(found.map((x) => x.subunit)).toEqual(['Xã Hạnh Phúc', 'Thị trấn Trạm Tấu']);
  });

  it('a village written by its bare name "Xà Hồ" is a village ("Xà" folds to "xa" but is no "Xã")', async () => {
    // It was taken for "Xã Hồ", so for the old Xã Xà Hồ, and the report rejected (independent
    // prober). Written without any tone mark, "Xa Xa Ho" is still read as the commune.
    const village = await check(['Bản Đán', 'Bản Lau', 'Bản Hu', 'Bản Tấu', 'Bản Pá', 'Xà Hồ']);
    expect(village.findings.filter((x) => x.code === 'subunit-of-other-unit')).toEqual([]);
    expect(village.valid).toBe(true);
    const plain = await check(['Bản Đán', 'Bản Lau', 'Bản Hu', 'Bản Tấu', 'Bản Pá', 'Xa Xa Ho']);
    expect(
      plain.findings.filter((x) => x.code === 'subunit-of-other-unit').map((x) => x.cell),
    ).toEqual(['B13']);
  });
});

describe('otherUnitRows, on rows drawn from the reform table', () => {
  it('flags exactly the rows whose commune belongs to no name of the unit', () => {
    const units = registry.units;
    // Every name (old communes and today's units), as written, with the units it may be: names
    // one tone apart are two communes ("Xã La Pán Tẩn" went into Púng Luông, "Xã La Pan Tẩn" is
    // a commune of today).
    const owners = new Map<string, Set<string>>();
    const own = (name: string, into: string) =>
      owners.set(name, (owners.get(name) ?? new Set()).add(into));
    for (const c of reform.communes) own(c.name, c.into);
    // A commune merged before the reform ("Xã Yên Bình" into Bạch Hà in 2024) went on with the
    // commune it went into.
    for (const e of reform.earlier ?? []) {
      const via = reform.communes.find((c) => c.province === e.province && c.code === e.into);
      if (via) own(e.name, via.into);
    }
    for (const u of units) own(u.name, u.code);
    const names = [...owners.keys()];
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.array(
          fc.oneof(
            fc.constantFrom(...names),
            fc.constantFrom('Thôn 1', 'Bản Mù Dề', 'Tổ dân phố 3', 'Khu Xà Hồ'),
          ),
          { maxLength: 8 },
        ),
        (unit: UnitSpec, rows: string[]) => {
          const table: OtherUnitTable = {
            sheet: 'Biểu 01',
            form: '01',
            layout: { nameCol: 1 },
            rows: rows.map((name, i) => ({ row: 7 + i, name, role: 'subunit' })),
          };
          const flagged = otherUnitRows([table], unit, registry, 'x.xlsx').map((f) => f.subunit);
          // Each name once, the same name with its tone mark placed the old or the new way
          // ("Xã Xuân Hoà", "Xã Xuân Hòa") being one name, said where first written.
          const seen = new Set<string>();
          const truth = rows.filter((n) => {
            const o = owners.get(n);
            if (o === undefined || o.has(unit.code) || seen.has(tonePlaced(n))) return false;
            seen.add(tonePlaced(n));
            return true;
          });
          expect(flagged).toEqual(truth);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A name with each word's tone mark moved to its end: one key for either placement. */
function tonePlaced(name: string): string {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return name
    .normalize('NFD')
    .toLowerCase()
    .split(' ')
    .map((w) => w.replace(tones, '') + (w.match(tones) ?? []).join(''))
    .join(' ');
}
