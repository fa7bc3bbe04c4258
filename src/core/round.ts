/**
 * Rounding as spreadsheets do it: half away from zero on the decimal value a person reads, not on
 * the binary float (2175 / 100000 × 100 is 2.1749999… in binary, 2.175 to Excel, which shows 2.18).
 * Every rate of the report goes through here so the JSON agrees with the workbook's ROUND formulas.
 */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** digits;
  // 15 significant digits is the precision Excel computes and displays with.
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / scale;
}
