/**
 * Shape classes (`feature=value`, see FEATURES in test/helpers/generate-submission.ts) and
 * mutations (`mutation=kind`) that povreport does not read right yet, each with what it does
 * today. In `npm test` random shapes are drawn without them, and a few single-class cases of them
 * run and may fail (the output says which pass); every other case must pass. Remove a class once
 * `npm run property` shows it passing. `PROPERTY_STRICT=1 npm test` ignores this list.
 * Empty since the recognition by structure and arithmetic (`npm run property -- --cases 400 --sweep 3`
 * with seeds 2022 and 7: every class passes).
 */
export const KNOWN_GAPS: Record<string, string> = {};
