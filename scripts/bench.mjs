// npm run bench — whole-process timings of povreport, as medians of several runs and as ratios
// against a baseline measured in the same run: a bare `node -e "require('exceljs')"`.
//   BENCH_RUNS=5 (default) runs per measurement; BENCH_ONLY=targets runs the two targets only.
// Targets (each measured run by run against the baseline, alternately; median of the ratios):
//   validate the nine shipped 2022-H1 districts     ≤ 1× baseline   (issue 11; exceljs is then
//   consolidate the nine shipped 2022-H1 districts  ≤ 2× baseline    loaded only to write)
// and a form of 40,000 / 100,000 village rows validated (BENCH_ONLY=form runs only that).
//   time grows linearly with the number of files: generated sets of 25, 50, 100 district
//   workbooks (validate) and a generated province of 25, 50, 100 commune units (consolidate);
//   and with the number of villages a commune's registry lists (1,000, 2,000, 4,000).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

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

/** One run of `args` with its peak RSS (MB), read by the preloaded scripts/lib/peak-rss.mjs. */
function timeWithRss(args) {
  const rssFile = path.join(work, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(path.join(root, 'scripts/lib/peak-rss.mjs')).href, ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
    },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, rssMB: Number(readFileSync(rssFile, 'utf8')), status: r.status };
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

/**
 * A target measured against the baseline run by run, alternately: on a shared machine whose
 * speed drifts, the ratio of neighbouring runs is steadier than the ratio of medians taken
 * minutes apart. Reports the median of the ratios.
 */
function paired(label, args) {
  time(args);
  time(BASELINE_ARGS);
  const ratios = [];
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const b = time(BASELINE_ARGS);
    const x = time(args);
    xs.push(x);
    ratios.push(x / b);
  }
  return {
    label,
    median: median(xs),
    ratio: median(ratios),
    ratios: ratios.map((r) => +r.toFixed(2)),
  };
}

const BASELINE_ARGS = ['-e', "require('exceljs')"];

/** A set of n district workbooks made by copying the shipped 2022-H1 ones (each keeps its unit). */
function copiedSet(n) {
  const src = path.join(root, 'fixtures', '2022-H1');
  const books = readdirSync(src).filter((f) => /\.xlsx$/i.test(f));
  const dir = path.join(work, `validate-${n}`);
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < n; i++) {
    const b = books[i % books.length];
    const sub = path.join(dir, String(i).padStart(3, '0'));
    mkdirSync(sub, { recursive: true });
    copyFileSync(path.join(src, b), path.join(sub, b));
  }
  return dir;
}

// ---- a generated post-2025 province whose reporting units are communes (villages as rows) ----
const forms = JSON.parse(
  readFileSync(path.join(root, 'templates/forms/vn-2022-2025.json'), 'utf8'),
);
const LACK = JSON.parse(
  readFileSync(path.join(root, 'templates/standards/vn-2022-2025.json'), 'utf8'),
).indicators.map((x) => x.id);
const POOR_LACK = [100, 80, 50, 120, 90, 60, 70, 40, 60, 50, 30, 20];
const NEAR_LACK = [20, 15, 10, 25, 15, 10, 10, 5, 10, 10, 5, 5];

/** One village's values, scaled by k: they satisfy every rule of templates/rules. */
function villageValues(k) {
  const v = {
    households: 1000 * k,
    poor: 200 * k,
    near_poor: 100 * k,
    poor_ethnic_minority: 150 * k,
    near_poor_ethnic_minority: 50 * k,
    poor_start: 250 * k,
    poor_exit_to_near_poor: 30 * k,
    poor_exit_above: 20 * k,
    poor_other_decrease: 5 * k,
    near_poor_to_poor: 2 * k,
    poor_relapsed: k,
    poor_new: 2 * k,
    poor_other_increase: 0,
    poor_end: 200 * k,
    near_poor_start: 110 * k,
    near_poor_exit_to_poor: 2 * k,
    near_poor_exit_above: 35 * k,
    near_poor_other_decrease: 3 * k,
    poor_to_near_poor: 30 * k,
    near_poor_relapsed: 0,
    near_poor_new: 0,
    near_poor_other_increase: 0,
    near_poor_end: 100 * k,
    poor_deprivations: 770 * k,
    near_poor_deprivations: 140 * k,
  };
  LACK.forEach((id, i) => {
    v[`poor_lack_${id}`] = POOR_LACK[i] * k;
    v[`near_poor_lack_${id}`] = NEAR_LACK[i] * k;
  });
  return v;
}

function withRates(v) {
  return {
    ...v,
    poor_rate: Math.round((10000 * v.poor) / v.households) / 100,
    near_poor_rate: Math.round((10000 * v.near_poor) / v.households) / 100,
  };
}

async function communeWorkbook(unit, villages, file) {
  const wb = new ExcelJS.Workbook();
  const rows = villages.map((name, i) => ({ name, values: withRates(villageValues(i + 1)) }));
  const total = {};
  for (const r of rows)
    for (const [k, x] of Object.entries(r.values)) total[k] = (total[k] ?? 0) + x;
  const totalRow = withRates(total);
  for (const form of forms.forms) {
    const ws = wb.addWorksheet(`Biểu ${form.id}`);
    ws.addRow([`UBND ${unit.name.toUpperCase()}`]);
    ws.addRow([`BIỂU ${form.id}: ${form.title.vi.toUpperCase()} 6 THÁNG ĐẦU NĂM 2022`]);
    ws.addRow([]);
    ws.addRow(['STT', 'Thôn, bản', ...form.columns.map((c) => c.heading)]);
    rows.forEach((r, i) => ws.addRow([i + 1, r.name, ...form.columns.map((c) => r.values[c.id])]));
    ws.addRow([null, 'Tổng cộng', ...form.columns.map((c) => totalRow[c.id])]);
  }
  await wb.xlsx.writeFile(file);
}

/** A generated plan's head: the first half of 2022, asking for `forms`. */
function benchPlan(id, forms) {
  return {
    id,
    year: 2022,
    registry: id,
    source: 'generated',
    periods: [
      {
        id: '2022-H1',
        title: { vi: '6 tháng đầu năm 2022', en: 'first half of 2022' },
        dueBefore: '2022-06-15',
        forms,
      },
    ],
  };
}

/** A generated province's registry: communes as reporting units, villages as their rows. */
function benchRegistry(id, comment, dir, units) {
  return {
    $comment: comment,
    id,
    version: 1,
    standard: 'vn-2022-2025',
    plan: path.join(dir, 'plan.json'),
    province: { code: '99', name: 'Tỉnh Thử Nghiệm', place: 'Thử Nghiệm' },
    issuer: {
      authority: 'UBND TỈNH THỬ NGHIỆM',
      department: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      departmentName: 'Sở Nông nghiệp và Môi trường',
    },
    unitLevel: { vi: 'xã, phường', en: 'commune' },
    subunitLevel: { vi: 'thôn, bản, tổ dân phố', en: 'village' },
    units,
  };
}

async function communeProvince(n, villagesPerUnit = 8) {
  const dir = path.join(work, `province-${n}-${villagesPerUnit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'inbox'), { recursive: true });
  const units = Array.from({ length: n }, (_, i) => {
    const villages = Array.from({ length: villagesPerUnit }, (_, j) => `Thôn ${j + 1}`);
    return {
      code: `X${String(i + 1).padStart(3, '0')}`,
      name: `Xã Thử Nghiệm ${i + 1}`,
      short: `Thử Nghiệm ${i + 1}`,
      variants: [],
      subunits: villages.map((name) => ({ name })),
    };
  });
  const registry = benchRegistry(
    `bench-${n}`,
    'GENERATED for npm run bench: a post-2025 province whose reporting units are communes (illustrative).',
    dir,
    units,
  );
  const plan = {
    ...benchPlan(registry.id, ['01', '02', '03', '04', '05']),
    baselineAsOf: '2021-12-31',
    province: { baselineRate: 25, targetReduction: 4 },
    units: Object.fromEntries(units.map((u) => [u.code, { baselineRate: 25, targetReduction: 4 }])),
  };
  writeFileSync(path.join(dir, 'registry.json'), JSON.stringify(registry, null, 2));
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
  for (const u of units)
    await communeWorkbook(
      u,
      u.subunits.map((s) => s.name),
      path.join(dir, 'inbox', `${u.code}.xlsx`),
    );
  return dir;
}

// ---- one commune's Biểu 01 of FORM_ROWS village rows (default 100,000), its registry listing
// every village: the size at which the exceljs reader took 74 s and 3.2 GB. Written once by
// exceljs's streaming writer into .bench/form-N/ and kept.
async function bigForm(n) {
  const dir = path.join(work, `form-${n}`);
  const file = path.join(dir, 'inbox', 'X001.xlsx');
  if (existsSync(file)) return dir;
  mkdirSync(path.join(dir, 'inbox'), { recursive: true });
  const villages = Array.from({ length: n }, (_, j) => `Thôn ${j + 1}`);
  const registry = benchRegistry(
    `bench-form-${n}`,
    'GENERATED for npm run bench: one commune listing many villages (illustrative).',
    dir,
    [
      {
        code: 'X001',
        name: 'Xã Thử Nghiệm 1',
        short: 'Thử Nghiệm 1',
        variants: [],
        subunits: villages.map((name) => ({ name })),
      },
    ],
  );
  const plan = {
    ...benchPlan(registry.id, ['01']),
    baselineAsOf: '2021-12-31',
    province: { baselineRate: 25, targetReduction: 4 },
    units: { X001: { baselineRate: 25, targetReduction: 4 } },
  };
  writeFileSync(path.join(dir, 'registry.json'), JSON.stringify(registry, null, 2));
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
  const form = forms.forms.find((f) => f.id === '01');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Biểu 01');
  ws.addRow(['UBND XÃ THỬ NGHIỆM 1']).commit();
  ws.addRow([`BIỂU 01: ${form.title.vi.toUpperCase()} 6 THÁNG ĐẦU NĂM 2022`]).commit();
  ws.addRow([]).commit();
  ws.addRow(['STT', 'Thôn, bản', ...form.columns.map((c) => c.heading)]).commit();
  const total = {};
  villages.forEach((name, i) => {
    const v = withRates(villageValues((i % 50) + 1));
    for (const c of form.columns) total[c.id] = (total[c.id] ?? 0) + (v[c.id] ?? 0);
    ws.addRow([i + 1, name, ...form.columns.map((c) => v[c.id])]).commit();
  });
  const t = withRates(total);
  ws.addRow([null, 'Tổng cộng', ...form.columns.map((c) => t[c.id])]).commit();
  ws.commit();
  await wb.commit();
  return dir;
}

/**
 * Validates big forms (FORM_ROWS, default 40,000 and 100,000 village rows): time and peak RSS,
 * medians of the runs. 40,000 rows of Biểu 01 (480,000 cells) are read and checked whole; 100,000
 * rows are past the cell budget and must be refused with a finding (exit 1), never a crash.
 */
async function formTarget() {
  const sizes = (process.env.FORM_ROWS ?? '40000,100000').split(',').map(Number);
  const out = [];
  for (const n of sizes) {
    const dir = await bigForm(n);
    const args = [
      bin,
      'validate',
      path.join(dir, 'inbox'),
      '--period',
      '2022-H1',
      '--registry',
      path.join(dir, 'registry.json'),
      '--json',
    ];
    timeWithRss(args);
    const xs = Array.from({ length: Math.min(runs, 3) }, () => timeWithRss(args));
    const ms = median(xs.map((x) => x.ms));
    const rss = median(xs.map((x) => x.rssMB));
    console.log(
      `validate one Biểu 01 of ${n} village rows (a registry of as many villages): median ${ms.toFixed(0)} ms, ` +
        `peak RSS ${rss.toFixed(0)} MB, exit ${xs[0].status}; ≤ 5000 ms and ≤ 500 MB: ${ms <= 5000 && rss <= 500 ? 'met' : 'NOT met'}`,
    );
    out.push({ rows: n, ms, rssMB: rss, exit: xs[0].status });
  }
  return out;
}

mkdirSync(work, { recursive: true });
const verdict = (x, max) => `${x.toFixed(2)}× — ${x <= max ? 'met' : 'NOT met'}`;
const validate9Args = [bin, 'validate', 'fixtures/2022-H1', '--period', '2022-H1', '--json'];
const consolidate9Args = [
  bin,
  'consolidate',
  'fixtures/2022-H1',
  '--period',
  '2022-H1',
  '--out',
  path.join(work, 'out-9'),
];
/** The two targets, each run alternately with the baseline (median of the run-by-run ratios). */
function targets() {
  const ts = [
    paired('validate fixtures/2022-H1 (9 districts)', validate9Args),
    paired('consolidate fixtures/2022-H1 (9 districts)', consolidate9Args),
  ];
  for (const t of ts)
    console.log(
      `${t.label}, paired with the baseline: median ${t.median.toFixed(0)} ms, ratios [${t.ratios.join(', ')}]`,
    );
  console.log(`target validate 9 districts ≤ 1× baseline: ${verdict(ts[0].ratio, 1)}`);
  console.log(`target consolidate 9 districts ≤ 2× baseline: ${verdict(ts[1].ratio, 2)}`);
  return ts;
}
if (process.env.BENCH_ONLY === 'form') {
  await formTarget();
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'targets') {
  targets();
  process.exit(0);
}
const baseline = measure('node -e "require(\'exceljs\')"', BASELINE_ARGS);
const validate9 = measure('validate fixtures/2022-H1 (9 districts)', validate9Args);
const validateSets = [25, 50, 100].map((n) => ({
  n,
  ...measure(`validate ${n} district workbooks`, [
    bin,
    'validate',
    copiedSet(n),
    '--period',
    '2022-H1',
    '--json',
  ]),
}));
const consolidate9 = measure('consolidate fixtures/2022-H1 (9 districts)', consolidate9Args);
const provinceSets = [];
for (const n of [25, 50, 100]) {
  const dir = await communeProvince(n);
  provinceSets.push({
    n,
    ...measure(`consolidate ${n} commune units (generated)`, [
      bin,
      'consolidate',
      path.join(dir, 'inbox'),
      '--period',
      '2022-H1',
      '--registry',
      path.join(dir, 'registry.json'),
      '--plan',
      path.join(dir, 'plan.json'),
      '--out',
      path.join(dir, 'out'),
    ]),
  });
}

// One commune whose registry lists 1,000 to 4,000 villages, its file a row per village: each
// row's name is looked up in an index, so the cost per village stays flat (issue 11: 84 s for
// 4,000 villages when every name was compared with every village).
const villageSets = [];
for (const v of [1000, 2000, 4000]) {
  const dir = await communeProvince(1, v);
  villageSets.push({
    n: v,
    ...measure(`validate 1 commune of ${v} villages`, [
      bin,
      'validate',
      path.join(dir, 'inbox'),
      '--period',
      '2022-H1',
      '--registry',
      path.join(dir, 'registry.json'),
      '--json',
    ]),
  });
}

const all = [baseline, validate9, ...validateSets, consolidate9, ...provinceSets, ...villageSets];
const ratio = (r) => r.median / baseline.median;
console.log(`runs per measurement: ${runs} (median shown, all runs in brackets)`);
for (const r of all)
  console.log(
    `${r.label.padEnd(46)} ${r.median.toFixed(0).padStart(7)} ms  ${ratio(r).toFixed(2).padStart(6)}× baseline   [${r.runs.join(', ')}]`,
  );

function linearity(label, sets) {
  const [a, b, c] = sets;
  const s1 = (b.median - a.median) / (b.n - a.n);
  const s2 = (c.median - b.median) / (c.n - b.n);
  console.log(
    `${label}: per-file cost ${s1.toFixed(1)} ms (${a.n}→${b.n}), ${s2.toFixed(1)} ms (${b.n}→${c.n}); ratio ${(s2 / s1).toFixed(2)} (1.00 = linear)`,
  );
  return { perFile: [s1, s2], ratio: s2 / s1 };
}
const lv = linearity('validate, district workbooks', validateSets);
const lc = linearity('consolidate, commune units', provinceSets);
const lvil = linearity('validate, villages of one commune (per village)', villageSets);
const targetResults = targets();
const formResults = await formTarget();
writeFileSync(
  path.join(work, 'results.json'),
  JSON.stringify(
    {
      runs,
      results: all,
      targets: targetResults,
      forms: formResults,
      linearity: { validate: lv, consolidate: lc, villages: lvil },
    },
    null,
    2,
  ),
);
