/**
 * The command-line program: the only place that knows argv and the only place that decides the
 * process's exit code. Commands are typed functions in src/commands.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LANGS, type Lang } from './core/finding.js';
import { isPeriod } from './core/identify.js';
import { EXIT, validate } from './commands/validate.js';
import { consolidate, REPORT_FORMATS, type ReportFormat } from './commands/consolidate.js';
import { ConfigError } from './io/templates.js';

const VERSION = '0.1.0';

function parsePeriod(v: string): string {
  const p = v.trim().toUpperCase();
  if (!isPeriod(p))
    throw new InvalidArgumentError(
      'kỳ báo cáo dạng 2022-H1 (6 tháng) hoặc 2022 (cả năm) / a period like 2022-H1 or 2022',
    );
  return p;
}

function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('một số nguyên dương / a positive whole number');
  return n;
}

function parseFormats(v: string): ReportFormat[] {
  const list = v
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.filter((x) => !(REPORT_FORMATS as readonly string[]).includes(x));
  if (list.length === 0 || bad.length > 0)
    throw new InvalidArgumentError(`chọn trong / choose from: ${REPORT_FORMATS.join(', ')}`);
  return [...new Set(list)] as ReportFormat[];
}

function makeChalk(json: boolean, noColor: boolean): ChalkInstance {
  const tty = process.stdout.isTTY && !json && !noColor && !process.env.NO_COLOR;
  return new Chalk({ level: tty ? 1 : 0 });
}

interface CommonFlags {
  lang: Lang;
  json?: boolean;
  color?: boolean;
  registry?: string;
}

/** Builds the program; `io` lets tests capture output. */
export function buildProgram(
  io: { out: (s: string) => void; err: (s: string) => void },
  setExit: (code: number) => void,
): Command {
  const program = new Command();
  program
    .name('povreport')
    .description(
      'Kiểm tra và tổng hợp báo cáo giảm nghèo của các đơn vị (validate and consolidate poverty-reduction reports)',
    )
    .version(VERSION, '-V, --version')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();

  const lang = (): Option =>
    new Option('--lang <lang>', 'ngôn ngữ thông báo / output language')
      .choices(LANGS)
      .default('vi');

  program
    .command('validate')
    .description(
      'Kiểm tra các tệp báo cáo của đơn vị, chỉ ra lỗi từng ô (check submissions cell by cell)',
    )
    .argument('<paths...>', 'tệp hoặc thư mục (files or folders, walked recursively)')
    .option(
      '--period <period>',
      'kỳ báo cáo cần kiểm tra: 2022-H1 hoặc 2022 (the period being checked)',
      parsePeriod,
    )
    .option('--unit <code>', 'chỉ định đơn vị báo cáo, mã hoặc tên (force the reporting unit)')
    .option('--registry <file>', 'danh mục đơn vị khác (another unit registry, JSON)')
    .option('--json', 'in kết quả dạng JSON (machine-readable output)', false)
    .addOption(lang())
    .option(
      '--max-findings <n>',
      'tối đa số phát hiện mỗi tệp (cap findings per file)',
      parsePositiveInt,
    )
    .option(
      '--verbose',
      'cho biết cách đọc từng sheet: biểu, dòng tiêu đề, cột (how each sheet was read)',
      false,
    )
    .option('--no-color', 'không tô màu (no colours)')
    .action(
      async (
        paths: string[],
        o: CommonFlags & { period?: string; unit?: string; maxFindings?: number; verbose: boolean },
      ) => {
        const code = await validate({
          paths,
          json: o.json ?? false,
          lang: o.lang,
          verbose: o.verbose,
          chalk: makeChalk(o.json ?? false, o.color === false),
          write: io.out,
          ...(o.period ? { period: o.period } : {}),
          ...(o.unit ? { unit: o.unit } : {}),
          ...(o.registry ? { registry: o.registry } : {}),
          ...(o.maxFindings ? { maxFindings: o.maxFindings } : {}),
        });
        setExit(code);
      },
    );

  program
    .command('consolidate')
    .description(
      'Tổng hợp báo cáo toàn tỉnh từ các báo cáo đơn vị (consolidate the provincial report)',
    )
    .argument('<paths...>', 'tệp hoặc thư mục báo cáo của kỳ (files or folders of the period)')
    .requiredOption(
      '--period <period>',
      'kỳ tổng hợp: 2022-H1 hoặc 2022 (period to consolidate)',
      parsePeriod,
    )
    .option('--out <dir>', 'thư mục ghi báo cáo (output folder)', 'out')
    .option(
      '--format <list>',
      `định dạng, cách nhau bởi dấu phẩy (formats): ${REPORT_FORMATS.join(',')}`,
      parseFormats,
      [...REPORT_FORMATS],
    )
    .option('--plan <file>', 'kế hoạch: kỳ, hạn nộp, chỉ tiêu (plan file, JSON)')
    .option('--registry <file>', 'danh mục đơn vị khác (another unit registry, JSON)')
    .option(
      '--strict',
      'không ghi báo cáo nếu còn đơn vị bị loại hoặc chưa nộp (write nothing unless all units are accepted)',
      false,
    )
    .option('--json', 'in báo cáo tổng hợp dạng JSON ra màn hình (print the report JSON)', false)
    .addOption(lang())
    .option('--no-color', 'không tô màu (no colours)')
    .action(
      async (
        paths: string[],
        o: CommonFlags & {
          period: string;
          out: string;
          format: ReportFormat[];
          plan?: string;
          strict: boolean;
        },
      ) => {
        const code = await consolidate({
          paths,
          period: o.period,
          out: o.out,
          formats: o.format,
          strict: o.strict,
          json: o.json ?? false,
          lang: o.lang,
          chalk: makeChalk(o.json ?? false, o.color === false),
          write: io.out,
          now: new Date(),
          ...(o.plan ? { plan: o.plan } : {}),
          ...(o.registry ? { registry: o.registry } : {}),
        });
        setExit(code);
      },
    );

  return program;
}

/** Runs the program with the given argv; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const io = {
    out: (s: string) => process.stdout.write(s),
    err: (s: string) => process.stderr.write(s),
  };
  const program = buildProgram(io, (c) => (exit = c));
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof ConfigError) {
      io.err(`povreport: ${e.message}\n`);
      return EXIT.usage;
    }
    io.err(
      `povreport: lỗi nội bộ — xin báo lại cho người phát triển kèm câu lệnh đã chạy (internal error, please report it with the command you ran).\n${process.env.POVREPORT_DEBUG && e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 3;
  }
}
