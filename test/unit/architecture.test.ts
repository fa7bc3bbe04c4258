/**
 * The layers of src/ (docs/CONTRIBUTING.md, "How the parts fit"), checked on the import statements
 * of every source file, parsed with the TypeScript compiler: `core` imports nothing of `io`,
 * `commands` or `render` and no file-system or process module; `io` imports no value of
 * `commands` or `render`, and of `core` only types and the few values listed below (each a format
 * or the shared error classes, with the reason). A new import that breaks a layer fails here, with
 * the file and the line. And what a run loads before it starts: validate and consolidate no zod
 * (data files checked before are cached), validate no workbook writer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** One import of a module: where, from what, and whether it brings values or only types. */
interface Import {
  line: number;
  from: string;
  /** The names imported (`*` for a namespace, `default`, `(side effect)`, `(dynamic)`). */
  names: string[];
  /** The names imported as values (not marked `type`). */
  values: string[];
  typeOnly: boolean;
}

/** Every import, re-export and dynamic import of a source text. */
function importsOf(text: string, fileName = 'file.ts'): Import[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const line = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const names: string[] = [];
      const values: string[] = [];
      const add = (name: string, isType: boolean): void => {
        names.push(name);
        if (!isType) values.push(name);
      };
      const clauseType = c?.phaseModifier === ts.SyntaxKind.TypeKeyword;
      if (!c) add('(side effect)', false);
      else {
        if (c.name) add('default', clauseType);
        const b = c.namedBindings;
        if (b && ts.isNamespaceImport(b)) add('*', clauseType);
        else if (b)
          for (const e of b.elements)
            add(e.propertyName?.text ?? e.name.text, clauseType || e.isTypeOnly);
      }
      const from = n.moduleSpecifier.text;
      out.push({ line: line(n), from, names, values, typeOnly: values.length === 0 });
    } else if (
      ts.isExportDeclaration(n) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      const c = n.exportClause;
      const elements = c && ts.isNamedExports(c) ? [...c.elements] : null;
      const names = elements ? elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
      const values = n.isTypeOnly
        ? []
        : elements
          ? elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text)
          : ['*'];
      const from = n.moduleSpecifier.text;
      out.push({ line: line(n), from, names, values, typeOnly: values.length === 0 });
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      const names = ['(dynamic)'];
      out.push({ line: line(n), from: n.arguments[0].text, names, values: names, typeOnly: false });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * Values `io` may import from `core`, by module, with why: formats a reader needs, the shared
 * error classes, and the constructor of the findings a reader reports. Anything else `io` needs
 * of `core` is logic, and belongs to a command.
 */
const IO_MAY_USE_FROM_CORE: Record<string, { names: string[]; why: string }> = {
  'errors.ts': {
    names: ['ConfigError', 'DataFileError', 'ReadError', 'GridLimitError', 'errnoCode'],
    why: 'the one errors module: io throws these, cli.ts maps them to exit codes; errnoCode reads a system error',
  },
  'json-text.ts': {
    names: ['parseJsonText'],
    why: 'the JSON format every file the tool reads is parsed with (prototype keys dropped)',
  },
  'data-issues.ts': {
    names: ['DATA_FOLDERS'],
    why: 'the layout of a data folder (registries/, forms/…): where the reader finds each file',
  },
  'schemas.ts': {
    names: ['(dynamic)'],
    why: 'the data files’ format: the zod schemas are the types the reader checks a file against',
  },
  'grid.ts': {
    names: ['gridWidth', 'cellAddress', 'UNREAD_CELL', 'isFilledCell'],
    why: 'the width of a SheetGrid, the type every reader produces, the A1 address of its cells, the mark a streaming reader gives a filled cell its consumer does not read, and what a filled cell is (the list reader and the streaming readers must agree)',
  },
  'household.ts': {
    names: ['isCodeOnly', 'plainCodeBytes'],
    why: 'whether a code cell holds a household code and nothing more (from its text, or from its bytes in the CSV splitting thread): a row whose code cell holds more is read whole (a commune’s label with its count where the codes go), and the list reader and the streaming readers must agree on which rows',
  },
  'text.ts': {
    names: ['memoText'],
    why: 'the one bounded memo of a text’s answer (a number format’s date-ness is asked of every cell), no logic of core',
  },
  'finding.ts': {
    names: ['makeFinding', 'saidParams'],
    why: 'read-file.ts reports an unreadable file as a finding, made from the one catalogue, its reason in both languages',
  },
};

/** Modules core must not import: the file system, processes, the network. */
const IMPURE = /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|worker_threads)$/;

/** The layer (`core`, `io`, `commands`, `render`, or `.` for cli.ts) of a path under src/. */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? (rel[0] ?? '.') : '.';
}

/** What is wrong with the imports of one source file, one line each. */
function layerProblems(file: string, text: string): string[] {
  const layer = layerOf(file);
  const problems: string[] = [];
  const where = (i: Import): string =>
    `${path.relative(SRC, file).split(path.sep).join('/')}:${i.line} imports ${i.names.join(', ')} from '${i.from}'`;
  for (const i of importsOf(text, file)) {
    const target = i.from.startsWith('.') ? path.resolve(path.dirname(file), i.from) : null;
    const to = target ? layerOf(target) : null;
    if (layer === 'core') {
      if (to !== null && to !== 'core') problems.push(`${where(i)}: core imports only core`);
      if (IMPURE.test(i.from))
        problems.push(`${where(i)}: core touches no file, process or network`);
    }
    if (layer === 'io' && !i.typeOnly) {
      if (to === 'commands' || to === 'render')
        problems.push(`${where(i)}: io imports only types of ${to}`);
      if (to === 'core' && target) {
        const allowed = IO_MAY_USE_FROM_CORE[path.basename(target).replace(/\.js$/, '.ts')];
        const values = i.values.filter((n) => !allowed?.names.includes(n));
        // A type imported without the `type` mark is still a type.
        const text = readFileSync(
          path.resolve(path.dirname(file), i.from).replace(/\.js$/, '.ts'),
          'utf8',
        );
        const valueNames = values.filter(
          (n) => n === '(dynamic)' || n === '*' || n === 'default' || exportsValue(text, n),
        );
        if (valueNames.length > 0)
          problems.push(
            `${where(i)}: io imports only types of core, and the values listed in this test`,
          );
      }
    }
  }
  return problems;
}

/** Whether a module's text exports `name` as a value (not only as a type or interface). */
function exportsValue(text: string, name: string): boolean {
  return new RegExp(
    `export\\s+(?:declare\\s+)?(?:const|let|var|function\\*?|async\\s+function|class|enum|abstract\\s+class)\\s+${name}\\b`,
  ).test(text);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe('the layers of src/', () => {
  it('core imports only core; io imports types of core and no value of commands or render', () => {
    const problems = sourceFiles(SRC).flatMap((f) => layerProblems(f, readFileSync(f, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('the check sees a bad import, and lets a type-only one through', () => {
    const io = path.join(SRC, 'io', 'example.ts');
    const core = path.join(SRC, 'core', 'example.ts');
    expect(
      layerProblems(io, "import { checkFiles } from '../commands/check-files.js';\n"),
    ).toHaveLength(1);
    expect(
      layerProblems(io, "import {\n  escapeTerminal,\n} from '../render/escape-terminal.js';\n"),
    ).toHaveLength(1);
    expect(layerProblems(io, "const m = await import('../render/findings.js');\n")).toHaveLength(1);
    expect(layerProblems(io, "import { validateBook } from '../core/validate-book.js';\n")).toEqual(
      [
        expect.stringContaining(
          "io/example.ts:1 imports validateBook from '../core/validate-book.js'",
        ),
      ],
    );
    expect(
      layerProblems(
        io,
        "import type { CheckedFile } from '../commands/check-files.js';\nimport { type FileReport } from '../core/validate-book.js';\nimport { ReadError } from '../core/errors.js';\n",
      ),
    ).toEqual([]);
    expect(
      layerProblems(core, "import type { ReadOutcome } from '../io/read-file.js';\n"),
    ).toHaveLength(1);
    expect(layerProblems(core, "import { readFile } from 'node:fs/promises';\n")).toHaveLength(1);
    // A comment or a string that looks like an import is not one.
    expect(
      layerProblems(
        core,
        "// import { x } from '../io/walk.js';\nconst s = \"from '../io/walk.js'\";\n",
      ),
    ).toEqual([]);
  });
});

/**
 * The packages a module loads before it runs: its value imports (not types, not dynamic imports,
 * which load when called), followed through src/.
 */
function packagesLoaded(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of importsOf(readFileSync(file, 'utf8'), file)) {
      if (i.typeOnly || i.names.includes('(dynamic)')) continue;
      if (i.from.startsWith('.'))
        walk(path.resolve(path.dirname(file), i.from).replace(/\.js$/, '.ts'));
      else if (!i.from.startsWith('node:')) packages.add(i.from);
    }
  };
  walk(path.join(SRC, entry));
  return packages;
}

describe('what a run loads', () => {
  // zod checks the data files, whose checked content is cached between runs (io/data-cache.ts):
  // loaded on every run it costs about a tenth of a second, for files that change once a year.
  it('validate and consolidate load zod only to check data files not checked before', () => {
    for (const entry of ['commands/validate.ts', 'commands/consolidate.ts'])
      expect([...packagesLoaded(entry)], entry).not.toContain('zod');
    expect([...packagesLoaded('core/schemas.ts')]).toContain('zod');
  });

  // A run whose files are xlsx or UTF-8 never decodes another encoding (io/iconv.ts).
  it('validate, consolidate and the CLI load iconv-lite only when a text needs it', () => {
    for (const entry of ['cli.ts', 'commands/validate.ts', 'commands/consolidate.ts'])
      expect([...packagesLoaded(entry)], entry).not.toContain('iconv-lite');
  });

  // Output without colours (files, pipes, cron, --json) needs no chalk (render/plain-chalk.ts).
  it('the CLI loads chalk only for a colour terminal', () => {
    expect([...packagesLoaded('cli.ts')]).not.toContain('chalk');
  });

  it('validate loads no writer of workbooks', () => {
    const loaded = [...packagesLoaded('commands/validate.ts')];
    expect(loaded).not.toContain('exceljs');
    expect(loaded).not.toContain('jszip');
  });

  it('consolidate writes its workbook without exceljs, and its charts without d3', () => {
    const loaded = [...packagesLoaded('commands/consolidate.ts')];
    for (const dynamic of ['render/report-xlsx.ts', 'render/report-html.ts'])
      loaded.push(...packagesLoaded(dynamic));
    expect(loaded).not.toContain('exceljs');
    expect(loaded).not.toContain('d3-scale');
  });
});
