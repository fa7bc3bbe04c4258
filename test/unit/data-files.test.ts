/**
 * The data files of `templates/` and their schemas: the shipped files pass, the JSON Schemas for
 * editors are the ones the code generates, and every broken copy (a field deleted, a value of the
 * wrong type, a reference to nothing) is refused with the file and the place in it, in Vietnamese
 * and English, before anything else is read. Broken copies are made in temporary data folders
 * (`loadCatalogue(…, dir)` is what `--data DIR` does); the shipped files are never touched.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/catalogue.js';
import { formatDataPath } from '../../src/core/data-issues.js';
import {
  DATA_KINDS,
  dataJsonSchemas,
  schemaFileText,
  type DataKind,
} from '../../src/core/schemas.js';
import { readRemindState } from '../../src/io/remind-state.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { loadTeaching } from '../../src/commands/teaching.js';
import { ConfigError, DataFileError } from '../../src/core/errors.js';
import { loadCatalogue, loadPlan } from '../../src/commands/load-data.js';
import { loadReforms } from '../../src/commands/load-reforms.js';

/** The shipped data files, as named in messages (relative to the data folder). */
const SHIPPED: Record<DataKind, string> = {
  registry: 'registries/yen-bai-2022.json',
  standard: 'standards/vn-2022-2025.json',
  forms: 'forms/vn-2022-2025.json',
  rules: 'rules/vn-2022-2025.json',
  vocabulary: 'vocabulary/vi.json',
  plan: 'plans/yen-bai-2022.json',
  reform: 'reforms/lao-cai-2025.json',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const original = (kind: DataKind): string =>
  readFileSync(path.join(TEMPLATES_DIR, SHIPPED[kind]), 'utf8');

/** A copy of the shipped data folder (synthetic test copy; deleted with the OS's temp files). */
function dataCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport dữ liệu '));
  for (const kind of Object.keys(SHIPPED) as DataKind[])
    cpSync(
      path.join(TEMPLATES_DIR, DATA_KINDS[kind].folder),
      path.join(dir, DATA_KINDS[kind].folder),
      {
        recursive: true,
      },
    );
  return dir;
}

/** Loads everything a consolidation loads from a data folder. */
async function loadAll(dir: string): Promise<{ cat: Catalogue }> {
  const cat = await loadCatalogue(undefined, dir);
  await loadPlan(cat, undefined, dir);
  await loadReforms(dir);
  return { cat };
}

let dir: string;
beforeAll(() => {
  dir = dataCopy();
});
afterEach(() => {
  for (const kind of Object.keys(SHIPPED) as DataKind[])
    writeFileSync(path.join(dir, SHIPPED[kind]), original(kind));
});

/** Writes a changed copy of one shipped file into the test data folder. */
function mutate(kind: DataKind, change: (doc: Record<string, Json>) => void): void {
  const doc = JSON.parse(original(kind)) as Record<string, Json>;
  change(doc);
  writeFileSync(path.join(dir, SHIPPED[kind]), JSON.stringify(doc, null, 2));
}

/** The message of the DataFileError loading the test data folder gives. */
async function refusal(): Promise<string> {
  try {
    await loadAll(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  }
  throw new Error('the data folder loaded');
}

const at = (doc: Json, p: Path): Json => {
  let v: Json = doc;
  for (const k of p) v = (v as Record<string | number, Json>)[k] as Json;
  return v;
};

describe('the shipped data files', () => {
  it('load, and each names its JSON Schema for editors', async () => {
    const { cat } = await loadAll(TEMPLATES_DIR);
    expect(cat.registry.units).toHaveLength(9);
    for (const [kind, file] of Object.entries(SHIPPED)) {
      const doc = JSON.parse(original(kind as DataKind)) as { $schema?: string };
      expect(doc.$schema).toBe(`../schema/${kind}.schema.json`);
      const schemaFile = path.resolve(
        path.dirname(path.join(TEMPLATES_DIR, file)),
        doc.$schema ?? '',
      );
      const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { title?: unknown };
      expect(schema.title).toBe(DATA_KINDS[kind as DataKind].title);
    }
  });

  it('the committed JSON Schemas are the ones npm run schemas generates', () => {
    const fresh = dataJsonSchemas();
    const committed = readdirSync(path.join(TEMPLATES_DIR, 'schema')).sort();
    expect(committed).toEqual(
      Object.keys(fresh)
        .map((k) => `${k}.schema.json`)
        .sort(),
    );
    for (const [kind, schema] of Object.entries(fresh))
      expect(
        readFileSync(path.join(TEMPLATES_DIR, 'schema', `${kind}.schema.json`), 'utf8'),
        `templates/schema/${kind}.schema.json is out of date: run npm run schemas`,
      ).toBe(schemaFileText(schema));
  });
});

describe('the JSON Schemas, as an editor uses them (Ajv, JSON Schema 2020-12)', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validator = (kind: DataKind) =>
    ajv.compile(
      JSON.parse(
        readFileSync(path.join(TEMPLATES_DIR, 'schema', `${kind}.schema.json`), 'utf8'),
      ) as object,
    );

  it('accept every shipped data file', () => {
    for (const kind of Object.keys(SHIPPED) as DataKind[]) {
      const check = validator(kind);
      expect(check(JSON.parse(original(kind))), JSON.stringify(check.errors)).toBe(true);
    }
  });

  it('point at the field of a broken one', () => {
    const check = validator('plan');
    const doc = JSON.parse(original('plan')) as Record<string, Json>;
    delete (at(doc, ['periods', 1]) as Record<string, Json>).title;
    (at(doc, ['periods', 0]) as Record<string, Json>).dueBefore = '15/06/2022';
    expect(check(doc)).toBe(false);
    expect(check.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual([
      '/periods/0/dueBefore pattern',
      '/periods/1 required',
    ]);
  });
});

describe('the failures of issue 8, now refused with the file and the place', () => {
  it('a plan period without a title (was an internal error, exit 3)', async () => {
    mutate('plan', (d) => {
      delete (at(d, ['periods', 1]) as Record<string, Json>).title;
    });
    expect(await refusal()).toContain(
      'plans/yen-bai-2022.json: periods[1].title: thiếu (required)',
    );
  });

  it('a unitLevel the code does not know (was an internal error in template)', async () => {
    mutate('registry', (d) => {
      d.unitLevel = 'huyện';
      d.subunitLevel = { vi: 'xã' };
    });
    const m = await refusal();
    expect(m).toContain(
      'registries/yen-bai-2022.json: unitLevel: phải là đối tượng { … }, không phải chữ (must be an object { … }, not text)',
    );
    expect(m).toContain('registries/yen-bai-2022.json: subunitLevel.en: thiếu (required)');
  });

  it('spelling variants that are not text (made every file an internal error)', async () => {
    mutate('registry', (d) => {
      (at(d, ['units', 3]) as Record<string, Json>).variants = [123, 'Văn Chấn'];
    });
    expect(await refusal()).toContain(
      'registries/yen-bai-2022.json: units[3].variants[0]: phải là chữ, không phải số (must be text, not a number)',
    );
  });

  it('a plan whose forms list is invalid (rejected every district)', async () => {
    mutate('plan', (d) => {
      (at(d, ['periods', 0]) as Record<string, Json>).forms = ['01', '02', '03', '04', '06'];
    });
    expect(await refusal()).toContain(
      'plans/yen-bai-2022.json: periods[0].forms[4]: không có biểu "06"',
    );
    mutate('plan', (d) => {
      (at(d, ['periods', 0]) as Record<string, Json>).forms = '01, 02';
    });
    expect(await refusal()).toContain(
      'plans/yen-bai-2022.json: periods[0].forms: phải là danh sách',
    );
    mutate('plan', (d) => {
      (at(d, ['periods', 0]) as Record<string, Json>).forms = [];
    });
    expect(await refusal()).toContain('periods[0].forms: không được để trống');
  });
});

/** References from one file to another (or within one) that lead nowhere, and what is said. */
const BROKEN_REFERENCES: {
  what: string;
  kind: DataKind;
  change: (d: Record<string, Json>) => void;
  says: string;
}[] = [
  {
    what: 'a plan naming a standard that has no file',
    kind: 'plan',
    change: (d) => (d.standard = 'vn-2030'),
    says: 'plans/yen-bai-2022.json: standard: không có tệp standards/vn-2030.json (no such file: standards/vn-2030.json)',
  },
  {
    what: 'a standard naming forms that have no file',
    kind: 'standard',
    change: (d) => (d.forms = 'khong-co'),
    says: 'standards/vn-2022-2025.json: forms: không có tệp forms/khong-co.json (no such file: forms/khong-co.json)',
  },
  {
    what: 'a standard whose id is not its file name (which plans name it by)',
    kind: 'standard',
    change: (d) => (d.id = 'vn-2026'),
    says: 'standards/vn-2022-2025.json: id: "vn-2026" khác tên tệp "vn-2022-2025"',
  },
  {
    what: 'rules of another standard',
    kind: 'rules',
    change: (d) => (d.standard = 'vn-2016-2020'),
    says: 'rules/vn-2022-2025.json: standard: "vn-2016-2020" khác chuẩn',
  },
  {
    what: 'a row rule of a form that does not exist',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 2]) as Record<string, Json>).form = '09'),
    says: 'rules/vn-2022-2025.json: rules[2].form: không có biểu "09"',
  },
  {
    what: 'a rule reading an indicator its form does not have',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 0]) as Record<string, Json>).right = 'househods'),
    says: 'rules/vn-2022-2025.json: rules[0].right: "househods" không phải chỉ tiêu của biểu 01 ("househods" is not an indicator of form 01)',
  },
  {
    what: 'a cross-form rule reading an indicator of no form',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 13]) as Record<string, Json>).left = 'B09.poor_end'),
    says: 'rules/vn-2022-2025.json: rules[13].left: "B09.poor_end" không phải chỉ tiêu',
  },
  {
    what: 'a rule repeated over a pattern that matches nothing',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 7]) as Record<string, Json>).each = 'poor_lak_*'),
    says: 'rules/vn-2022-2025.json: rules[7].each: "poor_lak_*" không khớp chỉ tiêu nào ("poor_lak_*" matches no indicator)',
  },
  {
    what: 'a rule whose expression cannot be read',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 0]) as Record<string, Json>).left = 'poor +'),
    says: 'rules/vn-2022-2025.json: rules[0].left: không đọc được biểu thức: ',
  },
  {
    what: 'a rule with a finding code the catalogue does not have',
    kind: 'rules',
    change: (d) => ((at(d, ['rules', 0]) as Record<string, Json>).code = 'too-many-poor'),
    says: 'rules/vn-2022-2025.json: rules[0].code: "too-many-poor": không phải mã phát hiện',
  },
  {
    what: 'two rules of one id',
    kind: 'rules',
    change: (d) =>
      ((at(d, ['rules', 1]) as Record<string, Json>).id = 'b01-poor-near-poor-within-households'),
    says: 'rules/vn-2022-2025.json: rules[1].id: quy tắc b01-poor-near-poor-within-households có hai lần',
  },
  {
    what: 'a deprivation column for an indicator the standard does not have',
    kind: 'forms',
    change: (d) =>
      ((at(d, ['forms', 3, 'columns', 2]) as Record<string, Json>).id = 'poor_lack_internet'),
    says: 'forms/vn-2022-2025.json: forms[3].columns[2].id: "internet" không phải chỉ số của chuẩn',
  },
  {
    what: 'a rate over a column the form does not have',
    kind: 'forms',
    change: (d) =>
      ((at(d, ['forms', 0, 'columns', 2]) as Record<string, Json>).denominator = 'houses'),
    says: 'forms/vn-2022-2025.json: forms[0].columns[2].denominator: "houses" không phải cột số lượng của biểu 01',
  },
  {
    what: 'two forms of one id',
    kind: 'forms',
    change: (d) => ((at(d, ['forms', 4]) as Record<string, Json>).id = '04'),
    says: 'forms/vn-2022-2025.json: forms[4].id: biểu 04 có hai lần (form 04 appears twice)',
  },
  {
    what: 'two units of one code',
    kind: 'registry',
    change: (d) => ((at(d, ['units', 8]) as Record<string, Json>).code = '132'),
    says: 'registries/yen-bai-2022.json: units[8].code: mã đơn vị 132 có hai lần trong cùng thời gian ("Thành phố Yên Bái" và "Huyện Yên Bình") (unit code 132 appears twice for the same dates ("Thành phố Yên Bái" and "Huyện Yên Bình"))',
  },
  {
    what: 'a unit code that could leave a folder in a file name',
    kind: 'registry',
    change: (d) => ((at(d, ['units', 0]) as Record<string, Json>).code = '../132'),
    says: 'registries/yen-bai-2022.json: units[0].code: "../132": phải là mã',
  },
  {
    what: 'a plan target for a unit the registry does not have',
    kind: 'plan',
    change: (d) =>
      ((d.units as Record<string, Json>)['999'] = { baselineRate: 1, targetReduction: 1 }),
    says: 'plans/yen-bai-2022.json: units["999"]: không có đơn vị mã "999" trong danh mục yen-bai-2022',
  },
  {
    what: 'a plan due date that is not a day of the calendar',
    kind: 'plan',
    change: (d) => ((at(d, ['periods', 0]) as Record<string, Json>).dueBefore = '2022-06-31'),
    says: 'plans/yen-bai-2022.json: periods[0].dueBefore: "2022-06-31": không phải một ngày có trong lịch (not a date of the calendar)',
  },
  {
    what: 'two periods of one id',
    kind: 'plan',
    change: (d) => ((at(d, ['periods', 1]) as Record<string, Json>).id = '2022-H1'),
    says: 'plans/yen-bai-2022.json: periods[1].id: kỳ 2022-H1 có hai lần (period 2022-H1 appears twice)',
  },
  {
    what: 'a misspelt field',
    kind: 'plan',
    change: (d) => {
      const p = at(d, ['periods', 0]) as Record<string, Json>;
      p.dueBfore = p.dueBefore ?? null;
      delete p.dueBefore;
    },
    says: 'plans/yen-bai-2022.json: periods[0].dueBfore: trường không được biết; kiểm tra chính tả (unknown field; check the spelling)',
  },
  {
    what: 'an indicator role naming no column (the targets would read nothing)',
    kind: 'forms',
    change: (d) => ((at(d, ['roles']) as Record<string, Json>).poorRate = 'poor_ratio'),
    says: 'forms/vn-2022-2025.json: roles.poorRate: "poor_ratio" không phải cột của biểu nào ("poor_ratio" is not a column of any form)',
  },
  {
    what: 'a vocabulary list holding a number',
    kind: 'vocabulary',
    change: (d) => ((d.footer as Json[])[2] = 7),
    says: 'vocabulary/vi.json: footer[2]: phải là chữ, không phải số (must be text, not a number)',
  },
  {
    what: 'an abbreviation with no meaning',
    kind: 'vocabulary',
    change: (d) => ((d.abbreviations as Record<string, Json>).HN = []),
    says: 'vocabulary/vi.json: abbreviations.HN: không được để trống (must not be an empty list)',
  },
];

describe('references that lead nowhere', () => {
  for (const c of BROKEN_REFERENCES)
    it(c.what, async () => {
      mutate(c.kind, c.change);
      expect(await refusal()).toContain(c.says);
    });

  it('every issue of the files read together is listed, each in both languages', async () => {
    mutate(
      'forms',
      (d) => ((at(d, ['forms', 0, 'columns', 0]) as Record<string, Json>).kind = 'ratio'),
    );
    mutate('rules', (d) => ((at(d, ['rules', 0]) as Record<string, Json>).operator = '=<'));
    mutate('vocabulary', (d) => (d.fillers = 'thiếu hụt'));
    const m = await refusal();
    const lines = m.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toEqual([
      '  forms/vn-2022-2025.json: forms[0].columns[0].kind: "ratio": phải là một trong "count", "percent" (must be one of "count", "percent")',
      '  rules/vn-2022-2025.json: rules[0].operator: "=<": phải là một trong "==", "<=", ">=", "<", ">" (must be one of "==", "<=", ">=", "<", ">")',
      '  vocabulary/vi.json: fillers: phải là danh sách [ … ], không phải chữ (must be a list [ … ], not text)',
    ]);
    expect(m).toContain(`thư mục dữ liệu (data folder): ${dir}`);
  });

  it('text quoted from a data file cannot steer the terminal', async () => {
    mutate('registry', (d) => {
      const subs = (at(d, ['units', 0]) as Record<string, Json[]>).subunits ?? [];
      subs[0] = { name: 'Xã \u001b[2J\rA' };
      subs[1] = { name: 'Xã \u001b[2J\rA' };
    });
    const m = await refusal();
    expect(m).toContain('units[0].subunits[1].name: "Xã \\u001b[2J\\u000dA" có hai lần');
    expect(m.replace(/\n/g, '')).not.toMatch(/\p{Cc}/u);
  });

  describe('the JSON Schemas the message points to, with --data DIR', () => {
    const shipped = path.join(TEMPLATES_DIR, 'schema');
    const own = (): string => path.join(dir, 'schema');
    afterEach(() => {
      rmSync(own(), { recursive: true, force: true });
    });
    const breakPlan = (): void => {
      mutate('plan', (d) => delete (at(d, ['periods', 1]) as Record<string, Json>).title);
    };

    it('a data folder without schema/: the ones shipped with povreport, said as such', async () => {
      breakPlan();
      const m = await refusal();
      expect(m).toContain(
        `thư mục dữ liệu không có lược đồ JSON của phiên bản này, lược đồ đi kèm povreport ở ${shipped}`,
      );
      expect(m).toContain(`the ones shipped with povreport are in ${shipped}`);
      expect(m).not.toContain(own());
    });

    it("a data folder with this version's schema/: its own folder", async () => {
      cpSync(shipped, own(), { recursive: true });
      breakPlan();
      const m = await refusal();
      expect(m).toContain(`lược đồ JSON cho trình soạn thảo ở ${own()}`);
      expect(m).not.toContain(shipped);
    });

    it('a data folder with schemas of another version: the shipped ones, said as such', async () => {
      cpSync(shipped, own(), { recursive: true });
      writeFileSync(path.join(own(), 'plan.schema.json'), '{}\n');
      breakPlan();
      const m = await refusal();
      expect(m).toContain(`lược đồ đi kèm povreport ở ${shipped}`);
      expect(m).not.toContain(own());
    });
  });

  it('a data folder that is not there is a configuration error, not a crash', async () => {
    await expect(loadCatalogue(undefined, path.join(dir, 'không có'))).rejects.toThrow(
      /--data .*không có: không phải thư mục dữ liệu/,
    );
  });
});

// ---- generated broken copies -----------------------------------------------------------------

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
}

/** A place in a data file: its path, whether the schema requires it, and its shape. */
interface Place {
  path: Path;
  required: boolean;
  /** The path with list indexes and record keys as `*`: places of one shape are alike. */
  shape: string;
}

/** Every place of a document, with what its JSON Schema says of it. */
function places(doc: Json, schema: SchemaNode): Place[] {
  const out: Place[] = [];
  const visit = (v: Json, node: SchemaNode | undefined, p: Path, shape: string[]): void => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        const q = [...p, i];
        out.push({ path: q, required: false, shape: [...shape, '*'].join('.') });
        visit(x, node?.items, q, [...shape, '*']);
      });
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const named = node?.properties?.[k];
        const record = !named && typeof node?.additionalProperties === 'object';
        const child = named ?? (record ? (node?.additionalProperties as SchemaNode) : undefined);
        const s = [...shape, record ? '*' : k];
        const q = [...p, k];
        out.push({ path: q, required: node?.required?.includes(k) ?? false, shape: s.join('.') });
        visit(x, child, q, s);
      }
  };
  visit(doc, schema, [], []);
  return out;
}

/** A value of another JSON type than `v`. */
const wrongType = (v: Json): Json =>
  typeof v === 'string' ? 12345 : typeof v === 'number' || typeof v === 'boolean' ? 'x' : 'x';

/** Up to two places of each shape: the first and the last. */
function sample(list: Place[]): Place[] {
  const byShape = new Map<string, Place[]>();
  for (const p of list) byShape.set(p.shape, [...(byShape.get(p.shape) ?? []), p]);
  return [...byShape.values()].flatMap((ps) =>
    ps.length > 1 ? [ps[0] as Place, ps[ps.length - 1] as Place] : ps,
  );
}

describe('generated broken copies of every shipped data file', () => {
  const schemas = dataJsonSchemas() as Record<DataKind, SchemaNode>;
  for (const kind of Object.keys(SHIPPED) as DataKind[]) {
    it(`${SHIPPED[kind]}: every field of the wrong type, every required field deleted`, async () => {
      const doc = JSON.parse(original(kind)) as Json;
      const list = sample(places(doc, schemas[kind]));
      expect(list.length).toBeGreaterThan(5);
      let required = 0;
      for (const place of list) {
        const where = `${SHIPPED[kind]}: ${formatDataPath(place.path)}: `;
        const parent = place.path.slice(0, -1);
        const key = place.path[place.path.length - 1] as string | number;
        mutate(kind, (d) => {
          const obj = at(d, parent) as Record<string | number, Json>;
          obj[key] = wrongType(obj[key] as Json);
        });
        expect(await refusal(), `${where}wrong type`).toContain(where);
        if (typeof key === 'number') continue;
        mutate(kind, (d) => {
          Reflect.deleteProperty(at(d, parent) as Record<string, Json>, key);
        });
        if (place.required) {
          required++;
          expect(await refusal(), `${where}deleted`).toContain(`${where}thiếu (required)`);
        } else {
          // An optional field may go, or its absence may break a rule between fields (a registry
          // without its plan needs --plan); a configuration error then, never a crash.
          await loadAll(dir).catch((e: unknown) => {
            expect(e).toBeInstanceOf(ConfigError);
          });
        }
      }
      expect(required).toBeGreaterThan(0);
    });
  }
});

// ---- keys that could reach an object's prototype ------------------------------------------

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The JSON text of `text` with the three keys added to the object at `p`. */
function withProtoKeys(text: string, p: Path): string {
  const doc = JSON.parse(text) as Json;
  (at(doc, p) as Record<string, Json>).__MARK__ = 1;
  // Added as text: in an object literal "__proto__" would set the prototype, not add a key.
  const bad = PROTO_KEYS.map((k) => `"${k}":{"polluted":true,"variants":[1]}`).join(',');
  return JSON.stringify(doc).replace('"__MARK__":1', bad);
}

describe('keys such as __proto__ in a JSON file the tool reads change nothing', () => {
  const clean = (): void => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  };

  const CASES: { kind: DataKind; p: Path }[] = [
    { kind: 'registry', p: [] },
    { kind: 'registry', p: ['units', 0] },
    { kind: 'standard', p: ['indicators', 0] },
    { kind: 'forms', p: ['forms', 0, 'columns', 0] },
    { kind: 'rules', p: ['rules', 0] },
    { kind: 'vocabulary', p: ['abbreviations'] },
    { kind: 'vocabulary', p: ['synonyms'] },
    { kind: 'plan', p: ['units'] },
    { kind: 'plan', p: ['periods', 0] },
  ];

  it('the data files: the same catalogue and plan as without the keys', async () => {
    const shipped = await loadCatalogue(undefined, TEMPLATES_DIR);
    const shippedPlan = await loadPlan(shipped, undefined, TEMPLATES_DIR);
    for (const c of CASES) {
      const text = withProtoKeys(original(c.kind), c.p);
      expect(text, `${c.kind} ${c.p.join('.')}`).toContain('"__proto__":{"polluted"');
      writeFileSync(path.join(dir, SHIPPED[c.kind]), text);
      const cat = await loadCatalogue(undefined, dir);
      const plan = await loadPlan(cat, undefined, dir);
      expect(cat, `${c.kind} ${c.p.join('.')}`).toEqual(shipped);
      expect(plan).toEqual(shippedPlan);
      expect(plan.units.constructor).toBeUndefined();
      clean();
      writeFileSync(path.join(dir, SHIPPED[c.kind]), original(c.kind));
    }
  });

  it('the teaching file (povreport-map.json)', async () => {
    const cat = await loadCatalogue();
    const file = path.join(dir, 'povreport-map.json');
    writeFileSync(
      file,
      '{"version":1,"__proto__":{"polluted":true},"units":{"constructor":{"rows":{"X":"total"}},' +
        '"138":{"__proto__":{"polluted":true},"rows":{"prototype":"total","Cộng các xã":"total"}}}}',
    );
    expect(await loadTeaching(file, cat)).toEqual({
      version: 1,
      units: { '138': { rows: { 'Cộng các xã': 'total' } } },
    });
    clean();
  });

  it('the remind state file (--state)', async () => {
    const file = path.join(dir, 'đã gửi.json');
    writeFileSync(
      file,
      '{"__proto__":{"polluted":true,"sent":[{"key":"x","at":"y"}]},"sent":[{"key":"2022-H1|139|2022-06-08","at":"2022-06-08T01:00:00.000Z","constructor":{"polluted":true}}]}',
    );
    expect(await readRemindState(file)).toEqual({
      sent: [{ key: '2022-H1|139|2022-06-08', at: '2022-06-08T01:00:00.000Z' }],
    });
    clean();
  });

  it('a data file that is not JSON is still a configuration error naming the file', async () => {
    writeFileSync(path.join(dir, SHIPPED.rules), '{"rules": [');
    const e = await loadCatalogue(undefined, dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain(path.join(dir, SHIPPED.rules));
    expect((e as Error).message).toContain('không phải JSON hợp lệ (not valid JSON');
  });
});
