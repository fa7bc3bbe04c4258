/**
 * Terminal text without colours, in chalk's shape: what chalk at level 0 gives, without loading
 * chalk. Output to a file, a pipe, cron or `--json` (most runs) has no colours, and loading chalk
 * costs more than all the terminal text it would write (about 20 ms of a 0.6 s run, issue 11).
 * Every style (`c.bold`, `c.red.bold`, `c.bgYellow.black`…) is the identity on its text; several
 * arguments are joined by spaces, as chalk joins them. test/unit/plain-chalk.test.ts holds it to
 * chalk's level 0.
 */
import type { ChalkInstance } from 'chalk';

/** chalk's own text for its arguments: each one as a string, joined by spaces. */
function plainText(...args: unknown[]): string {
  return args.map((a) => String(a)).join(' ');
}

const handler: ProxyHandler<typeof plainText> = {
  get(target, key): unknown {
    if (key === 'level') return 0;
    // Not a promise: `await` and a promise's resolution look for `then` (chalk has none).
    if (key === 'then') return undefined;
    if (typeof key === 'symbol') return Reflect.get(target, key);
    // Any style, chained as deep as asked: the same identity.
    return plain;
  },
  set(): boolean {
    // Colours cannot be turned on here: a caller wanting them loads chalk.
    return false;
  },
};

const plain = new Proxy(plainText, handler) as unknown as ChalkInstance;

/** The no-colour stand-in for chalk. */
export const PLAIN_CHALK: ChalkInstance = plain;
