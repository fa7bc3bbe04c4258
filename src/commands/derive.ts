/**
 * `povreport derive <lists...> --period P [--out DIR]`: the five summary forms computed from a
 * unit's household lists, written as a filled form workbook in the layout `template` issues,
 * for a commune or district that kept only its list (issue 11). Each commune's row holds what the
 * list gives (poor and near-poor households, ethnic-minority ones, the deprivation counts, the
 * moves when the list has a status column); what a list cannot give stays open for the clerk.
 * A unit whose lists have errors gets no workbook: figures from a list that fails its own checks
 * would be wrong figures.
 */
import { progressFor } from '../io/progress.js';
import { progressLine } from '../render/progress-line.js';
import path from 'node:path';

import type { UnitSpec } from '../core/catalogue.js';
import type { CompiledRule } from '../core/compile-rules.js';
import type { Values } from '../core/consolidate.js';
import { uniqueFileName } from '../core/file-name.js';
import { makeFinding, type Finding } from '../core/finding.js';
import { subunitsInForce } from '../core/subunits.js';
import type { CommuneTally, VillageTally } from '../core/household-rows.js';
import { foldWords } from '../core/text.js';
import { EXIT, type ExitCode } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { checkOutFolder } from '../io/out-folder.js';
import { openOutputFolder } from '../io/output-set.js';
import { expandPaths } from '../io/walk.js';
import { renderDeriveSummary, type DeriveOutcome } from '../render/derive-summary.js';
import { renderTemplateXlsx, type FilledRows } from '../render/template-xlsx.js';
import { checkFiles, type CheckedFile } from './check-files.js';
import { loadSetup } from './pipeline.js';
import {
  periodOption,
  periodWithoutPlan,
  templateFileName,
  type TemplateCommandOptions,
} from './template.js';

/** Options of `derive`: those of `template` (period, data, out, language…) and the lists. */
export type DeriveCommandOptions = Omit<TemplateCommandOptions, 'units'> & {
  /** The household lists (files or folders). */
  paths: string[];
};

/** The name of a derived workbook: the template's, marked as made from the lists. */
export function derivedFileName(unit: UnitSpec, period: string): string {
  return templateFileName(unit, period).replace(/^bieu-mau-/, 'bieu-tu-danh-sach-');
}

/**
 * The rows of a unit's derived forms: the registry's communes of the period, each with the
 * figures its list gives (none when no list speaks of it); for a unit whose communes the registry
 * does not list, the communes the lists name.
 */
export function derivedRows(
  unit: UnitSpec,
  period: string,
  files: CheckedFile[],
  rules: readonly CompiledRule[],
): FilledRows {
  const tallies = files.flatMap((f) => (f.list?.tallies ?? []).filter((t) => t.unit === unit.code));
  const registered = subunitsInForce(unit, period).map((s) => s.name);
  const bySubunit = new Map<string, Values>();
  const add = (key: string, values: Values): void => {
    const had = bySubunit.get(key) ?? {};
    addValues(had, values);
    bySubunit.set(key, had);
  };
  const villages = registered.length === 0 ? villageRows(tallies) : null;
  if (villages) for (const v of villages) add(v.name, v.values);
  else for (const t of tallies) add(t.subunit ?? unit.name, t.values);
  // A move the list gives in one form's terms is the other form's column too, by the cross-form
  // rules that equate them: "Từ nghèo thành cận nghèo" is Biểu 03's poor → near-poor and Biểu
  // 02's exits to near-poor.
  const mirrors = equalColumns(rules);
  for (const values of bySubunit.values())
    for (const [a, b] of mirrors) {
      if (values[a] !== undefined && values[b] === undefined) values[b] = values[a] ?? null;
      else if (values[b] !== undefined && values[a] === undefined) values[a] = values[b] ?? null;
    }
  const names = registered.length > 0 ? registered : [...bySubunit.keys()];
  return { rows: names.map((name) => ({ name, values: bySubunit.get(name) ?? {} })) };
}

/**
 * The village rows of a commune that reports its villages (2026), when its lists say every
 * household's village (a column, a label over its households, a sheet named for it): each village once (as first
 * written), in the lists' order. Null otherwise (a household whose village is not said): the
 * commune's own row then.
 */
function villageRows(tallies: readonly CommuneTally[]): VillageTally[] | null {
  if (tallies.length === 0) return null;
  const out = new Map<string, VillageTally>();
  for (const t of tallies) {
    if (t.subunit !== null || t.villages === undefined || (t.villagesUnknown ?? 0) > 0) return null;
    for (const v of t.villages) {
      const key = foldWords(v.name);
      const had = out.get(key);
      if (!had) out.set(key, { ...v, values: { ...v.values } });
      else addValues(had.values, v.values);
    }
  }
  return out.size > 0 ? [...out.values()] : null;
}

/** The pairs of columns a cross-form rule says are equal ("B03.x == B02.y"), by their ids. */
function equalColumns(rules: readonly CompiledRule[]): [string, string][] {
  const id = (q: string): string => q.slice(q.indexOf('.') + 1);
  const out: [string, string][] = [];
  for (const { spec, left, right } of rules) {
    if (spec.scope !== 'cross-form' || spec.operator !== '==') continue;
    if (left.type !== 'ref' || right.type !== 'ref') continue;
    const [a, b] = [id(left.name), id(right.name)];
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/**
 * Runs `derive`: reads and checks the lists, then writes one workbook per unit whose lists are
 * clean, atomically, and prints one line per unit. Exit 0 when every unit with lists got its
 * workbook, 1 when some were refused or no list was found.
 */
export async function derive(opts: DeriveCommandOptions): Promise<ExitCode> {
  const period = periodOption(opts.period);
  const inputs = [...opts.paths, opts.registry, opts.plan].filter(
    (f): f is string => f !== undefined,
  );
  await checkOutFolder(opts.out, inputs, opts.lang, { writes: 'files', example: 'tu-danh-sach' });
  const setup = await loadSetup({
    period,
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.plan !== undefined ? { plan: opts.plan } : {}),
    ...(opts.data !== undefined ? { data: opts.data } : {}),
  });
  const files = await expandPaths(opts.paths);
  // A list sent twice (by e-mail and on disk) counts once: its households are the same ones.
  const digests = new Set<string>();
  const progress = progressFor({
    json: false,
    line: (f, rows, seconds) => progressLine(f, rows, seconds, opts.lang),
  });
  const checked = (
    await checkFiles(files, setup.run, { period, lang: opts.lang }, {}, { progress })
  ).filter((f) => {
    if (f.list === undefined || (f.period !== null && f.period !== period)) return false;
    if (f.sha256 === null) return true;
    if (digests.has(f.sha256)) return false;
    digests.add(f.sha256);
    return true;
  });
  const planPeriod = setup.plan.periods.find((p) => p.id === period) ?? periodWithoutPlan(period);
  const units = setup.cat.registry.units.filter((u) =>
    checked.some((f) => f.list?.tallies.some((t) => t.unit === u.code)),
  );
  const outcomes: DeriveOutcome[] = [];
  const folder = await openOutputFolder(opts.out, { lang: opts.lang, command: `derive ${period}` });
  try {
    const taken = new Set<string>();
    for (const unit of units) {
      const mine = checked.filter((f) => f.list?.tallies.some((t) => t.unit === unit.code));
      const errors: Finding[] = mine.flatMap((f) =>
        f.findings.filter(
          (x) => x.severity === 'error' && (x.unit === null || x.unit === unit.code),
        ),
      );
      // A household of no commune would be in no row of the forms, and the total the rows' sum:
      // the forms would say fewer households than the lists hold.
      const registered = subunitsInForce(unit, period).length > 0;
      const unplaced = mine
        .flatMap((f) => (f.list?.tallies ?? []).map((t) => ({ f, t })))
        .filter(({ t }) => t.unit === unit.code && t.subunit === null);
      const homeless = unplaced.reduce((n, { t }) => n + t.householdRows, 0);
      const [firstUnplaced] = unplaced;
      if (registered && firstUnplaced && homeless > 0)
        errors.push(
          makeFinding('derive-households-without-commune', {
            file: firstUnplaced.f.file,
            unit: unit.code,
            params: { households: String(homeless), unit: unit.name },
          }),
        );
      if (errors.length > 0) {
        outcomes.push({ unit, errors });
        continue;
      }
      const file = path.join(opts.out, uniqueFileName(derivedFileName(unit, period), taken));
      const rows = derivedRows(unit, period, mine, setup.run.rules);
      await writeFileAtomic(
        file,
        await renderTemplateXlsx(unit, planPeriod, setup.cat, opts.now, rows),
      );
      const households = mine
        .flatMap((f) => f.list?.tallies ?? [])
        .filter((t) => t.unit === unit.code)
        .reduce((n, t) => n + t.householdRows, 0);
      outcomes.push({ unit, file, households, lists: mine.length });
    }
  } finally {
    folder.close();
  }
  opts.write(renderDeriveSummary(outcomes, opts.lang));
  return outcomes.length > 0 && outcomes.every((o) => 'file' in o) ? EXIT.ok : EXIT.findings;
}

/** Adds `values` into `into`, figure by figure: a figure either cannot give (null) is null. */
function addValues(into: Values, values: Values): void {
  for (const [id, n] of Object.entries(values)) {
    const prev = into[id];
    into[id] = n === null || prev === null ? null : (prev ?? 0) + n;
  }
}
