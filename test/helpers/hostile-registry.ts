/**
 * Registries an attacker (or a careless editor) could hand the tool: a copy of the shipped Yên Bái
 * registry and plan whose units are replaced by the ones a test gives — codes holding `../`,
 * names holding formulas, e-mail addresses holding line breaks. SYNTHETIC test data.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TEMPLATES_DIR } from '../../src/io/templates.js';

/** A unit of a test registry (no sub-units unless given). */
export interface TestUnit {
  code: string;
  name: string;
  short?: string;
  email?: string;
  subunits?: { name: string; code?: string }[];
}

/**
 * Writes `registry.json` and `plan.json` into `dir` (the plan has every unit, with a baseline);
 * returns their paths. `issuerEmail` replaces the Department's address; `extra` sets other
 * top-level fields of the registry.
 */
export async function writeTestRegistry(
  dir: string,
  units: TestUnit[],
  o: { issuerEmail?: string; extra?: Record<string, unknown> } = {},
): Promise<{ registry: string; plan: string }> {
  const reg = JSON.parse(
    readFileSync(path.join(TEMPLATES_DIR, 'registries', 'yen-bai-2022.json'), 'utf8'),
  ) as Record<string, unknown> & { issuer: Record<string, unknown> };
  const plan = JSON.parse(
    readFileSync(path.join(TEMPLATES_DIR, 'plans', 'yen-bai-2022.json'), 'utf8'),
  ) as Record<string, unknown>;
  const planFile = path.join(dir, 'plan.json');
  const regFile = path.join(dir, 'registry.json');
  reg.$comment = 'SYNTHETIC test registry: hostile unit codes, names and addresses.';
  reg.sources = [];
  reg.id = 'test-hostile';
  reg.plan = planFile;
  reg.units = units;
  if (o.issuerEmail !== undefined) reg.issuer.email = o.issuerEmail;
  Object.assign(reg, o.extra);
  plan.$comment = 'SYNTHETIC test plan for a hostile registry.';
  plan.registry = 'test-hostile';
  plan.units = Object.fromEntries(
    units.map((u) => [u.code, { baselineRate: 10, targetReduction: 1, published: false }]),
  );
  await writeFile(regFile, JSON.stringify(reg, null, 2));
  await writeFile(planFile, JSON.stringify(plan, null, 2));
  return { registry: regFile, plan: planFile };
}

/** Every file under `dir` (recursively), as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** SHA-256 of every file under `dir`: compare before and after a command to prove it wrote nothing there. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}
