/**
 * Builds dist/ once before the tests, as `npm run build` does (tsc, then the bundle with its code
 * cache, scripts/bundle.mjs), so the end-to-end tests run the binary of the code under test (not
 * a build left over from an earlier checkout).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  execFileSync(process.execPath, [path.join(root, 'scripts/bundle.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
