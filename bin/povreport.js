#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm run build`, run by `npm ci` via `prepare`),
// loaded from its bundle with V8's code cache when it is current (dist/start.js says why).
import { tuneForShortRuns } from '../dist/io/optimizer.js';
import { loadCli } from '../dist/start.js';

// V8 optimizes only the functions a short run calls most; a large file puts its default back
// (dist/io/optimizer.js says why). Tuned before the bundle is loaded: V8 takes a code cache only
// under the flags it was made with, and the warm-up that made it was tuned the same way.
tuneForShortRuns();

loadCli()
  .then(({ cli }) => cli.main(process.argv))
  .then(
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
