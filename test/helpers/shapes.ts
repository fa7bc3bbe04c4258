/**
 * The shape fixtures (fixtures/shapes, made by scripts/fixtures/make-shapes.py) and the comparison
 * of a consolidated report — in-process or the JSON the binary prints — with their truth. Every
 * difference becomes one line that says what differed, so a failing shape reads as a to-do list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Shapes today's reader gets wrong, and why (one line each). Their tests run as `it.fails`, so
 * the suite stays green and a shape the rewrite fixes says so: then remove it from this list.
 */
export const KNOWN_FAILING: Record<string, string> = {};

/** Root of the shape fixtures. */
export const SHAPES_ROOT = path.resolve(import.meta.dirname, '../../fixtures/shapes');

/** Indicator values by id. */
type Values = Record<string, number | null>;

/** A commune (or village) as the report gives it; `children` (villages) once the report has them. */
export interface SubunitLike {
  name: string;
  values: Values;
  children?: SubunitLike[];
}

/** What the comparison reads of a report: the in-process model and `--json` both fit. */
export interface ReportLike {
  units: {
    code: string;
    name: string;
    status: string;
    values: Values;
    subunits: SubunitLike[];
    files: { file: string; reportDate: string | null }[];
  }[];
  findings: {
    code: string;
    severity: string;
    unit: string | null;
    sheet: string | null;
    cell: string | null;
  }[];
}

/** A commune or village of the truth. */
export interface ExpectedRow {
  name: string;
  values: Record<string, number>;
  children?: ExpectedRow[];
}

/** One shape fixture's truth (fixtures/shapes/expected.json). */
export interface ShapeExpectation {
  id: string;
  shape: string;
  software: string;
  unit: string;
  period: string;
  status: 'accepted' | 'rejected';
  /** Path under fixtures/shapes. */
  file: string;
  /** Rejected files: error codes that must be among the unit's findings. */
  errors?: string[];
  /** Accepted files: every indicator of the unit. */
  values?: Record<string, number>;
  subunits?: ExpectedRow[];
  reportDate?: string;
  /** The period must be read from the file itself (not from its folder's name). */
  periodFromFile?: boolean;
  unitFrom?: string;
}

/** The shape fixtures, in the generator's order. */
export function loadShapes(): ShapeExpectation[] {
  const doc = JSON.parse(readFileSync(path.join(SHAPES_ROOT, 'expected.json'), 'utf8')) as {
    files: ShapeExpectation[];
  };
  return doc.files;
}

const percentIds: Set<string> = (() => {
  const forms = JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../templates/forms/vn-2022-2025.json'),
      'utf8',
    ),
  ) as { forms: { columns: { id: string; kind: string }[] }[] };
  return new Set(
    forms.forms.flatMap((f) => f.columns.filter((c) => c.kind === 'percent').map((c) => c.id)),
  );
})();

/** Most lines one shape reports (the first ones say enough to start). */
const MAX_LINES = 40;
/** Most value lines for one unit or commune before the rest is counted. */
const MAX_PER_ROW = 6;

const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The differences between a row's figures and the truth, one line each (capped). */
function compareValues(where: string, want: Record<string, number>, got: Values): string[] {
  const lines: string[] = [];
  let differ = 0;
  for (const [id, w] of Object.entries(want)) {
    const g = got[id];
    const same =
      g !== null &&
      g !== undefined &&
      (percentIds.has(id) ? Math.round(g * 100) === Math.round(w * 100) : g === w);
    if (same) continue;
    differ++;
    if (lines.length < MAX_PER_ROW) {
      const hint = typeof g === 'number' && w !== 0 && g === 2 * w ? ' (twice the truth)' : '';
      lines.push(`${where}: ${id} expected ${w}, got ${g ?? 'nothing'}${hint}`);
    }
  }
  if (differ > lines.length)
    lines.push(
      `${where}: … ${differ - lines.length} more of ${Object.keys(want).length} values differ`,
    );
  return lines;
}

/** Compares sub-unit lists by name, then each one's figures (and villages, when both have them). */
function compareSubunits(
  where: string,
  want: ExpectedRow[],
  got: SubunitLike[],
  lines: string[],
): void {
  const byName = new Map(got.map((s) => [nfc(s.name), s]));
  const wanted = new Set(want.map((s) => nfc(s.name)));
  const missing = want.filter((s) => !byName.has(nfc(s.name))).map((s) => s.name);
  const extra = got.filter((s) => !wanted.has(nfc(s.name))).map((s) => s.name);
  if (missing.length > 0)
    lines.push(
      `${where}: ${missing.length} of ${want.length} missing: ${missing.slice(0, 8).join('; ')}`,
    );
  if (extra.length > 0)
    lines.push(`${where}: ${extra.length} not in the truth: ${extra.slice(0, 8).join('; ')}`);
  for (const s of want) {
    const g = byName.get(nfc(s.name));
    if (!g) continue;
    lines.push(...compareValues(`${where} "${s.name}"`, s.values, g.values));
    if (s.children && g.children)
      compareSubunits(`villages of "${s.name}"`, s.children, g.children, lines);
  }
}

/** Every way the report differs from a shape's truth, one line each; empty when it agrees. */
export function compareShape(e: ShapeExpectation, r: ReportLike): string[] {
  const lines: string[] = [];
  const finding = (f: ReportLike['findings'][number]): string =>
    `${f.code}${f.sheet ? ` ${f.sheet}${f.cell ? `!${f.cell}` : ''}` : ''}`;
  const list = (fs: ReportLike['findings']): string =>
    fs.length === 0
      ? 'none'
      : fs.slice(0, 8).map(finding).join(', ') + (fs.length > 8 ? `, … ${fs.length - 8} more` : '');
  const errorsOf = (code: string): ReportLike['findings'] =>
    r.findings.filter((f) => f.unit === code && f.severity === 'error');

  const unit = r.units.find((u) => u.code === e.unit);
  if (!unit || unit.files.length === 0) {
    const other = r.units.find((u) => u.code !== e.unit && u.files.length > 0);
    lines.push(
      other
        ? `unit: expected ${e.unit}, the file was taken as ${other.code} ${other.name} (${other.status})`
        : `unit: expected ${e.unit}, not identified — the file counts for no unit (findings: ${list(
            r.findings.filter((f) => f.severity !== 'info'),
          )})`,
    );
    return lines;
  }
  if (unit.status !== e.status)
    lines.push(
      `status: expected ${e.status}, got ${unit.status} (errors: ${list(errorsOf(unit.code))})`,
    );
  if (e.status === 'rejected') {
    const got = new Set(errorsOf(unit.code).map((f) => f.code));
    for (const code of e.errors ?? [])
      if (!got.has(code))
        lines.push(`error ${code} expected, not reported (errors: ${list(errorsOf(unit.code))})`);
    return lines;
  }
  if (unit.status === 'accepted') {
    lines.push(...compareValues(`unit ${e.unit}`, e.values ?? {}, unit.values));
    compareSubunits('communes', e.subunits ?? [], unit.subunits, lines);
  }
  if (e.reportDate !== undefined) {
    const got = unit.files.map((f) => f.reportDate);
    if (!got.includes(e.reportDate))
      lines.push(
        `report date: expected ${e.reportDate} from the date line, got ${got.join(', ') || 'none'}`,
      );
  }
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more differences`]
    : lines;
}
