/**
 * The column ids of a household list, apart from the data files' schemas (`schemas.ts`): the list
 * reader needs them on every run, and importing them from the schemas would load zod, which a run
 * whose data files were checked before does not need (`io/data-cache.ts`).
 */

/** The column ids of a household list (docs: shared reference household-lists.md). */
export const LIST_COLUMN_IDS = [
  'stt',
  'member_stt',
  'household_code',
  'head_name',
  'head_birth_year',
  'head_female',
  'ethnicity',
  'ethnic_minority',
  'members',
  'village',
  'commune',
  'district',
  'area',
  'score_income',
  'score_deprivation',
  'classification',
  'status',
  'meritorious',
  'no_labour',
  'cause',
] as const;
