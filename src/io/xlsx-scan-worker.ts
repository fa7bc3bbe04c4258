/**
 * The worker thread that inflates and scans one large worksheet while the main thread reads the
 * rows it found (`read-xlsx-large.ts`): on a machine with two cores the scanning of a
 * million-row list no longer waits for the list reader, nor the reader for the scanning.
 *
 * It receives {@link ScanJob} as its data, posts a {@link WorkerMessage} per batch, and never
 * runs ahead of the reader by more than {@link Credits | CREDITS} batches: each batch the reader is done
 * with comes back as an `ack`, so memory stays that of a few batches however fast the scanning
 * is. A reader that stops early ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { BatchWriter, type BatchArrays, type PackedRows } from './scan-batch.js';
import { SheetScanner } from './xlsx-scan.js';
import { Credits, serveBatches, type WorkerMessage } from './worker-stream.js';
import { entryChunks, openZipFile } from './zip-file.js';

/** What to scan. */
export interface ScanJob {
  path: string;
  part: string;
  maxBytes: number;
}

/** What the reader says: done with a batch, whose arrays come back to be filled again. */
export interface ReaderMessage {
  kind: 'ack';
  arrays: BatchArrays;
}

/** Bytes per inflated chunk. */
const CHUNK = 256 * 1024;

async function run(port: NonNullable<typeof parentPort>, job: ScanJob): Promise<void> {
  const credits = new Credits();
  const writer = new BatchWriter();
  port.on('message', (m: ReaderMessage) => {
    writer.recycle(m.arrays);
    credits.give();
  });
  const post = (): void => {
    const { batch, transfer } = writer.take();
    port.postMessage({ kind: 'rows', batch } satisfies WorkerMessage<PackedRows>, transfer);
    credits.take();
  };
  const scanner = new SheetScanner((rc) => {
    writer.add(rc);
    if (writer.full) post();
  });
  await serveBatches(port, async () => {
    const zip = openZipFile(job.path);
    // Chunks of 256 KB: this thread makes little other garbage, so the collector seldom runs, and
    // the inflated chunks it has not yet freed are what this thread's memory is. At 1 MB a chunk
    // they held about 60 MB. At 64 KB the inflater came back to this thread four times as often,
    // and each return cost more than the chunk's scanning saved: on the 1M-row bench list 256 KB
    // took about 0.95× the time of 64 KB (paired runs) and 0.85× that of 1 MB, with the lowest
    // peak memory of the three.
    const chunks = entryChunks(zip, job.part, { maxBytes: job.maxBytes, chunkSize: CHUNK });
    for await (const chunk of chunks) {
      scanner.push(chunk);
      await credits.wait();
    }
    scanner.end();
    if (writer.size > 0) post();
  });
}

if (parentPort) void run(parentPort, workerData as ScanJob);
