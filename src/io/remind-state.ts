/**
 * The `--state` file of `remind`: which reminders already went out, so a cron job that runs twice
 * on the same day does not send the same reminder twice. A JSON file `{ "sent": [{ key, at }] }`
 * with keys `period|unit|as-of`, written atomically.
 */
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../core/json-text.js';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigError, errnoCode } from '../core/errors.js';

/** One message recorded as sent (or written). */
export interface SentEntry {
  /** `2022-H1|139|2022-06-08`; `summary` in place of the unit code for the Department's summary. */
  key: string;
  /** When it was sent (ISO instant). */
  at: string;
}

/** The content of a state file. */
export interface RemindState {
  sent: SentEntry[];
}

const isEntry = (v: unknown): v is SentEntry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as SentEntry).key === 'string' &&
  typeof (v as SentEntry).at === 'string';

/**
 * Reads a state file. A missing file is an empty state (the first run). A file that cannot be
 * read or understood is a configuration error: guessing "empty" would resend every reminder to
 * every district.
 */
export async function readRemindState(file: string): Promise<RemindState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { sent: [] };
    throw new ConfigError({
      vi: `--state: không đọc được ${file} (${String(e)})`,
      en: `--state: cannot read ${file} (${String(e)})`,
    });
  }
  let v: unknown;
  try {
    v = parseJsonText(text);
  } catch (e) {
    throw new ConfigError({
      vi: `--state: ${file} không phải JSON hợp lệ (${(e as Error).message}); sửa hoặc xoá tệp này nếu chắc chắn muốn gửi lại mọi thư nhắc.`,
      en: `--state: ${file} is not valid JSON (${(e as Error).message}); fix it, or delete it if you are sure every reminder should be sent again.`,
    });
  }
  const sent = (v as { sent?: unknown } | null)?.sent;
  if (typeof v !== 'object' || v === null || !Array.isArray(sent) || !sent.every(isEntry))
    throw new ConfigError({
      vi: `--state: ${file} không đúng dạng { "sent": [{ "key", "at" }] }; sửa hoặc xoá tệp này nếu chắc chắn muốn gửi lại mọi thư nhắc.`,
      en: `--state: ${file} is not a reminder state file ({ "sent": [{ "key", "at" }] }); fix it, or delete it if you are sure every reminder should be sent again.`,
    });
  return { sent };
}

/** The keys already recorded. */
export function sentKeys(state: RemindState): Set<string> {
  return new Set(state.sent.map((e) => e.key));
}

/** The state with `keys` recorded as sent at `at` (keys already there are kept as they were). */
export function recordSent(state: RemindState, keys: string[], at: Date): RemindState {
  const known = sentKeys(state);
  const added = [...new Set(keys)]
    .filter((k) => !known.has(k))
    .map((key) => ({ key, at: at.toISOString() }));
  return { sent: [...state.sent, ...added] };
}

/** Writes the state atomically, so a crash mid-write cannot leave a file that blocks the next run. */
export async function writeRemindState(file: string, state: RemindState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
