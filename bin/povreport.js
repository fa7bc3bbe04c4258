#!/usr/bin/env node
// Thin shim: the CLI lives in dist/cli.js (built by `npm run build`, run by `npm ci` via `prepare`).
import { main } from '../dist/cli.js';
import { tuneForShortRuns } from '../dist/io/optimizer.js';

// V8 optimizes only the functions a short run calls most; a large file puts its default back
// (dist/io/optimizer.js says why).
tuneForShortRuns();

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Last resort: src/cli.ts already turns every expected failure into a message and exit code.
    process.stderr.write(
      `povreport: internal error, please report it with the command you ran.\n${String(err)}\n`,
    );
    process.exitCode = 3;
  },
);
