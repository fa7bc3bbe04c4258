/**
 * The command-line program: the only place that knows argv and the only place that decides the
 * process's exit code. Commands are typed functions in src/commands.
 */
import type { ChalkInstance } from 'chalk';
import { PLAIN_CHALK } from './render/plain-chalk.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LANGS, type Lang } from './core/lang.js';
import { isPeriod } from './core/identify.js';
import {
  DEFAULT_DAYS_BEFORE,
  DEFAULT_SMTP_TIMEOUT_SECONDS,
  REMIND_FORMATS,
  REPORT_FORMATS,
  type RemindFormat,
  type ReportFormat,
} from './commands/choices.js';
import { isIsoDate } from './core/dates-and-numbers.js';
import { EXIT, SIGNAL_EXITS, failureOf, type HandledSignal } from './core/errors.js';
import { runInterruptCleanups } from './io/interrupt.js';
import { escapeTerminal } from './render/escape-terminal.js';

const VERSION = '0.1.0';

/** What a flag's value must look like, said when it does not (commander adds the flag). */
type ArgTextKey = 'period' | 'positive' | 'seconds' | 'formats' | 'date' | 'days' | 'smtp' | 'hint';
const ARG_TEXT: Record<Lang, Record<ArgTextKey, string>> = {
  vi: {
    period: 'kỳ báo cáo dạng 2022-H1 (6 tháng) hoặc 2022 (cả năm)',
    positive: 'một số nguyên dương',
    seconds: 'số giây dương, ví dụ 10',
    formats: 'chọn trong',
    date: 'ngày dạng YYYY-MM-DD, ví dụ 2022-06-08',
    days: 'các số ngày, cách nhau bởi dấu phẩy, ví dụ 7,3,1',
    smtp: 'địa chỉ máy chủ thư dạng smtp://máy:cổng hoặc smtps://máy:cổng (cổng từ 1 đến 65535), ví dụ smtp://127.0.0.1:25',
    hint: '(thêm --help để xem cách dùng)',
  },
  en: {
    period: 'a period such as 2022-H1 (first half) or 2022 (the year)',
    positive: 'a positive whole number',
    seconds: 'a positive number of seconds such as 10',
    formats: 'choose from',
    date: 'a date such as 2022-06-08 (YYYY-MM-DD)',
    days: 'whole days separated by commas, such as 7,3,1',
    smtp: 'a mail server as smtp://host:port or smtps://host:port (port 1 to 65535), such as smtp://127.0.0.1:25',
    hint: '(add --help for usage)',
  },
};

/**
 * A usage error of commander's (in English) in Vietnamese, the English after it in brackets as
 * the help texts have it: "lỗi: không có tùy chọn '--bogus' (error: unknown option '--bogus')".
 * A message of another shape is left as it is.
 */
export function usageErrorVi(message: string): string {
  const en = message.trim();
  const rules: [RegExp, string][] = [
    [
      /^error: option '(.+?)' argument '(.*?)' is invalid\./,
      "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ.",
    ],
    [/ Allowed choices are (.+)\.$/, ' Chọn một trong: $1.'],
    [/^error: missing required argument '(.+?)'/, "lỗi: thiếu đối số bắt buộc '$1'"],
    [/^error: option '(.+?)' argument missing/, "lỗi: tùy chọn '$1' cần một giá trị"],
    [/^error: required option '(.+?)' not specified/, "lỗi: thiếu tùy chọn bắt buộc '$1'"],
    [/^error: unknown option '(.+?)'/, "lỗi: không có tùy chọn '$1'"],
    [/^error: unknown command '(.+?)'/, "lỗi: không có lệnh '$1'"],
    [
      /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
      'lỗi: thừa đối số: cần $2, có $3.',
    ],
    [/\(Did you mean (.+?)\?\)/, '(có phải là $1?)'],
  ];
  let vi = en;
  for (const [re, to] of rules) vi = vi.replace(re, to);
  return vi === en ? message : `${vi.replace(/ {2,}/g, ' ')} (${en})\n`;
}

/** The parsers of flag values, their messages in `lang`. */
function argParsers(lang: Lang) {
  const t = ARG_TEXT[lang];
  const fail = (key: ArgTextKey, more = ''): never => {
    throw new InvalidArgumentError(`${t[key]}${more}`);
  };
  return {
    period: (v: string): string => {
      const p = v.trim().toUpperCase();
      return isPeriod(p) ? p : fail('period');
    },
    positiveInt: (v: string): number => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 ? n : fail('positive');
    },
    positiveSeconds: (v: string): number => {
      const n = Number(v.trim().replace(',', '.'));
      return Number.isFinite(n) && n > 0 && n <= 3600 ? n : fail('seconds');
    },
    formats: (v: string): ReportFormat[] => {
      const list = v
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean);
      const bad = list.filter((x) => !(REPORT_FORMATS as readonly string[]).includes(x));
      if (list.length === 0 || bad.length > 0) fail('formats', `: ${REPORT_FORMATS.join(', ')}`);
      return [...new Set(list)] as ReportFormat[];
    },
    date: (v: string): string => {
      const d = v.trim();
      return isIsoDate(d) ? d : fail('date');
    },
    // A server nodemailer cannot parse would be an internal error at the first letter, and port
    // 0 would quietly be its default 587: both are a wrong option, said before anything is sent.
    smtpUrl: (v: string): string => {
      const text = v.trim();
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return fail('smtp');
      }
      const port = url.port === '' ? null : Number(url.port);
      const fits =
        (url.protocol === 'smtp:' || url.protocol === 'smtps:') &&
        url.hostname !== '' &&
        (port === null || (Number.isInteger(port) && port >= 1 && port <= 65535));
      return fits ? text : fail('smtp');
    },
    dayList: (v: string): number[] => {
      const list = v.split(',').map((x) => Number(x.trim()));
      if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 0)) fail('days');
      return [...new Set(list)];
    },
  };
}

/** Colours on a terminal only; chalk is loaded only then (render/plain-chalk.ts says why). */
async function makeChalk(json: boolean, noColor: boolean): Promise<ChalkInstance> {
  const tty = process.stdout.isTTY && !json && !noColor && !process.env.NO_COLOR;
  if (!tty) return PLAIN_CHALK;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

interface CommonFlags {
  lang: Lang;
  json?: boolean;
  color?: boolean;
  registry?: string;
  map?: string;
  data?: string;
}

/** Builds the program; `io` lets tests capture output. */
export function buildProgram(
  io: { out: (s: string) => void; err: (s: string) => void },
  setExit: (code: number) => void,
  outputLang: Lang = 'vi',
): Command {
  const parse = argParsers(outputLang);
  // Help texts: English alone with --lang en; in Vietnamese with the English after it, as before.
  const h = (vi: string, en: string): string => (outputLang === 'en' ? en : `${vi} (${en})`);
  const program = new Command();
  program
    .name('povreport')
    .description(
      h(
        'Kiểm tra và tổng hợp báo cáo giảm nghèo của các đơn vị',
        'validate and consolidate poverty-reduction reports',
      ),
    )
    .version(VERSION, '-V, --version', h('in số phiên bản', 'output the version number'))
    .helpOption('-h, --help', h('xem cách dùng', 'display help for command'))
    .helpCommand('help [command]', h('xem cách dùng của một lệnh', 'display help for command'))
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (message, write) => {
        write(outputLang === 'en' ? message : usageErrorVi(message));
      },
    })
    .exitOverride()
    .showHelpAfterError(ARG_TEXT[outputLang].hint);

  const lang = (): Option =>
    new Option('--lang <lang>', h('ngôn ngữ thông báo', 'output language'))
      .choices(LANGS)
      .default('vi');
  const dataOption = (): Option =>
    new Option(
      '--data <dir>',
      h(
        'thư mục dữ liệu thay cho templates/ của phần mềm: registries, standards, forms, rules, vocabulary, plans',
        'data folder instead of the shipped templates/: registries, standards, forms, rules, vocabulary, plans',
      ),
    ).env('POVREPORT_DATA');
  const mapOption = (): Option =>
    new Option(
      '--map <file>',
      h(
        'tệp dạy phần mềm đọc tệp của đơn vị',
        'teaching file; default: povreport-map.json in this folder',
      ),
    );

  program
    .command('validate')
    .description(
      h('Kiểm tra các tệp báo cáo của đơn vị, chỉ ra lỗi từng ô', 'check submissions cell by cell'),
    )
    .argument('<paths...>', h('tệp hoặc thư mục', 'files or folders, walked recursively'))
    .option(
      '--period <period>',
      h('kỳ báo cáo cần kiểm tra: 2022-H1 hoặc 2022', 'the period being checked'),
      parse.period,
    )
    .option('--unit <code>', h('chỉ định đơn vị báo cáo, mã hoặc tên', 'force the reporting unit'))
    .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
    .addOption(dataOption())
    .addOption(mapOption())
    .option('--json', h('in kết quả dạng JSON', 'machine-readable output'), false)
    .addOption(lang())
    .option(
      '--max-findings <n>',
      h(
        'tối đa số phát hiện mỗi tệp, lỗi trước; mặc định 1000',
        'cap findings per file, errors first',
      ),
      parse.positiveInt,
    )
    .option(
      '--verbose',
      h('cho biết cách đọc từng sheet: biểu, dòng tiêu đề, cột', 'how each sheet was read'),
      false,
    )
    .option('--no-color', h('không tô màu', 'no colours'))
    .action(
      async (
        paths: string[],
        o: CommonFlags & { period?: string; unit?: string; maxFindings?: number; verbose: boolean },
      ) => {
        const { validate } = await import('./commands/validate.js');
        const code = await validate({
          paths,
          json: o.json ?? false,
          lang: o.lang,
          verbose: o.verbose,
          chalk: await makeChalk(o.json ?? false, o.color === false),
          write: io.out,
          period: o.period,
          unit: o.unit,
          registry: o.registry,
          data: o.data,
          map: o.map,
          maxFindings: o.maxFindings,
        });
        setExit(code);
      },
    );

  program
    .command('consolidate')
    .description(
      h('Tổng hợp báo cáo toàn tỉnh từ các báo cáo đơn vị', 'consolidate the provincial report'),
    )
    .argument('<paths...>', h('tệp hoặc thư mục báo cáo của kỳ', 'files or folders of the period'))
    .requiredOption(
      '--period <period>',
      h('kỳ tổng hợp: 2022-H1 hoặc 2022', 'period to consolidate'),
      parse.period,
    )
    .option('--out <dir>', h('thư mục ghi báo cáo', 'output folder'), 'out')
    .option(
      '--format <list>',
      h(
        'định dạng, cách nhau bởi dấu phẩy',
        `formats, separated by commas: ${REPORT_FORMATS.join(',')}`,
      ),
      parse.formats,
      [...REPORT_FORMATS],
    )
    .option('--plan <file>', h('kế hoạch: kỳ, hạn nộp, chỉ tiêu', 'plan file, JSON'))
    .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
    .option(
      '--previous <file>',
      h(
        'báo cáo tổng hợp JSON kỳ trước: số đầu kỳ phải bằng số cuối kỳ của nó (mặc định tong-hop-<kỳ trước>.json trong --out nếu có)',
        'the previous period’s consolidated report JSON: opening figures must equal its closing figures (default tong-hop-<previous period>.json in --out when there)',
      ),
    )
    .option(
      '--receipts <file>',
      h(
        'sổ nhận báo cáo CSV (tệp,ngày nhận): ngày nhận ghi ở đây được dùng trước ngày gửi thư và dòng ngày dưới biểu',
        'the office’s receipt log, CSV (file,received): its dates come before an e-mail’s Date and the date line under a table',
      ),
    )
    .addOption(dataOption())
    .addOption(mapOption())
    .option(
      '--strict',
      h(
        'không ghi báo cáo nếu còn đơn vị bị loại hoặc chưa nộp',
        'write nothing unless all units are accepted',
      ),
      false,
    )
    .option(
      '--json',
      h('in báo cáo tổng hợp dạng JSON ra màn hình', 'print the report JSON'),
      false,
    )
    .addOption(lang())
    .option('--no-color', h('không tô màu', 'no colours'))
    .action(
      async (
        paths: string[],
        o: CommonFlags & {
          period: string;
          out: string;
          format: ReportFormat[];
          plan?: string;
          previous?: string;
          receipts?: string;
          strict: boolean;
        },
      ) => {
        const { consolidate } = await import('./commands/consolidate.js');
        const code = await consolidate({
          paths,
          period: o.period,
          out: o.out,
          formats: o.format,
          strict: o.strict,
          json: o.json ?? false,
          lang: o.lang,
          chalk: await makeChalk(o.json ?? false, o.color === false),
          write: io.out,
          now: new Date(),
          plan: o.plan,
          registry: o.registry,
          previous: o.previous,
          receipts: o.receipts,
          data: o.data,
          map: o.map,
        });
        setExit(code);
      },
    );

  program
    .command('template')
    .description(
      h('Tạo mẫu biểu Excel cho từng đơn vị, khó điền sai', 'make the forms each unit fills in'),
    )
    .requiredOption(
      '--period <period>',
      h('kỳ báo cáo: 2022-H1 hoặc 2022', 'report period'),
      parse.period,
    )
    .option('--unit <units...>', h('chỉ tạo cho các đơn vị này, mã hoặc tên', 'only these units'))
    .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
    .option('--plan <file>', h('kế hoạch: hạn nộp', 'plan file, for the deadline'))
    .addOption(dataOption())
    .option('--out <dir>', h('thư mục ghi mẫu biểu', 'output folder'), 'mau-bieu')
    .addOption(lang())
    .action(
      async (o: {
        period: string;
        unit?: string[];
        registry?: string;
        plan?: string;
        data?: string;
        out: string;
        lang: Lang;
      }) => {
        const { template } = await import('./commands/template.js');
        setExit(
          await template({
            period: o.period,
            out: o.out,
            lang: o.lang,
            write: io.out,
            now: new Date(),
            units: o.unit,
            registry: o.registry,
            plan: o.plan,
            data: o.data,
          }),
        );
      },
    );

  program
    .command('derive')
    .description(
      h(
        'Lập năm biểu tổng hợp từ danh sách hộ, cho đơn vị chỉ có danh sách',
        'compute the five forms from household lists',
      ),
    )
    .argument('<paths...>', h('tệp hoặc thư mục danh sách hộ', 'household list files or folders'))
    .requiredOption(
      '--period <period>',
      h('kỳ báo cáo: 2022-H1 hoặc 2022', 'report period'),
      parse.period,
    )
    .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
    .option('--plan <file>', h('kế hoạch: kỳ, hạn nộp', 'plan file'))
    .addOption(dataOption())
    .option('--out <dir>', h('thư mục ghi biểu', 'output folder'), 'tu-danh-sach')
    .addOption(lang())
    .action(
      async (
        paths: string[],
        o: {
          period: string;
          registry?: string;
          plan?: string;
          data?: string;
          out: string;
          lang: Lang;
        },
      ) => {
        const { derive } = await import('./commands/derive.js');
        setExit(
          await derive({
            paths,
            period: o.period,
            out: o.out,
            lang: o.lang,
            write: io.out,
            now: new Date(),
            registry: o.registry,
            plan: o.plan,
            data: o.data,
          }),
        );
      },
    );

  program
    .command('status')
    .description(
      h('Bảng tình hình nộp báo cáo của các đơn vị', 'who has reported, on time or late'),
    )
    .argument('<paths...>', h('tệp hoặc thư mục báo cáo đã nhận', 'files or folders received'))
    .requiredOption(
      '--period <period>',
      h('kỳ báo cáo: 2022-H1 hoặc 2022', 'report period'),
      parse.period,
    )
    .option('--plan <file>', h('kế hoạch: kỳ, hạn nộp', 'plan file'))
    .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
    .addOption(dataOption())
    .addOption(mapOption())
    .option(
      '--receipts <file>',
      h(
        'sổ nhận báo cáo CSV (tệp,ngày nhận): ngày nhận ghi ở đây được dùng trước ngày gửi thư và dòng ngày dưới biểu',
        'the office’s receipt log, CSV (file,received): its dates come before an e-mail’s Date and the date line under a table',
      ),
    )
    .option(
      '--as-of <date>',
      h(
        'tính đến ngày YYYY-MM-DD; mặc định hôm nay theo giờ Việt Nam',
        'as of YYYY-MM-DD; default: today in Vietnam',
      ),
      parse.date,
    )
    .option(
      '--previous <file>',
      h(
        'báo cáo tổng hợp JSON kỳ trước: đơn vị có số đầu kỳ khác số cuối kỳ của nó bị loại, như với consolidate',
        'the previous period’s consolidated report JSON: a unit whose opening figures differ from its closing ones is rejected, as consolidate does',
      ),
    )
    .option('--json', h('in kết quả dạng JSON', 'machine-readable output'), false)
    .addOption(lang())
    .option('--no-color', h('không tô màu', 'no colours'))
    .action(
      async (
        paths: string[],
        o: CommonFlags & {
          period: string;
          plan?: string;
          asOf?: string;
          receipts?: string;
          previous?: string;
        },
      ) => {
        const { status } = await import('./commands/status.js');
        setExit(
          await status({
            paths,
            period: o.period,
            json: o.json ?? false,
            lang: o.lang,
            chalk: await makeChalk(o.json ?? false, o.color === false),
            write: io.out,
            now: new Date(),
            plan: o.plan,
            registry: o.registry,
            data: o.data,
            map: o.map,
            asOf: o.asOf,
            receipts: o.receipts,
            previous: o.previous,
          }),
        );
      },
    );

  program
    .command('remind')
    .description(
      h(
        'Nhắc các đơn vị chưa nộp hoặc nộp sai trước và sau hạn nộp; dùng cho cron',
        'deadline reminders',
      ),
    )
    .argument('<paths...>', h('tệp hoặc thư mục báo cáo đã nhận', 'files or folders received'))
    .option('--plan <file>', h('kế hoạch: kỳ, hạn nộp', 'plan file'))
    .option(
      '--registry <file>',
      h('danh mục đơn vị khác, có địa chỉ thư', 'another unit registry, JSON'),
    )
    .addOption(dataOption())
    .addOption(mapOption())
    .option(
      '--receipts <file>',
      h(
        'sổ nhận báo cáo CSV (tệp,ngày nhận): ngày nhận ghi ở đây được dùng trước ngày gửi thư và dòng ngày dưới biểu',
        'the office’s receipt log, CSV (file,received): its dates come before an e-mail’s Date and the date line under a table',
      ),
    )
    .option(
      '--as-of <date>',
      h(
        'coi hôm nay là ngày YYYY-MM-DD; mặc định hôm nay theo giờ Việt Nam',
        'take today to be YYYY-MM-DD; default: today in Vietnam',
      ),
      parse.date,
    )
    .option(
      '--days-before <list>',
      h('nhắc khi còn đúng số ngày này đến hạn', 'days before the deadline'),
      parse.dayList,
      [...DEFAULT_DAYS_BEFORE],
    )
    .option(
      '--overdue-every <n>',
      h('khi đã quá hạn, nhắc mỗi N ngày', 'once overdue, every N days'),
      parse.positiveInt,
      1,
    )
    .addOption(
      new Option('--format <format>', h('cách xuất thư nhắc', 'output'))
        .choices(REMIND_FORMATS)
        .default('text'),
    )
    .option(
      '--out <dir>',
      h('thư mục ghi tệp .eml', 'folder for .eml files; unsent ones with --send'),
    )
    .option(
      '--send <url>',
      h('gửi qua máy chủ thư, ví dụ smtp://127.0.0.1:25', 'send through SMTP'),
      parse.smtpUrl,
    )
    .option('--from <address>', h('địa chỉ người gửi', 'From address; default: the registry’s'))
    .option(
      '--state <file>',
      h('tệp ghi các thư đã gửi, để không gửi trùng', 'record of what was sent'),
    )
    .option(
      '--smtp-timeout <seconds>',
      h('chờ máy chủ thư kết nối và chào tối đa bấy nhiêu giây', 'SMTP connect/greeting timeout'),
      parse.positiveSeconds,
      DEFAULT_SMTP_TIMEOUT_SECONDS,
    )
    .addOption(lang())
    .action(
      async (
        paths: string[],
        o: {
          plan?: string;
          registry?: string;
          data?: string;
          map?: string;
          asOf?: string;
          receipts?: string;
          daysBefore: number[];
          overdueEvery: number;
          format: RemindFormat;
          out?: string;
          send?: string;
          from?: string;
          state?: string;
          smtpTimeout: number;
          lang: Lang;
        },
      ) => {
        const { remind } = await import('./commands/remind.js');
        setExit(
          await remind({
            paths,
            daysBefore: o.daysBefore,
            overdueEvery: o.overdueEvery,
            format: o.format,
            lang: o.lang,
            write: io.out,
            now: new Date(),
            plan: o.plan,
            registry: o.registry,
            data: o.data,
            map: o.map,
            asOf: o.asOf,
            receipts: o.receipts,
            out: o.out,
            send: o.send,
            from: o.from,
            state: o.state,
            smtpTimeoutMs: Math.round(o.smtpTimeout * 1000),
          }),
        );
      },
    );

  program
    .command('trend')
    .description(
      h(
        'Bảng tỷ lệ hộ nghèo, cận nghèo qua các kỳ và mức giảm mỗi năm so với chỉ tiêu',
        'poor and near-poor rates by period, and the reduction per year against the target',
      ),
    )
    .argument(
      '<reports...>',
      h(
        'các tệp tong-hop-<kỳ>.json do consolidate ghi',
        'the tong-hop-<period>.json files written by consolidate',
      ),
    )
    .option('--out <dir>', h('thư mục ghi bảng', 'output folder'), 'out')
    .addOption(dataOption())
    .addOption(lang())
    .option('--no-color', h('không tô màu', 'no colours'))
    .action(
      async (reports: string[], o: { out: string; data?: string; lang: Lang; color?: boolean }) => {
        const { trend } = await import('./commands/trend.js');
        setExit(
          await trend({
            reports,
            out: o.out,
            data: o.data,
            lang: o.lang,
            chalk: await makeChalk(false, o.color === false),
            write: io.out,
            now: new Date(),
          }),
        );
      },
    );

  const map = program
    .command('map')
    .description(
      h(
        'Dạy phần mềm đọc tệp của một đơn vị: tiêu đề cột, nhãn dòng',
        'teach what a heading or a row label means for one unit',
      ),
    );
  const mapCommon = (c: Command): Command =>
    c
      .addOption(mapOption())
      .option('--registry <file>', h('danh mục đơn vị khác', 'another unit registry, JSON'))
      .addOption(dataOption())
      .addOption(lang());
  interface MapFlags {
    unit: string;
    row: boolean;
    map?: string;
    registry?: string;
    data?: string;
    lang: Lang;
  }
  // What every map subcommand is given besides its own flags.
  const mapContext = (o: Pick<MapFlags, 'map' | 'registry' | 'data' | 'lang'>) => ({
    map: o.map,
    registry: o.registry,
    data: o.data,
    lang: o.lang,
    cwd: process.cwd(),
    write: io.out,
  });
  mapCommon(
    map
      .command('add')
      .description(
        h(
          'Dạy một tiêu đề cột (→ mã chỉ tiêu, hoặc - để bỏ qua cột) hoặc một nhãn dòng (--row → total, group, breakdown, subunit, child, ignore, hoặc "=Tên xã")',
          'teach one column heading (→ an indicator id, or - to ignore the column) or one row label (--row → total, group, breakdown, subunit, child, ignore, or "=Commune name")',
        ),
      )
      .argument(
        '<text>',
        h('tiêu đề cột hoặc nhãn dòng như trong tệp', 'the heading or label as written'),
      )
      .argument('<meaning>', h('mã chỉ tiêu, -, vai trò hoặc "=Tên xã"', 'its meaning'))
      .requiredOption('--unit <unit>', h('đơn vị, mã hoặc tên', 'the unit, code or name'))
      .option('--row', h('dạy nhãn dòng, không phải tiêu đề cột', 'a row label'), false),
  ).action(async (text: string, meaning: string, o: MapFlags) => {
    const { mapAdd } = await import('./commands/map.js');
    setExit(
      await mapAdd({
        text,
        meaning,
        unit: o.unit,
        row: o.row,
        ...mapContext(o),
      }),
    );
  });
  mapCommon(
    map
      .command('list')
      .description(h('Liệt kê những gì đã dạy', 'list the taught entries'))
      .option('--unit <unit>', h('chỉ đơn vị này, mã hoặc tên', 'only this unit'))
      .option('--json', h('in dạng JSON', 'machine-readable output'), false),
  ).action(async (o: Omit<MapFlags, 'unit' | 'row'> & { unit?: string; json: boolean }) => {
    const { mapList } = await import('./commands/map.js');
    setExit(
      await mapList({
        unit: o.unit,
        json: o.json,
        ...mapContext(o),
      }),
    );
  });
  mapCommon(
    map
      .command('remove')
      .description(h('Xóa một mục đã dạy', 'remove a taught entry'))
      .argument('<text>', h('tiêu đề cột hoặc nhãn dòng đã dạy', 'the taught heading or label'))
      .requiredOption('--unit <unit>', h('đơn vị, mã hoặc tên', 'the unit, code or name'))
      .option('--row', h('một nhãn dòng, không phải tiêu đề cột', 'a row label'), false),
  ).action(async (text: string, o: MapFlags) => {
    const { mapRemove } = await import('./commands/map.js');
    setExit(
      await mapRemove({
        text,
        unit: o.unit,
        row: o.row,
        ...mapContext(o),
      }),
    );
  });

  return program;
}

/** The language asked for by `--lang` anywhere in argv (an error can end a run before any command reads it). */
function langOf(argv: readonly string[]): Lang {
  let lang: Lang = 'vi';
  argv.forEach((a, i) => {
    const v = a.startsWith('--lang=')
      ? a.slice('--lang='.length)
      : a === '--lang'
        ? argv[i + 1]
        : undefined;
    if (v === 'en' || v === 'vi') lang = v;
  });
  return lang;
}

/** An output stream's error: a closed pipe is let be, anything else fails as it would have. */
function ignoreClosedPipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
}

/** Runs the program with the given argv; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let exit: number = EXIT.ok;
  const io = {
    out: (s: string) => process.stdout.write(s),
    err: (s: string) => process.stderr.write(s),
  };
  // A reader that stops early (`povreport consolidate … --json | head`) closes the pipe: the rest
  // of the text has nowhere to go, which is no failure of the run (its files are written first).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', ignoreClosedPipe);
  // Read before commander parses: a bad flag, or an error before any command runs, is said in it.
  const lang = langOf(argv);
  const program = buildProgram(io, (c) => (exit = c), lang);
  const stopHandlers = handleInterrupts(io.err, lang);
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    const failure = failureOf(e, lang);
    // Messages quote paths and data-file texts: escaped, so they cannot steer the terminal.
    if (failure.kind === 'config')
      io.err(`povreport: ${escapeTerminal(failure.message, 'block')}\n`);
    else if (failure.kind === 'file-system')
      io.err(`povreport: ${escapeTerminal(failure.message)}\n`);
    else if (failure.kind === 'internal')
      io.err(
        `povreport: ${lang === 'en' ? 'internal error, please report it with the command you ran' : 'lỗi nội bộ — xin báo lại cho người phát triển kèm câu lệnh đã chạy (internal error, please report it with the command you ran)'}.\n${escapeTerminal(process.env.POVREPORT_DEBUG && failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error), 'block')}\n`,
      );
    return failure.exit;
  } finally {
    stopHandlers();
  }
}

/**
 * On Ctrl+C or a SIGTERM, removes what the run was writing (temporary files, its lock) before
 * exiting, so that nothing half-made is left behind. Returns the removal of the handlers.
 */
function handleInterrupts(err: (s: string) => void, lang: Lang): () => void {
  const signals = (Object.keys(SIGNAL_EXITS) as HandledSignal[]).filter(
    (s) => process.platform !== 'win32' || s !== 'SIGHUP',
  );
  const handler = (signal: HandledSignal): void => {
    runInterruptCleanups();
    err(
      lang === 'en'
        ? `povreport: stopped (${signal}), nothing half-written left behind.\n`
        : `povreport: đã dừng theo yêu cầu (${signal}), không để lại tệp dở dang (stopped, nothing half-written left behind).\n`,
    );
    process.exit(SIGNAL_EXITS[signal]);
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
