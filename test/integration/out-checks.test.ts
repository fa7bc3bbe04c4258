/**
 * `template` and `remind` check where they write as `consolidate` checks `--out`: not a file, not
 * inside a folder being read, not an input file, not under `/proc`, and not a folder another run
 * is writing to (its lock). The same messages, a ConfigError (exit 2), and nothing read, written
 * or sent first. The inboxes and files are SYNTHETIC (made here).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { remind, type RemindCommandOptions } from '../../src/commands/remind.js';
import { template, type TemplateCommandOptions } from '../../src/commands/template.js';
import { ConfigError } from '../../src/core/errors.js';
import { LOCK_NAME } from '../../src/io/output-set.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const NOW = new Date('2022-06-08T01:00:00Z');

let dir: string;
let inbox: string;
/** A file of the inbox (not a workbook: found wanting, changed by nothing). */
let inboxFile: string;
/** An ordinary file outside the inbox. */
let aFile: string;

const temp = useTempFolder('povreport out kiểm tra ');

beforeAll(() => {
  dir = temp.path;
  inbox = path.join(dir, 'Hộp thư');
  mkdirSync(inbox);
  inboxFile = path.join(inbox, 'bao-cao.xlsx');
  writeFileSync(inboxFile, 'PK\x03\x04 synthetic, not really a zip');
  aFile = path.join(dir, 'ghi-chu.txt');
  writeFileSync(aFile, 'synthetic note\n');
});

const hash = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

function templateOpts(o: Partial<TemplateCommandOptions>): TemplateCommandOptions {
  return {
    period: '2022-H1',
    units: ['139'],
    out: path.join(dir, 'mau-bieu'),
    lang: 'vi',
    write: () => undefined,
    now: NOW,
    ...o,
  };
}

function remindOpts(o: Partial<RemindCommandOptions>): RemindCommandOptions {
  return {
    paths: [inbox],
    asOf: '2022-06-08',
    daysBefore: [7],
    overdueEvery: 1,
    format: 'eml',
    lang: 'vi',
    write: () => undefined,
    now: NOW,
    ...o,
  };
}

/** A folder held by a live run of povreport (this test's parent process, on this machine). */
function lockedFolder(name: string): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  writeFileSync(
    path.join(folder, LOCK_NAME),
    JSON.stringify({
      pid: process.ppid,
      host: os.hostname(),
      startedAt: '2022-06-08T01:00:00.000Z',
      command: 'consolidate 2022-H1',
    }),
  );
  return folder;
}

const SYSTEM = /nằm trong "\/proc", thư mục của hệ điều hành, không ghi tệp vào đó được/;
const onLinux = process.platform === 'linux';

describe('template --out', () => {
  it('an existing file: the message consolidate gives, and the file untouched', async () => {
    const before = hash(aFile);
    const run = template(templateOpts({ out: aFile }));
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(
      `--out "${aFile}": "${aFile}" là một tệp, không phải thư mục. Chọn một thư mục khác để ghi kết quả.`,
    );
    expect(hash(aFile)).toBe(before);
  });

  it.skipIf(!onLinux)('under /proc: refused before anything is read', async () => {
    await expect(template(templateOpts({ out: '/proc/povreport/mau-bieu' }))).rejects.toThrow(
      SYSTEM,
    );
    await expect(template(templateOpts({ out: '/proc/x', lang: 'en' }))).rejects.toThrow(
      '--out "/proc/x" is under "/proc", a folder of the operating system',
    );
  });

  it('the --registry file itself: refused, the file untouched', async () => {
    const registry = path.join(dir, 'danh-muc.json');
    writeFileSync(
      registry,
      readFileSync(path.join(TEMPLATES_DIR, 'registries', 'yen-bai-2022.json')),
    );
    const before = hash(registry);
    await expect(template(templateOpts({ out: registry, registry }))).rejects.toThrow(
      `--out "${registry}" chính là một tệp đang được đọc`,
    );
    expect(hash(registry)).toBe(before);
  });

  it('a folder another run is writing to: refused, nothing written', async () => {
    const out = lockedFolder('mau-bieu-dang-ghi');
    await expect(template(templateOpts({ out }))).rejects.toThrow(
      /Một lần chạy povreport khác \(consolidate 2022-H1, tiến trình \d+ .*\) đang ghi vào thư mục/,
    );
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
  });

  it('a good folder: the templates, and no lock left behind', async () => {
    const out = path.join(dir, 'mau-bieu-tot');
    await template(templateOpts({ out }));
    expect(readdirSync(out)).toEqual(['bieu-mau-139-tram-tau-2022-H1.xlsx']);
  });
});

describe('remind --out and --state', () => {
  it('--out an existing file: the message consolidate gives, and the file untouched', async () => {
    const before = hash(aFile);
    await expect(remind(remindOpts({ out: aFile }))).rejects.toThrow(
      `--out "${aFile}": "${aFile}" là một tệp, không phải thư mục.`,
    );
    expect(hash(aFile)).toBe(before);
  });

  it.skipIf(!onLinux)('--out under /proc, with --format eml or --send: refused', async () => {
    await expect(remind(remindOpts({ out: '/proc/povreport/thu' }))).rejects.toThrow(SYSTEM);
    // Refused before any connection: nothing listens on this port.
    await expect(
      remind(
        remindOpts({ format: 'text', out: '/proc/x', send: 'smtp://127.0.0.1:9', from: 'a@b.vn' }),
      ),
    ).rejects.toThrow(SYSTEM);
  });

  it('--out inside the inbox: refused, the letters would mix with the reports', async () => {
    const out = path.join(inbox, 'thư nhắc');
    await expect(remind(remindOpts({ out }))).rejects.toThrow(
      `--out "${out}" nằm trong thư mục đang đọc "${inbox}": các tệp ghi ra sẽ lẫn vào báo cáo của các đơn vị.`,
    );
  });

  it('--state an input file: refused, the file untouched', async () => {
    const before = hash(inboxFile);
    await expect(remind(remindOpts({ format: 'text', state: inboxFile }))).rejects.toThrow(
      `Tệp đầu vào "${inboxFile}" chính là tệp kết quả "${inboxFile}" sẽ được ghi đè. Chuyển tệp đó ra chỗ khác hoặc chọn --state khác.`,
    );
    expect(hash(inboxFile)).toBe(before);
  });

  it.skipIf(!onLinux)('--state under /proc: refused', async () => {
    await expect(
      remind(remindOpts({ format: 'text', state: '/proc/povreport/da-gui.json' })),
    ).rejects.toThrow(/--state "\/proc\/povreport\/da-gui.json" nằm trong "\/proc"/);
  });

  it('--out a folder another run is writing to: refused, no letter written', async () => {
    const out = lockedFolder('thu-dang-ghi');
    await expect(remind(remindOpts({ out }))).rejects.toThrow(
      /Một lần chạy povreport khác .* đang ghi vào thư mục/,
    );
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
  });

  it('a good --out: the letters, and no lock left behind', async () => {
    const out = path.join(dir, 'thu-tot');
    expect(await remind(remindOpts({ out }))).toBe(0);
    const names = readdirSync(out);
    expect(names.length).toBeGreaterThan(1);
    expect(names.every((n) => n.endsWith('.eml'))).toBe(true);
  });
});
