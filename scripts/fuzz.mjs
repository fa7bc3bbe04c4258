// npm run fuzz -- [--cases N] [--seed S] [--cli K] [--only I] [--case-ms MS] [--out DIR]
// Damaged copies of the fixtures (test/helpers/damage.ts) through the validate pipeline, in
// report mode of test/integration/fuzz.test.ts: N random cases in-process (default 500), K of
// them also through the built binary with a 256 MB heap (default 20), then a summary: cases by
// damage with their slowest time and outcomes, the largest memory, and every failure (an internal
// error, a stack trace, a case over MS milliseconds (default 10 000), a binary exit other than 0
// or 1, an input changed). Exit code 1 when any case failed. A random seed unless --seed is given;
// --only I makes case I of that seed again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFlags } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { opts, env: given } = readFlags(process.argv.slice(2), {
  script: 'fuzz',
  usage: 'npm run fuzz -- [--cases N] [--seed S] [--cli K] [--only I] [--case-ms MS] [--out DIR]',
  numeric: {
    cases: 'FUZZ_CASES',
    seed: 'FUZZ_SEED',
    cli: 'FUZZ_CLI',
    only: 'FUZZ_ONLY',
    'case-ms': 'FUZZ_CASE_MS',
  },
  other: ['out'],
});

const seed = opts.seed ?? String(Date.now() % 1_000_000);
const out = path.resolve(opts.out ?? path.join(os.tmpdir(), `povreport-fuzz-${seed}`));
mkdirSync(out, { recursive: true });
const summary = path.join(out, 'summary.txt');
const env = {
  ...process.env,
  FUZZ_CASES: opts.cases ?? '500',
  FUZZ_SEED: seed,
  FUZZ_OUT: out,
  FUZZ_SUMMARY: summary,
  ...given,
};

// vitest's global setup builds dist/ from the sources under test for the binary cases.
console.log(`fuzz: seed ${seed}, ${env.FUZZ_CASES} cases, files in ${out}`);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(
  process.execPath,
  [vitest, 'run', 'test/integration/fuzz.test.ts', '--reporter=dot'],
  { cwd: root, stdio: 'inherit', env },
);
if (r.status !== 0 || !existsSync(summary)) {
  console.error('fuzz: the run did not finish (see above)');
  process.exit(2);
}
const text = readFileSync(summary, 'utf8');
console.log(text);
process.exit(/FAILURES/.test(text) ? 1 : 0);
