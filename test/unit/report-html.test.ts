/**
 * The HTML report (render/report-html.ts) read back with an HTML parser, as a browser would see
 * it: the figures printed equal the JSON report's, a partial report names the units it leaves out
 * next to every figure they affect, hostile texts stay text, nothing is loaded from outside, and
 * the same input gives the same bytes.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/catalogue.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';
import { findingMessage } from '../../src/core/finding.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { unitTimeliness } from '../../src/core/consolidate.js';
import { reportToJson } from '../../src/render/report-json.js';
import { sampleReport } from '../helpers/report-model.js';

const NOW = new Date('2026-12-05T03:00:00Z');

function render(report: ConsolidatedReport, cat: Catalogue, now = NOW): string {
  return renderReportHtml(report, { forms: cat.forms, registry: cat.registry }, { now });
}

/** A figure as printed (1.234 / 12,95 / 12,95% / —) back to a number, or null for "—". */
export function parseVi(text: string): number | null {
  const t = text.trim().replace(/%$/, '');
  if (t === '—') return null;
  const n = Number(t.replace(/\./g, '').replace(',', '.').replace('−', '-'));
  if (Number.isNaN(n)) throw new Error(`not a number: ${text}`);
  return n;
}

const doc = (html: string) => parseDocument(html);
const text = (e: Element): string => DomUtils.textContent(e);
const byKey = (root: ReturnType<typeof doc>, key: string): Element | undefined =>
  DomUtils.findOne((e) => e.attribs['data-key'] === key, root.children, true) ?? undefined;
const all = (root: ReturnType<typeof doc> | Element, pred: (e: Element) => boolean): Element[] =>
  DomUtils.findAll(pred, 'children' in root ? root.children : []);
const byId = (root: ReturnType<typeof doc>, id: string): Element => {
  const e = DomUtils.findOne((x) => x.attribs.id === id, root.children, true);
  if (!e) throw new Error(`no #${id}`);
  return e;
};
const hasClass = (e: Element, c: string): boolean =>
  (e.attribs.class ?? '').split(/\s+/).includes(c);

describe('HTML report', () => {
  it('is one valid HTML5 page in Vietnamese that loads nothing from outside', async () => {
    const { report, cat } = await sampleReport();
    const html = render(report, cat);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const d = doc(html);
    const root = DomUtils.findOne((e) => e.name === 'html', d.children);
    expect(root?.attribs.lang).toBe('vi');
    const metas = all(d, (e) => e.name === 'meta');
    expect(metas.some((m) => m.attribs.charset === 'utf-8')).toBe(true);
    expect(metas.find((m) => m.attribs.name === 'viewport')?.attribs.content).toContain(
      'width=device-width',
    );
    // No element that fetches or runs anything, no attribute naming a resource.
    const banned = ['script', 'link', 'img', 'iframe', 'object', 'embed', 'image', 'use'];
    expect(all(d, (e) => banned.includes(e.name))).toEqual([]);
    for (const e of all(d, () => true))
      for (const [k, v] of Object.entries(e.attribs)) {
        expect(['src', 'href', 'xlink:href', 'srcset', 'action'].includes(k)).toBe(false);
        expect(/^on/i.test(k)).toBe(false);
        expect(v).not.toMatch(/https?:|\/\//i);
      }
    // Styles reach nothing either: url() only points inside the page (#pattern).
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]?.startsWith('#')).toBe(true);
    expect(html).not.toMatch(/@import|@font-face/);
  });

  it('has the Decree 30 head and foot from the registry', async () => {
    const { report, cat } = await sampleReport();
    const d = doc(render(report, cat));
    const head = all(d, (e) => e.name === 'header')[0];
    expect(head).toBeDefined();
    const t = text(head as Element);
    expect(t).toContain(cat.registry.issuer.authority);
    expect(t).toContain(cat.registry.issuer.department);
    expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(t).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(t).toContain('Yên Bái, ngày 05 tháng 12 năm 2026');
    const title = text(all(d, (e) => e.name === 'h1')[0] as Element);
    expect(title).toContain('BÁO CÁO');
    expect(title).toContain('6 tháng đầu năm 2022');
    const foot = text(all(d, (e) => e.name === 'footer')[0] as Element);
    expect(foot).toContain(cat.registry.issuer.signer.title);
  });

  it('prints a number line and the recipients when the registry gives them', async () => {
    const { report, cat } = await sampleReport();
    const issuer = {
      ...cat.registry.issuer,
      documentNumber: { symbol: 'BC-SLĐTBXH' },
      recipients: ['Bộ Nông nghiệp và Môi trường', 'Lưu: VT'],
    };
    const d = doc(render(report, { ...cat, registry: { ...cat.registry, issuer } }));
    const number = all(d, (e) => hasClass(e, 'number'))[0];
    expect(text(number as Element)).toBe('Số:        /BC-SLĐTBXH');
    const foot = text(all(d, (e) => e.name === 'footer')[0] as Element);
    expect(foot).toContain('Nơi nhận:');
    expect(foot).toContain('- Bộ Nông nghiệp và Môi trường;');
    expect(foot).toContain('- Lưu: VT.');
  });

  it('shows the figures of the JSON report', async () => {
    const { report, cat } = await sampleReport();
    const json = reportToJson(report, 'vi');
    const d = doc(render(report, cat));
    const roles = cat.forms.roles;
    for (const id of [roles.poor, roles.poorRate, roles.nearPoor, roles.nearPoorRate]) {
      const cell = byKey(d, `total.${id}`);
      expect(cell, id).toBeDefined();
      expect(parseVi(text(cell as Element))).toBe(json.total[id]);
    }
    for (const t of json.targets)
      for (const f of [
        'baselineRate',
        'currentRate',
        'reduction',
        'target',
        'achievedShare',
      ] as const)
        expect(parseVi(text(byKey(d, `target.${t.unit}.${f}`) as Element)), `${t.unit}.${f}`).toBe(
          t[f],
        );
    // The rate chart's bars carry the same figures as its table, in the table's order.
    const fig = byId(d, 'fig-rates');
    const bars = all(fig, (e) => hasClass(e, 'bar-value') && e.attribs['data-series'] === '0');
    const accepted = json.units.filter((u) => u.status === 'accepted');
    expect(bars.map((b) => parseVi(text(b)))).toEqual(
      accepted.map((u) => u.values[roles.poorRate]),
    );
    const svg = all(fig, (e) => e.name === 'svg')[0] as Element;
    expect(svg.attribs.role).toBe('img');
    expect(all(svg, (e) => e.name === 'title')).toHaveLength(1);
    expect(all(svg, (e) => e.name === 'desc')).toHaveLength(1);
    // The movement: each role's figure.
    for (const id of [roles.poorStart, ...roles.escapedPoverty, ...(roles.poorEntries ?? [])])
      expect(parseVi(text(byKey(d, `movement.${id}`) as Element))).toBe(json.total[id]);
    // Completeness: the JSON's counts.
    const c = json.completeness;
    for (const k of ['expected', 'accepted', 'rejected', 'missing', 'onTime'] as const)
      expect(parseVi(text(byKey(d, `completeness.${k}`) as Element))).toBe(c[k]);
  });

  it('every chart is a figure with an SVG image, its title and description, and a data table', async () => {
    const { report, cat } = await sampleReport();
    const d = doc(render(report, cat));
    const figures = all(d, (e) => e.name === 'figure');
    expect(figures.map((f) => f.attribs.id)).toEqual([
      'fig-rates',
      'fig-targets',
      'fig-profile',
      'fig-movement',
      'fig-completeness',
    ]);
    for (const f of figures) {
      const svg = all(f, (e) => e.name === 'svg');
      expect(svg).toHaveLength(1);
      expect(svg[0]?.attribs.role).toBe('img');
      expect(svg[0]?.attribs.viewbox).toMatch(/^0 0 \d+/);
      expect(text(all(f, (e) => e.name === 'desc')[0] as Element).length).toBeGreaterThan(10);
      expect(all(f, (e) => e.name === 'table')).toHaveLength(1);
    }
  });

  it('names the units left out next to every figure they affect', async () => {
    const { report, cat } = await sampleReport();
    const d = doc(render(report, cat));
    const affected = ['so-lieu-chinh', 'fig-rates', 'fig-profile', 'fig-movement'];
    for (const id of affected) {
      const notes = all(byId(d, id), (e) => hasClass(e, 'partial-note'));
      expect(notes.length, id).toBeGreaterThan(0);
      const t = text(notes[0] as Element);
      expect(t).toContain('Huyện Lục Yên (bị loại)');
      expect(t).toContain('Huyện Yên Bình (chưa nộp)');
      expect(t).toContain('1/3');
    }
    // A complete report has none.
    const accepted = report.units.filter((u) => u.status === 'accepted');
    const complete: ConsolidatedReport = {
      ...report,
      units: accepted,
      targets: report.targets.filter((t) => t.unit === '139' || t.unit === 'province'),
      completeness: { ...report.completeness, expected: 1, rejected: 0, missing: 0 },
    };
    expect(all(doc(render(complete, cat)), (e) => hasClass(e, 'partial-note'))).toEqual([]);
  });

  it('keeps hostile unit names and finding texts as text', async () => {
    const { report, cat } = await sampleReport();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)> & "Huyện"';
    const units = report.units.map((u) => (u.code === '139' ? { ...u, name: evil } : u));
    const findings = report.findings.map((f, i) =>
      i === 0 ? { ...f, file: `nop/<b>${evil}</b>.xlsx`, sheet: '"><svg onload=alert(3)>' } : f,
    );
    const html = render({ ...report, units, findings }, cat);
    const d = doc(html);
    expect(all(d, (e) => ['script', 'img', 'b'].includes(e.name))).toEqual([]);
    expect(all(d, (e) => Object.keys(e.attribs).some((k) => /^on/i.test(k)))).toEqual([]);
    const body = text(all(d, (e) => e.name === 'main')[0] as Element);
    expect(body).toContain(evil);
    expect(body).toContain(`nop/<b>${evil}</b>.xlsx`);
  });

  it('lists every finding under its unit with file, sheet!cell and the workbook’s message', async () => {
    const { report, cat } = await sampleReport();
    const d = doc(render(report, cat));
    const section = byId(d, 'kiem-tra');
    const rows = all(section, (e) => e.name === 'tr' && /^sev-/.test(e.attribs.class ?? ''));
    expect(rows).toHaveLength(report.findings.length);
    const t = text(section);
    for (const f of report.findings) {
      expect(t).toContain(findingMessage(f, 'vi'));
      expect(t).toContain(f.file);
      if (f.sheet && f.cell) expect(t).toContain(`${f.sheet}!${f.cell}`);
    }
    const groups = all(section, (e) => e.name === 'h3').map(text);
    expect(groups[0]).toMatch(/^Huyện Lục Yên \(\d+\)$/);
    expect(groups.at(-1)).toMatch(/^Tệp không xác định được đơn vị/);
  });

  it('profiles every deprivation indicator of the forms, whatever their number', async () => {
    const { report, cat } = await sampleReport();
    const rowsOf = (html: string): Element[] =>
      all(
        byId(doc(html), 'fig-profile'),
        (e) => e.name === 'tr' && (e.parent as Element | null)?.name === 'tbody',
      );
    const prefixed = cat.forms.forms.find((f) => f.indicatorPrefix === 'poor_lack_');
    const n = prefixed?.columns.filter((c) => c.id.startsWith('poor_lack_')).length ?? 0;
    expect(rowsOf(render(report, cat))).toHaveLength(n);
    // One indicator fewer in both deprivation forms: one row fewer, named from the forms.
    const forms = {
      ...cat.forms,
      forms: cat.forms.forms.map((f) => ({
        ...f,
        columns: f.columns.filter((c) => !c.id.endsWith('_lack_water')),
      })),
    };
    const fewer = rowsOf(render(report, { ...cat, forms }));
    expect(fewer).toHaveLength(n - 1);
    expect(fewer.map(text).join('|')).not.toContain('Nguồn nước sinh hoạt');
    // The share is the count over the poor households.
    const d = doc(render(report, cat));
    const count = parseVi(text(byKey(d, 'profile.water.poor') as Element));
    const share = parseVi(text(byKey(d, 'profile.water.poorShare') as Element));
    const poor = report.total[cat.forms.roles.poor] ?? 0;
    expect(count).toBe(report.total.poor_lack_water);
    expect(share).toBeCloseTo((100 * (count ?? 0)) / poor, 2);
  });

  it('shows an unknown receipt date apart, never as late: the unit and the completeness counts', async () => {
    const { report, cat } = await sampleReport();
    const units = report.units.map((u) =>
      u.code === '139' ? { ...u, files: u.files.map((f) => ({ ...f, onTime: null })) } : u,
    );
    const tramTau = units.find((u) => u.code === '139');
    expect(tramTau && unitTimeliness(tramTau)).toBe('unknown');
    const d = doc(
      render(
        {
          ...report,
          units,
          completeness: {
            ...report.completeness,
            onTime: report.completeness.onTime - 1,
            late: 0,
            unknownDate: 1,
          },
        },
        cat,
      ),
    );
    expect(parseVi(text(byKey(d, 'completeness.unknown') as Element))).toBe(1);
    expect(parseVi(text(byKey(d, 'completeness.late') as Element))).toBe(0);
    expect(text(byKey(d, 'timeliness.139') as Element)).toBe('Chưa rõ ngày nhận');
    const late = report.units.map((u) =>
      u.code === '139'
        ? { ...u, files: u.files.map((f, i) => ({ ...f, onTime: i === 0 ? null : false })) }
        : u,
    );
    expect(
      late.find((u) => u.code === '139') &&
        unitTimeliness(late.find((u) => u.code === '139') as (typeof late)[number]),
    ).toBe('late');
    const d2 = doc(
      render(
        {
          ...report,
          units: late,
          completeness: {
            ...report.completeness,
            onTime: report.completeness.onTime - 1,
            late: 1,
            unknownDate: 0,
          },
        },
        cat,
      ),
    );
    expect(text(byKey(d2, 'timeliness.139') as Element)).toBe('Muộn');
    expect(parseVi(text(byKey(d2, 'completeness.late') as Element))).toBe(1);
    expect(parseVi(text(byKey(d2, 'completeness.unknown') as Element))).toBe(0);
  });

  it('renders a period with no report accepted: dashes, no NaN, every unit named as left out', async () => {
    const { report, cat } = await sampleReport();
    const units = report.units.map((u) =>
      u.status === 'accepted' ? { ...u, status: 'rejected' as const, values: {}, errors: 1 } : u,
    );
    const total = Object.fromEntries(Object.keys(report.total).map((k) => [k, null]));
    const html = render(
      {
        ...report,
        units,
        total,
        targets: report.targets.map((t) => ({ ...t, currentRate: null, reduction: null })),
        completeness: { ...report.completeness, accepted: 0, rejected: 2, onTime: 0 },
      },
      cat,
    );
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    const d = doc(html);
    expect(text(byKey(d, 'total.poor') as Element)).toBe('—');
    const note = text(
      all(byId(d, 'fig-movement'), (e) => hasClass(e, 'partial-note'))[0] as Element,
    );
    expect(note).toContain('0/3');
    expect(note).toContain('Huyện Trạm Tấu (bị loại)');
  });

  it('gives the same bytes for the same input; the date only moves the dateline', async () => {
    const { report, cat } = await sampleReport();
    const a = render(report, cat);
    expect(render(report, cat)).toBe(a);
    const b = render(report, cat, new Date('2026-12-24T03:00:00Z'));
    expect(b).not.toBe(a);
    expect(b.replace('ngày 24 tháng 12', 'ngày 05 tháng 12')).toBe(a);
  });
});
