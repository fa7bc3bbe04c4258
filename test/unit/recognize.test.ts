/**
 * Which column holds which indicator when the headings leave a choice: the form's identities on
 * the figures, then its order against the settled columns, and an error when neither decides.
 * Synthetic Lục Yên rows (two communes), built in memory.
 */
import { describe, expect, it } from 'vitest';
import { validateBook } from '../../src/core/validate-book.js';
import { book, builderRun, codes, formGrid, lucYenRows } from '../helpers/build.js';

const title = ['UBND HUYỆN LỤC YÊN', 'BIỂU 01: KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM 2022'];

async function read(
  headings: Record<string, string>,
  rows = lucYenRows(),
  drop: string[] = [],
): Promise<ReturnType<typeof validateBook>> {
  const p = await builderRun();
  const grid = formGrid(p, '01', rows, { title, headings, drop });
  return validateBook(book([grid]), p, { lang: 'vi' });
}

const column = (r: ReturnType<typeof validateBook>, id: string) =>
  r.sheets[0]?.columns.find((c) => c.id === id);

describe('columns the headings leave open', () => {
  it('two columns headed "Tỷ lệ (%)" are told apart by rate = count ÷ households', async () => {
    // Swapped places: near-poor first, then poor; only the figures tell the rates apart.
    const rows = lucYenRows();
    const r = await read({ poor_rate: 'Tỷ lệ (%)', near_poor_rate: 'Tỷ lệ (%)' }, rows);
    expect(codes(r).filter((c) => c !== 'subunits-not-checked')).toEqual([]);
    expect(column(r, 'poor_rate')).toMatchObject({ col: 4, decidedBy: 'identity' });
    expect(column(r, 'near_poor_rate')).toMatchObject({ col: 6, decidedBy: 'identity' });
  });

  it('without the counts to check them, the rate next to its count is its rate (the order)', async () => {
    const r = await read({ poor_rate: 'Tỷ lệ (%)', near_poor_rate: 'Tỷ lệ (%)' }, lucYenRows(), [
      'households',
    ]);
    expect(column(r, 'poor_rate')).toMatchObject({ col: 3, decidedBy: 'order' });
    expect(column(r, 'near_poor_rate')).toMatchObject({ col: 5, decidedBy: 'order' });
  });

  it('two "Hộ DTTS" columns that both fit either group are an error naming both, not a guess', async () => {
    const rows = lucYenRows().map((x, i) => ({
      ...x,
      values: {
        ...x.values,
        poor_ethnic_minority: 30 + i,
        near_poor_ethnic_minority: 20 + i,
      },
    }));
    const r = await read(
      { poor_ethnic_minority: 'Hộ DTTS', near_poor_ethnic_minority: 'Hộ DTTS' },
      rows,
    );
    const f = r.findings.find((x) => x.code === 'columns-ambiguous');
    expect(f?.severity).toBe('error');
    expect(f?.params.cells).toBe('H, I');
    expect(codes(r)).not.toContain('missing-column');
    expect(r.valid).toBe(false);
  });

  it('the twelve indicators are known by their number alone', async () => {
    const p = await builderRun();
    const lack = p.cat.standard.indicators.map((i): [string, string] => [
      `poor_lack_${i.id}`,
      `Chỉ số ${i.number}`,
    ]);
    const headings: Record<string, string> = Object.fromEntries(lack);
    const grid = formGrid(p, '04', lucYenRows(), { title, headings });
    const r = validateBook(book([grid]), p, { lang: 'vi' });
    expect(codes(r).filter((c) => c !== 'subunits-not-checked')).toEqual([]);
    for (const [id, heading] of lack)
      expect(r.sheets[0]?.columns.find((c) => c.heading === heading)?.id).toBe(id);
  });
});
