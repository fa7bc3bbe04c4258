/**
 * Two shape fixtures through the built binary, as the Department runs it: `povreport consolidate
 * <file> --period P --json`. The JSON it prints must agree with the file's truth, as in-process
 * consolidation must (test/integration/shapes.test.ts): 13 (every count typed as text, rates as
 * fractions under a % format: accepted, every figure) and 14c (a total row "Cộng toàn thị xã"
 * that does not add up: rejected, never accepted with summed figures). Shapes in KNOWN_FAILING
 * run as `it.fails`, as there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/render/report-json.js';
import { compareShape, KNOWN_FAILING, loadShapes, SHAPES_ROOT } from '../helpers/shapes.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');
const strict = process.env.SHAPES_STRICT === '1';

describe('povreport consolidate on shape fixtures', () => {
  for (const id of ['13', '14c']) {
    const e = loadShapes().find((s) => s.id === id);
    if (!e) throw new Error(`shape ${id} is not in fixtures/shapes/expected.json`);
    const known = KNOWN_FAILING[id];
    const run = known && !strict ? it.fails : it;
    run(
      `${id} ${e.status}: ${e.shape}${known && !strict ? ` — fails today: ${known}` : ''}`,
      () => {
        const out = mkdtempSync(path.join(os.tmpdir(), 'povreport hình dạng '));
        const r = spawnSync(
          process.execPath,
          [
            bin,
            'consolidate',
            path.join(SHAPES_ROOT, e.file),
            '--period',
            e.period,
            '--json',
            '--format',
            'json',
            '--out',
            out,
          ],
          { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
        );
        expect(r.stderr).toBe('');
        // The other eight districts sent nothing: the report is written, the exit code says so.
        expect(r.status).toBe(1);
        expect(readdirSync(out)).toEqual([`tong-hop-${e.period}.json`]);
        const json = JSON.parse(r.stdout) as ReportJson;
        expect(json.completeness.missing).toBe(8);
        expect(compareShape(e, json), `shape ${e.id} (${e.file}) through the binary`).toEqual([]);
      },
    );
  }
});
