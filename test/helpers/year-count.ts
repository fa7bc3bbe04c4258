/**
 * How often a birth year stands in a text as a number of its own (also written 1.931 or 1,931):
 * the personal-data tests' check. Not inside a random token (a file's SHA-256, a MIME boundary,
 * a Message-ID) that happens to hold its four digits between letters or digits.
 */
export function yearCount(text: string, year: number): number {
  const s = String(year);
  const spaced = `${s[0] ?? ''}[.,]${s.slice(1)}`;
  return (
    text.match(new RegExp(`(?<![\\dA-Za-z.,])(?:${s}|${spaced})(?![\\dA-Za-z]|[.,]\\d)`, 'g')) ?? []
  ).length;
}
