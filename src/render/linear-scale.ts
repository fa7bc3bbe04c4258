/**
 * The linear scale of the report's charts (svg-chart.ts): a domain made "nice" for about `count`
 * ticks, the ticks themselves, and the map from the domain to the drawing's range. Ported from
 * d3-array's `ticks`/`tickIncrement` and d3-scale's `scaleLinear().nice()` (ISC licence, Mike
 * Bostock), the few lines the charts use: loading d3-scale and its dependencies (d3-array,
 * d3-interpolate, d3-format, d3-time…) cost more than drawing every chart of the report (issue
 * 11). test/unit/linear-scale.test.ts holds it to d3-scale, number for number.
 */

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** d3-array's tickSpec: the first and last tick index and the increment (negative: 1/inc). */
function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / Math.pow(10, power);
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  let i1: number;
  let i2: number;
  let inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** d3-array's ticks: about `count` round values from `start` to `stop`. */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start;
  const [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1;
  const out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    const k = reverse ? i2 - i : i1 + i;
    out[i] = inc < 0 ? k / -inc : k * inc;
  }
  return out;
}

/** A linear map from a domain to a range, with its ticks. */
export interface LinearScale {
  (value: number): number;
  domain(): [number, number];
  ticks(count: number): number[];
}

/**
 * A linear scale from `domain` to `range`, its domain first made nice for about `niceCount`
 * ticks (as d3-scale's `scaleLinear().domain(d).nice(n).range(r)`).
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  niceCount?: number,
): LinearScale {
  const d: [number, number] = [domain[0], domain[1]];
  if (niceCount !== undefined) nice(d, niceCount);
  const [d0, d1] = d;
  const [r0, r1] = range;
  // d3-scale's bimap: a reversed domain maps through the reversed range.
  const [a, b, ra, rb] = d1 < d0 ? [d1, d0, r1, r0] : [d0, d1, r0, r1];
  const span = b - a;
  const toUnit = (x: number): number => (span ? (x - a) / span : Number.isNaN(span) ? NaN : 0.5);
  const scale = ((x: number): number => {
    if (Number.isNaN(x)) return NaN;
    const t = toUnit(x);
    return ra * (1 - t) + rb * t;
  }) as LinearScale;
  scale.domain = (): [number, number] => [d0, d1];
  scale.ticks = (count: number): number[] => ticks(d0, d1, count);
  return scale;
}

/** d3-scale's linear `nice`: widens `d` (in place) to round values for about `count` ticks. */
function nice(d: [number, number], count: number): void {
  let i0 = 0;
  let i1 = 1;
  let start = d[0];
  let stop = d[1];
  let prestep: number | undefined;
  if (stop < start) {
    [start, stop] = [stop, start];
    [i0, i1] = [i1, i0];
  }
  for (let maxIter = 10; maxIter > 0; maxIter--) {
    const step = tickSpec(start, stop, count)[2];
    if (step === prestep) {
      d[i0] = start;
      d[i1] = stop;
      return;
    } else if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else if (step < 0) {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    } else {
      break;
    }
    prestep = step;
  }
}
