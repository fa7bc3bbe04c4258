/** One entry of {@link buildZip}. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Store instead of deflating. */
  store?: boolean;
  /** `data` already deflated, to write as it is. */
  deflated?: Buffer;
  /** The uncompressed size the headers claim (a lie, for bombs); default the real one. */
  claim?: number;
}

/** How {@link buildZip} writes: deflate level (default 9) and the entries' MS-DOS time and date. */
export interface ZipOptions {
  level?: number;
  dosTime?: number;
  dosDate?: number;
}

/** Builds a zip archive; the local headers and the directory agree, `claim` included. */
export function buildZip(entries: ZipEntry[], options?: ZipOptions): Buffer;
