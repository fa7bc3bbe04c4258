/** The languages of the tool's output. */
export const LANGS = ['vi', 'en'] as const;
/** A language of the tool's output. */
export type Lang = (typeof LANGS)[number];
