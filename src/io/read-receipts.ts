/**
 * Reads the office's receipt log (`--receipts FILE.csv`) as text: UTF-8 with or without a BOM
 * (core/receipt-log.ts drops it and reads CRLF or LF). A log that cannot be opened is a usage
 * error (the user named it); what is wrong inside it is findings.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/** The receipt log is small: a line per report received. Larger is not a log. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** The text of the receipt log at `file` (core/receipt-log.ts parses it). */
export async function readReceiptLogText(file: string): Promise<string> {
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
