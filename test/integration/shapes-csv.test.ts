/**
 * The accepted shape fixtures (fixtures/shapes, SYNTHETIC) saved as CSV by LibreOffice, one file
 * per sheet, as a district that exports its workbook sheet by sheet sends them. A CSV keeps no
 * merged cells and no types: a group heading stands over its first column only and the numbers
 * under it are text. Each unit must still be accepted with every figure of its truth
 * (fixtures/shapes/expected.json): the structure the merges gave is found from the layout.
 * Found by an independent prober: "Các chỉ số thiếu hụt" over a row of bare numbers 1 … 12 was
 * read in the workbook and not in its CSV.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { compareShape, loadShapes, SHAPES_ROOT, type ShapeExpectation } from '../helpers/shapes.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const skip = libreOfficeSkipReason();
const now = new Date('2022-12-20T03:00:00Z');
const tmp = useTempFolder('povreport-shapes-csv-');

/** Shapes whose CSV the reader does not take yet, and why (run as `it.fails`: one that passes says so). */
const FAILS_TODAY: Record<string, string> = {};

/** LibreOffice's CSV export: ";" separated, UTF-8, every sheet to its own file (`-1`). */
const TO_CSV = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1';

const shapes = loadShapes().filter((s) => s.status === 'accepted');
let setup: Setup;
let csvOf: (e: ShapeExpectation) => string[];

describe.skipIf(skip !== null)(
  `accepted shapes saved as CSV by LibreOffice${skip ? ` — ${skip}` : ''}`,
  () => {
    beforeAll(async () => {
      setup = await loadSetup({});
      await convertWithLibreOffice(
        shapes.map((s) => path.join(SHAPES_ROOT, s.file)),
        tmp.path,
        { to: TO_CSV, recalc: false },
      );
      const written = readdirSync(tmp.path);
      csvOf = (e) => {
        const base = path.basename(e.file, path.extname(e.file));
        return written
          .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.csv'))
          .map((f) => path.join(tmp.path, f));
      };
    }, 300_000);

    for (const e of shapes)
      (FAILS_TODAY[e.id] ? it.fails : it)(`${e.id} (${e.unit}): ${e.shape}`, async () => {
        const files = csvOf(e);
        expect(files.length, 'LibreOffice wrote one CSV per sheet').toBeGreaterThan(0);
        const report = await consolidateFiles(setup, files, { period: e.period, lang: 'en', now });
        expect(compareShape(e, report), `shape ${e.id} as CSV differs from its truth`).toEqual([]);
      });
  },
);
