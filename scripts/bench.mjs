// npm run bench — whole-process timings of `povreport validate`, as medians of several runs and
// as ratios against a baseline measured in the same run: a bare `node -e "require('exceljs')"`.
//   BENCH_RUNS=5 (default) runs per measurement.
// Targets (issue 2): validating the nine shipped 2022-H1 districts ≤ 3× the baseline, and time
// growing linearly with the number of files (generated sets of 25, 50 and 100 workbooks).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'povreport.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const work = path.join(root, '.bench');

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(label, args) {
  time(args); // warm the file cache
  const xs = Array.from({ length: runs }, () => time(args));
  return { label, median: median(xs), runs: xs.map((x) => Math.round(x)) };
}

/** A set of n workbooks made by copying the shipped 2022-H1 workbooks (each keeps its unit). */
function generatedSet(n) {
  const src = path.join(root, 'fixtures', '2022-H1');
  const books = readdirSync(src).filter((f) => /\.xlsx$/i.test(f));
  const dir = path.join(work, `set-${n}`);
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < n; i++) {
    const b = books[i % books.length];
    const sub = path.join(dir, String(i).padStart(3, '0'));
    mkdirSync(sub, { recursive: true });
    copyFileSync(path.join(src, b), path.join(sub, b));
  }
  return dir;
}

mkdirSync(work, { recursive: true });
const results = [];
const baseline = measure('node -e "require(\'exceljs\')"', ['-e', "require('exceljs')"]);
results.push(baseline);
const nine = measure('validate fixtures/2022-H1 (9 districts)', [
  bin,
  'validate',
  'fixtures/2022-H1',
  '--period',
  '2022-H1',
  '--json',
]);
results.push(nine);
const sizes = [25, 50, 100];
const sets = sizes.map((n) =>
  measure(`validate ${n} generated workbooks`, [
    bin,
    'validate',
    generatedSet(n),
    '--period',
    '2022-H1',
    '--json',
  ]),
);
results.push(...sets);

const ratio = (r) => r.median / baseline.median;
console.log(`runs per measurement: ${runs} (median shown)`);
for (const r of results)
  console.log(
    `${r.label.padEnd(48)} ${r.median.toFixed(0).padStart(7)} ms  ${ratio(r).toFixed(2).padStart(6)}× baseline   [${r.runs.join(', ')}]`,
  );
const [s25, s50, s100] = sets;
const slopeA = (s50.median - s25.median) / 25;
const slopeB = (s100.median - s50.median) / 50;
console.log(
  `per-file cost: ${slopeA.toFixed(1)} ms (25→50), ${slopeB.toFixed(1)} ms (50→100); ratio ${(slopeB / slopeA).toFixed(2)} (1.00 = linear)`,
);
const nineOk = ratio(nine) <= 3;
console.log(
  `target 9 districts ≤ 3× baseline: ${ratio(nine).toFixed(2)}× — ${nineOk ? 'met' : 'NOT met'}`,
);
writeFileSync(
  path.join(work, 'results.json'),
  JSON.stringify({ runs, results, slopes: { '25-50': slopeA, '50-100': slopeB } }, null, 2),
);
