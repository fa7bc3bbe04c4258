/**
 * The report's workbook, written in a worker thread (`report-xlsx-worker.ts`) started before the
 * submissions are read: exceljs and the writer load on the other core while this one reads, and
 * the workbook is rendered while this thread writes the other formats. The bytes are the very
 * bytes {@link renderReportXlsx} makes in this thread (test/integration/report-xlsx-thread.test.ts).
 *
 * The thread is a speed-up, never a condition: when it cannot start (no built script: the
 * sources run without a build), cannot be sent the report, fails or stops, the workbook is
 * rendered here, as it was before; its failure is only the reason this thread did the work.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { ConsolidatedReport } from '../core/consolidate.js';
import { builtWorker } from '../io/worker-stream.js';
import type { ReportXlsxCatalogue, ReportXlsxOptions } from './report-xlsx.js';
import type { RenderReply, WorkerJob } from './report-xlsx-worker.js';

/** A workbook writer that may be running ahead in another thread. */
export interface ReportXlsxWriter {
  /** The report's workbook (in the thread when it is there, else here). */
  render(
    report: ConsolidatedReport,
    cat: ReportXlsxCatalogue,
    opts: ReportXlsxOptions,
  ): Promise<Buffer>;
  /**
   * Has the thread render a report of the same period with no submission and throw it away,
   * while this thread reads: the real one then runs compiled code. Nothing when there is no
   * thread.
   */
  warm(report: ConsolidatedReport, cat: ReportXlsxCatalogue, opts: ReportXlsxOptions): void;
  /** Where the last workbook was rendered (null: none yet). */
  readonly renderedIn: 'thread' | 'here' | null;
  /** Ends the thread (nothing to render after all: a `--strict` run with units missing). */
  close(): Promise<void>;
}

/** Whether the thread is used (tests turn it off to compare, or on without a build). */
const settings: { enabled: boolean; script: URL | null } = { enabled: true, script: null };

/** Turns the thread on or off, and sets its script (null: the built one). For tests. */
export function setReportXlsxThread(enabled: boolean, script: URL | null = null): void {
  settings.enabled = enabled;
  settings.script = script;
}

/** Renders in this thread: exceljs loaded when first asked for. */
async function renderHere(
  report: ConsolidatedReport,
  cat: ReportXlsxCatalogue,
  opts: ReportXlsxOptions,
): Promise<Buffer> {
  const { renderReportXlsx } = await import('./report-xlsx.js');
  return renderReportXlsx(report, cat, opts);
}

/**
 * Starts the thread now (when it can start, and the machine has a second core for it: on one,
 * the thread's loading would only take turns with the reading); the writer renders there or,
 * failing that, here.
 */
export function startReportXlsx(cores = availableParallelism()): ReportXlsxWriter {
  const url =
    settings.enabled && cores > 1
      ? (settings.script ?? builtWorker('report-xlsx-worker', 'render'))
      : null;
  let thread: Worker | null = null;
  if (url) {
    try {
      const t = new Worker(url);
      // A run that stops early (an error before the report) is not held open by the thread.
      t.unref();
      // A thread that fails or stops before it is asked (its script broken, out of memory) is
      // only gone: its error is no error of the run's, and the workbook is rendered here.
      t.on('error', () => undefined);
      t.once('exit', () => {
        if (thread === t) thread = null;
      });
      thread = t;
    } catch {
      thread = null;
    }
  }
  const end = async (): Promise<void> => {
    const t = thread;
    thread = null;
    if (t) await t.terminate();
  };
  const here = async (
    report: ConsolidatedReport,
    cat: ReportXlsxCatalogue,
    opts: ReportXlsxOptions,
  ): Promise<Buffer> => {
    writer.renderedIn = 'here';
    return renderHere(report, cat, opts);
  };
  const writer = {
    renderedIn: null as 'thread' | 'here' | null,
    warm(report: ConsolidatedReport, cat: ReportXlsxCatalogue, opts: ReportXlsxOptions): void {
      try {
        thread?.postMessage({ kind: 'warm', report, cat, opts } satisfies WorkerJob);
      } catch {
        // Not sent: the real report is rendered all the same.
      }
    },
    async render(
      report: ConsolidatedReport,
      cat: ReportXlsxCatalogue,
      opts: ReportXlsxOptions,
    ): Promise<Buffer> {
      const t = thread;
      if (!t) return here(report, cat, opts);
      const reply = await new Promise<RenderReply | null>((resolve) => {
        const done = (r: RenderReply | null): void => {
          t.off('message', onMessage);
          t.off('error', onError);
          t.off('exit', onExit);
          resolve(r);
        };
        const onMessage = (m: RenderReply): void => {
          done(m);
        };
        const onError = (): void => {
          done(null);
        };
        const onExit = (): void => {
          done(null);
        };
        t.on('message', onMessage);
        t.on('error', onError);
        t.on('exit', onExit);
        // Awaited now: the run stays open for its answer.
        t.ref();
        try {
          t.postMessage({ kind: 'render', report, cat, opts } satisfies WorkerJob);
        } catch {
          // Something in the report does not cross threads: rendered here.
          done(null);
        }
      });
      await end();
      if (reply?.kind !== 'bytes') return here(report, cat, opts);
      writer.renderedIn = 'thread';
      return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
    },
    close: end,
  };
  return writer;
}
