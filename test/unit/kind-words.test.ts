/**
 * The kind words are data (`kindWords` in templates/vocabulary/vi.json): the registry's short
 * names, the units named in a title block and the sub-unit names of a form all read them, so a
 * word added to the vocabulary is known everywhere at once. Synthetic registry.
 */
import { describe, expect, it } from 'vitest';
import { unitsInTitle } from '../../src/core/identify.js';
import { completeRegistry } from '../../src/core/kind-words.js';
import type { RegistryFile, Vocabulary } from '../../src/core/schemas.js';
import { matchSubunit } from '../../src/core/subunits.js';
import { loadCatalogue } from '../../src/commands/load-data.js';

/** A registry file with one unit of a kind the shipped vocabulary does not know ("Khóm"). */
const file = {
  id: 'test',
  standard: 'vn-2022-2025',
  province: { code: '15', name: 'Tỉnh Yên Bái' },
  issuer: { department: 'Sở' },
  unitLevel: { vi: 'đơn vị', en: 'unit' },
  subunitLevel: { vi: 'đơn vị cấp dưới', en: 'sub-unit' },
  units: [
    {
      code: '901',
      name: 'Huyện Đảo Mới',
      variants: [],
      subunits: [{ name: 'Phum Hai Mươi' }, { name: 'Xã Tân Lập' }],
    },
  ],
} as unknown as RegistryFile;

describe('the kind words of the vocabulary', () => {
  it('give the short names and the place name of the shipped registry', async () => {
    const { registry } = await loadCatalogue();
    expect(registry.units.find((u) => u.code === '139')?.short).toBe('Trạm Tấu');
    expect(registry.units.find((u) => u.code === '133')?.short).toBe('Nghĩa Lộ');
    expect(registry.province.place).toBe('Yên Bái');
  });

  it('a word added to the data is read in the registry, the title block and the forms', async () => {
    const { vocabulary } = await loadCatalogue();
    const known = completeRegistry(file, vocabulary);
    const unit = known.units[0];
    if (!unit) throw new Error('no unit');
    expect(matchSubunit('Hai Mươi', unit).status).toBe('unknown');
    expect(matchSubunit('Tân Lập', unit).status).toBe('match');

    const more: Vocabulary = {
      ...vocabulary,
      kindWords: [
        ...vocabulary.kindWords,
        { word: 'phum', levels: ['village'] },
        { word: 'đảo', abbreviations: ['Đ'], levels: ['unit'] },
      ],
    };
    const taught = completeRegistry(
      { ...file, units: file.units.map((u) => ({ ...u, name: 'Đảo Tây Sơn' })) },
      more,
    );
    const isle = taught.units[0];
    if (!isle) throw new Error('no unit');
    expect(isle.short).toBe('Tây Sơn');
    expect(unitsInTitle(['UBND Đ. TÂY SƠN'], taught).map((u) => u.code)).toEqual(['901']);
    expect(matchSubunit('Hai Mươi', isle)).toMatchObject({ status: 'match', how: 'exact' });
  });
});
