/**
 * A unit that sent only its household lists, no forms (outside tester AB, B06): it is still
 * missing — a list is no report — but `status` said "Chưa nộp —" as if nothing had come, and the
 * reminder said the Department had received nothing, which a unit that sent its lists may well
 * ignore. Now both say how many list files came and what is still due, without naming them: a
 * list's file may be named after a household's head (AB, B07), here "Danh sach ho Lo Thi
 * Xanthrope 1917.csv". The lists are the shipped SYNTHETIC lists of Huyện Trạm Tấu
 * (fixtures/lists); nothing else is in the inbox.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-list-only-');
const LISTS: [string, string][] = [
  [
    'Tram Tau - Xa Ban Mu - danh sach ho 2022 (LibreOffice CSV).csv',
    'Tram Tau - Xa Ban Mu - danh sach ho 2022.csv',
  ],
  [
    'Tram Tau - Xa Pa Hu - danh sach ho 2022 (CSV Windows-1258).csv',
    'Danh sach ho Lo Thi Xanthrope 1917.csv',
  ],
];
const PERSONAL = ['Xanthrope', '1917'];
let inbox: string;

beforeAll(() => {
  inbox = path.join(tmp.path, 'Hộp thư 2022');
  mkdirSync(inbox, { recursive: true });
  for (const [from, to] of LISTS)
    copyFileSync(path.join(fixtures, 'lists', from), path.join(inbox, to));
});

describe('a unit that sent only its household lists', () => {
  it('status: still missing, said with how many lists came; the others plainly missing', () => {
    const r = runCli(['status', inbox, '--period', '2022', '--as-of', '2022-12-12']);
    expect(r.code).toBe(1);
    const line = (code: string) => r.out.split('\n').find((l) => l.startsWith(`${code} `)) ?? '';
    expect(line('139')).toContain('Chưa nộp (chỉ có 2 tệp danh sách hộ)');
    expect(line('138')).toMatch(/Chưa nộp\s+—/);
    expect(r.out).toContain('Đã nhận 0/9 báo cáo');

    const j = runCli(['status', inbox, '--period', '2022', '--as-of', '2022-12-12', '--json']);
    const doc = JSON.parse(j.out) as {
      units: { code: string; status: string; files: string[]; lists: number }[];
    };
    const tramTau = doc.units.find((u) => u.code === '139');
    expect([tramTau?.status, tramTau?.files, tramTau?.lists]).toEqual(['missing', [], 2]);
    expect(doc.units.find((u) => u.code === '138')?.lists).toBe(0);
    for (const out of [r.out, r.err, j.out, j.err])
      for (const p of PERSONAL) expect(out).not.toContain(p);
  });

  it('remind: the letter says the lists came and the forms are still due', () => {
    const r = runCli(['remind', inbox, '--as-of', '2022-12-12', '--format', 'json']);
    const doc = JSON.parse(r.out) as {
      messages: { kind: string; period: string; unit?: string; text: string }[];
    };
    const letter = (code: string) =>
      doc.messages.find((m) => m.kind === 'unit' && m.period === '2022' && m.unit === code)?.text ??
      '';
    expect(letter('139')).toContain('Sở đã nhận 2 tệp danh sách hộ của đơn vị');
    expect(letter('139')).toContain('chưa nhận Biểu 01, 02, 03, 04, 05');
    expect(letter('139')).not.toContain('Sở chưa nhận được báo cáo của đơn vị');
    expect(letter('138')).toContain('Sở chưa nhận được báo cáo của đơn vị');
    for (const p of PERSONAL) expect(r.out + r.err).not.toContain(p);
  });
});
