/**
 * What one data file says about another, checked after each file passed its schema: the forms
 * and rules belong to the run's standard, a form's indicator columns are the standard's
 * indicators, every rule reads indicators that exist, a plan asks for forms that exist and sets
 * targets for units of the registry. A broken reference is found here, when the data is loaded,
 * not as a wrong finding in every district's file. Pure.
 */
import type { Catalogue, Plan } from './catalogue.js';
import { ExpressionError, matchPattern, parseExpression, referencedIds } from './expression.js';
import type { DataIssue } from './data-issues.js';
import type { Bilingual } from './finding-codes.js';

/** How each file of a catalogue is shown in messages. */
export interface CatalogueFiles {
  registry: string;
  standard: string;
  forms: string;
  rules: string;
}

/** The references between the files of a loaded catalogue that do not hold. */
export function checkCatalogueReferences(cat: Catalogue, files: CatalogueFiles): DataIssue[] {
  const issues: DataIssue[] = [];
  const add = (file: string, path: PropertyKey[], message: Bilingual): void => {
    issues.push({ file, path, message });
  };
  const { standard, forms, rules } = cat;

  // Plans, registries, forms and rules name a standard by its file's name.
  const fileName = files.standard.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  if (standard.id !== fileName)
    add(files.standard, ['id'], {
      vi: `"${standard.id}" khác tên tệp "${fileName}" (mã chuẩn là tên tệp của nó)`,
      en: `"${standard.id}" is not the file's name "${fileName}" (a standard's id is its file name)`,
    });
  for (const [file, data] of [
    [files.forms, forms],
    [files.rules, rules],
  ] as const)
    if (data.standard !== standard.id)
      add(file, ['standard'], {
        vi: `"${data.standard}" khác chuẩn "${standard.id}" của tệp ${files.standard}`,
        en: `"${data.standard}" is not the standard "${standard.id}" of ${files.standard}`,
      });

  // A form with one column per indicator of the standard: exactly the standard's indicators.
  const indicatorIds = new Set(standard.indicators.map((i) => i.id));
  forms.forms.forEach((f, i) => {
    const prefix = f.indicatorPrefix;
    if (prefix === undefined) return;
    f.columns.forEach((c, j) => {
      if (c.id.startsWith(prefix) && !indicatorIds.has(c.id.slice(prefix.length)))
        add(files.forms, ['forms', i, 'columns', j, 'id'], {
          vi: `"${c.id.slice(prefix.length)}" không phải chỉ số của chuẩn ${standard.id}`,
          en: `"${c.id.slice(prefix.length)}" is not an indicator of the standard ${standard.id}`,
        });
    });
    for (const ind of standard.indicators)
      if (!f.columns.some((c) => c.id === `${prefix}${ind.id}`))
        add(files.forms, ['forms', i, 'indicatorPrefix'], {
          vi: `không có cột ${prefix}${ind.id} cho chỉ số ${ind.number} của chuẩn`,
          en: `no column ${prefix}${ind.id} for indicator ${ind.number} of the standard`,
        });
  });

  rules.rules.forEach((rule, i) => {
    const form = rule.scope === 'row' ? forms.forms.find((f) => f.id === rule.form) : undefined;
    if (rule.scope === 'row' && rule.form !== undefined && !form) {
      add(files.rules, ['rules', i, 'form'], {
        vi: `không có biểu "${rule.form}" trong ${files.forms}`,
        en: `no form "${rule.form}" in ${files.forms}`,
      });
      return;
    }
    const known = form
      ? form.columns.map((c) => c.id)
      : forms.forms.flatMap((f) => f.columns.map((c) => `B${f.id}.${c.id}`));
    let eachIds: (string | undefined)[] = [undefined];
    if (rule.each !== undefined) {
      eachIds = matchPattern(rule.each.replace(/\*$/, ''), known);
      if (eachIds.length === 0) {
        add(files.rules, ['rules', i, 'each'], {
          vi: `"${rule.each}" không khớp chỉ tiêu nào`,
          en: `"${rule.each}" matches no indicator`,
        });
        return;
      }
    }
    for (const side of ['left', 'right'] as const) {
      const unknown = new Set<string>();
      try {
        for (const each of eachIds)
          for (const id of referencedIds(parseExpression(rule[side], known, each)))
            if (!known.includes(id)) unknown.add(id);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        add(files.rules, ['rules', i, side], {
          vi: `không đọc được biểu thức: ${e.message}`,
          en: `cannot read the expression: ${e.message}`,
        });
        continue;
      }
      for (const id of unknown)
        add(
          files.rules,
          ['rules', i, side],
          form
            ? {
                vi: `"${id}" không phải chỉ tiêu của biểu ${form.id}`,
                en: `"${id}" is not an indicator of form ${form.id}`,
              }
            : {
                vi: `"${id}" không phải chỉ tiêu dạng B01.poor của biểu nào`,
                en: `"${id}" is not an indicator of a form, written like B01.poor`,
              },
        );
    }
  });
  return issues;
}

/** The references of a plan to the forms and the registry that do not hold. */
export function checkPlanReferences(plan: Plan, cat: Catalogue, file: string): DataIssue[] {
  const issues: DataIssue[] = [];
  const formIds = new Set(cat.forms.forms.map((f) => f.id));
  plan.periods.forEach((p, i) => {
    p.forms.forEach((f, j) => {
      if (!formIds.has(f))
        issues.push({
          file,
          path: ['periods', i, 'forms', j],
          message: {
            vi: `không có biểu "${f}" trong mẫu biểu của chuẩn ${cat.standard.id}; có: ${[...formIds].join(', ')}`,
            en: `no form "${f}" in the forms of the standard ${cat.standard.id}; there are: ${[...formIds].join(', ')}`,
          },
        });
    });
  });
  const codes = new Set(cat.registry.units.map((u) => u.code));
  for (const code of Object.keys(plan.units))
    if (!codes.has(code))
      issues.push({
        file,
        path: ['units', code],
        message: {
          vi: `không có đơn vị mã "${code}" trong danh mục ${cat.registry.id}`,
          en: `no unit with code "${code}" in the registry ${cat.registry.id}`,
        },
      });
  return issues;
}
