/**
 * Text from files on the terminal: a file named with ANSI escape sequences, a commune and a column
 * heading holding them, a bidirectional override — shown as escapes by validate, consolidate and
 * status, never obeyed, in colour or not. The inbox is SYNTHETIC.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/commands/consolidate.js';
import { status } from '../../src/commands/status.js';
import { validate } from '../../src/commands/validate.js';
import { escapeTerminal } from '../../src/render/escape-terminal.js';
import { fiveForms, lucYenRows } from '../helpers/build.js';
import { hashTree } from '../helpers/hostile-registry.js';
import { writeXlsx } from '../helpers/write.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const NOW = new Date('2022-06-10T01:00:00Z');
const EVIL_FILE = '\x1b[2J\x1b[31mLục Yên\x07\r.xlsx';
const EVIL_JUNK = '\x1b]0;pwned\x07\u202Exslx.xlsx';
// An xlsx cannot hold C0 controls (its XML forbids them): C1 and bidirectional ones it can.
const EVIL_COMMUNE = 'Xã \u009b2KAn Phú\u202E';
const EVIL_HEADING = 'Ghi chú\u009b8m\u202E';
// A CSV holds anything: ESC sequences in a heading.
const EVIL_CSV_HEADING = 'Ghi chú\x1b[1A\x1b[2K\x1b[8m';

// Every way text can steer a terminal (our own colour codes checked apart).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const STEERING = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
// What the attacker wrote, none of which is a colour code chalk would write.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const ATTACKS = /\x1b\[2J|\x1b\]0;|\x07|\r|\x1b\[1A|\x1b\[2K|\x1b\[8m|\u009b|\u202E/;

/** A grid as CSV text (every cell quoted). */
const csv = (rows: ({ value: string | number | boolean | Date | null } | undefined)[][]): string =>
  rows
    .map((r) => r.map((c) => `"${String(c?.value ?? '').replace(/"/g, '""')}"`).join(','))
    .join('\r\n');

let inbox: string;
let dir: string;

const temp = useTempFolder('povreport-escape-');

beforeAll(async () => {
  dir = temp.path;
  inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  const rows = lucYenRows();
  if (rows[0]) rows[0].name = EVIL_COMMUNE;
  const grids = await fiveForms(rows);
  // One heading more in Biểu 01: a column not in the form, quoted in the findings.
  const heading = grids[0]?.rows.find((r) => r[0]?.value === 'STT');
  heading?.push({ value: EVIL_HEADING });
  await writeXlsx(grids, path.join(inbox, EVIL_FILE));
  writeFileSync(path.join(inbox, EVIL_JUNK), 'not a workbook');
  const [form01] = await fiveForms();
  form01?.rows.find((r) => r[0]?.value === 'STT')?.push({ value: EVIL_CSV_HEADING });
  writeFileSync(path.join(inbox, 'Lục Yên biểu 01.csv'), csv(form01?.rows ?? []));
}, 60_000);

function capture() {
  const out: string[] = [];
  return { write: (s: string) => out.push(s), text: () => out.join('') };
}

describe('escapeTerminal', () => {
  it('writes out every steering character, keeps letters, and is idempotent', () => {
    expect(escapeTerminal('a\x1b[31mb\x07\r\n\t\u202Ec\u009bđ')).toBe(
      'a\\x1B[31mb\\x07\\r\\n\\t\\u202Ec\\x9Bđ',
    );
    expect(escapeTerminal('dòng 1\ndòng 2\r', 'block')).toBe('dòng 1\ndòng 2\\r');
    const once = escapeTerminal(EVIL_FILE + EVIL_JUNK);
    expect(escapeTerminal(once)).toBe(once);
    expect(once).not.toMatch(STEERING);
  });
});

describe('terminal views show data, never obey it', () => {
  it('validate --verbose, plain: no control character; the names shown with escapes', async () => {
    const before = hashTree(inbox);
    const c = capture();
    await validate({
      paths: [inbox],
      period: '2022-H1',
      json: false,
      lang: 'vi',
      verbose: true,
      chalk: new Chalk({ level: 0 }),
      write: c.write,
    });
    const text = c.text();
    expect(text).not.toMatch(STEERING);
    expect(text).toContain('\\x1B[2J\\x1B[31mLục Yên\\x07\\r.xlsx');
    expect(text).toContain('\\x1B]0;pwned\\x07\\u202Exslx.xlsx');
    expect(text).toContain('Ghi chú\\x9B8m\\u202E');
    expect(text).toContain('Xã \\x9B2KAn Phú\\u202E');
    expect(text).toContain('Ghi chú\\x1B[1A\\x1B[2K\\x1B[8m');
    expect(hashTree(inbox)).toEqual(before);
  });

  it('validate, consolidate and status in colour: only our colour codes reach the terminal', async () => {
    const chalk = new Chalk({ level: 1 });
    const outputs: string[] = [];
    const v = capture();
    await validate({
      paths: [inbox],
      json: false,
      lang: 'en',
      verbose: true,
      chalk,
      write: v.write,
    });
    outputs.push(v.text());
    const k = capture();
    await consolidate({
      paths: [inbox],
      period: '2022-H1',
      out: path.join(dir, 'out'),
      formats: ['json'],
      strict: false,
      json: false,
      lang: 'vi',
      chalk,
      write: k.write,
      now: NOW,
    });
    outputs.push(k.text());
    const s = capture();
    await status({
      paths: [inbox],
      period: '2022-H1',
      asOf: '2022-06-10',
      json: false,
      lang: 'vi',
      chalk,
      write: s.write,
      now: NOW,
    });
    outputs.push(s.text());
    for (const text of outputs) {
      expect(text).not.toMatch(ATTACKS);
      // Every escape left is one of chalk's colour codes.
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      expect(text.replace(/\x1b\[\d+m/g, '')).not.toMatch(STEERING);
    }
    expect(outputs[2]).toContain('\\x1B[2J\\x1B[31mLục Yên\\x07\\r.xlsx');
  });
});
