/**
 * The text of a PDF, page by page, by poppler's `pdftotext -layout` (Debian's poppler-utils,
 * installed by `.ci/run`): how a test reads what LibreOffice printed. Tests needing it skip when
 * it is absent, except on CI (POVREPORT_REQUIRE_LIBREOFFICE=1), where they fail instead.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** pdftotext on the PATH (or in /usr/bin), or null. */
export function findPdftotext(): string | null {
  for (const d of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin']) {
    for (const name of ['pdftotext', 'pdftotext.exe']) {
      const p = path.join(d, name);
      if (d && existsSync(p)) return p;
    }
  }
  return null;
}

/** Why PDF text checks are skipped, or null when they run. */
export function pdfTextSkipReason(): string | null {
  if (findPdftotext() !== null || process.env.POVREPORT_REQUIRE_LIBREOFFICE === '1') return null;
  return 'pdftotext (poppler-utils) is not installed: skipped';
}

/** Each page's text, laid out as printed (`-layout`), in page order. */
export async function pdfPages(file: string): Promise<string[]> {
  const bin = findPdftotext();
  if (!bin) throw new Error('pdftotext (poppler-utils) is not installed');
  const { stdout } = await promisify(execFile)(bin, ['-layout', '-enc', 'UTF-8', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages = stdout.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}
