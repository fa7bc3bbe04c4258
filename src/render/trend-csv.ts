/**
 * The trend table as CSV: the same grid as the workbook (`trend-table.ts`), one line per unit.
 * UTF-8 with BOM and CRLF, as Excel writes them; texts that could start a formula neutralised
 * (`report-csv.ts`).
 */
import { neutralise } from './report-csv.js';
import type { TrendGrid } from './trend-table.js';

function field(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const t = neutralise(v);
  return /[",;\t\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The CSV text of the grid. */
export function trendToCsv(grid: TrendGrid): string {
  const lines = [grid.headings, ...grid.rows].map((r) => r.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
