// Windows-1258, the "ANSI" code page of a Vietnamese Windows, as the fixture scripts and tests
// write it: â ê ô ă ơ ư and a few toned letters precomposed, the other tones as combining marks.
import iconv from 'iconv-lite';

const encodable = new Map();

/** Whether the code page holds `ch` as one character. */
function cp1258Encodable(ch) {
  if (!encodable.has(ch))
    encodable.set(ch, iconv.decode(iconv.encode(ch, 'windows1258'), 'windows1258') === ch);
  return encodable.get(ch);
}

/**
 * The text in the code page's own mixed form (what Vietnamese Windows software writes): iconv-lite
 * maps precomposed letters it cannot encode to "?", so they are first split into a letter the
 * code page has and combining tone marks.
 */
export function toCp1258Form(text) {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (cp1258Encodable(ch)) {
      out += ch;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    let base = parts.shift();
    const rest = [];
    for (const mark of parts) {
      const composed = (base + mark).normalize('NFC');
      if (
        composed.length === 1 &&
        cp1258Encodable(composed) &&
        ['\u0302', '\u0306', '\u031b'].includes(mark)
      )
        base = composed;
      else rest.push(mark);
    }
    const piece = base + rest.join('');
    if (![...piece].every(cp1258Encodable)) throw new Error(`cannot encode ${ch} in Windows-1258`);
    out += piece;
  }
  return out;
}

/** The text's bytes in Windows-1258. */
export function encodeCp1258(text) {
  return iconv.encode(toCp1258Form(text), 'windows1258');
}
