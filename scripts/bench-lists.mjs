// npm run bench:lists — issue 11 groundwork: how fast the byte-level xlsx scanner reads a
// province-sized household list, against zlib inflating the same part alone (the floor: no
// reader can be faster than the inflate of its XML), in the same run, as medians of several runs.
//   LIST_ROWS=200000 (default) households; BENCH_RUNS=3 (default) runs per measurement.
// The list is synthetic (made-up names and scores), 30 columns with district and commune columns,
// written by exceljs's streaming writer with shared strings into .bench/ (kept between runs).
// Each measurement runs in its own process; peak RSS is read from process.resourceUsage().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.env.LIST_ROWS ?? 200000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const work = path.join(root, '.bench');
const file = path.join(work, `danh-sach-ho-${rows}.xlsx`);

async function writeList() {
  mkdirSync(work, { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Danh sách hộ');
  const flags = Array.from({ length: 12 }, (_, i) => String(i + 1));
  ws.addRow([
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
    ...flags,
    'Phân loại hộ',
    'Diễn biến',
    'Hộ có người có công',
    'Không có khả năng lao động',
  ]).commit();
  const ethnic = ['Kinh', 'Mông', 'Dao', 'Tày', 'Thái'];
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = 1; i <= rows; i++) {
    const set = flags.map(() => (rnd() < 0.2 ? 'x' : null));
    const b = 10 * set.filter(Boolean).length;
    const a = Math.floor(rnd() * 300);
    const cls = a <= 140 ? (b >= 30 ? 'Hộ nghèo' : 'Hộ cận nghèo') : 'Không nghèo';
    ws.addRow([
      i,
      `H${String(i).padStart(7, '0')}`,
      `Người Thử ${i}`,
      1940 + (i % 60),
      i % 3 ? null : 'x',
      ethnic[i % 5],
      i % 5 ? 'x' : null,
      1 + (i % 7),
      `Huyện ${i % 9}`,
      `Xã ${i % 170}`,
      `Thôn ${i % 20}`,
      'Nông thôn',
      a,
      b,
      ...set,
      cls,
      'Nghèo cũ',
      null,
      null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

// What each measured process does: the scanner over the sheet (with the shared strings), or the
// inflate alone. Both from dist/ (npm run build).
const SCAN = `
import { openZipFile, entryChunks } from ${JSON.stringify(path.join(root, 'dist/io/zip-file.js'))};
import { SheetScanner, SharedStringsScanner } from ${JSON.stringify(path.join(root, 'dist/io/xlsx-scan.js'))};
const zip = openZipFile(process.argv[1]);
const ss = new SharedStringsScanner();
for await (const c of entryChunks(zip, 'xl/sharedStrings.xml', { maxBytes: 4e9 })) ss.push(c);
const strings = ss.end();
let rows = 0, poor = 0;
const sc = new SheetScanner((rc) => { rows++; for (let k = 0; k < rc.count; k++)
  if (rc.col[k] === 26 && rc.type[k] === 1 && strings[rc.num[k]] === 'Hộ nghèo') poor++; });
for await (const c of entryChunks(zip, 'xl/worksheets/sheet1.xml', { maxBytes: 8e9 })) sc.push(c);
sc.end();
console.log(JSON.stringify({ rows, poor, rssMB: process.resourceUsage().maxRSS / 1024 }));
`;
const INFLATE = `
import { openZipFile, entryChunks } from ${JSON.stringify(path.join(root, 'dist/io/zip-file.js'))};
const zip = openZipFile(process.argv[1]);
let bytes = 0;
for await (const c of entryChunks(zip, 'xl/worksheets/sheet1.xml', { maxBytes: 8e9 })) bytes += c.length;
console.log(JSON.stringify({ bytes, rssMB: process.resourceUsage().maxRSS / 1024 }));
`;

function run(code) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, file], {
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms, ...JSON.parse(r.stdout) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (!existsSync(path.join(root, 'dist/io/xlsx-scan.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
if (!existsSync(file)) {
  console.log(`Writing ${path.relative(root, file)} (${rows} households)…`);
  await writeList();
}
run(SCAN); // warm the file cache
const scan = [];
const inflate = [];
const ratios = [];
for (let i = 0; i < runs; i++) {
  const b = run(INFLATE);
  const x = run(SCAN);
  inflate.push(b);
  scan.push(x);
  ratios.push(x.ms / b.ms);
}
const first = scan[0];
console.log(
  `${rows} households (${first.rows - 1} rows read, ${first.poor} poor): scan ${Math.round(median(scan.map((x) => x.ms)))} ms, ` +
    `peak RSS ${Math.round(median(scan.map((x) => x.rssMB)))} MB; inflate alone ${Math.round(median(inflate.map((x) => x.ms)))} ms ` +
    `(${Math.round(inflate[0].bytes / 1e6)} MB of XML); scan / inflate ${median(ratios).toFixed(2)} (median of ${runs})`,
);
