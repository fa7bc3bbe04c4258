/**
 * What `povreport map` prints: the entry it stored or removed, and the table of taught entries,
 * in Vietnamese (default) or English.
 */
import type { FormsCatalogue, UnitSpec } from '../core/catalogue.js';
import type { Lang } from '../core/lang.js';
import type { TaughtEntry, TaughtRole } from '../core/teach.js';

const ROLE: Record<Lang, Record<TaughtRole, string>> = {
  vi: {
    total: 'dòng tổng của đơn vị',
    group: 'dòng cộng của một nhóm xã',
    breakdown: 'dòng "trong đó" (không cộng vào tổng)',
    subunit: 'dòng của một xã (đơn vị cấp dưới)',
    child: 'dòng thôn, bản dưới một xã',
    ignore: 'bỏ qua dòng này (không cộng vào tổng)',
  },
  en: {
    total: 'the unit’s total row',
    group: 'the subtotal of a group of communes',
    breakdown: 'a breakdown row ("trong đó", not summed)',
    subunit: 'a commune’s row (a sub-unit)',
    child: 'a village row under a commune',
    ignore: 'leave the row out (not summed)',
  },
};

/** What a taught meaning says, in words: the indicator with its heading and form, a role… */
export function describeMeaning(e: TaughtEntry, forms: FormsCatalogue, lang: Lang): string {
  if (e.kind === 'heading') {
    if (e.meaning === '-')
      return lang === 'vi'
        ? 'bỏ qua cột này (không thuộc mẫu)'
        : 'leave this column out (not in the form)';
    const where = forms.forms.filter((f) => f.columns.some((c) => c.id === e.meaning));
    const col = where[0]?.columns.find((c) => c.id === e.meaning);
    const heading = col ? (lang === 'vi' ? col.heading : col.en || col.heading) : '';
    const formWord = lang === 'vi' ? 'Biểu' : 'form';
    return `${e.meaning}${heading ? ` — "${heading}"` : ''}${where.length ? ` (${formWord} ${where.map((f) => f.id).join(', ')})` : ''}`;
  }
  if (e.meaning.startsWith('='))
    return lang === 'vi'
      ? `là "${e.meaning.slice(1)}" trong danh mục`
      : `is "${e.meaning.slice(1)}" of the registry`;
  return ROLE[lang][e.meaning as TaughtRole] ?? e.meaning;
}

const KIND: Record<Lang, Record<TaughtEntry['kind'], string>> = {
  vi: { heading: 'tiêu đề cột', row: 'nhãn dòng' },
  en: { heading: 'column heading', row: 'row label' },
};

const unitName = (u: UnitSpec | undefined, code: string): string =>
  u ? `${u.name} (${u.code})` : code;

/** The lines `map add` prints. */
export function renderAdded(
  o: {
    entry: TaughtEntry;
    replaced?: TaughtEntry;
    unit: UnitSpec;
    file: string;
    created: boolean;
  },
  forms: FormsCatalogue,
  lang: Lang,
): string {
  const { entry, replaced, unit, file } = o;
  const what = describeMeaning(entry, forms, lang);
  const lines =
    lang === 'vi'
      ? [
          `Đã dạy cho ${unitName(unit, unit.code)}: ${KIND.vi[entry.kind]} "${entry.text}" → ${what}.`,
          ...(replaced
            ? [`  (thay cho mục cũ "${replaced.text}" → ${describeMeaning(replaced, forms, lang)})`]
            : []),
          `Đã ghi vào ${o.created ? 'tệp dạy mới ' : ''}${file}. Chỉ áp dụng cho tệp của ${unit.name}; các phép cộng, đối chiếu vẫn được kiểm tra như thường.`,
          'Chạy lại povreport validate (thêm --verbose để thấy mục dạy được dùng).',
        ]
      : [
          `Taught for ${unitName(unit, unit.code)}: ${KIND.en[entry.kind]} "${entry.text}" → ${what}.`,
          ...(replaced
            ? [`  (replacing "${replaced.text}" → ${describeMeaning(replaced, forms, lang)})`]
            : []),
          `Written to ${o.created ? 'a new teaching file ' : ''}${file}. It applies to ${unit.name}’s files only; sums and cross-checks are still checked as usual.`,
          'Run povreport validate again (with --verbose to see the taught entries used).',
        ];
  return `${lines.join('\n')}\n`;
}

/** The lines `map remove` prints. */
export function renderRemoved(
  o: { entry: TaughtEntry; unit: UnitSpec; file: string },
  forms: FormsCatalogue,
  lang: Lang,
): string {
  const { entry, unit, file } = o;
  const what = describeMeaning(entry, forms, lang);
  return lang === 'vi'
    ? `Đã xóa khỏi ${file}: với ${unitName(unit, unit.code)}, ${KIND.vi[entry.kind]} "${entry.text}" → ${what}.\n`
    : `Removed from ${file}: for ${unitName(unit, unit.code)}, ${KIND.en[entry.kind]} "${entry.text}" → ${what}.\n`;
}

/** Display width of a text (combining marks take no room). */
const width = (s: string): number =>
  s
    .normalize('NFC')
    .replace(/\p{M}/gu, '')
    .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

/** The table `map list` prints: unit, kind, text as written, meaning. */
export function renderList(
  entries: TaughtEntry[],
  o: { file: string | undefined; units: UnitSpec[]; forms: FormsCatalogue; unit?: UnitSpec },
  lang: Lang,
): string {
  const vi = lang === 'vi';
  if (o.file === undefined)
    return vi
      ? 'Chưa có tệp dạy (povreport-map.json) trong thư mục này; dạy bằng povreport map add, hoặc chỉ tệp bằng --map FILE.\n'
      : 'No teaching file (povreport-map.json) in this folder; teach with povreport map add, or name one with --map FILE.\n';
  if (entries.length === 0)
    return vi
      ? `Tệp dạy ${o.file}: chưa có mục nào${o.unit ? ` cho ${o.unit.name}` : ''}.\n`
      : `Teaching file ${o.file}: nothing taught${o.unit ? ` for ${o.unit.name}` : ''}.\n`;
  const head = vi
    ? ['Đơn vị', 'Loại', 'Chữ trong tệp', 'Nghĩa']
    : ['Unit', 'Kind', 'Text in the file', 'Meaning'];
  const rows = entries.map((e) => [
    unitName(
      o.units.find((u) => u.code === e.unit),
      e.unit,
    ),
    KIND[lang][e.kind],
    `"${e.text}"`,
    describeMeaning(e, o.forms, lang),
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]): string =>
    r
      .map((x, i) => (i === r.length - 1 ? x : pad(x, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [
    vi
      ? `Tệp dạy ${o.file}: ${entries.length} mục`
      : `Teaching file ${o.file}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  return `${out.join('\n')}\n`;
}
