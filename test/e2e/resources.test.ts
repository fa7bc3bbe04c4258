/**
 * Files made to exhaust the machine, through the built binary as a user runs it, each run with a
 * small heap (`--max-old-space-size`) so that a regression fails here instead of eating the
 * machine: a merged range over a whole column in every sheet, a zip whose directory hides
 * gigabytes, a workbook of filler sheets past the cell budget, a file of some 180 000 findings.
 * Every file is synthetic. The inputs are hashed before and after every command.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { filesUnder } from '../helpers/damage.js';
import { addMerge, buildZip, editSheets, sheetXml, workbookEntries } from '../helpers/zip.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');
const fixtures = path.join(root, 'fixtures', '2022-H1');
/** Heap enough for a real inbox, far too little for any of the attacks before the fix. */
const HEAP_MB = 384;

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function run(args: string[]): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - t };
}

/** SHA-256 of every file under `dir`, by relative path. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of filesUnder(dir))
    out[rel] = createHash('sha256')
      .update(readFileSync(path.join(dir, rel)))
      .digest('hex');
  return out;
}

/** Runs a command and checks that it left every input byte as it was. */
function runUntouched(inputs: string, args: string[]): Run {
  const before = hashes(inputs);
  const r = run(args);
  expect(hashes(inputs)).toEqual(before);
  // Never the process running out of memory (134), an internal error (3) or a stack trace.
  expect(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err.slice(0, 500)}`).toBe(true);
  expect(r.out + r.err).not.toMatch(/\n\s+at .+:\d+:\d+|lỗi nội bộ|internal error|heap/i);
  return r;
}

interface ValidateDoc {
  files: { file: string; valid: boolean; forms: string[] }[];
  findings: {
    code: string;
    severity: string;
    file: string;
    cell: string | null;
    message: string;
  }[];
  summary: { files: number; errors: number; warnings: number; infos: number; valid: number };
}

let work: string;
let inbox: string;
let merged: string;
let bomb: string;
let filler: string;
let many: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'povreport tài nguyên '));
  inbox = path.join(work, 'Hộp thư 6 tháng');
  mkdirSync(inbox);
  for (const f of readdirSync(fixtures)) copyFileSync(path.join(fixtures, f), path.join(inbox, f));

  // Two districts' workbooks with a merged range over a whole column in every sheet (15 KB).
  for (const name of [
    'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
    'Nghĩa Lộ - báo cáo 6 tháng đầu năm 2022.xlsx',
  ]) {
    const file = path.join(inbox, name);
    writeFileSync(file, await editSheets(readFileSync(file), (x) => addMerge(x, 'Z1:Z1048576')));
  }
  merged = path.join(inbox, 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');

  // A zip whose directory says 1 KB and whose data inflates to 3 GB (3 MB on disk).
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_FULL_FLUSH });
  const stream = Buffer.concat([
    ...Array.from({ length: 3072 }, () => block),
    deflateRawSync(Buffer.alloc(0)),
  ]);
  bomb = path.join(work, 'bom nén.xlsx');
  writeFileSync(
    bomb,
    buildZip([
      ...workbookEntries([{ name: 'Biểu 01', xml: sheetXml(3, 3) }]),
      { name: 'xl/media/image1.png', data: Buffer.alloc(0), deflated: stream, claim: 1024 },
    ]),
  );

  // Filler sheets within the size limits, past the cell budget: 13 sheets of 42 000 cells.
  const sheet = sheetXml(840, 50);
  filler = path.join(work, 'nhiều sheet.xlsx');
  writeFileSync(
    filler,
    buildZip(
      workbookEntries(
        Array.from({ length: 13 }, (_, i) => ({ name: `Sheet${i + 1}`, xml: sheet })),
      ),
    ),
  );

  // Biểu 04 with every figure negative in 12 000 commune rows: about 180 000 findings.
  const heading =
    'STT;Đơn vị;Tổng số hộ nghèo;Tổng số lượt thiếu hụt;1. Việc làm;2. Người phụ thuộc trong hộ gia đình;3. Dinh dưỡng;4. Bảo hiểm y tế;5. Trình độ giáo dục của người lớn;6. Tình trạng đi học của trẻ em;7. Chất lượng nhà ở;8. Diện tích nhà ở bình quân đầu người;9. Nguồn nước sinh hoạt;10. Nhà tiêu hợp vệ sinh;11. Sử dụng dịch vụ viễn thông;12. Phương tiện phục vụ tiếp cận thông tin';
  const lines = [
    'UBND HUYỆN YÊN BÌNH',
    'BIỂU 04: THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO NĂM 2022',
    '',
    heading,
  ];
  for (let i = 1; i <= 12_000; i++)
    lines.push(`${i};Xã Yên Bình;${Array(14).fill('-1').join(';')}`);
  many = path.join(work, 'YenBinh_Bieu04_nhieu-loi.csv');
  writeFileSync(many, `${lines.join('\r\n')}\r\n`);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('a merged range over a whole column in every sheet', () => {
  it('is read like the same workbook without it, in little memory', () => {
    const clean = run(['validate', path.join(fixtures, path.basename(merged)), '--json']);
    const r = runUntouched(inbox, ['validate', merged, '--json']);
    expect(r.code).toBe(clean.code);
    const strip = (d: ValidateDoc): unknown =>
      d.findings.map((f) => ({ ...f, file: path.basename(f.file) }));
    const doc = JSON.parse(r.out) as ValidateDoc;
    expect(doc.files[0]?.forms).toEqual(['01', '02', '03', '04', '05']);
    expect(strip(doc)).toEqual(strip(JSON.parse(clean.out) as ValidateDoc));
  });

  it('does not take a consolidate run down: every district is accepted', () => {
    const out = path.join(work, 'Tổng hợp');
    const r = runUntouched(inbox, ['consolidate', inbox, '--period', '2022-H1', '--out', out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022-H1.json'), 'utf8')) as {
      units: { status: string }[];
    };
    expect(report.units.filter((u) => u.status === 'accepted')).toHaveLength(9);
  });
});

describe('a zip whose directory hides 3 GB', () => {
  it('is refused after inflating at most the limit, with the other files still checked', () => {
    const r = runUntouched(work, ['validate', bomb, merged, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as ValidateDoc;
    expect(doc.findings.filter((f) => f.file === bomb).map((f) => f.code)).toEqual([
      'archive-size-mismatch',
    ]);
    expect(doc.files.find((f) => f.file === merged)?.valid).toBe(true);
    expect(r.ms).toBeLessThan(30_000);
  });
});

describe('a workbook of filler sheets past the cell budget', () => {
  it('is rejected with too-many-cells; the other files go through', () => {
    const r = runUntouched(work, ['validate', filler, merged]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('too-many-cells');
    expect(r.out).toContain('hơn 500.000 ô');
    expect(r.out).toMatch(/1 hợp lệ, 1 có lỗi/);
  });
});

describe('a file of some 180 000 findings', () => {
  it('gives exit 1 and a list capped at 1000, errors first, with the count of the rest', () => {
    const r = runUntouched(work, ['validate', many, '--period', '2022', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as ValidateDoc;
    expect(doc.summary.errors).toBeGreaterThan(126_000);
    // The file has warnings as well: a cap that kept them before errors would show them.
    expect(doc.summary.warnings).toBeGreaterThan(0);
    expect(doc.findings).toHaveLength(1001);
    const note = doc.findings.at(-1);
    expect(note?.code).toBe('findings-truncated');
    expect(doc.findings.slice(0, -1).every((f) => f.severity === 'error')).toBe(true);
    expect(note?.message).toMatch(
      /không được liệt kê \([\d.]+ lỗi, [1-9][\d.]* cảnh báo, 0 thông tin\)/,
    );
  });
});
