/**
 * What a reform of units (`templates/reforms/<id>.json`) says about the registries it joins,
 * checked once the files passed their schemas: every old commune goes into a unit of the registry
 * after the reform, every unit of that registry is made of old communes, and every old commune of
 * a province whose registry is known is a sub-unit of its district there. Pure.
 */
import type { DataIssue } from './data-issues.js';
import type { Registry, Reform } from './schemas.js';

/** Whether a registry entry with `from`/`until` is valid on `day` (YYYY-MM-DD). */
const validOn = (e: { from?: string | undefined; until?: string | undefined }, day: string) =>
  (e.from ?? '') <= day && day < (e.until ?? '\uffff');

/** The day before `day` (YYYY-MM-DD), in UTC. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The references of a reform that do not hold: `after` is the registry after it, `before` the
 * registries it names in `before` (by id; a province without one is not checked).
 */
export function checkReformReferences(
  reform: Reform,
  file: string,
  after: Registry,
  before: ReadonlyMap<string, Registry>,
): DataIssue[] {
  const issues: DataIssue[] = [];
  const afterUnits = after.units.filter((u) => validOn(u, reform.effective));
  const newCodes = new Set(afterUnits.map((u) => u.code));
  reform.communes.forEach((c, i) => {
    if (!newCodes.has(c.into))
      issues.push({
        file,
        path: ['communes', i, 'into'],
        message: {
          vi: `"${c.into}" không phải đơn vị của danh mục ${after.id} từ ngày ${reform.effective}`,
          en: `"${c.into}" is not a unit of the registry ${after.id} from ${reform.effective}`,
        },
      });
  });
  const made = new Set(reform.communes.map((c) => c.into));
  for (const u of afterUnits)
    if (!made.has(u.code))
      issues.push({
        file,
        path: ['communes'],
        message: {
          vi: `không xã cũ nào vào đơn vị ${u.code} "${u.name}" của danh mục ${after.id}`,
          en: `no old commune goes into unit ${u.code} "${u.name}" of the registry ${after.id}`,
        },
      });
  // The last day of the old units: an old commune is a sub-unit of its district on that day.
  const lastDay = dayBefore(reform.effective);
  const oldSubunits = (province: string, district: string, day: string | undefined) => {
    const id = reform.before.find((b) => b.key === province)?.registry;
    const reg = id === undefined ? undefined : before.get(id);
    if (reg === undefined) return undefined;
    const unit = reg.units.find((u) => u.code === district);
    return (unit?.subunits ?? []).filter((s) => day === undefined || validOn(s, day));
  };
  reform.communes.forEach((c, i) => {
    const subs = oldSubunits(c.province, c.district, lastDay);
    if (subs !== undefined && !subs.some((s) => s.code === c.code))
      issues.push({
        file,
        path: ['communes', i, 'code'],
        message: {
          vi: `xã ${c.code} "${c.name}" không có trong đơn vị ${c.district} của danh mục cũ vào ngày ${lastDay}`,
          en: `commune ${c.code} "${c.name}" is not in unit ${c.district} of the old registry on ${lastDay}`,
        },
      });
  });
  (reform.earlier ?? []).forEach((e, i) => {
    const subs = oldSubunits(e.province, e.district, undefined);
    // A code a commune had before (Phường Hồng Hà's 04267) is the commune's too.
    if (
      subs !== undefined &&
      !subs.some((s) => s.code === e.code || s.formerCodes?.includes(e.code))
    )
      issues.push({
        file,
        path: ['earlier', i, 'code'],
        message: {
          vi: `xã ${e.code} "${e.name}" không có trong đơn vị ${e.district} của danh mục cũ`,
          en: `commune ${e.code} "${e.name}" is not in unit ${e.district} of the old registry`,
        },
      });
  });
  return issues;
}

/**
 * An old commune and the unit of the registry after a reform it now belongs to: a row of a later
 * report that names it is part of that unit's figures, not another's.
 */
export interface FormerUnit {
  code: string;
  /** Its name with its kind ("Xã Xà Hồ"). */
  name: string;
  /** The code of the unit it went into. */
  into: string;
}

/**
 * The old communes of a reform with the new unit each belongs to: those of `communes`, and those
 * merged earlier (`earlier`) followed through the commune they went into. An earlier commune whose
 * way is not known is left out (no unit can be said for it).
 */
export function formerUnitsOf(reform: Reform): FormerUnit[] {
  const out: FormerUnit[] = reform.communes.map((c) => ({
    code: c.code,
    name: c.name,
    into: c.into,
  }));
  const intoOf = new Map(reform.communes.map((c) => [`${c.province}|${c.code}`, c.into]));
  for (const e of reform.earlier ?? []) {
    const into = e.into === null ? undefined : intoOf.get(`${e.province}|${e.into}`);
    if (into !== undefined) out.push({ code: e.code, name: e.name, into });
  }
  return out;
}
