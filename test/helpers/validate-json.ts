/** `povreport validate --json` run in-process on some files: the document it writes. */
import { Chalk } from 'chalk';
import { validate, type ValidateJson } from '../../src/commands/validate.js';

export async function validateJson(
  paths: string[],
  lang: 'vi' | 'en' = 'vi',
): Promise<ValidateJson> {
  let out = '';
  await validate({
    paths,
    json: true,
    lang,
    verbose: false,
    chalk: new Chalk({ level: 0 }),
    write: (s) => (out += s),
  });
  return JSON.parse(out) as ValidateJson;
}
