/** The text in Windows-1258's own mixed form (precomposed where the code page has the letter). */
export function toCp1258Form(text: string): string;
/** The text's bytes in Windows-1258. */
export function encodeCp1258(text: string): Buffer;
