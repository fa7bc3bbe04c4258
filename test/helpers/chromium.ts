/**
 * A real browser for tests: Debian's Chromium, headless, driven by playwright-core (which never
 * downloads a browser of its own). The HTML report is opened in it as a reader would open it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium to run: env POVREPORT_CHROMIUM when it names a file, else `chromium` or
 * `chromium-browser` on the PATH or in /usr/bin; null when there is none.
 */
export function findChromium(): string | null {
  const env = process.env.POVREPORT_CHROMIUM;
  if (env && existsSync(env)) return env;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin'];
  for (const name of ['chromium', 'chromium-browser'])
    for (const d of dirs) {
      const p = path.join(d, name);
      if (d && existsSync(p)) return p;
    }
  return null;
}

/**
 * Why browser tests are skipped, or null when they run. `.ci/run` sets
 * POVREPORT_REQUIRE_CHROMIUM=1: there a missing Chromium fails those tests instead of skipping
 * them, so a CI machine without it cannot pass by running less.
 */
export function chromiumSkipReason(): string | null {
  if (findChromium() !== null || process.env.POVREPORT_REQUIRE_CHROMIUM === '1') return null;
  return 'Chromium is not installed (set POVREPORT_CHROMIUM to its path): skipped';
}

/**
 * The flags that let Chromium run headless here: as root without a sandbox, and with no
 * background connections (the machine has no network; they would fail at every start).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium (throws when there is none: call chromiumSkipReason first). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** pdftotext (poppler-utils) on the PATH or in /usr/bin, or null. */
export function findPdftotext(): string | null {
  for (const d of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin']) {
    const p = path.join(d, 'pdftotext');
    if (d && existsSync(p)) return p;
  }
  return null;
}

/** The text of each page of a PDF (pdftotext separates pages with a form feed). */
export async function pdfPageTexts(file: string): Promise<string[]> {
  const tool = findPdftotext();
  if (!tool) throw new Error('pdftotext is not installed');
  const { stdout } = await promisify(execFile)(tool, ['-enc', 'UTF-8', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages = stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((p) => p.replace(/\s+/g, ' ').trim());
}
