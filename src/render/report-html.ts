/**
 * The consolidated report as one self-contained HTML page (`tong-hop-<period>.html`): the
 * official document head (Decree 30/2020), the key figures, the rates by unit, progress against
 * the plan, the deprivation profile, the movement of poor households, who reported and when, and
 * every finding by unit; then the signature and the recipients. Read on a phone or a laptop,
 * printed on A4.
 *
 * Nothing is fetched: the styles are inline, the charts are static SVG made here (svg-chart.ts),
 * there is no script, and a Content-Security-Policy forbids any load. Like the workbook it is
 * always Vietnamese (the department's document). A pure function of the report model and the
 * catalogue: `now` is passed in, and the same input gives the same bytes.
 */
import type { FormSpec, FormsCatalogue, Registry } from '../core/catalogue.js';
import { unitTimeliness, type ConsolidatedReport, type TargetRow } from '../core/consolidate.js';
import { dmy, formatNumber } from '../core/dates-and-numbers.js';
import { findingMessage, findingSuggestion, type Finding } from '../core/finding.js';
import type { Severity } from '../core/finding-codes.js';
import { SEVERITY_TEXT, STATUS_TEXT, TIMELINESS_TEXT } from './report-words.js';
import { roundHalfUp } from '../core/round.js';
import { findingLocation } from './findings.js';
import { PROVINCE_ROW_LABEL, TARGET_HEADINGS, targetNote } from './report-xlsx.js';
import {
  OKABE_ITO,
  escapeHtml,
  renderBarChart,
  renderWaterfall,
  type WaterfallStep,
} from './svg-chart.js';
import { officialDocument, periodPhrase, type OfficialDocument } from './official-document.js';

/** The catalogue parts the page needs: headings and roles, and the issuer's names. */
export interface ReportHtmlCatalogue {
  forms: FormsCatalogue;
  registry: Registry;
}

/** Options of {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** When the report is made: the dateline. */
  now: Date;
}

const esc = escapeHtml;

/** A count or a rate as Vietnamese documents write it (1.234; 12,95); "—" when unknown. */
const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : formatNumber(v, 'vi');
/** A percentage: 12,95%. */
const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${formatNumber(v, 'vi')}%`;

const upperFirst = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

interface Ctx {
  report: ConsolidatedReport;
  forms: FormsCatalogue;
  registry: Registry;
  period: string;
  /** The partial note (units left out), or null when every unit is accepted. */
  partial: string | null;
}

/** The heading of an indicator: its column's heading on the first form that has it. */
function headingOf(forms: FormsCatalogue, id: string): string {
  for (const f of forms.forms) {
    const c = f.columns.find((x) => x.id === id);
    if (c) return c.heading;
  }
  return id;
}

/**
 * Which units the province's figures leave out, by name with what happened to each; null when
 * every unit is accepted. Shown next to every figure and chart it affects.
 */
export function partialNote(report: ConsolidatedReport, registry: Registry): string | null {
  const out = report.units.filter((u) => u.status !== 'accepted');
  if (out.length === 0) return null;
  const c = report.completeness;
  const names = out.map((u) => `${u.name} (${STATUS_TEXT[u.status].toLocaleLowerCase('vi')})`);
  return `Số liệu chưa đầy đủ: chỉ tổng hợp ${c.accepted}/${c.expected} ${registry.unitLevel.vi}; chưa tính ${names.join(', ')}.`;
}

function note(ctx: Ctx): string {
  return ctx.partial ? `<p class="partial-note" role="note">${esc(ctx.partial)}</p>` : '';
}

/** A table cell with a figure; `key` lets tests and readers find it. */
const td = (text: string, key?: string, cls = 'num'): string =>
  `<td class="${cls}"${key ? ` data-key="${esc(key)}"` : ''}>${esc(text)}</td>`;

function table(head: string[], rows: string[], caption?: string): string {
  return (
    `<div class="table-wrap"><table>${caption ? `<caption>${esc(caption)}</caption>` : ''}` +
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

function figure(id: string, caption: string, svg: string, data: string, ctxNote: string): string {
  // The caption, the note and the chart stay together on one printed page; a long data table may
  // run on to the next.
  return `<figure class="chart" id="${id}"><div class="chart-box"><figcaption>${esc(caption)}</figcaption>${ctxNote}${svg}</div>${data}</figure>`;
}

/**
 * The head of the document as Decree 30/2020 places it, then its title and body: the same texts
 * as the workbook's first sheet (official-document.ts). The sections below are its annexes.
 */
function head(d: OfficialDocument): string {
  return (
    `<header class="doc-head"><div class="issuer">` +
    `<p class="authority">${esc(d.parentBody)}</p><p class="department">${esc(d.issuingBody)}</p>` +
    `<hr class="rule short"><p class="number">${esc(d.numberLine)}</p></div>` +
    `<div class="nation"><p class="national-name">${esc(d.nationalName)}</p>` +
    `<p class="motto">${esc(d.nationalMotto)}</p><hr class="rule">` +
    `<p class="dateline">${esc(d.placeDate)}</p></div></header>` +
    `<h1 class="doc-title"><span class="kind">${esc(d.type)}</span><span class="summary">${esc(d.summary)}</span></h1>` +
    `<div class="doc-body">${d.body.map((p) => `<p>${esc(p)}</p>`).join('')}</div>`
  );
}

/** "Nơi nhận:" on the left, the signature on the right, at the end of the page. */
function foot(d: OfficialDocument): string {
  const recipients =
    d.recipients.length > 0
      ? `<p class="recipients-head">${esc(d.recipientsHeading)}</p>${d.recipients.map((r) => `<p>${esc(r)}</p>`).join('')}`
      : '';
  const s = d.signature;
  return (
    `<footer class="doc-foot"><div class="recipients">${recipients}</div><div class="signer">` +
    (s.authority ? `<p class="sign-title">${esc(s.authority)}</p>` : '') +
    `<p class="sign-title">${esc(s.title)}</p>` +
    `<div class="sign-space"></div>${s.name ? `<p class="sign-name">${esc(s.name)}</p>` : ''}` +
    `</div></footer>`
  );
}

function section(n: number, id: string, title: string, body: string): string {
  return `<section class="part" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${n}. ${esc(title)}</h2>${body}</section>`;
}

function provinceTarget(report: ConsolidatedReport): TargetRow | undefined {
  return report.targets.find((t) => t.unit === 'province');
}

/** (1) The province's key figures. */
function keyFigures(ctx: Ctx): string {
  const { report, forms } = ctx;
  const roles = forms.roles;
  const rateSpec = forms.forms.flatMap((f) => f.columns).find((c) => c.id === roles.poorRate);
  const ids = [
    rateSpec?.denominator,
    roles.poor,
    roles.poorRate,
    roles.nearPoor,
    roles.nearPoorRate,
  ]
    .filter((x): x is string => typeof x === 'string')
    .filter((x, i, a) => a.indexOf(x) === i);
  const rows = ids.map(
    (id) =>
      `<tr><th scope="row">${esc(headingOf(forms, id))}</th>${td(num(report.total[id]), `total.${id}`)}</tr>`,
  );
  const t = provinceTarget(report);
  if (t) {
    const more: [string, string, string][] = [
      ['Tỷ lệ hộ nghèo đầu kỳ (%)', num(t.baselineRate), 'target.province.baselineRate'],
      ['Số điểm % đã giảm', num(t.reduction), 'target.province.reduction'],
      ['Chỉ tiêu giảm (điểm %)', num(t.target), 'target.province.target'],
      ['Tỷ lệ hoàn thành chỉ tiêu (%)', num(t.achievedShare), 'target.province.achievedShare'],
      ['Số hộ thoát nghèo', num(t.escapedPoverty), 'target.province.escapedPoverty'],
    ];
    for (const [label, text, key] of more)
      rows.push(`<tr><th scope="row">${esc(label)}</th>${td(text, key)}</tr>`);
  }
  const extra: string[] = [];
  if (t?.partial)
    extra.push(
      `<p class="partial-note" role="note">Số điểm % đã giảm và tỷ lệ hoàn thành chỉ tiêu toàn tỉnh chưa tính được khi chưa đủ báo cáo của các ${esc(ctx.registry.unitLevel.vi)}.</p>`,
    );
  if (t && !t.published)
    extra.push('<p class="info-note">Tỷ lệ đầu kỳ và chỉ tiêu là số liệu minh họa.</p>');
  return (
    note(ctx) +
    `<div class="table-wrap"><table class="key-figures"><caption>Số liệu chính toàn tỉnh, ${esc(ctx.period)}</caption><tbody>${rows.join('')}</tbody></table></div>` +
    extra.join('')
  );
}

/** (2) Poor and near-poor rates by unit, highest poor rate first. */
function ratesByUnit(ctx: Ctx): string {
  const { report, forms } = ctx;
  const roles = forms.roles;
  const targets = new Map(report.targets.map((t) => [t.unit, t]));
  const goal = (t: TargetRow | undefined): number | null =>
    t && t.baselineRate !== null && t.target !== null
      ? roundHalfUp(t.baselineRate - t.target, 2)
      : null;
  const units = report.units
    .filter((u) => u.status === 'accepted')
    .map((u) => ({
      u,
      poor: u.values[roles.poorRate] ?? null,
      near: u.values[roles.nearPoorRate] ?? null,
      goal: goal(targets.get(u.code)),
    }))
    .sort(
      (a, b) => (b.poor ?? -Infinity) - (a.poor ?? -Infinity) || a.u.name.localeCompare(b.u.name),
    );
  const poorLabel = headingOf(forms, roles.poorRate);
  const nearLabel = headingOf(forms, roles.nearPoorRate);
  const provincePoor = report.total[roles.poorRate] ?? null;
  const provinceNear = report.total[roles.nearPoorRate] ?? null;
  const refLines = [
    ...(provincePoor !== null
      ? [{ value: provincePoor, label: `${PROVINCE_ROW_LABEL}: tỷ lệ hộ nghèo`, dash: '6 3' }]
      : []),
    ...(provinceNear !== null
      ? [{ value: provinceNear, label: `${PROVINCE_ROW_LABEL}: tỷ lệ hộ cận nghèo`, dash: '2 2' }]
      : []),
  ];
  const title = `Tỷ lệ hộ nghèo, hộ cận nghèo theo ${ctx.registry.unitLevel.vi}, ${ctx.period}`;
  const svg = renderBarChart({
    id: 'chart-rates',
    title,
    series: [
      { label: poorLabel, colour: OKABE_ITO.vermillion, fill: 'solid' },
      { label: nearLabel, colour: OKABE_ITO.blue, fill: 'hatch' },
    ],
    rows: units.map((x) => ({
      label: x.u.name,
      values: [x.poor, x.near],
      markers: [{ series: 0, value: x.goal }],
    })),
    refLines,
    markerLabel: 'Tỷ lệ hộ nghèo theo chỉ tiêu (đầu kỳ − chỉ tiêu giảm)',
    format: (v) => pct(v),
  });
  const rows = units.map(
    (x) =>
      `<tr><th scope="row">${esc(x.u.name)}</th>${td(num(x.poor), `rate.${x.u.code}.poor`)}${td(num(x.near), `rate.${x.u.code}.nearPoor`)}${td(num(x.goal), `rate.${x.u.code}.goal`)}</tr>`,
  );
  rows.push(
    `<tr class="total"><th scope="row">${PROVINCE_ROW_LABEL}</th>${td(num(provincePoor), 'rate.province.poor')}${td(num(provinceNear), 'rate.province.nearPoor')}${td(num(goal(provinceTarget(report))), 'rate.province.goal')}</tr>`,
  );
  const data = table(
    [
      upperFirst(ctx.registry.unitLevel.vi),
      poorLabel,
      nearLabel,
      'Tỷ lệ hộ nghèo theo chỉ tiêu (%)',
    ],
    rows,
    'Số liệu của biểu đồ',
  );
  const empty =
    units.length === 0
      ? '<p class="info-note">Chưa có báo cáo nào được tiếp nhận: chưa có số liệu.</p>'
      : '';
  return empty + figure('fig-rates', title, svg, data, note(ctx));
}

/** (3) Reduction achieved against the plan's target, by unit (the workbook's "Chỉ tiêu" sheet). */
function targets(ctx: Ctx): string {
  const { report } = ctx;
  const heads = [...TARGET_HEADINGS];
  let stt = 0;
  const rows = report.targets.map((t) => {
    const province = t.unit === 'province';
    const unit = report.units.find((u) => u.code === t.unit);
    const k = `target.${t.unit}`;
    return (
      `<tr${province ? ' class="total"' : ''}><td class="num">${province ? '' : ++stt}</td><th scope="row">${esc(province ? PROVINCE_ROW_LABEL : t.name)}</th>` +
      td(num(t.baselineRate), `${k}.baselineRate`) +
      td(num(t.currentRate), `${k}.currentRate`) +
      td(num(t.reduction), `${k}.reduction`) +
      td(num(t.target), `${k}.target`) +
      td(num(t.achievedShare), `${k}.achievedShare`) +
      td(num(t.escapedPoverty), `${k}.escapedPoverty`) +
      td(targetNote(t, unit, ctx.report.completeness), undefined, 'text') +
      '</tr>'
    );
  });
  const charted = report.targets.filter((t) => t.unit !== 'province' && t.reduction !== null);
  const title = `Số điểm % giảm tỷ lệ hộ nghèo so với chỉ tiêu, ${ctx.period}`;
  const svg = renderBarChart({
    id: 'chart-targets',
    title,
    series: [
      { label: 'Số điểm % đã giảm', colour: OKABE_ITO.bluishGreen, fill: 'solid' },
      { label: 'Chỉ tiêu giảm (điểm %)', colour: OKABE_ITO.orange, fill: 'cross' },
    ],
    rows: charted.map((t) => ({ label: t.name, values: [t.reduction, t.target] })),
    format: (v) => num(v),
  });
  const partial = provinceTarget(report)?.partial ? note(ctx) : '';
  return figure(
    'fig-targets',
    title,
    svg,
    table(heads, rows, 'Kết quả thực hiện chỉ tiêu'),
    partial,
  );
}

/** A deprivation form: the one with an indicator prefix whose columns include `households`. */
function deprivationForm(forms: FormsCatalogue, households: string): FormSpec | undefined {
  return forms.forms.find((f) => f.indicatorPrefix && f.columns.some((c) => c.id === households));
}

/** (4) Share of poor and of near-poor households lacking each indicator of the standard. */
function profile(ctx: Ctx): string {
  const { report, forms } = ctx;
  const roles = forms.roles;
  const poorForm = deprivationForm(forms, roles.poor);
  const nearForm = deprivationForm(forms, roles.nearPoor);
  const suffixes: string[] = [];
  const labels = new Map<string, string>();
  for (const f of [poorForm, nearForm]) {
    if (!f?.indicatorPrefix) continue;
    const prefix = f.indicatorPrefix;
    for (const c of f.columns)
      if (c.id.startsWith(prefix)) {
        const s = c.id.slice(prefix.length);
        if (!suffixes.includes(s)) suffixes.push(s);
        if (!labels.has(s)) labels.set(s, c.heading);
      }
  }
  const share = (count: number | null | undefined, of: number | null | undefined): number | null =>
    count === null || count === undefined || !of ? null : roundHalfUp((100 * count) / of, 2);
  const poorN = report.total[roles.poor];
  const nearN = report.total[roles.nearPoor];
  const items = suffixes.map((s) => {
    const p = poorForm?.indicatorPrefix ? report.total[poorForm.indicatorPrefix + s] : undefined;
    const n = nearForm?.indicatorPrefix ? report.total[nearForm.indicatorPrefix + s] : undefined;
    return {
      s,
      label: labels.get(s) ?? s,
      poor: p ?? null,
      near: n ?? null,
      poorShare: share(p, poorN),
      nearShare: share(n, nearN),
    };
  });
  if (items.length === 0)
    return '<p class="info-note">Bộ biểu mẫu không có biểu thiếu hụt dịch vụ xã hội cơ bản.</p>';
  const title = `Tỷ lệ hộ nghèo, hộ cận nghèo thiếu hụt từng chỉ số dịch vụ xã hội cơ bản, ${ctx.period}`;
  const svg = renderBarChart({
    id: 'chart-profile',
    title,
    series: [
      { label: 'Hộ nghèo thiếu hụt (%)', colour: OKABE_ITO.vermillion, fill: 'solid' },
      { label: 'Hộ cận nghèo thiếu hụt (%)', colour: OKABE_ITO.blue, fill: 'hatch' },
    ],
    rows: items.map((i) => ({ label: i.label, values: [i.poorShare, i.nearShare] })),
    format: (v) => pct(v),
  });
  const rows = items.map(
    (i) =>
      `<tr><th scope="row">${esc(i.label)}</th>${td(num(i.poor), `profile.${i.s}.poor`)}${td(num(i.poorShare), `profile.${i.s}.poorShare`)}${td(num(i.near), `profile.${i.s}.nearPoor`)}${td(num(i.nearShare), `profile.${i.s}.nearPoorShare`)}</tr>`,
  );
  const data = table(
    [
      'Chỉ số thiếu hụt',
      'Số hộ nghèo thiếu hụt',
      'Tỷ lệ hộ nghèo thiếu hụt (%)',
      'Số hộ cận nghèo thiếu hụt',
      'Tỷ lệ hộ cận nghèo thiếu hụt (%)',
    ],
    rows,
    `Tính trên ${num(poorN)} hộ nghèo và ${num(nearN)} hộ cận nghèo toàn tỉnh`,
  );
  return figure('fig-profile', title, svg, data, note(ctx));
}

/** (5) Poor households at the start, who left and who came in, and at the end of the period. */
function movement(ctx: Ctx): string {
  const { report, forms } = ctx;
  const roles = forms.roles;
  const step = (id: string, kind: WaterfallStep['kind']): WaterfallStep & { id: string } => ({
    id,
    label: headingOf(forms, id),
    value: report.total[id] ?? null,
    kind,
  });
  const steps = [
    step(roles.poorStart, 'total'),
    ...roles.escapedPoverty.map((id) => step(id, 'decrease')),
    ...(roles.poorOtherExits ?? []).map((id) => step(id, 'decrease')),
    ...(roles.poorEntries ?? []).map((id) => step(id, 'increase')),
    ...(roles.poorEnd ? [step(roles.poorEnd, 'total')] : []),
  ];
  const title = `Diễn biến số hộ nghèo trong kỳ, ${ctx.period}`;
  const svg = renderWaterfall({
    id: 'chart-movement',
    title,
    steps,
    legend: { total: 'Số hộ nghèo', decrease: 'Giảm', increase: 'Tăng' },
    axisNote: (start) =>
      `Trục số hộ bắt đầu từ ${start} (không từ 0) để thấy rõ các khoản tăng, giảm.`,
    format: (v) => num(v),
  });
  const DIRECTION = { total: '', decrease: 'Giảm', increase: 'Tăng' } as const;
  const rows = steps.map(
    (s) =>
      `<tr${s.kind === 'total' ? ' class="total"' : ''}><th scope="row">${esc(s.label)}</th>${td(DIRECTION[s.kind], undefined, 'text')}${td(num(s.value), `movement.${s.id}`)}</tr>`,
  );
  return figure(
    'fig-movement',
    title,
    svg,
    table(['Diễn biến', 'Tăng/giảm', 'Số hộ'], rows, 'Số liệu của biểu đồ (Biểu 02, toàn tỉnh)'),
    note(ctx),
  );
}

/** (6) Who reported, who was rejected or missing, and how many accepted reports were on time. */
function completeness(ctx: Ctx): string {
  const { report, registry } = ctx;
  const c = report.completeness;
  const counts: [string, number, string][] = [
    ['Đã tiếp nhận', c.accepted, 'accepted'],
    ['Bị loại', c.rejected, 'rejected'],
    ['Chưa nộp', c.missing, 'missing'],
    ['Đúng hạn (trong số đã tiếp nhận)', c.onTime, 'onTime'],
    ['Muộn (trong số đã tiếp nhận)', c.late, 'late'],
    ['Chưa rõ ngày nhận (trong số đã tiếp nhận)', c.unknownDate, 'unknown'],
  ];
  const title = `Tình hình nộp báo cáo của các ${registry.unitLevel.vi}, ${ctx.period}`;
  const svg = renderBarChart({
    id: 'chart-completeness',
    title,
    series: [{ label: `Số ${registry.unitLevel.vi}`, colour: OKABE_ITO.blue, fill: 'solid' }],
    rows: counts.map(([label, v]) => ({ label, values: [v] })),
    integers: true,
    format: (v) => num(v),
  });
  const share = (v: number, of: number): string =>
    of === 0 ? '—' : num(roundHalfUp((100 * v) / of, 1));
  const rows = counts.map(
    ([label, v, key], i) =>
      `<tr><th scope="row">${esc(label)}</th>${td(num(v), `completeness.${key}`)}${td(share(v, i < 3 ? c.expected : c.accepted))}</tr>`,
  );
  rows.push(
    `<tr class="total"><th scope="row">Số báo cáo dự kiến</th>${td(num(c.expected), 'completeness.expected')}${td('')}</tr>`,
  );
  const data = table(
    ['Tình trạng', `Số ${registry.unitLevel.vi}`, 'Tỷ lệ (%)'],
    rows,
    'Tỷ lệ của ba dòng đầu tính trên số báo cáo dự kiến; của ba dòng sau, trên số đã tiếp nhận',
  );
  const due = report.dueBefore
    ? `<p>Hạn nộp: trước ngày ${esc(dmy(report.dueBefore))}. Tỷ lệ báo cáo: ${esc(pct(c.reportingRate))}; tỷ lệ đúng hạn: ${esc(pct(c.onTimeRate))}.</p>`
    : '<p>Hạn nộp: kế hoạch không quy định.</p>';
  const unitRows = report.units.map((u) => {
    const files = u.files.filter((f) => f.used.length > 0);
    const shown = files.length > 0 ? files : u.files;
    const dates = shown
      .map((f) => (f.reportDate ? dmy(f.reportDate) : 'chưa rõ'))
      .filter((d, i, a) => a.indexOf(d) === i)
      .join('; ');
    return (
      `<tr><th scope="row">${esc(u.name)}</th>${td(STATUS_TEXT[u.status], `status.${u.code}`, 'text')}` +
      td(
        u.status === 'accepted' ? TIMELINESS_TEXT[unitTimeliness(u)] : '—',
        `timeliness.${u.code}`,
        'text',
      ) +
      td(u.files.length > 0 ? dates : '—', undefined, 'text') +
      td(shown.map((f) => f.file).join('; ') || '—', undefined, 'text file') +
      '</tr>'
    );
  });
  const unassigned =
    report.unassigned.length > 0
      ? `<p>Tệp không xác định được đơn vị (không tính cho đơn vị nào): ${esc(report.unassigned.join('; '))}</p>`
      : '';
  return (
    figure('fig-completeness', title, svg, data, '') +
    due +
    table(
      [upperFirst(ctx.registry.unitLevel.vi), 'Trạng thái', 'Thời hạn', 'Ngày báo cáo', 'Tệp'],
      unitRows,
      `Từng ${registry.unitLevel.vi}`,
    ) +
    unassigned
  );
}

/** (7) The findings, grouped by unit (files of no unit last). */
function findings(ctx: Ctx): string {
  const { report, registry } = ctx;
  if (report.findings.length === 0) return '<p>Không có lỗi, cảnh báo hay thông tin nào.</p>';
  const names = new Map<string, string>([
    ...registry.units.map((u): [string, string] => [u.code, u.name]),
    ...report.units.map((u): [string, string] => [u.code, u.name]),
  ]);
  const groups = new Map<string | null, Finding[]>();
  for (const u of report.units) groups.set(u.code, []);
  for (const f of report.findings) {
    const g = groups.get(f.unit) ?? [];
    g.push(f);
    groups.set(f.unit, g);
  }
  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const parts = [
    `<p>Tổng số: ${report.findings.length} (lỗi: ${count('error')}; cảnh báo: ${count('warning')}; thông tin: ${count('info')}).</p>`,
  ];
  for (const [unit, list] of groups) {
    if (list.length === 0) continue;
    const name = unit === null ? 'Tệp không xác định được đơn vị' : (names.get(unit) ?? unit);
    const rows = list.map(
      (f) =>
        `<tr class="sev-${f.severity}">${td(SEVERITY_TEXT[f.severity], undefined, 'text sev')}${td(f.code, undefined, 'text code')}${td(f.file, undefined, 'text file')}${td(findingLocation(f), undefined, 'text')}${td(findingMessage(f, 'vi'), undefined, 'text')}${td(findingSuggestion(f, 'vi'), undefined, 'text')}</tr>`,
    );
    parts.push(
      `<div class="finding-group"><h3>${esc(name)} (${list.length})</h3>` +
        table(['Mức', 'Mã', 'Tệp', 'Vị trí', 'Nội dung', 'Cách sửa'], rows) +
        '</div>',
    );
  }
  return parts.join('');
}

const CSS = `
:root{--ink:#111;--muted:#444;--line:#999}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:60rem;padding:1rem;color:var(--ink);background:#fff;font-family:"Times New Roman",Times,"Liberation Serif","Nimbus Roman",serif;font-size:13pt;line-height:1.4}
p{margin:.3rem 0}
.doc-head{display:grid;grid-template-columns:2fr 3fr;gap:1rem;text-align:center;align-items:start}
.doc-head p{margin:0}
.authority{text-transform:none}
.department,.national-name,.motto{font-weight:bold}
.national-name{white-space:nowrap;font-size:12pt}
.rule{border:0;border-top:1px solid #000;width:55%;margin:.15rem auto .4rem}
.rule.short{width:35%}
.dateline{font-style:italic;margin-top:.4rem}
.doc-title{text-align:center;font-size:14pt;margin:1.4rem 0 1rem}
.doc-title span{display:block}
.doc-title .summary{font-size:13pt;margin-top:.2rem}
.doc-body p{text-align:justify;text-indent:1.27cm;margin:0 0 6pt}
.number{white-space:pre}
h2{font-size:13.5pt;margin:1.6rem 0 .6rem}
h3{font-size:12.5pt;margin:1rem 0 .4rem}
figure{margin:1rem 0;padding:0}
figcaption{font-weight:bold;text-align:center;margin-bottom:.3rem}
svg{display:block;width:100%;height:auto;max-width:100%;font-family:inherit}
svg text{fill:#111}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:11.5pt}
caption{caption-side:top;font-style:italic;text-align:left;padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.2rem .4rem;vertical-align:top}
thead th{background:#eee;text-align:center}
tbody th{text-align:left;font-weight:normal}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.file,td.code{word-break:break-all;min-width:8rem}
tr.total th,tr.total td{font-weight:bold}
table.key-figures{max-width:36rem}
.partial-note{border-left:4px solid #D55E00;background:#fff4ec;padding:.3rem .6rem;font-style:italic}
.partial-note::before{content:"⚠ "}
.info-note{font-style:italic;color:var(--muted)}
.sev-error .sev{font-weight:bold}
.doc-foot{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin-top:2rem}
.recipients p{margin:0;font-size:11pt}
.recipients .recipients-head{font-weight:bold;font-style:italic;font-size:12pt}
.signer{text-align:center}
.signer p{margin:0}
.sign-title{font-weight:bold}
.sign-space{height:5rem}
.sign-name{font-weight:bold}
@media (max-width:600px){
body{font-size:12pt;padding:.6rem}
.doc-head,.doc-foot{grid-template-columns:1fr}
.national-name{white-space:normal}
}
@page{size:A4;margin:20mm 15mm 20mm 30mm}
@media print{
body{max-width:none;padding:0;font-size:12pt}
section.part+section.part{break-before:page}
figure .chart-box,svg,.key-figures,.doc-head,.doc-foot{break-inside:avoid}
h2,h3,figcaption{break-after:avoid}
tr{break-inside:avoid}
thead{display:table-header-group}
.table-wrap{overflow:visible}
.partial-note{background:none}
}
`
  .trim()
  .replace(/\n/g, '');

/**
 * Renders the consolidated report as one HTML page, in Vietnamese.
 *
 * @param report - the model from `consolidate`.
 * @param cat - the forms (headings, roles) and the registry (issuer, place, unit names).
 * @param opts - `now` for the dateline.
 * @returns the page's text (UTF-8); nothing is written.
 */
export function renderReportHtml(
  report: ConsolidatedReport,
  cat: ReportHtmlCatalogue,
  opts: ReportHtmlOptions,
): string {
  const ctx: Ctx = {
    report,
    forms: cat.forms,
    registry: cat.registry,
    period: periodPhrase(report),
    partial: partialNote(report, cat.registry),
  };
  const doc = officialDocument(report, {
    registry: cat.registry,
    roles: cat.forms.roles,
    now: opts.now,
    // The sections follow the body on the same page: no list of annexed tables.
    annexes: [],
  });
  const unitLevel = cat.registry.unitLevel.vi;
  const body = [
    head(doc),
    section(1, 'so-lieu-chinh', 'Số liệu chính toàn tỉnh', keyFigures(ctx)),
    section(
      2,
      'ty-le-theo-don-vi',
      `Tỷ lệ hộ nghèo, hộ cận nghèo theo ${unitLevel}`,
      ratesByUnit(ctx),
    ),
    section(3, 'chi-tieu', 'Kết quả thực hiện chỉ tiêu giảm tỷ lệ hộ nghèo', targets(ctx)),
    section(4, 'thieu-hut', 'Thiếu hụt dịch vụ xã hội cơ bản', profile(ctx)),
    section(5, 'dien-bien', 'Diễn biến hộ nghèo', movement(ctx)),
    section(6, 'nop-bao-cao', 'Tình hình nộp báo cáo', completeness(ctx)),
    section(7, 'kiem-tra', 'Kết quả kiểm tra số liệu', findings(ctx)),
    foot(doc),
  ].join('\n');
  const title = `Báo cáo tổng hợp ${ctx.period} — ${cat.registry.province.name}`;
  return (
    '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    `<meta name="generator" content="povreport">\n<title>${esc(title)}</title>\n` +
    `<style>${CSS}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  );
}
