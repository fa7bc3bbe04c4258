// Joins the built CLI (dist/, from `tsc`) into a few CommonJS chunks in dist/bundle/ with V8's
// code cache for each, which bin/povreport.js loads instead of some sixty ES modules
// (src/start.ts says why and when). Run by `npm run build` after tsc, and by the tests' setup.
//
// 1. rolldown bundles dist/cli.js: every package but commander and csv-parse stays outside
//    (loaded from node_modules as the modules load it), each `import()` of the tool's own modules
//    stays a chunk of its own, loaded when the command needs it.
// 2. The manifest records each chunk's SHA-256 and each module the bundle was made from (size and
//    time), so a later `tsc` or an upgraded package makes bin/povreport.js load the modules
//    again, not a stale bundle.
// 3. Warm-up: `validate`, `consolidate`, `status` and `remind` of the shipped sample
//    submissions, run through bin/povreport.js, write each chunk's code cache as the run leaves;
//    the next run starts from it and adds its own. A warm-up that fails leaves the bundle
//    without caches (slower to start, the same code) and says so; it never fails the build.
// Nor does a bundler that cannot run on this Node, or a bundle it cannot make: then there is no
// bundle, and bin/povreport.js loads the built modules, as it does for a bundle older than the
// modules. (The tests' setup builds through here too, and test/e2e/bundle.test.ts fails when
// bin/povreport.js does not run the bundle with its caches.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const dir = path.join(dist, 'bundle');
const manifestFile = path.join(dir, 'manifest.json');

/** Leaves no bundle (bin/povreport.js then loads the built modules) and says why. */
function noBundle(why) {
  rmSync(dir, { recursive: true, force: true });
  console.warn(`bundle: no bundle made, the CLI loads its modules one by one (${why})`);
  process.exit(0);
}

rmSync(dir, { recursive: true, force: true });
let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch (e) {
  noBundle(e.message);
}
// A chunk's `import()` of a package (chalk, mailparser, jszip) is made through a function
// src/start.ts hands each chunk: V8 would tie an `import()` compiled from a code cache to the
// warm-up's process, and it then fails in every later run (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
const IMPORT_FN = '__povreportImport';
const packageImport = /\bimport\((['"])([^'"./][^'"]*)\1\)/g;
/**
 * The packages joined to the chunks: commander (every run) and csv-parse (every CSV). Node 20
 * compiles a package's code afresh on each run, as it has no compile cache; in a chunk, the code
 * comes from the chunk’s code cache (5–8 ms less per run). Every other package stays outside:
 * they are large and loaded by few runs.
 */
const JOINED = new Set(['commander', 'csv-parse']);

/** The package an import names (`csv-parse/sync` → `csv-parse`). */
function packageName(id) {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? id);
}

let output;
try {
  output = await bundle();
} catch (e) {
  noBundle(e.message);
}

/** The chunks rolldown wrote to `dir`. */
async function bundle() {
  const build = await rolldown({
    input: path.join(dist, 'cli.js'),
    platform: 'node',
    plugins: [
      {
        // commander loads node:child_process (and with it net, dgram and more: 5 ms) for the
        // subcommands it would start as programs of their own, which this tool has none of. In
        // the bundle the module is loaded when one is started, that is never. An upgraded
        // commander whose line reads otherwise is joined as it is.
        name: 'lazy-child-process',
        transform(code, id) {
          if (!/commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
          const rewritten = code.replace(
            /^const childProcess = require\((['"])node:child_process\1\);$/m,
            "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };",
          );
          return rewritten === code ? null : rewritten;
        },
      },
      {
        name: 'package-imports',
        transform(code) {
          const rewritten = code.replace(packageImport, `${IMPORT_FN}($1$2$1)`);
          return rewritten === code ? null : rewritten;
        },
      },
    ],
    // Packages and Node's own modules are loaded at run time, where and when the code says; but
    // for the few almost every run loads, joined to the chunks that need them.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !JOINED.has(packageName(id)),
    logLevel: 'warn',
  });
  try {
    const written = await build.write({
      dir,
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-[hash].cjs',
    });
    return written.output;
  } finally {
    await build.close();
  }
}

const chunks = output.filter((o) => o.type === 'chunk');
// Any other `import(` left in a chunk would fail when run from the cache: no bundle then.
for (const c of chunks)
  if (/\bimport\s*\(/.test(c.code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')))
    noBundle(`${c.fileName} holds an import() start.ts cannot serve`);
const inputs = {};
for (const id of chunks.flatMap((c) => c.moduleIds)) {
  if (!path.isAbsolute(id)) continue;
  const rel = path.relative(dist, id);
  // A joined package's modules are recorded too: an upgraded package makes the bundle stale.
  if (rel.startsWith('..') && !id.split(path.sep).includes('node_modules'))
    noBundle(`a module outside dist/ and the packages: ${id}`);
  const s = statSync(id);
  inputs[rel.split(path.sep).join('/')] = { size: s.size, mtimeMs: s.mtimeMs };
}
const manifest = {
  format: 1,
  entry: 'cli.cjs',
  node: process.version,
  arch: process.arch,
  chunks: Object.fromEntries(
    chunks.map((c) => [
      c.fileName,
      {
        sha256: createHash('sha256')
          .update(readFileSync(path.join(dir, c.fileName), 'utf8'))
          .digest('hex'),
        cache: null,
        // A chunk still so is not hashed again at each start (src/start.ts).
        size: statSync(path.join(dir, c.fileName)).size,
        mtimeMs: statSync(path.join(dir, c.fileName)).mtimeMs,
      },
    ]),
  ),
  inputs,
};
const writeManifest = () => {
  const tmp = `${manifestFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, manifestFile);
};
writeManifest();

const work = mkdtempSync(path.join(os.tmpdir(), 'povreport-bundle-'));
// Letters written, and remind's state, in the warm-up's folder.
const letters = ['--out', path.join(work, 'letters'), '--state', path.join(work, 'state.json')];
const runs = [
  ['validate', 'fixtures/2022-H1', '--period', '2022-H1'],
  ['consolidate', 'fixtures/2022-H1', '--period', '2022-H1', '--out', path.join(work, 'out')],
  // What cron runs.
  ['status', 'fixtures/2022-H1', '--period', '2022-H1'],
  ['remind', 'fixtures/2022-H1', '--as-of', '2022-06-12', '--format', 'eml', ...letters],
];
let warmed = 0;
try {
  for (const args of runs) {
    const caches = mkdtempSync(path.join(work, 'cache-'));
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'povreport.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        POVREPORT_CODE_CACHE_OUT: caches,
        POVREPORT_CACHE_DIR: path.join(work, 'data-cache'),
        NO_COLOR: '1',
      },
      timeout: 120_000,
    });
    // Exit 1 is a run with errors found in the files: the warm-up ran all the same.
    if (r.status !== 0 && r.status !== 1) {
      console.warn(
        `bundle: warm-up \`povreport ${args[0]}\` failed (${r.status ?? r.signal}); ${r.stderr.slice(0, 500)}`,
      );
      continue;
    }
    for (const f of readdirSync(caches)) {
      const name = f.replace(/\.v8$/, '');
      if (!manifest.chunks[name]) continue;
      renameSync(path.join(caches, f), path.join(dir, f));
      manifest.chunks[name].cache = f;
    }
    writeManifest();
    warmed++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const cached = Object.values(manifest.chunks).filter((c) => c.cache).length;
console.log(
  `bundle: ${chunks.length} chunks from ${Object.keys(inputs).length} modules in dist/bundle, ` +
    `${cached} with a code cache (${warmed} of ${runs.length} warm-up runs)`,
);
