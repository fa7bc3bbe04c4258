/**
 * The cache of checked data files (io/data-cache.ts): a data file seen before loads to exactly
 * what checking it gives, an edited file is checked again, a damaged entry is ignored, a broken
 * file is never kept. Uses the shipped data files and a cache folder of its own.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkerVersion, dataCacheDir } from '../../src/io/data-cache.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { DataFileError } from '../../src/core/errors.js';
import { loadCatalogue, loadPlan } from '../../src/commands/load-data.js';

let saved: { cache?: string; dir?: string };
let cacheDir: string;

beforeEach(() => {
  saved = { cache: process.env.POVREPORT_CACHE, dir: process.env.POVREPORT_CACHE_DIR };
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'povreport bộ nhớ '));
  delete process.env.POVREPORT_CACHE;
  process.env.POVREPORT_CACHE_DIR = cacheDir;
});

afterEach(() => {
  if (saved.cache === undefined) delete process.env.POVREPORT_CACHE;
  else process.env.POVREPORT_CACHE = saved.cache;
  if (saved.dir === undefined) delete process.env.POVREPORT_CACHE_DIR;
  else process.env.POVREPORT_CACHE_DIR = saved.dir;
});

/** The catalogue checked with the schemas, the cache off. */
async function fresh() {
  process.env.POVREPORT_CACHE = '0';
  try {
    return [await loadCatalogue()] as const;
  } finally {
    delete process.env.POVREPORT_CACHE;
  }
}

describe('the cache of checked data files', () => {
  it('gives back exactly what checking the files gives, the plan’s units without a prototype', async () => {
    const [checked] = await fresh();
    const first = await loadCatalogue();
    const entries = readdirSync(cacheDir).sort();
    // The plan too: its year chooses the standard.
    expect(entries.map((e) => e.split('-')[0])).toEqual([
      'forms',
      'plan',
      'registry',
      'rules',
      'standard',
      'vocabulary',
    ]);
    const again = await loadCatalogue();
    expect(first).toEqual(checked);
    expect(again).toEqual(checked);
    const plan1 = await loadPlan(again);
    const plan2 = await loadPlan(again);
    expect(plan2).toEqual(plan1);
    expect(Object.getPrototypeOf(plan2.units)).toBeNull();
  });

  it('ignores damaged entries and entries of another file', async () => {
    const [checked] = await fresh();
    await loadCatalogue();
    const entries = readdirSync(cacheDir);
    const forms = entries.find((e) => e.startsWith('forms-')) ?? '';
    const rules = entries.find((e) => e.startsWith('rules-')) ?? '';
    // The rules' entry put where the forms' is looked for, and garbage in the vocabulary's.
    writeFileSync(path.join(cacheDir, forms), readFileSync(path.join(cacheDir, rules)));
    for (const e of entries.filter((x) => x.startsWith('vocabulary-')))
      writeFileSync(path.join(cacheDir, e), '{"key": ');
    expect(await loadCatalogue()).toEqual(checked);
  });

  it('checks an edited file again, and never keeps a broken one', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'povreport dữ liệu '));
    cpSync(TEMPLATES_DIR, data, { recursive: true });
    const before = await loadCatalogue(undefined, data);
    const formsFile = path.join(data, 'forms', 'vn-2022-2025.json');
    const text = readFileSync(formsFile, 'utf8');
    writeFileSync(formsFile, text.replace('"Tổng số hộ dân cư"', '"Tổng số hộ (sửa)"'));
    const edited = await loadCatalogue(undefined, data);
    expect(edited.forms).not.toEqual(before.forms);
    expect(JSON.stringify(edited.forms)).toContain('Tổng số hộ (sửa)');

    const n = readdirSync(cacheDir).length;
    writeFileSync(formsFile, text.replace('"kind": "count"', '"kind": 12'));
    await expect(loadCatalogue(undefined, data)).rejects.toBeInstanceOf(DataFileError);
    expect(readdirSync(cacheDir)).toHaveLength(n);
  });

  it('is keyed by zod’s version: an upgraded zod checks every file again', () => {
    const installed = (createRequire(import.meta.url)('zod/package.json') as { version: string })
      .version;
    expect(checkerVersion()).toBe(checkerVersion(installed));
    expect(checkerVersion()).toContain(`zod@${installed}`);
    expect(checkerVersion('99.0.0')).not.toBe(checkerVersion());
  });

  it('is off with POVREPORT_CACHE=0, and lives in the user’s own folder, never a shared one', async () => {
    expect(dataCacheDir({ POVREPORT_CACHE: '0', POVREPORT_CACHE_DIR: cacheDir })).toBeNull();
    const own = dataCacheDir({});
    if (own !== null) expect(own.startsWith(os.tmpdir())).toBe(false);
    process.env.POVREPORT_CACHE = '0';
    await loadCatalogue();
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
