/**
 * A reader that stops early (`povreport consolidate … --json | head`) closes the pipe while the
 * report's JSON is still being written: the run ends with its own exit code and no stack trace,
 * and the report's files are all written. Built binary, shipped synthetic fixtures.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, fixtures, root } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('closed-pipe-');

describe('output read by a program that stops early', () => {
  it('ends the run without a stack trace when the pipe closes', async () => {
    const out = path.join(tmp.path, 'out');
    const period = ['--period', '2022-H1', '--json'];
    const args = [bin, 'consolidate', path.join(fixtures, '2022-H1'), '--out', out, ...period];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // Like `head -c 100`: the first chunk read, then the pipe closed.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect([0, 1]).toContain(code);
    for (const ext of ['xlsx', 'json', 'csv', 'html'])
      expect(existsSync(path.join(out, `tong-hop-2022-H1.${ext}`))).toBe(true);
  });
});
