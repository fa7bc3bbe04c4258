// npm run demo:2026 — the province as it is today: tỉnh Lào Cai (merged 1 July 2025), whose 99
// communes and wards report directly, one period after another. Consolidates the SYNTHETIC commune
// submissions of fixtures/lao-cai-2025 (annual report 2025, plan lao-cai-2025) and then those of
// fixtures/lao-cai-2026 (annual report 2026, plan lao-cai-2026) into one folder, so the 2026 run
// finds the 2025 report beside it (tong-hop-2025.json) for the continuity of opening figures.
//   DEMO_OUT=folder writes elsewhere than out-2026/ (the tests use it).
// Exit code: 0 when both reports were written. consolidate's own exit code 1 ("some unit missing
// or rejected") is expected here (6 of the 99 units report); 2 or more (a usage error or a crash)
// is passed on.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'povreport.js');
const outArg = process.env.DEMO_OUT ?? 'out-2026';
const out = path.resolve(root, outArg);
const passOn = process.argv.slice(2);

const runs = [
  { period: '2025', folder: path.join('fixtures', 'lao-cai-2025'), plan: 'lao-cai-2025' },
  { period: '2026', folder: path.join('fixtures', 'lao-cai-2026'), plan: 'lao-cai-2026' },
];

let worst = 0;
for (const r of runs) {
  const started = Date.now();
  const args = [
    bin,
    'consolidate',
    r.folder,
    '--registry',
    'lao-cai-2025',
    '--plan',
    r.plan,
    '--period',
    r.period,
    '--out',
    outArg,
    ...passOn,
  ];
  console.log(`\n> povreport ${args.slice(1).join(' ')}\n`);
  const p = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const code = p.status ?? 2;
  // Written by this run: a report file is there and newer than the run's start (a second's slack
  // for file systems that keep whole seconds).
  const written = ['json', 'xlsx', 'csv'].some((ext) => {
    const report = path.join(out, `tong-hop-${r.period}.${ext}`);
    return existsSync(report) && statSync(report).mtimeMs >= started - 1000;
  });
  if (code >= 2 || !written) {
    console.error(`demo:2026: the ${r.period} report was not written (exit code ${code})`);
    worst = Math.max(worst, code, 2);
  }
}
process.exitCode = worst;
