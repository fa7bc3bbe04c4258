/**
 * A file's bytes read chunk by chunk into two buffers used in turn, the next chunk read while the
 * caller handles this one: the one way a large file is read through (a CSV's splitter, a zip's
 * packed part, a file's digest).
 *
 * Why not a read stream: it hands out a fresh buffer for every chunk, and memory handed out and
 * given back is dear. Reading a province's list (160 MB) that way cost the system about 250 ms,
 * against about 35 ms into buffers used again (measured on the bench machine, a virtual machine
 * where a page touched for the first time is slow; any system pays for it in some measure).
 */
import { open } from 'node:fs/promises';

/**
 * The bytes of the file at `path` from `start` up to `end` (exclusive; Infinity: its end), in
 * chunks of at most `size` bytes. A chunk is lent: its buffer is read into again as soon as the
 * next chunk is asked for, so the caller is done with a chunk when it asks for the next, and keeps
 * a copy of what it keeps. The file is closed when the reading ends, is stopped or fails.
 */
export async function* fileChunks(
  path: string,
  start: number,
  end: number,
  size: number,
): AsyncGenerator<Buffer, void, undefined> {
  const handle = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let turn = 0;
  let at = start;
  const read = (): Promise<{ bytesRead: number }> | null =>
    at < end ? handle.read(buffers[turn] as Buffer, 0, Math.min(size, end - at), at) : null;
  let next = read();
  try {
    while (next) {
      const { bytesRead } = await next;
      next = null;
      if (bytesRead === 0) return;
      const chunk = (buffers[turn] as Buffer).subarray(0, bytesRead);
      at += bytesRead;
      turn ^= 1;
      next = read();
      yield chunk;
    }
  } finally {
    // A read still going is let finish before the file is closed (its failure no longer matters:
    // the reading has ended).
    if (next) await next.catch(() => undefined);
    await handle.close();
  }
}
