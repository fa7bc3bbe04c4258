// The flags of the report scripts (fuzz.mjs, property.mjs): `--name VALUE` or `--name=VALUE`.
// Numeric flags are passed to the test they run as environment variables; the others (a folder,
// a file) are the script's own. A wrong flag prints the usage and exits 2.

/**
 * Reads `argv` (without node and the script).
 * @param {string[]} argv
 * @param {{ script: string, usage: string, numeric: Record<string, string>, other: string[] }} spec
 *   `numeric`: flag name -> environment variable; `other`: flags taking any text.
 * @returns {{ opts: Record<string, string>, env: Record<string, string> }} the values by flag,
 *   and the environment variables of the numeric flags given.
 */
export function readFlags(argv, { script, usage, numeric, other }) {
  const fail = (why) => {
    console.error(`${script}: ${why}\n${script}: usage: ${usage}`);
    process.exit(2);
  };
  /** @type {Record<string, string>} */
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) fail(`unknown argument ${argv[i]}`);
    const name = m[1];
    if (!(name in numeric) && !other.includes(name)) fail(`unknown flag --${name}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    if (name in numeric && !/^\d+$/.test(value)) fail(`--${name} must be a whole number`);
    opts[name] = value;
  }
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, variable] of Object.entries(numeric))
    if (opts[name] !== undefined) env[variable] = opts[name];
  return { opts, env };
}
