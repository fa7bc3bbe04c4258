/**
 * Reads the office's receipt log (`--receipts FILE.csv`): UTF-8 with or without a BOM, CRLF or
 * LF, comma or semicolon separated, split by csv-parse (the reader of the forms' CSV files) and
 * handed to core/receipt-log.ts as rows. A log that cannot be opened is a usage error (the user
 * named it); what is wrong inside it is findings.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ConfigError } from '../core/errors.js';
import type { ReceiptRow } from '../core/receipt-log.js';

/** The receipt log is small: a line per report received. Larger is not a log. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** The rows of the receipt log at `file` (core/receipt-log.ts makes the log of them). */
export async function readReceiptRows(file: string): Promise<ReceiptRow[]> {
  return receiptRows(await readReceiptLogText(file));
}

/**
 * The log's non-blank lines split into fields, each line alone so that a stray quote costs that
 * line only (a receipt log has no field over two lines). The separator is the header's: `;` when
 * it has more semicolons than commas, else `,`.
 */
export function receiptRows(text: string): ReceiptRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines.find((l) => l.trim() !== '') ?? '';
  const delimiter =
    (header.match(/;/g) ?? []).length > (header.match(/,/g) ?? []).length ? ';' : ',';
  const rows: ReceiptRow[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let cells: string[] | null;
    try {
      const records: string[][] = parse(text, { delimiter, trim: true, relax_column_count: true });
      cells = records[0] ?? [];
    } catch {
      cells = null;
    }
    rows.push({ line: i + 1, cells });
  });
  return rows;
}

/** The text of the receipt log at `file`. */
async function readReceiptLogText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ConfigError({
      vi: `--receipts "${file}": không đọc được sổ nhận báo cáo; kiểm tra lại đường dẫn.`,
      en: `--receipts "${file}": the receipt log cannot be read; check the path.`,
    });
  }
  if (bytes.length > MAX_LOG_BYTES)
    throw new ConfigError({
      vi: `--receipts "${file}": tệp quá lớn cho một sổ nhận báo cáo (quá 5 MB).`,
      en: `--receipts "${file}": too large for a receipt log (over 5 MB).`,
    });
  return new TextDecoder('utf-8').decode(bytes);
}
