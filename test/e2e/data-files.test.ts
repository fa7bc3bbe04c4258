/**
 * A broken data file, as a user meets it through the built binary: every command stops with exit
 * 2 and names the file, the place in it and what is wrong (Vietnamese and English) before any
 * submission is read; nothing is written, no letter is sent, no input changes. The data folders
 * and plans here are synthetic copies of the shipped ones, broken on purpose.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempFolder } from '../helpers/temp-folder.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');
const templates = path.join(root, 'templates');
const inbox = path.join(root, 'fixtures', '2022-H1');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the binary without blocking this process (the SMTP server below must keep answering). */
function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: opts.cwd ?? root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...opts.env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

/** Hashes of every file under the given folders or files: inputs must not change. */
function hashes(...roots: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
  };
  for (const r of roots) visit(r);
  return out;
}

let dir: string;
/** A data folder whose forms file has a column of an unknown kind. */
let broken: string;
let smtp: SMTPServer;
let smtpUrl: string;
let connections = 0;
let letters = 0;

const temp = useTempFolder('povreport dữ liệu hỏng ');

beforeAll(async () => {
  dir = temp.path;
  broken = path.join(dir, 'Dữ liệu tỉnh');
  for (const kind of ['registries', 'standards', 'forms', 'rules', 'vocabulary', 'plans'])
    cpSync(path.join(templates, kind), path.join(broken, kind), { recursive: true });
  const formsFile = path.join(broken, 'forms', 'vn-2022-2025.json');
  const forms = JSON.parse(readFileSync(formsFile, 'utf8')) as {
    forms: { columns: { kind: string }[] }[];
  };
  const column = forms.forms[1]?.columns[3];
  if (column) column.kind = 'ratio';
  writeFileSync(formsFile, JSON.stringify(forms, null, 2));

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        letters++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as net.AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => {
    smtp.close(() => {
      resolve();
    });
  });
});

const FORMS_ISSUE =
  'forms/vn-2022-2025.json: forms[1].columns[3].kind: "ratio": phải là một trong "count", "percent" (must be one of "count", "percent")';

/** Asserts a refusal: exit 2, the issue named, nothing on stdout, no stack trace. */
function expectRefused(r: Run, issue: string): void {
  expect(r.code, r.err).toBe(2);
  expect(r.err).toContain('Tệp dữ liệu không dùng được (broken data file)');
  expect(r.err).toContain(issue);
  expect(r.err).not.toMatch(/\n\s+at |lỗi nội bộ|internal error/);
  expect(r.out).toBe('');
}

describe('every command, given a broken data folder with --data', () => {
  const out = (name: string): string => path.join(dir, 'ra', name);
  const COMMANDS: { name: string; args: () => string[]; written?: () => string }[] = [
    { name: 'validate', args: () => ['validate', inbox, '--period', '2022-H1'] },
    {
      name: 'consolidate',
      args: () => ['consolidate', inbox, '--period', '2022-H1', '--out', out('tong-hop')],
      written: () => out('tong-hop'),
    },
    {
      name: 'status',
      args: () => ['status', inbox, '--period', '2022-H1', '--as-of', '2022-06-20'],
    },
    {
      name: 'remind --send',
      args: () => [
        'remind',
        inbox,
        '--as-of',
        '2022-06-14',
        '--send',
        smtpUrl,
        '--out',
        out('thu'),
        '--state',
        out('da-gui.json'),
      ],
      written: () => out('thu'),
    },
    {
      name: 'template',
      args: () => ['template', '--period', '2022-H1', '--out', out('mau')],
      written: () => out('mau'),
    },
    {
      name: 'map add',
      args: () => [
        'map',
        'add',
        'Thoát nghèo',
        'poor_exit_above',
        '--unit',
        '139',
        '--map',
        out('map.json'),
      ],
      written: () => out('map.json'),
    },
    { name: 'map list', args: () => ['map', 'list'] },
    { name: 'map remove', args: () => ['map', 'remove', 'Thoát nghèo', '--unit', '139'] },
  ];

  for (const c of COMMANDS)
    it(`${c.name}: exit 2, the file and the place named, nothing written or sent`, async () => {
      const before = hashes(inbox, broken);
      const r = await run([...c.args(), '--data', broken], { cwd: dir });
      expectRefused(r, FORMS_ISSUE);
      expect(r.err).toContain(`thư mục dữ liệu (data folder): ${broken}`);
      if (c.written) expect(existsSync(c.written())).toBe(false);
      expect(existsSync(out('da-gui.json'))).toBe(false);
      expect(existsSync(path.join(dir, 'povreport-map.json'))).toBe(false);
      expect(connections).toBe(0);
      expect(hashes(inbox, broken)).toEqual(before);
    });

  it('POVREPORT_DATA points at the data folder as --data does', async () => {
    const r = await run(['validate', inbox, '--period', '2022-H1'], {
      env: { POVREPORT_DATA: broken },
    });
    expectRefused(r, FORMS_ISSUE);
    // The folder has no schema/: the message says the schemas are povreport's own, and where.
    expect(r.err).toContain(
      `lược đồ đi kèm povreport ở ${path.join(templates, 'schema')} (fix the file`,
    );
  });

  it('--data of a good copy works as the shipped data does', async () => {
    const good = path.join(dir, 'Dữ liệu đúng');
    for (const kind of ['registries', 'standards', 'forms', 'rules', 'vocabulary', 'plans'])
      cpSync(path.join(templates, kind), path.join(good, kind), { recursive: true });
    const r = await run(['validate', path.join(inbox, 'MuCangChai_2022-H1.xlsx'), '--data', good]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Huyện Mù Cang Chải (137)');
  });
});

describe('the failures issue 8 found, through the binary', () => {
  const plan = (change: (p: { periods: Record<string, unknown>[] }) => void): string => {
    const p = JSON.parse(
      readFileSync(path.join(templates, 'plans', 'yen-bai-2022.json'), 'utf8'),
    ) as {
      periods: Record<string, unknown>[];
    };
    change(p);
    const file = path.join(dir, `kế hoạch ${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(p, null, 2));
    return file;
  };
  const registry = (
    change: (r: { units: Record<string, unknown>[] } & Record<string, unknown>) => void,
  ): string => {
    const r = JSON.parse(
      readFileSync(path.join(templates, 'registries', 'yen-bai-2022.json'), 'utf8'),
    ) as { units: Record<string, unknown>[] } & Record<string, unknown>;
    change(r);
    const file = path.join(dir, `danh mục ${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(r, null, 2));
    return file;
  };

  it('a plan period without a title: exit 2, not an internal error (exit 3)', async () => {
    const file = plan((p) => {
      delete p.periods[1]?.title;
    });
    const to = path.join(dir, 'ra-khong-tieu-de');
    const before = hashes(inbox, file);
    const r = await run(['consolidate', inbox, '--period', '2022-H1', '--plan', file, '--out', to]);
    expectRefused(r, `${file}: periods[1].title: thiếu (required)`);
    expect(existsSync(to)).toBe(false);
    expect(hashes(inbox, file)).toEqual(before);
  });

  it('a unitLevel the code does not know: template exits 2, not 3', async () => {
    const file = registry((r) => {
      r.unitLevel = 'huyện';
      r.subunitLevel = 'xã';
    });
    const to = path.join(dir, 'ra-mau');
    const r = await run(['template', '--period', '2022-H1', '--registry', file, '--out', to]);
    expectRefused(r, `${file}: subunitLevel: phải là đối tượng { … }, không phải chữ`);
    expect(existsSync(to)).toBe(false);
  });

  it('spelling variants that are not text: remind sends no letter at all', async () => {
    const file = registry((r) => {
      const u = r.units[4];
      if (u) u.variants = [137, null];
    });
    const to = path.join(dir, 'ra-thu');
    const before = hashes(inbox, file);
    const r = await run([
      'remind',
      inbox,
      '--registry',
      file,
      '--as-of',
      '2022-06-14',
      '--send',
      smtpUrl,
      '--out',
      to,
    ]);
    expectRefused(
      r,
      `${file}: units[4].variants[0]: phải là chữ, không phải số (must be text, not a number)`,
    );
    expect(r.err).toContain(`${file}: units[4].variants[1]: phải là chữ, không phải null`);
    expect(connections).toBe(0);
    expect(letters).toBe(0);
    expect(existsSync(to)).toBe(false);
    expect(hashes(inbox, file)).toEqual(before);
  });

  it('a plan whose forms list is invalid: exit 2, no district rejected, no report written', async () => {
    const file = plan((p) => {
      const first = p.periods[0];
      if (first) first.forms = ['01', '02', '03', '04', '06'];
    });
    const to = path.join(dir, 'ra-bieu-sai');
    const r = await run(['consolidate', inbox, '--period', '2022-H1', '--plan', file, '--out', to]);
    expectRefused(r, `${file}: periods[0].forms[4]: không có biểu "06"`);
    expect(existsSync(to)).toBe(false);
  });
});

describe('an empty data folder', () => {
  it('names the registry file it looked for', async () => {
    const empty = path.join(dir, 'trống');
    mkdirSync(empty);
    const r = await run(['validate', inbox, '--data', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(path.join(empty, 'registries', 'yen-bai-2022.json'));
    expect(r.err).toContain('không tìm thấy tệp');
    expect(r.out).toBe('');
  });
});
