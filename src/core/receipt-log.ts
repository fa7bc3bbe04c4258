/**
 * The office's receipt log (`--receipts FILE.csv`): the day each report was received, as the
 * văn thư wrote it in the incoming-documents book. Its dates are the strongest of all (stronger
 * than an e-mail's Date and the date line under a table). Pure: the command reads the bytes.
 *
 * The CSV has a header row naming a file column and a date column, in Vietnamese or English
 * (`tệp,ngày nhận` / `file,received`), comma or semicolon separated; dates are `dd/mm/yyyy` or
 * ISO `yyyy-mm-dd`. A row that cannot be used is a finding about the log, never a crash.
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

/** Splits one CSV line into fields (double quotes, doubled quotes inside). */
function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** `15/06/2022`, `5/6/2022`, `2022-06-15` → ISO; null for anything else or a day that is not. */
export function parseReceiptDate(s: string): string | null {
  const t = s.trim();
  let iso: string | null = null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) iso = `${dmy[3]}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = t;
  return iso !== null && isIsoDate(iso) ? iso : null;
}

/** Parses the log's text (already decoded; a BOM is dropped). */
export function parseReceiptLog(text: string, file: string): ReceiptLog {
  const log: ReceiptLog = { file, entries: [], findings: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = lines[headerAt] ?? '';
  const sep = (header.match(/;/g) ?? []).length > (header.match(/,/g) ?? []).length ? ';' : ',';
  const names = splitCsvLine(header, sep).map((h) => foldWords(h));
  const fileCol = names.findIndex((h) => FILE_HEADERS.includes(h));
  const dateCol = names.findIndex((h) => DATE_HEADERS.includes(h));
  if (headerAt < 0 || fileCol < 0 || dateCol < 0) {
    log.findings.push(
      makeFinding('receipt-log-header', { file, row: headerAt < 0 ? null : headerAt + 1 }),
    );
    return log;
  }
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw, sep);
    const name = cells[fileCol] ?? '';
    const dateText = cells[dateCol] ?? '';
    const date = parseReceiptDate(dateText);
    if (name === '' || date === null) {
      log.findings.push(
        makeFinding('receipt-log-bad-row', {
          file,
          row: i + 1,
          params: { line: i + 1, name: name || '—', date: dateText || '—' },
        }),
      );
      continue;
    }
    log.entries.push({ file: name, date, line: i + 1 });
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
