/**
 * A SYNTHETIC household list of Xã Túc Đán (Trạm Tấu) consistent with the shipped 2022 fixture
 * (fixtures/2022/Tram Tau - Bao cao nam 2022.xlsx, Biểu 01, 04, 05): its poor and near-poor
 * households, ethnic-minority ones and deprivation counts are the fixture's, the head's name and
 * birth year made up (they must appear in no output).
 */
import type { ListHousehold } from './write-list.js';

/** The made-up head's name and birth year on every row. */
export const NAME = 'Thào Thị Giả Danh';
export const YEAR = 1929;

/** Xã Túc Đán in the fixture (Biểu 01, 04, 05): counts per indicator in the standard's order. */
export const TUC_DAN = {
  poor: 250,
  poorMinority: 249,
  poorLacks: [53, 75, 58, 18, 145, 43, 121, 120, 96, 169, 55, 137],
  nearPoor: 51,
  nearPoorMinority: 49,
  nearPoorLacks: [6, 11, 5, 2, 8, 3, 7, 4, 6, 11, 3, 6],
};

/**
 * `n` households whose flags give exactly `lacks` per indicator: the flags dealt round, so that
 * no household gets an indicator twice.
 */
function dealt(n: number, lacks: number[], minority: number, poor: boolean): ListHousehold[] {
  const flags: boolean[][] = Array.from({ length: n }, () => Array<boolean>(12).fill(false));
  let k = 0;
  lacks.forEach((count, i) => {
    for (let j = 0; j < count; j++, k++) {
      const row = flags[k % n];
      if (row) row[i] = true;
    }
  });
  return flags.map((f, i) => {
    const set = f.filter(Boolean).length;
    return {
      code: `${poor ? 'N' : 'C'}${String(i + 1).padStart(4, '0')}`,
      name: NAME,
      birthYear: YEAR,
      ethnicity: i < minority ? 'Mông' : 'Kinh',
      members: 4,
      scoreA: 120,
      scoreB: 10 * set,
      flags: 0,
      flagCells: f.map((x) => (x ? 'x' : null)),
      classification: poor ? 'Hộ nghèo' : 'Hộ cận nghèo',
    };
  });
}

export function tucDan(): ListHousehold[] {
  return [
    ...dealt(TUC_DAN.poor, TUC_DAN.poorLacks, TUC_DAN.poorMinority, true),
    ...dealt(TUC_DAN.nearPoor, TUC_DAN.nearPoorLacks, TUC_DAN.nearPoorMinority, false),
  ];
}
