import { formatNumber } from './dates-and-numbers.js';
import { FINDING_CODES, type Bilingual, type FindingCode, type Severity } from './finding-codes.js';
import type { Lang } from './lang.js';

/** One problem found in a submission, as data. Rendered to a message only at the edge. */
export interface Finding {
  /** Stable kebab-case id from the catalogue (`total-mismatch`). */
  code: FindingCode;
  /** `error` makes the submission invalid; `warning` and `info` do not. */
  severity: Severity;
  /** The file, as the path was given on the command line. */
  file: string;
  /** Sheet name (`Biểu 01`), or null for a CSV or a file-level finding. */
  sheet: string | null;
  /** A1 address of the cell (`E12`), or null. */
  cell: string | null;
  /** 1-based row number, or null. */
  row: number | null;
  /** Code of the reporting unit when known (`139`). */
  unit: string | null;
  /** The sub-unit (commune) row the finding is about, as written in the file. */
  subunit: string | null;
  /** The form (`01`…`05`), or null. */
  form: string | null;
  /** The indicator id (`poor_rate`), or null. */
  indicator: string | null;
  /** Values filling the message template. */
  params: Record<string, string | number>;
}

/** The location and details of a finding; everything not given is null. */
export type FindingInit = Partial<Omit<Finding, 'code' | 'file'>> & { file: string };

/**
 * A text said in both languages as the params of a message: `{name}` is filled in Vietnamese,
 * `{nameEn}` in English (the English template names the second).
 */
export function saidParams(name: string, text: Bilingual): Record<string, string> {
  return { [name]: text.vi, [`${name}En`]: text.en };
}

/** Makes a finding with the catalogue's default severity unless one is given. */
export function makeFinding(code: FindingCode, init: FindingInit): Finding {
  return {
    code,
    severity: init.severity ?? FINDING_CODES[code].severity,
    file: init.file,
    sheet: init.sheet ?? null,
    cell: init.cell ?? null,
    row: init.row ?? null,
    unit: init.unit ?? null,
    subunit: init.subunit ?? null,
    form: init.form ?? null,
    indicator: init.indicator ?? null,
    params: init.params ?? {},
  };
}

/**
 * Fills `{param}` placeholders. A segment in `[[…]]` is shown only when every placeholder in it
 * has a non-empty value (an optional sentence, such as the command that teaches the tool).
 */
function fill(template: string, params: Record<string, string | number>, lang: Lang): string {
  const has = (key: string): boolean => params[key] !== undefined && params[key] !== '';
  const optional = template.replace(/\[\[(.*?)\]\]/gs, (_, inner: string) =>
    [...inner.matchAll(/\{(\w+)\}/g)].every((m) => has(m[1] ?? '')) ? inner : '',
  );
  return optional.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

/** The finding's message in the given language. */
export function findingMessage(f: Finding, lang: Lang): string {
  return fill(FINDING_CODES[f.code].message[lang], f.params, lang);
}

/**
 * Params that carry the `povreport map add` command a finding suggests (the Department's staff
 * teach the tool; a district reading a reminder cannot).
 */
export const TEACH_PARAMS = ['teach', 'teachOthers'] as const;

/**
 * What to do about the finding, in the given language. `teach: false` leaves out the command
 * that teaches the tool (for letters to the districts).
 */
export function findingSuggestion(f: Finding, lang: Lang, o: { teach?: boolean } = {}): string {
  const params =
    o.teach === false
      ? Object.fromEntries(
          Object.entries(f.params).filter(
            ([k]) => !(TEACH_PARAMS as readonly string[]).includes(k),
          ),
        )
      : f.params;
  return fill(FINDING_CODES[f.code].suggestion[lang], params, lang);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings for display: by file, then sheet, row, column, severity. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const sa = a.sheet ?? '';
  const sb = b.sheet ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ra = a.row ?? 0;
  const rb = b.row ?? 0;
  if (ra !== rb) return ra - rb;
  const ca = a.cell ?? '';
  const cb = b.cell ?? '';
  if (ca.length !== cb.length) return ca.length - cb.length;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}
