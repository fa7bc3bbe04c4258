// npm run probe:lists -- [--count N] [--from K] [--libreoffice] [--out DIR]
// Household lists in the shapes real ones take, written by openpyxl (another writer than ours)
// and, with --libreoffice, re-saved by LibreOffice as xlsx and as CSV: one sheet per commune, a
// commune column (merged down or not), communes as group rows or as blocks pasted one under
// another (each with its title, with or without its heading copied), a province-wide list with
// district and commune columns (the district merged down or written once), total and sub-total
// rows, villages as group rows, member rows, signature blocks, headings copied inside the list,
// column numbers, B1/B2 and worded score headings, flags named or numbered and ticked in six ways,
// numeric codes, scores as text, generic tab names. Each list is read by the built tool and its
// figures per commune compared with the generator's truth: a list accepted with a figure other
// than the truth is WRONG (the worst outcome), one refused with errors REJECTED, each printed
// with its shape. Variant k is the same on every run (seeded by k). SYNTHETIC data throughout
// (Trạm Tấu's and Mù Cang Chải's registered communes, invented households).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    from: { type: 'string', default: '0' },
    libreoffice: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(os.tmpdir(), 'povreport-probe-lists') },
  },
});
if (!existsSync(path.join(root, 'dist/commands/check-files.js'))) {
  console.error('Run npm run build first.');
  process.exit(2);
}
const { checkFiles } = await import(path.join(root, 'dist/commands/check-files.js'));
const { loadCatalogue, prepareRun } = await import(path.join(root, 'dist/commands/load-data.js'));
const { findSoffice } = await import(path.join(root, 'dist/io/office-convert.js'));

rmSync(args.out, { recursive: true, force: true });
const xlsxDir = path.join(args.out, 'openpyxl');
mkdirSync(xlsxDir, { recursive: true });
const gen = spawnSync(
  '/usr/bin/python3',
  [path.join(root, 'scripts/lib/probe-lists.py'), xlsxDir, args.count, args.from],
  { encoding: 'utf8' },
);
if (gen.status !== 0) {
  console.error(`The generator failed (python3-openpyxl installed?):\n${gen.stderr}`);
  process.exit(2);
}
const truth = JSON.parse(readFileSync(path.join(xlsxDir, 'truth.json'), 'utf8'));
const sets = [{ name: 'openpyxl xlsx', cases: truth }];

if (args.libreoffice) {
  const soffice = findSoffice();
  if (!soffice) {
    console.error('LibreOffice (soffice) is not installed.');
    process.exit(2);
  }
  /** The lists `cases` saved by LibreOffice as `to` into out/`dir`, each named `name.ext`. */
  const saved = (name, to, dir, ext, cases) => {
    const folder = path.join(args.out, dir);
    mkdirSync(folder, { recursive: true });
    const r = spawnSync(soffice, [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(path.join(args.out, 'lo-profile')).href}`,
      '--convert-to',
      to,
      '--outdir',
      folder,
      ...cases.map((t) => t.file),
    ]);
    if (r.status !== 0) throw new Error(`LibreOffice failed: ${r.stderr}`);
    const made = new Set(readdirSync(folder));
    sets.push({
      name,
      cases: cases
        .map((t) => ({ ...t, file: path.join(folder, path.basename(t.file, '.xlsx') + ext) }))
        .filter((t) => made.has(path.basename(t.file))),
    });
  };
  saved('LibreOffice xlsx', 'xlsx', 'libreoffice', '.xlsx', truth);
  // A CSV holds one sheet: the lists of one sheet only.
  saved(
    'LibreOffice CSV',
    'csv:Text - txt - csv (StarCalc):44,34,76,1',
    'csv',
    '.csv',
    truth.filter((t) => t.variant.layout !== 'sheets'),
  );
}

const run = prepareRun(await loadCatalogue());
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();
let wrong = 0;
for (const set of sets) {
  let ok = 0;
  let rejected = 0;
  let bad = 0;
  for (const t of set.cases) {
    const [f] = await checkFiles([t.file], run, { lang: 'en', period: '2022' });
    const errors = f.findings.filter((x) => x.severity === 'error');
    const got = new Map();
    for (const x of f.list?.tallies ?? [])
      if (x.subunit !== null)
        got.set(fold(x.subunit), {
          households: x.householdRows,
          poor: x.values.poor,
          near_poor: x.values.near_poor,
        });
    const same = (g, want) =>
      g !== undefined &&
      g.households === want.households &&
      g.poor === want.poor &&
      g.near_poor === want.near_poor;
    const differs = Object.entries(t.truth)
      .filter(([c, want]) => !same(got.get(fold(c)), want))
      .map(
        ([c, want]) =>
          `${c}: truth ${JSON.stringify(want)}, read ${JSON.stringify(got.get(fold(c)) ?? null)}`,
      );
    if (got.size !== Object.keys(t.truth).length) differs.push(`${got.size} communes read`);
    const shape = JSON.stringify(t.variant);
    if (differs.length === 0 && errors.length === 0) ok++;
    else if (errors.length > 0) {
      rejected++;
      console.log(`REJECTED ${t.file} ${shape}`);
      for (const e of errors.slice(0, 3))
        console.log(`   ${e.code} ${e.sheet ?? ''}!${e.cell ?? ''}`);
    } else {
      bad++;
      console.log(`WRONG ${t.file} ${shape}`);
      for (const d of differs) console.log(`   ${d}`);
    }
  }
  wrong += bad;
  console.log(
    `${set.name}: ${set.cases.length} lists, ${ok} read right, ${rejected} refused, ${bad} WRONG`,
  );
}
process.exitCode = wrong > 0 ? 1 : 0;
