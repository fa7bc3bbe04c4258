/**
 * iconv-lite, loaded when a text in another encoding than UTF-8, UTF-16LE or Windows-1258 first
 * needs decoding (UTF-16BE, a web page's declared charset). Its tables take 13–16 ms to load,
 * and most runs (xlsx files, UTF-8 and Windows-1258 CSV) never need them. It is a CommonJS
 * package, so it loads synchronously where it is first asked for.
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');

let loaded: Iconv | null = null;

/** iconv-lite (loaded on the first call). */
export function iconv(): Iconv {
  loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return loaded;
}

/**
 * The bytes Windows-1258 leaves undefined: Node's decoder gives each as the C1 control of its
 * number, iconv-lite (the tool's decoder before) as U+FFFD. Only these bytes decode to these
 * characters.
 */
const UNDEFINED_IN_1258 = /[\u0081\u008a\u008d-\u0090\u009a\u009d\u009e]/g;

/** Node's own Windows-1258 decoder; null in a Node built without ICU's tables. */
let decoder1258: InstanceType<typeof TextDecoder> | null | undefined;

/**
 * Decodes Windows-1258, the "ANSI" code page of a Vietnamese Windows, exactly as iconv-lite
 * does, without loading iconv-lite: a district's CSV is saved so more often than not.
 */
export function decodeWindows1258(bytes: Buffer): string {
  if (decoder1258 === undefined)
    try {
      decoder1258 = new TextDecoder('windows-1258');
    } catch {
      decoder1258 = null;
    }
  if (decoder1258 === null) return iconv().decode(bytes, 'windows1258');
  return decoder1258.decode(bytes).replace(UNDEFINED_IN_1258, '\uFFFD');
}
