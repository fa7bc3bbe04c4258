/**
 * The exit codes of the process and every error class of povreport, in one place, with the one
 * mapping from a failure to an exit code ({@link failureOf}) that `src/cli.ts` uses. Pure and light
 * (no zod, no exceljs): the CLI loads it before it knows which command will run, and `src/io`
 * throws these classes.
 *
 * Two kinds of error leave a command: a {@link ConfigError} (a bad flag or data file, something the
 * user fixes: exit 2) and anything else (a bug: exit 3). {@link ReadError} and
 * {@link GridLimitError} never leave a reader: `io/read-file.ts` turns them into findings.
 */
import { formatDataIssues, type DataIssue } from './data-issues.js';
import type { Bilingual } from './finding-codes.js';
import type { Lang } from './lang.js';

/**
 * Exit codes of the process (the README's table "Mã thoát"). A command returns one of the first
 * three; `internal` is a bug; a run stopped by a signal ends with {@link SIGNAL_EXITS}.
 */
export const EXIT = {
  /** Nothing to report: every file valid, every unit accepted, every letter sent. */
  ok: 0,
  /** The run went through and found something: errors in files, units missing, letters unsent. */
  findings: 1,
  /** A bad flag, folder or data file ({@link ConfigError}, a file-system error): nothing done. */
  usage: 2,
  /** A bug in povreport ("please report"). */
  internal: 3,
} as const;

/** What a command returns: {@link EXIT}'s ok, findings or usage. */
export type ExitCode = typeof EXIT.ok | typeof EXIT.findings | typeof EXIT.usage;

/** Exit codes of a run ended by a signal: 128 + the signal's number, as shells report it. */
export const SIGNAL_EXITS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** A signal the CLI handles. */
export type HandledSignal = keyof typeof SIGNAL_EXITS;

/**
 * A data or option problem the user must fix; the CLI prints it in the user's language and exits
 * 2. A message given as one string is shown as it is in both languages.
 */
export class ConfigError extends Error {
  /** The message in each language (`message` is the Vietnamese). */
  readonly text: Bilingual;
  constructor(message: string | Bilingual, options?: { cause?: unknown }) {
    const text = typeof message === 'string' ? { vi: message, en: message } : message;
    super(text.vi, options);
    this.text = text;
    this.name = 'ConfigError';
  }
}

/** Where broken data files were read from, for the message of a {@link DataFileError}. */
export interface DataFilePlace {
  /** The data folder, said when a file is named relative to it. */
  dataDir?: string;
  /** The folder of the JSON Schemas that describe the files. */
  schemaDir?: string;
  /** Whether `schemaDir` is the one shipped with povreport rather than the data folder's own. */
  schemaShipped?: boolean;
}

/** Broken or incomplete data files: every issue found, each with its file and place (exit 2). */
export class DataFileError extends ConfigError {
  constructor(
    readonly issues: DataIssue[],
    place: DataFilePlace = {},
  ) {
    super({ vi: formatDataIssues(issues, place, 'vi'), en: formatDataIssues(issues, place, 'en') });
    this.name = 'DataFileError';
  }
}

/**
 * A file the readers could not turn into a grid. Thrown only by the readers in `src/io`, caught
 * only by the dispatcher (`io/read-file.ts`), which reports it as a `file-corrupt` finding.
 */
export class ReadError extends Error {
  /**
   * @param reason - What went wrong, in plain words, for the finding's `{reason}` / `{reasonEn}`.
   * @param options - The library error that caused it, kept for `--verbose` and bug reports.
   */
  constructor(
    readonly reason: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(reason.vi, options);
    this.name = 'ReadError';
  }
}

/**
 * A file whose tables exceed the cell budget (`io/grid-limits.ts`). Thrown only by the readers
 * (and the xlsx census), caught only by the dispatcher (`io/read-file.ts`), which reports it as a
 * `too-many-cells` finding.
 */
export class GridLimitError extends Error {
  /** @param limit - The budget that was exceeded, in cells. */
  constructor(readonly limit: number) {
    super(`more than ${limit} cells`);
    this.name = 'GridLimitError';
  }
}

/** The `code` of a Node system error ("ENOENT", "EACCES"…), or undefined for any other value. */
export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** File-system errors the user can fix (a folder that cannot be written…): exit 2, in words. */
const FS_REASONS: Record<string, Bilingual> = {
  EACCES: { vi: 'không có quyền', en: 'permission denied' },
  EPERM: { vi: 'không được phép', en: 'operation not permitted' },
  ENOENT: { vi: 'không tìm thấy', en: 'not found' },
  EEXIST: { vi: 'đã có một tệp trùng tên', en: 'a file of that name exists' },
  ENOTDIR: {
    vi: 'một phần của đường dẫn là tệp, không phải thư mục',
    en: 'part of the path is a file, not a folder',
  },
  EISDIR: { vi: 'là thư mục, không phải tệp', en: 'it is a folder, not a file' },
  EROFS: { vi: 'ổ đĩa chỉ đọc', en: 'read-only disk' },
  ENOSPC: { vi: 'ổ đĩa đầy', en: 'disk full' },
  EFBIG: { vi: 'tệp vượt giới hạn kích thước cho phép', en: 'file too large for this system' },
  EDQUOT: { vi: 'hết hạn mức dung lượng', en: 'disk quota exceeded' },
  EBUSY: { vi: 'đang bị chương trình khác dùng', en: 'busy: another program is using it' },
  EMFILE: { vi: 'mở quá nhiều tệp', en: 'too many open files' },
};

/** How a run that threw ends: its exit code and what to print. */
export type Failure =
  /** Commander has printed its own text (help, version, a bad flag). */
  | { kind: 'commander'; exit: typeof EXIT.ok | typeof EXIT.usage }
  /** A {@link ConfigError}: its message, which may span lines. */
  | { kind: 'config'; exit: typeof EXIT.usage; message: string }
  /** A file-system error the user can fix. */
  | { kind: 'file-system'; exit: typeof EXIT.usage; message: string }
  /** A bug: the error, for the report. */
  | { kind: 'internal'; exit: typeof EXIT.internal; error: unknown };

/** Commander's errors, known by shape (core does not import commander). */
function isCommanderError(e: unknown): e is Error & { code: string; exitCode: number } {
  return (
    e instanceof Error &&
    'code' in e &&
    typeof e.code === 'string' &&
    e.code.startsWith('commander.') &&
    'exitCode' in e &&
    typeof e.exitCode === 'number'
  );
}

/** The one mapping from what a run threw to its exit code and message (in `lang`). */
export function failureOf(e: unknown, lang: Lang = 'vi'): Failure {
  // --help and --version end as commander errors too, with exit code 0.
  if (isCommanderError(e))
    return { kind: 'commander', exit: e.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (e instanceof ConfigError) return { kind: 'config', exit: EXIT.usage, message: e.text[lang] };
  const code = errnoCode(e);
  if (e instanceof Error && code !== undefined) {
    const reason = FS_REASONS[code];
    if (reason) {
      const where = 'path' in e && typeof e.path === 'string' ? `"${e.path}"` : '';
      return {
        kind: 'file-system',
        exit: EXIT.usage,
        message:
          lang === 'en'
            ? `cannot read or write ${where}: ${reason.en}. Check the path and the permissions, then run again.`
            : `không đọc/ghi được ${where}: ${reason.vi} (${reason.en}). Kiểm tra đường dẫn và quyền ghi rồi chạy lại.`,
      };
    }
  }
  return { kind: 'internal', exit: EXIT.internal, error: e };
}
