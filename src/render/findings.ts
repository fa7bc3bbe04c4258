/**
 * Findings as the user sees them: JSON objects (the `--json` shape) and terminal lines.
 */
import type { ChalkInstance } from 'chalk';
import {
  compareFindings,
  findingMessage,
  findingSuggestion,
  type Finding,
} from '../core/finding.js';
import { type Lang } from '../core/lang.js';
import type { Severity } from '../core/finding-codes.js';
import { escapeTerminal } from './escape-terminal.js';

/** A finding in the `--json` shape (fields may be added, none removed or renamed). */
export interface FindingJson extends Omit<Finding, 'params'> {
  /** The message in the chosen language. */
  message: string;
  /** What to do about it. */
  suggestion: string;
  /**
   * The `povreport map add` command that teaches the tool what the file means, when teaching can
   * fix the finding (also part of `suggestion`).
   */
  teach?: string;
}

/** Converts a finding to its JSON object. */
export function findingToJson(f: Finding, lang: Lang): FindingJson {
  return {
    code: f.code,
    severity: f.severity,
    file: f.file,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    unit: f.unit,
    subunit: f.subunit,
    form: f.form,
    indicator: f.indicator,
    message: findingMessage(f, lang),
    suggestion: findingSuggestion(f, lang),
    ...(typeof f.params.teach === 'string' ? { teach: f.params.teach } : {}),
  };
}

/**
 * Orders a file's findings for display: by sheet, row, column and severity, the note of findings
 * left out (`findings-truncated`) last.
 */
export function orderFindings(findings: Finding[]): Finding[] {
  const notes = findings.filter((f) => f.code === 'findings-truncated');
  return findings
    .filter((f) => f.code !== 'findings-truncated')
    .sort(compareFindings)
    .concat(notes);
}

/** Where a finding is, as `Biểu 01!E12`, `E12` (CSV) or `—` (the whole file). */
export function findingLocation(f: Finding): string {
  if (f.sheet && f.cell) return `${f.sheet}!${f.cell}`;
  if (f.cell) return f.cell;
  if (f.sheet) return f.sheet;
  return '—';
}

const LABEL: Record<Lang, Record<Severity, string>> = {
  vi: { error: 'lỗi', warning: 'cảnh báo', info: 'thông tin' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/**
 * Terminal lines of a file's findings, each with its location, code and message; each suggestion
 * once (an information finding's only when it carries a command that teaches the tool).
 */
export function renderFindingLines(findings: Finding[], lang: Lang, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const suggested = new Set<string>();
  const colour = { error: c.red, warning: c.yellow, info: c.dim };
  for (const f of findings) {
    // Sheet names, commune names and the cell texts quoted in messages come from the file.
    const where = escapeTerminal(
      f.subunit ? `${findingLocation(f)} (${f.subunit})` : findingLocation(f),
    );
    lines.push(
      `  ${c.bold(where)}  ${colour[f.severity](`${f.code} (${LABEL[lang][f.severity]})`)}  ${escapeTerminal(findingMessage(f, lang))}`,
    );
    const suggestion = escapeTerminal(findingSuggestion(f, lang));
    if ((f.severity !== 'info' || f.params.teach !== undefined) && !suggested.has(suggestion)) {
      suggested.add(suggestion);
      lines.push(`      ${c.cyan('→')} ${suggestion}`);
    }
  }
  return lines;
}

/**
 * Terminal lines of the receipt log's own findings (`--receipts`: a row naming no file of the run,
 * a row without a name or with a date that cannot be read), under a line saying how many; none
 * when the log has none.
 */
export function receiptLogLines(findings: Finding[], lang: Lang, c: ChalkInstance): string[] {
  const log = findings.filter((f) => f.code.startsWith('receipt-log-'));
  if (log.length === 0) return [];
  const head =
    lang === 'vi'
      ? `Sổ nhận báo cáo: ${log.length} dòng cần xem lại`
      : `Receipt log: ${log.length} row(s) to look at`;
  return [c.yellow(head), ...renderFindingLines(log, lang, c)];
}
