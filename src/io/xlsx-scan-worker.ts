/**
 * The worker thread that inflates and scans one large worksheet while the main thread reads the
 * rows it found (`read-xlsx-large.ts`): on a machine with two cores the scanning of a
 * million-row list no longer waits for the list reader, nor the reader for the scanning.
 *
 * It receives {@link ScanJob} as its data, posts {@link ScanMessage}s, and never runs ahead of the
 * reader by more than {@link CREDITS} batches: each batch the reader is done with comes back as
 * an `ack`, so memory stays that of a few batches however fast the scanning is.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { BatchWriter, type BatchArrays, type PackedRows } from './scan-batch.js';
import { SheetScanner } from './xlsx-scan.js';
import { entryChunks, EntryTooLargeError, openZipFile, ZipFileError } from './zip-file.js';

/** What to scan. */
export interface ScanJob {
  path: string;
  part: string;
  maxBytes: number;
}

/** What the worker says: a batch of rows, the end of the part, or why it stopped. */
export type ScanMessage =
  { kind: 'rows'; batch: PackedRows } | { kind: 'end' } | { kind: 'error'; error: ScanFailure };

/** What the reader says: done with a batch (its arrays come back to be filled again), or stop. */
export type ReaderMessage = { kind: 'ack'; arrays: BatchArrays } | { kind: 'stop' };

/** An error of the worker, in a form that crosses threads. */
export type ScanFailure =
  | { name: 'ZipFileError'; reason: { vi: string; en: string } }
  | { name: 'EntryTooLargeError'; entry: string; limit: number }
  | { name: 'Error'; message: string };

/** Bytes per inflated chunk. */
const CHUNK = 64 * 1024;

/** Batches posted ahead of the reader's acknowledgements. */
export const CREDITS = 4;

async function run(port: NonNullable<typeof parentPort>, job: ScanJob): Promise<void> {
  let credits = CREDITS;
  let stopped = false;
  let wake: (() => void) | null = null;
  const writer = new BatchWriter();
  port.on('message', (m: ReaderMessage) => {
    if (m.kind === 'ack') {
      credits++;
      writer.recycle(m.arrays);
    } else stopped = true;
    wake?.();
  });
  const post = (): void => {
    const { batch, transfer } = writer.take();
    port.postMessage({ kind: 'rows', batch } satisfies ScanMessage, transfer);
    credits--;
  };
  const scanner = new SheetScanner((rc) => {
    writer.add(rc);
    if (writer.full) post();
  });
  try {
    const zip = openZipFile(job.path);
    // Small chunks: this thread makes little other garbage, so the collector seldom runs, and the
    // inflated chunks it has not yet freed are what this thread's memory is. At 1 MB a chunk they
    // held about 60 MB; at 64 KB they hold a few (same speed; measured on the 1M-row bench list).
    const chunks = entryChunks(zip, job.part, { maxBytes: job.maxBytes, chunkSize: CHUNK });
    for await (const chunk of chunks) {
      scanner.push(chunk);
      while (credits <= 0 && !stopped)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      wake = null;
      if (stopped) break;
    }
    scanner.end();
    if (writer.size > 0 && !stopped) post();
    port.postMessage({ kind: 'end' } satisfies ScanMessage);
  } catch (err) {
    port.postMessage({ kind: 'error', error: describe(err) } satisfies ScanMessage);
  } finally {
    port.close();
  }
}

function describe(err: unknown): ScanFailure {
  if (err instanceof ZipFileError) return { name: 'ZipFileError', reason: err.reason };
  if (err instanceof EntryTooLargeError)
    return { name: 'EntryTooLargeError', entry: err.entry, limit: err.limit };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}

if (parentPort) void run(parentPort, workerData as ScanJob);
