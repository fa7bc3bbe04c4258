/**
 * Text from files and data (a file name, a cell, a unit's name, a server's reply) on the terminal:
 * a character that steers the terminal is shown as an escape (`\x1B`, `\r`, `\u202E`) instead of
 * being obeyed, so a file named with an ANSI sequence cannot recolour, clear or rewrite what the
 * user reads, nor a bidirectional override reorder it.
 */

/**
 * What steers a terminal or hides text: C0 controls, DEL, C1 controls (CSI U+009B included), and
 * the invisible format characters: Arabic letter mark, zero-width marks, line and paragraph
 * separators, bidirectional embeddings, overrides and isolates, word joiner and friends, BOM.
 */
const STEERING =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\r': '\\r', '\n': '\\n' };

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * `text` with every steering character written out (`\x1B`, `\r`, `\n`, `\t`, `\u202E`), for a
 * piece of text from data put into a line. `block`: line feeds are kept, for a whole block of
 * output built from such text (a letter, the lines of a command that prints no colour).
 * Idempotent: what it writes steers nothing. Apply it before colouring (colour codes are ours).
 */
export function escapeTerminal(text: string, mode: 'line' | 'block' = 'line'): string {
  return text.replace(STEERING, (ch) => {
    if (ch === '\n' && mode === 'block') return ch;
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}
