/**
 * The consolidated report as a tidy long CSV for analysts: one value a line,
 * `period,unit_code,unit_name,subunit,form,indicator,value`. UTF-8 with BOM so Excel shows
 * Vietnamese correctly; text that could start a formula is neutralised.
 */
import type { FormsCatalogue } from '../core/catalogue.js';
import type { ConsolidatedReport, Values } from '../core/consolidate.js';

/** Prefixes text a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a quote. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const t = neutralise(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The CSV text (with BOM and CRLF line ends, as Excel writes them). */
export function reportToCsv(r: ConsolidatedReport, forms: FormsCatalogue): string {
  const lines = [
    ['period', 'unit_code', 'unit_name', 'subunit', 'form', 'indicator', 'value'].join(','),
  ];
  const emit = (code: string, name: string, subunit: string, values: Values): void => {
    for (const f of forms.forms)
      for (const c of f.columns) {
        const v = values[c.id];
        if (v === undefined) continue;
        lines.push([r.period, code, name, subunit, f.id, c.id, v].map(field).join(','));
      }
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
