/**
 * Shape classes (`feature=value`, see FEATURES in test/helpers/generate-submission.ts) and
 * mutations (`mutation=kind`) that povreport does not read right yet, each with what it does
 * today. In `npm test` random shapes are drawn without them, and a few single-class cases of them
 * run and may fail (the output says which pass); every other case must pass. Remove a class once
 * `npm run property` shows it passing. `PROPERTY_STRICT=1 npm test` ignores this list.
 * Measured before the recognition rewrite (`npm run property -- --cases 400 --sweep 3 --seed 2022`).
 */
export const KNOWN_GAPS: Record<string, string> = {
  // Accepted with wrong figures: the total row is not told by arithmetic.
  'totalLabel=': 'a total row without a label is counted as a commune (figures doubled)',
  'totalLabel=Cộng toàn thị xã': 'label not in the list: counted as a commune (figures doubled)',
  'mutation=unlabeled-total':
    'unlabeled total with a changed commune figure: accepted with doubled figures',
  // Accepted for the wrong period.
  'periodH1=short':
    '"6T/2022" is not read; the period falls back to --period: accepted as the annual report too',
  'periodH1=two-lines':
    '"06 tháng đầu năm" / "Năm 2022" on two lines read as 2022: refused for 2022-H1, accepted for 2022',
  // Refused: headings.
  'band=grouped':
    'missing-column: leaves under group headings ("Hộ nghèo" / "Số hộ | Tỷ lệ | Trong đó: DTTS")',
  'band=grouped3': 'missing-column: three-row heading bands',
  'abbreviate=yes':
    'missing-form / missing-column: vocabulary abbreviations (HCN, TL, ĐK, CK, KG…)',
  'english=row': 'not-a-number: the English heading row is read as a data row',
  'english=same-cell': 'no-form-found: "Số hộ nghèo / Poor households" in one cell',
  'lackLeaf=chi-so': 'missing-form 04/05: indicators headed "Chỉ số 5"',
  'lackLeaf=number-only': 'missing-form 04/05: indicators headed only "1".."12" under a group',
  'numberRow=parens': 'negative-value: "(1)", "(2)" column numbers read as a data row of negatives',
  'numberRow=primes': 'total-mismatch: "1\'", "2\'" column numbers read as a data row',
  // Refused: layout, hierarchy, identity.
  'layout=stacked': 'missing-form: only the first of five forms on one sheet is read',
  'hiddenCopy=last-year': 'duplicate-form: a hidden sheet with last year’s copy',
  'hierarchy=villages':
    'total-mismatch / subunit-duplicate: villages under commune rows are counted as communes',
  'stt=roman-communes': 'needs villages (communes I, II…, villages 1, 2…)',
  'stt=letter-villages': 'needs villages (villages a, b, c…)',
  'stt=dash-villages': 'needs villages (villages numbered "-")',
  'unitPlace=signature': 'unit-unknown: unit named only in the signature block (TM. UBND HUYỆN …)',
};
