/**
 * `povreport remind <paths...>`: run from cron every morning. For each report period due for a
 * reminder on the as-of date, one reminder to every unit without an accepted submission and a
 * summary for the Department — printed, written as .eml files, or sent over SMTP. A message that
 * could not be sent is kept as an .eml file and the run exits 1 naming the units.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { uniqueFileName } from '../core/file-name.js';
import { findingMessage, makeFinding, type Finding } from '../core/finding.js';
import { type Lang } from '../core/lang.js';
import { duePeriods, planReminders, type Reminder } from '../core/schedule.js';
import { isIsoDate, vietnamDate, vietnamMidnight } from '../core/dates-and-numbers.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { checkOutFile, checkOutFolder, checkOutputsAreNotInputs } from '../io/out-folder.js';
import { openOutputFolder } from '../io/output-set.js';
import {
  checkAddress,
  openSmtp,
  toEml,
  type AddressProblem,
  type MailMessage,
  type SendOutcome,
} from '../io/mail.js';
import {
  readRemindState,
  recordSent,
  sentKeys,
  writeRemindState,
  type RemindState,
} from '../io/remind-state.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { composeReminder, remindTerminalText, type ReminderMessage } from '../render/reminders.js';
import { remindToJson, renderRemindText } from '../render/remind-summary.js';

export { DEFAULT_DAYS_BEFORE, REMIND_FORMATS, type RemindFormat } from './choices.js';
export type { RemindJson, RemindMessageJson } from '../render/remind-summary.js';
import { DEFAULT_SMTP_TIMEOUT_SECONDS, type RemindFormat } from './choices.js';
import { consolidateFiles, loadSetup } from './pipeline.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';

/** Where messages that could not be sent are kept when `--out` is not given. */
export const DEFAULT_UNSENT_DIR = 'unsent';

/** Options of `remind`. */
export interface RemindCommandOptions {
  paths: string[];
  plan?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in the current folder. */
  map?: string;
  /** The day to remind for (YYYY-MM-DD); default: today in Vietnam at `now`. */
  asOf?: string;
  /** The office's receipt log (`--receipts`, CSV): its dates are the receipt dates. */
  receipts?: string;
  /** Remind when the due-before date is exactly this many days away. */
  daysBefore: number[];
  /** Once overdue, remind every N days (1: every day) until the unit is accepted. */
  overdueEvery: number;
  format: RemindFormat;
  /** Folder of .eml files (`--format eml`), and of unsent messages with `--send`. */
  out?: string;
  /** `smtp://host:port` (or `smtps://user:pass@host:port`) to send through. */
  send?: string;
  /** `From:` address; default the registry's `issuer.email`. */
  from?: string;
  /** The state file recording what was already sent. */
  state?: string;
  /** Language of the terminal text (the e-mails are always Vietnamese). */
  lang: Lang;
  write: (s: string) => void;
  /** The current time (the `Date:` of the messages, the default as-of date). */
  now: Date;
  /**
   * SMTP connection and greeting timeout in milliseconds (`--smtp-timeout` seconds); default
   * 10 s. After a server failure the remaining letters are kept without trying again.
   */
  smtpTimeoutMs?: number;
}

function checkOptions(opts: RemindCommandOptions): string {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
    throw new ConfigError({
      vi: `--as-of "${opts.asOf}": cần một ngày dạng YYYY-MM-DD, ví dụ 2022-06-08.`,
      en: `--as-of "${opts.asOf}": a date such as 2022-06-08 (YYYY-MM-DD) is needed.`,
    });
  if (opts.daysBefore.some((n) => !Number.isInteger(n) || n < 0))
    throw new ConfigError({
      vi: '--days-before: cần các số nguyên không âm, ví dụ 7,3,1.',
      en: '--days-before: whole numbers of zero or more are needed, e.g. 7,3,1.',
    });
  if (!Number.isInteger(opts.overdueEvery) || opts.overdueEvery < 1)
    throw new ConfigError({
      vi: '--overdue-every: cần một số nguyên dương.',
      en: '--overdue-every: a positive whole number is needed.',
    });
  if (opts.format === 'eml' && !opts.out)
    throw new ConfigError({
      vi: '--format eml cần --out DIR: thư mục ghi các tệp .eml.',
      en: '--format eml needs --out DIR: the folder the .eml files are written to.',
    });
  if (opts.send !== undefined && !/^smtps?:\/\/[^/]/i.test(opts.send))
    throw new ConfigError({
      vi: `--send "${opts.send}": cần địa chỉ dạng smtp://HOST:PORT.`,
      en: `--send "${opts.send}": an smtp://HOST:PORT or smtps:// address is needed.`,
    });
  return opts.asOf ?? vietnamDate(opts.now);
}

/** A stable Message-ID: the same reminder written twice has the same id, so mail clients can tell. */
function messageId(key: string, from: string | undefined): string {
  const domain = /@([^>\s]+)>?$/.exec(from ?? '')?.[1] ?? 'povreport.invalid';
  return `<povreport.${key.replace(/[^A-Za-z0-9.-]+/g, '.')}@${domain}>`;
}

/** A registry address that is not one e-mail address, in words (see io/mail.ts checkAddress). */
const ADDRESS_PROBLEM: Record<AddressProblem, Record<Lang, string>> = {
  empty: { vi: 'địa chỉ trống', en: 'it is empty' },
  control: {
    vi: 'có ký tự xuống dòng hoặc ký tự điều khiển',
    en: 'it holds a line break or a control character',
  },
  several: {
    vi: 'có nhiều hơn một địa chỉ (dấu phẩy, dấu chấm phẩy hoặc nhóm địa chỉ)',
    en: 'it holds more than one address (a comma, a semicolon or a group)',
  },
  'display-name': {
    vi: 'có tên hiển thị, dấu < >, ngoặc kép hoặc dấu cách',
    en: 'it has a display name, angle brackets, quotes or spaces',
  },
  syntax: { vi: 'không đúng dạng ten@mien.vn', en: 'it is not of the form name@domain.vn' },
};

/** A registry entry without an "email" field, in words. */
const NO_ADDRESS: Record<Lang, string> = {
  vi: 'danh mục không ghi địa chỉ thư (trường "email") của đơn vị',
  en: 'the registry gives no address ("email") for the unit',
};

/** A text as JSON writes it, without the quotes: line breaks and controls visible. */
const quoted = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * The message with its recipient checked: `to` is the one address the registry's text is, or
 * null with the finding that says why (the letter is then kept as an .eml without `To:`).
 */
function checkRecipient(
  m: ReminderMessage,
  who: string,
  registryFile: string,
): { message: ReminderMessage; finding?: Finding } {
  // A unit the registry gives no address: its letter can go nowhere either (a cron outbox would
  // drop an .eml without a recipient without a word), said as an empty address is.
  const checked = m.to === null ? null : checkAddress(m.to);
  if (checked?.ok) return { message: { ...m, to: checked.address } };
  const reason = checked ? ADDRESS_PROBLEM[checked.problem] : NO_ADDRESS;
  return {
    message: { ...m, to: null, ...(checked ? { invalidTo: true } : {}) },
    finding: makeFinding('email-invalid', {
      file: registryFile,
      unit: m.unit,
      // Written as JSON writes a string: a line break shows as \r\n, not as a new line.
      params: {
        unit: who,
        address: quoted(m.to ?? ''),
        reasonVi: reason.vi,
        reasonEn: reason.en,
      },
    }),
  };
}

/** `--from` (or the registry's `issuer.email`) as one address, or a usage error (exit 2). */
function checkSender(from: string, given: boolean): string {
  const checked = checkAddress(from);
  if (checked.ok) return checked.address;
  const reason = ADDRESS_PROBLEM[checked.problem];
  throw new ConfigError(
    given
      ? {
          vi: `--from "${quoted(from)}": không phải một địa chỉ thư (${reason.vi}); ghi đúng một địa chỉ dạng ten@mien.vn.`,
          en: `--from "${quoted(from)}": not one e-mail address (${reason.en}); write exactly one address such as name@domain.vn.`,
        }
      : {
          vi: `issuer.email "${quoted(from)}" trong danh mục đơn vị không phải một địa chỉ thư (${reason.vi}); sửa danh mục hoặc dùng --from ADDRESS.`,
          en: `The registry's issuer.email "${quoted(from)}" is not one e-mail address (${reason.en}); fix the registry or use --from ADDRESS.`,
        },
  );
}

/** Runs `remind`; returns the exit code. */
export async function remind(opts: RemindCommandOptions): Promise<ExitCode> {
  const asOf = checkOptions(opts);
  // Where letters are written (every one with --format eml, the unsent ones with --send) and the
  // state file: checked as consolidate's --out is, before anything is read.
  const letterDir =
    opts.format === 'eml' || opts.send !== undefined ? (opts.out ?? DEFAULT_UNSENT_DIR) : undefined;
  if (letterDir !== undefined)
    await checkOutFolder(letterDir, opts.paths, opts.lang, {
      writes: 'files',
      example: 'thu-nhac',
    });
  if (opts.state) await checkOutFile(opts.state, opts.lang, '--state');
  // With neither --plan nor --registry, the plan is the one due nearest the day (the year just
  // ended in January, the year's own from spring), not the registry's first one.
  const setup = await loadSetup(
    opts.plan === undefined && opts.registry === undefined ? { ...opts, asOf } : opts,
  );
  const { cat, plan } = setup;
  const rawFrom = opts.from ?? cat.registry.issuer.email;
  if (opts.send !== undefined && !rawFrom)
    throw new ConfigError({
      vi: '--send cần --from ADDRESS (danh mục đơn vị không có issuer.email để làm địa chỉ gửi).',
      en: '--send needs --from ADDRESS (the registry has no issuer.email to send from).',
    });
  // The sender goes into every letter's headers and the SMTP envelope: one address or nothing.
  const usesFrom = opts.send !== undefined || opts.format === 'eml';
  const from =
    rawFrom !== undefined && usesFrom ? checkSender(rawFrom, opts.from !== undefined) : rawFrom;
  // Expanded even on quiet days: a mistyped inbox path in the crontab shows up on the first run,
  // not on the first due day.
  const files = await expandPathsAllowEmpty(opts.paths);
  // The state file is written: never one of the files being read.
  if (opts.state) await checkOutputsAreNotInputs([opts.state], files, opts.lang, '--state');
  // Read before any work: a broken state file must stop the run before anything is sent.
  let state: RemindState = opts.state ? await readRemindState(opts.state) : { sent: [] };
  const due = duePeriods(plan, asOf, opts.daysBefore, opts.overdueEvery);

  const reminders: Reminder[] = [];
  if (due.length > 0) {
    for (const d of due) {
      // Checked in Vietnamese whatever --lang says: the findings go into the e-mails.
      const report = await consolidateFiles(setup, files, {
        period: d.period.id,
        lang: 'vi',
        now: opts.asOf ? vietnamMidnight(asOf) : opts.now,
        ...(opts.receipts !== undefined ? { receipts: opts.receipts } : {}),
      });
      reminders.push(...planReminders(report, d, cat.registry, asOf));
    }
  }

  const done = sentKeys(state);
  const sender = cat.registry.issuer.departmentName;
  const registryFile = opts.registry ?? cat.registry.id;
  const taken = new Set<string>();
  const addressFindings = new Map<string, Finding>();
  // In registry order, every message of the day, sent or not: a unit keeps the same file name
  // from run to run, so a letter kept yesterday is found and removed once it is sent.
  const all = reminders.map((r) => {
    const m = composeReminder(r, sender);
    const who = m.kind === 'summary' ? `${sender} (issuer.email)` : m.label;
    const checked = checkRecipient(
      { ...m, fileName: uniqueFileName(m.fileName, taken) },
      who,
      registryFile,
    );
    if (checked.finding) addressFindings.set(m.key, checked.finding);
    return checked.message;
  });
  const fresh = all.filter((m) => !done.has(m.key));
  const skipped = all.filter((m) => done.has(m.key)).map((m) => m.key);
  const findings = fresh.flatMap((m) => addressFindings.get(m.key) ?? []);
  const mail = (m: ReminderMessage): MailMessage => ({
    ...(from ? { from } : {}),
    to: m.to,
    subject: m.subject,
    text: m.text,
    date: opts.now,
    messageId: messageId(m.key, from),
  });

  const written = new Map<string, string>();
  const delivery = new Map<string, { ok: boolean; error: string | null }>();
  const sendTo = opts.send !== undefined && from && fresh.length > 0 ? opts.send : undefined;
  // Before anything is sent: the record of what was sent must be writable, or tomorrow's run
  // would send every letter again.
  if (sendTo !== undefined && opts.state) await writeRemindState(opts.state, state);
  // The letters' folder is held (locked) while letters are written into it: made when missing,
  // removed again when this run made it and kept no letter. It must be writable before anything
  // is sent, or a letter that fails would be lost.
  const folder =
    letterDir !== undefined && fresh.length > 0 && (opts.format === 'eml' || sendTo !== undefined)
      ? await openOutputFolder(letterDir, { lang: opts.lang, command: `remind ${asOf}` })
      : undefined;
  try {
    if (opts.format === 'eml' && opts.out)
      for (const m of fresh) {
        const file = path.join(opts.out, m.fileName);
        await writeFileAtomic(file, await toEml(mail(m)));
        written.set(m.key, file);
      }

    if (sendTo !== undefined && from) {
      const unsentDir = opts.out ?? DEFAULT_UNSENT_DIR;
      const smtp = openSmtp(sendTo, from, {
        timeoutMs: opts.smtpTimeoutMs ?? DEFAULT_SMTP_TIMEOUT_SECONDS * 1000,
      });
      let serverDown: string | null = null;
      try {
        for (const m of fresh) {
          const bad = addressFindings.get(m.key);
          const outcome: SendOutcome = bad
            ? { ok: false, error: findingMessage(bad, opts.lang), serverDown: false }
            : serverDown !== null
              ? {
                  ok: false,
                  error: remindTerminalText(opts.lang).notTried(serverDown),
                  serverDown: true,
                }
              : await smtp.send(mail(m));
          if (outcome.ok) {
            delivery.set(m.key, { ok: true, error: null });
            // Recorded at once: a run killed after this letter does not send it again tomorrow.
            if (opts.state) {
              state = recordSent(state, [m.key], opts.now);
              await writeRemindState(opts.state, state);
            }
            // A letter kept from an earlier failed run is now sent: remove it so nobody sends it by hand.
            if (!written.has(m.key)) await rm(path.join(unsentDir, m.fileName), { force: true });
            continue;
          }
          if (outcome.serverDown && serverDown === null) serverDown = outcome.error;
          delivery.set(m.key, { ok: false, error: outcome.error });
          // Never lose a reminder: kept at once where someone can send it by hand, so a run
          // killed later still leaves it.
          if (!written.has(m.key)) {
            const file = path.join(unsentDir, m.fileName);
            await writeFileAtomic(file, await toEml(mail(m)));
            written.set(m.key, file);
          }
        }
      } finally {
        smtp.close();
      }
    }
  } finally {
    folder?.close();
  }
  const failed = fresh.filter((m) => delivery.get(m.key)?.ok === false);

  const outcome = { fresh, skipped, files: written, delivery, findings };
  if (opts.format === 'json')
    opts.write(
      `${JSON.stringify(remindToJson(asOf, due, reminders, outcome, opts.lang), null, 2)}\n`,
    );
  else
    opts.write(
      renderRemindText(reminders, outcome, {
        lang: opts.lang,
        ...(opts.send !== undefined ? { send: opts.send } : {}),
        ...(opts.format === 'eml' ? { emlFolder: opts.out ?? '' } : {}),
      }),
    );

  // Without --send every fresh message was written or printed: recorded now. With --send each
  // letter was recorded as the server accepted it.
  if (opts.state && opts.send === undefined && fresh.length > 0)
    await writeRemindState(
      opts.state,
      recordSent(
        state,
        fresh.map((m) => m.key),
        opts.now,
      ),
    );
  return failed.length > 0 || findings.length > 0 ? EXIT.findings : EXIT.ok;
}
