/**
 * E-mail at the edge: reminders as RFC 5322 messages (.eml files anyone can open in Outlook or
 * Thunderbird and send by hand), sending them over SMTP with nodemailer, and checking that an
 * address from the registry is one address. A message that could not be sent is never dropped:
 * the caller keeps it as an .eml file.
 */
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** One plain-text message. */
export interface MailMessage {
  /** Sender (`From:`); may be omitted for an .eml written for someone to send by hand. */
  from?: string;
  /** Recipient; null when unknown (written as an .eml without `To:`, never sent). */
  to: string | null;
  subject: string;
  text: string;
  /** `Date:` header. */
  date: Date;
  /** `Message-ID:` with its angle brackets; the same reminder keeps the same id. */
  messageId?: string;
}

/** The outcome of sending one message. */
export type SendResult =
  | { ok: true; message: MailMessage; response: string }
  | { ok: false; message: MailMessage; error: string };

function mailOptions(m: MailMessage, from?: string): Mail.Options {
  const sender = from ?? m.from;
  return {
    ...(sender ? { from: sender } : {}),
    ...(m.to ? { to: m.to } : {}),
    subject: m.subject,
    text: m.text,
    date: m.date,
    ...(m.messageId ? { messageId: m.messageId } : {}),
    // Vietnamese is mostly non-ASCII: nodemailer picks base64 or quoted-printable and RFC 2047
    // encoded words for the subject; utf-8 is stated so old clients do not guess Windows-1258.
    textEncoding: 'quoted-printable',
  };
}

/**
 * The message as RFC 5322 bytes: UTF-8 subject in encoded words, `text/plain; charset=utf-8`
 * body in quoted-printable, CRLF line ends.
 */
export async function toEml(m: MailMessage): Promise<Buffer> {
  return new MailComposer(mailOptions(m)).compile().build();
}

/** Connection options for `smtp://` and `smtps://` URLs. */
export interface SmtpOptions {
  /**
   * Milliseconds to wait for the connection, for the greeting, and (three times as long) for any
   * reply once talking.
   */
  timeoutMs: number;
}

/**
 * nodemailer's codes for a failure of the server or the way to it (no connection, no greeting,
 * a timeout, TLS, login, a reply that makes no sense), as opposed to a refusal of one message:
 * after one of these the next letter would only wait as long again.
 */
const SERVER_FAILURES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'EPROTOCOL',
]);

/** The outcome of one letter handed to the server. */
export type SendOutcome =
  | { ok: true; response: string }
  | {
      ok: false;
      error: string;
      /** The server (or the way to it) failed, not this letter: do not try the next one. */
      serverDown: boolean;
    };

/** One SMTP server to send letters through, one at a time. */
export interface SmtpSender {
  /**
   * Sends one letter; `ok` only once the server has accepted it (its 250 reply to the end of
   * DATA). Never throws.
   */
  send(message: MailMessage): Promise<SendOutcome>;
  /** Closes the connection. */
  close(): void;
}

/**
 * The SMTP server of `smtpUrl` (`smtp://host:port`, credentials in the URL if any), sending as
 * `from`. Connecting, the greeting and each reply are bounded by `timeoutMs`, so a server that
 * accepts the connection and says nothing costs seconds, not minutes.
 */
export function openSmtp(smtpUrl: string, from: string, opts: SmtpOptions): SmtpSender {
  const timeout = opts.timeoutMs;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    dnsTimeout: timeout,
    socketTimeout: 3 * timeout,
  });
  return {
    async send(message) {
      if (!message.to)
        return { ok: false, error: 'no recipient address in the registry', serverDown: false };
      try {
        const info = await transport.sendMail(mailOptions(message, from));
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0)
          return { ok: false, error: `rejected: ${rejected.join(', ')}`, serverDown: false };
        return { ok: true, response: info.response };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        return {
          ok: false,
          error: e instanceof Error ? e.message : String(e),
          serverDown: typeof code === 'string' && SERVER_FAILURES.has(code),
        };
      }
    },
    close() {
      transport.close();
    },
  };
}

/** Why a registry's address is not one e-mail address a letter can go to. */
export type AddressProblem = 'empty' | 'control' | 'several' | 'display-name' | 'syntax';

// RFC 5321 mailbox, the plain form only: a dot-atom local part, a domain of letters, digits and
// hyphens with a top-level label. No quoted local parts, no address literals.
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const MAILBOX = new RegExp(
  `^${ATEXT}(?:\\.${ATEXT})*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}$`,
);
// Line breaks and other controls end a header early; bidirectional and invisible characters make
// the address read as another one.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/**
 * Checks that `raw` (a registry's `email`) is exactly one plain address (`ten@mien.vn`): parsed
 * with nodemailer's own address parser, it must be a single mailbox with no display name and no
 * group, equal to the text itself, without line breaks or control characters. Anything else
 * (`a@x.vn\r\nBcc: …`, `a@x.vn, b@y.vn`, `"a@x.vn" <b@y.vn>`) would send the letter elsewhere
 * or nowhere.
 */
export function checkAddress(
  raw: string,
): { ok: true; address: string } | { ok: false; problem: AddressProblem } {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (CONTROL.test(text)) return { ok: false, problem: 'control' };
  const parsed = addressparser(text, { flatten: true });
  if (parsed.length !== 1 || /[,;]/.test(text)) return { ok: false, problem: 'several' };
  const one = parsed[0];
  if (!one || one.name !== '' || one.address !== text)
    return { ok: false, problem: /[<>"()]|\s/.test(text) ? 'display-name' : 'syntax' };
  if (text.length > 254 || !MAILBOX.test(text)) return { ok: false, problem: 'syntax' };
  return { ok: true, address: text };
}
