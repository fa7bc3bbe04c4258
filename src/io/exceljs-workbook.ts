/**
 * exceljs's `Workbook` class, loaded without the parts of the package povreport never uses.
 *
 * `import 'exceljs'` also loads its streaming reader and writer (unzipper, archiver and their
 * dependencies), and the Workbook module itself loads exceljs's CSV support (fast-csv, dayjs…);
 * povreport reads CSV with csv-parse and writes no CSV through exceljs. Together they are about
 * 0.3 s of every run, more than half the package's load time. So the class is required from its
 * own module, with an inert stand-in for the CSV module while it loads (`workbook.csv` then says
 * it is not available). If the whole package was already loaded in this process (tests, scripts),
 * the class is simply the package's.
 *
 * The class is the very object the package exports: test/unit/exceljs-workbook.test.ts checks it,
 * so an exceljs release that moves these files fails the suite, not a user's run; exceljs is
 * pinned exactly in package.json for the same reason. Types still come from the package.
 */
import Module, { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/** Where the class lives inside the exceljs package (4.4.0). */
export const WORKBOOK_MODULE = 'exceljs/lib/doc/workbook.js';
/** exceljs's CSV support, required by the Workbook module when it loads. */
export const CSV_MODULE = 'exceljs/lib/csv/csv.js';

const require = createRequire(import.meta.url);

/** What `workbook.csv` is when exceljs's CSV support was not loaded. */
function csvNotLoaded(): never {
  throw new Error('povreport loads exceljs without its CSV support; CSV is read with csv-parse');
}

function loadWorkbookClass(): typeof ExcelJS.Workbook {
  const workbookPath = require.resolve(WORKBOOK_MODULE);
  const csvPath = require.resolve(CSV_MODULE);
  if (workbookPath in require.cache || csvPath in require.cache)
    return require(workbookPath) as typeof ExcelJS.Workbook;
  const standIn = new Module(csvPath);
  standIn.filename = csvPath;
  standIn.loaded = true;
  standIn.exports = csvNotLoaded;
  require.cache[csvPath] = standIn;
  try {
    return require(workbookPath) as typeof ExcelJS.Workbook;
  } finally {
    // Whoever requires the CSV module itself later gets the real one.
    Reflect.deleteProperty(require.cache, csvPath);
  }
}

/** Loaded on the first workbook asked for: a run that only reads never loads exceljs. */
let Workbook: typeof ExcelJS.Workbook | null = null;

/** A new, empty exceljs workbook. */
export function newWorkbook(): ExcelJS.Workbook {
  Workbook ??= loadWorkbookClass();
  return new Workbook();
}
