/**
 * Which counts of a form the rules prove 0 for a row the form lacks, from the row's figures in
 * the other forms (rows-across-forms.ts `provenZeros`), with the shipped forms and rules of 2022–2025.
 */
import { describe, expect, it } from 'vitest';
import { loadSetup } from '../../src/commands/pipeline.js';
import type { Values } from '../../src/core/consolidate.js';
import { provenZeros } from '../../src/core/rows-across-forms.js';

const setup = await loadSetup({ period: '2022' });
const rules = setup.run.rules;
const columns = (form: string) => setup.cat.forms.forms.find((f) => f.id === form)?.columns ?? [];
const B01 = (poor: number, nearPoor: number): [string, Values] => [
  '01',
  { households: 500, poor, near_poor: nearPoor, poor_ethnic_minority: 0 },
];

describe('counts the other forms prove 0', () => {
  it('Biểu 04 and 05 of a village with no poor (no near-poor) household: every count, by Biểu 01', () => {
    const b04 = provenZeros('04', columns('04'), new Map([B01(0, 7)]), rules);
    expect(b04?.ids).toEqual(columns('04').map((c) => c.id));
    expect(b04?.by).toEqual(['01']);
    expect(provenZeros('05', columns('05'), new Map([B01(0, 7)]), rules)).toBeNull();
    expect(provenZeros('05', columns('05'), new Map([B01(3, 0)]), rules)?.ids).toHaveLength(14);
  });

  it('nothing when the group has households, or its count is not known', () => {
    expect(provenZeros('04', columns('04'), new Map([B01(2, 7)]), rules)).toBeNull();
    expect(provenZeros('04', columns('04'), new Map([['01', { poor: null }]]), rules)).toBeNull();
    expect(provenZeros('04', columns('04'), new Map(), rules)).toBeNull();
  });

  it('Biểu 02 never: its end is 0, but no other form bounds how the households moved', () => {
    const byForm = new Map([B01(0, 0), ['04', { poor: 0 }] as [string, Values]]);
    expect(provenZeros('02', columns('02'), byForm, rules)).toBeNull();
    expect(provenZeros('03', columns('03'), byForm, rules)).toBeNull();
  });

  it('Biểu 01 never: its rates are no figures 0 of 0 households can give', () => {
    expect(provenZeros('01', columns('01'), new Map([['04', { poor: 0 }]]), rules)).toBeNull();
  });
});
