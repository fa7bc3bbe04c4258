/**
 * How `bin/povreport.js` loads the CLI: from its bundle with V8's code cache when the bundle is
 * there and current, else from the built modules (dist/, one file per source).
 *
 * Why: a run of `validate` on a district's few workbooks spent about a fifth of its time before
 * the first file, most of it in Node's ES module loader (resolving, reading and compiling some
 * sixty modules one by one) and in V8 compiling each function on its first call. `npm run build`
 * therefore also writes `dist/bundle/` (scripts/bundle.mjs): the same modules joined into a few
 * CommonJS chunks, one per command's lazily loaded part, and for each chunk V8's code cache,
 * made by a warm-up run of the shipped sample submissions. Loaded here with that cache, the
 * chunks are neither parsed nor compiled again (Node 22's `module.enableCompileCache` does the
 * same; Node 20 has no such switch). What runs is the same code, built from the same modules;
 * only how it is loaded differs.
 *
 * The cache is used only when it was made for this very chunk (its SHA-256, in the manifest; a
 * chunk of the size and time the build left it is not hashed again) by this Node (version and
 * machine); V8 checks its own version and flags again and compiles afresh when they differ.
 * The bundle is used only when every module it was made from is unchanged
 * since (size and time of each, in the manifest): a `tsc` run after the bundle, or a damaged or
 * missing manifest, loads the built modules instead. `POVREPORT_BUNDLE=0` does so always.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The CLI's entry module. */
export type Cli = typeof import('./cli.js');

/** What `dist/bundle/manifest.json` says; written by scripts/bundle.mjs. */
export interface BundleManifest {
  format: 1;
  /** The chunk the CLI starts from. */
  entry: string;
  /** The Node (`process.version`, `process.arch`) that made the code caches. */
  node: string;
  arch: string;
  /**
   * Each chunk by file name: its SHA-256, its code cache's file name if one was made, and its
   * size and modification time as the build left it.
   */
  chunks: Record<string, ChunkEntry>;
  /**
   * Each module the bundle was made from, relative to dist/ (a package joined to the chunks lies
   * outside it): its size and modification time.
   */
  inputs: Record<string, { size: number; mtimeMs: number }>;
}

/** One chunk in the manifest. */
export interface ChunkEntry {
  sha256: string;
  cache: string | null;
  /** Absent in a manifest of an earlier build: the chunk is then always hashed. */
  size?: number;
  mtimeMs?: number;
}

/** How the CLI was loaded. */
export interface StartInfo {
  from: 'bundle' | 'modules';
  /** Why the bundle was not used (when `from` is `modules`). */
  reason?: string;
}

/** What a load of the bundle did with its code caches (for the tests and the warm-up). */
export interface BundleLoad {
  /** Chunks loaded so far, by file name: whether V8 took the cache (null: there was none). */
  readonly chunks: Map<string, boolean | null>;
}

/** The built folder (dist/) this module is in. */
const DIST = path.dirname(fileURLToPath(import.meta.url));

/**
 * The manifest of the bundle in `dist`/bundle when it can be used: present, well formed and made
 * from the modules now in `dist`. Otherwise why not.
 */
export function usableBundle(
  dist: string = DIST,
  env: NodeJS.ProcessEnv = process.env,
): BundleManifest | string {
  if (env.POVREPORT_BUNDLE === '0') return 'POVREPORT_BUNDLE=0';
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(dist, 'bundle', 'manifest.json'), 'utf8'));
  } catch {
    return 'no bundle';
  }
  if (!isManifest(manifest)) return 'the bundle manifest is not one this version writes';
  for (const [rel, was] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = statSync(path.join(dist, rel));
    } catch {
      return `${rel} is gone since the bundle was made`;
    }
    if (now.size !== was.size || now.mtimeMs !== was.mtimeMs)
      return `${rel} changed since the bundle was made`;
  }
  return manifest;
}

function isManifest(m: unknown): m is BundleManifest {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  return (
    o.format === 1 &&
    typeof o.entry === 'string' &&
    typeof o.node === 'string' &&
    typeof o.arch === 'string' &&
    isRecord(o.chunks) &&
    typeof o.chunks[o.entry] === 'object' &&
    Object.values(o.chunks).every(
      (c) =>
        isRecord(c) &&
        typeof c.sha256 === 'string' &&
        (c.cache === null || typeof c.cache === 'string') &&
        (c.size === undefined || typeof c.size === 'number') &&
        (c.mtimeMs === undefined || typeof c.mtimeMs === 'number'),
    ) &&
    isRecord(o.inputs) &&
    Object.values(o.inputs).every(
      (i) => isRecord(i) && typeof i.size === 'number' && typeof i.mtimeMs === 'number',
    ) &&
    Object.keys(o.inputs).length > 0
  );
}

/**
 * The CommonJS function a chunk's text is wrapped in, as Node wraps a module, with one more
 * argument: the chunks' `import()` of a package (scripts/bundle.mjs rewrites it to a call of
 * `__povreportImport`). V8 keeps what an `import()` needs in the code cache made by the
 * warm-up's process, and in any later process that call would fail; this module's own
 * `import()` serves it instead.
 */
const WRAP_START =
  '(function (exports, require, module, __filename, __dirname, __povreportImport) { ';
const WRAP_END = '\n});';

/**
 * Loads the bundle's entry chunk; the chunks it requires (now or later, for a command's lazily
 * loaded part) are loaded the same way. With `cacheOut`, each chunk's code cache is written to
 * that folder when the process exits (the warm-up of scripts/bundle.mjs), with all the functions
 * the run compiled.
 */
export function loadBundle(
  manifest: BundleManifest,
  dist: string = DIST,
  cacheOut: string | null = null,
): { exports: unknown; load: BundleLoad } {
  const dir = path.join(dist, 'bundle');
  const sameNode = manifest.node === process.version && manifest.arch === process.arch;
  const loaded = new Map<string, { exports: unknown }>();
  /** The chunks' scripts, kept only to write their caches (the warm-up). */
  const scripts = new Map<string, vm.Script>();
  const load: BundleLoad = { chunks: new Map() };

  const loadChunk = (name: string): unknown => {
    const done = loaded.get(name);
    if (done) return done.exports;
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const meta = manifest.chunks[name];
    let cachedData: Buffer | undefined;
    if (sameNode && meta?.cache && madeFor(file, text, meta))
      try {
        cachedData = readFileSync(path.join(dir, meta.cache));
      } catch {
        // No cache after all: compiled as any module is.
      }
    const script = new vm.Script(WRAP_START + text + WRAP_END, { filename: file, cachedData });
    load.chunks.set(name, cachedData ? !script.cachedDataRejected : null);
    if (cacheOut !== null) scripts.set(name, script);
    const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
    loaded.set(name, module);
    const nodeRequire = createRequire(file);
    const chunkRequire = Object.assign(
      (id: string): unknown =>
        id.startsWith('./') && Object.hasOwn(manifest.chunks, id.slice(2))
          ? loadChunk(id.slice(2))
          : nodeRequire(id),
      { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: undefined },
    );
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, chunkRequire, module, file, dir, importPackage);
    module.loaded = true;
    return module.exports;
  };

  if (cacheOut !== null)
    process.once('exit', () => {
      for (const [name, script] of scripts)
        writeFileSync(path.join(cacheOut, `${name}.v8`), script.createCachedData());
    });
  return { exports: loadChunk(manifest.entry), load };
}

/** A package, imported for a chunk (found from dist/, where the chunks are). */
function importPackage(specifier: string): Promise<unknown> {
  return import(specifier);
}

/**
 * Whether a chunk is the text its code cache was made for: its SHA-256 is the manifest's. The
 * size and time the build left it with say so without hashing it (hashing the chunks cost a few
 * milliseconds of every start); a chunk written since, or without them in the manifest, is hashed.
 */
function madeFor(file: string, text: string, meta: ChunkEntry): boolean {
  if (meta.size !== undefined && meta.mtimeMs !== undefined) {
    const now = statSync(file);
    if (now.size === meta.size && now.mtimeMs === meta.mtimeMs) return true;
  }
  return sha256(text) === meta.sha256;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The CLI, from the bundle when it can be used, else from the built modules. A bundle that
 * cannot be used is never an error: the modules are the same code.
 */
export async function loadCli(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ cli: Cli; info: StartInfo; load?: BundleLoad }> {
  const manifest = usableBundle(DIST, env);
  if (typeof manifest === 'string')
    return { cli: await import('./cli.js'), info: { from: 'modules', reason: manifest } };
  const { exports, load } = loadBundle(manifest, DIST, env.POVREPORT_CODE_CACHE_OUT || null);
  return { cli: exports as Cli, info: { from: 'bundle' }, load };
}
