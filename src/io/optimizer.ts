/**
 * How eagerly V8 compiles the tool's functions with its optimizing compiler (TurboFan). By
 * default a function is optimized after a few thousand bytecodes' worth of calls: in a run over
 * a district's few workbooks that is hundreds of functions, compiled on a background thread
 * that shares the machine's cores with the run, each for a few more calls. On the nine shipped
 * districts `validate` spent more time compiling (1.2 s of background work, `node --trace-opt`)
 * than checking, and its wall time was 0.8 s.
 *
 * So `bin/povreport.js` asks for more calls before a function is optimized, and has the others
 * run as Sparkplug (baseline) code rather than interpreted ({@link tuneForShortRuns}): the
 * functions that are really hot are still optimized, early enough.
 * A large file (a province's household list) puts V8's default back ({@link beforeReading}): its
 * few row loops are hot from the first thousand rows, and waiting for them costs time. What the
 * tool computes is the same either way; only its speed differs (`npm run bench` measures both).
 * Node flags the user gave (`node --interrupt-budget=… bin/povreport.js`) are left as they are,
 * and only the CLI tunes it: a library caller or the test runner keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

/** A file this large is read with V8's default tiering. */
export const DEFAULT_TIERING_FROM_BYTES = 2 * 1024 * 1024;

/**
 * The bytecode budget a function spends between V8's looks at it (`--interrupt-budget`): V8's
 * own in Node 20 is 66 KB, optimizing after three looks. 1 MB was the fastest of 0.4, 1, 2 and
 * 4 MB on the nine districts and on a hundred (2 cores, medians of 7 and 3 runs).
 */
export const SHORT_RUN_BUDGET = 1024 * 1024;
const V8_DEFAULT_BUDGET = 66 * 1024;

/**
 * Whether tiering is tuned now, kept on the process's global object: `bin/povreport.js` tunes
 * through the built module before it loads the CLI's bundle (`src/start.ts`), whose own copy of
 * this module must see the same state (a large file puts V8's default back from inside it).
 */
const state: { tuned: boolean } = ((globalThis as unknown as Record<symbol, { tuned: boolean }>)[
  Symbol.for('povreport.tiering')
] ??= { tuned: false });

/** Whether the user chose V8's tiering on node's command line. */
function chosenByUser(execArgv: readonly string[]): boolean {
  return execArgv.some((a) =>
    /^--(no-)?(interrupt-budget|turbofan|opt|jitless|always-sparkplug|sparkplug)\b/.test(a),
  );
}

/**
 * Asks V8 to optimize only the functions a short run calls most, and to run every other function
 * as Sparkplug's machine code from its first call. The larger budget also delays Sparkplug, which
 * V8 starts a function on only after some budget is spent in the interpreter: the run's many
 * functions called a few hundred times each then stayed interpreted throughout. Sparkplug
 * translates the bytecode without analysing it, so compiling all of them costs less than
 * interpreting them (the nine districts: 12% less CPU time, 2 cores, paired runs). Returns
 * whether it tuned.
 */
export function tuneForShortRuns(execArgv: readonly string[] = process.execArgv): boolean {
  if (state.tuned || chosenByUser(execArgv)) return false;
  setFlagsFromString(`--interrupt-budget=${SHORT_RUN_BUDGET}`);
  setFlagsFromString('--always-sparkplug');
  state.tuned = true;
  return true;
}

/** Puts V8's default tiering back if it was tuned for a short run. */
export function defaultTiering(): void {
  if (!state.tuned) return;
  state.tuned = false;
  setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_BUDGET}`);
}

/** Whether tiering is tuned for a short run now. */
export function tunedForShortRuns(): boolean {
  return state.tuned;
}

/** Called with a file's size before it is read: a large one gets V8's default tiering. */
export function beforeReading(bytes: number): void {
  if (bytes >= DEFAULT_TIERING_FROM_BYTES) defaultTiering();
}
