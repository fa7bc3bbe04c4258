/**
 * The office's receipt log (`--receipts FILE.csv`): the day each report was received, as the
 * văn thư wrote it in the incoming-documents book. Its dates are the strongest of all (stronger
 * than an e-mail's Date and the date line under a table). Pure: the command reads the bytes.
 *
 * The CSV has a header row naming a file column and a date column, in Vietnamese or English
 * (`tệp,ngày nhận` / `file,received`), comma or semicolon separated; dates are `dd/mm/yyyy` or
 * ISO `yyyy-mm-dd`. A row that cannot be used is a finding about the log, never a crash. The CSV
 * itself is split by the reader (io/read-receipts.ts).
 */
import { isIsoDate } from './dates-and-numbers.js';
import { makeFinding, type Finding } from './finding.js';
import { foldWords } from './text.js';

/** One row of the log. */
export interface ReceiptEntry {
  /** The file as written in the log: a name, or a path relative to the inbox. */
  file: string;
  /** The day received, ISO. */
  date: string;
  /** 1-based line of the log, for findings. */
  line: number;
}

/** A parsed receipt log. */
export interface ReceiptLog {
  /** The log as the user named it, for findings. */
  file: string;
  entries: ReceiptEntry[];
  /** Problems with the log itself (`receipt-log-*`). */
  findings: Finding[];
}

const FILE_HEADERS = ['tep', 'ten tep', 'file', 'file name', 'filename', 'tai lieu', 'van ban'];
const DATE_HEADERS = [
  'ngay nhan',
  'ngay den',
  'ngay tiep nhan',
  'received',
  'received on',
  'date received',
  'receipt date',
  'date',
  'ngay',
];

/** `15/06/2022`, `5/6/2022`, `2022-06-15` → ISO; null for anything else or a day that is not. */
export function parseReceiptDate(s: string): string | null {
  const t = s.trim();
  let iso: string | null = null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) iso = `${dmy[3]}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  return iso !== null && isIsoDate(iso) ? iso : null;
}

/** One line of the log as the CSV reader split it (io/read-receipts.ts). */
export interface ReceiptRow {
  /** 1-based line in the file. */
  line: number;
  /** The fields, trimmed; null when the line cannot be split (a stray quote). */
  cells: string[] | null;
}

/**
 * The log from its rows (blank lines left out): the first row is the header, naming the file
 * and the date columns; every later row gives a file's day or is a finding about the log.
 */
export function parseReceiptLog(rows: readonly ReceiptRow[], file: string): ReceiptLog {
  const log: ReceiptLog = { file, entries: [], findings: [] };
  const header = rows[0];
  const names = (header?.cells ?? []).map((h) => foldWords(h));
  const fileCol = names.findIndex((h) => FILE_HEADERS.includes(h));
  const dateCol = names.findIndex((h) => DATE_HEADERS.includes(h));
  if (header === undefined || fileCol < 0 || dateCol < 0) {
    log.findings.push(
      makeFinding('receipt-log-header', { file, row: header === undefined ? null : header.line }),
    );
    return log;
  }
  for (const { line, cells } of rows.slice(1)) {
    const name = cells?.[fileCol] ?? '';
    const dateText = cells?.[dateCol] ?? '';
    const date = parseReceiptDate(dateText);
    if (name === '' || date === null) {
      log.findings.push(
        makeFinding('receipt-log-bad-row', {
          file,
          row: line,
          params: { line, name: name || '—', date: dateText || '—' },
        }),
      );
      continue;
    }
    log.entries.push({ file: name, date, line });
  }
  return log;
}

/** A path's parts, folded for comparison (either slash, any case, composed letters). */
function parts(p: string): string[] {
  return p
    .normalize('NFC')
    .toLowerCase()
    .split(/[\\/]+|\s+›\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.');
}

/**
 * Whether a log entry names a file: the entry's parts are the last parts of the file's path (a
 * bare name, or a path relative to the inbox). An attachment shown as `thư.eml › Biểu 01.xlsx` is
 * named either by the whole or by the e-mail alone (every attachment of the e-mail).
 */
export function entryNames(entry: string, file: string): boolean {
  const e = parts(entry);
  const mail = file.split(/\s+›\s+/);
  const candidates = mail.length > 1 ? [file, mail[0] ?? ''] : [file];
  return candidates.some((c) => {
    const f = parts(c);
    return (
      e.length > 0 && e.length <= f.length && e.every((x, i) => f[f.length - e.length + i] === x)
    );
  });
}

/** The log's date for a file (the last row naming it wins: a later correction), or null. */
export function receiptDateOf(file: string, log: ReceiptLog): string | null {
  let date: string | null = null;
  for (const e of log.entries) if (entryNames(e.file, file)) date = e.date;
  return date;
}

/** `receipt-log-unknown-file` for each row naming no file of the run. */
export function unmatchedReceipts(log: ReceiptLog, files: string[]): Finding[] {
  return log.entries
    .filter((e) => !files.some((f) => entryNames(e.file, f)))
    .map((e) =>
      makeFinding('receipt-log-unknown-file', {
        file: log.file,
        row: e.line,
        params: { line: e.line, name: e.file },
      }),
    );
}
