/**
 * The CLI's bundle (src/start.ts, scripts/bundle.mjs): bin/povreport.js runs it with V8's code
 * cache, it says and writes exactly what the built modules do, it loads no package the modules
 * would not, and it is left alone (the modules run instead) when it is stale or damaged.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBundle, usableBundle, type BundleManifest } from '../../src/start.js';
import { fixtures, root, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-bundle-');
const dist = path.join(root, 'dist');

/**
 * Runs the CLI as bin/povreport.js does, in a child, and returns how it was loaded and, for each
 * chunk, whether V8 took its code cache.
 */
function probe(
  args: string[],
  env: Record<string, string> = {},
  terminal = false,
): {
  info: { from: string; reason?: string };
  chunks: [string, boolean | null][];
  out: string;
} {
  const script = `
    ${terminal ? "Object.defineProperty(process.stdout, 'isTTY', { value: true });" : ''}
    import { tuneForShortRuns } from ${JSON.stringify(pathToFileURL(path.join(dist, 'io/optimizer.js')).href)};
    import { loadCli } from ${JSON.stringify(pathToFileURL(path.join(dist, 'start.js')).href)};
    tuneForShortRuns();
    const r = await loadCli();
    await r.cli.main(['node', 'povreport', ...${JSON.stringify(args)}]);
    process.stderr.write('\\nPROBE ' + JSON.stringify({ info: r.info, chunks: r.load ? [...r.load.chunks] : [] }) + '\\n');
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
  if (!line) throw new Error(`probe failed: ${r.stderr}`);
  return { ...(JSON.parse(line.slice(6)) as Omit<ReturnType<typeof probe>, 'out'>), out: r.stdout };
}

describe('the built bundle', () => {
  it('is what bin/povreport.js runs, with every code cache taken', () => {
    const p = probe(['validate', path.join(fixtures, '2022-H1'), '--period', '2022-H1', '--json']);
    expect(p.info).toEqual({ from: 'bundle' });
    // The entry, the validate command and the checking pipeline at least.
    expect(p.chunks.length).toBeGreaterThan(3);
    expect(p.chunks.filter(([, taken]) => taken !== true)).toEqual([]);
  });

  it('imports packages from a cached chunk: an e-mail read, colours on a terminal', () => {
    // V8 ties an import() compiled from a code cache to the process that made the cache; the
    // chunks import packages through start.ts instead (this failed before).
    const mail = path.join(fixtures, 'mail', '2022-H1');
    const args = ['validate', mail, '--period', '2022-H1'];
    const bundled = runCli(args);
    expect(bundled.out).not.toContain('ERR_VM_DYNAMIC_IMPORT');
    expect(bundled.out).toBe(runCli(args, { env: { POVREPORT_BUNDLE: '0' } }).out);
    expect(bundled.code).toBe(0);
    const coloured = probe(
      ['validate', path.join(fixtures, '2022-H1'), '--period', '2022-H1'],
      { NO_COLOR: '' },
      true,
    );
    expect(coloured.info.from).toBe('bundle');
    expect(coloured.chunks.find(([n]) => n === 'cli.cjs')?.[1]).toBe(true);
    expect(coloured.out).toContain('\u001b[');
  });

  it('is not used when POVREPORT_BUNDLE=0', () => {
    const p = probe(['--version'], { POVREPORT_BUNDLE: '0' });
    expect(p.info.from).toBe('modules');
  });

  it('says what the modules say: validate', () => {
    const args = ['validate', path.join(fixtures, '2022-H1'), '--period', '2022-H1', '--json'];
    const bundled = runCli(args);
    const modules = runCli(args, { env: { POVREPORT_BUNDLE: '0' } });
    expect(bundled.code).toBe(modules.code);
    expect(bundled.err).toBe(modules.err);
    expect(bundled.out).toBe(modules.out);
    expect(JSON.parse(bundled.out)).toHaveProperty('files');
  });

  it('writes the report the modules write: consolidate', () => {
    const report = (how: 'bundle' | 'modules'): { csv: string; json: unknown; said: string } => {
      const out = path.join(tmp.path, `out-${how}`);
      const r = runCli(
        ['consolidate', path.join(fixtures, '2022-H1'), '--period', '2022-H1', '--out', out],
        { env: how === 'modules' ? { POVREPORT_BUNDLE: '0' } : {} },
      );
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022-H1.json'), 'utf8')) as {
        generatedAt?: string;
      };
      delete json.generatedAt;
      return {
        csv: readFileSync(path.join(out, 'tong-hop-2022-H1.csv'), 'utf8'),
        json,
        said: r.out.replaceAll(out, 'OUT'),
      };
    };
    const bundled = report('bundle');
    expect(bundled.csv.length).toBeGreaterThan(1000);
    expect(bundled).toEqual(report('modules'));
  });

  it('loads no package that validate does not need', () => {
    // What CommonJS loaded, listed as the process leaves (the bundle loads packages by require).
    const preload = path.join(tmp.path, 'list-packages.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => {
        const names = new Set(Object.keys(require.cache).filter((f) => !f.endsWith('.json')).map((f) => (f.match(/node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/) || [])[1]).filter(Boolean));
        process.stderr.write('\\nPACKAGES ' + JSON.stringify([...names]) + '\\n');
      });`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '-r',
        preload,
        path.join(root, 'bin', 'povreport.js'),
        'validate',
        path.join(fixtures, '2022-H1'),
        '--period',
        '2022-H1',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
    );
    const line = r.stderr.split('\n').find((l) => l.startsWith('PACKAGES '));
    expect(line).toBeDefined();
    const names = JSON.parse(line?.slice(9) ?? '[]') as string[];
    // Joined to the chunks (scripts/bundle.mjs), so run from their code cache.
    for (const joined of ['commander', 'csv-parse']) expect(names, joined).not.toContain(joined);
    for (const heavy of ['exceljs', 'zod', 'jszip', 'nodemailer', 'mailparser', 'd3-scale'])
      expect(names, heavy).not.toContain(heavy);
  });
});

describe('a bundle that cannot be trusted', () => {
  /** A tiny bundle in a dist/ of its own: an entry requiring a chunk and a Node module. */
  function fakeDist(name: string): { dist: string; manifest: BundleManifest } {
    const d = path.join(tmp.path, name);
    mkdirSync(path.join(d, 'bundle'), { recursive: true });
    mkdirSync(path.join(d, 'core'), { recursive: true });
    writeFileSync(path.join(d, 'core', 'a.js'), 'export const a = 1;\n');
    const entry =
      "const b = require('./b.cjs');\nconst p = require('node:path');\n" +
      'exports.sum = b.two + 1;\nexports.sep = p.sep;\nexports.file = __filename;\n';
    const chunk = 'exports.two = 2;\n';
    writeFileSync(path.join(d, 'bundle', 'cli.cjs'), entry);
    writeFileSync(path.join(d, 'bundle', 'b.cjs'), chunk);
    const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
    const { size, mtimeMs } = statSync(path.join(d, 'core', 'a.js'));
    const manifest: BundleManifest = {
      format: 1,
      entry: 'cli.cjs',
      node: process.version,
      arch: process.arch,
      chunks: {
        'cli.cjs': { sha256: sha(entry), cache: 'cli.cjs.v8' },
        'b.cjs': { sha256: 'not-the-digest', cache: 'b.cjs.v8' },
      },
      inputs: { 'core/a.js': { size, mtimeMs } },
    };
    writeFileSync(path.join(d, 'bundle', 'manifest.json'), JSON.stringify(manifest));
    // A cache V8 cannot take (garbage), and one for a chunk whose text is not the one it was
    // made for: neither may be used.
    writeFileSync(path.join(d, 'bundle', 'cli.cjs.v8'), Buffer.from('not a code cache'));
    writeFileSync(path.join(d, 'bundle', 'b.cjs.v8'), Buffer.from('stale'));
    return { dist: d, manifest };
  }

  it('runs a chunk whose cache V8 refuses or whose text changed, compiled afresh', () => {
    const { dist: d } = fakeDist('fresh');
    const m = usableBundle(d, {});
    expect(typeof m).toBe('object');
    const { exports, load } = loadBundle(m as BundleManifest, d);
    expect(exports).toMatchObject({
      sum: 3,
      sep: path.sep,
      file: path.join(d, 'bundle', 'cli.cjs'),
    });
    // The garbage cache was offered and refused; the stale one was never offered.
    expect([...load.chunks]).toEqual([
      ['cli.cjs', false],
      ['b.cjs', null],
    ]);
  });

  it('takes a chunk of the size and time the build left it without hashing it, else hashes it', () => {
    const { dist: d, manifest } = fakeDist('unhashed');
    // b.cjs's digest is wrong, but its size and time say it is the chunk its cache was made for.
    const b = statSync(path.join(d, 'bundle', 'b.cjs'));
    manifest.chunks['b.cjs'] = {
      sha256: 'not-the-digest',
      cache: 'b.cjs.v8',
      size: b.size,
      mtimeMs: b.mtimeMs,
    };
    expect(loadBundle(manifest, d).load.chunks.get('b.cjs')).toBe(false);
    // Written since the build: hashed, and its cache never offered.
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(d, 'bundle', 'b.cjs'), later, later);
    expect(loadBundle(manifest, d).load.chunks.get('b.cjs')).toBe(null);
  });

  it('is not used once a module it was made from changed, or without a manifest', () => {
    const { dist: d } = fakeDist('stale');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(d, 'core', 'a.js'), later, later);
    expect(usableBundle(d, {})).toBe('core/a.js changed since the bundle was made');
    writeFileSync(path.join(d, 'bundle', 'manifest.json'), '{"format": 1, "entry": 3}');
    expect(usableBundle(d, {})).toBe('the bundle manifest is not one this version writes');
    writeFileSync(path.join(d, 'bundle', 'manifest.json'), '{');
    expect(usableBundle(d, {})).toBe('no bundle');
    expect(usableBundle(d, { POVREPORT_BUNDLE: '0' })).toBe('POVREPORT_BUNDLE=0');
  });
});
