/**
 * The shape fixtures (fixtures/shapes, SYNTHETIC, made by scripts/fixtures/make-shapes.py with
 * openpyxl and LibreOffice): district submissions laid out the ways other offices lay them out —
 * reworded headings, total rows labelled otherwise or nowhere, villages under communes, group
 * rows, all forms on one sheet, hidden copies, bilingual headings, traps. Each file is consolidated
 * in-process for the period of its folder (on its own: several files are the same district's) and
 * compared with its truth: status; every figure of an accepted unit, its communes and villages;
 * the error codes of a rejected one.
 *
 * These are the acceptance test of recognising forms by structure and arithmetic. Shapes today's
 * reader does not handle are listed in KNOWN_FAILING (test/helpers/shapes.ts) and run as `it.fails`, so the suite stays
 * green and a shape that starts passing says so (remove it from the list then). Run
 * `SHAPES_STRICT=1 npx vitest run test/integration/shapes.test.ts` to see every difference.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import {
  compareShape,
  KNOWN_FAILING,
  loadShapes,
  SHAPES_ROOT,
  type ShapeExpectation,
} from '../helpers/shapes.js';
import { checkFiles } from '../../src/commands/check-files.js';

const strict = process.env.SHAPES_STRICT === '1';
const shapes = loadShapes();
// After both due dates: no finding about lateness.
const now = new Date('2022-12-20T03:00:00Z');

let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({});
});

async function differences(e: ShapeExpectation): Promise<string[]> {
  const file = path.join(SHAPES_ROOT, e.file);
  const report = await consolidateFiles(setup, [file], { period: e.period, lang: 'en', now });
  const lines = compareShape(e, report);
  if (e.periodFromFile) {
    // Read without --period: the folder's name must not be what tells the period.
    const [f] = await checkFiles([file], setup.run, { lang: 'en' });
    const source = f?.periodSource ?? null;
    if (f?.period !== e.period || source === 'folder-name' || source === null)
      lines.push(
        `period: expected ${e.period} read from the file, got ${f?.period ?? 'none'} from ${source ?? 'nowhere'}`,
      );
  }
  return lines;
}

for (const period of ['2022-H1', '2022']) {
  describe(`shape fixtures ${period}`, () => {
    for (const e of shapes.filter((s) => s.period === period)) {
      const known = KNOWN_FAILING[e.id];
      const title = `${e.id} ${e.status} (${e.unit}): ${e.shape}${known && !strict ? ` — fails today: ${known}` : ''}`;
      const run = known && !strict ? it.fails : it;
      run(title, async () => {
        expect(await differences(e), `shape ${e.id} (${e.file}) differs from its truth`).toEqual(
          [],
        );
      });
    }
  });
}

describe('the shape fixtures themselves', () => {
  it('cover every shape class once per file, each file with its truth', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(30);
    for (const e of shapes) {
      if (e.status === 'accepted') {
        expect(Object.keys(e.values ?? {}).length, e.id).toBeGreaterThan(50);
        expect(e.subunits?.length, e.id).toBeGreaterThan(5);
      } else expect(e.errors?.length, e.id).toBeGreaterThan(0);
    }
    for (const id of Object.keys(KNOWN_FAILING))
      expect(
        shapes.map((s) => s.id),
        id,
      ).toContain(id);
  });
});
