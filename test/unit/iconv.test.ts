import iconvLite from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodeWindows1258 } from '../../src/io/iconv.js';

describe('decodeWindows1258', () => {
  it('decodes every byte as iconv-lite does, the undefined ones as U+FFFD', () => {
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decodeWindows1258(every)).toBe(iconvLite.decode(every, 'windows1258'));
    for (let b = 0; b < 256; b++) {
      const one = Buffer.from([b]);
      expect(decodeWindows1258(one), `byte ${b}`).toBe(iconvLite.decode(one, 'windows1258'));
    }
  });

  it('decodes a Vietnamese text written by Windows as iconv-lite does', () => {
    const text = 'Đơn vị;Số hộ nghèo\r\nXã Pá Hu;12\r\nTổng cộng;12\r\n';
    const bytes = iconvLite.encode(text, 'windows1258');
    expect(decodeWindows1258(bytes)).toBe(iconvLite.decode(bytes, 'windows1258'));
  });
});
