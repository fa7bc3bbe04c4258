/**
 * `remind` when the registry or the mail server misbehaves: an address that is not one address
 * never reaches the server (nor an .eml's headers); a server that never greets costs one timeout,
 * not one per letter; a letter counts as sent only once the server accepted it; a run killed
 * half-way keeps what it sent and what failed. Registries and inboxes are SYNTHETIC.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { remind, type RemindCommandOptions, type RemindJson } from '../../src/commands/remind.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { startFakeSmtp, type FakeLetter, type FakeSmtp } from '../helpers/fake-smtp.js';
import { hashTree, writeTestRegistry, type TestUnit } from '../helpers/hostile-registry.js';
import { ConfigError } from '../../src/core/errors.js';
import { remindOptionsWith } from '../helpers/remind-options.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { bin } from '../helpers/cli.js';

const NOW = new Date('2022-06-08T01:00:00Z');
const ISSUER = 'giamngheo.soldtbxh@example.vn';
const EVIL = 'attacker.example';

/** Two good addresses, and every way a registry's text can be more or less than one address. */
const UNITS: TestUnit[] = [
  { code: '135', name: 'Huyện Lục Yên', email: 'ldtbxh.lucyen@example.vn' },
  { code: '201', name: 'Huyện Xuống Dòng', email: `ldtbxh.xd@example.vn\r\nBcc: evil@${EVIL}` },
  { code: '202', name: 'Huyện Một Dòng', email: `ldtbxh.lf@example.vn\nevil@${EVIL}` },
  { code: '203', name: 'Huyện Dấu Phẩy', email: `ldtbxh.a@example.vn, evil@${EVIL}` },
  { code: '204', name: 'Huyện Chấm Phẩy', email: `ldtbxh.b@example.vn;evil@${EVIL}` },
  { code: '205', name: 'Huyện Tên Giả', email: `"ldtbxh.c@example.vn" <evil@${EVIL}>` },
  { code: '206', name: 'Huyện Nhóm', email: `ldtbxh: evil@${EVIL};` },
  { code: '207', name: 'Huyện Không Địa Chỉ', email: 'không có' },
  { code: '208', name: 'Huyện Đảo Chữ', email: `ldtbxh.d@example.vn\u202E` },
  // No "email" at all (outside tester AB, E01): the letter went nowhere without a word, exit 0.
  { code: '209', name: 'Huyện Chưa Có Thư' },
  { code: '141', name: 'Huyện Yên Bình', email: 'ldtbxh.yenbinh@example.vn' },
];
const BAD = ['201', '202', '203', '204', '205', '206', '207', '208', '209'];

let dir: string;
let inputs: string;
let inbox: string;
let reg: { registry: string; plan: string };
const servers: FakeSmtp[] = [];

const temp = useTempFolder('povreport-remind-safety-');

beforeAll(async () => {
  dir = temp.path;
  inputs = path.join(dir, 'inputs');
  inbox = path.join(inputs, 'Hộp thư');
  mkdirSync(inbox, { recursive: true });
  // Not a workbook: read, found wanting, changed by nothing.
  writeFileSync(path.join(inbox, 'bao-cao.xlsx'), 'PK\x03\x04 not really a zip');
  reg = await writeTestRegistry(inputs, UNITS, { issuerEmail: ISSUER });
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(o: Parameters<typeof startFakeSmtp>[0]): Promise<FakeSmtp> {
  const s = await startFakeSmtp(o);
  servers.push(s);
  return s;
}

const opts = remindOptionsWith(() => ({
  paths: [inbox],
  registry: reg.registry,
  asOf: '2022-06-08',
  now: NOW,
}));

/** The binary's arguments for remind sending the inbox's letters through a local server. */
const sendingArgs = (port: number, ...more: string[]): string[] => [
  bin,
  'remind',
  inbox,
  '--as-of',
  '2022-06-08',
  '--days-before',
  '7',
  '--send',
  `smtp://127.0.0.1:${port}`,
  ...more,
];

const recorded = (state: string): string[] =>
  (JSON.parse(readFileSync(state, 'utf8')) as { sent: { key: string }[] }).sent.map((e) => e.key);

describe('registry addresses must be one address', () => {
  it('--send: only the good addresses reach the server; the others are named, kept, not recorded', async () => {
    const before = hashTree(inputs);
    const smtp = await server({});
    const out = path.join(dir, 'send-bad-addresses');
    const state = path.join(dir, 'state-bad-addresses.json');
    const o = opts({ send: `smtp://127.0.0.1:${smtp.port}`, out, state, smtpTimeoutMs: 3000 });
    expect(await remind(o)).toBe(1);

    const rcpts = smtp.letters.flatMap((l) => l.to);
    expect(rcpts.sort()).toEqual(
      ['ldtbxh.lucyen@example.vn', 'ldtbxh.yenbinh@example.vn', ISSUER].sort(),
    );
    for (const l of smtp.letters) expect(l.data).not.toContain(EVIL);

    const text = o.text();
    expect(text).toContain('Đã gửi 3/12 thư');
    expect(text).toContain('email-invalid');
    expect(text).toContain('Địa chỉ thư của Huyện Xuống Dòng (201) trong danh mục đơn vị');
    // The line break is shown, not obeyed.
    expect(text).toContain(`("ldtbxh.xd@example.vn\\r\\nBcc: evil@${EVIL}")`);
    expect(text).not.toMatch(/[\r\u202E]/);
    expect(text).toMatch(/Chưa gửi được thư nhắc cho: .*Huyện Nhóm \(206\)/);
    expect(text).toContain('Địa chỉ thư của Huyện Chưa Có Thư (209) trong danh mục đơn vị ("")');

    // Each held letter is kept, with no recipient at all rather than a wrong one.
    const kept = readdirSync(out);
    expect(kept).toHaveLength(BAD.length);
    for (const f of kept) {
      const raw = readFileSync(path.join(out, f), 'latin1');
      expect(raw).not.toContain(EVIL);
      expect(raw).not.toMatch(/^To:/im);
    }
    expect(recorded(state).sort()).toEqual(
      ['2022-H1|135|2022-06-08', '2022-H1|141|2022-06-08', '2022-H1|summary|2022-06-08'].sort(),
    );
    expect(hashTree(inputs)).toEqual(before);
  });

  it('--format eml and --format json: no header names another recipient; the findings in English', async () => {
    const out = path.join(dir, 'eml-bad-addresses');
    const e = opts({ format: 'eml', out, lang: 'en' });
    expect(await remind(e)).toBe(1);
    for (const f of readdirSync(out))
      expect(readFileSync(path.join(out, f), 'latin1')).not.toContain(EVIL);
    expect(e.text()).toContain('The e-mail address of Huyện Dấu Phẩy (203) in the unit registry');
    expect(e.text()).toContain('it holds more than one address');

    const j = opts({ format: 'json', lang: 'en' });
    expect(await remind(j)).toBe(1);
    const doc = JSON.parse(j.text()) as RemindJson;
    expect(doc.findings.map((f) => [f.code, f.unit])).toEqual(BAD.map((u) => ['email-invalid', u]));
    expect(doc.findings.find((f) => f.unit === '205')?.message).toContain('display name');
    for (const m of doc.messages.filter((x) => BAD.includes(x.unit ?? ''))) expect(m.to).toBeNull();
  });

  it('a --from that is not one address stops the run before anything is sent (exit 2)', async () => {
    const smtp = await server({});
    const o = opts({
      send: `smtp://127.0.0.1:${smtp.port}`,
      out: path.join(dir, 'bad-from'),
      from: `nhac-han@example.vn\r\nBcc: evil@${EVIL}`,
    });
    await expect(remind(o)).rejects.toBeInstanceOf(ConfigError);
    await expect(remind(o)).rejects.toThrow(/--from .*\\r\\nBcc/);
    expect(smtp.connections()).toBe(0);
  });
});

describe('a mail server that fails', () => {
  // The shipped registry: nine districts and the Department, every one reminded on 2022-06-08.
  const shipped = (o: Partial<RemindCommandOptions>) =>
    opts({ registry: undefined, paths: [inbox], ...o });

  it('never greets: one timeout, not one per letter; every letter kept as .eml; nothing recorded', async () => {
    const smtp = await server({ greet: false });
    const out = path.join(dir, 'silent');
    const state = path.join(dir, 'state-silent.json');
    const started = Date.now();
    const o = shipped({
      send: `smtp://127.0.0.1:${smtp.port}`,
      out,
      state,
      smtpTimeoutMs: 1000,
      lang: 'en',
    });
    expect(await remind(o)).toBe(1);
    const took = Date.now() - started;
    expect(smtp.connections()).toBe(1);
    expect(took).toBeLessThan(4000);
    expect(readdirSync(out)).toHaveLength(10);
    expect(recorded(state)).toEqual([]);
    const text = o.text();
    expect(text).toContain('Sent 0/10 messages');
    expect(text).toContain('not tried: the mail server did not answer');
    expect(text).toMatch(/Reminders not delivered to: .*Huyện Trạm Tấu \(139\)/);
  });

  it('refuses a letter, then drops the connection: refused and untried letters kept, not recorded', async () => {
    const smtp = await server({
      reply: (_, l) =>
        l.to.includes('ldtbxh.vanyen@example.vn')
          ? 'reject'
          : l.to.includes('ldtbxh.tramtau@example.vn')
            ? 'drop'
            : 'accept',
    });
    const out = path.join(dir, 'refused');
    const state = path.join(dir, 'state-refused.json');
    const o = shipped({ send: `smtp://127.0.0.1:${smtp.port}`, out, state, smtpTimeoutMs: 3000 });
    expect(await remind(o)).toBe(1);
    // Registry order: 132 133 135 136 137 138 139 140 141, then the summary. Văn Yên (136) is
    // refused and the next go on; the connection dropped at Trạm Tấu (139) ends the tries.
    expect(smtp.letters.map((l) => l.reply)).toEqual([
      'accept',
      'accept',
      'accept',
      'reject',
      'accept',
      'accept',
      'drop',
    ]);
    expect(recorded(state).map((k) => k.split('|')[1])).toEqual([
      '132',
      '133',
      '135',
      '137',
      '138',
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '2022-H1-136-van-yen.eml',
      '2022-H1-139-tram-tau.eml',
      '2022-H1-140-van-chan.eml',
      '2022-H1-141-yen-binh.eml',
      '2022-H1-tong-hop.eml',
    ]);
    const text = o.text();
    expect(text).toContain('550 5.7.1 refused by policy');
    expect(text).toContain('chưa gửi vì máy chủ thư không trả lời');
    expect(text).toContain('Đã gửi 5/10 thư');
  });

  it('a run killed mid-way keeps the letters already accepted recorded and the refused ones kept', async () => {
    const out = path.join(dir, 'killed');
    const state = path.join(dir, 'state-killed.json');
    let kill = (): void => undefined;
    const smtp = await server({
      reply: (i) => (i === 0 ? 'accept' : i === 1 ? 'reject' : 'hang'),
      onLetter: (l) => {
        if (l.reply === 'hang') kill();
      },
    });
    const child = spawn(process.execPath, sendingArgs(smtp.port, '--state', state, '--out', out), {
      stdio: 'ignore',
    });
    kill = () => child.kill('SIGKILL');
    const code = await new Promise<number | null>((resolve) =>
      child.on('exit', (c) => {
        resolve(c);
      }),
    );
    expect(code).not.toBe(0);
    expect(smtp.letters).toHaveLength(3);
    // Who each letter went to, as a unit code of the shipped registry.
    const shippedUnits = (
      JSON.parse(
        readFileSync(path.join(TEMPLATES_DIR, 'registries', 'yen-bai-2022.json'), 'utf8'),
      ) as { units: { code: string; email: string }[] }
    ).units;
    const codeOf = (l: FakeLetter | undefined): string | undefined =>
      shippedUnits.find((u) => l?.to.length === 1 && u.email === l.to[0])?.code;
    const [first, second] = smtp.letters;
    // The accepted letter is recorded; the refused one is kept; the one in flight is neither.
    expect(recorded(state)).toEqual([`2022-H1|${codeOf(first) ?? '?'}|2022-06-08`]);
    // A kill leaves the folder's lock, naming a dead process: the next run takes it over.
    expect(readdirSync(out)).toContain('.povreport.lock');
    const kept = readdirSync(out).filter((f) => f !== '.povreport.lock');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.startsWith(`2022-H1-${codeOf(second) ?? '?'}-`)).toBe(true);
    // No temporary file of an atomic write is left behind.
    expect([...readdirSync(dir), ...kept].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the binary with --smtp-timeout 1 and a silent server: done in seconds, exit 1, letters kept', async () => {
    const smtp = await server({ greet: false });
    const out = path.join(dir, 'silent-cli');
    const started = Date.now();
    const child = spawn(
      process.execPath,
      sendingArgs(smtp.port, '--out', out, '--smtp-timeout', '1', '--lang', 'en'),
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => {
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(smtp.connections()).toBe(1);
    expect(readdirSync(out)).toHaveLength(10);
    expect(stdout).toContain('Sent 0/10 messages');
  });
});
