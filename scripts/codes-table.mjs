// Regenerates the finding-codes table of README.md from the catalogue in src/core/finding-codes.ts
// (through the build in dist/). `npm run docs:codes` writes it; `--check` exits 1 when the README
// is out of date (the test suite runs the same comparison).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { renderCodesTable, replaceCodesTable } from '../dist/render/codes-table.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const text = readFileSync(readme, 'utf8');
const next = replaceCodesTable(text, renderCodesTable());
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('README.md: the finding-codes table is out of date; run npm run docs:codes');
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(readme, next);
  console.log('README.md: finding-codes table updated');
}
