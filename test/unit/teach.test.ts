/**
 * Teaching the tool (`povreport map`), in the core: what a taught heading or row label changes in
 * the reading of a unit's file, and the command a finding suggests when teaching can fix it.
 * Synthetic submissions (test/helpers).
 */
import { describe, expect, it } from 'vitest';
import { findingSuggestion } from '../../src/core/finding.js';
import {
  closestIndicators,
  labelKey,
  removeTaught,
  setTaught,
  taughtFor,
  taughtUse,
  teachCommand,
  type Teaching,
} from '../../src/core/teach.js';
import { addTeachHints } from '../../src/core/teach-hints.js';
import { validateBook, type FileReport } from '../../src/core/validate-book.js';
import { book, builderRun, formGrid, shippedRun, type Values } from '../helpers/build.js';
import { randomRows } from '../helpers/random-unit.js';
import { tranYenGrids } from '../helpers/tran-yen.js';

const UNREAD = 'Số hộ là đồng bào';
const COMMAND = `povreport map add --unit 138 "${UNREAD}" poor_ethnic_minority`;

async function checkTranYen(
  grids: Awaited<ReturnType<typeof tranYenGrids>>,
  teaching?: Teaching,
): Promise<FileReport> {
  const p = await shippedRun();
  const r = validateBook(book(grids, 'tran-yen.xlsx'), p, {
    lang: 'vi',
    period: '2022-H1',
    ...(teaching ? { teaching } : {}),
  });
  addTeachHints(r, {});
  return r;
}

const errors = (r: FileReport): string[] =>
  r.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.indicator ?? ''}`);

describe('a heading the tool cannot read', () => {
  it('is suggested to be taught, with the exact command, on the missing column and the unread one', async () => {
    const r = await checkTranYen(
      await tranYenGrids({ headings: { poor_ethnic_minority: UNREAD } }),
    );
    expect(errors(r)).toEqual(['missing-column poor_ethnic_minority']);
    const missing = r.findings.find((f) => f.code === 'missing-column');
    const extra = r.findings.find((f) => f.code === 'extra-column');
    expect(missing?.params.teach).toBe(COMMAND);
    expect(extra?.params.teach).toBe(COMMAND);
    expect(extra?.cell).toBe('H4');
    for (const f of [missing, extra]) {
      if (!f) continue;
      expect(findingSuggestion(f, 'vi')).toContain(COMMAND);
      expect(findingSuggestion(f, 'en')).toContain(COMMAND);
      // A letter to the district never asks it to teach the tool.
      expect(findingSuggestion(f, 'vi', { teach: false })).not.toContain('povreport map');
    }
  });

  it('is read as the taught indicator, for that unit only, and the file is valid', async () => {
    const grids = await tranYenGrids({ headings: { poor_ethnic_minority: UNREAD } });
    const teaching: Teaching = {
      version: 1,
      units: { '138': { headings: { [UNREAD]: 'poor_ethnic_minority' } } },
    };
    const r = await checkTranYen(grids, teaching);
    expect(errors(r)).toEqual([]);
    expect(r.valid).toBe(true);
    const col = r.sheets.find((s) => s.form === '01')?.columns.find((c) => c.col === 7);
    expect(col).toMatchObject({ id: 'poor_ethnic_minority', decidedBy: 'mapping' });
    // The column's figures are read, and the total of them is the sum of the communes'.
    const b01 = r.tables.find((t) => t.form === '01');
    const value = (x: { values: Map<string, { value: number | null }> } | undefined) =>
      x?.values.get('poor_ethnic_minority')?.value ?? null;
    const communes = b01?.rows.filter((x) => x.role === 'subunit') ?? [];
    expect(communes).toHaveLength(21);
    expect(value(b01?.rows.find((x) => x.role === 'total'))).toBe(
      communes.reduce((a, x) => a + (value(x) ?? Number.NaN), 0),
    );
    expect(taughtUse(teaching, '138', r).used.map((e) => e.text)).toEqual([UNREAD]);

    // The same words in another unit's file are not taught.
    const other = await checkTranYen(
      await tranYenGrids({
        headings: { poor_ethnic_minority: UNREAD },
        title: 'UBND HUYỆN VĂN YÊN',
      }),
      teaching,
    );
    expect(other.unit?.code).toBe('136');
    expect(errors(other)).toContain('missing-column poor_ethnic_minority');
  });

  it('taught "-" is left out without an extra-column finding', async () => {
    const grids = await tranYenGrids();
    const b01 = grids[0];
    const head = b01?.rows[3];
    if (head) head.push({ value: 'Ghi chú' });
    const plain = await checkTranYen(grids);
    expect(plain.findings.filter((f) => f.code === 'extra-column')).toHaveLength(1);
    // Nothing the form lacks: no command to suggest for a notes column.
    expect(plain.findings.find((f) => f.code === 'extra-column')?.params.teach).toBeUndefined();
    const taught = await checkTranYen(grids, {
      version: 1,
      units: { '138': { headings: { 'ghi chu': '-' } } },
    });
    expect(taught.findings.filter((f) => f.code === 'extra-column')).toEqual([]);
  });

  it('a column taught "-" is never read by the form\'s order and balance instead', async () => {
    const heading = 'Chuyển sang diện khác';
    const grids = await tranYenGrids({ headings: { poor_exit_to_near_poor: heading } });
    const read = await checkTranYen(grids);
    expect(read.findings.find((f) => f.code === 'column-by-arithmetic')?.indicator).toBe(
      'poor_exit_to_near_poor',
    );
    const left = await checkTranYen(grids, {
      version: 1,
      units: { '138': { headings: { [heading]: '-' } } },
    });
    expect(left.findings.map((f) => f.code)).not.toContain('column-by-arithmetic');
    expect(errors(left)).toEqual(['missing-column poor_exit_to_near_poor']);
  });

  it('columns read two ways suggest teaching the first of them, and teaching one settles both', async () => {
    const p = await builderRun();
    const { rows, total } = randomRows(['Xã An Phú', 'Xã Minh Xuân', 'Xã Yên Thắng'], 7);
    // Minority counts that fit under either group: no identity tells the columns apart.
    for (const r of rows) {
      const m = Math.min(r.values.poor as number, r.values.near_poor as number);
      r.values.poor_ethnic_minority = Math.floor(m / 3);
      r.values.near_poor_ethnic_minority = Math.floor(m / 2);
    }
    const sum = (id: string): number => rows.reduce((a, r) => a + (r.values[id] as number), 0);
    const t: Values = {
      ...total,
      poor_ethnic_minority: sum('poor_ethnic_minority'),
      near_poor_ethnic_minority: sum('near_poor_ethnic_minority'),
    };
    const grid = (headings: Record<string, string>) =>
      formGrid(p, '01', rows, {
        title: ['UBND HUYỆN LỤC YÊN', 'BIỂU 01 6 THÁNG ĐẦU NĂM 2022'],
        total: t,
        headings,
      });
    const distinct = { poor_ethnic_minority: 'Số hộ DTTS', near_poor_ethnic_minority: 'Hộ DTTS' };
    const r = validateBook(book([grid(distinct)]), p, { lang: 'vi', period: '2022-H1' });
    addTeachHints(r, { map: 'D:\\Sở LĐTBXH\\dạy.json' });
    const f = r.findings.find((x) => x.code === 'columns-ambiguous');
    expect(f?.params.teach).toBe(
      'povreport map add --map "D: Sở LĐTBXH dạy.json" --unit 135 "Số hộ DTTS" poor_ethnic_minority',
    );
    expect(f?.params.teachOthers).toBe('poor_ethnic_minority, near_poor_ethnic_minority');

    const taught = validateBook(book([grid(distinct)]), p, {
      lang: 'vi',
      period: '2022-H1',
      teaching: {
        version: 1,
        units: { '135': { headings: { 'Số hộ DTTS': 'poor_ethnic_minority' } } },
      },
    });
    expect(taught.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(taught.tables[0]?.layout.columns.get('near_poor_ethnic_minority')).toBe(8);

    // Two columns under the very same heading: no heading can tell them apart, so no command.
    const same = validateBook(
      book([grid({ poor_ethnic_minority: 'DTTS', near_poor_ethnic_minority: 'DTTS' })]),
      p,
      { lang: 'vi', period: '2022-H1' },
    );
    addTeachHints(same, {});
    const g = same.findings.find((x) => x.code === 'columns-ambiguous');
    expect(g).toBeDefined();
    expect(g?.params.teach).toBeUndefined();
    expect(g && findingSuggestion(g, 'vi')).not.toContain('{teach');
  });
});

describe('a row label the tool cannot read', () => {
  it('a commune the registry matcher refuses is suggested as the missing one, and taught it is that commune', async () => {
    const grids = await tranYenGrids({ names: { 'Xã Minh Quán': 'Xã Quán Minh' } });
    const r = await checkTranYen(grids);
    const unknown = r.findings.filter((f) => f.code === 'subunit-unknown');
    expect(unknown).toHaveLength(5);
    expect(unknown[0]?.params.teach).toBe(
      'povreport map add --unit 138 --row "Xã Quán Minh" "=Xã Minh Quán"',
    );
    const first = unknown[0];
    if (first) expect(findingSuggestion(first, 'vi')).toContain('Nếu đây đúng là Xã Minh Quán');

    const taught = await checkTranYen(grids, {
      version: 1,
      units: { '138': { rows: { 'Xã Quán Minh': '=Xã Minh Quán' } } },
    });
    expect(taught.findings.filter((f) => f.code.startsWith('subunit'))).toEqual([]);
    const row = taught.tables[0]?.rows.find((x) => x.name === 'Xã Quán Minh');
    expect(row?.canonical).toBe('Xã Minh Quán');
    // "Xã Minh Quân" (another commune) is not taken for the taught "Xã Quán Minh".
    expect(taught.tables[0]?.rows.find((x) => x.name === 'Xã Minh Quân')?.canonical).toBe(
      'Xã Minh Quân',
    );
  });

  it('"Xã Minh Quan" beside the row of Xã Minh Quân is Xã Minh Quán, said: nothing to teach', async () => {
    const r = await checkTranYen(await tranYenGrids({ names: { 'Xã Minh Quán': 'Xã Minh Quan' } }));
    expect(r.findings.filter((f) => f.code === 'subunit-unknown')).toEqual([]);
    const read = r.findings.filter((f) => f.code === 'subunit-read-as');
    expect(read).toHaveLength(5);
    expect(read.map((f) => f.params.canonical)).toEqual(new Array(5).fill('Xã Minh Quán'));
    expect(r.tables[0]?.rows.find((x) => x.name === 'Xã Minh Quan')?.canonical).toBe(
      'Xã Minh Quán',
    );
  });

  it('a row taught "ignore" is not summed; untaught, the total does not add up', async () => {
    const p = await builderRun();
    const { rows, total } = randomRows(['Xã An Phú', 'Xã Minh Xuân', 'Xã Yên Thắng'], 11);
    const extra = { name: 'Hộ chính sách', values: { ...rows[1]?.values } };
    const grid = formGrid(p, '01', [...rows, extra], {
      title: ['UBND HUYỆN LỤC YÊN', 'BIỂU 01 6 THÁNG ĐẦU NĂM 2022'],
      total,
    });
    const plain = validateBook(book([grid]), p, { lang: 'vi', period: '2022-H1' });
    expect(plain.findings.some((f) => f.code === 'total-mismatch')).toBe(true);
    const taught = validateBook(book([grid]), p, {
      lang: 'vi',
      period: '2022-H1',
      teaching: { version: 1, units: { '135': { rows: { 'HỘ CHÍNH SÁCH': 'ignore' } } } },
    });
    expect(taught.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(taught.tables[0]?.rows.find((x) => x.name === 'Hộ chính sách')?.role).toBe('breakdown');
  });
});

describe('the teaching data', () => {
  const t: Teaching = {
    version: 1,
    units: {
      '138': {
        headings: { 'Thoát nghèo thành CN': 'poor_exit_to_near_poor' },
        rows: { 'Cộng các xã': 'total' },
      },
      '139': { rows: { 'TT Trạm Tấu': '=Thị trấn Trạm Tấu' } },
    },
  };

  it('row labels keep their tone marks apart (Minh Quán, Minh Quân), not their case or tone placement', () => {
    expect(labelKey('Xã Minh Quán')).not.toBe(labelKey('Xã Minh Quân'));
    expect(labelKey('XÃ  HOÀ CUÔNG')).toBe(labelKey('Xã Hòa Cuông'));
    expect(labelKey('Xã Hòa Cuông'.normalize('NFD'))).toBe(labelKey('Xã Hòa Cuông'));
    expect(taughtFor(t, '138')?.rows.get(labelKey('CỘNG CÁC XÃ'))).toBe('total');
    expect(taughtFor(t, '137')).toBeUndefined();
  });

  it('setting an entry that reads the same replaces it under the new spelling; others keep their order', () => {
    const { teaching, replaced } = setTaught(t, {
      unit: '138',
      kind: 'heading',
      text: 'thoat ngheo thanh cn',
      meaning: 'poor_exit_above',
    });
    expect(replaced?.text).toBe('Thoát nghèo thành CN');
    expect(teaching.units['138']?.headings).toEqual({ 'thoat ngheo thanh cn': 'poor_exit_above' });
    expect(Object.keys(teaching.units)).toEqual(['138', '139']);
    expect(t.units['138']?.headings).toEqual({ 'Thoát nghèo thành CN': 'poor_exit_to_near_poor' });
    const gone = removeTaught(teaching, { unit: '139', kind: 'row', text: 'tt trạm tấu' });
    expect(gone.removed?.meaning).toBe('=Thị trấn Trạm Tấu');
    expect(Object.keys(gone.teaching.units)).toEqual(['138']);
  });

  it('the suggested command is one argument per text in every shell', () => {
    expect(teachCommand({}, '139', 'row', 'Xã "Pá Hu" $HOME', '=Xã Pá Hu')).toBe(
      'povreport map add --unit 139 --row "Xã Pá Hu HOME" "=Xã Pá Hu"',
    );
  });

  it('ranks the indicators closest to a heading and to a mistyped id first', async () => {
    const p = await shippedRun();
    const cols = p.cat.forms.forms.flatMap((f) => f.columns);
    expect(closestIndicators(cols, { text: 'Thoát nghèo thành CN' })[0]?.id).toBe(
      'poor_exit_to_near_poor',
    );
    expect(closestIndicators(cols, { id: 'poor_exit_nearpoor' })[0]?.id).toBe(
      'poor_exit_to_near_poor',
    );
  });
});
