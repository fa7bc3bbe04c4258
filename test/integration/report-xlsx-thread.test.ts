/**
 * The report's workbook written in a worker thread (src/render/report-xlsx-thread.ts): the bytes
 * are those rendered in this thread, after a warm-up or none, and a thread that cannot start,
 * fails or stops only means the workbook is rendered here. The report is the hand-made sample
 * (test/helpers/report-model.ts); the worker script is the built one (the tests' setup builds).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/catalogue.js';
import { consolidate, type ConsolidatedReport } from '../../src/core/consolidate.js';
import { renderReportXlsx } from '../../src/render/report-xlsx.js';
import { setReportXlsxThread, startReportXlsx } from '../../src/render/report-xlsx-thread.js';
import { loadPlan } from '../../src/commands/load-data.js';
import { sampleReport } from '../helpers/report-model.js';

const NOW = new Date('2026-11-26T20:00:00Z');
const OPTS = { lang: 'vi' as const, now: NOW };

let report: ConsolidatedReport;
let cat: Catalogue;
let here: Buffer;
let dir: string;

beforeAll(async () => {
  ({ report, cat } = await sampleReport());
  here = await renderReportXlsx(report, cat, OPTS);
  dir = mkdtempSync(path.join(os.tmpdir(), 'povreport-xlsx-thread-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  setReportXlsxThread(true);
});

/** A worker script of its own (plain JavaScript, as a built one is). */
function script(name: string, text: string): URL {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return pathToFileURL(file);
}

describe('the report workbook rendered in its own thread', () => {
  it('is byte for byte the workbook rendered in this thread', async () => {
    const writer = startReportXlsx(2);
    const bytes = await writer.render(report, cat, OPTS);
    expect(writer.renderedIn).toBe('thread');
    expect(bytes.equals(here)).toBe(true);
  });

  it('is the same after warming up on the period with no submission', async () => {
    const plan = await loadPlan(cat);
    const empty = consolidate([], {
      cat,
      plan,
      rules: [],
      period: report.period,
      lang: 'vi',
      now: NOW,
    });
    expect(empty.completeness.accepted).toBe(0);
    const writer = startReportXlsx(2);
    writer.warm(empty, cat, OPTS);
    const bytes = await writer.render(report, cat, OPTS);
    expect(writer.renderedIn).toBe('thread');
    expect(bytes.equals(here)).toBe(true);
  });

  const onMessage = (reply: string): string =>
    "import { parentPort } from 'node:worker_threads';\n" +
    `parentPort.on('message', () => ${reply});\n`;

  /** Each way the thread cannot do the work: how to make it so, and the report to send. */
  const fallbacks: [string, () => { cores: number; report?: ConsolidatedReport }][] = [
    [
      'the thread is turned off',
      () => {
        setReportXlsxThread(false);
        return { cores: 2 };
      },
    ],
    ['the machine has one core', () => ({ cores: 1 })],
    [
      'the thread fails as it starts',
      () => {
        setReportXlsxThread(true, script('throws.mjs', "throw new Error('broken worker');\n"));
        return { cores: 2 };
      },
    ],
    [
      'the thread stops without an answer',
      () => {
        setReportXlsxThread(true, script('quits.mjs', onMessage('process.exit(0)')));
        return { cores: 2 };
      },
    ],
    [
      'the thread answers with its error',
      () => {
        const reply = "parentPort.postMessage({ kind: 'error', message: 'no' })";
        setReportXlsxThread(true, script('fails.mjs', onMessage(reply)));
        return { cores: 2 };
      },
    ],
    [
      'the report cannot cross to the thread',
      () => ({
        cores: 2,
        report: { ...report, notCloneable: () => 0 } as ConsolidatedReport,
      }),
    ],
  ];

  it.each(fallbacks)('is rendered here, the same, when %s', async (_, arrange) => {
    const { cores, report: sent = report } = arrange();
    const writer = startReportXlsx(cores);
    const bytes = await writer.render(sent, cat, OPTS);
    expect(writer.renderedIn).toBe('here');
    expect(bytes.equals(here)).toBe(true);
  });

  it('is rendered here when the thread failed long before it was asked, and the run goes on', async () => {
    setReportXlsxThread(true, script('throws-early.mjs', "throw new Error('broken worker');\n"));
    const writer = startReportXlsx(2);
    // The files take their time: the thread has failed and stopped before the report is ready.
    await new Promise((r) => setTimeout(r, 1500));
    const bytes = await writer.render(report, cat, OPTS);
    expect(writer.renderedIn).toBe('here');
    expect(bytes.equals(here)).toBe(true);
  });

  it('ends the thread when closed with nothing rendered', async () => {
    const writer = startReportXlsx(2);
    await writer.close();
    // Closed: the workbook, if asked for after all, is rendered here.
    const bytes = await writer.render(report, cat, OPTS);
    expect(writer.renderedIn).toBe('here');
    expect(bytes.equals(here)).toBe(true);
  });
});
