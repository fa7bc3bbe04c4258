/**
 * What `remind` shows: the `--format json` document (each fresh message with its recipient, text,
 * file and delivery) and the terminal text (what was sent, written or printed, what failed, the
 * addresses set aside, what was skipped). Pure functions of the day's reminders and outcomes.
 */
import { findingMessage, findingSuggestion, type Finding } from '../core/finding.js';
import type { Lang } from '../core/lang.js';
import type { DuePeriod, Reminder } from '../core/schedule.js';
import { escapeTerminal } from './escape-terminal.js';
import { findingToJson, type FindingJson } from './findings.js';
import {
  messageLine,
  remindTerminalText,
  renderRemindersText,
  type ReminderMessage,
} from './reminders.js';

/** Whether the SMTP server accepted a message, and why not. */
export interface Delivery {
  ok: boolean;
  error: string | null;
}

/** What was done with the day's fresh messages, by message key. */
export interface RemindOutcome {
  /** The messages due and not recorded as sent before, in registry order. */
  fresh: ReminderMessage[];
  /** Keys already recorded in `--state`, not sent again. */
  skipped: string[];
  /** The .eml file written for a message. */
  files: Map<string, string>;
  /** With `--send`: the server's answer to each message tried. */
  delivery: Map<string, Delivery>;
  /** Registry addresses that are not one e-mail address. */
  findings: Finding[];
}

/** How the terminal text is made: the options of the run that decide what it says. */
export interface RemindTextOptions {
  lang: Lang;
  /** The `--send` URL (its password is never shown). */
  send?: string;
  /** The folder the messages were written to as .eml files (`--format eml --out DIR`). */
  emlFolder?: string;
}

/** One message in `remind --format json`. */
export interface RemindMessageJson {
  key: string;
  kind: 'unit' | 'summary';
  period: string;
  /** Unit code, null for the summary. */
  unit: string | null;
  /** The recipient; null when the registry has none, or none that is one address (see `findings`). */
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
  /** With `--send`: whether the SMTP server accepted it (its 250 reply to the end of DATA). */
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
  /** What stopped a letter before sending: a registry address that is not one address. */
  findings: FindingJson[];
}

/** The `remind --format json` document of the day `asOf`. */
export function remindToJson(
  asOf: string,
  due: DuePeriod[],
  reminders: Reminder[],
  outcome: RemindOutcome,
  lang: Lang,
): RemindJson {
  const { fresh, skipped, files, delivery, findings } = outcome;
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
    findings: findings.map((f) => findingToJson(f, lang)),
  };
}

/**
 * The terminal text of `remind`, escaped for the terminal (unit names, addresses and file names
 * are data); empty when there is nothing new, so that cron sends no mail.
 */
export function renderRemindText(
  reminders: Reminder[],
  outcome: RemindOutcome,
  opts: RemindTextOptions,
): string {
  const { fresh, skipped, files, delivery, findings } = outcome;
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
    if (failed.length > 0)
      lines.push(
        t.failedUnits(failed.map((m) => (m.kind === 'summary' ? t.summary : m.label)).join(', ')),
      );
  } else if (opts.emlFolder !== undefined) {
    for (const m of fresh)
      lines.push(`  ${files.get(m.key) ?? m.fileName}  ${messageLine(m, opts.lang)}`);
    lines.push(t.written(fresh.length, opts.emlFolder));
  } else lines.push(renderRemindersText(reminders, fresh, opts.lang).trimEnd());
  for (const f of findings)
    lines.push(
      `  ✖ ${f.code}: ${findingMessage(f, opts.lang)}`,
      `      → ${findingSuggestion(f, opts.lang)}`,
    );
  if (skipped.length > 0) lines.push(t.skipped(skipped.length));
  return escapeTerminal(`${lines.join('\n')}\n`, 'block');
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
