/**
 * The checked content of data files, kept between runs. Checking the data files with their
 * schemas means loading zod, about a sixth of a second on every run of a tool that cron starts
 * many times, for files that change once a year. A file checked before is found again by the
 * SHA-256 of its text, its kind, the schemas' own code and zod's version, so an edited file, a
 * new version of the schemas or an upgraded zod has it checked afresh. Only files that passed are kept. The cache is the user's
 * own (never a shared temporary folder, where another user could plant an entry); a damaged entry
 * is ignored. `POVREPORT_CACHE=0` turns it off; `POVREPORT_CACHE_DIR` moves it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJsonText } from '../core/json-text.js';
import type { DataKind, DataOf } from '../core/schemas.js';
import { writeFileAtomic } from './atomic-write.js';

/** The folder of the cache, or null when it is off or there is no home folder. */
export function dataCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.POVREPORT_CACHE === '0') return null;
  if (env.POVREPORT_CACHE_DIR) return path.resolve(env.POVREPORT_CACHE_DIR);
  if (process.platform === 'win32')
    return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'povreport', 'cache') : null;
  const home = os.homedir();
  const base = env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
  return base ? path.join(base, 'povreport') : null;
}

let schemasHash: string | null | undefined;

/** The modules of the schemas' code: the schemas and the list column ids they check. */
const SCHEMA_MODULES = ['schemas', 'list-columns'];

/** The SHA-256 of the schemas' code (built or source), or null when it cannot be found. */
function schemasCodeHash(): string | null {
  if (schemasHash !== undefined) return schemasHash;
  const hash = createHash('sha256');
  for (const module of SCHEMA_MODULES) {
    let code: Buffer | null = null;
    for (const ext of ['js', 'ts'])
      try {
        code = readFileSync(fileURLToPath(new URL(`../core/${module}.${ext}`, import.meta.url)));
        break;
      } catch {
        // Not this one.
      }
    if (code === null) return (schemasHash = null);
    hash.update(`${module}\u0000${code.length}\u0000`).update(code);
  }
  schemasHash = hash.digest('hex');
  return schemasHash;
}

/** The version of zod installed (its package.json), or null when it cannot be read. */
function installedZodVersion(): string | null {
  try {
    const pkg = createRequire(import.meta.url)('zod/package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

/**
 * What a checked file's content depends on besides its text: the schemas' code and the version
 * of zod that ran them (an upgrade may parse, default or transform otherwise). Null when either
 * is unknown: then nothing is cached.
 */
export function checkerVersion(zodVersion = installedZodVersion()): string | null {
  const code = schemasCodeHash();
  return code === null || zodVersion === null ? null : `${code} zod@${zodVersion}`;
}

function entryFile(kind: DataKind, text: string): { file: string; key: string } | null {
  const dir = dataCacheDir();
  const version = checkerVersion();
  if (dir === null || version === null) return null;
  const key = createHash('sha256').update(`${version}\n${kind}\n${text}`).digest('hex');
  return { file: path.join(dir, `${kind}-${key.slice(0, 32)}.json`), key };
}

/**
 * Objects the schemas build without a prototype (a plan's units, keyed by unit code) get it back:
 * JSON cannot say so.
 */
function revive<K extends DataKind>(kind: K, data: DataOf<K>): DataOf<K> {
  if (kind !== 'plan') return data;
  const plan = data as DataOf<'plan'>;
  return {
    ...plan,
    units: Object.assign(Object.create(null) as typeof plan.units, plan.units),
  } as DataOf<K>;
}

/** The checked content of a data file seen before, unchanged; undefined when there is none. */
export function cachedData<K extends DataKind>(kind: K, text: string): DataOf<K> | undefined {
  const at = entryFile(kind, text);
  if (at === null) return undefined;
  try {
    const entry = parseJsonText(readFileSync(at.file, 'utf8')) as {
      key?: unknown;
      kind?: unknown;
      data?: unknown;
    };
    if (entry.key !== at.key || entry.kind !== kind || typeof entry.data !== 'object')
      return undefined;
    return revive(kind, entry.data as DataOf<K>);
  } catch {
    return undefined;
  }
}

/** Keeps the checked content of a data file for the next run; a cache that cannot be written is no error. */
export async function keepData<K extends DataKind>(
  kind: K,
  text: string,
  data: DataOf<K>,
): Promise<void> {
  const at = entryFile(kind, text);
  if (at === null) return;
  try {
    await writeFileAtomic(at.file, JSON.stringify({ key: at.key, kind, data }));
  } catch {
    // A read-only home, a full disk: the next run checks the file again.
  }
}
