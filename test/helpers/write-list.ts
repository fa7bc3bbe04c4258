/**
 * Synthetic household lists for tests (issue 11): a spec of sheets (rows, merges) written by
 * exceljs, by openpyxl (`write-list.py`, another writer) or as a CSV. The names and birth years in
 * them are made up and recognisable, so that a test can assert they appear in no output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** A cell of a spec. */
/** The title of the generated Trạm Tấu lists (SYNTHETIC households), as a district writes it. */
export const TRAM_TAU_LIST_TITLE = 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO HUYỆN TRẠM TẤU NĂM 2022';

export type ListCell = string | number | boolean | null;

/** One sheet of a list. */
export interface ListSheetSpec {
  name: string;
  rows: ListCell[][];
  /** A1 ranges ("A3:A4"). */
  merges: string[];
  /** A hidden sheet. */
  hidden?: boolean;
  /** Columns hidden, by letter ("E"). */
  hiddenColumns?: string[];
}

/** One household of a generated list. */
export interface ListHousehold {
  code: string | null;
  name: string;
  birthYear: number;
  ethnicity: string;
  members: number | null;
  scoreA: number;
  scoreB: number;
  /** How many of the twelve flags are set, from the first. */
  flags: number;
  /** The twelve flag cells as written, instead of the first `flags` set. */
  flagCells?: ListCell[];
  /** A flag cell to write instead of "x" (an unreadable word), at flag index 0. */
  oddFlag?: string;
  classification: string;
  /** Member names written under the head's row (member rows). */
  memberNames?: string[];
}

/**
 * A poor rural household of a generated list (A 120, three flags, B 30, four members), with its
 * made-up head (`name`, `birthYear`), changed by `over`.
 */
export function listHousehold(
  code: string | null,
  head: { name: string; birthYear: number },
  over: Partial<ListHousehold> = {},
): ListHousehold {
  return {
    code,
    ...head,
    ethnicity: 'Mông',
    members: 4,
    scoreA: 120,
    scoreB: 30,
    flags: 3,
    classification: 'Hộ nghèo',
    ...over,
  };
}

/** How a generated list heads its twelve flags and numbers its member rows. */
export interface ListSheetOptions {
  /** The flag column of indicator `n` (1–12): its number by default ("CS5", "Chỉ số 5"). */
  flagHeading?: (n: number) => ListCell;
  /** The heading over the twelve (merged across them); null for none. */
  flagGroup?: string | null;
  /** What a member row writes in the household's STT column (null: blank; "-", "–"). */
  memberStt?: ListCell;
}

/**
 * The headings: two rows, the flags numbered 1–12 under a group heading (or as `opts` says).
 */
export function listSheet(
  name: string,
  title: string,
  households: ListHousehold[],
  opts: ListSheetOptions = {},
): ListSheetSpec {
  const group = opts.flagGroup === undefined ? 'Các chỉ số thiếu hụt' : opts.flagGroup;
  const head1: ListCell[] = [
    'STT',
    'STT thành viên',
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Năm sinh',
    'Dân tộc',
    'Số nhân khẩu',
    'Điểm A',
    'Điểm B',
    group,
    ...Array<ListCell>(11).fill(null),
    'Phân loại hộ',
  ];
  const numbers = range(12).map(opts.flagHeading ?? ((n): ListCell => n));
  const head2: ListCell[] = [...Array<ListCell>(9).fill(null), ...numbers, null];
  const rows: ListCell[][] = [[title], [], head1, head2];
  households.forEach((h, i) => {
    rows.push(listRow(h, i + 1));
    (h.memberNames ?? []).forEach((m, k) => {
      rows.push([opts.memberStt ?? null, k + 1, null, m, h.birthYear + 25]);
    });
  });
  const vertical = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'V'].map((c) => `${c}3:${c}4`);
  const groupMerge = group === null ? [] : ['J3:U3'];
  return { name, rows, merges: ['A1:V1', ...groupMerge, ...vertical] };
}

/** A household's row of {@link listSheet}, numbered `stt` (null: no number). */
export function listRow(h: ListHousehold, stt: ListCell): ListCell[] {
  const flags =
    h.flagCells ??
    Array.from({ length: 12 }, (_, k): ListCell =>
      k < h.flags ? (k === 0 && h.oddFlag !== undefined ? h.oddFlag : 'x') : null,
    );
  return [
    stt,
    null,
    h.code,
    h.name,
    h.birthYear,
    h.ethnicity,
    h.members,
    h.scoreA,
    h.scoreB,
    ...flags,
    h.classification,
  ];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Writes the sheets with exceljs. */
export async function writeListExcelJs(file: string, sheets: ListSheetSpec[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    for (const r of s.rows) ws.addRow(r);
    for (const m of s.merges) ws.mergeCells(m);
    for (const c of s.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
  }
  await wb.xlsx.writeFile(file);
}

/** Whether openpyxl can be run here. */
export function hasOpenpyxl(): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  return spawnSync('/usr/bin/python3', ['-c', 'import openpyxl']).status === 0;
}

/** Writes the sheets with openpyxl. */
export function writeListOpenpyxl(file: string, sheets: ListSheetSpec[]): void {
  const spec = `${file}.json`;
  writeFileSync(spec, JSON.stringify({ sheets }));
  const r = spawnSync('/usr/bin/python3', [
    path.join(import.meta.dirname, 'write-list.py'),
    spec,
    file,
  ]);
  if (r.status !== 0) throw new Error(`write-list.py failed: ${String(r.stderr)}`);
}

/** Writes one sheet as a UTF-8 CSV (the title line included). */
export function writeListCsv(file: string, sheet: ListSheetSpec): void {
  const q = (c: ListCell): string => {
    if (c === null) return '';
    const s = String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  writeFileSync(file, `${sheet.rows.map((r) => r.map(q).join(',')).join('\n')}\n`);
}
