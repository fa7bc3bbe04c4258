import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../src/core/catalogue.js';
import { shippedRun } from '../helpers/build.js';
import {
  headingMatches,
  headingReadings,
  isEnglishText,
  isPeriodHeading,
  prepareVocabulary,
  readHeadingPath,
} from '../../src/core/headings.js';

const vocab = prepareVocabulary(
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../templates/vocabulary/vi.json'), 'utf8'),
  ) as Vocabulary,
);
const read = (h: string): string[][] => headingReadings(h, vocab);

describe('heading readings', () => {
  it('ignore diacritics, case, decomposed forms, numbering and units', () => {
    const canonical = read('Tỷ lệ hộ nghèo (%)');
    expect(read('TY LE HO NGHEO')).toEqual(canonical);
    expect(read('Tỷ lệ hộ nghèo'.normalize('NFD'))).toEqual(canonical);
    expect(read('1. Việc làm')).toEqual(read('Việc làm'));
    // "Tỉ lệ" is the older spelling of "Tỷ lệ", as common in headings.
    expect(read('Tỉ lệ hộ nghèo (%)')).toEqual(canonical);
    expect(read('TI LE HO NGHEO')).toEqual(canonical);
    expect(read('Số hộ\nnghèo (hộ)')).toEqual(read('Số hộ nghèo'));
  });
  it('read the words in brackets as a second reading: "Nhà ở (chất lượng)" is not only "Nhà ở"', () => {
    const r = read('Nhà ở (chất lượng)').map((x) => x.join(' '));
    expect(r).toEqual(['nha o', 'nha o chat']); // "lượng" is no significant word ("số lượng")
    // A unit or a percent in brackets adds no reading.
    expect(read('Tỷ lệ hộ nghèo (%)')).toHaveLength(1);
    expect(read('Số hộ nghèo (hộ)')).toEqual(read('Số hộ nghèo'));
  });
  it('expand the abbreviations of the vocabulary file', () => {
    expect(read('Hộ nghèo DTTS')).toEqual(read('Hộ nghèo dân tộc thiểu số'));
    expect(read('TS hộ')).toEqual(read('Tổng số hộ'));
    expect(read('Tỷ lệ HCN')).toEqual(read('Tỷ lệ hộ cận nghèo'));
    expect(read('Thiếu hụt BHYT')[0]).toEqual(read('Thiếu hụt bảo hiểm y tế')[0]);
  });
  it('keep every meaning of an abbreviation that has several', () => {
    const r = read('DT nhà ở').map((x) => x.join(' '));
    expect(r).toContain('dien tich nha o');
    expect(r).toContain('dan toc nha o');
  });
  it('keep a word that is also an abbreviation ("y tế" is not "y trẻ em")', () => {
    expect(read('Bảo hiểm y tế').map((x) => x.join(' '))).toContain('bao hiem y te');
  });
  it('drop an English translation beside or under the Vietnamese heading', () => {
    expect(read('Số hộ nghèo / Number of poor households')).toEqual(read('Số hộ nghèo'));
    expect(read('Tỷ lệ hộ nghèo (%)\nPoverty rate')).toEqual(read('Tỷ lệ hộ nghèo (%)'));
    expect(isEnglishText('Near-poor households', vocab)).toBe(true);
    expect(isEnglishText('Hộ cận nghèo', vocab)).toBe(false);
    // Vietnamese written without diacritics is not English.
    expect(isEnglishText('So ho ngheo', vocab)).toBe(false);
  });
});

describe('heading paths', () => {
  it('read a bare number under a deprivation group as that indicator', () => {
    expect(readHeadingPath(['Các chỉ số thiếu hụt', '5'], vocab).number).toBe(5);
    expect(readHeadingPath(['Số hộ thiếu hụt', '(12)'], vocab).number).toBe(12);
    expect(readHeadingPath(['Chỉ số 7'], vocab).number).toBe(7);
    // A bare number anywhere else is a column number, not an indicator.
    expect(readHeadingPath(['Hộ nghèo', '5'], vocab).number).toBeNull();
  });
  it('read "d.k" under a deprivation group as the k-th indicator of the d-th dimension, nowhere else', async () => {
    const { prepared } = await shippedRun();
    const form = prepared.forms.find((x) => x.spec.id === '04');
    if (!form) throw new Error('04');
    const ids = (...path: string[]) =>
      headingMatches(readHeadingPath(path, prepared.vocab), form)
        .filter((m) => m.kind === 'number')
        .map((m) => m.id);
    // Decree 07's dimensions, in its order: employment (2), health (2) … information (2).
    expect(ids('Các chỉ số thiếu hụt', 'Y tế', '2.1')).toEqual(['poor_lack_nutrition']);
    expect(ids('Các chỉ số thiếu hụt', 'Việc làm', '1.2')).toEqual(['poor_lack_dependants']);
    expect(ids('Các chỉ số thiếu hụt', 'Thông tin', '(6.2)')).toEqual(['poor_lack_information']);
    expect(ids('Các chỉ số thiếu hụt', '06.1')).toEqual(['poor_lack_telecom']);
    // No such indicator, or no group above: no reading.
    expect(ids('Các chỉ số thiếu hụt', '7.1')).toEqual([]);
    expect(ids('Các chỉ số thiếu hụt', '2.3')).toEqual([]);
    expect(ids('Hộ nghèo', '2.1')).toEqual([]);
  });
  it('give the group heading as context to the short headings under it', () => {
    const p = readHeadingPath(['Hộ nghèo', 'Số hộ'], vocab);
    expect(p.candidates.map((c) => c.seq)).toContain('ngheo');
  });
});

describe('the catalogue’s own headings', () => {
  it('keep their fillers: "Tổng thiếu hụt" is not "Tổng", "Hộ tái nghèo" is not "Hộ nghèo"', async () => {
    const { prepared } = await shippedRun();
    const form = (id: string) => {
      const f = prepared.forms.find((x) => x.spec.id === id);
      if (!f) throw new Error(id);
      return f;
    };
    const matches = (id: string, ...path: string[]) =>
      headingMatches(readHeadingPath(path, prepared.vocab), form(id)).map((m) => [m.id, m.kind]);
    // A households column of Biểu 04/05 headed "Tổng số hộ" only loosely fits the poor (or
    // near-poor) and the deprivations total: the figures decide, not a spelling.
    for (const h of ['Tổng số hộ', 'TS hộ', 'Tổng số hộ (hộ)']) {
      expect(matches('04', h)).toEqual([
        ['poor', 'generic'],
        ['poor_deprivations', 'generic'],
      ]);
      expect(matches('05', h)).toEqual([
        ['near_poor', 'generic'],
        ['near_poor_deprivations', 'generic'],
      ]);
    }
    expect(matches('04', 'Tổng số lượt thiếu hụt')).toEqual([['poor_deprivations', 'exact']]);
    // "tại" (a filler) and "tái" fold alike: "Hộ tái nghèo" without it was "nghèo" exactly.
    expect(matches('02', 'Số hộ nghèo').filter(([, kind]) => kind === 'exact')).toEqual([]);
    // A file's heading is still read without its fillers.
    expect(matches('04', 'Thiếu hụt về việc làm')).toEqual([['poor_lack_employment', 'exact']]);
    // Biểu 01's "Tổng số hộ" is a variant of its own: the households.
    expect(matches('01', 'Tổng số hộ')).toEqual([['households', 'exact']]);
    // "Thành hộ cận nghèo" under the poor's decrease: escaped poverty, still near-poor (prober F:
    // with the increase group first, the form's order could not tell it).
    expect(matches('02', 'Số hộ nghèo giảm trong kỳ', 'Thành hộ cận nghèo')[0]).toEqual([
      'poor_exit_to_near_poor',
      'exact',
    ]);
    // The everyday words of the last indicators, under their dimension (prober F).
    const best = (...path: string[]) => matches('04', ...path)[0];
    const dim = ['Các chỉ số thiếu hụt', 'Nước sinh hoạt và vệ sinh'];
    expect(best(...dim, 'Nước sạch')).toEqual(['poor_lack_water', 'exact']);
    expect(best(...dim, 'Nhà vệ sinh')).toEqual(['poor_lack_sanitation', 'exact']);
    expect(best('Các chỉ số thiếu hụt', 'Thông tin', 'Điện thoại, internet')).toEqual([
      'poor_lack_telecom',
      'exact',
    ]);
    expect(best('Các chỉ số thiếu hụt', 'Thông tin', 'Tivi, radio, máy tính')).toEqual([
      'poor_lack_information',
      'exact',
    ]);
  });
});

describe('a heading that says only when', () => {
  it.each<[string, boolean]>([
    ['Cuối năm 2021', true],
    ['6 tháng 2022', true],
    ['6 THÁNG ĐẦU NĂM 2022', true],
    ['6T/2022', true],
    ['Năm 2021', true],
    ['Quý II năm 2022', true],
    // A year among other words, or no year: an indicator's heading, or a plan's.
    ['Số hộ nghèo năm 2021', false],
    ['Kế hoạch giao năm 2022', false],
    ['Chuẩn nghèo giai đoạn 2022-2025', false],
    ['Tháng 6', false],
  ])('%s → %s', (heading, when) => {
    expect(isPeriodHeading(heading, vocab)).toBe(when);
  });

  it('is left out of the path under an indicator: "Số hộ nghèo / Cuối năm 2021" is the poor', () => {
    const path = readHeadingPath(['Số hộ nghèo', 'Cuối năm 2021'], vocab);
    expect(path.candidates.map((c) => c.seq)).toEqual(
      readHeadingPath(['Số hộ nghèo'], vocab).candidates.map((c) => c.seq),
    );
    expect(path.texts).toEqual(['Số hộ nghèo', 'Cuối năm 2021']);
  });
});
