/**
 * What a command says about an earlier, interrupted run found in its output folder
 * (`io/output-set.ts`): a stale lock removed, a replacement finished, temporary files removed.
 * One text for every command that writes a set of files; `set` names what it writes.
 */
import type { Lang } from '../core/lang.js';
import type { OutputNote } from '../io/output-set.js';

/** How a command names the set it writes, and what it says when the old set was left whole. */
export interface OutputSetWords {
  /** "bộ báo cáo" / "the report". */
  vi: string;
  en: string;
  /** Said after removing temporary files, when the command's old set is known to be whole. */
  oldWhole?: { vi: string; en: string };
}

/** The sentence for one note of the output folder, in `lang`. */
export function outputNoteText(n: OutputNote, lang: Lang, set: OutputSetWords): string {
  const whole = set.oldWhole ? `; ${set.oldWhole[lang]}` : '';
  if (lang === 'en')
    return n.kind === 'stale-lock'
      ? `An earlier run (process ${n.pid}, started ${n.startedAt}) stopped before finishing; its lock on the folder was removed.`
      : n.kind === 'finished-swap'
        ? `An earlier run was stopped while replacing ${set.en}; the replacement was completed: ${n.files.join(', ')}.`
        : `Removed the unfinished temporary files of an earlier, interrupted run${whole}.`;
  return n.kind === 'stale-lock'
    ? `Lần chạy trước (tiến trình ${n.pid}, bắt đầu lúc ${n.startedAt}) đã dừng giữa chừng; đã gỡ khóa thư mục của nó.`
    : n.kind === 'finished-swap'
      ? `Lần chạy trước bị ngắt khi đang thay ${set.vi}; đã hoàn tất việc thay: ${n.files.join(', ')}.`
      : `Đã xóa các tệp tạm dở dang của một lần chạy trước bị ngắt${whole}.`;
}
