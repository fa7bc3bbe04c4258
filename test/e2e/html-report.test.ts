/**
 * The HTML report of the shipped 2022-H1 fixtures, made by the built binary and opened in a real
 * browser (Debian's Chromium, headless, through playwright-core): it loads with no error and no
 * request, its charts are there with scripts off, the figures read off the page are the JSON
 * report's, it reads on a phone without the page scrolling sideways, and printed to A4 each
 * section starts a page and no chart is cut in two. Screenshots and the PDF are left in
 * test-output/ for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/render/report-json.js';
import {
  chromiumSkipReason,
  findPdftotext,
  launchChromium,
  pdfPageTexts,
} from '../helpers/chromium.js';
import { fixtures, root, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const ARTEFACTS = path.join(root, 'test-output');

/**
 * What the functions run in the page use of the DOM: the project's TypeScript has no DOM library
 * (it is a Node program), so the page side is typed by hand.
 */
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number; right: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}
interface PageWindow {
  document: {
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
  getComputedStyle: (e: PageElement) => { breakBefore: string };
}
const tmp = useTempFolder('povreport-html-');
const skip = chromiumSkipReason();

let browser: Browser | undefined;
let html: string;
let json: ReportJson;

beforeAll(async () => {
  const out = path.join(tmp.path, 'out');
  const r = runCli([
    'consolidate',
    path.join(fixtures, '2022-H1'),
    '--period',
    '2022-H1',
    '--out',
    out,
    '--format',
    'html,json',
  ]);
  expect(r.code, r.err).toBe(0);
  html = path.join(out, 'tong-hop-2022-H1.html');
  json = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022-H1.json'), 'utf8')) as ReportJson;
  mkdirSync(ARTEFACTS, { recursive: true });
  if (skip === null) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the report in a fresh page, recording console errors and every request. */
async function open(
  o: { width?: number; javaScriptEnabled?: boolean } = {},
): Promise<{ page: Page; errors: string[]; requests: string[]; failed: string[] }> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({
    viewport: { width: o.width ?? 1280, height: 900 },
    javaScriptEnabled: o.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  return { page, errors, requests, failed };
}

/** A figure as printed (1.234 / 12,95 / 12,95% / −60 / —) back to a number; null for "—". */
function parseVi(text: string): number | null {
  const t = text.trim().replace(/%$/, '');
  if (t === '—') return null;
  const n = Number(t.replace(/\./g, '').replace(',', '.').replace('−', '-'));
  if (Number.isNaN(n)) throw new Error(`not a number: ${text}`);
  return n;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** What the JSON report says the cell `key` shows. */
function expected(key: string): number | string | null {
  const [kind, a = '', b = ''] = key.split('.');
  const unit = json.units.find((u) => u.code === a);
  const acceptedUnits = json.units.filter((u) => u.status === 'accepted');
  const used = (u: (typeof json.units)[number]) => u.files.filter((f) => f.used.length > 0);
  switch (kind) {
    case 'total':
    case 'movement':
      return json.total[a] ?? null;
    case 'target': {
      const t = json.targets.find((x) => x.unit === a);
      return t ? (t[b as keyof typeof t] as number | null) : 'no such target';
    }
    case 'rate': {
      const values = a === 'province' ? json.total : unit?.values;
      const t = json.targets.find((x) => x.unit === a);
      if (b === 'poor') return values?.poor_rate ?? null;
      if (b === 'nearPoor') return values?.near_poor_rate ?? null;
      return t && t.baselineRate !== null && t.target !== null
        ? round2(t.baselineRate - t.target)
        : null;
    }
    case 'profile': {
      const poor = json.total[`poor_lack_${a}`] ?? null;
      const near = json.total[`near_poor_lack_${a}`] ?? null;
      const share = (n: number | null, d: number | null | undefined) =>
        n === null || !d ? null : round2((100 * n) / d);
      if (b === 'poor') return poor;
      if (b === 'nearPoor') return near;
      if (b === 'poorShare') return share(poor, json.total.poor);
      return share(near, json.total.near_poor);
    }
    case 'completeness': {
      if (a === 'late')
        return acceptedUnits.filter((u) => used(u).some((f) => f.onTime === false)).length;
      if (a === 'unknown')
        return acceptedUnits.filter(
          (u) =>
            !used(u).some((f) => f.onTime === false) &&
            !(used(u).length > 0 && used(u).every((f) => f.onTime === true)),
        ).length;
      return json.completeness[a as keyof typeof json.completeness];
    }
    case 'status':
      return { accepted: 'Đã tiếp nhận', rejected: 'Bị loại', missing: 'Chưa nộp' }[
        unit?.status ?? 'missing'
      ];
    case 'timeliness': {
      if (!unit || unit.status !== 'accepted') return '—';
      const files = used(unit);
      if (files.length > 0 && files.every((f) => f.onTime === true)) return 'Đúng hạn';
      if (files.some((f) => f.onTime === false)) return 'Muộn';
      return 'Chưa rõ ngày nhận';
    }
    default:
      return `unknown key ${key}`;
  }
}

describe.skipIf(skip !== null)(`HTML report in Chromium${skip ? ` (${skip})` : ''}`, () => {
  it('loads with no console error, nothing fetched, and its charts drawn', async () => {
    const { page, errors, requests, failed } = await open();
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    // The page itself, nothing else: no font, stylesheet, image or script.
    expect(requests).toEqual([pathToFileURL(html).href]);
    const sizes = await page.$$eval('figure svg[role="img"]', (svgs: PageElement[]) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return [r.width, r.height];
      }),
    );
    expect(sizes).toHaveLength(5);
    for (const [w, h] of sizes) {
      expect(w).toBeGreaterThan(300);
      expect(h).toBeGreaterThan(50);
    }
    await page.screenshot({ path: path.join(ARTEFACTS, 'html-report-laptop.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the same charts with JavaScript off', async () => {
    const { page, errors } = await open({ javaScriptEnabled: false });
    expect(errors).toEqual([]);
    const charts = await page.$$eval('figure svg[role="img"]', (svgs: PageElement[]) =>
      svgs.map((s) => ({
        bars: s.querySelectorAll('rect').length,
        title: s.querySelector('title')?.textContent ?? '',
        height: s.getBoundingClientRect().height,
      })),
    );
    expect(charts).toHaveLength(5);
    for (const c of charts) {
      expect(c.title).not.toBe('');
      expect(c.bars).toBeGreaterThan(1);
      expect(c.height).toBeGreaterThan(50);
    }
    await page.context().close();
  });

  it('shows the figures of the JSON report', async () => {
    const { page } = await open();
    const cells = await page.$$eval('[data-key]', (els: PageElement[]) =>
      els.map((e): [string, string] => [
        e.getAttribute('data-key') ?? '',
        (e.textContent ?? '').trim(),
      ]),
    );
    // Every unit's rates, every target row, the whole movement and profile are on the page.
    expect(cells.length).toBeGreaterThan(100);
    for (const [key, text] of cells) {
      const want = expected(key);
      if (typeof want === 'string') expect(text, key).toBe(want);
      else expect(parseVi(text), key).toBe(want);
    }
    // The bars carry the table's figures: the rates chart's poor bars, highest first.
    const bars = await page.$$eval('#fig-rates .bar-value[data-series="0"]', (els: PageElement[]) =>
      els.map((e) => e.textContent ?? ''),
    );
    const rates = json.units
      .filter((u) => u.status === 'accepted')
      .map((u) => u.values.poor_rate ?? null)
      .sort((x, y) => (y ?? 0) - (x ?? 0));
    expect(bars.map(parseVi)).toEqual(rates);
    await page.context().close();
  });

  it('reads on a 375 px phone: the page does not scroll sideways, the charts fit', async () => {
    const { page } = await open({ width: 375 });
    const m = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageWindow;
      return {
        scroll: document.documentElement.scrollWidth,
        widest: Math.max(
          ...[...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().right),
        ),
      };
    });
    expect(m.scroll).toBeLessThanOrEqual(375);
    expect(m.widest).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(ARTEFACTS, 'html-report-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('prints on A4: each section starts a page, no chart is cut in two', async (ctx) => {
    const { page } = await open();
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageWindow;
      return {
        headings: [...document.querySelectorAll('section.part > h2')].map((h) =>
          (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
        breaks: [...document.querySelectorAll('section.part')].map(
          (s) => getComputedStyle(s).breakBefore,
        ),
        charts: [...document.querySelectorAll('figure')].map((f) => ({
          caption: (f.querySelector('figcaption')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          legend: [...f.querySelectorAll('svg .legend text')].map((t) => t.textContent ?? ''),
        })),
      };
    });
    expect(layout.headings).toHaveLength(7);
    expect(layout.breaks.slice(1).every((b) => b === 'page')).toBe(true);
    const pdf = path.join(ARTEFACTS, 'html-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    await page.context().close();
    const bytes = readFileSync(pdf, 'latin1');
    const pageCount = (bytes.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    // The head and section 1 share the first page; every other section starts its own.
    expect(pageCount).toBeGreaterThanOrEqual(7);

    if (findPdftotext() === null) {
      if (process.env.POVREPORT_REQUIRE_CHROMIUM === '1')
        throw new Error('pdftotext (poppler-utils) is required to read the printed pages');
      ctx.skip('pdftotext (poppler-utils) is not installed: the printed pages are not read');
    }
    const pages = await pdfPageTexts(pdf);
    expect(pages).toHaveLength(pageCount);
    layout.headings.forEach((h, i) => {
      const at = pages.findIndex((p) => p.includes(h));
      expect(at, h).toBeGreaterThanOrEqual(0);
      if (i === 0) expect(at, h).toBe(0);
      else expect(pages[at]?.startsWith(h), `${h} starts page ${at + 1}`).toBe(true);
    });
    for (const c of layout.charts) {
      const at = pages.findIndex((p) => p.includes(c.caption));
      expect(at, c.caption).toBeGreaterThanOrEqual(0);
      // Caption, chart and legend on one page: the chart was not cut.
      for (const l of c.legend) expect(pages[at], `${c.caption}: ${l}`).toContain(l);
    }
  });
});
