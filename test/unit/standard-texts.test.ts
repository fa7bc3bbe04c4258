/**
 * What the deprivation findings say of the standard comes from its data: how many indicators it
 * has, how it is cited, and how many indicators a poor household lacks at least and a near-poor
 * one at most. The shipped 2022-2025 standard reads as before; the draft 2027 one cites Decree
 * 351/2025; a synthetic standard of 13 indicators says 13.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/core/compile-rules.js';
import type { FormsCatalogue, RuleSet, Standard } from '../../src/core/catalogue.js';
import { findingMessage, findingSuggestion, makeFinding } from '../../src/core/finding.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';

const read = (folder: string, id: string): unknown =>
  JSON.parse(readFileSync(path.join(TEMPLATES_DIR, folder, `${id}.json`), 'utf8'));

/** The messages of a rule's finding, as a user reads them, with the rule's params. */
function texts(id: string, ruleId: string, standard: Standard) {
  const rules = compileRules(
    read('rules', id) as RuleSet,
    read('forms', id) as FormsCatalogue,
    standard,
  );
  const rule = rules.find((r) => r.spec.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const f = makeFinding(rule.spec.code, {
    file: 'x.xlsx',
    params: { ...rule.params, rule: rule.spec.description.vi, left: 500, right: 600 },
  });
  return {
    vi: `${findingMessage(f, 'vi')} ${findingSuggestion(f, 'vi')}`,
    en: `${findingMessage(f, 'en')} ${findingSuggestion(f, 'en')}`,
    params: rule.params,
  };
}

describe('deprivation findings say what the standard says', () => {
  const s22 = read('standards', 'vn-2022-2025') as Standard;
  const s27 = read('standards', 'vn-2027-2030') as Standard;

  it('2022-2025: twelve indicators, Decree 07/2021, at least 3 and at most 2', () => {
    expect(texts('vn-2022-2025', 'b04-deprivations-sum', s22).vi).toContain(
      'cộng 12 chỉ số được 600',
    );
    const few = texts('vn-2022-2025', 'b04-poor-lack-at-least-three', s22);
    expect(few.vi).toContain('mỗi hộ nghèo thiếu ít nhất 3 chỉ số');
    expect(few.vi).toContain(
      'theo Nghị định 07/2021/NĐ-CP, hộ nghèo thiếu hụt từ 3 chỉ số trở lên',
    );
    expect(few.en).toContain('under Decree 07/2021 a poor household lacks 3 or more indicators');
    const many = texts('vn-2022-2025', 'b05-near-poor-lack-at-most-two', s22);
    expect(many.vi).toContain('mỗi hộ cận nghèo thiếu tối đa 2 chỉ số');
    // Only what the code's texts use: a balance finding carries none of it.
    expect(texts('vn-2022-2025', 'b02-balance', s22).params).toEqual({});
  });

  it('the draft 2027-2030 standard is cited as Decree 351/2025', () => {
    const few = texts('vn-2027-2030', 'b04-poor-lack-at-least-three', s27);
    expect(few.vi).toContain('theo Nghị định 351/2025/NĐ-CP');
    expect(few.vi).not.toContain('07/2021');
  });

  it('a standard of 13 indicators says 13, one without thresholds leaves them out', () => {
    const extra = {
      ...s22,
      indicators: [...s22.indicators, { number: 13, id: 'x', dimension: s22.name, name: s22.name }],
    };
    expect(texts('vn-2022-2025', 'b04-deprivations-sum', extra).en).toContain(
      'the 13 indicators add up to 600',
    );
    const bare: Standard = { ...s22 };
    delete bare.classification;
    const few = texts('vn-2022-2025', 'b04-poor-lack-at-least-three', bare);
    expect(few.vi).toContain('ít hơn 600. Kiểm tra lại số hộ nghèo và các cột thiếu hụt.');
    expect(few.vi).not.toContain('{');
  });
});
