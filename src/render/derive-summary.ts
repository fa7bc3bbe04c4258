/**
 * What `derive` prints: for each unit, the workbook written from its household lists (with how
 * many households and list files it was computed from), or why none was written (the lists'
 * errors, the first few of them); then what a clerk must still fill in.
 */
import path from 'node:path';
import type { UnitSpec } from '../core/catalogue.js';
import { findingMessage, type Finding } from '../core/finding.js';
import type { Lang } from '../core/lang.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { findingLocation } from './findings.js';

/** Errors shown per refused unit; the rest are counted. */
const SHOWN = 5;

/** One unit's outcome. */
export type DeriveOutcome =
  | { unit: UnitSpec; file: string; households: number; lists: number }
  | { unit: UnitSpec; errors: Finding[] };

const T = {
  vi: {
    written: (o: { file: string; households: number; lists: number }, u: UnitSpec) =>
      `Đã tạo ${o.file} (${u.name}, mã ${u.code}) từ ${o.households} hộ trong ${o.lists} tệp danh sách`,
    refused: (u: UnitSpec, n: number) =>
      `Không tạo biểu cho ${u.name} (mã ${u.code}): danh sách có ${n} lỗi; sửa danh sách rồi chạy lại`,
    more: (n: number) => `… và ${n} lỗi khác (xem povreport validate)`,
    none: 'Không có danh sách hộ nào trong các tệp đã cho (xem povreport validate).',
    fill: 'Các ô danh sách không cho (tổng số hộ dân cư, số hộ đầu kỳ, giảm, tăng khác…) để trống; đơn vị điền trước khi gửi.',
  },
  en: {
    written: (o: { file: string; households: number; lists: number }, u: UnitSpec) =>
      `Wrote ${o.file} (${u.name}, code ${u.code}) from ${o.households} households in ${o.lists} list file(s)`,
    refused: (u: UnitSpec, n: number) =>
      `No forms for ${u.name} (code ${u.code}): its lists have ${n} error(s); correct them and run again`,
    more: (n: number) => `… and ${n} more errors (see povreport validate)`,
    none: 'No household list among the files given (see povreport validate).',
    fill: 'Cells a list cannot give (all households, opening figures, other decreases and increases…) are left open for the unit to fill in before sending.',
  },
} as const;

/** The terminal text of a `derive` run. */
export function renderDeriveSummary(outcomes: DeriveOutcome[], lang: Lang): string {
  const t = T[lang];
  if (outcomes.length === 0) return `${t.none}\n`;
  const lines: string[] = [];
  for (const o of outcomes) {
    if ('file' in o) {
      lines.push(esc(t.written(o, o.unit)));
      continue;
    }
    lines.push(esc(t.refused(o.unit, o.errors.length)));
    for (const f of o.errors.slice(0, SHOWN))
      lines.push(
        `    ${esc(`${path.basename(f.file)} ${findingLocation(f)}  ${f.code}  ${findingMessage(f, lang)}`)}`,
      );
    if (o.errors.length > SHOWN) lines.push(`    ${t.more(o.errors.length - SHOWN)}`);
  }
  if (outcomes.some((o) => 'file' in o)) lines.push(t.fill);
  return `${lines.join('\n')}\n`;
}
