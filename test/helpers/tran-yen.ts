/**
 * A whole submission of Huyện Trấn Yên (138) for 2022-H1 (SYNTHETIC figures, random per commune,
 * see random-unit.ts): its 21 communes of the shipped registry, five forms, total rows, every rule
 * satisfied. Options write one heading or some commune names the way a clerk might.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SheetGrid } from '../../src/core/grid.js';
import { formGrid, shippedRun } from './build.js';
import { randomRows } from './random-unit.js';

/** Trấn Yên's communes that existed on 2022-06-30, in the registry's order. */
export const TRAN_YEN_2022: string[] = (() => {
  const reg = JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../templates/registries/yen-bai-2022.json'),
      'utf8',
    ),
  ) as { units: { code: string; subunits: { name: string; from?: string; until?: string }[] }[] };
  const unit = reg.units.find((u) => u.code === '138');
  if (!unit) throw new Error('Trấn Yên is not in the registry');
  const day = '2022-06-30';
  return unit.subunits
    .filter((s) => (s.from ?? '') <= day && (s.until ?? '9999') > day)
    .map((s) => s.name);
})();

/** How the clerk wrote the file. */
export interface TranYenOptions {
  /** Headings written instead of the form's, by indicator id. */
  headings?: Record<string, string>;
  /** Commune names written otherwise: registry name → as written. */
  names?: Record<string, string>;
  /** The unit named in the title block. */
  title?: string;
  seed?: number;
}

/** The five forms of Trấn Yên's submission. */
export async function tranYenGrids(o: TranYenOptions = {}): Promise<SheetGrid[]> {
  const p = await shippedRun();
  const { rows, total } = randomRows(TRAN_YEN_2022, o.seed ?? 138);
  const written = rows.map((r) => ({ ...r, name: o.names?.[r.name] ?? r.name }));
  return ['01', '02', '03', '04', '05'].map((form) =>
    formGrid(p, form, written, {
      title: [o.title ?? 'UBND HUYỆN TRẤN YÊN', `BIỂU ${form} 6 THÁNG ĐẦU NĂM 2022`],
      total,
      ...(o.headings ? { headings: o.headings } : {}),
    }),
  );
}
