/**
 * One unit of `consolidate` run on some files: the integration tests' "consolidate this file,
 * find that unit" (the shipped catalogue, the setup made once per period, a fixed "now").
 */
import { expect } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';

const setups = new Map<string, Promise<Setup>>();

/** The unit `code` of the report consolidated from `files` for `period` (undefined: not there). */
export async function consolidatedUnit(
  files: string | string[],
  period: string,
  code: string,
  opts: { lang?: 'vi' | 'en'; now?: Date } = {},
) {
  let setup = setups.get(period);
  if (!setup) setups.set(period, (setup = loadSetup({ period })));
  const report = await consolidateFiles(await setup, typeof files === 'string' ? [files] : files, {
    period,
    lang: opts.lang ?? 'vi',
    now: opts.now ?? new Date(`${period.slice(0, 4)}-12-20T03:00:00Z`),
  });
  return report.units.find((u) => u.code === code);
}

type Unit = Awaited<ReturnType<typeof consolidatedUnit>>;

/**
 * The unit read from an edited file is the original's: no error, accepted, the same figures, the
 * same sub-units with theirs.
 */
export function expectReadAsOriginal(unit: Unit, original: Unit): void {
  expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(unit?.status).toBe('accepted');
  expect(unit?.values).toEqual(original?.values);
  expect(unit?.subunits).toEqual(original?.subunits);
}
