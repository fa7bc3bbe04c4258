/**
 * Fuzz: damaged copies of every fixture (test/helpers/damage.ts: bytes flipped, cut short, a
 * broken zip directory, malformed XML in a workbook's parts, missing parts, shared-string indexes
 * out of range, absurd addresses and merged ranges, junk values, garbage bytes and broken quoting
 * in CSV) go through the validate pipeline. None may end in an internal error or a stack trace,
 * take longer than a fixed time, or grow memory past a fixed bound; a few go through the built
 * binary with a small heap, and their inputs stay byte-identical.
 *
 * `npm test` runs one damaged copy of each fixture with a fixed seed. `npm run fuzz -- --cases N
 * --seed S` (scripts/fuzz.mjs) runs N random cases through this file in report mode (environment
 * FUZZ_*) and prints a summary; `--only I` makes case I of a seed again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it, onTestFinished } from 'vitest';

import { findingMessage, findingSuggestion } from '../../src/core/finding.js';
import { shippedRun } from '../helpers/build.js';
import { DAMAGE, damage, fileKind, filesUnder, type Damage } from '../helpers/damage.js';
import { seeded as prng } from '../helpers/random-unit.js';
import { checkFiles } from '../../src/commands/check-files.js';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'fixtures');
const bin = path.join(root, 'bin', 'povreport.js');

const env = process.env;
const REPORT = env.FUZZ_CASES !== undefined;
const SEED = Number(env.FUZZ_SEED ?? 20_240_901);
/** Longest a case may take in-process; far above any real file's time. */
const CASE_MS = Number(env.FUZZ_CASE_MS ?? 10_000);
/** The test process may not grow past this while running the cases. */
const MAX_RSS = 1.5 * 1024 ** 3;
/** The heap the built binary runs with in the command-line cases. */
const CLI_HEAP_MB = 256;

/** Every fixture: workbooks, CSV, web pages, Excel 2003 XML, broken files. */
const FILES = filesUnder(fixtures).filter((f) => !/\.(md|json)$/i.test(f));

/** Stack frames, internal errors and library crashes that must never reach the user. */
const LEAK =
  /\n\s+at\s|\bat .+:\d+:\d+|node:internal|lỗi nội bộ|internal error|RangeError|Maximum call stack/i;

interface Case {
  index: number;
  source: string;
  how: Damage;
  what: string;
  file: string;
  sha256: string;
}

interface Outcome {
  case: Case;
  ms: number;
  codes: string[];
  problems: string[];
}

async function makeCase(dir: string, index: number, how?: Damage, source?: string): Promise<Case> {
  const rnd = prng(SEED * 1000 + index);
  const src = source ?? FILES[Math.floor(rnd() * FILES.length)] ?? '';
  const original = readFileSync(path.join(fixtures, src));
  const kind = fileKind(original, src);
  const kinds: readonly Damage[] = DAMAGE[kind];
  const chosen = how ?? kinds[Math.floor(rnd() * kinds.length)] ?? 'flip';
  const damaged = await damage(original, kind, chosen, rnd);
  const file = path.join(dir, `${index} ${chosen} ${path.basename(src)}`);
  writeFileSync(file, damaged.bytes);
  return {
    index,
    source: src,
    how: chosen,
    what: damaged.what,
    file,
    sha256: createHash('sha256').update(damaged.bytes).digest('hex'),
  };
}

async function runCase(c: Case): Promise<Outcome> {
  const run = await shippedRun();
  const period = c.source.startsWith('2022/') || c.source.includes('/2022/') ? '2022' : '2022-H1';
  const t = performance.now();
  const [checked] = await checkFiles([c.file], run, { lang: 'vi', period });
  const ms = performance.now() - t;
  const problems: string[] = [];
  const findings = checked?.findings ?? [];
  for (const f of findings)
    for (const lang of ['vi', 'en'] as const) {
      const text = `${findingMessage(f, lang)}\n${findingSuggestion(f, lang)}`;
      if (LEAK.test(text)) problems.push(`${f.code}: ${text.slice(0, 300)}`);
    }
  if (ms > CASE_MS) problems.push(`took ${Math.round(ms)} ms`);
  const rss = process.memoryUsage().rss;
  if (rss > MAX_RSS) problems.push(`process at ${Math.round(rss / 1024 ** 2)} MB`);
  return { case: c, ms, codes: [...new Set(findings.map((f) => f.code))], problems };
}

/** Runs `validate` on a damaged file through the built binary with a small heap. */
function runCli(c: Case): string[] {
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${CLI_HEAP_MB}`, bin, 'validate', c.file, '--json'],
    {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...env, NO_COLOR: '1' },
    },
  );
  const problems: string[] = [];
  if (r.signal) problems.push(`killed by ${r.signal} (timeout or crash)`);
  else if (r.status !== 0 && r.status !== 1)
    problems.push(`exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  if (LEAK.test(r.stdout + r.stderr)) problems.push(`leak: ${(r.stdout + r.stderr).slice(0, 300)}`);
  if (r.stderr !== '') problems.push(`stderr: ${r.stderr.slice(0, 300)}`);
  const after = createHash('sha256').update(readFileSync(c.file)).digest('hex');
  if (after !== c.sha256) problems.push('the input file changed');
  return problems;
}

const describeCase = (o: { case: Case }): string =>
  `#${o.case.index} ${o.case.source} (${o.case.how}: ${o.case.what})`;

describe.skipIf(REPORT)('fuzz (fixed seed, one damaged copy of each fixture)', () => {
  it('never ends in an internal error, a stack trace, a hang or unbounded memory', async () => {
    expect(FILES.length).toBeGreaterThan(100);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport fuzz '));
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const outcomes: Outcome[] = [];
    const used = new Set<Damage>();
    for (const [i, source] of FILES.entries()) {
      // Each fixture gets the damage in turn, so every kind of damage meets every kind of file.
      const kind = fileKind(readFileSync(path.join(fixtures, source)), source);
      const kinds: readonly Damage[] = DAMAGE[kind];
      const how = kinds[i % kinds.length] ?? 'flip';
      used.add(how);
      outcomes.push(await runCase(await makeCase(dir, i, how, source)));
    }
    expect(
      outcomes
        .filter((o) => o.problems.length > 0)
        .map((o) => `${describeCase(o)}: ${o.problems.join('; ')}`),
    ).toEqual([]);
    expect([...used].sort()).toEqual([...new Set(Object.values(DAMAGE).flat())].sort());
    // Damage that is read at all says something about it (a damaged file is rarely still valid).
    expect(outcomes.filter((o) => o.codes.length > 0).length).toBeGreaterThan(FILES.length / 2);
  }, 60_000);

  it('through the built binary with a small heap, inputs left byte-identical', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport fuzz cli '));
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const cases = [
      await makeCase(
        dir,
        9001,
        'directory',
        '2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
      ),
      await makeCase(dir, 9002, 'addresses', '2022/Tram Tau - Bao cao nam 2022.xlsx'),
      await makeCase(dir, 9003, 'garbage', '2022-H1/VanChan_Bieu01_2022-H1.csv'),
    ];
    for (const c of cases) expect(runCli(c), describeCase({ case: c })).toEqual([]);
  }, 60_000);
});

describe.skipIf(!REPORT)('fuzz report (npm run fuzz)', () => {
  it(
    'runs the cases and writes a summary',
    async () => {
      const cases = Number(env.FUZZ_CASES);
      const cli = Number(env.FUZZ_CLI ?? Math.min(20, cases));
      const only = env.FUZZ_ONLY === undefined ? null : Number(env.FUZZ_ONLY);
      const out = env.FUZZ_OUT ?? mkdtempSync(path.join(os.tmpdir(), `povreport-fuzz-${SEED}-`));
      const dir = path.join(out, 'cases');
      mkdirSync(dir, { recursive: true });
      const indexes = only === null ? Array.from({ length: cases }, (_, i) => i) : [only];
      const outcomes: Outcome[] = [];
      const byHow = new Map<string, { n: number; ms: number; codes: Map<string, number> }>();
      let maxRss = 0;
      const started = performance.now();
      for (const i of indexes) {
        const o = await runCase(await makeCase(dir, i));
        outcomes.push(o);
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
        const s = byHow.get(o.case.how) ?? { n: 0, ms: 0, codes: new Map<string, number>() };
        s.n++;
        s.ms = Math.max(s.ms, o.ms);
        const first = o.codes.length === 0 ? '(none: still valid)' : o.codes.slice(0, 2).join('+');
        s.codes.set(first, (s.codes.get(first) ?? 0) + 1);
        byHow.set(o.case.how, s);
      }
      const inProcessMs = performance.now() - started;
      const cliOutcomes: { case: Case; problems: string[] }[] = [];
      const step = Math.max(1, Math.floor(outcomes.length / Math.max(1, cli)));
      for (let k = 0; k < outcomes.length && cliOutcomes.length < cli; k += step) {
        const c = outcomes[k]?.case;
        if (c) cliOutcomes.push({ case: c, problems: runCli(c) });
      }
      const failed = [
        ...outcomes.filter((o) => o.problems.length > 0),
        ...cliOutcomes.filter((o) => o.problems.length > 0).map((o) => ({ ...o, cli: true })),
      ];
      const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5);
      const lines = [
        `seed ${SEED}: ${outcomes.length} cases in-process in ${(inProcessMs / 1000).toFixed(1)} s, ${cliOutcomes.length} through the binary (heap ${CLI_HEAP_MB} MB)`,
        `largest resident memory of the test process: ${Math.round(maxRss / 1024 ** 2)} MB`,
        `slowest: ${slowest.map((o) => `#${o.case.index} ${Math.round(o.ms)} ms (${o.case.how}, ${path.basename(o.case.source)})`).join('; ')}`,
        '',
        'by damage: cases, slowest, outcomes (first finding codes)',
        ...[...byHow.entries()].sort().map(
          ([how, s]) =>
            `  ${how}: ${s.n}, ${Math.round(s.ms)} ms — ${[...s.codes.entries()]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 6)
              .map(([c, n]) => `${c} ${n}`)
              .join(', ')}`,
        ),
        '',
        failed.length === 0
          ? 'no failures'
          : `${failed.length} FAILURES (npm run fuzz -- --seed ${SEED} --only I makes case I again):`,
        ...failed.map(
          (o) => `  ${describeCase(o)}${'cli' in o ? ' [binary]' : ''}: ${o.problems.join('; ')}`,
        ),
        `damaged files: ${dir}`,
      ];
      writeFileSync(env.FUZZ_SUMMARY ?? path.join(out, 'summary.txt'), `${lines.join('\n')}\n`);
    },
    24 * 3600_000,
  );
});
