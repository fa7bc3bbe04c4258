import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_CODE_LIST } from '../../src/core/finding-codes.js';
import { renderCodesTable, replaceCodesTable } from '../../src/render/codes-table.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('lists every finding code, exactly as the catalogue says (npm run docs:codes)', () => {
    expect(replaceCodesTable(readme, renderCodesTable())).toBe(readme);
    for (const code of FINDING_CODE_LIST) expect(readme).toContain(`| \`${code}\` |`);
  });
});
