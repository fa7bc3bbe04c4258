/**
 * Rows read in a worker thread and handed over in batches, for the large-list reader of xlsx
 * (read-xlsx-large.ts): the inflating and scanning of a file on one core, the list reader on the
 * other. The worker posts {@link WorkerMessage}s; the reader acknowledges each
 * batch it is done with, which lets the worker run a few batches ahead and no more.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';

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

/**
 * The worker's side of the credits: each batch posted takes one, each the reader acknowledges
 * gives one back, and the worker waits while none is left.
 */
export class Credits {
  private left = CREDITS;
  private wake: (() => void) | null = null;

  /** A batch posted. */
  take(): void {
    this.left--;
  }

  /** A batch the reader is done with. */
  give(): void {
    this.left++;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Resolves once the reader is fewer than {@link CREDITS} batches behind. */
  async wait(): Promise<void> {
    while (this.left <= 0)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
  }
}

/**
 * Runs a worker's `work` (which posts its batches), then says that its rows ended, or the error
 * it met, and closes the port.
 */
export async function serveBatches(port: MessagePort, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    port.postMessage({ kind: 'end' } satisfies WorkerMessage<never>);
  } catch (err) {
    port.postMessage({ kind: 'error', error: describeFailure(err) } satisfies WorkerMessage<never>);
  } finally {
    port.close();
  }
}

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
 * A worker thread started, its words queued as they come: started ahead of its job (see
 * {@link workerBatches}), it is already loaded when the job is ready. Until its batches are
 * asked for it does not keep the process alive, and it may be closed unused.
 */
export class StartedWorker<B> {
  readonly thread: Worker | null;
  /** Why the thread could not start, when it could not. */
  readonly startError: unknown = null;
  /** Whether it was started without its data, which it is then sent as its first message. */
  readonly needsJob: boolean;
  readonly queue: WorkerMessage<B>[] = [];
  // Set by the worker's events (listened to from the start: an error with no listener would
  // stop the run), read by the batches' loop.
  failure: Error | null = null;
  exited = false;
  heard = false;
  private wake: (() => void) | null = null;

  /** Starts `url` with `data` (null: the thread waits for its job, see {@link workerBatches}). */
  constructor(url: URL, data: unknown) {
    this.needsJob = data === null;
    let thread: Worker | null = null;
    try {
      thread = new Worker(url, { workerData: data });
    } catch (err) {
      this.startError = err;
    }
    this.thread = thread;
    if (!thread) return;
    waiting.add(this);
    thread.unref();
    thread.on('message', (m: WorkerMessage<B>) => {
      this.heard = true;
      this.queue.push(m);
      this.notify();
    });
    thread.on('error', (err) => {
      this.failure = err;
      this.notify();
    });
    thread.on('exit', () => {
      this.exited = true;
      this.notify();
    });
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Resolves at the thread's next word, error or exit. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Ends the thread (one started ahead and not needed after all). */
  async close(): Promise<void> {
    waiting.delete(this);
    await this.thread?.terminate().catch(() => undefined);
  }
}

/** The threads started, whose batches were neither asked for nor closed yet. */
const waiting = new Set<StartedWorker<unknown>>();

/** How many threads started are neither read nor closed (for tests: none once a run is done). */
export function workersWaiting(): number {
  return waiting.size;
}

/**
 * The batches a worker thread posts, each acknowledged (`ack`) when the next is asked for.
 * Stopping early ends the worker. `start` is the worker's script, started here with `data`,
 * or a worker {@link StartedWorker started} ahead: with its data already, or with none, when it
 * is sent `data` as its job (`{ kind: 'job', job: data }`).
 *
 * @throws {@link WorkerDidNotStart} when the thread ends before its first word (nothing was
 *   read: the caller may read in this thread instead); the worker's own errors as the reader's.
 */
export async function* workerBatches<B>(
  start: URL | StartedWorker<B>,
  data: unknown,
  ack: (batch: B, worker: Worker) => void,
): AsyncGenerator<B> {
  const w = start instanceof URL ? new StartedWorker<B>(start, data) : start;
  const thread = w.thread;
  if (!thread)
    throw new WorkerDidNotStart('the reading thread could not start', { cause: w.startError });
  // Now the run waits for it.
  waiting.delete(w);
  thread.ref();
  try {
    if (!(start instanceof URL) && w.needsJob && !w.exited)
      thread.postMessage({ kind: 'job', job: data });
    for (;;) {
      const m = w.queue.shift();
      if (!m) {
        if (!w.heard && (w.failure || w.exited))
          throw new WorkerDidNotStart('the reading thread stopped before its first word', {
            cause: w.failure,
          });
        if (w.failure) throw w.failure;
        if (w.exited) throw new Error('the reading thread stopped before the end of the rows');
        await w.next();
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
