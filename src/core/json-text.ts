/**
 * Parsing the JSON files the tool reads (data files, the teaching file, the remind state): a BOM
 * is allowed, and keys that could reach an object's prototype are dropped while parsing, so that
 * no later `obj[key] = …`, spread or lookup can be steered by them.
 */

/** Keys dropped from every JSON object the tool reads. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * Parses JSON text without the keys of {@link PROTOTYPE_KEYS}; throws a SyntaxError for text
 * that is not JSON.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''), (key: string, value: unknown) =>
    PROTOTYPE_KEYS.has(key) ? undefined : value,
  ) as unknown;
}
