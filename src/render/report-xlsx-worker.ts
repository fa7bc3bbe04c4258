/**
 * The worker thread that writes the report's workbook (`report-xlsx-thread.ts`): started when
 * `consolidate` starts, it loads exceljs and the workbook writer while the main thread reads the
 * submissions, so that on a machine with two cores the loading no longer adds to the run. Sent a
 * report with no submission (every unit missing: the same sheets, styles and cells, no figure)
 * it renders it and throws it away, which makes the code the real one runs compiled and warm;
 * then it renders the report it is sent and posts the file's bytes back.
 *
 * Messages, handled in order: {@link WorkerJob}s in, one {@link RenderReply} per `render` out.
 */
import { parentPort } from 'node:worker_threads';

import type { ConsolidatedReport } from '../core/consolidate.js';
import type { ReportXlsxCatalogue, ReportXlsxOptions } from './report-xlsx.js';

/** What to render: `warm`, to throw away; `render`, to send back. */
export interface WorkerJob {
  kind: 'warm' | 'render';
  report: ConsolidatedReport;
  cat: ReportXlsxCatalogue;
  opts: ReportXlsxOptions;
}

/** The workbook's bytes, or why there are none. */
export type RenderReply = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'error'; message: string };

const port = parentPort;
if (port) {
  // Loaded now, before any job: this is the time the thread saves the run.
  let queue: Promise<unknown> = import('./report-xlsx.js').then(async (m) => {
    const { newWorkbook } = await import('../io/exceljs-workbook.js');
    newWorkbook();
    return m;
  });
  const writer = queue as Promise<typeof import('./report-xlsx.js')>;
  port.on('message', (job: WorkerJob) => {
    queue = queue
      .then(async () => (await writer).renderReportXlsx(job.report, job.cat, job.opts))
      .then(
        (buf) => {
          if (job.kind === 'warm') return;
          // Its own memory, moved to the main thread (a Buffer may share a pool: copied then).
          const whole = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
          const bytes = whole
            ? new Uint8Array(buf.buffer as ArrayBuffer, 0, buf.byteLength)
            : new Uint8Array(buf);
          port.postMessage({ kind: 'bytes', bytes } satisfies RenderReply, [bytes.buffer]);
        },
        (err: unknown) => {
          // A warm-up that fails costs nothing: the real report is rendered all the same.
          if (job.kind === 'warm') return;
          const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
          port.postMessage({ kind: 'error', message } satisfies RenderReply);
        },
      );
  });
}
