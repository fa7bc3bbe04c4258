/**
 * Loading the reforms of units of a data folder: each file read and checked against its schema
 * (`io/templates.ts`), then against the registries it joins (`core/reform.ts`). A broken reform is
 * a `DataFileError` (exit 2), like any data file.
 */
import { checkReformReferences } from '../core/reform.js';
import type { Registry, Reform } from '../core/schemas.js';
import { TEMPLATES_DIR, dataFileError, readReforms } from '../io/templates.js';
import { loadCatalogue } from './load-data.js';

/** Every reform of the data folder (default: the shipped `templates/`), checked. */
export async function loadReforms(dataDir?: string): Promise<Reform[]> {
  const read = await readReforms(dataDir);
  const registries = new Map<string, Registry>();
  const registry = async (id: string): Promise<Registry> => {
    const known = registries.get(id);
    if (known) return known;
    const reg = (await loadCatalogue(id, dataDir)).registry;
    registries.set(id, reg);
    return reg;
  };
  const out: Reform[] = [];
  for (const { reform, file } of read) {
    const before = new Map<string, Registry>();
    for (const b of reform.before)
      if (b.registry !== undefined) before.set(b.registry, await registry(b.registry));
    const issues = checkReformReferences(reform, file, await registry(reform.after), before);
    if (issues.length > 0) throw dataFileError(issues, dataDir ?? TEMPLATES_DIR);
    out.push(reform);
  }
  return out;
}
