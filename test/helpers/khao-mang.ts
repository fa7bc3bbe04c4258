/**
 * Xã Khao Mang's 2026 report (fixtures/lists-2026/agree, SYNTHETIC, made with openpyxl by an
 * outside tester): the base the tests of a commune's report change with openpyxl, and how they
 * consolidate a changed copy of it for the year 2026.
 */
import path from 'node:path';
import { beforeAll } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';

export const KHAO_MANG = path.resolve(
  'fixtures/lists-2026/agree/Xa Khao Mang - BC giam ngheo nam 2026.xlsx',
);
export const KHAO_MANG_CODE = '04465';

/**
 * Loads the 2026 setup once for the calling test file; returns `consolidate` (the report of some
 * files for 2026) and `unitOf` (Xã Khao Mang's result in the report of one file).
 */
export function useKhaoMang2026() {
  const now = new Date('2026-12-20T03:00:00Z');
  let setup: Setup | undefined;
  beforeAll(async () => {
    setup = await loadSetup({ period: '2026' });
  });
  const consolidate = async (files: string[]): Promise<ConsolidatedReport> => {
    if (!setup) throw new Error('setup not loaded');
    return consolidateFiles(setup, files, { period: '2026', lang: 'vi', now });
  };
  const unitOf = async (file: string) =>
    (await consolidate([file])).units.find((u) => u.code === KHAO_MANG_CODE);
  return { consolidate, unitOf };
}
