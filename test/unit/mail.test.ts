/**
 * Addresses from the registry must be exactly one plain address; texts from data never add a
 * header to a letter.
 */
import { describe, expect, it } from 'vitest';
import { checkAddress, toEml } from '../../src/io/mail.js';

describe('checkAddress', () => {
  it.each([
    'ldtbxh.tramtau@example.vn',
    ' giamngheo.so-ldtbxh@yenbai.gov.vn ',
    "o'neil+tag@x.example",
  ])('accepts %j', (raw) => {
    expect(checkAddress(raw)).toEqual({ ok: true, address: raw.trim() });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a@x.vn\r\nBcc: evil@attacker.example', 'control'],
    ['a@x.vn\nevil@attacker.example', 'control'],
    ['a@x.vn\u202E', 'control'],
    ['a@x.vn\u0000', 'control'],
    ['a@x.vn, evil@attacker.example', 'several'],
    ['a@x.vn;evil@attacker.example', 'several'],
    ['nhom: a@x.vn, b@y.vn;', 'several'],
    ['"a@x.vn" <evil@attacker.example>', 'display-name'],
    ['Phòng LĐTBXH <a@x.vn>', 'display-name'],
    ['<a@x.vn>', 'display-name'],
    ['a@x.vn (b@y.vn)', 'display-name'],
    ['không có', 'display-name'],
    ['a@@x.vn', 'syntax'],
    ['a@x', 'syntax'],
    ['"a b"@x.vn', 'syntax'],
    ['a..b@x.vn', 'syntax'],
    ['a@-x.vn', 'syntax'],
    [`${'a'.repeat(250)}@x.vn`, 'syntax'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(checkAddress(raw)).toEqual({ ok: false, problem });
  });
});

describe('toEml', () => {
  it('a line break in a subject from data adds no header', async () => {
    const raw = (
      await toEml({
        from: 'a@x.vn',
        to: 'b@y.vn',
        subject: 'Nhắc hạn năm 2022\r\nBcc: evil@attacker.example',
        text: 'x',
        date: new Date('2022-06-08T01:00:00Z'),
      })
    ).toString('latin1');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^Bcc:/im);
    expect(head.match(/^[A-Za-z-]+:/gm)?.sort()).toEqual(
      [
        'From:',
        'To:',
        'Subject:',
        'Message-ID:',
        'Content-Transfer-Encoding:',
        'Date:',
        'MIME-Version:',
        'Content-Type:',
      ].sort(),
    );
  });
});
