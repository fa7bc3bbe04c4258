/**
 * Reads and checks submission files one by one: a broken file becomes findings for that file and
 * the others still go through. Shared by `validate`, `consolidate` and `status`.
 */
import path from 'node:path';
import { makeFinding, saidParams, type Finding } from '../core/finding.js';
import type { TeachTarget } from '../core/teach.js';
import { addTeachHints } from '../core/teach-hints.js';
import {
  emptyReport,
  validateBook,
  type FileReport,
  type PreparedRun,
  type ValidateOptions,
} from '../core/validate-book.js';
import { readSubmissionFile, type ReadOutcome } from '../io/read-file.js';

/** A checked file with what the reader learnt about it. */
export interface CheckedFile extends FileReport {
  sha256: string | null;
  size: number;
  mtime: Date | null;
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
): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  for (const file of files) out.push(await checkFile(file, run, opts, target));
  return out;
}

async function checkFile(
  file: string,
  run: PreparedRun,
  opts: ValidateOptions,
  target: TeachTarget,
): Promise<CheckedFile> {
  let read: ReadOutcome;
  try {
    read = await readSubmissionFile(file, { displayPath: file });
  } catch (e) {
    // A bug must not take the other files down, in a reader no more than in the checks.
    const report = emptyReport(file, null, [internalError(file, e)]);
    return { ...report, sha256: null, size: 0, mtime: null };
  }
  const input = {
    file,
    fileName: path.basename(file),
    folderName: path.basename(path.dirname(path.resolve(file))),
    sheets: read.sheets,
    read: read.info,
    readFindings: read.findings,
  };
  let report: FileReport;
  try {
    report = validateBook(input, run, opts);
    addTeachHints(report, target);
  } catch (e) {
    report = emptyReport(file, read.info, [...read.findings, internalError(file, e)]);
  }
  return { ...report, sha256: read.sha256, size: read.size, mtime: read.mtime };
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
