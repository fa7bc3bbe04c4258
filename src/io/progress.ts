/**
 * A progress line on stderr for reads that take a while: shown only on a terminal (never with
 * `--json`, never under cron, where stderr is a file or a pipe), only once a read has run for
 * about two seconds, redrawn a few times a second at most, and wiped when the read ends so the
 * summary starts on a clean line. Plain `\r` and spaces: every Windows and Linux terminal
 * understands them.
 */

/** What a reader tells about its progress. */
export interface Progress {
  /** `rows` rows of `file` have been read so far (a running total). */
  rows(file: string, rows: number): void;
  /** The read of the current file has ended: the line, if shown, is wiped. */
  end(): void;
}

/** A progress that shows nothing (`--json`, not a terminal, tests). */
export const NO_PROGRESS: Progress = { rows: () => undefined, end: () => undefined };

/** Options of {@link terminalProgress}. */
export interface ProgressOptions {
  /** Where the line goes: something with `write` (stderr). */
  stream: { write(s: string): unknown };
  /** The line for `rows` rows of `file` read in `seconds` (render/progress-line.ts). */
  line: (file: string, rows: number, seconds: number) => string;
  /** Milliseconds since some origin; default `performance.now`. */
  clock?: () => number;
  /** Nothing is shown before a read has run this long (ms); default 2000. */
  delayMs?: number;
  /** The line is redrawn at most this often (ms); default 250. */
  intervalMs?: number;
}

/**
 * The progress for a command: {@link NO_PROGRESS} unless stderr is a terminal and the output is
 * not JSON; else a line on stderr.
 */
export function progressFor(opts: { json: boolean; line: ProgressOptions['line'] }): Progress {
  if (opts.json || !process.stderr.isTTY || process.env.CI !== undefined) return NO_PROGRESS;
  return terminalProgress({ stream: process.stderr, line: opts.line });
}

/** A progress line written to `stream` (see the module's comment for when). */
export function terminalProgress(opts: ProgressOptions): Progress {
  const clock = opts.clock ?? (() => performance.now());
  const delay = opts.delayMs ?? 2000;
  const interval = opts.intervalMs ?? 250;
  let file: string | null = null;
  let started = 0;
  let drawnAt = -Infinity;
  let width = 0;
  return {
    rows(name, rows) {
      const now = clock();
      if (name !== file) {
        file = name;
        started = now;
        drawnAt = -Infinity;
      }
      if (now - started < delay || now - drawnAt < interval) return;
      const line = opts.line(name, rows, (now - started) / 1000);
      // Shorter than the last one: spaces cover what is left of it.
      opts.stream.write(`\r${line}${' '.repeat(Math.max(0, width - line.length))}`);
      width = line.length;
      drawnAt = now;
    },
    end() {
      if (width > 0) opts.stream.write(`\r${' '.repeat(width)}\r`);
      width = 0;
      file = null;
    },
  };
}
