/**
 * What to undo when the run is interrupted (Ctrl+C, SIGTERM from cron or a service manager): the
 * writers register a synchronous clean-up (remove a temporary file, release a lock) while it is
 * needed, and `src/cli.ts` runs them all before it exits. A kill that cannot be caught (SIGKILL,
 * power loss) is repaired by the next run instead (see output-set.ts).
 */

const cleanups = new Set<() => void>();

/** Registers a clean-up to run if the process is interrupted; returns its removal. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Runs every registered clean-up, newest first; one that fails does not stop the others. */
export function runInterruptCleanups(): void {
  for (const c of [...cleanups].reverse()) {
    cleanups.delete(c);
    try {
      c();
    } catch {
      // Best effort: the process is ending, and the next run repairs what is left.
    }
  }
}

/**
 * The test hook: when `POVREPORT_TEST_KILL_AT` names this point, the process kills itself as a
 * power cut would (SIGKILL: no clean-up runs). Used only by the tests that prove a kill at any
 * moment leaves the output folder whole; no user sets it.
 */
export function killPoint(point: string): void {
  if (process.env.POVREPORT_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}
