/**
 * Types of the data files in `templates/`: the poverty standard, the forms, the rules, the unit
 * registry and the plan. They are data, not code: a new standard or province is a new file. The
 * types come from the files' schemas (`core/schemas.ts`), which also check the files when loaded.
 */
export type {
  ColumnKind,
  ColumnSpec,
  FormSpec,
  FormsCatalogue,
  IndicatorSpec,
  Plan,
  PlanPeriod,
  PlanUnitTarget,
  Registry,
  RuleOperator,
  RuleSet,
  RuleSpec,
  Standard,
  SubunitSpec,
  UnitSpec,
  Vocabulary,
} from './schemas.js';
import type {
  FormSpec,
  FormsCatalogue,
  Registry,
  RuleSet,
  Standard,
  Vocabulary,
} from './schemas.js';

/** Everything validation needs, loaded once. */
export interface Catalogue {
  standard: Standard;
  forms: FormsCatalogue;
  rules: RuleSet;
  registry: Registry;
  vocabulary: Vocabulary;
}

/** Finds a form's spec by id. */
export function formSpec(cat: FormsCatalogue, id: string): FormSpec | undefined {
  return cat.forms.find((f) => f.id === id);
}
