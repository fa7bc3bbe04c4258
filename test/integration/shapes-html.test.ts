/**
 * The accepted shape fixtures (fixtures/shapes, SYNTHETIC) saved by LibreOffice as an HTML page
 * and named `.xls`, as a web system's "Xuất Excel" file is: every sheet one after another on the
 * page. Each unit must still be accepted with every figure of its truth. Found by an outside
 * tester (theme T): LibreOffice writes a date cell as its day serial (`sdval="44725"` with a date
 * format), and the date line under a table was read as a row of figures.
 */
import { readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { compareShape, loadShapes, SHAPES_ROOT } from '../helpers/shapes.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const skip = libreOfficeSkipReason();
const now = new Date('2022-12-20T03:00:00Z');
const tmp = useTempFolder('povreport-shapes-html-');
const shapes = loadShapes().filter((s) => s.status === 'accepted');
const setups = new Map<string, Setup>();

describe.skipIf(skip !== null)(
  `accepted shapes saved as HTML by LibreOffice${skip ? ` — ${skip}` : ''}`,
  () => {
    beforeAll(async () => {
      for (const period of new Set(shapes.map((s) => s.period)))
        setups.set(period, await loadSetup({ period }));
      await convertWithLibreOffice(
        shapes.map((s) => path.join(SHAPES_ROOT, s.file)),
        tmp.path,
        { to: 'html:HTML (StarCalc)', recalc: false },
      );
      // Named as a web system names its export.
      for (const f of readdirSync(tmp.path))
        if (f.endsWith('.html'))
          renameSync(path.join(tmp.path, f), path.join(tmp.path, f.replace(/\.html$/, '.xls')));
    }, 300_000);

    for (const e of shapes)
      it(`${e.id} (${e.unit}): ${e.shape}`, async () => {
        const base = path.basename(e.file, path.extname(e.file));
        const file = path.join(tmp.path, `${base}.xls`);
        const setup = setups.get(e.period);
        if (!setup) throw new Error(`no setup for ${e.period}`);
        const report = await consolidateFiles(setup, [file], { period: e.period, lang: 'en', now });
        expect(compareShape(e, report), `shape ${e.id} as HTML differs from its truth`).toEqual([]);
      });
  },
);
