/**
 * Option choices of the commands, defined once and light to load: the CLI reads them to declare
 * its options before it knows which command (and which heavy modules) will run. Exit codes are in
 * `core/errors.ts`.
 */

/** Output formats of `consolidate`. */
export const REPORT_FORMATS = ['xlsx', 'json', 'csv', 'html'] as const;
/** An output format of `consolidate`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Output formats of `remind`. */
export const REMIND_FORMATS = ['text', 'json', 'eml'] as const;
/** An output format of `remind`. */
export type RemindFormat = (typeof REMIND_FORMATS)[number];

/** The default `--days-before`: a week, three days and the day before the due-before date. */
export const DEFAULT_DAYS_BEFORE = [7, 3, 1] as const;

/**
 * The default `--smtp-timeout` (seconds): how long `remind --send` waits for the mail server to
 * connect and greet. A server that accepts the connection and says nothing costs this once; the
 * letters after it are kept as .eml without waiting again.
 */
export const DEFAULT_SMTP_TIMEOUT_SECONDS = 10;
