/**
 * Reads and checks submission files one by one: a broken file becomes findings for that file and
 * the others still go through. Shared by `validate`, `consolidate` and `status`.
 */
import path from 'node:path';
import { vietnamDate } from '../core/dates-and-numbers.js';
import { makeFinding, saidParams, type Finding } from '../core/finding.js';
import type { TeachTarget } from '../core/teach.js';
import { addTeachHints } from '../core/teach-hints.js';
import {
  beginBook,
  emptyReport,
  validateBook,
  type BookInput,
  type FileReport,
  type PreparedRun,
  type ValidateOptions,
} from '../core/validate-book.js';
import {
  fsErrorFinding,
  loadSubmissionBytes,
  readSubmissionBytes,
  readSubmissionFile,
  type LargeSource,
  type ReadFileOptions,
  type ReadOutcome,
} from '../io/read-file.js';
import { ReadError } from '../core/errors.js';
import { NO_PROGRESS, type Progress } from '../io/progress.js';
import { isMailName, readEml, readMsg } from '../io/read-mail.js';
import { newCodeIndex } from '../core/code-index.js';

/** A checked file with what the reader learnt about it. */
export interface CheckedFile extends FileReport {
  sha256: string | null;
  size: number;
  mtime: Date | null;
  /** An attachment's: the e-mail's Date as Vietnam's day, when valid. */
  mailDate?: string | null;
  /** An attachment's: the sender's address. */
  sender?: string | null;
}

/** How an e-mail's attachment is named everywhere: `<mail file> › <attachment name>`. */
export function attachmentPath(mailFile: string, name: string): string {
  return `${mailFile} › ${name}`;
}

/**
 * Reads and checks every file, in order. Findings that teaching the tool can fix carry the
 * `povreport map add` command for `target` (the `--map` file the run was given, if any).
 */
export async function checkFiles(
  files: string[],
  run: PreparedRun,
  opts: ValidateOptions,
  target: TeachTarget = {},
  settings: ReadSettings = {},
): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  // One index of household codes for the run's lists: a code is one household in one commune
  // across every list sent (a copy of a file already read is checked alone, not against itself).
  const shared = { ...opts, householdCodes: opts.householdCodes ?? newCodeIndex() };
  for (const file of files) {
    // A file is read and checked without waiting on anything: between two files, a Ctrl+C or a
    // SIGTERM waiting for the event loop is handled (src/cli.ts), not put off to the run's end.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (isMailName(file)) out.push(...(await checkMail(file, run, shared, target)));
    else out.push(await checkFile(file, run, shared, target, settings));
  }
  notesWithoutReport(out);
  return out;
}

/**
 * A file of words only (`file-without-figures`) is a document beside its unit's report when
 * another file of the run gives that unit its forms or lists; otherwise it is all the unit sent,
 * a report without figures: `no-form-found`, an error.
 */
function notesWithoutReport(files: CheckedFile[]): void {
  const reported = new Set<string>();
  for (const f of files) if (f.unit && (f.forms.length > 0 || f.list)) reported.add(f.unit.code);
  for (const f of files) {
    const i = f.findings.findIndex((x) => x.code === 'file-without-figures');
    const notes = f.findings[i];
    if (!notes || (f.unit && reported.has(f.unit.code))) continue;
    f.findings[i] = makeFinding('no-form-found', { file: f.file, unit: notes.unit });
    f.valid = false;
  }
}

/** The readers' size limits, when not the defaults (tests lower them). */
export type ReadLimits = Pick<ReadFileOptions, 'maxBytes' | 'maxCells' | 'maxLargeBytes'>;

/** How files are read: the limits, and where a long read tells its progress. */
export type ReadSettings = ReadLimits & { progress?: Progress };

/**
 * A saved e-mail: each spreadsheet attached is a submitted file of its own, named
 * `<mail> › <attachment>`, received on the message's day (Vietnam) from its sender. A message
 * that cannot be read, or holds no spreadsheet, is one finding for the e-mail file.
 */
async function checkMail(
  file: string,
  run: PreparedRun,
  opts: ValidateOptions,
  target: TeachTarget,
): Promise<CheckedFile[]> {
  const alone = (f: Finding[], size = 0, mtime: Date | null = null): CheckedFile[] => [
    { ...emptyReport(file, null, f), sha256: null, size, mtime },
  ];
  let loaded;
  try {
    loaded = await loadSubmissionBytes(file, { displayPath: file });
  } catch (e) {
    return alone([internalError(file, e)]);
  }
  if (!('bytes' in loaded)) return alone(loaded.findings, loaded.size, loaded.mtime);
  const msg = file.toLowerCase().endsWith('.msg');
  let mail;
  try {
    mail = msg ? await readMsg(loaded.bytes) : await readEml(loaded.bytes);
  } catch (e) {
    return alone([internalError(file, e)], loaded.size, loaded.mtime);
  }
  if (!mail.ok)
    return alone(
      [
        makeFinding(msg ? 'email-msg-unsupported' : 'email-unreadable', {
          file,
          params: saidParams('reason', mail.reason),
        }),
      ],
      loaded.size,
      loaded.mtime,
    );
  if (mail.attachments.length === 0) {
    const others = mail.others.join(', ');
    return alone(
      [
        makeFinding('email-no-spreadsheet', {
          file,
          params: others
            ? { others: ` (chỉ có: ${others})`, othersEn: ` (only: ${others})` }
            : { others: '', othersEn: '' },
        }),
      ],
      loaded.size,
      loaded.mtime,
    );
  }
  const out: CheckedFile[] = [];
  for (const [i, a] of mail.attachments.entries()) {
    const shown = attachmentPath(file, a.name);
    let read: ReadOutcome;
    try {
      read = await readSubmissionBytes(a.bytes, a.name, { displayPath: shown });
    } catch (e) {
      const report = emptyReport(shown, null, [internalError(shown, e)]);
      out.push({ ...report, sha256: null, size: a.bytes.length, mtime: loaded.mtime });
      continue;
    }
    const checked = checkRead(shown, a.name, file, read, run, opts, target);
    if (i === 0 && mail.date === null)
      checked.findings.push(
        makeFinding('email-no-date', {
          file: shown,
          params: mail.badDate
            ? {
                header: ` ("${mail.badDate.slice(0, 80)}")`,
                headerEn: ` ("${mail.badDate.slice(0, 80)}")`,
              }
            : { header: '', headerEn: '' },
        }),
      );
    out.push({
      ...checked,
      mtime: loaded.mtime,
      mailDate: mail.date ? vietnamDate(mail.date) : null,
      sender: mail.sender,
    });
  }
  return out;
}

async function checkFile(
  file: string,
  run: PreparedRun,
  opts: ValidateOptions,
  target: TeachTarget,
  settings: ReadSettings,
): Promise<CheckedFile> {
  const { progress = NO_PROGRESS, ...limits } = settings;
  let read: ReadOutcome;
  try {
    read = await readSubmissionFile(file, { ...limits, displayPath: file });
  } catch (e) {
    // A bug must not take the other files down, in a reader no more than in the checks.
    const report = emptyReport(file, null, [internalError(file, e)]);
    return { ...report, sha256: null, size: 0, mtime: null };
  }
  if (read.large) return checkLarge(file, read, read.large, run, opts, progress);
  return checkRead(file, path.basename(file), file, read, run, opts, target);
}

/**
 * Checks a file too large to hold: when its long sheets are household lists, their rows are
 * streamed from the file into the list readers; otherwise it is refused as too large.
 */
async function checkLarge(
  file: string,
  read: ReadOutcome,
  large: LargeSource,
  run: PreparedRun,
  opts: ValidateOptions,
  progress: Progress,
): Promise<CheckedFile> {
  const input = { ...bookInput(file, path.basename(file), file, read), tooLarge: large.tooLarge };
  let report: FileReport;
  // A file's digest tells a copy of a file read before in the run. A large file's is computed
  // while its rows are read: it is waited for first only when a file of the same size was read
  // before.
  let sha256 = read.sha256;
  if (sha256 === null && sameSizeSeen(opts, read.size)) {
    try {
      sha256 = await large.sha256();
    } catch (e) {
      // The file cannot be read again to be hashed (removed meanwhile): told, and not read.
      await large.close?.();
      return {
        ...emptyReport(file, read.info, [...read.findings, fsFailure(file, e)]),
        sha256,
        size: read.size,
        mtime: read.mtime,
      };
    }
  }
  try {
    const withCodes = codesFor(opts, sha256, read.size);
    const begun = beginBook(input, run, withCodes);
    if ('pending' in begun) {
      // Room for the codes the file is about to bring, made once.
      if (large.rows !== undefined) withCodes.householdCodes?.reserve(large.rows);
      let rows = 0;
      try {
        for (const s of begun.pending.sheets)
          await large.stream(
            s.index,
            s.fromRow,
            (r, cells, filled, first) => {
              s.row(r, cells, filled, first);
              // Told every few thousand rows: the line is redrawn a few times a second at most.
              if (++rows % 4096 === 0) progress.rows(file, rows);
            },
            s.columns,
            s.key,
          );
      } finally {
        progress.end();
      }
      report = begun.pending.finish();
    } else report = begun.report;
  } catch (e) {
    const findings = [...read.findings];
    if (e instanceof ReadError) findings.push(readFailure(file, e));
    else findings.push(internalError(file, e));
    report = emptyReport(file, read.info, findings);
  } finally {
    await large.close?.();
  }
  if (sha256 === null) {
    try {
      sha256 = await large.sha256();
      // Noted, so that a later copy of the file is told apart.
      seenBytes(opts, sha256, read.size);
    } catch (e) {
      // The file was read, but cannot be read again to be hashed (removed meanwhile): told.
      report.findings.push(fsFailure(file, e));
      report.valid = false;
    }
  }
  return { ...report, sha256, size: read.size, mtime: read.mtime };
}

/** A file the file system would not read (again). */
function fsFailure(file: string, e: unknown): Finding {
  const [code, params] = fsErrorFinding(e);
  return makeFinding(code, { file, params });
}

/** A file that broke off while its rows were streamed. */
function readFailure(file: string, e: ReadError): Finding {
  return makeFinding('file-corrupt', { file, params: saidParams('reason', e.reason) });
}

/**
 * Checks what was read of a file (or of an attachment: `file` is then its shown name, `name` the
 * attachment's, `where` the e-mail whose folder hints at the unit).
 */
function checkRead(
  file: string,
  name: string,
  where: string,
  read: ReadOutcome,
  run: PreparedRun,
  opts: ValidateOptions,
  target: TeachTarget,
): CheckedFile {
  const input = bookInput(file, name, where, read);
  let report: FileReport;
  try {
    report = validateBook(input, run, codesFor(opts, read.sha256, read.size));
    addTeachHints(report, target);
  } catch (e) {
    report = emptyReport(file, read.info, [...read.findings, internalError(file, e)]);
  }
  return { ...report, sha256: read.sha256, size: read.size, mtime: read.mtime };
}

/** What the checks are given of a read file (`where` is the path whose folder hints at the unit). */
function bookInput(file: string, name: string, where: string, read: ReadOutcome): BookInput {
  return {
    file,
    fileName: name,
    folderName: path.basename(path.dirname(path.resolve(where))),
    sheets: read.sheets,
    read: read.info,
    readFindings: read.findings,
  };
}

/**
 * The options to check a read file with: a copy of a file already read in the run (same bytes)
 * gets an index of household codes of its own, so that its households are not taken for repeats
 * of the original's. A file without its digest yet (null) is only counted by its size, its
 * digest told later.
 */
function codesFor(opts: ValidateOptions, sha256: string | null, size: number): ValidateOptions {
  const seen = seenBytes(opts, sha256, size);
  return seen ? { ...opts, householdCodes: newCodeIndex() } : opts;
}

/** The sizes and digests of the files read so far, per run (keyed by the run's code index). */
const digests = new WeakMap<object, { sizes: Set<number>; digests: Set<string> }>();

/** What the run whose options are `opts` has read so far. */
function runFiles(opts: ValidateOptions): { sizes: Set<number>; digests: Set<string> } | null {
  const key = opts.householdCodes;
  if (!key) return null;
  let files = digests.get(key);
  if (!files) digests.set(key, (files = { sizes: new Set(), digests: new Set() }));
  return files;
}

/** Whether a file of `size` bytes was read before in the run (it may be a copy). */
function sameSizeSeen(opts: ValidateOptions, size: number): boolean {
  return runFiles(opts)?.sizes.has(size) ?? false;
}

/** Whether a file with these bytes was read before in the run; notes this one. */
function seenBytes(opts: ValidateOptions, sha256: string | null, size: number): boolean {
  const files = runFiles(opts);
  if (!files) return false;
  files.sizes.add(size);
  if (sha256 === null) return false;
  if (files.digests.has(sha256)) return true;
  files.digests.add(sha256);
  return false;
}

/** A bug met while checking a file, reported on that file so that the run goes on. */
function internalError(file: string, e: unknown): Finding {
  return makeFinding('file-unreadable', {
    file,
    params: saidParams('reason', {
      vi: `lỗi nội bộ của povreport, xin báo lại cho người phát triển: ${String(e)}`,
      en: `an internal error of povreport, please report it to the developers: ${String(e)}`,
    }),
  });
}
