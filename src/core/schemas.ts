/**
 * The data files of `templates/`, described once with zod: the unit registry, the poverty
 * standard, its forms and rules, the words of the forms' language and the plan. The TypeScript
 * types of the loaded data (`core/catalogue.ts`), the check with a path to the bad field, and the
 * JSON Schemas editors use (`templates/schema/`, `npm run schemas`) all come from here.
 *
 * A schema checks one file; what one file says about another (a plan's forms, a rule's
 * indicators) is checked after parsing, in `core/data-check.ts`. Messages are said in Vietnamese
 * and English ({@link said}); the command line shows the user's language. Pure: no file is read
 * here.
 */
import { z } from 'zod';

import { LIST_COLUMN_IDS } from './list-columns.js';
import { DATA_FOLDERS, type DataIssue } from './data-issues.js';
import { FINDING_CODE_LIST, type Bilingual, type FindingCode } from './finding-codes.js';
import { isIsoDate } from './dates-and-numbers.js';
import type { FormerUnit } from './reform.js';

// Each file is parsed once per run: zod's compiled fast path (built with `new Function`) costs
// more than it saves, and without it nothing here evaluates generated code.
z.config({ jitless: true });

// ---- messages --------------------------------------------------------------------------------

// zod carries one string per issue: a message's two languages travel joined by a NUL (never in
// a message) and are parted again in toDataIssues.
const BOTH = '\u0000';

/** A message of a schema, in Vietnamese and English. */
const said = (vi: string, en: string): string => `${vi}${BOTH}${en}`;

/** A message's two languages; a message said in one only is the same in both. */
function parted(message: string): Bilingual {
  const [vi = message, en = vi] = message.split(BOTH);
  return { vi, en };
}

/** A message with the same words put before it in both languages. */
const prefixed = (before: string, message: string): string => {
  const { vi, en } = parted(message);
  return said(`${before}${vi}`, `${before}${en}`);
};

/** A value quoted in a message: as JSON, cut short. */
const quote = (v: unknown): string => {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
};

const TYPE_WORDS: Record<string, [vi: string, en: string]> = {
  string: ['chữ', 'text'],
  number: ['số', 'a number'],
  int: ['số nguyên', 'a whole number'],
  boolean: ['true hoặc false', 'true or false'],
  array: ['danh sách [ … ]', 'a list [ … ]'],
  object: ['đối tượng { … }', 'an object { … }'],
  record: ['đối tượng { … }', 'an object { … }'],
  null: ['null', 'null'],
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const words = (t: string): [string, string] => TYPE_WORDS[t] ?? [t, t];

/**
 * The message of a zod issue that its schema gave no message of its own: what every user of a
 * data file needs, in both languages.
 */
export const dataErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.input === undefined && iss.code !== 'custom') return said('thiếu', 'required');
  switch (iss.code) {
    case 'invalid_type': {
      const [wantVi, wantEn] = words(iss.expected);
      const [gotVi, gotEn] = words(typeOf(iss.input));
      return said(`phải là ${wantVi}, không phải ${gotVi}`, `must be ${wantEn}, not ${gotEn}`);
    }
    case 'too_small':
      if (iss.origin === 'array') return said('không được để trống', 'must not be an empty list');
      if (iss.origin === 'string') return said('không được để trống', 'must not be empty');
      return iss.inclusive
        ? said(`phải từ ${String(iss.minimum)} trở lên`, `must be at least ${String(iss.minimum)}`)
        : said(`phải lớn hơn ${String(iss.minimum)}`, `must be more than ${String(iss.minimum)}`);
    case 'too_big':
      return iss.inclusive
        ? said(`phải không quá ${String(iss.maximum)}`, `must be at most ${String(iss.maximum)}`)
        : said(`phải nhỏ hơn ${String(iss.maximum)}`, `must be less than ${String(iss.maximum)}`);
    case 'invalid_value': {
      const list = iss.values.map((v) => JSON.stringify(v)).join(', ');
      return said(
        `${quote(iss.input)}: phải là một trong ${list}`,
        `${quote(iss.input)}: must be one of ${list}`,
      );
    }
    case 'unrecognized_keys':
      return said('trường không được biết; kiểm tra chính tả', 'unknown field; check the spelling');
    case 'invalid_key':
      return said('tên khóa không hợp lệ', 'invalid key');
    case 'invalid_format':
      return said(`${quote(iss.input)}: không đúng dạng`, `${quote(iss.input)}: wrong format`);
    default:
      return said('không hợp lệ', 'invalid');
  }
};

/** The issues of a failed parse as data-file issues: one per unknown field, keys of records kept. */
export function toDataIssues(file: string, issues: readonly z.core.$ZodIssue[]): DataIssue[] {
  return issues.flatMap((iss): DataIssue[] => {
    if (iss.code === 'unrecognized_keys')
      return iss.keys.map((k) => ({ file, path: [...iss.path, k], message: parted(iss.message) }));
    if (iss.code === 'invalid_key') {
      const inner = iss.issues[0]?.message;
      return [{ file, path: iss.path, message: parted(inner ?? iss.message) }];
    }
    return [{ file, path: iss.path, message: parted(iss.message) }];
  });
}

// ---- building blocks -------------------------------------------------------------------------

/**
 * A schema's own message for a wrong value, after the value; a missing value keeps the common
 * "thiếu (required)".
 */
const wrong =
  (message: string) =>
  (iss: { input?: unknown }): string | undefined =>
    iss.input === undefined ? undefined : prefixed(`${quote(iss.input)}: `, message);

const nonBlank = z
  .string()
  .regex(/\S/, { error: said('không được để trống', 'must not be empty') });
const textList = z.array(nonBlank);

/** Ids that name files and appear in file names: letters, digits and single - _ . between. */
const ID_PATTERN = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const dataId = z.string().regex(ID_PATTERN, {
  error: wrong(
    said(
      'phải là mã gồm chữ không dấu, chữ số và - _ .',
      'must be an id of plain letters, digits and - _ .',
    ),
  ),
});
const code = z.string().regex(ID_PATTERN, {
  error: wrong(
    said(
      'phải là mã gồm chữ không dấu, chữ số và - _ . như "139"',
      'must be a code of plain letters, digits and - _ . like "139"',
    ),
  ),
});

/** Indicator ids are written in the rules' expressions: a letter, then letters, digits and _. */
const indicatorId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: wrong(
    said(
      'phải là mã chỉ tiêu gồm chữ không dấu, chữ số và _ như "poor_rate"',
      'must be an indicator id like "poor_rate"',
    ),
  ),
});
/** Form ids follow `B` in the rules (`B01.poor`): letters and digits. */
const formId = z.string().regex(/^[A-Za-z0-9]+$/, {
  error: wrong(said('phải là mã biểu như "01"', 'must be a form id like "01"')),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: wrong(
      said('phải là ngày dạng YYYY-MM-DD, ví dụ 2022-06-15', 'must be a date YYYY-MM-DD'),
    ),
  })
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isIsoDate(s), {
    error: wrong(said('không phải một ngày có trong lịch', 'not a date of the calendar')),
  });

const year = z
  .int({ error: wrong(said('phải là một năm như 2022', 'must be a year like 2022')) })
  .min(1900)
  .max(2999);
const severity = z.enum(['error', 'warning', 'info']);
const findingCode = z.enum(FINDING_CODE_LIST as [FindingCode, ...FindingCode[]], {
  error: wrong(
    said(
      'không phải mã phát hiện có trong src/core/finding-codes.ts',
      'not a finding code of the catalogue',
    ),
  ),
});

/** A text in both languages of the tool. */
const bilingual = z
  .strictObject({ vi: nonBlank, en: nonBlank })
  .describe('A text in Vietnamese (vi) and English (en).');

/** `$comment`: a note for people, allowed wherever an object may carry one. */
const comment = z.string().optional();
/** `$schema`: the JSON Schema an editor checks the file against. */
const schemaRef = z.string().optional().describe('The JSON Schema of this file, for editors.');

/** Whether two date ranges (`from` inclusive, `until` exclusive, either open) share a day. */
const overlap = (
  a: { from?: string | undefined; until?: string | undefined },
  b: { from?: string | undefined; until?: string | undefined },
): boolean => (a.from ?? '') < (b.until ?? '\uffff') && (b.from ?? '') < (a.until ?? '\uffff');

/** Reports the second and later items of `list` whose `key` was seen before. */
function uniqueBy<T>(
  list: readonly T[],
  key: (t: T) => string | undefined,
  at: (i: number) => PropertyKey[],
  message: (k: string) => string,
  ctx: z.core.$RefinementCtx,
): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: at(i), message: message(k) });
    seen.add(k);
  });
}

// ---- registry --------------------------------------------------------------------------------

const subunitSchema = z
  .strictObject({
    $comment: comment,
    name: nonBlank.describe('Full name with its kind: "Xã Pá Hu", "Phường Hồng Hà".'),
    code: code.optional().describe('GSO code, the latest the sub-unit had.'),
    formerCodes: z.array(code).optional().describe('Codes it had before.'),
    variants: textList.optional().describe('Other spellings of the same name.'),
    former: textList.optional().describe('Names it had before a renaming or a change of kind.'),
    from: isoDate.optional().describe('First day it existed (inclusive).'),
    until: isoDate.optional().describe('First day it no longer existed (exclusive).'),
    note: z.string().optional().describe('Where the dates and names come from.'),
  })
  .superRefine((s, ctx) => {
    if (s.from !== undefined && s.until !== undefined && !(s.from < s.until))
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: said('"from" phải trước "until"', '"from" must be before "until"'),
      });
  });

const unitSchema = z
  .strictObject({
    $comment: comment,
    code: code.describe('GSO code ("139").'),
    name: nonBlank.describe('Full name with its kind ("Huyện Trạm Tấu").'),
    short: nonBlank
      .optional()
      .describe('The name without its kind ("Trạm Tấu"); by default the name less its kind.'),
    variants: textList.default([]).describe('Other spellings ("TP Yên Bái").'),
    email: z.string().optional().describe('Where reminders go.'),
    from: isoDate
      .optional()
      .describe('First day the unit existed (inclusive); default the registry’s validFrom.'),
    until: isoDate
      .optional()
      .describe('First day it no longer existed (exclusive); default the registry’s validUntil.'),
    note: z.string().optional().describe('Where the unit comes from (a merger, a resolution).'),
    subunits: z
      .array(subunitSchema)
      .optional()
      .describe('The sub-units (communes, or villages after 2025); absent when not listed.'),
  })
  .superRefine((u, ctx) => {
    if (u.from !== undefined && u.until !== undefined && !(u.from < u.until))
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: said('"from" phải trước "until"', '"from" must be before "until"'),
      });
    const subs = u.subunits ?? [];
    // Each sub-unit is compared only with the earlier ones of its name, and of its code: a
    // registry listing a hundred thousand villages is checked in linear time, not quadratic.
    const byName = new Map<string, number[]>();
    const byCode = new Map<string, number[]>();
    subs.forEach((a, j) => {
      const name = a.name.normalize('NFC');
      for (const i of byName.get(name) ?? []) {
        const b = subs[i];
        if (b && overlap(a, b))
          ctx.addIssue({
            code: 'custom',
            path: ['subunits', j, 'name'],
            message: said(
              `"${a.name}" có hai lần trong cùng thời gian`,
              `"${a.name}" is listed twice for the same dates`,
            ),
          });
      }
      for (const i of a.code ? (byCode.get(a.code) ?? []) : []) {
        const b = subs[i];
        if (b && a.until === undefined && b.until === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['subunits', j, 'code'],
            message: said(
              `mã ${a.code} của cả "${b.name}" và "${a.name}"`,
              `code ${a.code} is given to both "${b.name}" and "${a.name}"`,
            ),
          });
      }
      byName.set(name, [...(byName.get(name) ?? []), j]);
      if (a.code) byCode.set(a.code, [...(byCode.get(a.code) ?? []), j]);
    });
  });

/** A signer's line in capitals, as Decree 30/2020 writes it ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). */
const inCapitals = (example: string) =>
  nonBlank.refine((s) => s === s.toLocaleUpperCase('vi'), {
    error: wrong(
      said(
        `phải viết hoa như "${example}" (Nghị định 30/2020)`,
        `must be in capitals like "${example}" (Decree 30/2020)`,
      ),
    ),
  });

/**
 * Who issues the provincial report, as its printed header and signature show it (Decree
 * 30/2020/NĐ-CP, Phụ lục I): the parent body and the issuing department top left with the number
 * line under them, the signer and the recipients under the table.
 */
const issuerSchema = z.strictObject({
  $comment: comment,
  authority: nonBlank
    .optional()
    .describe('The parent body, top left, upright: default "UBND " and the province in capitals.'),
  department: nonBlank.describe(
    'The issuing department, in bold under the parent body: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG".',
  ),
  departmentName: nonBlank
    .optional()
    .describe('Its name in a sentence (reminders, workbook properties); default: the department.'),
  email: z.string().optional().describe('The From address of reminders.'),
  documentNumber: z
    .strictObject({
      $comment: comment,
      symbol: z
        .string()
        .regex(/^[\p{Lu}\p{N}]+(?:[-&.][\p{Lu}\p{N}]+)*$/u, {
          error: wrong(
            said(
              'phải là ký hiệu viết hoa như "BC-SNNMT", không có "Số:", số văn bản hay dấu /',
              'must be a symbol in capitals like "BC-SNNMT", without "Số:", the number or /',
            ),
          ),
        })
        .describe(
          'The symbol after the number: document type and issuer ("BC-SNNMT"). The report prints "Số:        /BC-SNNMT", the number left blank to be written in by hand.',
        ),
    })
    .optional()
    .describe(
      'The number line under the issuer. When absent the tables print none, and the report document (the first sheet) prints "Số:        /BC-" with the body’s abbreviation left blank as well.',
    ),
  signer: z
    .strictObject({
      $comment: comment,
      authority: inCapitals('KT. GIÁM ĐỐC')
        .optional()
        .describe('The line above the title when a deputy signs for the head: "KT. GIÁM ĐỐC".'),
      title: inCapitals('PHÓ GIÁM ĐỐC').describe('The signer’s title: "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC".'),
      name: nonBlank
        .optional()
        .describe('The signer’s name under the space for the signature; none when absent.'),
    })
    .optional()
    .describe('Who signs on the right under each table; default the title "GIÁM ĐỐC" alone.'),
  recipients: z
    .array(
      nonBlank
        .regex(/^[^-+•]/u, {
          error: wrong(
            said(
              'ghi tên nơi nhận, không có dấu "-" ở đầu (báo cáo tự thêm "- " và ";")',
              'write the recipient alone, without a leading "-" (the report adds "- " and ";")',
            ),
          ),
        })
        .refine((s) => !/[;.,]\s*$/u.test(s), {
          error: wrong(
            said(
              'không có dấu ";" hay "." ở cuối (báo cáo tự thêm)',
              'without a trailing ";" or "." (the report adds them)',
            ),
          ),
        }),
    )
    .optional()
    .describe(
      'The "Nơi nhận:" lines under the signature, in order, the last usually "Lưu: VT": each printed "- …;", the last "- ….". None when absent or empty.',
    ),
});

const registryInput = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    sources: z
      .array(z.strictObject({ id: nonBlank, what: nonBlank, where: nonBlank }))
      .optional()
      .describe('Where the registry’s data comes from; notes cite them by id.'),
    id: dataId,
    version: z.int().positive().optional(),
    validFrom: isoDate
      .optional()
      .describe(
        'First day the registry’s units are valid (inclusive): 2025-07-01 for a 2025 province.',
      ),
    validUntil: isoDate
      .optional()
      .describe('First day they are no longer valid (exclusive): the next reform.'),
    standard: dataId
      .optional()
      .describe(
        'Only for a run without a year (no plan, no period): the poverty standard to use. Otherwise the standard is the one whose years take in the plan’s year (templates/standards).',
      ),
    plan: nonBlank
      .optional()
      .describe('The default plan: an id in templates/plans, or a file path.'),
    province: z.strictObject({
      code: code,
      name: nonBlank,
      place: nonBlank
        .optional()
        .describe('The place name of the date line; default: the name less "Tỉnh".'),
    }),
    issuer: issuerSchema,
    unitLevel: bilingual
      .optional()
      .describe('What the reporting units are called ("huyện, thị xã, thành phố" / "district").'),
    subunitLevel: bilingual
      .optional()
      .describe('What their sub-units are called ("xã, phường, thị trấn" / "commune").'),
    units: z.array(unitSchema).min(1),
  })
  .superRefine((r, ctx) => {
    if (r.validFrom !== undefined && r.validUntil !== undefined && !(r.validFrom < r.validUntil))
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: said(
          '"validFrom" phải trước "validUntil"',
          '"validFrom" must be before "validUntil"',
        ),
      });
    // Codes are reused across reforms: a code is unique among the units valid on the same days.
    const dates = (u: (typeof r.units)[number]) => ({
      from: u.from ?? r.validFrom,
      until: u.until ?? r.validUntil,
    });
    r.units.forEach((a, j) => {
      const b = r.units.slice(0, j).find((x) => x.code === a.code && overlap(dates(x), dates(a)));
      if (b)
        ctx.addIssue({
          code: 'custom',
          path: ['units', j, 'code'],
          message: said(
            `mã đơn vị ${a.code} có hai lần trong cùng thời gian ("${b.name}" và "${a.name}")`,
            `unit code ${a.code} appears twice for the same dates ("${b.name}" and "${a.name}")`,
          ),
        });
    });
  });

/** A registry file (`templates/registries/<id>.json`): the province and its reporting units. */
export const registrySchema = registryInput.transform((r) => ({
  ...r,
  unitLevel: r.unitLevel ?? { vi: 'đơn vị', en: 'unit' },
  subunitLevel: r.subunitLevel ?? { vi: 'đơn vị cấp dưới', en: 'sub-unit' },
  issuer: {
    ...r.issuer,
    authority: r.issuer.authority ?? `UBND ${r.province.name.toUpperCase()}`,
    departmentName: r.issuer.departmentName ?? r.issuer.department,
    // What the report printed before these fields existed: the director signs, no recipients.
    signer: r.issuer.signer ?? { title: 'GIÁM ĐỐC' },
    recipients: r.issuer.recipients ?? [],
  },
}));

// ---- standard --------------------------------------------------------------------------------

const indicatorSchema = z.strictObject({
  $comment: comment,
  number: z.int().positive().describe('The indicator’s number in the decree (1, 2, …).'),
  id: indicatorId.describe('Stable id; a form with an indicatorPrefix has a column prefix + id.'),
  dimension: bilingual,
  name: bilingual,
});

const money = z.number().positive();
const byArea = <T extends z.ZodType>(t: T) => z.strictObject({ rural: t, urban: t });

/** A poverty standard (`templates/standards/<id>.json`), e.g. Decree 07/2021/NĐ-CP. */
export const standardSchema = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    id: dataId,
    version: z.int().positive(),
    name: bilingual,
    shortName: bilingual
      .optional()
      .describe('How messages cite the standard ("Nghị định 07/2021/NĐ-CP"); default: its name.'),
    legalBasis: nonBlank,
    validFromYear: year,
    validToYear: year,
    incomeLines: z.strictObject({ unit: nonBlank, rural: money, urban: money }),
    averageLivingStandard: byArea(z.strictObject({ above: money, upTo: money })).optional(),
    classification: z
      .strictObject({
        poor: z.strictObject({
          incomeAtMostLine: z.boolean(),
          deprivationsAtLeast: z.int().nonnegative(),
        }),
        nearPoor: z.strictObject({
          incomeAtMostLine: z.boolean(),
          deprivationsAtMost: z.int().nonnegative(),
        }),
        scoring: z
          .strictObject({
            incomeScoreAtMost: byArea(z.number().nonnegative()),
            pointsPerDeprivation: z.number().positive(),
            poorWhenDeprivationScoreAtLeast: z.number().nonnegative(),
          })
          .optional(),
      })
      .optional(),
    indicators: z.array(indicatorSchema).min(1),
    forms: dataId.describe('Id of the forms file in templates/forms.'),
    rules: dataId.describe('Id of the rules file in templates/rules.'),
  })
  .superRefine((s, ctx) => {
    if (s.validToYear < s.validFromYear)
      ctx.addIssue({
        code: 'custom',
        path: ['validToYear'],
        message: said('phải từ validFromYear trở đi', 'must not be before validFromYear'),
      });
    uniqueBy(
      s.indicators,
      (i) => i.id,
      (i) => ['indicators', i, 'id'],
      (k) => said(`mã chỉ số ${k} có hai lần`, `indicator id ${k} appears twice`),
      ctx,
    );
    uniqueBy(
      s.indicators,
      (i) => String(i.number),
      (i) => ['indicators', i, 'number'],
      (k) => said(`số ${k} có hai lần`, `number ${k} appears twice`),
      ctx,
    );
  });

// ---- forms -----------------------------------------------------------------------------------

const columnSchema = z.strictObject({
  $comment: comment,
  id: indicatorId.describe('Stable id (`poor_rate`), used in JSON, plans and rules.'),
  heading: nonBlank.describe('Canonical Vietnamese heading.'),
  en: nonBlank.describe('English name.'),
  kind: z.enum(['count', 'percent']).describe('count: whole number ≥ 0; percent: 0–100.'),
  required: z
    .boolean()
    .describe('A missing required column is an error; a missing optional one a warning.'),
  variants: textList.describe('Other headings accepted for this column.'),
  numerator: indicatorId.optional().describe('Percent columns: the count of the rate.'),
  denominator: indicatorId.optional().describe('Percent columns: what the count is divided by.'),
});

const formSchema = z
  .strictObject({
    $comment: comment,
    id: formId.describe('"01" … "05".'),
    title: bilingual,
    sheetNames: textList.min(1).describe('Sheet names that identify the form.'),
    columns: z.array(columnSchema).min(1),
    indicatorPrefix: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
        error: wrong(
          said(
            'phải là đầu mã chỉ tiêu như "poor_lack_"',
            'must be an id prefix like "poor_lack_"',
          ),
        ),
      })
      .optional()
      .describe(
        'For a form with one column per indicator of the standard: the prefix of those columns’ ids.',
      ),
  })
  .superRefine((f, ctx) => {
    uniqueBy(
      f.columns,
      (c) => c.id,
      (i) => ['columns', i, 'id'],
      (k) => said(`cột ${k} có hai lần`, `column ${k} appears twice`),
      ctx,
    );
    const kinds = new Map(f.columns.map((c) => [c.id, c.kind]));
    f.columns.forEach((c, i) => {
      if ((c.numerator === undefined) !== (c.denominator === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, c.numerator === undefined ? 'numerator' : 'denominator'],
          message: said(
            'cần cả "numerator" và "denominator"',
            'a rate needs both "numerator" and "denominator"',
          ),
        });
      if (c.numerator !== undefined && c.kind !== 'percent')
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'numerator'],
          message: said(
            'chỉ cột tỷ lệ (kind "percent") có tử số',
            'only a percent column has a numerator',
          ),
        });
      for (const part of ['numerator', 'denominator'] as const) {
        const ref = c[part];
        if (ref !== undefined && kinds.get(ref) !== 'count')
          ctx.addIssue({
            code: 'custom',
            path: ['columns', i, part],
            message: said(
              `"${ref}" không phải cột số lượng của biểu ${f.id}`,
              `"${ref}" is not a count column of form ${f.id}`,
            ),
          });
      }
    });
  });

const commonColumn = z.strictObject({ heading: nonBlank, variants: textList });

/** The forms of one standard (`templates/forms/<id>.json`). */
export const formsSchema = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    standard: dataId.describe('Id of the standard these forms belong to.'),
    version: z.int().positive(),
    common: z
      .strictObject({ stt: commonColumn, name: commonColumn })
      .describe('The columns every form starts with: the row number and the sub-unit’s name.'),
    forms: z.array(formSchema).min(1),
    roles: z
      .strictObject({
        $comment: comment,
        poor: indicatorId.describe('Poor households (the summary line).'),
        poorRate: indicatorId.describe('Poor-household rate (%): the plan’s reduction target.'),
        nearPoor: indicatorId.describe('Near-poor households (the summary line).'),
        nearPoorRate: indicatorId.describe('Near-poor-household rate (%) (the summary line).'),
        poorStart: indicatorId.describe(
          'Poor households at the start of the period (the trend’s change since the baseline).',
        ),
        escapedPoverty: z
          .array(indicatorId)
          .min(1)
          .describe('Counts whose sum is the households that escaped poverty (target table).'),
        poorEnd: indicatorId
          .optional()
          .describe('Poor households at the end of the period (the HTML report’s movement chart).'),
        poorOtherExits: z
          .array(indicatorId)
          .optional()
          .describe(
            'Counts of poor households that left the list other than by escaping poverty (died, moved away…).',
          ),
        poorEntries: z
          .array(indicatorId)
          .optional()
          .describe(
            'Counts of households that entered the poor list in the period (new, relapsed, from near-poor, moved in…).',
          ),
      })
      .describe('Which indicators the plan’s targets and the summary line read.'),
    continuity: z
      .array(
        z.strictObject({
          opening: indicatorId.describe('A count at the start of the period (`poor_start`).'),
          closing: indicatorId.describe(
            'The count at the end of a period that the next period opens with (`poor_end`).',
          ),
        }),
      )
      .optional()
      .describe(
        'Figures that carry over from one period to the next: each opening figure must equal the previous report’s closing figure (`consolidate --previous`). Left out: no such check.',
      ),
  })
  .superRefine((c, ctx) => {
    uniqueBy(
      c.forms,
      (f) => f.id,
      (i) => ['forms', i, 'id'],
      (k) => said(`biểu ${k} có hai lần`, `form ${k} appears twice`),
      ctx,
    );
    const ids = new Set(c.forms.flatMap((f) => f.columns.map((col) => col.id)));
    const roles: [string, string | string[]][] = [
      ['poor', c.roles.poor],
      ['poorRate', c.roles.poorRate],
      ['nearPoor', c.roles.nearPoor],
      ['nearPoorRate', c.roles.nearPoorRate],
      ['poorStart', c.roles.poorStart],
      ['escapedPoverty', c.roles.escapedPoverty],
      ['poorEnd', c.roles.poorEnd ?? []],
      ['poorOtherExits', c.roles.poorOtherExits ?? []],
      ['poorEntries', c.roles.poorEntries ?? []],
    ];
    for (const [role, value] of roles)
      (Array.isArray(value) ? value : [value]).forEach((id, i) => {
        if (!ids.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['roles', role, ...(Array.isArray(value) ? [i] : [])],
            message: said(
              `"${id}" không phải cột của biểu nào`,
              `"${id}" is not a column of any form`,
            ),
          });
      });
    // A carried-over figure is a count read from a column, on both sides.
    const counts = new Set(
      c.forms.flatMap((f) => f.columns.filter((col) => col.kind === 'count').map((col) => col.id)),
    );
    (c.continuity ?? []).forEach((pair, i) => {
      for (const side of ['opening', 'closing'] as const)
        if (!counts.has(pair[side]))
          ctx.addIssue({
            code: 'custom',
            path: ['continuity', i, side],
            message: ids.has(pair[side])
              ? said(
                  `"${pair[side]}" không phải cột số hộ`,
                  `"${pair[side]}" is not a count column`,
                )
              : said(
                  `"${pair[side]}" không phải cột của biểu nào`,
                  `"${pair[side]}" is not a column of any form`,
                ),
          });
    });
  });

// ---- rules -----------------------------------------------------------------------------------

const ruleSchema = z
  .strictObject({
    $comment: comment,
    id: nonBlank,
    scope: z
      .enum(['row', 'cross-form'])
      .describe('row: within one row of one form; cross-form: same sub-unit across forms.'),
    form: formId.optional().describe('The form of a row rule.'),
    code: findingCode.describe('The finding code reported when the rule fails.'),
    left: nonBlank.describe('Indicator ids, numbers, + - * / ( ) and sum(prefix_*).'),
    operator: z.enum(['==', '<=', '>=', '<', '>']),
    right: nonBlank,
    each: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_.]*\*$/, {
        error: wrong(said('phải là mẫu như "poor_lack_*"', 'must be a pattern like "poor_lack_*"')),
      })
      .optional()
      .describe('Repeat the rule for every id matching this pattern, written $ in the sides.'),
    severity: severity
      .optional()
      .describe('Severity when it fails (default: the code’s); ignored when levels are given.'),
    tolerance: z.number().nonnegative().optional().describe('Absolute tolerance (default 0).'),
    levels: z
      .array(z.strictObject({ severity, tolerance: z.number().nonnegative() }))
      .min(1)
      .optional()
      .describe('Graded tolerances, most severe first: the first one exceeded gives the severity.'),
    description: bilingual,
  })
  .superRefine((r, ctx) => {
    if (r.scope === 'row' && r.form === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['form'],
        message: said('thiếu: quy tắc trong một dòng phải chỉ rõ biểu', 'required for a row rule'),
      });
    if (r.each !== undefined && !`${r.left} ${r.right}`.includes('$'))
      ctx.addIssue({
        code: 'custom',
        path: ['each'],
        message: said(
          'có "each" nhưng hai vế không dùng $',
          'the rule repeats for each id but neither side uses $',
        ),
      });
  });

/** The rules of one standard (`templates/rules/<id>.json`). */
export const rulesSchema = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    standard: dataId.describe('Id of the standard these rules belong to.'),
    version: z.int().positive(),
    rules: z.array(ruleSchema),
  })
  .superRefine((s, ctx) => {
    uniqueBy(
      s.rules,
      (r) => r.id,
      (i) => ['rules', i, 'id'],
      (k) => said(`quy tắc ${k} có hai lần`, `rule ${k} appears twice`),
      ctx,
    );
  });

// ---- vocabulary ------------------------------------------------------------------------------

/** What a kind word names: the province, a reporting unit, a sub-unit (commune), a village. */
export const KIND_LEVELS = ['province', 'unit', 'subunit', 'village'] as const;
/** A level a kind word names. */
export type KindLevel = (typeof KIND_LEVELS)[number];

/** A kind word prepared for reading names (`core/kind-words.ts`). */
export interface KindForm {
  /** The word in full, folded ("thi tran"). */
  kind: string;
  /** Its written forms, folded: in full and abbreviated ("thi tran", "tt"). */
  forms: string[];
  levels: KindLevel[];
  /** It also begins names: read as the kind only before two words or more. */
  startsNames: boolean;
}

const wordList = textList;

// The list's column ids live in their own module (no zod), for the list reader to use at every run.
export { LIST_COLUMN_IDS };

/** The words of household lists: headings by column id, flag, classification and status words. */
export const householdListVocabularySchema = z.strictObject({
  $comment: comment,
  columns: z
    .partialRecord(z.enum(LIST_COLUMN_IDS), wordList)
    .describe(
      'Heading words per column id ("Mã hộ", "B1"); an exact heading outranks words contained.',
    ),
  indicators: z
    .record(nonBlank, wordList)
    .describe('Heading words of each deprivation indicator, by the standard’s indicator id.'),
  flagSet: wordList.describe('How a flag cell says the indicator is lacking ("x", "1", "có").'),
  flagNotSet: wordList.describe('How a flag cell says it is not ("0", "không", "-"); blank too.'),
  classification: z
    .strictObject({ poor: wordList, nearPoor: wordList, other: wordList })
    .describe('Classification words; the longest that fits the cell wins.'),
  status: z
    .record(z.string(), wordList)
    .describe('Status words by the Biểu 02/03 column they count in ("" for an old household).'),
  statusFillers: wordList
    .optional()
    .describe(
      'Words a status cell may carry around its meaning ("hộ", "từ"): dropped before reading.',
    ),
  statusOfClass: z
    .record(nonBlank, wordList)
    .optional()
    .describe(
      'Status words that name no class ("Mới", "Tái"), by the end of the move id: the household’s class gives the rest ("new" → poor_new or near_poor_new). A whole cell only.',
    ),
  area: z.strictObject({ urban: wordList, rural: wordList }).describe('Area column words.'),
  urbanKinds: wordList.describe('Kind words of urban communes ("phường", "thị trấn").'),
  sheetWords: wordList
    .optional()
    .describe(
      'Words a list sheet’s tab may be named with ("danh sách", "DS", "hộ nghèo"): a tab of these words and figures only is repeated in outputs; any other tab that does not read as a place may be a person’s name and is said by its position ("#2").',
    ),
  ethnicityUnknown: wordList
    .optional()
    .describe(
      'Words an ethnicity cell says it is not known with ("không rõ", "chưa xác định"): the household is neither Kinh nor of a minority.',
    ),
});

/** The words of the forms' language (`templates/vocabulary/vi.json`); see its `$comment`. */
export const vocabularySchema = z.strictObject({
  $schema: schemaRef,
  $comment: comment,
  version: z.int().positive(),
  abbreviations: z
    .record(nonBlank, z.array(nonBlank).min(1))
    .describe('Abbreviation → its meanings.'),
  synonyms: z
    .record(nonBlank, z.string())
    .describe('A phrase clerks write → the words of the forms it means ("" drops it).'),
  fillers: wordList.describe('Words a heading may carry around its meaning.'),
  englishWords: wordList,
  deprivationGroup: wordList,
  indicatorNumberWords: wordList,
  totalRow: z.strictObject({ starts: wordList, words: wordList }),
  breakdownRow: wordList,
  groupRow: wordList,
  otherFiguresRow: wordList
    .optional()
    .describe(
      "Words of a row under the total giving other figures than this time's communes (a plan's target, the opening count, a comparison).",
    ),
  kindWords: z
    .array(
      z.strictObject({
        word: nonBlank.describe('The kind word as written in full ("thị trấn").'),
        abbreviations: wordList.optional().describe('What clerks abbreviate it to ("TT").'),
        levels: z
          .array(z.enum(KIND_LEVELS))
          .min(1)
          .describe('What it names: the province, a reporting unit, a sub-unit, a village.'),
        startsNames: z
          .boolean()
          .optional()
          .describe('It also begins names ("Bản Mù"): a kind only before two words or more.'),
      }),
    )
    .describe('The kind words units are named with ("Huyện Trạm Tấu", "Xã Pá Hu", "Thôn 1").'),
  footer: wordList,
  fileNameWords: z
    .strictObject({
      $comment: comment,
      former: wordList.describe(
        '"cũ": the province named before it is the old one ("tỉnh Yên Bái (cũ)").',
      ),
      sentTo: wordList.describe(
        '"gửi": where the file was sent ("… gửi Sở LĐTBXH Yên Bái"), no sender.',
      ),
    })
    .optional()
    .describe(
      'Words of a file or folder name after which (or before which, "cũ") the province\'s place names the province, not the unit of that name.',
    ),
  periodWords: z
    .strictObject({
      $comment: comment,
      day: nonBlank.describe('"ngày": a date line names no period ("ngày 10 tháng 6 năm 2022").'),
      month: nonBlank.describe('"tháng": "6 tháng đầu năm 2022".'),
      monthLetter: nonBlank.describe('"T": the short form "6T/2022".'),
      year: nonBlank.describe('"năm": "năm 2022", "6 tháng đầu năm".'),
      quarter: nonBlank.describe('"quý": "quý II năm 2022".'),
      first: nonBlank.describe('"đầu": the first months of a year.'),
      last: nonBlank.describe('"cuối": the last months of a year ("6 tháng cuối năm").'),
      spelledMonths: z
        .record(nonBlank, z.int().min(1).max(12))
        .describe('Month counts written in words ("sáu": 6).'),
      firstHalf: wordList
        .optional()
        .describe(
          '"kỳ I": words naming the first half of a year without its months ("Báo cáo kỳ I năm 2022").',
        ),
      outlook: wordList
        .optional()
        .describe(
          '"phương hướng": what begins the next period\'s tasks in a title ("… 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2022"); the period after it is not the report\'s.',
        ),
      previous: wordList
        .optional()
        .describe(
          '"kỳ trước": a heading level naming the period before the report\'s without its year ("Số hộ nghèo / Kỳ trước | Kỳ này"): its columns are another period\'s.',
        ),
      current: wordList
        .optional()
        .describe(
          '"kỳ này", "thực hiện": a heading level naming the report\'s own period without its year: it says when, not what.',
        ),
      asOf: wordList
        .optional()
        .describe(
          '"tại thời điểm", "tính đến": words that lead a date or period in a heading ("Số hộ nghèo tại thời điểm 30/6/2022"): read with the period, not as the indicator\'s words.',
        ),
    })
    .describe(
      'The words periods are named with in titles and file names ("6 tháng đầu năm 2022").',
    ),
  movementWords: z
    .strictObject({ increase: wordList, decrease: wordList })
    .describe(
      'Words of a group heading saying its columns add to the households or take from them.',
    ),
  householdList: householdListVocabularySchema
    .optional()
    .describe('The words of household lists (issue 11); without them no list is recognised.'),
});

// ---- plan ------------------------------------------------------------------------------------

const PERIOD_PATTERN = /^\d{4}(-H1)?$/;
const periodId = z.string().regex(PERIOD_PATTERN, {
  error: wrong(said('phải là kỳ dạng 2022-H1 hoặc 2022', 'must be a period like 2022-H1 or 2022')),
});

/** Whether period `a` ends before period `b` does (2025 before 2026-H1, 2026-H1 before 2026). */
function periodPrecedes(a: string, b: string): boolean {
  const order = (p: string): number =>
    PERIOD_PATTERN.test(p) ? Number(p.slice(0, 4)) * 2 + (p.endsWith('-H1') ? 0 : 1) : Number.NaN;
  return order(a) < order(b);
}

const planPeriodSchema = z
  .strictObject({
    $comment: comment,
    id: periodId,
    title: bilingual,
    dueBefore: isoDate.describe(
      'The literal "due before" date: a report is on time when received the day before at the latest.',
    ),
    forms: z.array(formId).min(1).describe('Forms every unit must send for this period.'),
    previous: periodId
      .optional()
      .describe(
        'The period whose report this one opens from (its closing figures are this one’s opening figures): "2026-H1" when the annual report follows on from the 6-month report. Default: the year before’s annual report ("2025" for 2026-H1 and 2026).',
      ),
  })
  .superRefine((p, ctx) => {
    if (p.previous !== undefined && !periodPrecedes(p.previous, p.id))
      ctx.addIssue({
        code: 'custom',
        path: ['previous'],
        message: said(
          `"${p.previous}" phải là một kỳ trước kỳ ${p.id}`,
          `"${p.previous}" must be a period before ${p.id}`,
        ),
      });
    uniqueBy(
      p.forms,
      (f) => f,
      (i) => ['forms', i],
      (k) => said(`biểu ${k} có hai lần`, `form ${k} appears twice`),
      ctx,
    );
  });

const rate = z.number().min(0).max(100);

const planTargetSchema = z.strictObject({
  $comment: comment,
  baselineRate: rate.describe('Poor-household rate (%) at the baseline.'),
  targetReduction: z
    .number()
    .describe('Target reduction of the poor-household rate this year, in percentage points.'),
  published: z.boolean().optional().describe('Published (true) or illustrative (false).'),
  note: z.string().optional(),
});

/** A plan file (`templates/plans/<id>.json`): periods, due dates, baselines and targets. */
export const planSchema = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    id: nonBlank,
    year,
    registry: nonBlank.describe('Id of the registry the plan is for.'),
    standard: dataId
      .optional()
      .describe(
        'Id of the poverty standard (templates/standards/<id>.json); default: the one whose validFromYear..validToYear takes in the plan’s year.',
      ),
    source: nonBlank.describe('The plan document.'),
    periods: z.array(planPeriodSchema).min(1),
    baselineAsOf: isoDate,
    province: planTargetSchema,
    units: z
      .record(code, planTargetSchema)
      .describe('Baselines and targets by unit code of the registry.')
      // No lookup by a unit code can land on an object's own properties.
      .transform((r) => Object.assign(Object.create(null) as typeof r, r)),
  })
  .superRefine((p, ctx) => {
    uniqueBy(
      p.periods,
      (x) => x.id,
      (i) => ['periods', i, 'id'],
      (k) => said(`kỳ ${k} có hai lần`, `period ${k} appears twice`),
      ctx,
    );
  });

// ---- reform ----------------------------------------------------------------------------------

const reformCommuneSchema = z.strictObject({
  code: code.describe('GSO code of the old commune, as it was just before the reform.'),
  name: nonBlank.describe('Its name with its kind ("Xã Tú Lệ").'),
  province: dataId.describe('The old province: a `key` of `before`.'),
  district: code.describe('GSO code of its old district (the reporting unit of the old registry).'),
  districtName: nonBlank.optional(),
  into: code.describe('GSO code of the new unit it went into, whole.'),
});

const reformEarlierSchema = z.strictObject({
  code: code.describe('GSO code the commune had in the old reports.'),
  name: nonBlank,
  province: dataId.describe('The old province: a `key` of `before`.'),
  district: code,
  until: isoDate.optional().describe('First day it no longer existed (exclusive).'),
  into: code
    .nullable()
    .describe('Code of the commune of `communes` it was merged into; null when not known.'),
  note: z.string().optional(),
});

/**
 * A reform of units (`templates/reforms/<id>.json`): the registries before and after, and the
 * new unit each old commune went into whole, so that old commune figures can be summed into the
 * new units.
 */
export const reformSchema = z
  .strictObject({
    $schema: schemaRef,
    $comment: comment,
    id: dataId,
    effective: isoDate.describe('First day of the new units.'),
    source: nonBlank.describe('The resolutions.'),
    before: z
      .array(
        z.strictObject({
          key: dataId.describe('How `communes` name this old province.'),
          province: z.strictObject({ code: code, name: nonBlank }),
          registry: dataId
            .optional()
            .describe('Its registry (templates/registries/<id>.json), when there is one.'),
          note: z.string().optional(),
        }),
      )
      .min(1)
      .describe('The old provinces.'),
    after: dataId.describe('Id of the registry of the new units.'),
    communes: z
      .array(reformCommuneSchema)
      .min(1)
      .describe('Every old commune, with the new unit it went into whole.'),
    earlier: z
      .array(reformEarlierSchema)
      .optional()
      .describe('Communes merged before the reform, missing from `communes`: where they went.'),
  })
  .superRefine((r, ctx) => {
    const keys = new Set(r.before.map((b) => b.key));
    uniqueBy(
      r.before,
      (b) => b.key,
      (i) => ['before', i, 'key'],
      (k) => said(`tỉnh cũ "${k}" có hai lần`, `old province "${k}" appears twice`),
      ctx,
    );
    // One row per old commune: each goes into exactly one new unit.
    uniqueBy(
      r.communes,
      (c) => `${c.province}|${c.code}`,
      (i) => ['communes', i, 'code'],
      (k) =>
        said(
          `xã cũ ${k.split('|')[1] ?? k} có hai lần (mỗi xã cũ vào đúng một đơn vị mới)`,
          `old commune ${k.split('|')[1] ?? k} appears twice (each old commune goes into exactly one new unit)`,
        ),
      ctx,
    );
    const listed = new Set(r.communes.map((c) => `${c.province}|${c.code}`));
    const badProvince = (p: string, at: PropertyKey[]): void => {
      if (!keys.has(p))
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: said(`"${p}" không có trong "before"`, `"${p}" is not a key of "before"`),
        });
    };
    r.communes.forEach((c, i) => {
      badProvince(c.province, ['communes', i, 'province']);
    });
    (r.earlier ?? []).forEach((e, i) => {
      badProvince(e.province, ['earlier', i, 'province']);
      if (listed.has(`${e.province}|${e.code}`))
        ctx.addIssue({
          code: 'custom',
          path: ['earlier', i, 'code'],
          message: said(
            `xã ${e.code} đã có trong "communes"`,
            `commune ${e.code} is already in "communes"`,
          ),
        });
      if (e.into !== null && !listed.has(`${e.province}|${e.into}`))
        ctx.addIssue({
          code: 'custom',
          path: ['earlier', i, 'into'],
          message: said(
            `xã ${e.into} không có trong "communes" của cùng tỉnh cũ`,
            `commune ${e.into} is not in "communes" of the same old province`,
          ),
        });
    });
    uniqueBy(
      r.earlier ?? [],
      (e) => `${e.province}|${e.code}`,
      (i) => ['earlier', i, 'code'],
      (k) =>
        said(
          `xã ${k.split('|')[1] ?? k} có hai lần`,
          `commune ${k.split('|')[1] ?? k} appears twice`,
        ),
      ctx,
    );
  });

// ---- consolidated report JSON (read back by `consolidate --previous` and `trend`) -------------

const reportValues = z.record(z.string(), z.number().nullable());

/** A sub-unit row of a report's unit (commune, or village of a commune unit), with its villages. */
const reportSubunit = z.object({
  name: z.string(),
  code: z.string().optional(),
  values: reportValues,
  children: z.array(z.object({ name: z.string(), values: reportValues })).optional(),
});

/** A unit of a consolidated report, as `render/report-json.ts` writes it. */
const reportUnit = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  values: reportValues,
  subunits: z.array(reportSubunit),
});

/**
 * The fields of a consolidated report's JSON (`tong-hop-<period>.json`) that the continuity check
 * of `consolidate --previous` reads; the others, and fields a later version adds, are let through.
 */
export const previousReportSchema = z.object({
  period: z.string().min(1),
  /** Absent from reports written before the report named its registry. */
  registry: z.string().min(1).optional(),
  units: z.array(reportUnit),
});

/**
 * The fields of a consolidated report's JSON that `trend` reads: the same units, and the ids of
 * the data it was made with, its total and targets; other fields are allowed.
 */
export const reportJsonSchema = z.object({
  period: z.string().regex(/^\d{4}(-H1)?$/, {
    error: wrong(
      said('phải là kỳ dạng 2022-H1 hoặc 2022', 'must be a period like 2022-H1 or 2022'),
    ),
  }),
  province: z.object({ code: z.string(), name: z.string() }),
  registry: dataId,
  plan: z.string(),
  standard: z.string(),
  units: z.array(reportUnit.extend({ status: z.enum(['accepted', 'rejected', 'missing']) })),
  total: reportValues,
  targets: z.array(
    z.object({
      unit: z.string(),
      partial: z.boolean().optional(),
    }),
  ),
});

/** A consolidated report's JSON as `trend` reads it. */
export type ReportJsonRead = z.output<typeof reportJsonSchema>;

/** Parses a consolidated report's JSON value with one of the schemas above; its issues name `file`. */
export function parseReportJson<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
): { ok: true; data: z.output<S> } | { ok: false; issues: DataIssue[] } {
  const r = schema.safeParse(value, { error: dataErrorMap });
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, issues: toDataIssues(file, r.error.issues) };
}

// ---- every data file -------------------------------------------------------------------------

/** The kinds of data files, each with its folder in `templates/`. */
export const DATA_KINDS = {
  registry: {
    folder: DATA_FOLDERS.registry,
    schema: registrySchema,
    title: 'povreport unit registry',
  },
  standard: {
    folder: DATA_FOLDERS.standard,
    schema: standardSchema,
    title: 'povreport poverty standard',
  },
  forms: { folder: DATA_FOLDERS.forms, schema: formsSchema, title: 'povreport forms' },
  rules: { folder: DATA_FOLDERS.rules, schema: rulesSchema, title: 'povreport rules' },
  vocabulary: {
    folder: DATA_FOLDERS.vocabulary,
    schema: vocabularySchema,
    title: 'povreport vocabulary',
  },
  plan: { folder: DATA_FOLDERS.plan, schema: planSchema, title: 'povreport plan' },
  reform: { folder: DATA_FOLDERS.reform, schema: reformSchema, title: 'povreport reform of units' },
} as const;

/** A kind of data file. */
export type DataKind = keyof typeof DATA_KINDS;

/** The parsed content of a data file of a kind. */
export type DataOf<K extends DataKind> = z.output<(typeof DATA_KINDS)[K]['schema']>;

/** Parses a data file's JSON value; its issues name `file`. */
export function parseDataFile<K extends DataKind>(
  kind: K,
  value: unknown,
  file: string,
): { ok: true; data: DataOf<K> } | { ok: false; issues: DataIssue[] } {
  const schema = DATA_KINDS[kind].schema as unknown as z.ZodType<DataOf<K>>;
  const r = schema.safeParse(value, { error: dataErrorMap });
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, issues: toDataIssues(file, r.error.issues) };
}

/**
 * The JSON Schema of each kind of data file, for editors (`templates/schema/<kind>.schema.json`):
 * what may be written, so defaults are optional. Checks across fields and files are not in it.
 */
export function dataJsonSchemas(): Record<DataKind, Record<string, unknown>> {
  const out = {} as Record<DataKind, Record<string, unknown>>;
  for (const [kind, d] of Object.entries(DATA_KINDS) as [DataKind, (typeof DATA_KINDS)[DataKind]][])
    out[kind] = {
      $schema: '',
      title: d.title,
      description:
        'Generated from src/core/schemas.ts by npm run schemas; do not edit. povreport also checks what a schema cannot say (references between files, unique ids, dates of the calendar).',
      ...z.toJSONSchema(d.schema, { io: 'input', unrepresentable: 'any' }),
    };
  return out;
}

/** The text of a JSON Schema file, as committed in `templates/schema/`. */
export function schemaFileText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

// ---- the types of the loaded data ------------------------------------------------------------

/** A registry file as checked, before its names are completed with the kind words. */
export type RegistryFile = DataOf<'registry'>;
/**
 * A reporting unit (district before 2025, commune after), its short name completed
 * (`core/kind-words.ts`).
 */
export type UnitSpec = RegistryFile['units'][number] & {
  /** The name without its kind ("Trạm Tấu"). */
  short: string;
  /** The kind words its name and its sub-units' names are written with, folded. */
  kinds: KindForm[];
};
/** A registry: the province, its issuing department and its reporting units. */
export type Registry = Omit<RegistryFile, 'units' | 'province'> & {
  province: RegistryFile['province'] & { place: string };
  units: UnitSpec[];
  /**
   * The old communes of the reform that made these units, each with the unit it went into
   * (`core/reform.ts`); absent when no reform made them or every unit lists its sub-units.
   */
  former?: readonly FormerUnit[];
  /**
   * The place names of the provinces that reform merged ("Yên Bái", "Lào Cai"): a clerk still
   * dates a report at the old province's place ("Yên Bái, ngày …"), which names no one unit.
   */
  formerPlaces?: readonly string[];
};
/**
 * A sub-unit (commune, ward, town; after 2025 a village) of a reporting unit, with the dates it
 * existed: communes are merged by resolutions, and a 2022 file and a 2025 file both match.
 */
export type SubunitSpec = NonNullable<UnitSpec['subunits']>[number];
/** A poverty standard. */
export type Standard = DataOf<'standard'>;
/** One deprivation indicator of the standard. */
export type IndicatorSpec = Standard['indicators'][number];
/** The forms of one standard. */
export type FormsCatalogue = DataOf<'forms'>;
/** One form (Biểu). */
export type FormSpec = FormsCatalogue['forms'][number];
/** One indicator column of a form. */
export type ColumnSpec = FormSpec['columns'][number];
/** Kind of a form column. */
export type ColumnKind = ColumnSpec['kind'];
/** The rules of one standard. */
export type RuleSet = DataOf<'rules'>;
/** One check, like a DHIS2 validation rule. */
export type RuleSpec = RuleSet['rules'][number];
/** Comparison of a rule. */
export type RuleOperator = RuleSpec['operator'];
/** The words of the forms' language. */
export type Vocabulary = DataOf<'vocabulary'>;
/** A plan: periods, due dates, baselines and targets. */
export type Plan = DataOf<'plan'>;
/** One report period of a plan. */
export type PlanPeriod = Plan['periods'][number];
/** A unit's baseline and target in a plan. */
export type PlanUnitTarget = Plan['province'];
/** A reform of units: the registries before and after, and where each old commune went. */
export type Reform = DataOf<'reform'>;
/** One old commune of a reform. */
export type ReformCommune = Reform['communes'][number];
