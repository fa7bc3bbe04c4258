// How much of exceljs a run loads (see src/io/exceljs-workbook.ts): in a process of its own, since
// the test runner's process may already hold the whole package.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/cli.js';

describe('exceljs loaded by povreport', () => {
  it('reads and writes xlsx without loading the streaming or CSV parts of the package', () => {
    const module = pathToFileURL(path.join(root, 'dist/io/exceljs-workbook.js')).href;
    const script = `
      import { createRequire } from 'node:module';
      const { newWorkbook } = await import(${JSON.stringify(module)});
      const wb = newWorkbook();
      wb.addWorksheet('S').getCell('A1').value = 12.5;
      const back = newWorkbook();
      await back.xlsx.load(await wb.xlsx.writeBuffer());
      let csv;
      try { back.csv; csv = 'available'; } catch (e) { csv = 'refused'; }
      const loaded = Object.keys(createRequire(import.meta.url).cache).map((f) => f.replace(/\\\\/g, '/'));
      console.log(JSON.stringify({
        value: back.getWorksheet('S').getCell('A1').value,
        csv,
        unzipper: loaded.some((f) => f.includes('/node_modules/unzipper/')),
        archiver: loaded.some((f) => f.includes('/node_modules/archiver/')),
        fastCsv: loaded.some((f) => f.includes('/node_modules/fast-csv/')),
        dayjs: loaded.some((f) => f.includes('/node_modules/dayjs/')),
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      value: 12.5,
      csv: 'refused',
      unzipper: false,
      archiver: false,
      fastCsv: false,
      dayjs: false,
    });
  });
});
