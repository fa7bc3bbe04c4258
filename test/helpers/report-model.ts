/**
 * A small consolidated report built by hand, for the report writers: three units of the shipped
 * Yên Bái registry — Huyện Lục Yên rejected, Huyện Trạm Tấu accepted (two files, two communes),
 * Huyện Yên Bình missing — with totals, targets, completeness and findings consistent with it.
 * Rates come from the model's own `withRates`, so they are what `consolidate` would produce.
 */
import type { Catalogue } from '../../src/core/catalogue.js';
import {
  indicatorIds,
  withRates,
  type ConsolidatedReport,
  type TargetRow,
  type UnitResult,
  type Values,
} from '../../src/core/consolidate.js';
import { makeFinding } from '../../src/core/finding.js';
import { subunitValues } from './build.js';
import { loadCatalogue } from '../../src/commands/load-data.js';

const round = (n: number, d: number): number => Math.round(n * 10 ** d) / 10 ** d;

/** Every count of the forms for one commune; irregular household counts give non-round rates. */
function communeCounts(k: number, households: number, poor: number, nearPoor: number): Values {
  const out: Values = {};
  for (const [id, v] of Object.entries(subunitValues(k)))
    if (typeof v === 'number' && !id.endsWith('_rate')) out[id] = v;
  return { ...out, households, poor, near_poor: nearPoor };
}

function ordered(v: Values, ids: string[]): Values {
  const out: Values = {};
  for (const id of ids) out[id] = v[id] ?? null;
  return out;
}

function sum(rows: Values[]): Values {
  const out: Values = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + (v ?? 0);
  return out;
}

function target(
  unit: string,
  name: string,
  values: Values | null,
  baseline: number,
  planned: number,
): TargetRow {
  const current = values?.poor_rate ?? null;
  const reduction = current === null ? null : round(baseline - current, 2);
  const a = values?.poor_exit_to_near_poor;
  const b = values?.poor_exit_above;
  return {
    unit,
    name,
    baselineRate: baseline,
    currentRate: current,
    reduction,
    target: planned,
    achievedShare: reduction === null ? null : round((100 * reduction) / planned, 1),
    escapedPoverty: a === null || a === undefined || b === null || b === undefined ? null : a + b,
    published: false,
  };
}

const sha = (c: string): string => c.repeat(64);

/** The report model and the shipped catalogue it is made against. */
export async function sampleReport(): Promise<{ report: ConsolidatedReport; cat: Catalogue }> {
  const cat = await loadCatalogue();
  const ids = indicatorIds(cat.forms);
  const rates = (v: Values): Values => ordered(withRates(v, cat.forms), ids);

  const banCong = communeCounts(1, 1234, 517, 203);
  const banMu = communeCounts(2, 2345, 806, 311);
  const tramTauValues = rates(sum([banCong, banMu]));

  const lucYenFindings = [
    makeFinding('total-mismatch', {
      file: 'nop/luc-yen.xlsx',
      sheet: 'Biểu 01',
      cell: 'E12',
      row: 12,
      unit: '135',
      form: '01',
      indicator: 'poor',
      params: { heading: 'Số hộ nghèo', left: 1200, right: 1210 },
    }),
    makeFinding('missing-column', {
      file: 'nop/luc-yen.xlsx',
      sheet: 'Biểu 02',
      unit: '135',
      form: '02',
      params: { form: '02', heading: 'Hộ tái nghèo' },
    }),
  ];
  const tramTauFindings = [
    makeFinding('subunit-unknown', {
      file: 'nop/tram-tau-b01-03.xlsx',
      sheet: 'Biểu 03',
      cell: 'B9',
      row: 9,
      unit: '139',
      form: '03',
      subunit: 'Thôn Tà Ghênh',
      params: { subunit: 'Thôn Tà Ghênh', unit: 'Huyện Trạm Tấu' },
    }),
    makeFinding('extra-column', {
      file: 'nop/tram-tau-b04-05.xlsx',
      sheet: 'Biểu 04',
      cell: 'R7',
      row: 7,
      unit: '139',
      form: '04',
      params: { heading: 'Ghi chú của xã' },
    }),
  ];
  const stray = makeFinding('unit-unknown', { file: 'nop/khong-ro.xlsx', params: {} });

  const units: UnitResult[] = [
    {
      code: '135',
      name: 'Huyện Lục Yên',
      status: 'rejected',
      files: [
        {
          file: 'nop/luc-yen.xlsx',
          sha256: sha('a'),
          reportDate: '2022-06-13',
          dateSource: 'date-line',
          onTime: true,
          used: ['01', '02', '03', '04', '05'],
          period: '2022-H1',
          errors: 2,
        },
      ],
      values: {},
      subunits: [],
      findings: lucYenFindings,
      errors: 2,
    },
    {
      code: '139',
      name: 'Huyện Trạm Tấu',
      status: 'accepted',
      files: [
        {
          file: 'nop/tram-tau-b01-03.xlsx',
          sha256: sha('b'),
          reportDate: '2022-06-10',
          dateSource: 'date-line',
          onTime: true,
          used: ['01', '02', '03'],
          period: '2022-H1',
          errors: 0,
        },
        {
          file: 'nop/tram-tau-b04-05.xlsx',
          sha256: sha('c'),
          reportDate: '2022-06-14',
          dateSource: 'e-mail',
          sender: 'ldtbxh.tramtau@example.vn',
          onTime: true,
          used: ['04', '05'],
          period: '2022-H1',
          errors: 0,
        },
      ],
      values: tramTauValues,
      subunits: [
        { name: 'Xã Bản Công', values: rates(banCong) },
        { name: 'Xã Bản Mù', values: rates(banMu) },
      ],
      findings: tramTauFindings,
      errors: 0,
    },
    {
      code: '141',
      name: 'Huyện Yên Bình',
      status: 'missing',
      files: [],
      values: {},
      subunits: [],
      findings: [],
      errors: 0,
    },
  ];

  // Only Trạm Tấu is accepted, so the province's counts are its counts; rates recomputed.
  const total = rates(
    Object.fromEntries(Object.entries(tramTauValues).filter(([id]) => !/_rate$/.test(id))),
  );

  const report: ConsolidatedReport = {
    period: '2022-H1',
    periodTitle: '2022-H1',
    dueBefore: '2022-06-15',
    generatedAt: '2026-11-26T20:00:00.000Z',
    province: { code: '15', name: 'Tỉnh Yên Bái' },
    registry: 'yen-bai-2022',
    plan: 'yen-bai-2022',
    standard: 'vn-2022-2025',
    indicators: ids,
    units,
    total,
    targets: [
      target('135', 'Huyện Lục Yên', null, 12.4, 2),
      target('139', 'Huyện Trạm Tấu', tramTauValues, 45.2, 5),
      target('141', 'Huyện Yên Bình', null, 8.7, 1.5),
      target('province', 'Tỉnh Yên Bái', total, 40.1, 2.5),
    ],
    completeness: {
      expected: 3,
      accepted: 1,
      rejected: 1,
      missing: 1,
      onTime: 1,
      late: 0,
      unknownDate: 0,
      reportingRate: 33.3,
      onTimeRate: 33.3,
    },
    findings: [...lucYenFindings, ...tramTauFindings, stray],
    unassigned: ['nop/khong-ro.xlsx'],
    setAside: [],
    otherPeriod: [],
  };
  return { report, cat };
}
