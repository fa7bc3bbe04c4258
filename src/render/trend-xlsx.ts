/**
 * The trend table as a workbook: one sheet, the title, the headings, a row per unit, the province
 * lines in bold, the reform's note under the table. Written from the same grid as the CSV.
 */
import { Book } from './xlsx-book.js';
import {
  COUNT_FORMAT,
  RATE_FORMAT,
  landscapeOnePageWide,
  put,
  putMerged,
  setColumnWidths,
  stampWorkbook,
  type CellLook,
} from './xlsx-kit.js';
import type { TrendColumnKind, TrendGrid } from './trend-table.js';

/** The sheet's name. */
export const TREND_SHEET = 'Xu huong';

const FORMATS: Record<TrendColumnKind, string | undefined> = {
  text: undefined,
  rate: RATE_FORMAT,
  count: COUNT_FORMAT,
  points: RATE_FORMAT,
};

/** The first row of the headings (the title above). */
export const TREND_HEADING_ROW = 3;

/** The workbook's bytes. */
export function renderTrendXlsx(grid: TrendGrid, o: { now: Date; note: string | null }): Buffer {
  const wb = new Book();
  stampWorkbook(wb, o.now);
  const ws = wb.addWorksheet(TREND_SHEET, {
    pageSetup: landscapeOnePageWide(),
    views: [{ state: 'frozen', xSplit: 2, ySplit: TREND_HEADING_ROW }],
  });
  const width = grid.headings.length;
  putMerged(ws, 1, 1, 1, width, grid.title, { bold: true, size: 13, align: 'center' });
  grid.headings.forEach((h, i) =>
    put(ws, TREND_HEADING_ROW, i + 1, h, { bold: true, wrap: true, border: true, align: 'center' }),
  );
  ws.getRow(TREND_HEADING_ROW).height = 60;
  grid.rows.forEach((row, r) => {
    const bold = grid.provinceRows.includes(r);
    row.forEach((v, c) => {
      const kind = grid.kinds[c] ?? 'text';
      const look: CellLook = { border: true, bold };
      const fmt = typeof v === 'number' ? FORMATS[kind] : undefined;
      if (fmt) look.numFmt = fmt;
      if (typeof v === 'number' || v === '—') look.align = 'right';
      if (kind === 'text' && c === row.length - 1) look.wrap = true;
      put(ws, TREND_HEADING_ROW + 1 + r, c + 1, v, look);
    });
  });
  if (o.note) put(ws, TREND_HEADING_ROW + grid.rows.length + 2, 1, o.note, { italic: true });
  setColumnWidths(
    ws,
    grid.kinds.map((k, i) => (i === 1 ? 28 : i === width - 1 ? 60 : k === 'text' ? 12 : 11)),
  );
  ws.pageSetup.printTitlesRow = `${TREND_HEADING_ROW}:${TREND_HEADING_ROW}`;
  return wb.toBuffer();
}
