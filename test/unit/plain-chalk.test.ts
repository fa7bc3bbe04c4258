/**
 * The no-colour stand-in for chalk (src/render/plain-chalk.ts) writes what chalk itself writes at
 * level 0, for every chain of styles and every argument list (fast-check), so that output without
 * colours is the same whether chalk was loaded or not.
 */
import { Chalk, foregroundColorNames, modifierNames, backgroundColorNames } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_CHALK } from '../../src/render/plain-chalk.js';

type Styler = (...args: unknown[]) => string;

/** `c` styled by each name of `chain` in turn (`c.red.bold`). */
function styled(c: unknown, chain: readonly string[]): Styler {
  return chain.reduce((s, name) => (s as Record<string, unknown>)[name], c) as Styler;
}

const names = [...modifierNames, ...foregroundColorNames, ...backgroundColorNames];

describe('PLAIN_CHALK', () => {
  it('writes what chalk writes at level 0, for any chain of styles and arguments', () => {
    const chalk0 = new Chalk({ level: 0 });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant('Biểu 01!E12 ✖')), {
          maxLength: 3,
        }),
        (chain, args) => {
          expect(styled(PLAIN_CHALK, chain)(...args)).toBe(styled(chalk0, chain)(...args));
        },
      ),
    );
  });

  it('is no promise: an async function can return it and `await` it', async () => {
    const made = async (): Promise<unknown> => Promise.resolve(PLAIN_CHALK);
    expect(await made()).toBe(PLAIN_CHALK);
  });

  it('says it writes no colour', () => {
    expect(PLAIN_CHALK.level).toBe(0);
    expect(PLAIN_CHALK.bold.red('Lỗi')).toBe('Lỗi');
  });
});
