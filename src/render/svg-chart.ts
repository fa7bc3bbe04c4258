/**
 * Static charts as inline SVG text, made when the report is built: horizontal bars (one or more
 * series per row, with markers and reference lines) and a waterfall of counts. linear-scale.ts
 * (d3-scale's linear scale, ported) computes the scales and the ticks; the markup is written here as strings, every text escaped. Pure: no
 * DOM, no clock, no randomness — the same data gives the same bytes.
 *
 * Accessibility: the SVG is `role="img"` with a `<title>` and a `<desc>` that lists every figure;
 * each series has its own colour (Okabe–Ito, told apart by colour-blind readers) and its own
 * pattern, and every bar carries its value as text, so colour is never the only cue.
 */
import { linearScale } from './linear-scale.js';

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = escapeHtml;

/** The Okabe–Ito palette (colour-blind safe), in the order series take them. */
export const OKABE_ITO = {
  vermillion: '#D55E00',
  blue: '#0072B2',
  bluishGreen: '#009E73',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  reddishPurple: '#CC79A7',
  yellow: '#F0E442',
  black: '#000000',
} as const;

/** How a series' bars are filled besides their colour. */
export type Fill = 'solid' | 'hatch' | 'dots' | 'cross';

/** One series of bars. */
export interface BarSeries {
  label: string;
  colour: string;
  fill: Fill;
}

/** A marker drawn on a row (a target): a black diamond with its value in the data table. */
export interface RowMarker {
  /** Which series' bar it sits on. */
  series: number;
  value: number | null;
}

/** One row of bars: a unit or an indicator. */
export interface BarRow {
  label: string;
  /** One value per series; null: no bar, "—" written instead. */
  values: (number | null)[];
  markers?: RowMarker[];
}

/** A vertical line across the plot (the province's rate). */
export interface RefLine {
  value: number;
  label: string;
  /** Dash pattern of the line (SVG `stroke-dasharray`). */
  dash: string;
}

/** A horizontal bar chart. */
export interface BarChart {
  /** Unique in the page: prefixes the ids of the title, desc and patterns. */
  id: string;
  title: string;
  /** The description read out by screen readers; by default every row's figures. */
  desc?: string;
  series: BarSeries[];
  rows: BarRow[];
  refLines?: RefLine[];
  /** The legend entry of the markers, when there are any. */
  markerLabel?: string;
  /** How a value is written (on the bar and the axis). */
  format: (n: number) => string;
  /** Counts of whole things: no tick between two whole numbers. */
  integers?: boolean;
}

const WIDTH = 680;
const LABEL_W = 200;
const PLOT_X0 = LABEL_W + 10;
const PLOT_X1 = WIDTH - 70;
const BAR_H = 14;
const ROW_GAP = 12;
const TOP = 30;
const LABEL_CHARS = 30;
const FONT = 12;

/** Rounds a coordinate to 0.1: short, stable markup. */
const n1 = (v: number): string => String(Math.round(v * 10) / 10);

/** A label in at most two lines of about LABEL_CHARS characters (the rest cut with "…"). */
export function wrapLabel(label: string, chars = LABEL_CHARS): string[] {
  const words = label.trim().split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > chars) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length <= 2)
    return lines.map((l) => (l.length > chars ? `${l.slice(0, chars - 1)}…` : l));
  const second = lines.slice(1).join(' ');
  return [lines[0] ?? '', `${second.slice(0, chars - 1)}…`];
}

function patternDefs(id: string, series: BarSeries[]): string {
  return series
    .map((s, i) => {
      const pid = `${id}-p${i}`;
      const base = `<rect width="8" height="8" fill="${esc(s.colour)}"/>`;
      const over =
        s.fill === 'hatch'
          ? '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>'
          : s.fill === 'dots'
            ? '<circle cx="4" cy="4" r="1.6" fill="#fff"/>'
            : s.fill === 'cross'
              ? '<path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.4"/>'
              : '';
      return `<pattern id="${pid}" width="8" height="8" patternUnits="userSpaceOnUse">${base}${over}</pattern>`;
    })
    .join('');
}

function svgOpen(id: string, height: number, title: string, desc: string): string {
  return (
    `<svg viewBox="0 0 ${WIDTH} ${n1(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-size="${FONT}">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>`
  );
}

function legend(
  items: { swatch: string; label: string }[],
  y: number,
): { markup: string; height: number } {
  let x = PLOT_X0;
  let row = 0;
  const parts: string[] = [];
  for (const it of items) {
    const w = 26 + Math.min(it.label.length, 60) * 6.2;
    if (x + w > WIDTH && x > PLOT_X0) {
      x = PLOT_X0;
      row++;
    }
    const ly = y + row * 18;
    parts.push(
      `<g transform="translate(${n1(x)},${n1(ly)})">${it.swatch}<text x="20" y="11">${esc(it.label)}</text></g>`,
    );
    x += w;
  }
  return { markup: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * 18 };
}

const diamond = (cx: number, cy: number, r: number): string =>
  `<path d="M${n1(cx)},${n1(cy - r)} L${n1(cx + r)},${n1(cy)} L${n1(cx)},${n1(cy + r)} L${n1(cx - r)},${n1(cy)} Z" fill="#000" stroke="#fff" stroke-width="1"/>`;

function defaultDesc(chart: BarChart): string {
  return chart.rows
    .map(
      (r) =>
        `${r.label}: ${r.values
          .map((v, i) => `${chart.series[i]?.label ?? ''} ${v === null ? '—' : chart.format(v)}`)
          .join(', ')}`,
    )
    .join('; ');
}

/** Renders a horizontal bar chart as an SVG element (a string). */
export function renderBarChart(chart: BarChart): string {
  const { id, series, rows } = chart;
  const k = Math.max(1, series.length);
  const rowH = k * BAR_H + ROW_GAP;
  const all = rows.flatMap((r) => [
    ...r.values.filter((v): v is number => v !== null),
    ...(r.markers ?? []).map((m) => m.value).filter((v): v is number => v !== null),
  ]);
  for (const l of chart.refLines ?? []) all.push(l.value);
  const lo = Math.min(0, ...all);
  const hi = Math.max(0, ...all);
  const x = linearScale([lo, hi === lo ? lo + 1 : hi], [PLOT_X0, PLOT_X1], 5);
  const plotH = Math.max(1, rows.length) * rowH;
  const axisY = TOP + plotH;
  const parts: string[] = [];
  // Grid and axis.
  for (const t of x.ticks(5).filter((v) => !chart.integers || Number.isInteger(v))) {
    const tx = x(t);
    parts.push(
      `<line x1="${n1(tx)}" x2="${n1(tx)}" y1="${TOP - 4}" y2="${n1(axisY)}" stroke="#ccc" stroke-width="0.6"/>`,
      `<text x="${n1(tx)}" y="${n1(axisY + 14)}" text-anchor="middle" fill="#333">${esc(chart.format(t))}</text>`,
    );
  }
  parts.push(
    `<line x1="${n1(x(0))}" x2="${n1(x(0))}" y1="${TOP - 4}" y2="${n1(axisY)}" stroke="#000" stroke-width="1"/>`,
  );
  rows.forEach((r, i) => {
    const y0 = TOP + i * rowH + ROW_GAP / 2;
    const lines = wrapLabel(r.label);
    const mid = y0 + (k * BAR_H) / 2;
    const ty = mid + 4 - (lines.length - 1) * 7;
    parts.push(
      `<text x="${LABEL_W}" y="${n1(ty)}" text-anchor="end">${lines
        .map((l, j) => `<tspan x="${LABEL_W}" dy="${j === 0 ? 0 : 14}">${esc(l)}</tspan>`)
        .join('')}</text>`,
    );
    r.values.forEach((v, s) => {
      const by = y0 + s * BAR_H;
      if (v === null) {
        parts.push(
          `<text x="${n1(x(0) + 4)}" y="${n1(by + BAR_H - 3)}" fill="#333" data-series="${s}">—</text>`,
        );
        return;
      }
      const a = x(Math.min(0, v));
      const b = x(Math.max(0, v));
      parts.push(
        `<rect x="${n1(a)}" y="${n1(by + 1)}" width="${n1(Math.max(0.5, b - a))}" height="${BAR_H - 2}" fill="url(#${id}-p${s})" stroke="${esc(series[s]?.colour ?? '#000')}" stroke-width="0.8"/>`,
        `<text x="${n1(Math.max(b, x(0)) + 4)}" y="${n1(by + BAR_H - 3)}" class="bar-value" data-series="${s}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(chart.format(v))}</text>`,
      );
    });
    for (const m of r.markers ?? []) {
      if (m.value === null) continue;
      parts.push(diamond(x(m.value), y0 + m.series * BAR_H + BAR_H / 2, 6));
    }
  });
  for (const l of chart.refLines ?? []) {
    const lx = x(l.value);
    parts.push(
      `<line x1="${n1(lx)}" x2="${n1(lx)}" y1="${TOP - 8}" y2="${n1(axisY)}" stroke="#000" stroke-width="1.4" stroke-dasharray="${esc(l.dash)}"/>`,
    );
  }
  const items = series.map((s, i) => ({
    swatch: `<rect width="16" height="12" fill="url(#${id}-p${i})" stroke="${esc(s.colour)}"/>`,
    label: s.label,
  }));
  if (chart.markerLabel && rows.some((r) => (r.markers ?? []).some((m) => m.value !== null)))
    items.push({ swatch: diamond(8, 6, 6), label: chart.markerLabel });
  for (const l of chart.refLines ?? [])
    items.push({
      swatch: `<line x1="0" x2="16" y1="6" y2="6" stroke="#000" stroke-width="1.4" stroke-dasharray="${esc(l.dash)}"/>`,
      label: `${l.label}: ${chart.format(l.value)}`,
    });
  const leg = legend(items, axisY + 26);
  const height = axisY + 26 + leg.height + 6;
  return (
    svgOpen(id, height, chart.title, chart.desc ?? defaultDesc(chart)) +
    `<defs>${patternDefs(id, series)}</defs>` +
    `<g class="plot">${parts.join('')}</g>${leg.markup}</svg>`
  );
}

/** One step of a waterfall: a total bar from zero, or a change (+ or −) from the running level. */
export interface WaterfallStep {
  label: string;
  value: number | null;
  kind: 'total' | 'increase' | 'decrease';
}

/** A waterfall of counts (the movement of poor households over the period). */
export interface WaterfallChart {
  id: string;
  title: string;
  desc?: string;
  steps: WaterfallStep[];
  /** Legend texts of the three kinds of bar. */
  legend: { total: string; increase: string; decrease: string };
  /** The note under a chart whose axis does not start at 0, given the start. */
  axisNote: (start: string) => string;
  format: (n: number) => string;
}

/**
 * Renders a waterfall as horizontal bars, one row a step: totals from zero, a decrease drawn back
 * from the running level, an increase forward from it. An unknown step breaks the chain: the
 * steps after it until the next total are drawn from nothing (their values are still written).
 */
export function renderWaterfall(chart: WaterfallChart): string {
  const { id, steps } = chart;
  const kinds = ['total', 'decrease', 'increase'] as const;
  const fills: Record<(typeof kinds)[number], BarSeries> = {
    total: { label: chart.legend.total, colour: OKABE_ITO.blue, fill: 'solid' },
    decrease: { label: chart.legend.decrease, colour: OKABE_ITO.bluishGreen, fill: 'hatch' },
    increase: { label: chart.legend.increase, colour: OKABE_ITO.vermillion, fill: 'dots' },
  };
  const spans: ({ a: number; b: number } | null)[] = [];
  let level: number | null = 0;
  for (const s of steps) {
    if (s.value === null) {
      spans.push(null);
      level = null;
      continue;
    }
    if (s.kind === 'total') {
      spans.push({ a: 0, b: s.value });
      level = s.value;
    } else if (level === null) spans.push(null);
    else {
      const next: number = s.kind === 'increase' ? level + s.value : level - s.value;
      spans.push({ a: Math.min(level, next), b: Math.max(level, next) });
      level = next;
    }
  }
  // The changes are small beside the totals: the axis starts near the lowest level (not at 0)
  // so they can be seen, and says so under the chart; totals are drawn from the axis start.
  const levels = spans.flatMap((s, i) =>
    s ? (steps[i]?.kind === 'total' ? [s.b] : [s.a, s.b]) : [],
  );
  const hi = Math.max(1, ...levels);
  const lowest = levels.length > 0 ? Math.min(hi, ...levels) : 0;
  const pad = Math.max((hi - lowest) * 0.6, hi * 0.05);
  const x = linearScale([Math.max(0, lowest - pad), hi], [PLOT_X0, PLOT_X1], 5);
  const start = x.domain()[0] ?? 0;
  const truncated = start > 0;
  for (const sp of spans) if (sp && sp.a < start) sp.a = start;
  const rowH = BAR_H + 2 + ROW_GAP;
  const axisY = TOP + Math.max(1, steps.length) * rowH;
  const parts: string[] = [];
  for (const t of x.ticks(5)) {
    const tx = x(t);
    parts.push(
      `<line x1="${n1(tx)}" x2="${n1(tx)}" y1="${TOP - 4}" y2="${n1(axisY)}" stroke="#ccc" stroke-width="0.6"/>`,
      `<text x="${n1(tx)}" y="${n1(axisY + 14)}" text-anchor="middle" fill="#333">${esc(chart.format(t))}</text>`,
    );
  }
  parts.push(
    `<line x1="${PLOT_X0}" x2="${PLOT_X0}" y1="${TOP - 4}" y2="${n1(axisY)}" stroke="#000"/>`,
  );
  if (truncated)
    parts.push(
      `<path d="M${PLOT_X0 - 5},${n1(axisY + 4)} l6,-8 M${PLOT_X0 - 1},${n1(axisY + 4)} l6,-8" stroke="#000" stroke-width="1.2"/>`,
    );
  steps.forEach((s, i) => {
    const y0 = TOP + i * rowH + ROW_GAP / 2;
    const lines = wrapLabel(s.label);
    const ty = y0 + BAR_H / 2 + 5 - (lines.length - 1) * 7;
    parts.push(
      `<text x="${LABEL_W}" y="${n1(ty)}" text-anchor="end">${lines
        .map((l, j) => `<tspan x="${LABEL_W}" dy="${j === 0 ? 0 : 14}">${esc(l)}</tspan>`)
        .join('')}</text>`,
    );
    const span = spans[i];
    const k = kinds.indexOf(s.kind);
    const sign = s.kind === 'increase' ? '+' : s.kind === 'decrease' ? '−' : '';
    const text = s.value === null ? '—' : `${sign}${chart.format(s.value)}`;
    if (span) {
      const a = x(span.a);
      const b = x(span.b);
      parts.push(
        `<rect x="${n1(a)}" y="${n1(y0 + 1)}" width="${n1(Math.max(0.5, b - a))}" height="${BAR_H}" fill="url(#${id}-p${k})" stroke="${fills[s.kind].colour}" stroke-width="0.8"/>`,
      );
      // The running level carried to the next row.
      const next = steps[i + 1];
      if (next && next.kind !== 'total') {
        const lx = s.kind === 'increase' ? b : s.kind === 'decrease' ? a : b;
        parts.push(
          `<line x1="${n1(lx)}" x2="${n1(lx)}" y1="${n1(y0 + BAR_H + 1)}" y2="${n1(y0 + rowH + 1)}" stroke="#555" stroke-dasharray="2 2"/>`,
        );
      }
      parts.push(
        `<text x="${n1(b + 4)}" y="${n1(y0 + BAR_H - 1)}" class="bar-value" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(text)}</text>`,
      );
    } else
      parts.push(
        `<text x="${PLOT_X0 + 4}" y="${n1(y0 + BAR_H - 1)}" class="bar-value" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(text)}</text>`,
      );
  });
  const series = kinds.map((kd) => fills[kd]);
  const leg = legend(
    series.map((s, i) => ({
      swatch: `<rect width="16" height="12" fill="url(#${id}-p${i})" stroke="${s.colour}"/>`,
      label: s.label,
    })),
    axisY + 26,
  );
  const axisNote = truncated ? chart.axisNote(chart.format(start)) : '';
  const noteY = axisY + 26 + leg.height + 12;
  const noteSvg = truncated
    ? `<text class="axis-note" x="${PLOT_X0}" y="${n1(noteY)}" font-style="italic">${esc(axisNote)}</text>`
    : '';
  const desc =
    chart.desc ??
    steps
      .map((s) => {
        const sign = s.kind === 'increase' ? '+' : s.kind === 'decrease' ? '−' : '';
        return `${s.label}: ${s.value === null ? '—' : `${sign}${chart.format(s.value)}`}`;
      })
      .join('; ') + (axisNote ? `. ${axisNote}` : '');
  return (
    svgOpen(id, noteY + (truncated ? 8 : -6), chart.title, desc) +
    `<defs>${patternDefs(id, series)}</defs>` +
    `<g class="plot">${parts.join('')}</g>${leg.markup}${noteSvg}</svg>`
  );
}
