/**
 * A column of village codes beside the names (outside tester AC, fixtures/adversarial): Xã Khao
 * Mang's 2026 report without an STT column, the names headed "Tên thôn, bản", a "Mã thôn" column
 * (T01 … T09) right of them in Biểu 04 only, or in every form. The name heading was not known and
 * the code column was read as the names: a clean report refused (every village of Biểu 04 "not in"
 * the other forms), or accepted with its villages named T01 … T09. Now the heading is known, and
 * where two columns are headed as the names, the one whose cells read as names is taken; the codes
 * are an extra column. The generator's figures: 2,736 households, 114 poor, 102 near-poor.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';

const fixture = (name: string) =>
  path.resolve(`fixtures/adversarial/Khao Mang 2026 - cot Ma thon canh ten thon o ${name}.xlsx`);
const VILLAGES = Array.from({ length: 9 }, (_, i) => `Thôn ${i + 1}`);

describe('a "Mã thôn" column beside "Tên thôn, bản"', () => {
  for (const [which, file, forms] of [
    ['in Biểu 04 only', fixture('Bieu 04 (openpyxl, synthetic)'), 1],
    ['in every form', fixture('moi bieu (openpyxl, synthetic)'), 5],
  ] as const)
    it(`${which}: the villages by their names, the generator's figures, the codes an extra column`, async () => {
      const unit = await consolidatedUnit(file, '2026', '04465', { lang: 'en' });
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.subunits.map((s) => s.name)).toEqual(VILLAGES);
      expect([unit?.values.households, unit?.values.poor, unit?.values.near_poor]).toEqual([
        2736, 114, 102,
      ]);
      const extra = unit?.findings.filter((f) => f.code === 'extra-column') ?? [];
      expect(extra.map((f) => f.params.heading)).toEqual(Array(forms).fill('Mã thôn'));
    });
});

describe('same-named villages under label-only group rows in one form, subtotal rows in the others', () => {
  it('every "Thôn 1" carries its old commune in every form, and the report is accepted', async () => {
    const file = path.resolve(
      'fixtures/adversarial/Khanh Hoa 2026 - thon trung ten, dong nhom chi ghi ten o Bieu 01 (openpyxl, synthetic).xlsx',
    );
    const unit = await consolidatedUnit(file, '2026', '04342', { lang: 'en' });
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    const names = unit?.subunits.map((s) => s.name) ?? [];
    expect(names.filter((n) => n.startsWith('Thôn 1'))).toEqual([
      'Thôn 1 (Tô Mậu)',
      'Thôn 1 (Khánh Hoà)',
      'Thôn 1 (An Lạc)',
      'Thôn 1 (Động Quan)',
    ]);
    // No heading read out of the first group's row.
    expect(unit?.findings.filter((f) => f.code === 'extra-column')).toEqual([]);
  });
});
