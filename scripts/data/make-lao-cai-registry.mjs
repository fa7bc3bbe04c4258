// Writes templates/registries/lao-cai-2025.json from scripts/data/sources/lao-cai-2025-communes.csv
// (the 99 communes and wards of tỉnh Lào Cai from 1 July 2025; see that folder's README).
// Run: node scripts/data/make-lao-cai-registry.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPlainCsv } from '../lib/plain-csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const table = readPlainCsv(path.join(root, 'scripts/data/sources/lao-cai-2025-communes.csv'));

// Spellings the press and older files use (domain-2026.md §2.3): each is folded to the unit's name.
const SPELLINGS = [
  ['Mù Cang Chải', 'Mù Căng Chải'],
  ['Tà Xi Láng', 'Tà Si Láng'],
  ['Hát Lừu', 'Hát Lìu'],
  ['Dế Xu Phình', 'Dế Su Phình'],
];

const units = table.map((r) => {
  const variants = new Set(r.aliases ? r.aliases.split(';').map((a) => a.trim()) : []);
  for (const [name, other] of SPELLINGS) if (r.name === name) variants.add(other);
  if (/Hòa/.test(r.name)) variants.add(r.name.replace('Hòa', 'Hoà'));
  variants.delete(r.name);
  const kind = r.unit_type === 'Phường' ? 'Phường' : 'Xã';
  for (const v of [...variants]) variants.add(`${kind} ${v}`);
  const merged = r.merged_from.split(';').filter(Boolean);
  return {
    code: r.code,
    name: r.full_name,
    short: r.name,
    variants: [...variants],
    from: '2025-07-01',
    email: `giamngheo.${r.code}@example.vn`,
    note: `Thành lập từ ${merged.length === 1 ? 'đơn vị giữ nguyên' : 'sáp nhập'}: ${merged.join('; ')} (${r.former_province}: ${r.former_districts}).`,
  };
});

const registry = {
  $schema: '../schema/registry.schema.json',
  $comment:
    'tỉnh Lào Cai from 1 July 2025 (NQ 202/2025/QH15 merged Yên Bái into Lào Cai; NQ 1673/NQ-UBTVQH15 of 16/06/2025 arranged its communes): 99 reporting units (89 xã, 10 phường), no districts. Codes and names from the GSO list as tabled in scripts/data/sources/lao-cai-2025-communes.csv (99 of 99 codes checked against Công văn 1027/CTK-CSCL); written by scripts/data/make-lao-cai-registry.mjs, do not edit by hand. Every unit is valid from 2025-07-01: its code was the code of one of the communes merged into it, which an older registry (yen-bai-2022) may hold with other dates. Villages (thôn, bản, tổ dân phố) are not listed: a commune report lists them as rows, read by its arithmetic. E-mail addresses are EXAMPLES (example.vn).',
  sources: [
    {
      id: 'nq1673',
      what: 'NQ 1673/NQ-UBTVQH15 (16/06/2025) on the arrangement of the commune-level units of tỉnh Lào Cai, effective with the new commune governments on 01/07/2025.',
      where: 'github.com/dvhcvn/20250701 input/docs/1673_NQ-UBTVQH15.md (official copy)',
    },
    {
      id: 'gso1027',
      what: 'GSO Công văn 1027/CTK-CSCL (25/06/2025): the commune codes.',
      where:
        'scripts/data/sources/lao-cai-2025-communes.csv (project table, after thanglequoc/vietnamese-provinces-database)',
    },
  ],
  id: 'lao-cai-2025',
  version: 1,
  validFrom: '2025-07-01',
  plan: 'lao-cai-2026',
  province: { code: '15', name: 'Tỉnh Lào Cai', place: 'Lào Cai' },
  issuer: {
    $comment:
      'Poverty reduction moved to the Sở Nông nghiệp và Môi trường in 2025 as in the national model (domain-2026.md §3.1; for Lào Cai UNVERIFIED). The symbol BC-SNNMT is the usual form for a Sở NN&MT but each agency chooses its own abbreviation: UNVERIFIED for Lào Cai (domain-2026.md §4.1); check a report the department has issued. The deputy director signing for the director (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC) and the recipients are the usual ones for a report to the ministry, not read in a Lào Cai document.',
    authority: 'UBND TỈNH LÀO CAI',
    department: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
    departmentName: 'Sở Nông nghiệp và Môi trường tỉnh Lào Cai',
    email: 'giamngheo.snnmt@example.vn',
    documentNumber: {
      $comment: 'UNVERIFIED (domain-2026.md §4.1).',
      symbol: 'BC-SNNMT',
    },
    signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC' },
    recipients: [
      'Bộ Nông nghiệp và Môi trường (Văn phòng Quốc gia về giảm nghèo)',
      'UBND tỉnh',
      'Lưu: VT',
    ],
  },
  unitLevel: { vi: 'xã, phường', en: 'commune' },
  subunitLevel: { vi: 'thôn, bản, tổ dân phố', en: 'village' },
  units,
};
const out = path.join(root, 'templates/registries/lao-cai-2025.json');
writeFileSync(out, `${JSON.stringify(registry, null, 2)}\n`);
console.log(`${out}: ${units.length} units`);
