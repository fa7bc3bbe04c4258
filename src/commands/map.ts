/**
 * `povreport map add | list | remove`: teach the tool what a heading or a row label means in one
 * unit's files, when it still cannot read them (`povreport-map.json`, see commands/teaching.ts).
 */
import { existsSync } from 'node:fs';
import type { Catalogue, UnitSpec } from '../core/catalogue.js';
import type { Lang } from '../core/lang.js';
import { matchSubunit } from '../core/subunits.js';
import {
  FORBIDDEN_KEYS,
  TAUGHT_ROLES,
  closestIndicators,
  removeTaught,
  setTaught,
  taughtEntries,
  textCloseness,
  type TaughtKind,
} from '../core/teach.js';
import { foldWords } from '../core/text.js';
import { emptyTeaching, saveTeaching, teachingPath } from '../io/teaching.js';
import { renderAdded, renderList, renderRemoved } from '../render/teaching.js';
import { resolveUnitOption } from './pipeline.js';
import { escapeTerminal } from '../render/escape-terminal.js';
import { loadTeaching } from './teaching.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';
import { loadData } from './load-data.js';

/** Options every `map` subcommand takes. */
export interface MapCommonOptions {
  /** The teaching file (`--map`); default `povreport-map.json` in `cwd`. */
  map?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  lang: Lang;
  /** The folder the default teaching file is in (the current folder). */
  cwd: string;
  write: (s: string) => void;
}

/** Options of `map add`. */
export interface MapAddOptions extends MapCommonOptions {
  /** The unit (code or name). */
  unit: string;
  /** A row label rather than a column heading. */
  row: boolean;
  /** The heading or label as written in the unit's file. */
  text: string;
  /** An indicator id or `-` (headings); a role or `=Registry name` (rows). */
  meaning: string;
}

/** Options of `map remove`. */
export type MapRemoveOptions = Omit<MapAddOptions, 'meaning'>;

/** Options of `map list`. */
export interface MapListOptions extends MapCommonOptions {
  unit?: string;
  json: boolean;
}

async function open(opts: MapCommonOptions, cat: Catalogue) {
  const file = teachingPath(opts.map, opts.cwd, false) as string;
  const exists = existsSync(file);
  return { file, exists, teaching: exists ? await loadTeaching(file, cat) : emptyTeaching() };
}

function needUnit(query: string, cat: Catalogue): UnitSpec {
  const unit = resolveUnitOption(query, cat.registry);
  if (!unit)
    throw new ConfigError({
      vi: '--unit: cần mã hoặc tên đơn vị.',
      en: '--unit: a unit code or name is required.',
    });
  return unit;
}

function checkText(text: string, kind: TaughtKind): string {
  const t = text.normalize('NFC').trim();
  if (foldWords(t) === '' || FORBIDDEN_KEYS.has(t))
    throw new ConfigError({
      vi: `${kind === 'heading' ? 'Tiêu đề cột' : 'Nhãn dòng'} "${text}" không có chữ cái hay chữ số nào; ghi như trong tệp của đơn vị.`,
      en: `The ${kind === 'heading' ? 'column heading' : 'row label'} "${text}" has no letters or digits; write it as in the unit's file.`,
    });
  return t;
}

/** The stored meaning of a heading: an indicator id of the forms, or `-`. */
function headingMeaning(meaning: string, text: string, cat: Catalogue): string {
  const m = meaning.trim();
  const columns = cat.forms.forms.flatMap((f) => f.columns);
  if (m === '-' || columns.some((c) => c.id === m)) return m;
  const near = closestIndicators(columns, { text, id: m });
  const list = near.map((c) => `  ${c.id}  "${c.heading}"`).join('\n');
  throw new ConfigError({
    vi: `"${meaning}" không phải mã chỉ tiêu của biểu nào.${
      near.length ? `\nCó phải một trong các mã sau?\n${list}` : ''
    }\nDùng "-" để bỏ qua cột; mọi mã có trong templates/forms.`,
    en: `"${meaning}" is not an indicator id of any form.${
      near.length ? `\nDid you mean one of these?\n${list}` : ''
    }\nUse "-" to ignore the column; every id is in templates/forms.`,
  });
}

/** The stored meaning of a row label: a role, or `=` and the registry's exact name. */
function rowMeaning(meaning: string, unit: UnitSpec): string {
  const m = meaning.trim();
  if ((TAUGHT_ROLES as readonly string[]).includes(m)) return m;
  if (!m.startsWith('=') || m.slice(1).trim() === '')
    throw new ConfigError({
      vi: `"${meaning}" không phải vai trò của dòng: dùng một trong ${TAUGHT_ROLES.join(', ')}, hoặc "=Tên xã" như trong danh mục (ví dụ "=Xã Minh Quán").`,
      en: `"${meaning}" is not a row role: use one of ${TAUGHT_ROLES.join(', ')}, or "=Commune name" as in the registry (e.g. "=Xã Minh Quán").`,
    });
  const name = m.slice(1).trim();
  if (!unit.subunits) return `=${name}`;
  const found = matchSubunit(name, unit);
  if (found.status === 'match') return `=${found.subunit.name}`;
  const near =
    found.status === 'ambiguous'
      ? found.candidates
      : [...unit.subunits]
          .map((s) => ({ s, score: textCloseness(name, s.name) }))
          .filter((x) => x.score > 0.3)
          .sort((a, b) => b.score - a.score)
          .slice(0, 5)
          .map((x) => x.s);
  const list = near.map((s) => `"=${s.name}"`).join(', ');
  const ambiguous = found.status === 'ambiguous';
  throw new ConfigError({
    vi: `"${name}" ${ambiguous ? 'hợp với nhiều xã' : 'không phải xã nào'} của ${unit.name} trong danh mục.${
      near.length ? `\nCó phải: ${list}?` : ''
    }`,
    en: `"${name}" ${ambiguous ? 'fits several sub-units' : 'is not a sub-unit'} of ${unit.name} in the registry.${
      near.length ? `\nDid you mean: ${list}?` : ''
    }`,
  });
}

/** Runs `map add`; returns the exit code. */
export async function mapAdd(opts: MapAddOptions): Promise<ExitCode> {
  const { cat } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
    planOptional: true,
  });
  const unit = needUnit(opts.unit, cat);
  const kind: TaughtKind = opts.row ? 'row' : 'heading';
  const text = checkText(opts.text, kind);
  const meaning =
    kind === 'heading' ? headingMeaning(opts.meaning, text, cat) : rowMeaning(opts.meaning, unit);
  const { file, exists, teaching } = await open(opts, cat);
  const entry = { unit: unit.code, kind, text, meaning };
  const { teaching: next, replaced } = setTaught(teaching, entry);
  await saveTeaching(file, next);
  opts.write(
    escapeTerminal(
      renderAdded(
        { entry, ...(replaced ? { replaced } : {}), unit, file, created: !exists },
        cat.forms,
        opts.lang,
      ),
      'block',
    ),
  );
  return EXIT.ok;
}

/** Runs `map remove`; returns the exit code. */
export async function mapRemove(opts: MapRemoveOptions): Promise<ExitCode> {
  const { cat } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
    planOptional: true,
  });
  const unit = needUnit(opts.unit, cat);
  const kind: TaughtKind = opts.row ? 'row' : 'heading';
  const { file, exists, teaching } = await open(opts, cat);
  const { teaching: next, removed } = removeTaught(teaching, {
    unit: unit.code,
    kind,
    text: opts.text,
  });
  if (!removed)
    throw new ConfigError({
      vi: `${exists ? `Tệp dạy ${file}` : `Không có tệp dạy ${file}`}: không có ${kind === 'heading' ? 'tiêu đề cột' : 'nhãn dòng'} "${opts.text}" nào được dạy cho ${unit.name} (xem povreport map list${kind === 'heading' ? '; nhãn dòng thì dùng --row' : ''}).`,
      en: `${exists ? `Teaching file ${file}` : `No teaching file ${file}`}: nothing was taught for ${unit.name} by the ${kind === 'heading' ? 'column heading' : 'row label'} "${opts.text}" (see povreport map list${kind === 'heading' ? ', and --row for row labels' : ''}).`,
    });
  await saveTeaching(file, next);
  opts.write(
    escapeTerminal(renderRemoved({ entry: removed, unit, file }, cat.forms, opts.lang), 'block'),
  );
  return EXIT.ok;
}

/** Runs `map list`; returns the exit code. */
export async function mapList(opts: MapListOptions): Promise<ExitCode> {
  const { cat } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
    planOptional: true,
  });
  const unit = opts.unit === undefined ? undefined : needUnit(opts.unit, cat);
  const file = teachingPath(opts.map, opts.cwd, opts.map === undefined);
  if (opts.map !== undefined && !existsSync(opts.map))
    throw new ConfigError({
      vi: `Tệp dạy ${opts.map}: không tìm thấy`,
      en: `Teaching file ${opts.map}: not found`,
    });
  const teaching = file === undefined ? emptyTeaching() : await loadTeaching(file, cat);
  const entries = taughtEntries(teaching, unit?.code);
  if (opts.json) opts.write(`${JSON.stringify({ file: file ?? null, entries }, null, 2)}\n`);
  else
    opts.write(
      escapeTerminal(
        renderList(
          entries,
          { file, units: cat.registry.units, forms: cat.forms, ...(unit ? { unit } : {}) },
          opts.lang,
        ),
        'block',
      ),
    );
  return EXIT.ok;
}
