/**
 * E-mail at the edge: reminders as RFC 5322 messages (.eml files anyone can open in Outlook or
 * Thunderbird and send by hand) and sending them over SMTP with nodemailer. A message that could
 * not be sent is never dropped: the caller keeps it as an .eml file.
 */
import nodemailer from 'nodemailer';
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
  /** Milliseconds to wait for the connection and the greeting (default 30 s). */
  timeoutMs?: number;
}

/**
 * Sends each message through the SMTP server of `smtpUrl` (`smtp://host:port`, credentials in the
 * URL if any), one connection, in order. Never throws for a message: each gets its own result, so
 * one refused address does not stop the others.
 */
export async function sendAll(
  messages: MailMessage[],
  smtpUrl: string,
  from: string,
  opts: SmtpOptions = {},
): Promise<SendResult[]> {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 2 * timeout,
  });
  const out: SendResult[] = [];
  try {
    for (const message of messages) {
      if (!message.to) {
        out.push({ ok: false, message, error: 'no recipient address in the registry' });
        continue;
      }
      try {
        const info = await transport.sendMail(mailOptions(message, from));
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0)
          out.push({ ok: false, message, error: `rejected: ${rejected.join(', ')}` });
        else out.push({ ok: true, message, response: info.response });
      } catch (e) {
        out.push({ ok: false, message, error: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    transport.close();
  }
  return out;
}
