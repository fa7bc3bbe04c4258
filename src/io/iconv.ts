/**
 * iconv-lite, loaded when a text in another encoding than UTF-8 or UTF-16LE first needs decoding
 * (Windows-1258, UTF-16BE, a web page's declared charset). Its tables take 13–16 ms to load,
 * and most runs (xlsx files, UTF-8 CSV) never need them. It is a CommonJS package, so it loads
 * synchronously where it is first asked for.
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');

let loaded: Iconv | null = null;

/** iconv-lite (loaded on the first call). */
export function iconv(): Iconv {
  loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return loaded;
}
