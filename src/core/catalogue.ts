/**
 * Types of the data files in `templates/`: the poverty standard, the forms, the rules and the
 * unit registry. They are data, not code: a new standard or province is a new file.
 */
import type { Bilingual, FindingCode, Severity } from './finding-codes.js';

/** Kind of a form column. */
export type ColumnKind = 'count' | 'percent';

/** One indicator column of a form. */
export interface ColumnSpec {
  /** Stable id (`poor_rate`), used in JSON, plans and rules. */
  id: string;
  /** Canonical Vietnamese heading. */
  heading: string;
  /** English name. */
  en: string;
  kind: ColumnKind;
  /** A missing required column is an error; a missing optional one a warning. */
  required: boolean;
  /** Other headings accepted for this column. */
  variants: string[];
  /** Percent columns: the count over the denominator, × 100. */
  numerator?: string;
  denominator?: string;
}

/** One form (Biểu). */
export interface FormSpec {
  /** `01` … `05`. */
  id: string;
  title: Bilingual;
  /** Sheet names that identify the form. */
  sheetNames: string[];
  columns: ColumnSpec[];
  /**
   * For a form with one column per indicator of the standard: the prefix of those columns' ids
   * (`poor_lack_`), so that a column headed only by an indicator's number is that indicator.
   */
  indicatorPrefix?: string;
}

/** The forms of one standard. */
export interface FormsCatalogue {
  standard: string;
  version: number;
  common: {
    stt: { heading: string; variants: string[] };
    name: { heading: string; variants: string[] };
  };
  forms: FormSpec[];
}

/** Comparison of a rule. */
export type RuleOperator = '==' | '<=' | '>=' | '<' | '>';

/** One check, like a DHIS2 validation rule. */
export interface RuleSpec {
  id: string;
  /** `row`: within one row of one form; `cross-form`: same sub-unit across forms. */
  scope: 'row' | 'cross-form';
  /** The form of a row rule. */
  form?: string;
  /** The finding code reported when the rule fails. */
  code: FindingCode;
  left: string;
  operator: RuleOperator;
  right: string;
  /** Repeat the rule for every id matching this pattern (`poor_lack_*`), written `$`. */
  each?: string;
  /** Severity when it fails (default: the code's); ignored when `levels` is given. */
  severity?: Severity;
  /** Absolute tolerance for the comparison (default 0). */
  tolerance?: number;
  /** Graded tolerances, most severe first: the first one exceeded gives the severity. */
  levels?: { severity: Severity; tolerance: number }[];
  description: Bilingual;
}

/** The rules of one standard. */
export interface RuleSet {
  standard: string;
  version: number;
  rules: RuleSpec[];
}

/** One deprivation indicator of the standard. */
export interface IndicatorSpec {
  number: number;
  id: string;
  dimension: Bilingual;
  name: Bilingual;
}

/** A poverty standard (e.g. Decree 07/2021/NĐ-CP for 2022–2025). */
export interface Standard {
  id: string;
  version: number;
  name: Bilingual;
  legalBasis: string;
  validFromYear: number;
  validToYear: number;
  incomeLines: { unit: string; rural: number; urban: number };
  indicators: IndicatorSpec[];
  /** Id of the forms file in `templates/forms`. */
  forms: string;
  /** Id of the rules file in `templates/rules`. */
  rules: string;
}

/**
 * A sub-unit (commune, ward, town; after 2025 a village) of a reporting unit. Sub-units come and
 * go (communes are merged by resolutions of the National Assembly Standing Committee): an entry
 * carries the dates it existed, so that a 2022 file and a 2025 file of the same unit both match.
 * A commune absorbed into another keeps its own entry with `until`, never a former name of the
 * commune that absorbed it (a 2022 file lists both, as two rows).
 */
export interface SubunitSpec {
  /** Full name with its kind (`Xã Pá Hu`, `Phường Hồng Hà`, `Thị trấn Mù Căng Chải`). */
  name: string;
  /** GSO code, the latest the sub-unit had (codes are reused: see `formerCodes`). */
  code?: string;
  /** Codes it had before (`04267` for Hồng Hà before it took over Nguyễn Phúc's `04264`). */
  formerCodes?: string[];
  /** Other spellings of the same name (`Xã Tà Xi Láng`). */
  variants?: string[];
  /** Names it had before a renaming or a change of kind (`Xã Sơn Thịnh` → `Thị trấn Sơn Thịnh`). */
  former?: string[];
  /** First day it existed (ISO date, inclusive); absent: before any period the registry covers. */
  from?: string;
  /** First day it no longer existed (ISO date, exclusive: the day the merger took effect). */
  until?: string;
  /** Where the dates and names come from, and what is not verified. */
  note?: string;
}

/** A reporting unit (district before 2025, commune after). */
export interface UnitSpec {
  /** GSO code (`139`). */
  code: string;
  /** Full name with its kind (`Huyện Trạm Tấu`). */
  name: string;
  /** The name without its kind (`Trạm Tấu`). */
  short: string;
  /** Other spellings (`Mù Căng Chải`, `TP Yên Bái`). */
  variants: string[];
  /** Where reminders go (the shipped registry uses example addresses). */
  email?: string;
  /** The unit's sub-units; absent when the registry does not list them. */
  subunits?: SubunitSpec[];
}

/** A registry: the province, its issuing department and its reporting units. */
export interface Registry {
  id: string;
  version: number;
  /** Id of the standard the units report against. */
  standard: string;
  /** Id of the default plan file. */
  plan?: string;
  province: { code: string; name: string; place: string };
  issuer: { authority: string; department: string; departmentName: string; email?: string };
  unitLevel: Bilingual;
  subunitLevel: Bilingual;
  units: UnitSpec[];
}

/** The words of the forms' language (`templates/vocabulary/vi.json`); see its `$comment`. */
export interface Vocabulary {
  version: number;
  /** Abbreviation → its meanings. */
  abbreviations: Record<string, string[]>;
  /** A phrase clerks write → the words of the forms it means ("" drops it). */
  synonyms: Record<string, string>;
  /** Words a heading may carry around its meaning; headings are also read without them. */
  fillers: string[];
  englishWords: string[];
  deprivationGroup: string[];
  indicatorNumberWords: string[];
  totalRow: { starts: string[]; words: string[] };
  breakdownRow: string[];
  groupRow: string[];
  subunitKinds: string[];
  childKinds: string[];
  footer: string[];
  /** Words of a group heading saying its columns add to the households or take from them. */
  movementWords: { increase: string[]; decrease: string[] };
}

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

/** One report period of a plan. */
export interface PlanPeriod {
  /** `2022-H1` or `2022`. */
  id: string;
  title: Bilingual;
  /**
   * The literal "due before" date of the plan (ISO): the report is on time when received on the
   * day before at the latest ("trước ngày 15/6" = by 14/6).
   */
  dueBefore: string;
  /** Forms every unit must send for this period. */
  forms: string[];
}

/** A unit's baseline and target in a plan. */
export interface PlanUnitTarget {
  /** Poor-household rate (%) at the baseline (end of the previous year). */
  baselineRate: number;
  /** Target reduction of the poor-household rate this year, in percentage points. */
  targetReduction: number;
  /** Whether the figures are published (true) or illustrative (false). */
  published?: boolean;
  note?: string;
}

/** A plan file (`templates/plans/<id>.json`): periods, due dates, baselines and targets. */
export interface Plan {
  id: string;
  year: number;
  registry: string;
  source: string;
  periods: PlanPeriod[];
  baselineAsOf: string;
  province: PlanUnitTarget;
  units: Record<string, PlanUnitTarget>;
}
