/**
 * A commune's code in a report is the one it had in the report's period. Phường Hồng Hà (04267)
 * took in Phường Nguyễn Phúc in 2024 and with it Nguyễn Phúc's code 04264, which the registry
 * gives as Hồng Hà's latest: a 2022 report gave both wards 04264, and anything joining the output
 * by code merged them (found by an outside tester). The submissions are the shipped SYNTHETIC
 * 2022-H1 fixtures.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';

const DIR = path.resolve('fixtures/2022-H1');

describe('communes’ codes in a 2022 report', () => {
  it('Phường Hồng Hà has the code it had then, not Nguyễn Phúc’s', async () => {
    const file = path.join(DIR, 'BC giam ngheo 6 thang dau nam 2022_TP Yen Bai.xlsx');
    const unit = await consolidatedUnit(file, '2022-H1', '132');
    const code = (name: string) => unit?.subunits.find((s) => s.name === name)?.code;
    expect(unit?.status).toBe('accepted');
    expect(code('Phường Nguyễn Phúc')).toBe('04264');
    expect(code('Phường Hồng Hà')).toBe('04267');
  });

  it('no two communes of a unit share a code, in any shipped district', async () => {
    const files = readdirSync(DIR).map((f) => path.join(DIR, f));
    for (const unitCode of ['132', '133', '135', '136', '137', '138', '139', '140', '141']) {
      const unit = await consolidatedUnit(files, '2022-H1', unitCode);
      expect(unit?.status, unitCode).toBe('accepted');
      const codes = (unit?.subunits ?? []).map((s) => s.code).filter((c) => c !== undefined);
      expect(codes.length, unitCode).toBeGreaterThan(0);
      expect(new Set(codes).size, unitCode).toBe(codes.length);
    }
  });
});
