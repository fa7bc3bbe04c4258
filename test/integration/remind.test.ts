/**
 * `status` and `remind` on a real inbox of .xlsx files: the "done when" — forms of
 * 2022-H1, two filled in (plus one with errors), reminders written as .eml, sent to a real SMTP
 * server on 127.0.0.1 and not sent twice with `--state`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Chalk } from 'chalk';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remind, type RemindJson } from '../../src/commands/remind.js';
import { status, type StatusJson } from '../../src/commands/status.js';
import { fiveForms, lucYenRows } from '../helpers/build.js';
import { writeXlsx } from '../helpers/write.js';
import { ConfigError } from '../../src/core/errors.js';
import { remindOptionsWith } from '../helpers/remind-options.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const temp = useTempFolder('povreport-remind-');
let dir: string;
let inbox: string;
const now = new Date('2022-06-08T01:00:00Z');

/** Two of each district's own communes (another district's would be another unit's rows). */
const COMMUNES: Record<string, [string, string]> = {
  'UBND HUYỆN LỤC YÊN': ['Xã An Phú', 'Xã Minh Xuân'],
  'UBND HUYỆN TRẤN YÊN': ['Thị trấn Cổ Phúc', 'Xã Tân Đồng'],
  'UBND HUYỆN VĂN YÊN': ['Thị trấn Mậu A', 'Xã Lang Thíp'],
};

async function unitBook(file: string, title: string, date: string, poor?: number) {
  const names = COMMUNES[title] ?? [];
  const rows = lucYenRows().map((r, i) => ({ ...r, name: names[i] ?? r.name }));
  if (poor !== undefined && rows[0]) rows[0].values = { ...rows[0].values, poor };
  // The date line is how a district dates its report ("…, ngày 5 tháng 6 năm 2022").
  const [d, m, y] = date.split('-').reverse();
  const grids = await fiveForms(rows, {
    title: [title, 'BÁO CÁO 6 THÁNG ĐẦU NĂM 2022', `ngày ${d} tháng ${m} năm ${y}`],
  });
  await writeXlsx(grids, path.join(inbox, file));
}

beforeAll(async () => {
  dir = temp.path;
  inbox = path.join(dir, 'Hộp thư 2022-H1');
  mkdirSync(inbox);
  await unitBook('Lục Yên 6 tháng.xlsx', 'UBND HUYỆN LỤC YÊN', '2022-06-05');
  await unitBook('Trấn Yên 6 tháng.xlsx', 'UBND HUYỆN TRẤN YÊN', '2022-06-06');
  await unitBook('Văn Yên 6 tháng.xlsx', 'UBND HUYỆN VĂN YÊN', '2022-06-06', 250);
}, 120_000);

function capture() {
  const out: string[] = [];
  return { out, write: (s: string) => out.push(s), text: () => out.join('') };
}

const remindOpts = remindOptionsWith(() => ({ paths: [inbox], daysBefore: [7, 3, 1], now }));

/** Decodes RFC 2047 encoded words (adjacent words joined before UTF-8 decoding, as a reader must). */
function decodeHeader(raw: string): string {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=(?:\s+(?==\?))?)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi)) {
      const [, , enc, data = ''] = m;
      if (enc?.toUpperCase() === 'B') bytes.push(Buffer.from(data, 'base64'));
      else
        bytes.push(
          Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
        );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

interface Parsed {
  headers: Map<string, string>;
  body: string;
}

/** A minimal RFC 5322 reader: unfolded headers by lower-case name, body decoded from QP or base64. */
function parseEml(raw: string): Parsed {
  const split = raw.indexOf('\r\n\r\n');
  expect(split).toBeGreaterThan(0);
  const head = raw.slice(0, split);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const rawBody = raw.slice(split + 4);
  const cte = headers.get('content-transfer-encoding')?.toLowerCase();
  const body =
    cte === 'base64'
      ? Buffer.from(rawBody, 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            rawBody
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : rawBody;
  return { headers, body };
}

describe('status', () => {
  it('as of 2022-06-10: 2 of 9 in, Văn Yên rejected, the others missing; exit 1', async () => {
    const c = capture();
    const code = await status({
      paths: [inbox],
      period: '2022-H1',
      asOf: '2022-06-10',
      json: false,
      lang: 'vi',
      chalk: new Chalk({ level: 0 }),
      write: c.write,
      now,
    });
    expect(code).toBe(1);
    const out = c.text();
    expect(out).toContain('Đã nhận 2/9 báo cáo (22,2%), đúng hạn 2/9 (22,2%)');
    expect(out).toMatch(
      /135\s+Huyện Lục Yên\s+Đã tiếp nhận\s+Lục Yên 6 tháng\.xlsx\s+05\/06\/2022\s+Đúng hạn/,
    );
    expect(out).toMatch(/136\s+Huyện Văn Yên\s+Bị loại \(\d+ lỗi\)/);
    expect(out).toMatch(/139\s+Huyện Trạm Tấu\s+Chưa nộp\s+—\s+—\s+—/);
    expect(out).toContain('hạn trước 15/06/2022: còn 5 ngày');
  });

  it('--json after the deadline: missing units are overdue', async () => {
    const c = capture();
    await status({
      paths: [inbox],
      period: '2022-H1',
      asOf: '2022-06-20',
      json: true,
      lang: 'en',
      chalk: new Chalk({ level: 0 }),
      write: c.write,
      now,
    });
    const doc = JSON.parse(c.text()) as StatusJson;
    expect(doc).toMatchObject({
      period: '2022-H1',
      asOf: '2022-06-20',
      dueBefore: '2022-06-15',
      daysLeft: -5,
    });
    const by = Object.fromEntries(doc.units.map((u) => [u.code, [u.status, u.timeliness]]));
    expect(by['135']).toEqual(['accepted', 'on-time']);
    expect(by['136']).toEqual(['rejected', 'overdue']);
    expect(by['139']).toEqual(['missing', 'overdue']);
    expect(doc.completeness).toMatchObject({ expected: 9, accepted: 2, rejected: 1, missing: 6 });
  });
});

describe('remind: outputs', () => {
  it('as of 2022-06-08 writes 7 unit reminders and a summary as RFC 5322 .eml files', async () => {
    const out = path.join(dir, 'eml-0608');
    const o = remindOpts({ asOf: '2022-06-08', format: 'eml', out });
    expect(await remind(o)).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      '2022-H1-132-yen-bai.eml',
      '2022-H1-133-nghia-lo.eml',
      '2022-H1-136-van-yen.eml',
      '2022-H1-137-mu-cang-chai.eml',
      '2022-H1-139-tram-tau.eml',
      '2022-H1-140-van-chan.eml',
      '2022-H1-141-yen-binh.eml',
      '2022-H1-tong-hop.eml',
    ]);
    expect(o.text()).toContain('Đã ghi 8 tệp .eml');

    const raw = readFileSync(path.join(out, '2022-H1-139-tram-tau.eml'), 'latin1');
    // Headers are 7-bit: the Vietnamese subject travels as UTF-8 encoded words.
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    const m = parseEml(raw);
    expect(decodeHeader(m.headers.get('subject') ?? '')).toBe(
      '[Nhắc hạn] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — còn 7 ngày (hạn trước 15/06/2022)',
    );
    expect(m.headers.get('to')).toBe('ldtbxh.tramtau@example.vn');
    expect(m.headers.get('from')).toBe('giamngheo.soldtbxh@example.vn');
    expect(m.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(m.headers.get('mime-version')).toBe('1.0');
    expect(m.body).toContain('Kính gửi: UBND huyện Trạm Tấu');
    expect(m.body).toContain('còn 7 ngày đến hạn');

    const vanYen = parseEml(readFileSync(path.join(out, '2022-H1-136-van-yen.eml'), 'latin1'));
    expect(vanYen.body).toContain('Văn Yên 6 tháng.xlsx, Biểu 01!');
    expect(vanYen.body).toContain('Cách sửa:');

    const sum = parseEml(readFileSync(path.join(out, '2022-H1-tong-hop.eml'), 'latin1'));
    expect(sum.headers.get('to')).toBe('giamngheo.soldtbxh@example.vn');
    expect(decodeHeader(sum.headers.get('subject') ?? '')).toContain('[Tổng hợp]');
    expect(sum.body).toContain('Đã nhận 2/9 báo cáo (22,2%), đúng hạn 2/9 (22,2%).');
    expect(sum.body).toContain('Chưa nộp (6):');
  });

  it('as of 2022-06-09 nothing is due: nothing printed, nothing written', async () => {
    const o = remindOpts({ asOf: '2022-06-09' });
    expect(await remind(o)).toBe(0);
    expect(o.text()).toBe('');
    const out = path.join(dir, 'eml-0609');
    const e = remindOpts({ asOf: '2022-06-09', format: 'eml', out });
    expect(await remind(e)).toBe(0);
    expect(e.text()).toBe('');
    expect(() => readdirSync(out)).toThrow();
  });

  it('as of 2022-06-20 the reminders say overdue, with how late', async () => {
    const o = remindOpts({ asOf: '2022-06-20' });
    expect(await remind(o)).toBe(0);
    const out = o.text();
    expect(out).toContain(
      'Subject: [Quá hạn] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — đã quá hạn 5 ngày (hạn trước 15/06/2022)',
    );
    expect(out).toContain('báo cáo đã quá hạn 5 ngày');
    expect(out.match(/^To: /gm)).toHaveLength(8);
  });

  it('with neither --plan nor --registry, the plan is the one due nearest the day (Lào Cai in December 2026)', async () => {
    // An outside tester's cron line (as in the README) on 14/12/2026 reminded the nine districts of
    // 2022 that their reports were 1643 days late, and no commune of 2026.
    const o = remindOptionsWith(() => ({
      paths: [path.resolve('fixtures/lao-cai-2026')],
      daysBefore: [7, 3, 1],
      now,
    }))({ asOf: '2026-12-14', format: 'json' });
    await remind(o);
    const doc = JSON.parse(o.text()) as RemindJson;
    expect(doc.due.map((d) => d.period)).toEqual(['2026-H1', '2026']);
    expect(doc.messages.some((m) => /^\d{3}$/.test(m.unit ?? ''))).toBe(false);
    expect(doc.messages.find((m) => m.unit === '04465')).toBeDefined();
  });

  it('--format json gives the same messages as data', async () => {
    const o = remindOpts({ asOf: '2022-06-08', format: 'json', lang: 'en' });
    await remind(o);
    const doc = JSON.parse(o.text()) as RemindJson;
    expect(doc.due).toEqual([
      { period: '2022-H1', dueBefore: '2022-06-15', daysLeft: 7, overdue: false },
    ]);
    expect(doc.messages).toHaveLength(8);
    const v = doc.messages.find((m) => m.unit === '136');
    expect(v).toMatchObject({ status: 'rejected', to: 'ldtbxh.vanyen@example.vn', sent: null });
    expect(v?.findings?.[0]).toMatchObject({ severity: 'error', sheet: 'Biểu 01' });
    expect(doc.failed).toEqual([]);
  });

  it('usage errors are ConfigErrors (exit 2): eml without --out, a bad --as-of, a bad --send', async () => {
    await expect(remind(remindOpts({ format: 'eml' }))).rejects.toBeInstanceOf(ConfigError);
    await expect(remind(remindOpts({ asOf: '2022-06-31' }))).rejects.toBeInstanceOf(ConfigError);
    await expect(remind(remindOpts({ send: 'localhost:25' }))).rejects.toBeInstanceOf(ConfigError);
    await expect(remind(remindOpts({ overdueEvery: 0 }))).rejects.toBeInstanceOf(ConfigError);
  });

  it('a corrupt --state file stops the run (exit 2) rather than resend to every district', async () => {
    const state = path.join(dir, 'corrupt.json');
    writeFileSync(state, '{"sent": [');
    await expect(remind(remindOpts({ asOf: '2022-06-08', state }))).rejects.toThrow(
      /--state: .*corrupt\.json/,
    );
  });
});

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('remind --send', () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('latin1'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });

  it('delivers the reminders over SMTP, Vietnamese subject intact; a second run with --state sends nothing', async () => {
    const state = path.join(dir, 'state-ok.json');
    const o = remindOpts({ asOf: '2022-06-08', send: `smtp://127.0.0.1:${port}`, state });
    expect(await remind(o)).toBe(0);
    expect(received).toHaveLength(8);
    expect(o.text()).toContain(`Đã gửi 8/8 thư qua smtp://127.0.0.1:${port}`);
    const tramTau = received.find((r) => r.to.includes('ldtbxh.tramtau@example.vn'));
    expect(tramTau?.from).toBe('giamngheo.soldtbxh@example.vn');
    const m = parseEml(tramTau?.raw ?? '');
    expect(decodeHeader(m.headers.get('subject') ?? '')).toBe(
      '[Nhắc hạn] Báo cáo giảm nghèo 6 tháng đầu năm 2022 — còn 7 ngày (hạn trước 15/06/2022)',
    );
    expect(m.body).toContain('Kính gửi: UBND huyện Trạm Tấu');
    expect(received.flatMap((r) => r.to)).toContain('giamngheo.soldtbxh@example.vn');
    const recorded = JSON.parse(readFileSync(state, 'utf8')) as { sent: { key: string }[] };
    expect(recorded.sent.map((e) => e.key)).toContain('2022-H1|139|2022-06-08');
    expect(recorded.sent).toHaveLength(8);

    const again = remindOpts({ asOf: '2022-06-08', send: `smtp://127.0.0.1:${port}`, state });
    expect(await remind(again)).toBe(0);
    expect(again.text()).toBe('');
    expect(received).toHaveLength(8);

    // Another day is another reminder.
    const later = remindOpts({
      asOf: '2022-06-12',
      send: `smtp://127.0.0.1:${port}`,
      state,
      from: 'nhac-han@example.vn',
    });
    expect(await remind(later)).toBe(0);
    expect(received).toHaveLength(16);
    expect(received.at(-1)?.from).toBe('nhac-han@example.vn');
  });

  it('a --state that cannot be written stops the run before anything is sent', async () => {
    const notAFolder = path.join(dir, 'không phải thư mục');
    writeFileSync(notAFolder, 'x');
    const before = received.length;
    const o = remindOpts({
      asOf: '2022-06-08',
      send: `smtp://127.0.0.1:${port}`,
      state: path.join(notAFolder, 'state.json'),
    });
    await expect(remind(o)).rejects.toThrow();
    expect(received).toHaveLength(before);
  });

  it('a server that cannot be reached: exit 1, every message kept as .eml, the units named; retried later', async () => {
    const dead = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => {
          resolve(p);
        });
      });
    });
    const out = path.join(dir, 'unsent');
    const state = path.join(dir, 'state-fail.json');
    const o = remindOpts({
      asOf: '2022-06-14',
      send: `smtp://127.0.0.1:${dead}`,
      out,
      state,
      smtpTimeoutMs: 2000,
    });
    expect(await remind(o)).toBe(1);
    expect(readdirSync(out)).toHaveLength(8);
    const text = o.text();
    expect(text).toContain('Đã gửi 0/8 thư');
    expect(text).toMatch(/Chưa gửi được thư nhắc cho: .*Huyện Trạm Tấu \(139\)/);
    // The department's summary named in words, not by its internal label (an outside tester).
    expect(text).toMatch(/Chưa gửi được thư nhắc cho: .*Tổng hợp gửi Sở$/m);
    expect(text).not.toMatch(/, summary$/m);
    expect(text).toContain(path.join(out, '2022-H1-139-tram-tau.eml'));
    const kept = parseEml(readFileSync(path.join(out, '2022-H1-139-tram-tau.eml'), 'latin1'));
    expect(decodeHeader(kept.headers.get('subject') ?? '')).toContain('còn 1 ngày');
    // Nothing was recorded (the state file was only checked to be writable before sending), so
    // the next run (server back) sends them.
    expect((JSON.parse(readFileSync(state, 'utf8')) as { sent: unknown[] }).sent).toEqual([]);
    const before = received.length;
    const retry = remindOpts({ asOf: '2022-06-14', send: `smtp://127.0.0.1:${port}`, state, out });
    expect(await remind(retry)).toBe(0);
    expect(received.length - before).toBe(8);
    // Sent at last: the kept copies are gone, so nobody sends them again by hand.
    expect(readdirSync(out)).toEqual([]);
  });
});
