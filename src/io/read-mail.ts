/**
 * Reads a saved e-mail (`.eml`, with mailparser; an Outlook `.msg` is refused, see readMsg) into
 * what povreport needs of it: when it was sent (its day in Vietnam is the receipt date of its
 * attachments), the sender's address, and its spreadsheet attachments, held in memory. The body
 * is never kept nor printed. A message that cannot be read is a reason, never a throw.
 */
import path from 'node:path';
import type { Bilingual } from '../core/finding-codes.js';
import { sniffFile } from './sniff.js';
import { isDocumentName, MAIL_EXTENSIONS, SUBMISSION_EXTENSIONS } from './walk.js';

/** Whether a file name is that of a saved e-mail. */
export function isMailName(name: string): boolean {
  return (MAIL_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** A spreadsheet attached to a message. */
export interface MailAttachment {
  /** The attachment's file name as the sender's program wrote it (decoded). */
  name: string;
  bytes: Buffer;
}

/** What a readable message holds. */
export interface MailContent {
  ok: true;
  /** The instant of the Date header (its day in Vietnam is the receipt date); null when missing or invalid. */
  date: Date | null;
  /** The Date header as written, when it was there but not a date. */
  badDate?: string;
  /** The sender's address (an office's, not a household's); null when none. */
  sender: string | null;
  /** The spreadsheet attachments, in the message's order. */
  attachments: MailAttachment[];
  /** The names of the other attachments (a signed scan, a picture), for the findings. */
  others: string[];
}

/** A message that could not be read, and why. */
export interface MailFailure {
  ok: false;
  reason: Bilingual;
}

/** Limits on one message: as many parts as a real report e-mail could need. */
const MAX_PARTS = 200;

/**
 * Names that mail programs also give to parts of the message itself (Outlook's `ATT00001.htm`,
 * a signature's `.txt`): an attachment so named is a submission only if its bytes are a workbook.
 */
const MESSAGE_PART_EXTENSIONS = ['.txt', '.htm', '.html', '.xml'];

/**
 * Whether an attachment is a submission: named like one, or a workbook by its bytes (a zip, an
 * old .xls, Excel's XML); a picture or a PDF is not.
 */
function isSpreadsheet(name: string, bytes: Buffer): boolean {
  const ext = path.extname(name).toLowerCase();
  // A Word letter or a zip is a zip too: named as a document, it is the covering letter.
  if (isDocumentName(name)) return false;
  const kind = sniffFile(bytes, name).kind;
  if (kind === 'zip' || kind === 'xls' || kind === 'xml2003') return true;
  return (
    (SUBMISSION_EXTENSIONS as readonly string[]).includes(ext) &&
    !MESSAGE_PART_EXTENSIONS.includes(ext)
  );
}

function sortOut(
  found: { name: string; bytes: Buffer }[],
): Pick<MailContent, 'attachments' | 'others'> {
  const attachments: MailAttachment[] = [];
  const others: string[] = [];
  for (const a of found)
    if (a.bytes.length > 0 && isSpreadsheet(a.name, a.bytes)) attachments.push(a);
    else others.push(a.name);
  return { attachments, others };
}

/** A name for an attachment that has none: its place in the message. */
const unnamed = (i: number): string => `tep-dinh-kem-${i + 1}`;

/** Reads a `.eml` message. */
export async function readEml(bytes: Buffer): Promise<MailContent | MailFailure> {
  if (!looksLikeMime(bytes))
    return {
      ok: false,
      reason: {
        vi: 'không có phần đầu thư (From, Date, Content-Type…), không phải thư đã lưu',
        en: 'it has no message headers (From, Date, Content-Type…), so it is no saved message',
      },
    };
  const { simpleParser } = await import('mailparser');
  let mail;
  try {
    mail = await simpleParser(bytes, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
      maxChildNodes: MAX_PARTS,
    });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: { vi: `cấu trúc MIME hỏng (${m})`, en: `broken MIME (${m})` } };
  }
  // mailparser puts the time of parsing in place of a Date it cannot read: the header is read
  // here from its raw line instead, so a bad Date is unknown, never "today".
  const rawDate = mail.headerLines
    .find((l) => l.key === 'date')
    ?.line.replace(/^date:\s*/i, '')
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
  const date = rawDate !== undefined ? mailInstant(rawDate) : null;
  const from = mail.from?.value.find((a) => a.address)?.address ?? null;
  const found = mail.attachments.map((a, i) => ({
    name: a.filename?.trim() || unnamed(i),
    bytes: a.content,
  }));
  return {
    ok: true,
    date,
    ...(date === null && rawDate !== undefined ? { badDate: rawDate } : {}),
    sender: from,
    ...sortOut(found),
  };
}

/** The instant of an RFC 5322 date (`Mon, 13 Jun 2022 09:12:30 +0700`); null if it is none. */
export function mailInstant(text: string): Date | null {
  // A trailing comment such as "(ICT)" is allowed by RFC 5322 and written by some programs.
  let t = text.replace(/\([^)]*\)\s*$/, '').trim();
  // Without a zone, JavaScript would read the time in the machine's zone; a Vietnamese office's
  // program that leaves it out means Vietnam's.
  if (!/([+-]\d{4}|\b(GMT|UTC?|Z|[ECMP][SD]T))$/i.test(t)) t += ' +0700';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  return year >= 1990 && year <= 2200 ? d : null;
}

/**
 * A saved message starts with header lines (`Name: value`); mailparser would take anything as a
 * body-only message, so a picture renamed .eml would pass as a message with no attachment.
 */
function looksLikeMime(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const firstLines = head.split(/\r?\n/).slice(0, 5);
  const isHeader = (l: string): boolean => /^[!-9;-~]+:/.test(l) || /^From /.test(l);
  return firstLines.length > 0 && isHeader(firstLines[0] ?? '');
}

/**
 * An Outlook `.msg` message is not read: @kenjiuno/msgreader 1.28 exhausts the heap on a damaged
 * compound file (a few bytes inserted: found by test/integration/fuzz.test.ts), and a saved
 * e-mail must never take the run down. The finding tells the clerk to save it as .eml.
 */
export function readMsg(bytes: Buffer): Promise<MailContent | MailFailure> {
  const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Promise.resolve({
    ok: false,
    reason: bytes.subarray(0, 8).equals(OLE)
      ? {
          vi: 'povreport chưa đọc thư Outlook dạng .msg; hãy lưu thư thành .eml',
          en: 'povreport does not read Outlook .msg messages yet; save the message as .eml',
        }
      : {
          vi: 'tệp không có cấu trúc của thư Outlook',
          en: 'the file does not have the structure of an Outlook message',
        },
  });
}
