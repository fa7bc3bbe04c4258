/**
 * What `template` prints: one line per workbook written, naming the unit, its code and the period.
 */
import type { UnitSpec } from '../core/catalogue.js';
import type { Lang } from '../core/lang.js';
import { escapeTerminal } from './escape-terminal.js';
import type { TemplatePeriod } from './template-xlsx.js';

const T = {
  vi: {
    written: (file: string, unit: UnitSpec, period: TemplatePeriod) =>
      `Đã tạo ${file} (${unit.name}, mã ${unit.code}, ${period.title.vi})`,
  },
  en: {
    written: (file: string, unit: UnitSpec, period: TemplatePeriod) =>
      `Wrote ${file} (${unit.name}, code ${unit.code}, ${period.title.en})`,
  },
} as const;

/** The terminal line (with its line break) for a template written to `file`. */
export function templateWrittenLine(
  file: string,
  unit: UnitSpec,
  period: TemplatePeriod,
  lang: Lang,
): string {
  // The file name and the registry's names are data: shown, never obeyed by the terminal.
  return `${escapeTerminal(T[lang].written(file, unit, period))}\n`;
}
