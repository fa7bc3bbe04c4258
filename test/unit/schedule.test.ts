import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/core/consolidate.js';
import {
  duePeriods,
  planReminders,
  type Reminder,
  type SummaryReminder,
  type UnitReminder,
} from '../../src/core/schedule.js';
import { calendarDaysBetween, isIsoDate, vietnamDate } from '../../src/core/dates-and-numbers.js';
import { formGrid, lucYenRows, shippedRun, submitted } from '../helpers/build.js';
import { loadPlan } from '../../src/commands/load-data.js';

async function plan() {
  return loadPlan((await shippedRun()).cat);
}

const due = async (asOf: string, days = [7, 3, 1], every = 1) =>
  duePeriods(await plan(), asOf, days, every).map((d) => [d.period.id, d.daysLeft, d.overdue]);

describe('duePeriods', () => {
  it('reminds exactly N days before the due-before date, counted to that date', async () => {
    expect(await due('2022-06-08')).toEqual([['2022-H1', 7, false]]);
    expect(await due('2022-06-12')).toEqual([['2022-H1', 3, false]]);
    expect(await due('2022-06-14')).toEqual([['2022-H1', 1, false]]);
  });

  it('an old period stays overdue until every unit is in (the issue: "every day until accepted")', async () => {
    expect(await due('2022-12-08')).toEqual([
      ['2022-H1', -176, true],
      ['2022', 7, false],
    ]);
  });

  it('says nothing on the days in between', async () => {
    expect(await due('2022-06-09')).toEqual([]);
    expect(await due('2022-06-13')).toEqual([]);
    expect(await due('2022-01-01')).toEqual([]);
  });

  it('is overdue from the due-before date on ("before 15/6" = by 14/6), every day', async () => {
    expect(await due('2022-06-15')).toEqual([['2022-H1', 0, true]]);
    expect(await due('2022-06-16')).toEqual([['2022-H1', -1, true]]);
    expect(await due('2022-06-20')).toEqual([['2022-H1', -5, true]]);
  });

  it('thins overdue reminders out with --overdue-every', async () => {
    const days = ['2022-06-15', '2022-06-16', '2022-06-17', '2022-06-18', '2022-06-21'];
    const hits = [];
    for (const d of days) if ((await due(d, [7, 3, 1], 3)).length > 0) hits.push(d);
    expect(hits).toEqual(['2022-06-15', '2022-06-18', '2022-06-21']);
  });

  it('a days-before list without 7 skips the week-before reminder', async () => {
    expect(await due('2022-06-08', [3, 1])).toEqual([]);
  });
});

describe('dates', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(calendarDaysBetween('2022-06-08', '2022-06-15')).toBe(7);
    expect(calendarDaysBetween('2021-12-31', '2022-01-01')).toBe(1);
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(calendarDaysBetween('2022-06-20', '2022-06-15')).toBe(-5);
  });

  it('today in Vietnam is UTC+7: a server in UTC at 17:30 is already on the next day', () => {
    expect(vietnamDate(new Date('2022-06-07T17:30:00Z'))).toBe('2022-06-08');
    expect(vietnamDate(new Date('2022-06-07T16:59:59Z'))).toBe('2022-06-07');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2022-06-08')).toBe(true);
    expect(isIsoDate('2022-02-30')).toBe(false);
    expect(isIsoDate('2022-6-8')).toBe(false);
    expect(isIsoDate('08/06/2022')).toBe(false);
  });
});

async function submission(unitTitle: string, fileName: string, date: string, poor?: number) {
  const p = await shippedRun();
  const rows = lucYenRows();
  if (poor !== undefined && rows[0]) rows[0].values = { ...rows[0].values, poor };
  const grids = ['01', '02', '03', '04', '05'].map((f) =>
    formGrid(p, f, rows, { title: [unitTitle, '6 tháng đầu năm 2022'] }),
  );
  return submitted(grids, { fileName, reportDate: date });
}

/** The reminders of `asOf` for a report consolidated from `files` (by default three districts'). */
async function remindersFor(asOf: string, given?: Awaited<ReturnType<typeof submission>>[]) {
  const p = await shippedRun();
  const pl = await plan();
  const files = given ?? [
    await submission('UBND HUYỆN LỤC YÊN', 'luc-yen.xlsx', '2022-06-05'),
    await submission('UBND HUYỆN TRẤN YÊN', 'tran-yen.xlsx', '2022-06-16'),
    await submission('UBND HUYỆN VĂN YÊN', 'van-yen.xlsx', '2022-06-06', 250),
  ];
  const report = consolidate(files, {
    cat: p.cat,
    plan: pl,
    rules: p.rules,
    period: '2022-H1',
    lang: 'vi',
    now: new Date(`${asOf}T00:00:00+07:00`),
  });
  const [d] = duePeriods(pl, asOf, [7, 3, 1], 1);
  if (!d) throw new Error('not due');
  return { report, d, reminders: planReminders(report, d, p.cat.registry, asOf) };
}

const units = (rs: Reminder[]) => rs.filter((r): r is UnitReminder => r.kind === 'unit');

describe('planReminders', () => {
  it('one reminder per unit not accepted, with its registry address, then the summary', async () => {
    const { reminders } = await remindersFor('2022-06-20');
    const u = units(reminders);
    expect(u.map((r) => r.unit.code)).toEqual(['132', '133', '136', '137', '139', '140', '141']);
    expect(reminders.at(-1)?.kind).toBe('summary');
    expect(reminders).toHaveLength(8);
    const tramTau = u.find((r) => r.unit.code === '139');
    expect(tramTau).toMatchObject({
      key: '2022-H1|139|2022-06-20',
      status: 'missing',
      daysLeft: -5,
      overdue: true,
      dueBefore: '2022-06-15',
      unit: { name: 'Huyện Trạm Tấu', short: 'Trạm Tấu', email: 'ldtbxh.tramtau@example.vn' },
    });
  });

  it('a rejected unit carries its error count and its first errors, at most five', async () => {
    const { reminders } = await remindersFor('2022-06-20');
    const vanYen = units(reminders).find((r) => r.unit.code === '136');
    expect(vanYen?.status).toBe('rejected');
    expect(vanYen?.errors).toBeGreaterThan(0);
    expect(vanYen?.findings.length).toBeGreaterThan(0);
    expect(vanYen?.findings.length).toBeLessThanOrEqual(5);
    expect(vanYen?.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(vanYen?.findings[0]).toMatchObject({ file: 'in/van-yen.xlsx', sheet: 'Biểu 01' });
  });

  // An outside tester: two files of one date that disagree rejected the unit, and its reminder
  // said "1 error, please correct the errors above" with none above.
  it('a unit rejected for two disagreeing submissions of one date is told that error', async () => {
    const { reminders } = await remindersFor('2022-06-20', [
      await submission('UBND HUYỆN LỤC YÊN', 'luc-yen.xlsx', '2022-06-05'),
      await submission('UBND HUYỆN LỤC YÊN', 'luc-yen (sua).xlsx', '2022-06-05', 321),
    ]);
    const lucYen = units(reminders).find((r) => r.unit.code === '135');
    expect(lucYen?.status).toBe('rejected');
    expect(lucYen?.findings.map((f) => f.code)).toContain('conflicting-submission');
  });

  it('the summary lists missing, rejected and late units with the completeness figures', async () => {
    const { reminders } = await remindersFor('2022-06-20');
    const s = reminders.find((r): r is SummaryReminder => r.kind === 'summary');
    expect(s?.to).toBe('giamngheo.soldtbxh@example.vn');
    expect(s?.key).toBe('2022-H1|summary|2022-06-20');
    expect(s?.missing.map((u) => u.code)).toEqual(['132', '133', '137', '139', '140', '141']);
    expect(s?.rejected.map((u) => u.code)).toEqual(['136']);
    expect(s?.late).toEqual([{ code: '138', name: 'Huyện Trấn Yên', reportDate: '2022-06-16' }]);
    expect(s?.completeness).toMatchObject({ expected: 9, accepted: 2, onTime: 1 });
  });

  it('nothing at all when every unit is accepted: no daily "all done" mail for an old period', async () => {
    const { report, d } = await remindersFor('2022-06-20');
    const p = await shippedRun();
    const allIn = { ...report, units: report.units.filter((u) => u.status === 'accepted') };
    expect(planReminders(allIn, d, p.cat.registry, '2022-06-20')).toEqual([]);
  });
});
