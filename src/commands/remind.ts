/**
 * `povreport remind <paths...>`: run from cron every morning. For each report period due for a
 * reminder on the as-of date, one reminder to every unit without an accepted submission and a
 * summary for the Department — printed, written as .eml files, or sent over SMTP. A message that
 * could not be sent is kept as an .eml file and the run exits 1 naming the units.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../core/finding.js';
import {
  duePeriods,
  isIsoDate,
  planReminders,
  todayInVietnam,
  vietnamMidnight,
  type DuePeriod,
  type Reminder,
} from '../core/schedule.js';
import { checkWritableDir, writeFileAtomic } from '../io/atomic-write.js';
import { sendAll, toEml, type MailMessage } from '../io/mail.js';
import {
  readRemindState,
  recordSent,
  sentKeys,
  writeRemindState,
  type RemindState,
} from '../io/remind-state.js';
import { ConfigError } from '../io/templates.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { findingToJson, type FindingJson } from '../render/findings.js';
import {
  composeReminder,
  messageLine,
  remindTerminalText,
  renderRemindersText,
  type ReminderMessage,
} from '../render/reminders.js';
import { EXIT, type ExitCode } from './validate.js';

export { DEFAULT_DAYS_BEFORE, REMIND_FORMATS, type RemindFormat } from './choices.js';
import type { RemindFormat } from './choices.js';
import { consolidateFiles, loadSetup } from './pipeline.js';

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
  /** SMTP connection and greeting timeout in milliseconds (tests use a short one). */
  smtpTimeoutMs?: number;
}

/** One message in `remind --format json`. */
export interface RemindMessageJson {
  key: string;
  kind: 'unit' | 'summary';
  period: string;
  /** Unit code, null for the summary. */
  unit: string | null;
  to: string | null;
  subject: string;
  text: string;
  daysLeft: number;
  overdue: boolean;
  /** Unit reminders: why the unit is reminded. */
  status?: 'rejected' | 'missing';
  /** Errors of a rejected submission and the first of them. */
  errors?: number;
  findings?: FindingJson[];
  /** The .eml file written for this message, if any. */
  file: string | null;
  /** With `--send`: whether it was delivered to the SMTP server. */
  sent: boolean | null;
  /** With `--send`: why it was not. */
  error: string | null;
}

/** The `remind --format json` document. */
export interface RemindJson {
  asOf: string;
  /** The periods due for a reminder on `asOf`. */
  due: { period: string; dueBefore: string; daysLeft: number; overdue: boolean }[];
  messages: RemindMessageJson[];
  /** Keys already recorded in `--state`, not sent again. */
  skipped: string[];
  /** Units whose reminders could not be sent (codes; `summary` for the summary). */
  failed: string[];
}

function checkOptions(opts: RemindCommandOptions): string {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
    throw new ConfigError(
      `--as-of "${opts.asOf}": cần một ngày dạng YYYY-MM-DD, ví dụ 2022-06-08 (a date such as 2022-06-08).`,
    );
  if (opts.daysBefore.some((n) => !Number.isInteger(n) || n < 0))
    throw new ConfigError('--days-before: cần các số nguyên không âm, ví dụ 7,3,1.');
  if (!Number.isInteger(opts.overdueEvery) || opts.overdueEvery < 1)
    throw new ConfigError('--overdue-every: cần một số nguyên dương (a positive whole number).');
  if (opts.format === 'eml' && !opts.out)
    throw new ConfigError('--format eml cần --out DIR: thư mục ghi các tệp .eml.');
  if (opts.send !== undefined && !/^smtps?:\/\/[^/]/i.test(opts.send))
    throw new ConfigError(
      `--send "${opts.send}": cần địa chỉ dạng smtp://HOST:PORT (an smtp:// or smtps:// URL).`,
    );
  return opts.asOf ?? todayInVietnam(opts.now);
}

/** A stable Message-ID: the same reminder written twice has the same id, so mail clients can tell. */
function messageId(key: string, from: string | undefined): string {
  const domain = /@([^>\s]+)>?$/.exec(from ?? '')?.[1] ?? 'povreport.invalid';
  return `<povreport.${key.replace(/[^A-Za-z0-9.-]+/g, '.')}@${domain}>`;
}

/** Runs `remind`; returns the exit code. */
export async function remind(opts: RemindCommandOptions): Promise<ExitCode> {
  const asOf = checkOptions(opts);
  const setup = await loadSetup(opts);
  const { cat, plan } = setup;
  const from = opts.from ?? cat.registry.issuer.email;
  if (opts.send !== undefined && !from)
    throw new ConfigError(
      '--send cần --from ADDRESS (danh mục đơn vị không có issuer.email để làm địa chỉ gửi).',
    );
  // Read before any work: a broken state file must stop the run before anything is sent.
  const state: RemindState = opts.state ? await readRemindState(opts.state) : { sent: [] };
  // Expanded even on quiet days: a mistyped inbox path in the crontab shows up on the first run,
  // not on the first due day.
  const files = await expandPathsAllowEmpty(opts.paths);
  const due = duePeriods(plan, asOf, opts.daysBefore, opts.overdueEvery);

  const reminders: Reminder[] = [];
  if (due.length > 0) {
    for (const d of due) {
      // Checked in Vietnamese whatever --lang says: the findings go into the e-mails.
      const report = await consolidateFiles(setup, files, {
        period: d.period.id,
        lang: 'vi',
        now: opts.asOf ? vietnamMidnight(asOf) : opts.now,
      });
      reminders.push(...planReminders(report, d, cat.registry, asOf));
    }
  }

  const done = sentKeys(state);
  const sender = cat.registry.issuer.departmentName;
  const all = reminders.map((r) => composeReminder(r, sender));
  const fresh = all.filter((m) => !done.has(m.key));
  const skipped = all.filter((m) => done.has(m.key)).map((m) => m.key);
  const mail = (m: ReminderMessage): MailMessage => ({
    ...(from ? { from } : {}),
    to: m.to,
    subject: m.subject,
    text: m.text,
    date: opts.now,
    messageId: messageId(m.key, from),
  });

  const written = new Map<string, string>();
  if (opts.format === 'eml' && opts.out)
    for (const m of fresh) {
      const file = path.join(opts.out, m.fileName);
      await writeFileAtomic(file, await toEml(mail(m)));
      written.set(m.key, file);
    }

  const delivery = new Map<string, { ok: boolean; error: string | null }>();
  if (opts.send !== undefined && from && fresh.length > 0) {
    // Before anything is sent: the record of what was sent and the folder for letters that fail
    // must be writable, or tomorrow's run would send every letter again, or a failed one be lost.
    if (opts.state) await writeRemindState(opts.state, state);
    await checkWritableDir(opts.out ?? DEFAULT_UNSENT_DIR);
    const results = await sendAll(fresh.map(mail), opts.send, from, {
      ...(opts.smtpTimeoutMs ? { timeoutMs: opts.smtpTimeoutMs } : {}),
    });
    const unsentDir = opts.out ?? DEFAULT_UNSENT_DIR;
    for (const [i, m] of fresh.entries()) {
      const r = results[i];
      if (r?.ok) {
        delivery.set(m.key, { ok: true, error: null });
        // A letter kept from an earlier failed run is now sent: remove it so nobody sends it by hand.
        if (!written.has(m.key)) await rm(path.join(unsentDir, m.fileName), { force: true });
        continue;
      }
      delivery.set(m.key, { ok: false, error: r?.ok === false ? r.error : 'not attempted' });
      // Never lose a reminder: whatever failed is kept where someone can send it by hand.
      if (!written.has(m.key)) {
        const file = path.join(unsentDir, m.fileName);
        await writeFileAtomic(file, await toEml(mail(m)));
        written.set(m.key, file);
      }
    }
  }
  const failed = fresh.filter((m) => delivery.get(m.key)?.ok === false);

  if (opts.format === 'json')
    opts.write(
      `${JSON.stringify(toJson(asOf, due, reminders, fresh, skipped, written, delivery, opts.lang), null, 2)}\n`,
    );
  else opts.write(renderText(reminders, fresh, skipped, written, delivery, opts));

  if (opts.state) {
    const recorded =
      opts.send !== undefined ? fresh.filter((m) => delivery.get(m.key)?.ok === true) : fresh;
    if (recorded.length > 0)
      await writeRemindState(
        opts.state,
        recordSent(
          state,
          recorded.map((m) => m.key),
          opts.now,
        ),
      );
  }
  return failed.length > 0 ? EXIT.findings : EXIT.ok;
}

function toJson(
  asOf: string,
  due: DuePeriod[],
  reminders: Reminder[],
  fresh: ReminderMessage[],
  skipped: string[],
  files: Map<string, string>,
  delivery: Map<string, { ok: boolean; error: string | null }>,
  lang: Lang,
): RemindJson {
  const byKey = new Map(reminders.map((r) => [r.key, r]));
  return {
    asOf,
    due: due.map((d) => ({
      period: d.period.id,
      dueBefore: d.period.dueBefore,
      daysLeft: d.daysLeft,
      overdue: d.overdue,
    })),
    messages: fresh.map((m) => {
      const r = byKey.get(m.key);
      const d = delivery.get(m.key);
      return {
        key: m.key,
        kind: m.kind,
        period: m.period,
        unit: m.unit,
        to: m.to,
        subject: m.subject,
        text: m.text,
        daysLeft: r?.daysLeft ?? 0,
        overdue: r?.overdue ?? false,
        ...(r?.kind === 'unit'
          ? {
              status: r.status,
              errors: r.errors,
              findings: r.findings.map((f) => findingToJson(f, lang)),
            }
          : {}),
        file: files.get(m.key) ?? null,
        sent: d ? d.ok : null,
        error: d?.error ?? null,
      };
    }),
    skipped,
    failed: fresh.filter((m) => delivery.get(m.key)?.ok === false).map((m) => m.unit ?? 'summary'),
  };
}

function renderText(
  reminders: Reminder[],
  fresh: ReminderMessage[],
  skipped: string[],
  files: Map<string, string>,
  delivery: Map<string, { ok: boolean; error: string | null }>,
  opts: RemindCommandOptions,
): string {
  // Nothing new: print nothing at all, so cron sends no mail.
  if (fresh.length === 0) return '';
  const t = remindTerminalText(opts.lang);
  const lines: string[] = [];
  if (opts.send !== undefined) {
    const ok = fresh.filter((m) => delivery.get(m.key)?.ok === true);
    lines.push(t.sent(ok.length, fresh.length, redactUrl(opts.send)));
    for (const m of fresh) {
      const d = delivery.get(m.key);
      if (d?.ok) lines.push(`  ✔ ${messageLine(m, opts.lang)}`);
      else
        lines.push(
          `  ✖ ${t.failed(messageLine(m, opts.lang), d?.error ?? '?', files.get(m.key) ?? '?')}`,
        );
    }
    const failed = fresh.filter((m) => delivery.get(m.key)?.ok === false);
    if (failed.length > 0) lines.push(t.failedUnits(failed.map((m) => m.label).join(', ')));
  } else if (opts.format === 'eml') {
    for (const m of fresh)
      lines.push(`  ${files.get(m.key) ?? m.fileName}  ${messageLine(m, opts.lang)}`);
    lines.push(t.written(fresh.length, opts.out ?? ''));
  } else lines.push(renderRemindersText(reminders, fresh, opts.lang).trimEnd());
  if (skipped.length > 0) lines.push(t.skipped(skipped.length));
  return `${lines.join('\n')}\n`;
}

/** The SMTP URL without its password, for the terminal and cron's mail. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
