/**
 * Which data files a run uses when the command line does not name them: the plan whose periods
 * include `--period`, and the poverty standard whose years take in the plan's year. A new standard
 * (Decree 351/2025 from 2027) or a new plan is then a file added to the data folder, not a change
 * of code. Pure: the data folder's files come in as summaries, the choice or the reason there is
 * none goes out, said in both languages.
 */
import type { Bilingual } from './finding-codes.js';

/** What the choice needs of a standard file (read without its full check). */
export interface StandardSummary {
  /** The file, as the user reads it (`standards/vn-2022-2025.json`). */
  file: string;
  id: string;
  validFromYear: number;
  validToYear: number;
}

/** What the choice needs of a plan file (read without its full check). */
export interface PlanSummary {
  /** The file, as the user reads it (`plans/lao-cai-2026.json`). */
  file: string;
  id: string;
  registry: string;
  /** The ids of its periods (`2026-H1`, `2026`). */
  periods: string[];
  /** Its periods' deadlines (`dueBefore`, YYYY-MM-DD), those it gives. */
  due?: string[];
}

/** A choice made, or why none could be. */
export type Choice<T> = { ok: true; value: T } | { ok: false; message: Bilingual };

const years = (s: StandardSummary): string => `${s.validFromYear}–${s.validToYear}`;

const listed = (all: readonly StandardSummary[]): string =>
  all.length === 0 ? '—' : all.map((s) => `${s.file} (${years(s)})`).join(', ');

/**
 * The standard whose `validFromYear..validToYear` takes in `year`: exactly one must. `basis` says
 * where the year comes from ("kế hoạch plans/x.json" / "plan plans/x.json"), for the message.
 */
export function chooseStandard<S extends StandardSummary>(
  all: readonly S[],
  year: number,
  basis: Bilingual,
): Choice<S> {
  const fit = all.filter((s) => s.validFromYear <= year && year <= s.validToYear);
  if (fit.length === 1 && fit[0]) return { ok: true, value: fit[0] };
  if (fit.length === 0)
    return {
      ok: false,
      message: {
        vi: `Không có chuẩn nghèo nào áp dụng cho năm ${year} (${basis.vi}). Các chuẩn có: ${listed(all)}. Thêm vào thư mục standards/ một tệp chuẩn có validFromYear..validToYear gồm năm ${year} (chép một tệp có sẵn cùng tệp forms/ và rules/ của nó), hoặc ghi "standard" trong kế hoạch.`,
        en: `No poverty standard applies to the year ${year} (${basis.en}). The standards are: ${listed(all)}. Add a standard file to standards/ whose validFromYear..validToYear takes in ${year} (copy one, with its forms/ and rules/ files), or name a "standard" in the plan.`,
      },
    };
  return {
    ok: false,
    message: {
      vi: `${fit.length} chuẩn nghèo cùng áp dụng cho năm ${year} (${basis.vi}): ${listed(fit)}. Ghi "standard": "<mã chuẩn>" trong kế hoạch để chọn một, hoặc sửa validFromYear/validToYear cho các năm không chồng nhau.`,
      en: `${fit.length} poverty standards apply to the year ${year} (${basis.en}): ${listed(fit)}. Name one as "standard": "<id>" in the plan, or correct validFromYear/validToYear so that their years do not overlap.`,
    },
  };
}

/**
 * The plan whose periods include `period`, among those for `registry` when one is given:
 * `undefined` when there is none (the caller falls back on the default registry's plan), an
 * error when two or more fit.
 */
export function choosePlanByPeriod<P extends PlanSummary>(
  all: readonly P[],
  period: string,
  registry?: string,
): Choice<P | undefined> {
  const fit = all.filter(
    (p) => p.periods.includes(period) && (registry === undefined || p.registry === registry),
  );
  if (fit.length <= 1) return { ok: true, value: fit[0] };
  const names = fit.map((p) => p.file).join(', ');
  return {
    ok: false,
    message: {
      vi: `Kỳ ${period} có trong ${fit.length} kế hoạch: ${names}. Chọn một bằng --plan (ví dụ --plan ${fit[0]?.id ?? ''}).`,
      en: `The period ${period} is in ${fit.length} plans: ${names}. Choose one with --plan (e.g. --plan ${fit[0]?.id ?? ''}).`,
    },
  };
}

/** Days from one YYYY-MM-DD date to another, either way. */
function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * The plan of the reports due nearest `asOf` (YYYY-MM-DD), before or after it, among those for
 * `registry` when one is given: in January the year just ended (its reports overdue), from spring
 * the year's own. `undefined` when no plan gives a deadline (the caller falls back on the default
 * registry's plan); an error when two plans' nearest deadlines are as near.
 */
export function choosePlanByDate<P extends PlanSummary>(
  all: readonly P[],
  asOf: string,
  registry?: string,
): Choice<P | undefined> {
  let best: { plan: P; days: number }[] = [];
  for (const p of all) {
    if (registry !== undefined && p.registry !== registry) continue;
    const days = Math.min(...(p.due ?? []).map((d) => daysApart(d, asOf)));
    if (!Number.isFinite(days)) continue;
    if (best.length === 0 || days < (best[0]?.days ?? Infinity)) best = [{ plan: p, days }];
    else if (days === best[0]?.days) best.push({ plan: p, days });
  }
  if (best.length <= 1) return { ok: true, value: best[0]?.plan };
  const names = best.map((b) => b.plan.file).join(', ');
  return {
    ok: false,
    message: {
      vi: `Ngày ${asOf} gần hạn nộp của ${best.length} kế hoạch như nhau: ${names}. Chọn một bằng --plan (ví dụ --plan ${best[0]?.plan.id ?? ''}).`,
      en: `${asOf} is as near the deadlines of ${best.length} plans: ${names}. Choose one with --plan (e.g. --plan ${best[0]?.plan.id ?? ''}).`,
    },
  };
}
