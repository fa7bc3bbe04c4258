/**
 * Rows read in a worker thread and handed over in batches, for the large-list reader of xlsx
 * (read-xlsx-large.ts): the inflating and scanning of a file on one core, the list reader on the
 * other. The worker posts {@link WorkerMessage}s; the reader acknowledges each
 * batch it is done with, which lets the worker run a few batches ahead and no more.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { EntryTooLargeError, ZipFileError } from './zip-file.js';

/** What a worker says: a batch, the end of its rows, or why it stopped. */
export type WorkerMessage<B> =
  { kind: 'rows'; batch: B } | { kind: 'end' } | { kind: 'error'; error: WorkerFailure };

/** An error of the worker, in a form that crosses threads. */
export type WorkerFailure =
  | { name: 'ZipFileError'; reason: { vi: string; en: string } }
  | { name: 'EntryTooLargeError'; entry: string; limit: number }
  | { name: 'Error'; message: string };

/**
 * Batches a worker posts ahead of the reader's acknowledgements: enough that neither thread
 * waits for the other's slow moments (at 4, the 1M-row xlsx list took 2–5% longer in paired
 * runs), few enough that memory stays that of some 15 MB of batches.
 */
export const CREDITS = 12;

/** An error as it crosses from the worker (see {@link rethrown}). */
export function describeFailure(err: unknown): WorkerFailure {
  if (err instanceof ZipFileError) return { name: 'ZipFileError', reason: err.reason };
  if (err instanceof EntryTooLargeError)
    return { name: 'EntryTooLargeError', entry: err.entry, limit: err.limit };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}

/** The worker's error as the error the reader in this thread would have thrown. */
function rethrown(f: WorkerFailure): Error {
  if (f.name === 'ZipFileError') return new ZipFileError(f.reason);
  if (f.name === 'EntryTooLargeError') return new EntryTooLargeError(f.entry, f.limit);
  return new Error(f.message);
}

/** The worker thread stopped before it said anything: it could not start. */
export class WorkerDidNotStart extends Error {}

/**
 * A built worker script of `folder` of the sources (this one by default), or null when there is
 * none (then the caller works in this thread). Run from the sources (the test runner), the worker
 * is the built one, which the tests' setup builds first: a worker thread does not go through the
 * runner's TypeScript loader.
 */
export function builtWorker(name: string, folder = 'io'): URL | null {
  const here = import.meta.url;
  const url = here.endsWith('.ts')
    ? new URL(`../../dist/${folder}/${name}.js`, here)
    : new URL(`../${folder}/${name}.js`, here);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * The batches a worker thread posts, each acknowledged (`ack`) when the next is asked for.
 * Stopping early ends the worker.
 *
 * @throws {@link WorkerDidNotStart} when the thread ends before its first word (nothing was
 *   read: the caller may read in this thread instead); the worker's own errors as the reader's.
 */
export async function* workerBatches<B>(
  url: URL,
  data: unknown,
  ack: (batch: B, worker: Worker) => void,
): AsyncGenerator<B> {
  let thread: Worker;
  try {
    thread = new Worker(url, { workerData: data });
  } catch (err) {
    throw new WorkerDidNotStart('the reading thread could not start', { cause: err });
  }
  const queue: WorkerMessage<B>[] = [];
  // Set by the worker's events, read in the loop below.
  const state = { failure: null as Error | null, exited: false, heard: false };
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  thread.on('message', (m: WorkerMessage<B>) => {
    state.heard = true;
    queue.push(m);
    notify();
  });
  thread.on('error', (err) => {
    state.failure = err;
    notify();
  });
  thread.on('exit', () => {
    state.exited = true;
    notify();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (!state.heard && (state.failure || state.exited))
          throw new WorkerDidNotStart('the reading thread stopped before its first word', {
            cause: state.failure,
          });
        if (state.failure) throw state.failure;
        if (state.exited) throw new Error('the reading thread stopped before the end of the rows');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (m.kind === 'end') return;
      if (m.kind === 'error') throw rethrown(m.error);
      yield m.batch;
      ack(m.batch, thread);
    }
  } finally {
    await thread.terminate();
  }
}
