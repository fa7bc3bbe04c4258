/**
 * The consolidated report as a tidy long CSV for analysts: one value a line,
 * `period,unit_code,unit_name,subunit,form,indicator,value`. UTF-8 with BOM so Excel shows
 * Vietnamese correctly. Names are data, so CSV injection is closed as OWASP advises: text that
 * could start a formula gets a leading apostrophe (Excel and LibreOffice show it as text, the
 * apostrophe visible), and every field holding a separator is quoted — the semicolon too, since an
 * Excel set to Vietnamese (decimal comma) splits CSV files at semicolons.
 */
import type { FormsCatalogue } from '../core/catalogue.js';
import type { ConsolidatedReport, Values } from '../core/consolidate.js';

/** A formula sign, after spaces if any: `=`, `+`, `-`, `@` and their full-width forms. */
const SIGN = '[\\s\\u3000]*[=+\\-@\\uff1d\\uff0b\\uff0d\\uff20]';
const INNER_SIGN = new RegExp(`(?<=[;\\t\\r\\n])(?=${SIGN})`, 'g');
const LEADING_SIGN = new RegExp(`^${SIGN}|^[\\t\\r\\n]`);

/**
 * Prefixes with an apostrophe the text a spreadsheet would run as a formula: starting with a
 * formula sign (also after spaces), or with a tab or a line break. The same after a semicolon, a
 * tab or a line break inside the text: a reader that splits at semicolons (Excel set to
 * Vietnamese) does not see our quotes, which open the field only at its start, and would start a
 * cell there.
 */
export function neutralise(text: string): string {
  const inner = text.replace(INNER_SIGN, "'");
  return LEADING_SIGN.test(inner) ? `'${inner}` : inner;
}

function field(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const t = neutralise(v);
  return /[",;\t\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The CSV text (with BOM and CRLF line ends, as Excel writes them). */
export function reportToCsv(r: ConsolidatedReport, forms: FormsCatalogue): string {
  const lines = [
    ['period', 'unit_code', 'unit_name', 'subunit', 'form', 'indicator', 'value'].join(','),
  ];
  // The fields a line shares with others are made once: a province's report is tens of
  // thousands of lines of the same units, forms and indicators.
  const ids = forms.forms.map((f) => f.columns.map((c) => `${field(f.id)},${field(c.id)}`));
  const emit = (code: string, name: string, subunit: string, values: Values): void => {
    const head = [r.period, code, name, subunit].map(field).join(',');
    forms.forms.forEach((f, i) => {
      f.columns.forEach((c, j) => {
        const v = values[c.id];
        if (v === undefined) return;
        lines.push(`${head},${ids[i]?.[j] ?? ''},${field(v)}`);
      });
    });
  };
  for (const u of r.units) {
    if (u.status !== 'accepted') continue;
    emit(u.code, u.name, '', u.values);
    for (const s of u.subunits) {
      emit(u.code, u.name, s.name, s.values);
      // A village is named under its commune: "Xã A / Thôn 1".
      for (const c of s.children ?? []) emit(u.code, u.name, `${s.name} / ${c.name}`, c.values);
    }
  }
  emit(r.province.code, r.province.name, '', r.total);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
