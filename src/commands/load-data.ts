/**
 * Loading a run's data: the data files read (`io/templates.ts`, each checked against its schema),
 * the references between them checked (`core/data-check.ts`), and the catalogue prepared for the
 * checks (headings tokenised, rules compiled). A broken data file stops the run with exit 2
 * before any submission is read.
 */
import type { Catalogue, Plan } from '../core/catalogue.js';
import { compileRules, type CompiledRule } from '../core/compile-rules.js';
import { checkCatalogueReferences, checkPlanReferences } from '../core/data-check.js';
import { chooseStandard, choosePlanByDate, choosePlanByPeriod } from '../core/data-choice.js';
import { ConfigError } from '../core/errors.js';
import { prepareCatalogue } from '../core/headings.js';
import { completeRegistry, provincePlace } from '../core/kind-words.js';
import { formerUnitsOf } from '../core/reform.js';
import type { PreparedRun } from '../core/validate-book.js';
import {
  dataFileError,
  readData,
  readPlan,
  readReforms,
  type DataChoiceOptions,
} from '../io/templates.js';

/** The data of a run: the catalogue, and the plan when there is one. */
export interface LoadedData {
  cat: Catalogue;
  /** The plan named, of the period, or the registry's; absent when there is none. */
  plan?: Plan;
}

/**
 * Loads the data of a run from `dataDir` (default: the shipped `templates/`): the plan (`--plan`,
 * the one whose periods include `--period`, or the registry's), the registry (`--registry`, the
 * plan's, or the default one), the poverty standard the plan's year takes, its forms and rules,
 * and the vocabulary. Every file is checked against its schema and the references between them
 * are checked; a broken file is a `DataFileError`, a choice that cannot be made a `ConfigError`.
 */
export async function loadData(choice: DataChoiceOptions = {}): Promise<LoadedData> {
  const read = await readData(choice, {
    standard: chooseStandard,
    plan: choosePlanByPeriod,
    planByDate: choosePlanByDate,
  });
  // The registry's short and place names, and its kind words, come from the vocabulary.
  const registry = completeRegistry(read.cat.registry, read.cat.vocabulary);
  // Units that list no sub-units (the communes after 2025 list no villages) have their rows
  // checked against the old communes of the reform that made them: a row of an old commune that
  // went into another unit is that unit's figures.
  if (registry.units.some((u) => !u.subunits)) {
    const made = (await readReforms(choice.dataDir)).find((r) => r.reform.after === registry.id);
    if (made) {
      registry.former = formerUnitsOf(made.reform);
      registry.formerPlaces = made.reform.before.map((b) =>
        provincePlace(b.province.name, read.cat.vocabulary),
      );
    }
  }
  const cat: Catalogue = { ...read.cat, registry };
  const issues = checkCatalogueReferences(cat, read.files);
  if (read.plan) issues.push(...checkPlanReferences(read.plan.plan, cat, read.plan.file));
  if (issues.length > 0) throw dataFileError(issues, read.dataDir);
  return { cat, ...(read.plan ? { plan: read.plan.plan } : {}) };
}

/**
 * Loads the registry (a shipped id or a file path), and the standard its plan's year takes with
 * its forms and rules, and the vocabulary: {@link loadData} without a plan or period named.
 */
export async function loadCatalogue(registryRef?: string, dataDir?: string): Promise<Catalogue> {
  const { cat } = await loadData({
    ...(registryRef !== undefined ? { registry: registryRef } : {}),
    ...(dataDir !== undefined ? { dataDir } : {}),
  });
  return cat;
}

/**
 * Loads a plan: `--plan FILE` (or id), else the registry's default plan, from `dataDir` (default:
 * the shipped `templates/`); checked against its schema, the forms and the registry.
 */
export async function loadPlan(cat: Catalogue, planRef?: string, dataDir?: string): Promise<Plan> {
  const read = await readPlan(cat, planRef, dataDir);
  const issues = checkPlanReferences(read.plan, cat, read.file);
  if (issues.length > 0) throw dataFileError(issues, read.dataDir);
  return read.plan;
}

/** Prepares a loaded catalogue for validation (headings tokenised, rules compiled). */
export function prepareRun(cat: Catalogue): PreparedRun {
  let rules: CompiledRule[];
  try {
    rules = compileRules(cat.rules, cat.forms, cat.standard);
  } catch (e) {
    const why = (e as Error).message;
    throw new ConfigError({ vi: `Quy tắc kiểm tra: ${why}`, en: `Rules: ${why}` });
  }
  return { cat, prepared: prepareCatalogue(cat.forms, cat.vocabulary, cat.standard), rules };
}
