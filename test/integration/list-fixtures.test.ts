/**
 * The committed household lists of fixtures/lists (issue 11), written by openpyxl, LibreOffice,
 * exceljs and as CSV in UTF-8 with a BOM and in Windows-1258, against their truth file: each
 * broken list gives exactly its planted finding at its cell; each clean list gives no error and
 * the figures of each commune that its generator dealt; `consolidate` of a district's 2022
 * summary fixture with its clean lists agrees for the district and every commune, and the list
 * with one poor household too many is a list-summary-mismatch at the summary's cell that rejects
 * the unit. The lists are SYNTHETIC ("Giả Danh …"): no name may reach any output. The tests read
 * the committed files: no office software is needed (scripts/fixtures/make-lists.mjs made them).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/commands/consolidate.js';
import { validate, type ValidateJson } from '../../src/commands/validate.js';
import type { Values } from '../../src/core/consolidate.js';
import type { ReportJson } from '../../src/render/report-json.js';
import { fixtures, root } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-list-fixtures-');
const LISTS = path.join(fixtures, 'lists');
const NOW = new Date('2023-01-10T03:00:00Z');
/** Every made-up name in the lists starts so. */
const FAKE = 'Giả Danh';

interface ExpectedFinding {
  code: string;
  sheet: string | null;
  cell: string | null;
  household: string | null;
}
interface CommuneTruth {
  household_rows: number;
  member_rows: number;
  values: Values;
}
interface FileTruth {
  kind: 'clean' | 'broken' | 'mismatch';
  unit: string;
  period: string;
  writer: string;
  summary?: string;
  communes?: Record<string, CommuneTruth>;
  findings: ExpectedFinding[];
  consolidate?: {
    summary: string;
    expect: {
      code: string;
      file: string;
      sheet: string;
      cell: string;
      subunit: string;
      indicator: string;
      summary: number;
      list: number;
    }[];
  };
}
const truth = JSON.parse(readFileSync(path.join(LISTS, 'truth.json'), 'utf8')) as {
  files: Record<string, FileTruth>;
};
const entries = Object.entries(truth.files);
const ofKind = (k: FileTruth['kind']): [string, FileTruth][] =>
  entries.filter(([, t]) => t.kind === k);

async function validateFile(
  file: string,
  json: boolean,
): Promise<{ code: number; out: string; doc: ValidateJson | null }> {
  let out = '';
  const code = await validate({
    paths: [path.join(LISTS, file)],
    json,
    lang: 'vi',
    verbose: true,
    chalk: new Chalk({ level: 0 }),
    write: (s) => (out += s),
  });
  return { code, out, doc: json ? (JSON.parse(out) as ValidateJson) : null };
}

async function consolidateIn(dir: string): Promise<{ doc: ReportJson; text: string }> {
  let text = '';
  const out = `${dir}-out`;
  await consolidate({
    paths: [dir],
    period: '2022',
    out,
    formats: ['json'],
    strict: false,
    json: false,
    lang: 'vi',
    chalk: new Chalk({ level: 0 }),
    write: (s) => (text += s),
    now: NOW,
  });
  const doc = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022.json'), 'utf8')) as ReportJson;
  return { doc, text: text + readdirSync(out).join('\n') };
}

/** An inbox of the district's summary fixture and the given lists. */
function inbox(name: string, summary: string, lists: string[]): string {
  const dir = path.join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(root, summary), path.join(dir, path.basename(summary)));
  for (const f of lists) copyFileSync(path.join(LISTS, f), path.join(dir, f));
  return dir;
}

describe('the committed list fixtures and their truth file', () => {
  it('hold clean lists of two districts, a broken list per check and a mismatching list', () => {
    expect(new Set(ofKind('clean').map(([, t]) => t.unit))).toEqual(new Set(['139', '133']));
    const planted = ofKind('broken').flatMap(([, t]) => t.findings.map((f) => f.code));
    expect(new Set(planted)).toEqual(
      new Set([
        'list-score-deprivation',
        'list-classification',
        'list-classification-unknown',
        'list-members',
        'list-code-missing',
        'list-code-repeated',
        'list-code-other-commune',
        'list-flag-unreadable',
        'list-commune-unknown',
        'list-no-code-column',
        'list-no-flags',
        'list-flags-order',
        'list-column-ambiguous',
      ]),
    );
    expect(ofKind('mismatch')).toHaveLength(1);
    const files = readdirSync(LISTS).filter((f) => f !== 'truth.json');
    expect(files.sort()).toEqual(Object.keys(truth.files).sort());
  });
});

describe('validate: each broken list gives exactly its planted finding, at its place', () => {
  for (const [file, t] of ofKind('broken'))
    it(`${file} (${t.writer})`, async () => {
      const { code, doc } = await validateFile(file, true);
      const f = doc?.files[0];
      expect(f?.unit?.code).toBe(t.unit);
      expect(f?.period).toBe(t.period);
      const got = (doc?.findings ?? [])
        .filter((x) => x.code !== 'list-recognised')
        .map((x) => ({ code: x.code, sheet: x.sheet, cell: x.cell, severity: x.severity }));
      expect(got.map(({ code: c, sheet, cell }) => ({ code: c, sheet, cell }))).toEqual(
        t.findings.map(({ code: c, sheet, cell }) => ({ code: c, sheet, cell })),
      );
      // A finding about a household names it by its code, never by its head's name.
      const messages = (doc?.findings ?? []).filter((x) => x.code !== 'list-recognised');
      t.findings.forEach((e, i) => {
        if (e.household !== null) expect(messages[i]?.message).toContain(e.household);
      });
      expect(code).toBe(got.some((x) => x.severity === 'error') ? 1 : 0);
      expect(JSON.stringify(doc)).not.toContain(FAKE);
    });
});

describe('validate: each clean list gives no error and its communes’ dealt figures', () => {
  for (const [file, t] of ofKind('clean'))
    it(`${file} (${t.writer})`, async () => {
      const { code, doc, out } = await validateFile(file, true);
      const f = doc?.files[0];
      expect(f?.unit?.code).toBe(t.unit);
      expect(f?.period).toBe(t.period);
      expect((doc?.findings ?? []).filter((x) => x.severity !== 'info')).toEqual([]);
      expect(code).toBe(0);
      const communes = Object.fromEntries(
        (f?.households?.communes ?? []).map((c) => [
          c.subunit ?? '',
          { household_rows: c.household_rows, member_rows: c.member_rows, values: c.values },
        ]),
      );
      expect(communes).toEqual(t.communes);
      expect(out).not.toContain(FAKE);
      expect((await validateFile(file, false)).out).not.toContain(FAKE);
    });
});

describe('consolidate: a district’s 2022 summary with its clean lists', () => {
  for (const unit of ['139', '133'])
    it(`agrees for unit ${unit} and each of its communes, with the truth file’s figures`, async () => {
      const lists = ofKind('clean').filter(([, t]) => t.unit === unit);
      const summary = lists[0]?.[1].summary ?? '';
      const { doc, text } = await consolidateIn(
        inbox(
          `clean-${unit}`,
          summary,
          lists.map(([f]) => f),
        ),
      );
      const u = doc.units.find((x) => x.code === unit);
      expect(u?.status).toBe('accepted');
      expect(u?.files.map((f) => path.basename(f.file))).toEqual([path.basename(summary)]);
      expect(doc.findings.filter((f) => f.code === 'list-summary-mismatch')).toEqual([]);
      expect(
        doc.findings.filter((f) => f.code.startsWith('list-') && f.severity !== 'info'),
      ).toEqual([]);
      expect(u?.households?.agrees).toBe(true);
      expect(u?.households?.differences).toEqual([]);
      const want = Object.assign({}, ...lists.map(([, t]) => t.communes)) as Record<
        string,
        CommuneTruth
      >;
      expect(u?.subunits.map((s) => s.name).sort()).toEqual(Object.keys(want).sort());
      for (const s of u?.subunits ?? []) {
        expect(s.households?.agrees, s.name).toBe(true);
        expect(s.households?.values, s.name).toEqual(want[s.name]?.values);
        expect(s.households?.household_rows, s.name).toBe(want[s.name]?.household_rows);
        expect(s.households?.member_rows, s.name).toBe(want[s.name]?.member_rows);
        // The summary's own figures, which the dealt lists equal.
        for (const id of ['poor', 'near_poor', 'poor_deprivations', 'near_poor_deprivations'])
          expect(s.households?.values[id], `${s.name} ${id}`).toBe(s.values[id]);
      }
      for (const id of ['poor', 'near_poor', 'poor_ethnic_minority', 'near_poor_ethnic_minority'])
        expect(u?.households?.values[id], id).toBe(u?.values[id]);
      expect(text).toContain('Danh sách hộ: 1 đơn vị được đối chiếu với biểu tổng hợp, 1 khớp.');
      expect(text).not.toContain(FAKE);
      expect(JSON.stringify(doc)).not.toContain(FAKE);
    });
});

describe('consolidate: the list that disagrees with its summary', () => {
  for (const [file, t] of ofKind('mismatch'))
    it(`${file}: list-summary-mismatch at the summary's cell with both figures, unit rejected`, async () => {
      const c = t.consolidate;
      if (!c) throw new Error('no consolidate truth');
      const { doc, text } = await consolidateIn(inbox('mismatch', c.summary, [file]));
      const got = doc.findings.filter((f) => f.code === 'list-summary-mismatch');
      expect(
        got.map((f) => ({
          code: f.code,
          file: path.basename(f.file),
          sheet: f.sheet,
          cell: f.cell,
          subunit: f.subunit,
          indicator: f.indicator,
        })),
      ).toEqual(
        c.expect.map((e) => ({
          code: e.code,
          file: e.file,
          sheet: e.sheet,
          cell: e.cell,
          subunit: e.subunit,
          indicator: e.indicator,
        })),
      );
      for (const [i, e] of c.expect.entries()) {
        expect(got[i]?.severity).toBe('error');
        expect(got[i]?.message).toBe(
          `${e.subunit}: ô ${e.sheet}!${e.cell} (${e.indicator}) của biểu tổng hợp ghi ${e.summary}, danh sách hộ cho ${e.list}.`,
        );
      }
      const u = doc.units.find((x) => x.code === t.unit);
      expect(u?.status).toBe('rejected');
      const s = u?.subunits.find((x) => x.name === c.expect[0]?.subunit);
      expect(s?.households?.agrees).toBe(false);
      expect(s?.households?.values).toEqual(t.communes?.[s?.name ?? '']?.values);
      expect(text).toContain('0 khớp, 1 lệch');
      expect(text).not.toContain(FAKE);
    });
});
