import type { Bilingual } from '../core/finding-codes.js';

/**
 * A file the readers could not turn into a grid. Thrown only by the readers in `src/io`, caught
 * only by the dispatcher (`read-file.ts`), which reports it as a `file-corrupt` finding.
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
