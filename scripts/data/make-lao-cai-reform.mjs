// Writes templates/reforms/lao-cai-2025.json from scripts/data/sources/lao-cai-2025-old-to-new.csv
// (the 319 communes of Yên Bái and the old Lào Cai just before 1 July 2025, each with the new unit
// it went into whole) and the few earlier mergers a 2022 report's communes went through (read from
// the notes of templates/registries/yen-bai-2022.json).
// Run: node scripts/data/make-lao-cai-reform.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPlainCsv } from '../lib/plain-csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const table = readPlainCsv(path.join(root, 'scripts/data/sources/lao-cai-2025-old-to-new.csv'));

/** The old provinces, by the name the table gives them. */
const PROVINCES = {
  'Yên Bái': 'yen-bai',
  'Lào Cai': 'lao-cai',
};

const communes = table.map((r) => {
  const province = PROVINCES[r.old_province];
  if (!province) throw new Error(`unknown province: ${r.old_province}`);
  return {
    code: r.old_code,
    name: r.old_name,
    province,
    district: r.old_district_code,
    districtName: r.old_district,
    into: r.new_code,
  };
});

// Communes of a 2022 report merged before the reform (2024), so missing from the table above: the
// commune they went into, as templates/registries/yen-bai-2022.json records it (null: not known).
const earlier = [
  {
    code: '04507',
    name: 'Xã Đào Thịnh',
    province: 'yen-bai',
    district: '138',
    until: '2024-12-01',
    into: '04510',
    note: 'Into Xã Thành Thịnh (code 04510) by NQ 1246/NQ-UBTVQH15 (2024): inferred from the names and codes, UNVERIFIED (registry yen-bai-2022).',
  },
  {
    code: '04774',
    name: 'Xã Yên Bình',
    province: 'yen-bai',
    district: '141',
    until: '2024-12-01',
    into: '04762',
    note: 'Into Xã Bạch Hà by NQ 1246/NQ-UBTVQH15 (2024) (registry yen-bai-2022).',
  },
  {
    code: '04528',
    name: 'Xã Nga Quán',
    province: 'yen-bai',
    district: '138',
    until: '2024-12-01',
    into: null,
    note: 'Merged by NQ 1246/NQ-UBTVQH15 (2024); which commune took it in is NOT KNOWN (registry yen-bai-2022): its figures cannot be placed in a new unit.',
  },
  {
    code: '04561',
    name: 'Xã Bảo Hưng',
    province: 'yen-bai',
    district: '138',
    until: '2024-12-01',
    into: null,
    note: 'Merged by NQ 1246/NQ-UBTVQH15 (2024); which commune took it in is NOT KNOWN (registry yen-bai-2022): its figures cannot be placed in a new unit.',
  },
  {
    code: '04267',
    name: 'Phường Hồng Hà',
    province: 'yen-bai',
    district: '132',
    until: '2024-12-01',
    into: '04264',
    note: 'Its own code before it took in Phường Nguyễn Phúc and with it code 04264 (NQ 1246/NQ-UBTVQH15, 2024; registry yen-bai-2022): a 2022 report gives Hồng Hà 04267, Nguyễn Phúc 04264.',
  },
];

const reform = {
  $schema: '../schema/reform.schema.json',
  $comment:
    'The reform of 1 July 2025 in tỉnh Lào Cai: Yên Bái (code 15) and the old Lào Cai (code 10) merged into tỉnh Lào Cai (code 15, NQ 202/2025/QH15); districts abolished; every commune of the two provinces went WHOLE into exactly one of the 99 new communes and wards (NQ 1673/NQ-UBTVQH15, 16/06/2025). The old-to-new table is scripts/data/sources/lao-cai-2025-old-to-new.csv (after dvhcvn/20250701 mapping/merges.json, checked against NQ 1673; domain-2026.md §2.2); `earlier` lists the 2024 mergers a 2022 report’s communes went through. Written by scripts/data/make-lao-cai-reform.mjs, do not edit by hand.',
  id: 'lao-cai-2025',
  effective: '2025-07-01',
  source: 'Nghị quyết 1673/NQ-UBTVQH15 ngày 16/06/2025; Nghị quyết 202/2025/QH15 ngày 12/06/2025',
  before: [
    {
      key: 'yen-bai',
      province: { code: '15', name: 'Tỉnh Yên Bái' },
      registry: 'yen-bai-2022',
    },
    {
      key: 'lao-cai',
      province: { code: '10', name: 'Tỉnh Lào Cai' },
      note: 'The old Lào Cai province: no registry of it in templates/, so no report of it can be read.',
    },
  ],
  after: 'lao-cai-2025',
  communes,
  earlier,
};
const out = path.join(root, 'templates/reforms/lao-cai-2025.json');
writeFileSync(out, `${JSON.stringify(reform, null, 2)}\n`);
console.log(`${out}: ${communes.length} communes, ${earlier.length} earlier mergers`);
