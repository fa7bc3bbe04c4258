// npm run bench:lists — issue 11: a province-wide household list of LIST_ROWS households
// (default 1,000,000; 30 columns with district and commune columns, shared strings), written by
// exceljs's streaming writer into .bench/ (kept between runs), as xlsx and as CSV:
//   - povreport validate on it (every commune's figures derived, JSON to stdout): time, peak RSS;
//   - the baseline in the same run, alternately: exceljs's own streaming WorkbookReader doing only
//     the aggregation (poor and near-poor households per commune), nothing checked;
//   - the CSV, and the same list at LIST_SMALL_ROWS (default 200,000) for memory flatness.
// Medians of BENCH_RUNS (default 3) runs. Targets (issue 11): xlsx ≤ 5 s and ≤ 300 MB, ≥ 5×
// faster than the baseline; CSV ≤ 2 s; peak RSS at LIST_ROWS ≤ 1.5× that at LIST_SMALL_ROWS.
// The names, birth years and codes are synthetic; the districts and communes are Yên Bái's of
// 2022 (templates/registries/yen-bai-2022.json).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'povreport.js');
const rows = Number(process.env.LIST_ROWS ?? 1000000);
const smallRows = Number(process.env.LIST_SMALL_ROWS ?? 200000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = path.join(root, '.bench');

/** The communes of 2022 by district, from the registry. */
function communes() {
  const reg = JSON.parse(
    readFileSync(path.join(root, 'templates/registries/yen-bai-2022.json'), 'utf8'),
  );
  const day = '2022-12-31';
  const out = [];
  for (const u of reg.units)
    for (const s of u.subunits ?? [])
      if ((!s.from || s.from <= day) && (!s.until || s.until > day))
        out.push({ district: u.name, commune: s.name });
  return out;
}

/** Two heading rows: the flags numbered 1–12 under a group heading (merged), as lists have them. */
const FIRST_FLAG = 14;
const HEADINGS = [
  'STT',
  'Mã hộ',
  'Họ và tên chủ hộ',
  'Năm sinh',
  'Chủ hộ là nữ',
  'Dân tộc',
  'Hộ DTTS',
  'Số nhân khẩu',
  'Huyện',
  'Xã',
  'Thôn',
  'Khu vực',
  'Điểm A',
  'Điểm B',
  'Các chỉ số thiếu hụt',
  ...Array(11).fill(null),
  'Phân loại hộ',
  'Diễn biến',
  'Hộ có người có công',
  'Không có khả năng lao động',
];
const NUMBERS = [
  ...Array(FIRST_FLAG).fill(null),
  ...Array.from({ length: 12 }, (_, i) => i + 1),
  null,
  null,
  null,
  null,
];

/** Household i (1-based) of n: a row of the list, consistent with Decree 07's scoring. */
function household(i, n, places, rnd) {
  const place = places[Math.floor(((i - 1) * places.length) / n)];
  const set = Array.from({ length: 12 }, () => (rnd() < 0.2 ? 'x' : null));
  const b = 10 * set.filter(Boolean).length;
  const a = Math.floor(rnd() * 300);
  const cls = a <= 140 ? (b >= 30 ? 'Hộ nghèo' : 'Hộ cận nghèo') : 'Không nghèo';
  return [
    i,
    `H${String(i).padStart(7, '0')}`,
    `Người Thử ${i}`,
    1940 + (i % 60),
    i % 3 ? null : 'x',
    ['Kinh', 'Mông', 'Dao', 'Tày', 'Thái'][i % 5],
    i % 5 ? 'x' : null,
    1 + (i % 7),
    place.district,
    place.commune,
    `Thôn ${i % 20}`,
    'Nông thôn',
    a,
    b,
    ...set,
    cls,
    'Nghèo cũ',
    null,
    null,
  ];
}

function seeded() {
  let s = 12345;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

async function writeList(n, file) {
  mkdirSync(work, { recursive: true });
  const places = communes();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Danh sách hộ');
  ws.addRow(['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2022 (DỮ LIỆU THỬ, TỔNG HỢP)']).commit();
  const heading = ws.addRow(HEADINGS);
  // Merged while the row is open: the streaming writer cannot go back to a committed row.
  ws.mergeCells(2, FIRST_FLAG + 1, 2, FIRST_FLAG + 12);
  heading.commit();
  ws.addRow(NUMBERS).commit();
  const rnd = seeded();
  for (let i = 1; i <= n; i++) ws.addRow(household(i, n, places, rnd)).commit();
  ws.commit();
  await wb.commit();
}

/** The same list as CSV (UTF-8 with BOM, commas). */
async function writeCsv(n, file) {
  const places = communes();
  const out = createWriteStream(file);
  const line = (cells) =>
    cells
      .map((c) =>
        c === null
          ? ''
          : /[",\n]/.test(String(c))
            ? `"${String(c).replaceAll('"', '""')}"`
            : String(c),
      )
      .join(',') + '\r\n';
  out.write('\uFEFF' + line(HEADINGS) + line(NUMBERS));
  const rnd = seeded();
  let buf = '';
  for (let i = 1; i <= n; i++) {
    buf += line(household(i, n, places, rnd));
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

// The baseline: exceljs's streaming WorkbookReader over the same file, only counting the poor
// and near-poor households of each commune (no check, no finding).
const BASELINE = `
import ExcelJS from 'exceljs';
const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[1], {
  sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit',
});
const byCommune = new Map();
for await (const ws of reader)
  for await (const row of ws) {
    const v = row.values;
    const cls = v[27];
    if (cls !== 'Hộ nghèo' && cls !== 'Hộ cận nghèo') continue;
    const key = v[9] + '|' + v[10];
    const t = byCommune.get(key) ?? { poor: 0, near: 0 };
    if (cls === 'Hộ nghèo') t.poor++; else t.near++;
    byCommune.set(key, t);
  }
let poor = 0;
for (const t of byCommune.values()) poor += t.poor;
console.log(JSON.stringify({ communes: byCommune.size, poor }));
`;

const rssHook = pathToFileURL(path.join(root, 'scripts/lib/peak-rss.mjs')).href;

/** One run: wall time, peak RSS (MB) and stdout. */
function run(args) {
  const rssFile = path.join(work, `rss-lists-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rssHook, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return { ms, rssMB: Number(readFileSync(rssFile, 'utf8')), stdout: r.stdout, status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const validateArgs = (file) => [bin, 'validate', file, '--period', '2022', '--json'];

/** What validate's JSON says of the list: households read, poor ones, communes, errors. */
function summary(stdout) {
  const j = JSON.parse(stdout);
  const f = j.files[0];
  const communes = (f.households?.communes ?? []).filter((h) => h.subunit);
  const sum = (id) => communes.reduce((a, h) => a + (h.values?.[id] ?? 0), 0);
  return {
    households: communes.reduce((a, h) => a + (h.household_rows ?? 0), 0),
    poor: sum('poor'),
    communes: communes.length,
    // The findings are the document's, each naming its file.
    errors: (j.findings ?? []).filter((x) => x.severity === 'error' && x.file === f.file).length,
  };
}

if (!existsSync(path.join(root, 'dist/cli.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
const big = path.join(work, `danh-sach-ho-tinh-${rows}.xlsx`);
const small = path.join(work, `danh-sach-ho-tinh-${smallRows}.xlsx`);
const csv = path.join(work, `danh-sach-ho-tinh-${rows}.csv`);
for (const [n, f, write] of [
  [rows, big, writeList],
  [smallRows, small, writeList],
  [rows, csv, writeCsv],
])
  if (!existsSync(f)) {
    console.log(`Writing ${path.relative(root, f)} (${n} households)…`);
    await write(n, f);
  }

run(validateArgs(big)); // warm the file cache
const xs = [];
const bases = [];
const ratios = [];
for (let i = 0; i < runs; i++) {
  const b = run(['--input-type=module', '-e', BASELINE, big]);
  const x = run(validateArgs(big));
  bases.push(b);
  xs.push(x);
  ratios.push(b.ms / x.ms);
}
const smalls = Array.from({ length: runs }, () => run(validateArgs(small)));
const csvs = Array.from({ length: runs }, () => run(validateArgs(csv)));
const got = summary(xs[0].stdout);
const base = JSON.parse(bases[0].stdout);
const ms = median(xs.map((x) => x.ms));
const rss = median(xs.map((x) => x.rssMB));
const speedup = median(ratios);
const smallRss = median(smalls.map((x) => x.rssMB));
const csvMs = median(csvs.map((x) => x.ms));
const csvGot = summary(csvs[0].stdout);
const ok = (b) => (b ? 'met' : 'NOT met');
console.log(`runs per measurement: ${runs} (medians)`);
console.log(
  `xlsx, ${rows} households: validate ${ms.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MB; ` +
    `${got.households} households in ${got.communes} communes, ${got.poor} poor ` +
    `(baseline counts ${base.poor} poor in ${base.communes} communes), ${got.errors} errors`,
);
console.log(
  `baseline exceljs WorkbookReader aggregation: ${median(bases.map((b) => b.ms)).toFixed(0)} ms, ` +
    `peak RSS ${median(bases.map((b) => b.rssMB)).toFixed(0)} MB; povreport is ${speedup.toFixed(2)}× faster ` +
    `(median of run-by-run ratios ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(
  `csv, ${rows} households: validate ${csvMs.toFixed(0)} ms, peak RSS ${median(csvs.map((x) => x.rssMB)).toFixed(0)} MB; ` +
    `${csvGot.households} households, ${csvGot.poor} poor`,
);
console.log(
  `xlsx, ${smallRows} households: peak RSS ${smallRss.toFixed(0)} MB; ratio ${(rss / smallRss).toFixed(2)}`,
);
console.log(
  `target xlsx ≤ 5000 ms: ${ok(ms <= 5000)}; ≤ 300 MB: ${ok(rss <= 300)}; ≥ 5× baseline: ${ok(speedup >= 5)}`,
);
console.log(
  `target csv ≤ 2000 ms: ${ok(csvMs <= 2000)}; RSS ${rows} ≤ 1.5× RSS ${smallRows}: ${ok(rss / smallRss <= 1.5)}`,
);
console.log(`figures agree with the baseline: ${got.poor === base.poor ? 'yes' : 'NO'}`);
