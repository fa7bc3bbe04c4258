// npm run property -- [--cases N] [--seed N] [--sweep K] [--mutations N] [--lo N] [--reduce N]
//                     [--out DIR] [--replay CASE.json]
// Many generated submissions through povreport (test/property/submissions.test.ts in report
// mode), then a summary: cases, accepted, valid cases refused by reason, single-feature classes
// passing and failing with an example finding each, violations. Exit code 1 when any case broke
// a property. Defaults: 200 random cases, a sweep of every class twice, a mutation per ten cases,
// a LibreOffice batch of every class once plus a fifth of the cases (at most 300), a random seed.
//   --lo 0          no LibreOffice batch (else the batch holds every class once and --lo random cases).
//   --replay FILE   runs the case recorded in FILE (a case.json next to a generated file) again.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFlags } from './lib/flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { opts, env: given } = readFlags(process.argv.slice(2), {
  script: 'property',
  usage:
    'npm run property -- [--cases N] [--seed N] [--sweep K] [--mutations N] [--lo N] [--reduce N] [--out DIR] [--replay CASE.json]',
  numeric: {
    cases: 'PROPERTY_CASES',
    seed: 'PROPERTY_SEED',
    sweep: 'PROPERTY_SWEEP',
    mutations: 'PROPERTY_MUTATIONS',
    lo: 'PROPERTY_LO',
    reduce: 'PROPERTY_REDUCE',
  },
  other: ['out', 'replay'],
});

let seed = opts.seed;
if (opts.replay) {
  opts.replay = path.resolve(opts.replay);
  seed = String(JSON.parse(readFileSync(opts.replay, 'utf8')).case.spec.seed);
}
seed ??= String(Date.now() % 1_000_000_000);
const out = path.resolve(
  opts.out ?? path.join(os.tmpdir(), `povreport-${opts.replay ? 'replay' : 'property'}-${seed}`),
);
const env = {
  ...process.env,
  PROPERTY_MODE: opts.replay ? 'replay' : 'report',
  PROPERTY_SEED: seed,
  PROPERTY_OUT: out,
  PROPERTY_SUMMARY: path.join(out, 'summary'),
  ...given,
};
if (opts.replay) env.PROPERTY_REPLAY = opts.replay;

console.log(`property: seed ${seed}, files in ${out}`);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(
  process.execPath,
  [vitest, 'run', 'test/property/submissions.test.ts', '--reporter=dot'],
  { cwd: root, stdio: 'inherit', env },
);
const text = path.join(out, 'summary.txt');
if (r.status !== 0 || !existsSync(text)) {
  console.error('property: the run did not finish (see above)');
  process.exit(2);
}
console.log(readFileSync(text, 'utf8'));
if (opts.replay) process.exit(0);
const { summary } = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
process.exit(summary.violations.unsound + summary.violations.notAccepted > 0 ? 1 : 0);
