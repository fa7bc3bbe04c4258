/** Options of a `remind` call in the tests, with its output captured. */
import type { RemindCommandOptions } from '../../src/commands/remind.js';

/** Remind options with what it printed as `text()`. */
export type CapturedRemind = RemindCommandOptions & { text: () => string };

/**
 * A maker of remind options: the file's own defaults (read when called, after its `beforeAll`),
 * then the test's; every call captures its own output.
 */
export function remindOptionsWith(
  defaults: () => Partial<RemindCommandOptions> & Pick<RemindCommandOptions, 'paths' | 'now'>,
): (o?: Partial<RemindCommandOptions>) => CapturedRemind {
  return (o = {}) => {
    const out: string[] = [];
    return {
      daysBefore: [7],
      overdueEvery: 1,
      format: 'text',
      lang: 'vi',
      ...defaults(),
      write: (s) => out.push(s),
      text: () => out.join(''),
      ...o,
    };
  };
}
