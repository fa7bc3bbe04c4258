/**
 * Reading the consolidated report of the previous period (`consolidate --previous FILE`, or
 * `tong-hop-<previous period>.json` found in `--out`) as JSON. Only a regular file is opened, and
 * without blocking, so that a pipe in its place cannot hang the run; what is in it is checked by
 * `commands/previous.ts`.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ConfigError, errnoCode } from '../core/errors.js';
import { parseJsonText } from '../core/json-text.js';

/** A report JSON larger than this is no report povreport wrote (the 2022 report is ~100 kB). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

const WHAT = { vi: 'Báo cáo kỳ trước', en: 'Previous report' } as const;

/** What is at a path: a regular file, nothing, or something else (a folder, a pipe). */
export async function reportFileKind(file: string): Promise<'file' | 'none' | 'other'> {
  try {
    return (await stat(file)).isFile() ? 'file' : 'other';
  } catch (e) {
    return errnoCode(e) === 'ENOENT' ? 'none' : 'other';
  }
}

/**
 * Reads a report file as JSON (a BOM is allowed; keys that could reach an object's prototype are
 * dropped), or fails with a ConfigError naming the file and what is wrong.
 */
export async function readReportJson(file: string): Promise<unknown> {
  const fail = (vi: string, en: string): ConfigError =>
    new ConfigError({
      vi: `${WHAT.vi} (${WHAT.en}): ${file}: ${vi} (${en})`,
      en: `${WHAT.en}: ${file}: ${en}`,
    });
  let text: string;
  try {
    // O_NONBLOCK is POSIX only (undefined on Windows, where there are no such pipes to fear).
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const st = await handle.stat();
      if (!st.isFile())
        throw fail(
          'không phải tệp thông thường (là thư mục, đường ống hoặc thiết bị)',
          'not a regular file (a folder, a pipe or a device)',
        );
      if (st.size > MAX_REPORT_BYTES)
        throw fail(
          `tệp quá lớn (${st.size} byte) để là báo cáo tổng hợp`,
          `too large (${st.size} bytes) to be a consolidated report`,
        );
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT') throw fail('không tìm thấy tệp', 'file not found');
    if (code === 'EISDIR') throw fail('là một thư mục, không phải tệp', 'is a folder, not a file');
    if (code === 'EACCES' || code === 'EPERM')
      throw fail('không có quyền đọc tệp', 'no permission to read the file');
    throw fail(`không đọc được tệp: ${String(e)}`, `cannot read the file: ${String(e)}`);
  }
  try {
    return parseJsonText(text);
  } catch (e) {
    const why = (e as Error).message;
    throw fail(`không phải JSON hợp lệ: ${why}`, `not valid JSON: ${why}`);
  }
}
