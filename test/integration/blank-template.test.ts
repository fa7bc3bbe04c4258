/**
 * A form issued by `povreport template` and found untouched among the submissions is told apart
 * from a report: set aside (with an info finding), whether as our writer made it or re-saved by
 * LibreOffice; one typed figure makes it a report again, checked like any other.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/core/consolidate.js';
import type { PreparedRun } from '../../src/core/validate-book.js';
import { template } from '../../src/commands/template.js';
import { convertWithLibreOffice, findSoffice } from '../helpers/libreoffice.js';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadCatalogue, loadPlan, prepareRun } from '../../src/commands/load-data.js';

const NOW = new Date('2022-05-20T01:00:00Z');
let dir: string;
let run: PreparedRun;
let blank: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'povreport mẫu trống '));
  run = prepareRun(await loadCatalogue());
  await template({
    period: '2022-H1',
    units: ['139'],
    out: path.join(dir, 'mẫu'),
    lang: 'vi',
    write: () => undefined,
    now: NOW,
  });
  blank = path.join(dir, 'mẫu', 'bieu-mau-139-tram-tau-2022-H1.xlsx');
});

const check = async (file: string) =>
  (await checkFiles([file], run, { lang: 'en', period: '2022-H1' }))[0];

describe('a blank template among the submissions', () => {
  it('is set aside with an info finding naming the unit and the period', async () => {
    const f = await check(blank);
    expect(f?.setAside).toBe('blank-template');
    const note = f?.findings.find((x) => x.code === 'blank-template');
    expect(note?.severity).toBe('info');
    expect(note?.params).toEqual({ unit: 'Huyện Trạm Tấu (139)', period: '2022-H1' });
    // Consolidated, it stands for no unit: Trạm Tấu is missing, not rejected.
    const cat = run.cat;
    const report = consolidate(f ? [f] : [], {
      cat,
      plan: await loadPlan(cat),
      rules: run.rules,
      period: '2022-H1',
      lang: 'vi',
      now: NOW,
    });
    expect(report.units.find((u) => u.code === '139')?.status).toBe('missing');
    expect(report.setAside).toEqual([blank]);
    expect(report.unassigned).toEqual([]);
    expect(report.findings.map((x) => x.code)).toEqual(['blank-template']);
  });

  it('with one figure typed in, is a report again', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.getWorksheet('Biểu 01');
    let typed = false;
    ws?.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        if (!typed && c.protection?.locked === false) {
          c.value = 5;
          typed = true;
        }
      });
    });
    expect(typed).toBe(true);
    const one = path.join(dir, 'một số.xlsx');
    await wb.xlsx.writeFile(one);
    const f = await check(one);
    expect(f?.setAside).toBeUndefined();
    expect(f?.findings.map((x) => x.code)).not.toContain('blank-template');
    expect(f?.valid).toBe(false);
  });

  it.skipIf(findSoffice() === null)(
    're-saved by LibreOffice (formulas recalculated), is still set aside',
    async () => {
      const out = path.join(dir, 'lo');
      await convertWithLibreOffice([blank], out, { recalc: true });
      const f = await check(path.join(out, path.basename(blank)));
      expect(f?.unitSource).toBe('metadata');
      expect(f?.setAside).toBe('blank-template');
    },
    150_000,
  );
});
