// Writes the JSON Schemas of the data files (templates/schema/<kind>.schema.json) from the zod
// schemas in src/core/schemas.ts (through the build in dist/), for editors that check the files
// as they are typed. `npm run schemas` writes them; `--check` exits 1 when they are out of date
// (the test suite runs the same comparison).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { dataJsonSchemas, schemaFileText } from '../dist/core/schemas.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates', 'schema');
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [kind, schema] of Object.entries(dataJsonSchemas())) {
  const file = path.join(dir, `${kind}.schema.json`);
  const text = schemaFileText(schema);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (old === text) continue;
  stale++;
  if (check)
    console.error(`${path.relative(process.cwd(), file)} is out of date; run npm run schemas`);
  else {
    writeFileSync(file, text);
    console.log(`${path.relative(process.cwd(), file)} written`);
  }
}
if (check && stale > 0) process.exit(1);
