// The project's reference tables (scripts/data/sources/*.csv): UTF-8 (a BOM allowed), a header
// line, plain comma-separated fields with no quotes. Each row an object by header, texts NFC; a
// line with another number of fields stops the script.
import { readFileSync } from 'node:fs';

/** The rows of a plain CSV file. */
export function readPlainCsv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const keys = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    if (cells.length !== keys.length) throw new Error(`${file}: bad line: ${l}`);
    return Object.fromEntries(keys.map((k, i) => [k, cells[i].normalize('NFC')]));
  });
}
