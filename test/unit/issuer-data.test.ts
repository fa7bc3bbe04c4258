/**
 * The issuer of the registry: who the printed report says issues it. The shipped registries pass
 * (also for editors, through the JSON Schema), a registry that leaves the new fields out gets the
 * report's old header, and a wrong number symbol, signer title or recipient line is refused with
 * the file and the field, in Vietnamese and English, before anything is read. Broken copies are
 * made in a temporary copy of the data folder; the shipped files are never touched.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/commands/load-data.js';
import { DataFileError } from '../../src/core/errors.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { useTempFolder } from '../helpers/temp-folder.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Doc = Record<string, Json> & { issuer: Record<string, Json> };

const FILE = 'registries/yen-bai-2022.json';
const shipped = (file: string): Doc =>
  JSON.parse(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8')) as Doc;

const tmp = useTempFolder('povreport-issuer ');
let dir: string;
beforeAll(() => {
  dir = path.join(tmp.path, 'dữ liệu');
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
});

/** The registry of the test data folder with the issuer changed; the message of its refusal. */
async function refusal(change: (issuer: Record<string, Json>) => void): Promise<string> {
  const doc = shipped(FILE);
  change(doc.issuer);
  writeFileSync(path.join(dir, FILE), JSON.stringify(doc, null, 2));
  try {
    await loadCatalogue(undefined, dir);
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  } finally {
    writeFileSync(path.join(dir, FILE), JSON.stringify(shipped(FILE), null, 2));
  }
  throw new Error('the registry loaded');
}

describe('the issuer of the shipped registries', () => {
  it('Yên Bái: the director signs, no number line, no recipients, as the report always printed', async () => {
    const { registry } = await loadCatalogue('yen-bai-2022');
    expect(registry.issuer).toMatchObject({
      authority: 'UBND TỈNH YÊN BÁI',
      department: 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI',
      signer: { title: 'GIÁM ĐỐC' },
      recipients: [],
    });
    expect(registry.issuer.documentNumber).toBeUndefined();
    expect(registry.province.place).toBe('Yên Bái');
  });

  it('Lào Cai: the Sở Nông nghiệp và Môi trường, BC-SNNMT, a deputy signing, three recipients', async () => {
    const { registry } = await loadCatalogue('lao-cai-2025');
    expect(registry.issuer).toMatchObject({
      authority: 'UBND TỈNH LÀO CAI',
      department: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      documentNumber: { symbol: 'BC-SNNMT' },
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC' },
      recipients: [
        'Bộ Nông nghiệp và Môi trường (Văn phòng Quốc gia về giảm nghèo)',
        'UBND tỉnh',
        'Lưu: VT',
      ],
    });
    expect(registry.province.place).toBe('Lào Cai');
    // The symbol is the usual form, not read in a Lào Cai document: the file says so.
    const doc = shipped('registries/lao-cai-2025.json');
    expect(JSON.stringify(doc.issuer.documentNumber)).toContain('UNVERIFIED');
  });

  it('a registry without the new fields gets the old signer and no recipients', async () => {
    const doc = shipped(FILE);
    delete doc.issuer.signer;
    delete doc.issuer.recipients;
    writeFileSync(path.join(dir, FILE), JSON.stringify(doc, null, 2));
    try {
      const { registry } = await loadCatalogue(undefined, dir);
      expect(registry.issuer.signer).toEqual({ title: 'GIÁM ĐỐC' });
      expect(registry.issuer.recipients).toEqual([]);
    } finally {
      writeFileSync(path.join(dir, FILE), JSON.stringify(shipped(FILE), null, 2));
    }
  });

  it('pass the JSON Schema editors check them with; a symbol with its number does not', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const check = ajv.compile(
      JSON.parse(
        readFileSync(path.join(TEMPLATES_DIR, 'schema', 'registry.schema.json'), 'utf8'),
      ) as object,
    );
    for (const file of [FILE, 'registries/lao-cai-2025.json'])
      expect(check(shipped(file)), JSON.stringify(check.errors)).toBe(true);
    const doc = shipped('registries/lao-cai-2025.json');
    doc.issuer.documentNumber = { symbol: '05/BC-SNNMT' };
    doc.issuer.recipients = ['- UBND tỉnh;'];
    expect(check(doc)).toBe(false);
    expect(check.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual([
      '/issuer/documentNumber/symbol pattern',
      '/issuer/recipients/0 pattern',
    ]);
  });
});

describe('a wrong issuer field is refused with the file and the field', () => {
  const cases: { what: string; change: (i: Record<string, Json>) => void; says: string }[] = [
    {
      what: 'a number symbol written with "Số:" and a number',
      change: (i) => (i.documentNumber = { symbol: 'Số: 05/BC-SLĐTBXH' }),
      says: `${FILE}: issuer.documentNumber.symbol: "Số: 05/BC-SLĐTBXH": phải là ký hiệu viết hoa như "BC-SNNMT", không có "Số:", số văn bản hay dấu / (must be a symbol in capitals like "BC-SNNMT", without "Số:", the number or /)`,
    },
    {
      what: 'a number symbol in lower case',
      change: (i) => (i.documentNumber = { symbol: 'bc-snnmt' }),
      says: `${FILE}: issuer.documentNumber.symbol: "bc-snnmt": phải là ký hiệu viết hoa`,
    },
    {
      what: 'a number given as text instead of { "symbol": … }',
      change: (i) => (i.documentNumber = 'BC-SLĐTBXH'),
      says: `${FILE}: issuer.documentNumber: phải là đối tượng { … }, không phải chữ (must be an object { … }, not text)`,
    },
    {
      what: 'a signer title not in capitals',
      change: (i) => (i.signer = { authority: 'KT. GIÁM ĐỐC', title: 'Phó Giám đốc' }),
      says: `${FILE}: issuer.signer.title: "Phó Giám đốc": phải viết hoa như "PHÓ GIÁM ĐỐC" (Nghị định 30/2020) (must be in capitals like "PHÓ GIÁM ĐỐC" (Decree 30/2020))`,
    },
    {
      what: 'a signer without a title',
      change: (i) => (i.signer = { authority: 'KT. GIÁM ĐỐC' }),
      says: `${FILE}: issuer.signer.title: thiếu (required)`,
    },
    {
      what: 'a misspelt signer field',
      change: (i) => (i.signer = { title: 'GIÁM ĐỐC', ten: 'Nguyễn Văn A' }),
      says: `${FILE}: issuer.signer.ten: trường không được biết; kiểm tra chính tả (unknown field; check the spelling)`,
    },
    {
      what: 'a recipient written with its dash and semicolon',
      change: (i) => (i.recipients = ['UBND tỉnh', '- Lưu: VT;']),
      says: `${FILE}: issuer.recipients[1]: "- Lưu: VT;": ghi tên nơi nhận, không có dấu "-" ở đầu (báo cáo tự thêm "- " và ";")`,
    },
    {
      what: 'a recipient ending in a semicolon',
      change: (i) => (i.recipients = ['UBND tỉnh;']),
      says: `${FILE}: issuer.recipients[0]: "UBND tỉnh;": không có dấu ";" hay "." ở cuối (báo cáo tự thêm) (without a trailing ";" or "." (the report adds them))`,
    },
    {
      what: 'recipients in one text instead of a list',
      change: (i) => (i.recipients = 'UBND tỉnh; Lưu: VT'),
      says: `${FILE}: issuer.recipients: phải là danh sách [ … ], không phải chữ (must be a list [ … ], not text)`,
    },
  ];
  for (const c of cases)
    it(c.what, async () => {
      expect(await refusal(c.change)).toContain(c.says);
    });
});
