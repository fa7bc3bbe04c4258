/**
 * The teaching file (`povreport-map.json`) and `povreport map add | list | remove`, on temporary
 * folders whose names have spaces and Vietnamese letters (as on a Department's Windows machine).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/catalogue.js';
import { mapAdd, mapList, mapRemove } from '../../src/commands/map.js';
import { MAP_FILE } from '../../src/io/teaching.js';
import { loadTeaching, loadTeachingOption } from '../../src/commands/teaching.js';
import { ConfigError } from '../../src/core/errors.js';
import { loadCatalogue } from '../../src/commands/load-data.js';

let cat: Catalogue;
beforeAll(async () => {
  cat = await loadCatalogue();
});

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'povreport dạy phần mềm '));

/** Writes a teaching file as text and returns the error loading it gives. */
async function loadError(text: string): Promise<string> {
  const file = path.join(tmp(), 'tệp dạy.json');
  writeFileSync(file, text, 'utf8');
  try {
    await loadTeaching(file, cat);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const message = (e as Error).message;
    expect(message).toContain(file);
    return message;
  }
  throw new Error('the file loaded');
}

describe('loading a teaching file', () => {
  it('loads a good file as written (UTF-8 with or without BOM)', async () => {
    const dir = tmp();
    const file = path.join(dir, MAP_FILE);
    const doc = {
      $comment: 'Sở LĐTBXH tỉnh Yên Bái',
      version: 1,
      units: {
        '138': {
          headings: { 'Thoát nghèo thành CN': 'poor_exit_to_near_poor', 'Ghi chú': '-' },
          rows: { 'Cộng các xã': 'total', 'TT Cổ Phúc': '=Thị trấn Cổ Phúc' },
        },
      },
    };
    writeFileSync(file, `\uFEFF${JSON.stringify(doc)}`, 'utf8');
    expect(await loadTeaching(file, cat)).toEqual(doc);
    // Found in the current folder when --map is not given; none when there is no file.
    expect((await loadTeachingOption(undefined, dir, cat))?.file).toBe(file);
    expect(await loadTeachingOption(undefined, tmp(), cat)).toBeUndefined();
  });

  it('a file that is not JSON', async () => {
    expect(await loadError('{"version": 1, "units": {')).toContain('không phải JSON hợp lệ');
  });

  it('an unknown version', async () => {
    expect(await loadError('{"version": 2, "units": {}}')).toMatch(/version: phải là 1, tệp ghi 2/);
  });

  it('a heading mapped to an id no form has, with the closest ids', async () => {
    const m = await loadError(
      '{"version":1,"units":{"138":{"headings":{"Thoát nghèo thành CN":"poor_exit_nearpoor"}}}}',
    );
    expect(m).toContain('units["138"].headings["Thoát nghèo thành CN"]');
    expect(m).toContain('"poor_exit_nearpoor" không phải mã chỉ tiêu');
    expect(m).toContain('có phải: poor_exit_to_near_poor');
  });

  it('a row role that is not one', async () => {
    const m = await loadError('{"version":1,"units":{"138":{"rows":{"Cộng các xã":"tổng"}}}}');
    expect(m).toContain('units["138"].rows["Cộng các xã"]');
    expect(m).toContain('total, group, breakdown, subunit, child, ignore');
  });

  it('a row taught as a commune the unit does not have', async () => {
    const m = await loadError('{"version":1,"units":{"138":{"rows":{"X":"=Xã Pá Hu"}}}}');
    expect(m).toContain('units["138"].rows["X"]');
    expect(m).toContain('"Xã Pá Hu" không phải xã nào của Huyện Trấn Yên');
  });

  it('a unit code the registry does not have', async () => {
    const m = await loadError('{"version":1,"units":{"999":{"rows":{"X":"total"}}}}');
    expect(m).toContain('units["999"]');
    expect(m).toContain('không có đơn vị mã "999"');
  });

  it('keys that would reach an object’s prototype are dropped as the file is read', async () => {
    const file = path.join(tmp(), MAP_FILE);
    writeFileSync(
      file,
      '{"version":1,"__proto__":{"polluted":1},"units":{"__proto__":{"rows":{"X":"total"}},' +
        '"138":{"headings":{"__proto__":"-","constructor":"poor","Ghi chú":"-"}}}}',
    );
    const t = await loadTeaching(file, cat);
    expect(t.units).toEqual({ '138': { headings: { 'Ghi chú': '-' } } });
    expect(Object.getPrototypeOf(t.units)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('two entries that read the same, unknown fields, wrong shapes', async () => {
    expect(
      await loadError(
        '{"version":1,"units":{"138":{"rows":{"Cộng các xã":"total","CỘNG CÁC XÃ":"group"}}}}',
      ),
    ).toContain('units["138"].rows["CỘNG CÁC XÃ"]: đọc giống hệt "Cộng các xã"');
    expect(await loadError('{"version":1,"units":{"138":{"heading":{}}}}')).toContain(
      'units["138"].heading: trường không được biết',
    );
    expect(await loadError('{"version":1,"units":{"138":{"rows":{"X":1}}}}')).toContain(
      'units["138"].rows["X"]: nghĩa phải là chữ',
    );
    expect(await loadError('[]')).toContain('phải là một đối tượng JSON');
  });
});

describe('povreport map add, list, remove', () => {
  const capture = () => {
    let out = '';
    return { write: (s: string) => (out += s), text: () => out };
  };

  it('creates the file, keeps other entries and the staff’s spelling, replaces what reads the same', async () => {
    const dir = tmp();
    const file = path.join(dir, MAP_FILE);
    // A file staff already edited by hand: its comment and other unit stay.
    writeFileSync(
      file,
      JSON.stringify({
        $comment: 'do Sở soạn',
        version: 1,
        units: { '139': { rows: { 'TT Trạm Tấu': '=Thị trấn Trạm Tấu' } } },
      }),
    );
    const o = capture();
    const common = { cwd: dir, lang: 'vi' as const, write: o.write };
    expect(
      await mapAdd({
        ...common,
        unit: '138',
        row: false,
        text: 'Thoát nghèo thành CN',
        meaning: 'poor_exit_to_near_poor',
      }),
    ).toBe(0);
    expect(o.text()).toContain(
      'Đã dạy cho Huyện Trấn Yên (138): tiêu đề cột "Thoát nghèo thành CN" → poor_exit_to_near_poor — "Thoát nghèo: trở thành hộ cận nghèo" (Biểu 02).',
    );
    await mapAdd({ ...common, unit: 'Trấn Yên', row: true, text: 'Cộng các xã', meaning: 'total' });
    // Matched tolerantly, stored as the registry's exact name.
    await mapAdd({
      ...common,
      unit: '138',
      row: true,
      text: 'TT Cổ Phúc',
      meaning: '=thi tran co phuc',
    });
    await mapAdd({ ...common, unit: '138', row: false, text: 'Ghi chú', meaning: '-' });
    await mapAdd({
      ...common,
      unit: '138',
      row: false,
      text: 'THOÁT NGHÈO THÀNH CN',
      meaning: 'poor_exit_above',
    });
    expect(o.text()).toContain('(thay cho mục cũ "Thoát nghèo thành CN" → poor_exit_to_near_poor');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(doc).toEqual({
      $comment: 'do Sở soạn',
      version: 1,
      units: {
        '139': { rows: { 'TT Trạm Tấu': '=Thị trấn Trạm Tấu' } },
        '138': {
          headings: { 'Ghi chú': '-', 'THOÁT NGHÈO THÀNH CN': 'poor_exit_above' },
          rows: { 'Cộng các xã': 'total', 'TT Cổ Phúc': '=Thị trấn Cổ Phúc' },
        },
      },
    });
    // No temporary file left behind by the atomic writes.
    expect(readdirSync(dir)).toEqual([MAP_FILE]);

    const list = capture();
    await mapList({ cwd: dir, lang: 'vi', write: list.write, unit: '138', json: false });
    expect(list.text()).toContain('Tệp dạy');
    expect(list.text()).toMatch(
      /Huyện Trấn Yên \(138\)\s+nhãn dòng\s+"TT Cổ Phúc"\s+là "Thị trấn Cổ Phúc" trong danh mục/,
    );
    expect(list.text()).toMatch(
      /tiêu đề cột\s+"THOÁT NGHÈO THÀNH CN"\s+poor_exit_above — "Thoát nghèo: vượt chuẩn cận nghèo"/,
    );
    expect(list.text()).not.toContain('TT Trạm Tấu');

    const rm = capture();
    await mapRemove({
      cwd: dir,
      lang: 'en',
      write: rm.write,
      unit: '138',
      row: true,
      text: 'cộng các xã',
    });
    expect(rm.text()).toContain('Removed from');
    expect(rm.text()).toContain('row label "Cộng các xã" → the unit’s total row');
    const after = JSON.parse(readFileSync(file, 'utf8')) as { units: Record<string, unknown> };
    expect(after.units['138']).toEqual({
      headings: { 'Ghi chú': '-', 'THOÁT NGHÈO THÀNH CN': 'poor_exit_above' },
      rows: { 'TT Cổ Phúc': '=Thị trấn Cổ Phúc' },
    });
  });

  it('refuses an unknown id with the closest ones, a role that is not one, an ambiguous commune', async () => {
    const dir = tmp();
    const common = { cwd: dir, lang: 'vi' as const, write: () => undefined };
    await expect(
      mapAdd({
        ...common,
        unit: '138',
        row: false,
        text: 'Thoát nghèo thành CN',
        meaning: 'poor_exit_nearpoor',
      }),
    ).rejects.toThrow(
      /không phải mã chỉ tiêu[\s\S]*poor_exit_to_near_poor {2}"Thoát nghèo: trở thành hộ cận nghèo"/,
    );
    await expect(
      mapAdd({ ...common, unit: '138', row: true, text: 'Cộng', meaning: 'tong' }),
    ).rejects.toThrow(/total, group, breakdown, subunit, child, ignore/);
    await expect(
      mapAdd({ ...common, unit: '138', row: true, text: 'X. Minh Quan', meaning: '=Minh Quan' }),
    ).rejects.toThrow(/hợp với nhiều xã[\s\S]*"=Xã Minh Quán", "=Xã Minh Quân"/);
    await expect(
      mapAdd({ ...common, unit: '999', row: true, text: 'X', meaning: 'total' }),
    ).rejects.toThrow(ConfigError);
    await expect(
      mapRemove({ ...common, unit: '138', row: false, text: 'Chưa dạy' }),
    ).rejects.toThrow(/không có tiêu đề cột "Chưa dạy"/);
    // Nothing was written by the refused commands.
    expect(existsSync(path.join(dir, MAP_FILE))).toBe(false);
  });

  it('--map names another file, created when absent; list says when there is none', async () => {
    const dir = tmp();
    const file = path.join(dir, 'thư mục con', 'dạy Trạm Tấu.json');
    const o = capture();
    await mapAdd({
      cwd: tmp(),
      map: file,
      lang: 'en',
      write: o.write,
      unit: '139',
      row: true,
      text: 'TT Trạm Tấu',
      meaning: '=Thị trấn Trạm Tấu',
    });
    expect(o.text()).toContain(`Written to a new teaching file ${file}.`);
    expect((await loadTeaching(file, cat)).units['139']?.rows).toEqual({
      'TT Trạm Tấu': '=Thị trấn Trạm Tấu',
    });
    const none = capture();
    await mapList({ cwd: dir, lang: 'vi', write: none.write, json: false });
    expect(none.text()).toContain('Chưa có tệp dạy (povreport-map.json)');
  });
});
