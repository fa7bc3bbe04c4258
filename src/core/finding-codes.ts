/**
 * The one catalogue of finding codes. Every finding the tool can report is listed here with its
 * default severity, a Vietnamese and an English message and a suggestion telling the district
 * what to fix. The README's table of codes is generated from this list (`npm run docs:codes`).
 *
 * Message templates use `{name}` placeholders filled from the finding's `params`; a segment in
 * `[[…]]` is shown only when all its placeholders have a value (the `{teach}` command, which a
 * finding carries only when teaching the tool can fix it: see core/teach-hints.ts).
 */

/** How bad a finding is. An `error` makes a submission invalid (and rejected by consolidate). */
export type Severity = 'error' | 'warning' | 'info';

/** A message in both languages of the tool. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** The catalogue entry of one finding code. */
export interface FindingCodeSpec {
  /** Default severity; a rule in `templates/rules` may set another. */
  severity: Severity;
  /** Which part of the work reports it. */
  group: 'file' | 'identity' | 'layout' | 'cell' | 'rule' | 'submission' | 'run';
  /** Short title for the README table. */
  title: Bilingual;
  /** The message, with `{param}` placeholders. */
  message: Bilingual;
  /** What to do about it. */
  suggestion: Bilingual;
  /** Another severity the tool gives it in some cases, and when (for the README table). */
  otherwise?: { severity: Severity; when: Bilingual };
}

const spec = <T extends Record<string, FindingCodeSpec>>(t: T): T => t;

/** Every finding code, in the order the README lists them. */
export const FINDING_CODES = spec({
  // ---- the file itself -------------------------------------------------------------------------
  'file-unreadable': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không mở được tệp', en: 'File cannot be opened' },
    message: {
      vi: 'Không mở được tệp: {reason}.',
      en: 'The file cannot be opened: {reasonEn}.',
    },
    suggestion: {
      vi: 'Kiểm tra tệp còn tồn tại, không bị khóa bởi chương trình khác, rồi chạy lại.',
      en: 'Check that the file exists and is not locked by another program, then run again.',
    },
  },
  'file-no-permission': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không có quyền đọc tệp', en: 'No permission to read the file' },
    message: {
      vi: 'Tài khoản đang chạy povreport không có quyền đọc tệp này.',
      en: 'The account running povreport is not allowed to read this file.',
    },
    suggestion: {
      vi: 'Cấp quyền đọc tệp cho tài khoản này (Properties → Security trên Windows, chmod trên Linux), hoặc chép tệp sang thư mục khác, rồi chạy lại.',
      en: 'Give this account read permission (Properties → Security on Windows, chmod on Linux), or copy the file elsewhere, then run again.',
    },
  },
  'file-special': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không phải tệp thông thường', en: 'Not a regular file' },
    message: {
      vi: 'Đây không phải tệp thông thường mà là một đường ống (FIFO), thiết bị hoặc socket; không mở để chương trình khỏi bị treo.',
      en: 'This is not a regular file but a pipe (FIFO), a device or a socket; it is not opened, so that the tool cannot hang on it.',
    },
    suggestion: {
      vi: 'Xóa mục này khỏi thư mục nhận báo cáo, hoặc đặt đúng tệp báo cáo vào chỗ của nó.',
      en: 'Remove it from the inbox folder, or put the real report file in its place.',
    },
  },
  'link-broken': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Lối tắt hỏng', en: 'Broken link' },
    message: {
      vi: 'Đây là một lối tắt (liên kết) trỏ tới "{target}", nơi không còn tồn tại hoặc trỏ vòng về chính nó.',
      en: 'This is a link to "{target}", which no longer exists or leads back to itself.',
    },
    suggestion: {
      vi: 'Xóa lối tắt này và chép chính tệp báo cáo vào thư mục nhận.',
      en: 'Delete the link and copy the report file itself into the inbox.',
    },
  },
  'folder-unreadable': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không đọc được thư mục', en: 'Folder cannot be read' },
    message: {
      vi: 'Không có quyền xem nội dung thư mục này; các tệp trong đó chưa được kiểm tra.',
      en: 'The tool may not list this folder; the files in it have not been checked.',
    },
    suggestion: {
      vi: 'Cấp quyền đọc thư mục cho tài khoản đang chạy povreport, hoặc chép các tệp ra ngoài, rồi chạy lại.',
      en: 'Give the account running povreport read permission on the folder, or copy its files out, then run again.',
    },
  },
  'folder-repeated': {
    severity: 'warning',
    group: 'file',
    title: { vi: 'Thư mục lặp lại', en: 'Folder reached twice' },
    message: {
      vi: 'Thư mục "{target}" đã được đọc qua một đường dẫn khác (một lối tắt, hoặc một vòng lặp về thư mục chứa nó); không đọc lại.',
      en: 'The folder "{target}" was already read through another path (a link, or a loop back to a folder containing it); it is not read again.',
    },
    suggestion: {
      vi: 'Không cần làm gì: các tệp trong đó được đọc một lần; muốn hết cảnh báo thì xóa lối tắt.',
      en: 'Nothing to do: its files are read once; delete the link to silence this warning.',
    },
  },
  'file-empty': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp rỗng', en: 'Empty file' },
    message: { vi: 'Tệp rỗng (0 byte).', en: 'The file is empty (0 bytes).' },
    suggestion: {
      vi: 'Đề nghị đơn vị gửi lại tệp báo cáo.',
      en: 'Ask the unit to send the report file again.',
    },
  },
  'file-too-large': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp quá lớn', en: 'File too large' },
    message: {
      vi: 'Tệp nặng {size}, vượt giới hạn {limit}; không đọc để bảo vệ máy.',
      en: 'The file is {size}, over the {limit} limit; it was not read, to protect the machine.',
    },
    suggestion: {
      vi: 'Xóa các sheet, hình ảnh không cần thiết rồi lưu lại; hoặc kiểm tra đúng tệp báo cáo chưa.',
      en: 'Remove unneeded sheets and pictures and save again, or check that this is the right file.',
    },
  },
  'archive-too-large': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp nén bung ra quá lớn', en: 'Workbook inflates too much' },
    message: {
      vi: 'Nội dung tệp khi giải nén lên tới {size}, vượt giới hạn {limit}; không đọc để bảo vệ máy.',
      en: 'The workbook would inflate to {size}, over the {limitEn} limit; it was not read, to protect the machine.',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel, chép bảng số liệu sang một tệp mới và lưu dạng .xlsx.',
      en: 'Open it in Excel, copy the tables into a new workbook and save it as .xlsx.',
    },
  },
  'archive-size-mismatch': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp nén ghi sai kích thước', en: 'Workbook inflates past its stated size' },
    message: {
      vi: 'Tệp nén ghi rằng nội dung bung ra {declared}, nhưng thực tế bung ra hơn {limit}; tệp bị hỏng hoặc được làm ra để gây treo máy, nên không được đọc.',
      en: 'The workbook states that it inflates to {declared}, but it really inflates to more than {limit}; it is damaged or made to hang the machine, so it was not read.',
    },
    suggestion: {
      vi: 'Đề nghị đơn vị mở tệp bằng Excel, lưu lại thành .xlsx và gửi lại; không mở tệp không rõ nguồn gốc.',
      en: 'Ask the unit to open the file in Excel, save it again as .xlsx and resend it; do not open files of unknown origin.',
    },
  },
  'too-many-cells': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Bảng quá lớn', en: 'Too many cells' },
    message: {
      vi: 'Các bảng trong tệp có hơn {limit} ô; không đọc để bảo vệ máy.',
      en: 'The tables in the file have more than {limit} cells; it was not read, to protect the machine.',
    },
    suggestion: {
      vi: 'Kiểm tra đúng tệp báo cáo chưa; nếu đúng, mở tệp bằng Excel, chép riêng bảng số liệu sang một tệp mới và lưu dạng .xlsx.',
      en: 'Check that this is the right file; if it is, open it in Excel, copy the tables into a new workbook and save it as .xlsx.',
    },
  },
  'file-converted': {
    severity: 'info',
    group: 'file',
    title: {
      vi: 'Tệp được LibreOffice chuyển sang .xlsx',
      en: 'File converted to .xlsx by LibreOffice',
    },
    message: {
      vi: 'Tệp {format} được LibreOffice (cài trên máy này) chuyển sang .xlsx để đọc; tệp gốc không bị sửa.',
      en: 'The {format} file was converted to .xlsx by LibreOffice (installed on this machine) to be read; the file itself is unchanged.',
    },
    suggestion: {
      vi: 'Không cần làm gì; lần sau đơn vị nên lưu thành "Excel Workbook (.xlsx)".',
      en: 'Nothing to do; next time the unit should save as "Excel Workbook (.xlsx)".',
    },
  },
  'file-xls': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp Excel cũ (.xls)', en: 'Old binary Excel file (.xls)' },
    message: {
      vi: 'Tệp ở định dạng Excel 97-2003 (.xls); công cụ chỉ đọc được định dạng này qua LibreOffice, {why}.',
      en: 'The file is in the Excel 97-2003 format (.xls), which the tool reads only through LibreOffice; {whyEn}.',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) kiểu "Excel Workbook (.xlsx)" rồi gửi lại.',
      en: 'Open it in Excel or LibreOffice, Save As "Excel Workbook (.xlsx)" and send it again.',
    },
  },
  'file-not-spreadsheet': {
    severity: 'error',
    otherwise: {
      severity: 'warning',
      when: {
        vi: 'với PDF, Word, ảnh… mang đúng đuôi của chúng (bản scan gửi kèm)',
        en: 'for a PDF, Word file, photo… named as such (a scan sent alongside)',
      },
    },
    group: 'file',
    title: { vi: 'Không phải bảng tính', en: 'Not a spreadsheet' },
    message: {
      vi: 'Tệp này là {detected}, không phải bảng tính Excel (.xlsx) hay CSV mà phần mềm đọc được.',
      en: 'The file is {detectedEn}, not an Excel workbook (.xlsx) or a CSV file the tool can read.',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel hoặc LibreOffice và Lưu thành (Save As) "Excel Workbook (.xlsx)"; nếu là PDF, Word hay ảnh chụp, đề nghị đơn vị gửi kèm tệp Excel.',
      en: 'Open it in Excel or LibreOffice and Save As "Excel Workbook (.xlsx)"; for a PDF, Word file or picture, ask the unit for the Excel file as well.',
    },
  },
  'csv-letters-lost': {
    severity: 'warning',
    group: 'file',
    title: {
      vi: 'Chữ tiếng Việt bị mất khi lưu CSV',
      en: 'Vietnamese letters lost when the CSV was saved',
    },
    message: {
      vi: 'Có {count} chữ trong tệp bị thay bằng dấu "?" ("HỘ? CẠ?N NGHÈO"): tệp đã được lưu bằng một bảng mã không có chữ tiếng Việt, nên tên cột, tên biểu và tên đơn vị có thể không đọc được.',
      en: '{count} words in the file have letters replaced by "?" ("HỘ? CẠ?N NGHÈO"): the file was saved in a code page without Vietnamese letters, so column headings, form titles and unit names may not be read.',
    },
    suggestion: {
      vi: 'Lưu lại tệp dạng "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited); LibreOffice: bộ ký tự Unicode (UTF-8)) hoặc gửi tệp .xlsx.',
      en: 'Save the file again as "CSV UTF-8" (Excel: CSV UTF-8 (Comma delimited); LibreOffice: character set Unicode (UTF-8)), or send the .xlsx file.',
    },
  },
  'file-corrupt': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Tệp bị hỏng', en: 'Damaged file' },
    message: {
      vi: 'Tệp bị hỏng hoặc tải về chưa hết, không đọc được ({reason}).',
      en: 'The file is damaged or was not fully downloaded and cannot be read ({reasonEn}).',
    },
    suggestion: {
      vi: 'Tải lại tệp từ thư điện tử; nếu vẫn lỗi, đề nghị đơn vị mở, lưu lại và gửi lại.',
      en: 'Download the file again; if it still fails, ask the unit to open, save and resend it.',
    },
  },
  'no-form-found': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Không thấy biểu mẫu nào', en: 'No form found' },
    message: {
      vi: 'Không tìm thấy bảng nào của Biểu 01–05 trong tệp (không nhận ra dòng tiêu đề cột).',
      en: 'No table of forms 01–05 was found in the file (no heading row was recognised).',
    },
    suggestion: {
      vi: 'Dùng đúng mẫu biểu của Sở; giữ nguyên dòng tiêu đề cột như "Số hộ nghèo", "Tổng số hộ dân cư". Chạy với --verbose để xem cách đọc.',
      en: 'Use the Department’s forms and keep the heading row ("Số hộ nghèo", "Tổng số hộ dân cư"). Run with --verbose to see how it was read.',
    },
  },
  'file-without-figures': {
    severity: 'warning',
    group: 'layout',
    title: { vi: 'Tệp không có số liệu', en: 'File without figures' },
    message: {
      vi: 'Tệp không có bảng số liệu nào, chỉ có chữ (ghi chú, công văn…), gửi kèm các biểu của đơn vị; không có gì để tổng hợp từ tệp này.',
      en: 'The file holds no table of figures, only text (notes, a letter…), sent with the unit’s forms; nothing in it is consolidated.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là tệp ghi chú gửi kèm báo cáo. Nếu đây là báo cáo của đơn vị, đề nghị đơn vị gửi lại đúng mẫu biểu có số liệu.',
      en: 'Nothing to do if it is a notes file sent with the report. If it is meant to be the unit’s report, ask the unit to send the forms with their figures.',
    },
  },
  'extra-sheet': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Sheet không thuộc biểu mẫu', en: 'Sheet is not a form' },
    message: {
      vi: 'Sheet "{sheet}" không phải Biểu 01–05 nên không được đọc.',
      en: 'Sheet "{sheet}" is not one of forms 01–05 and was not read.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu sheet này chỉ để ghi chú.',
      en: 'Nothing to do if the sheet only holds notes.',
    },
  },
  'form-sheet-unread': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Sheet mang tên biểu nhưng không đọc được',
      en: 'Sheet named as a form but not read',
    },
    message: {
      vi: 'Sheet "{sheet}" có tên hoặc tiêu đề là Biểu {form} nhưng không nhận ra dòng tiêu đề cột của biểu, nên số liệu của sheet này không được đọc; tệp không có Biểu {form} nào khác.',
      en: 'Sheet "{sheet}" is named or titled as form {form}, but its heading row was not recognised, so its figures were not read; the file holds no other form {form}.',
    },
    suggestion: {
      vi: 'So dòng tiêu đề cột với mẫu biểu của Sở (povreport template), sửa lại và gửi lại; hoặc dạy công cụ cách đọc bằng povreport map add. Chạy với --verbose để xem cách đọc.',
      en: 'Compare the heading row with the Department’s form (povreport template), fix and resend; or teach the tool with povreport map add. Run with --verbose to see how it was read.',
    },
  },
  'other-period-sheet': {
    severity: 'info',
    group: 'layout',
    title: {
      vi: 'Sheet của kỳ khác không được đọc',
      en: 'A sheet of another period not read',
    },
    message: {
      vi: 'Sheet "{sheet}"{at} có biểu {form} mà tiêu đề ghi kỳ {period}, không phải kỳ báo cáo ({table}); biểu {form} của kỳ này được đọc ở sheet "{other}"{otherAt}, sheet "{sheet}"{at} không được đọc.',
      en: 'Sheet "{sheet}"{atEn} holds form {form} titled with {period}, not the report’s period ({table}); form {form} of this period is read from sheet "{other}"{otherAtEn}, and sheet "{sheet}"{atEn} is not read.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là bản của kỳ trước để lại. Nếu đây mới là số liệu kỳ này, sửa tiêu đề cho đúng kỳ và xóa bản cũ.',
      en: 'Nothing to do if it is a copy of an earlier period. If it holds this period’s figures, correct its title and delete the old copy.',
    },
  },
  'duplicate-form': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Một biểu xuất hiện hai lần', en: 'Form appears twice' },
    message: {
      vi: 'Biểu {form} có ở cả sheet "{other}"{otherAt} và sheet "{sheet}"{at}; không biết dùng số liệu nào.',
      en: 'Form {form} is on both sheet "{other}"{otherAtEn} and sheet "{sheet}"{atEn}; it is unclear which to use.',
    },
    suggestion: {
      vi: 'Xóa sheet (hay bảng) thừa — bản cũ, hay biểu của đơn vị khác — rồi gửi lại.',
      en: 'Delete the extra sheet (or table) — an old copy, or another unit’s form — and send again.',
    },
  },
  'duplicate-form-identical': {
    severity: 'warning',
    group: 'layout',
    title: { vi: 'Một biểu có hai bản giống nhau', en: 'Form appears twice, the same' },
    message: {
      vi: 'Biểu {form} có ở cả sheet "{other}"{otherAt} và sheet "{sheet}"{at}, tên dòng và số liệu như nhau; chỉ đọc sheet "{other}"{otherAt}.',
      en: 'Form {form} is on both sheet "{other}"{otherAtEn} and sheet "{sheet}"{atEn}, with the same rows and figures; only sheet "{other}"{otherAtEn} is read.',
    },
    suggestion: {
      vi: 'Không ảnh hưởng số liệu; lần sau xóa sheet thừa trước khi gửi.',
      en: 'The figures are not affected; next time delete the extra sheet before sending.',
    },
  },
  'missing-column': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Thiếu cột', en: 'Missing column' },
    message: {
      vi: 'Biểu {form} thiếu cột "{heading}"{where}.[[ Tỷ lệ này được tính lại từ cột "{numerator}" và cột "{denominator}", nên số liệu của đơn vị vẫn được tổng hợp.]]',
      en: 'Form {form} has no column "{heading}"{whereEn}.[[ The rate is computed from the columns "{numerator}" and "{denominator}", so the unit\'s figures are still consolidated.]]',
    },
    suggestion: {
      vi: 'Thêm lại cột theo đúng mẫu biểu (tiêu đề cột như trong mẫu).[[ Nếu tệp có cột này nhưng ghi tiêu đề khác, Sở có thể dạy phần mềm đọc tiêu đề đó (chỉ cho đơn vị này): {teach}]]',
      en: 'Put the column back as in the form (with the heading of the form).[[ If the file has this column under another heading, the Department can teach the tool that heading (for this unit only): {teach}]]',
    },
  },
  'column-by-arithmetic': {
    severity: 'warning',
    group: 'layout',
    title: {
      vi: 'Cột đọc theo thứ tự và đẳng thức của biểu',
      en: 'Column read by the form’s order and identities',
    },
    message: {
      vi: 'Tiêu đề cột {cell} "{heading}" không có trong mẫu; cột nằm[[ đúng chỗ của "{placeOf}"]][[ dưới nhóm "{group}", cùng chiều tăng hay giảm với "{expected}" trong đẳng thức cân đối của biểu,]][[ khác chỗ của "{expected}" trong mẫu nhưng ở mọi dòng bằng tổng của {sumOf} cột như "{expected}",]] và số liệu của nó khớp các đẳng thức của biểu ở mọi dòng, nên được đọc là "{expected}".',
      en: 'The heading of column {cell}, "{heading}", is not one of the form’s; the column stands[[ where "{placeOf}" stands]][[ under "{group}", which adds or takes away as "{expected}" does in the form’s balance,]][[ elsewhere than "{expected}" in the form, but on every row it is the sum of {sumOf} columns as "{expected}" is,]] and its figures satisfy the form’s identities on every row, so it was read as "{expected}".',
    },
    suggestion: {
      vi: 'Kiểm tra lại cột này; lần sau dùng đúng tiêu đề của mẫu biểu, hoặc dạy công cụ bằng povreport map add.',
      en: 'Check this column; next time use the form’s heading, or teach the tool with povreport map add.',
    },
  },
  'duplicate-column': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Hai cột cùng một chỉ tiêu', en: 'Two columns for one indicator' },
    message: {
      vi: 'Cột {cell} và cột {other} đều là "{heading}"; không biết dùng cột nào.',
      en: 'Columns {cell} and {other} are both "{heading}"; it is unclear which to use.',
    },
    suggestion: {
      vi: 'Xóa cột thừa hoặc sửa tiêu đề cho đúng.',
      en: 'Delete the extra column or correct its heading.',
    },
  },
  'duplicate-column-by-arithmetic': {
    severity: 'warning',
    group: 'layout',
    title: {
      vi: 'Hai cột cùng tiêu đề, chọn theo đẳng thức',
      en: 'Two columns with one heading, chosen by the identities',
    },
    message: {
      vi: 'Cột {cell} và cột {other} đều là "{heading}" nhưng số liệu khác nhau; chỉ số liệu của cột {other} khớp các đẳng thức của biểu, nên cột {other} được dùng và cột {cell} không được tổng hợp.',
      en: 'Columns {cell} and {other} are both "{heading}" with different figures; only column {other}’s satisfy the form’s identities, so column {other} is used and column {cell} is not consolidated.',
    },
    suggestion: {
      vi: 'Kiểm tra cột {cell} (kế hoạch, kỳ trước…?); lần sau ghi rõ tiêu đề của cột đó, hoặc đưa nó ra ngoài biểu.',
      en: 'Check column {cell} (a plan, a previous period…?); next time give it its own heading, or move it out of the form.',
    },
  },
  'duplicate-column-hidden': {
    severity: 'warning',
    group: 'layout',
    title: {
      vi: 'Cột ẩn cùng tiêu đề với một cột, dùng cột không ẩn',
      en: 'A hidden column with another column’s heading, the shown one used',
    },
    message: {
      vi: 'Cột {cell} bị ẩn, cùng tiêu đề "{heading}" với cột {other} nhưng số liệu khác; biểu khi in ra không có cột ẩn, nên cột {other} được dùng và cột {cell} không được tổng hợp.',
      en: 'Column {cell} is hidden and has the heading "{heading}" of column {other} with different figures; the form as printed has no hidden column, so column {other} is used and column {cell} is not consolidated.',
    },
    suggestion: {
      vi: 'Kiểm tra cột {cell} (số liệu kỳ trước, bản nháp…?). Nếu cột ẩn mới đúng, hiện nó và xóa cột {other}; nếu không, lần sau xóa cột ẩn trước khi gửi.',
      en: 'Check column {cell} (last period’s figures, a draft…?). If the hidden one is right, show it and delete column {other}; if not, delete the hidden column before sending next time.',
    },
  },
  'columns-ambiguous': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Không xác định được cột', en: 'Columns can be read two ways' },
    message: {
      vi: 'Các cột {cells} có tiêu đề hợp với nhiều chỉ tiêu ({candidates}); cả thứ tự cột lẫn số liệu đều không cho biết cột nào là chỉ tiêu nào.',
      en: 'Columns {cells} have headings that fit several indicators ({candidates}); neither the column order nor the figures tell which is which.',
    },
    suggestion: {
      vi: 'Ghi đầy đủ tiêu đề cột theo mẫu (ví dụ "Tỷ lệ hộ nghèo (%)"), hoặc dạy phần mềm cột nào là chỉ tiêu nào bằng lệnh povreport map add[[, ví dụ: {teach}]][[ (các mã có thể: {teachOthers})]].',
      en: 'Write each column’s full heading as on the form (e.g. "Tỷ lệ hộ nghèo (%)"), or teach the tool which column is which with povreport map add[[, e.g. {teach}]][[ (possible ids: {teachOthers})]].',
    },
  },
  'heading-number-conflict': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Số chỉ số và tên chỉ số trong tiêu đề cột không khớp',
      en: 'Indicator number and name disagree',
    },
    message: {
      vi: 'Cột {cells} có tiêu đề "{heading}": số {number} là chỉ số "{byNumber}" nhưng tên ghi là chỉ số "{byName}". Không biết cột này là chỉ số nào nên cột không được đọc.',
      en: 'Column {cells} is headed "{heading}": number {number} is the indicator "{byNumber}" but the words name the indicator "{byName}". Which one the column holds is not known, so it is not read.',
    },
    suggestion: {
      vi: 'Hỏi đơn vị cột này ghi số liệu của chỉ số nào và sửa tiêu đề cho khớp (số và tên chỉ số theo chuẩn nghèo), hoặc dạy phần mềm bằng lệnh povreport map add[[, ví dụ: {teach}]][[ (các mã có thể: {teachOthers})]].',
      en: 'Ask the unit which indicator the column holds and correct the heading so that number and name agree (as the poverty standard numbers them), or teach the tool with povreport map add[[, e.g. {teach}]][[ (possible ids: {teachOthers})]].',
    },
  },
  'hidden-sheet-skipped': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Bỏ qua sheet ẩn', en: 'Hidden sheet skipped' },
    message: {
      vi: 'Sheet ẩn "{sheet}" cũng chứa Biểu {form} nhưng không được dùng: biểu này đã có ở sheet "{other}" đang hiện.',
      en: 'Hidden sheet "{sheet}" also holds form {form} but is not used: the visible sheet "{other}" has it.',
    },
    suggestion: {
      vi: 'Không cần làm gì; nếu số liệu đúng nằm ở sheet ẩn, hãy hiện sheet đó và xóa bản cũ.',
      en: 'Nothing to do; if the right figures are on the hidden sheet, unhide it and delete the old copy.',
    },
  },
  'extra-column': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Cột ngoài mẫu', en: 'Column not in the form' },
    message: {
      vi: 'Cột "{heading}" không có trong mẫu biểu nên không được tổng hợp.',
      en: 'Column "{heading}" is not in the form and is not consolidated.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là cột ghi chú.[[ Nếu đây là một cột của mẫu, Sở có thể dạy phần mềm đọc nó (chỉ cho đơn vị này): {teach}]][[ (hoặc thay mã cuối lệnh bằng: {teachOthers})]]',
      en: 'Nothing to do if it is a notes column.[[ If it is one of the form’s columns, the Department can teach the tool to read it (for this unit only): {teach}]][[ (or end the command with one of: {teachOthers})]]',
    },
  },
  'csv-row-wider': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Dòng CSV có nhiều ô hơn tiêu đề',
      en: 'CSV row wider than its heading',
    },
    message: {
      vi: 'Tiêu đề của biểu chỉ đến cột {last}, nhưng {count} dòng có số ở các cột sau đó (dòng {rows}): {cause}, nên các số phía sau trên dòng đó bị lệch sang phải một cột và không đọc được đúng cột.',
      en: 'The form’s heading ends at column {last}, but {count} row(s) have figures past it (rows {rows}): {causeEn}, so the figures after it on that row moved one column to the right and cannot be read in their columns.',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel và lưu lại dạng CSV (Excel tự đặt các ô như vậy trong ngoặc kép), hoặc ghi số không có dấu phân cách hàng nghìn, rồi gửi lại.',
      en: 'Open the file in Excel and save it as CSV again (Excel quotes such cells itself), or write the numbers without a thousands separator, and send it again.',
    },
  },
  'other-period-column': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Cột số liệu của kỳ khác', en: 'Columns of another period' },
    message: {
      vi: 'Các cột {cells} có tiêu đề ghi thời điểm {period} ("{heading}"), không phải kỳ của biểu ({table}), nên không được tổng hợp; số liệu kỳ {table} được lấy ở các cột cùng tên ghi kỳ đó.',
      en: 'Columns {cells} are headed with another time, {period} ("{heading}"), than the form’s period ({table}), and are not consolidated; the {table} figures are read from the columns of the same names headed with that period.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là số liệu để so sánh.',
      en: 'Nothing to do if these are figures kept for comparison.',
    },
  },
  'column-period-differs': {
    severity: 'warning',
    group: 'layout',
    title: { vi: 'Tiêu đề cột ghi kỳ khác', en: 'Column headed with another period' },
    message: {
      vi: 'Cột {cell} có tiêu đề "{heading}" ghi thời điểm {period}, không phải kỳ của biểu ({table}); không cột nào khác cho chỉ tiêu này nên số liệu của cột vẫn được đọc là số kỳ {table}.',
      en: 'Column {cell} is headed "{heading}", naming {period}, not the form’s period ({table}); no other column gives this indicator, so its figures are read as those of {table}.',
    },
    suggestion: {
      vi: 'Kiểm tra số liệu của cột là số kỳ báo cáo này (không phải số của mẫu năm trước để lại), rồi sửa tiêu đề cho đúng kỳ.',
      en: 'Check that the column holds this period’s figures (not last year’s left in the form), then correct the heading’s period.',
    },
  },
  'column-previous-period': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Cột duy nhất của chỉ tiêu ghi là số kỳ trước',
      en: 'The only column of an indicator is headed as the previous period',
    },
    message: {
      vi: 'Cột {cell} có tiêu đề "{heading}" ghi là số "{period}", và biểu không có cột nào khác đọc được cho chỉ tiêu này: không lấy số của kỳ trước làm số của kỳ báo cáo.',
      en: 'Column {cell} is headed "{heading}", "{period}", and no other column of the form can be read for this indicator: the previous period’s figures are not taken for this period’s.',
    },
    suggestion: {
      vi: 'Ghi rõ tiêu đề cột số liệu của kỳ này (ví dụ "Tổng số hộ dân cư" hoặc "Kỳ này") rồi gửi lại; nếu cột {cell} chính là số kỳ này, sửa tiêu đề của nó.',
      en: 'Head this period’s column plainly (e.g. "Tổng số hộ dân cư" or "Kỳ này") and send again; if column {cell} holds this period’s figures, correct its heading.',
    },
  },
  'metadata-invalid': {
    severity: 'warning',
    group: 'identity',
    title: { vi: 'Sheet thông tin mẫu không hợp lệ', en: 'Invalid metadata sheet' },
    message: {
      vi: 'Sheet ẩn thông tin mẫu có giá trị không hợp lệ: {detail}; đã bỏ qua.',
      en: 'The hidden metadata sheet holds an invalid value: {detail}; it was ignored.',
    },
    suggestion: {
      vi: 'Dùng mẫu biểu mới do Sở phát hành (povreport template).',
      en: 'Use a fresh form issued by the Department (povreport template).',
    },
  },
  'email-unreadable': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không đọc được thư điện tử', en: 'E-mail cannot be read' },
    message: {
      vi: 'Tệp thư điện tử (.eml) không đọc được: {reason}.',
      en: 'The saved e-mail (.eml) cannot be read: {reasonEn}.',
    },
    suggestion: {
      vi: 'Mở thư trong chương trình thư (Outlook, Thunderbird) và lưu lại bằng "Lưu thành" (Save As) dạng .eml, hoặc lưu riêng tệp Excel đính kèm vào thư mục nhận báo cáo.',
      en: 'Open the message in the mail program (Outlook, Thunderbird) and Save As .eml again, or save the attached Excel file on its own into the inbox folder.',
    },
  },
  'email-msg-unsupported': {
    severity: 'error',
    group: 'file',
    title: { vi: 'Không đọc được thư Outlook (.msg)', en: 'Outlook message (.msg) cannot be read' },
    message: {
      vi: 'Tệp thư Outlook (.msg) không đọc được: {reason}.',
      en: 'The Outlook message (.msg) cannot be read: {reasonEn}.',
    },
    suggestion: {
      vi: 'Lưu tệp bảng tính đính kèm ra thư mục nhận báo cáo (trong Outlook: chuột phải vào tệp đính kèm → Lưu thành) và ghi ngày nhận thư vào sổ nhận báo cáo (--receipts); hoặc, với Outlook trên web hay Outlook mới, tải thư về dạng .eml rồi bỏ tệp .msg ra khỏi thư mục.',
      en: 'Save the attached spreadsheet into the inbox folder (in Outlook: right-click the attachment → Save As) and write the day the message came in the receipt log (--receipts); or, from Outlook on the web or the new Outlook, download the message as .eml and take the .msg file out of the folder.',
    },
  },
  'email-no-spreadsheet': {
    severity: 'warning',
    group: 'file',
    title: { vi: 'Thư không đính kèm bảng tính', en: 'E-mail without a spreadsheet' },
    message: {
      vi: 'Thư điện tử không có tệp bảng tính đính kèm{others}; không có báo cáo nào được lấy từ thư này.',
      en: 'The e-mail has no spreadsheet attached{othersEn}; no report was taken from it.',
    },
    suggestion: {
      vi: 'Nếu đơn vị quên đính kèm, đề nghị gửi lại thư kèm tệp Excel (.xlsx) hoặc CSV; nếu chỉ là thư trao đổi, chuyển nó ra khỏi thư mục nhận báo cáo.',
      en: 'If the unit forgot the attachment, ask it to send the message again with the Excel (.xlsx) or CSV file; if it is only a covering letter, move it out of the inbox folder.',
    },
  },
  'email-no-date': {
    severity: 'warning',
    group: 'file',
    title: { vi: 'Thư không có ngày gửi hợp lệ', en: 'E-mail without a valid date' },
    message: {
      vi: 'Thư điện tử không có dòng ngày gửi (Date) hợp lệ{header}; ngày nhận của các tệp đính kèm lấy theo sổ nhận (--receipts) hoặc dòng ngày dưới bảng, nếu có.',
      en: 'The e-mail has no valid Date header{headerEn}; its attachments’ receipt date is taken from the receipt log (--receipts) or the date line under the table, if any.',
    },
    suggestion: {
      vi: 'Ghi ngày nhận thư vào sổ nhận báo cáo và chạy lại với --receipts SO-NHAN.csv.',
      en: 'Write the day the message was received in the receipt log and run again with --receipts LOG.csv.',
    },
  },
  // ---- whose and when --------------------------------------------------------------------------
  'unit-unknown': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Không rõ đơn vị báo cáo', en: 'Reporting unit unknown' },
    message: {
      vi: 'Không xác định được đơn vị báo cáo (không thấy tên đơn vị trong phần đầu biểu hay tên tệp).',
      en: 'The reporting unit could not be identified (no unit name in the title block or the file name).',
    },
    suggestion: {
      vi: 'Ghi tên đơn vị ở đầu biểu (ví dụ "UBND HUYỆN TRẠM TẤU") hoặc chạy lại với --unit <mã>.',
      en: 'Put the unit’s name in the title block (e.g. "UBND HUYỆN TRẠM TẤU") or run again with --unit <code>.',
    },
  },
  'unit-ambiguous': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Nhiều đơn vị trong một tệp', en: 'More than one unit named' },
    message: {
      vi: 'Tệp ghi tên nhiều đơn vị khác nhau ({candidates}); không biết là báo cáo của đơn vị nào.',
      en: 'The file names several units ({candidates}); it is unclear whose report it is.',
    },
    suggestion: {
      vi: 'Sửa phần đầu biểu cho đúng đơn vị, hoặc chạy lại với --unit <mã>.',
      en: 'Correct the title block, or run again with --unit <code>.',
    },
  },
  'unit-mismatch': {
    severity: 'warning',
    group: 'identity',
    title: { vi: 'Đơn vị khác với --unit', en: 'Unit differs from --unit' },
    message: {
      vi: 'Tệp ghi đơn vị {found} nhưng đã chỉ định --unit {given}; dùng {given}.',
      en: 'The file says {found} but --unit {given} was given; {given} is used.',
    },
    suggestion: {
      vi: 'Kiểm tra lại đây có đúng là báo cáo của đơn vị {given} không.',
      en: 'Check that this really is the report of {given}.',
    },
  },
  'unit-sources-differ': {
    severity: 'warning',
    group: 'identity',
    title: { vi: 'Tên tệp ghi đơn vị khác', en: 'File name names another unit' },
    message: {
      vi: 'Phần đầu biểu ghi {found}, nhưng tên tệp ghi {other}; dùng {found}.',
      en: 'The form’s heading says {found} but the file name says {other}; {found} is used.',
    },
    suggestion: {
      vi: 'Kiểm tra lại đây có đúng là báo cáo của {found} không (có thể đã lưu nhầm tệp của đơn vị khác), rồi đặt lại tên tệp.',
      en: 'Check that this really is the report of {found} (another unit’s file may have been saved under this name), then rename the file.',
    },
  },
  'unit-not-in-registry': {
    severity: 'error',
    group: 'identity',
    title: {
      vi: 'Đơn vị ở tiêu đề không có trong danh mục',
      en: 'Unit in the heading not in the registry',
    },
    message: {
      vi: 'Tiêu đề ghi "{named}", nhưng danh mục đơn vị của kỳ này ({registry}) không có đơn vị đó ({detail}); tệp không được tính cho đơn vị nào, kể cả đơn vị ghi ở tên tệp hay dòng ngày tháng.',
      en: 'The heading says "{named}", but the unit registry of this period ({registry}) has no such unit ({detailEn}); the file counts for no unit, not even the one its file name or date line names.',
    },
    suggestion: {
      vi: 'Đề nghị đơn vị gửi báo cáo theo đơn vị hành chính hiện nay; nếu chắc chắn tệp là của một đơn vị hiện nay (tiêu đề chỉ ghi sai tên), chạy lại với --unit <mã>.',
      en: 'Ask for the report of the unit as it is now; if the file surely is a current unit’s (its heading only misnames it), run again with --unit <code>.',
    },
  },
  'unit-name-not-in-registry': {
    severity: 'error',
    group: 'identity',
    title: {
      vi: 'Tên tệp ghi một đơn vị không có trong danh mục',
      en: 'The file name names a unit not in the registry',
    },
    message: {
      vi: 'Tên {where} "{name}" ghi {named}; danh mục đơn vị của kỳ này ({registry}) không có đơn vị đó ({detail}). Tệp không được tính cho đơn vị nào.',
      en: 'The {whereEn} name "{name}" says {named}; the unit registry of this period ({registry}) has no such unit ({detailEn}). The file counts for no unit.',
    },
    suggestion: {
      vi: 'Nếu tệp là báo cáo của một đơn vị hiện nay, đặt lại tên tệp theo tên đơn vị đó (hoặc thêm dòng tiêu đề "UBND …" của đơn vị) hay chạy lại với --unit <mã>; nếu không, đề nghị đơn vị gửi báo cáo theo đơn vị hành chính hiện nay.',
      en: 'If the file is the report of a unit as it is now, rename it after that unit (or add the unit’s "UBND …" heading) or run again with --unit <code>; if not, ask for the report of the unit as it is now.',
    },
  },
  'period-unknown': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Không rõ kỳ báo cáo', en: 'Report period unknown' },
    message: {
      vi: 'Không xác định được kỳ báo cáo (6 tháng đầu năm hay cả năm).',
      en: 'The report period (six months or full year) could not be identified.',
    },
    suggestion: {
      vi: 'Ghi kỳ báo cáo ở tên biểu (ví dụ "6 tháng đầu năm 2022") hoặc chạy lại với --period 2022-H1.',
      en: 'Put the period in the title (e.g. "6 tháng đầu năm 2022") or run again with --period 2022-H1.',
    },
  },
  'period-assumed': {
    severity: 'warning',
    group: 'identity',
    title: { vi: 'Tệp không ghi kỳ báo cáo', en: 'No period in the file' },
    message: {
      vi: 'Tệp không ghi kỳ báo cáo ở tên biểu, tên tệp hay tên thư mục; được coi là báo cáo kỳ {period} đang tổng hợp (--period).',
      en: 'The file names no report period in its title, its file name or its folder name; it is taken as the report of {period}, the period being checked (--period).',
    },
    suggestion: {
      vi: 'Kiểm tra đây đúng là báo cáo kỳ {period} (không phải báo cáo kỳ trước gửi lại), và đề nghị đơn vị ghi kỳ báo cáo ở tên biểu (ví dụ "6 tháng đầu năm 2022").',
      en: 'Check that this is the report of {period} (not an earlier report sent again), and ask the unit to put the period in the title (e.g. "6 tháng đầu năm 2022").',
    },
  },
  'period-ambiguous': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Nhiều kỳ báo cáo trong một tệp', en: 'More than one period named' },
    message: {
      vi: 'Tệp ghi nhiều kỳ báo cáo khác nhau ({candidates}).',
      en: 'The file names several report periods ({candidates}).',
    },
    suggestion: {
      vi: 'Sửa tên biểu cho đúng kỳ báo cáo, hoặc chạy lại với --period.',
      en: 'Correct the title to the right period, or run again with --period.',
    },
  },
  'metadata-period-conflict': {
    severity: 'error',
    group: 'identity',
    title: {
      vi: 'Tiêu đề và mẫu biểu ghi hai kỳ khác nhau',
      en: 'Titles and form metadata name two periods',
    },
    message: {
      vi: 'Tiêu đề các biểu ghi kỳ {title}, nhưng mẫu biểu (sheet ẩn do Sở phát hành) là của kỳ {metadata}: không biết số liệu là của kỳ nào.',
      en: 'The forms’ titles name period {title}, but the form (its hidden sheet, issued by the Department) is of period {metadata}: which period the figures are of cannot be told.',
    },
    suggestion: {
      vi: 'Nếu số liệu là của kỳ {title}, dùng mẫu biểu kỳ {title} (povreport template) và chép số liệu sang; nếu là của kỳ {metadata}, sửa lại tiêu đề cho đúng kỳ rồi gửi lại.',
      en: 'If the figures are of {title}, use the {title} form (povreport template) and copy them over; if they are of {metadata}, correct the titles and send again.',
    },
  },
  'metadata-unit-conflict': {
    severity: 'error',
    otherwise: {
      severity: 'warning',
      when: {
        vi: 'khi danh mục có danh sách xã của đơn vị ở mẫu biểu: các dòng xã quyết định (dòng không thuộc đơn vị ấy là lỗi khác)',
        en: 'when the registry lists the communes of the form’s unit: the commune rows decide (rows not of that unit are another error)',
      },
    },
    group: 'identity',
    title: {
      vi: 'Tiêu đề và mẫu biểu ghi hai đơn vị khác nhau',
      en: 'Titles and form metadata name two units',
    },
    message: {
      vi: 'Tiêu đề các biểu ghi {title}, nhưng mẫu biểu (sheet ẩn do Sở phát hành) là của {metadata}: {verdict}.',
      en: 'The forms’ titles name {title}, but the form (its hidden sheet, issued by the Department) is {metadata}’s: {verdictEn}.',
    },
    suggestion: {
      vi: 'Nếu số liệu là của {title}, dùng mẫu biểu của {title} (povreport template --unit {titleCode}) và chép số liệu sang; nếu là của {metadata}, sửa lại tiêu đề rồi gửi lại.',
      en: 'If the figures are {title}’s, use {title}’s form (povreport template --unit {titleCode}) and copy them over; if they are {metadata}’s, correct the titles and send again.',
    },
  },
  'period-mismatch': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Sai kỳ báo cáo', en: 'Wrong report period' },
    message: {
      vi: 'Tệp là báo cáo kỳ {found}, không phải kỳ {expected} đang tổng hợp.',
      en: 'The file reports period {found}, not {expected}, the period being checked.',
    },
    suggestion: {
      vi: 'Đề nghị đơn vị gửi báo cáo đúng kỳ {expected}.',
      en: 'Ask the unit for its {expected} report.',
    },
  },
  'period-date-mismatch': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Ngày báo cáo không hợp với kỳ', en: 'Report date does not fit the period' },
    // {window}: when a report of the period is made ("từ 01/07/2026 đến 30/06/2027").
    message: {
      vi: 'Báo cáo đề ngày {date}, không thể là báo cáo kỳ {period} (báo cáo kỳ này được lập {window}); có thể đây là báo cáo của kỳ khác.',
      en: 'The report is dated {date}, so it cannot be the report of {period} (made {windowEn}); it may be another period’s report.',
    },
    suggestion: {
      vi: 'Kiểm tra kỳ của tệp (tên biểu, dòng ngày tháng); nếu đúng là báo cáo kỳ {period}, đề nghị đơn vị ghi rõ kỳ ở tên biểu và sửa ngày, rồi gửi lại.',
      en: 'Check the file’s period (form title, date line); if it is the {period} report, ask the unit to name the period in the title and correct the date, and send it again.',
    },
  },
  // ---- cells -----------------------------------------------------------------------------------
  'not-a-number': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Ô không phải số', en: 'Not a number' },
    message: {
      vi: 'Ô ghi "{value}", không phải là số ({heading}).',
      en: 'The cell holds "{value}", which is not a number ({heading}).',
    },
    suggestion: {
      vi: 'Chỉ nhập chữ số, ví dụ 1.234 hoặc 12,5; dùng "-" hoặc 0 khi không có.',
      en: 'Type digits only, e.g. 1.234 or 12,5; use "-" or 0 for none.',
    },
  },
  'merged-figure-cell': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Ô số liệu bị gộp', en: 'Merged figure cell' },
    message: {
      vi: 'Ô "{heading}" nằm trong vùng ô gộp {range}: số của dòng này không có trong tệp (số ở ô {first} là của cả vùng gộp).',
      en: 'The "{heading}" cell is inside the merged range {range}: this row’s figure is not in the file (the number in {first} stands for the whole range).',
    },
    suggestion: {
      vi: 'Bỏ gộp ô, ghi số riêng của từng dòng, từng cột rồi gửi lại.',
      en: 'Unmerge the cells, type each row’s and column’s own figure and send the file again.',
    },
  },
  'missing-value': {
    severity: 'warning',
    group: 'cell',
    title: { vi: 'Ô bỏ trống', en: 'Blank cell' },
    message: {
      vi: 'Ô "{heading}" bỏ trống; được tính là 0.',
      en: 'The "{heading}" cell is blank; it is counted as 0.',
    },
    suggestion: {
      vi: 'Nhập 0 hoặc "-" nếu không có, để xác nhận là không bỏ sót.',
      en: 'Type 0 or "-" if there are none, to confirm nothing was left out.',
    },
  },
  'cell-error': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Ô báo lỗi công thức', en: 'Error value in a cell' },
    message: {
      vi: 'Ô có giá trị lỗi {value} ({heading}).',
      en: 'The cell holds the error value {value} ({heading}).',
    },
    suggestion: {
      vi: 'Sửa công thức của ô (thường do xóa dòng/cột hoặc chia cho 0) rồi lưu lại.',
      en: 'Fix the cell’s formula (often a deleted row or column, or a division by zero) and save again.',
    },
  },
  'formula-no-result': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Công thức chưa có kết quả', en: 'Formula without a saved result' },
    message: {
      vi: 'Ô có công thức ={formula} nhưng tệp không lưu kết quả tính ({heading}).',
      en: 'The cell has the formula ={formula} but the file holds no computed result ({heading}).',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel hoặc LibreOffice, để bảng tính tự tính lại, lưu rồi gửi lại.',
      en: 'Open the file in Excel or LibreOffice so it recalculates, save it and send it again.',
    },
  },
  'not-whole-number': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Số hộ không phải số nguyên', en: 'Count is not a whole number' },
    message: {
      vi: '{heading} là {value}, số hộ phải là số nguyên.',
      en: '{heading} is {valueEn}; a count of households must be a whole number.',
    },
    suggestion: {
      vi: 'Nhập số hộ là số nguyên (dấu chấm ngăn cách hàng nghìn: 1.234).',
      en: 'Type the count as a whole number (dot as thousands separator: 1.234).',
    },
  },
  'negative-value': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Số âm', en: 'Negative number' },
    message: {
      vi: '{heading} là {value}, không được âm.',
      en: '{heading} is {value}; it cannot be negative.',
    },
    suggestion: { vi: 'Sửa lại số liệu của ô.', en: 'Correct the value of the cell.' },
  },
  'percent-out-of-range': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Tỷ lệ ngoài 0–100%', en: 'Rate outside 0–100%' },
    message: {
      vi: '{heading} là {value}, tỷ lệ phải từ 0 đến 100.',
      en: '{heading} is {value}; a rate must be between 0 and 100.',
    },
    suggestion: {
      vi: 'Ghi tỷ lệ dạng phần trăm, ví dụ 18,07 (hoặc định dạng ô %).',
      en: 'Write the rate as a percentage, e.g. 18,07 (or format the cell as %).',
    },
  },
  // ---- the plan's checks -------------------------------------------------------------------------
  'rate-mismatch': {
    severity: 'error',
    otherwise: {
      severity: 'warning',
      when: {
        vi: 'khi lệch không quá 0,05 điểm (làm tròn)',
        en: 'when 0.05 points apart or less (rounding)',
      },
    },
    group: 'rule',
    title: { vi: 'Tỷ lệ không khớp số hộ', en: 'Rate does not match the counts' },
    message: {
      vi: '{heading} ghi {left}%, nhưng tính từ số hộ được {right}% ({rule}).',
      en: '{heading} says {left}%, but the counts give {right}% ({rule}).',
    },
    suggestion: {
      vi: 'Tính lại tỷ lệ = số hộ / tổng số hộ × 100, làm tròn 2 chữ số thập phân.',
      en: 'Recompute the rate = households / total households × 100, rounded to two decimals.',
    },
  },
  'exceeds-group': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Vượt quá tổng của nhóm', en: 'More than its group' },
    message: {
      vi: '{rule}: {left} lớn hơn {right}.',
      en: '{rule}: {left} is more than {right}.',
    },
    suggestion: {
      vi: 'Kiểm tra lại hai cột này; số của một nhóm con không thể lớn hơn nhóm chứa nó.',
      en: 'Check both columns; a part cannot be larger than its whole.',
    },
  },
  'balance-mismatch': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Đầu kỳ – giảm + tăng ≠ cuối kỳ', en: 'Start − decrease + increase ≠ end' },
    message: {
      vi: '{rule}: cuối kỳ ghi {left}, nhưng đầu kỳ − giảm + tăng = {right}.',
      en: '{rule}: the end of period says {left}, but start − decreases + increases = {right}.',
    },
    suggestion: {
      vi: 'Kiểm tra số đầu kỳ, các cột giảm, tăng và số cuối kỳ của dòng này.',
      en: 'Check the start, decrease, increase and end columns of this row.',
    },
  },
  'deprivation-sum-mismatch': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Tổng lượt thiếu hụt sai', en: 'Deprivation total wrong' },
    message: {
      vi: '{rule}: ghi {left}, nhưng cộng [[{indicators} ]]chỉ số được {right}.',
      en: '{rule}: it says {left}, but the [[{indicators} ]]indicators add up to {right}.',
    },
    suggestion: {
      vi: 'Tổng số lượt thiếu hụt phải bằng tổng [[{indicators} ]]cột chỉ số thiếu hụt[[ của {standard}]].',
      en: 'The deprivation total must equal the sum of the [[{indicators} ]]indicator columns[[ of {standardEn}]].',
    },
  },
  'deprivation-too-few': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Hộ nghèo thiếu hụt quá ít', en: 'Too few deprivations for poor households' },
    message: {
      vi: '{rule}: {left} lượt thiếu hụt, ít hơn {right}[[ (mỗi hộ nghèo thiếu ít nhất {poorAtLeast} chỉ số)]].',
      en: '{rule}: {left} deprivations, fewer than {right}[[ (each poor household lacks at least {poorAtLeast} indicators)]].',
    },
    suggestion: {
      vi: 'Kiểm tra lại số hộ nghèo và các cột thiếu hụt[[: theo {standard}, hộ nghèo thiếu hụt từ {poorAtLeast} chỉ số trở lên]].',
      en: 'Check the poor count and the deprivation columns[[: under {standardEn} a poor household lacks {poorAtLeast} or more indicators]].',
    },
  },
  'deprivation-too-many': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Hộ cận nghèo thiếu hụt quá nhiều', en: 'Too many deprivations for near-poor' },
    message: {
      vi: '{rule}: {left} lượt thiếu hụt, nhiều hơn {right}[[ (mỗi hộ cận nghèo thiếu tối đa {nearPoorAtMost} chỉ số)]].',
      en: '{rule}: {left} deprivations, more than {right}[[ (each near-poor household lacks at most {nearPoorAtMost} indicators)]].',
    },
    suggestion: {
      vi: 'Kiểm tra lại số hộ cận nghèo và các cột thiếu hụt[[: theo {standard}, hộ cận nghèo thiếu hụt tối đa {nearPoorAtMost} chỉ số]].',
      en: 'Check the near-poor count and the deprivation columns[[: under {standardEn} a near-poor household lacks at most {nearPoorAtMost} indicators]].',
    },
  },
  'cross-form-mismatch': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Các biểu không khớp nhau', en: 'Forms disagree' },
    message: {
      vi: '{rule}: {left} ≠ {right}.',
      en: '{rule}: {left} ≠ {right}.',
    },
    suggestion: {
      vi: 'Cùng một số liệu ở các biểu phải bằng nhau; sửa biểu bị sai.',
      en: 'The same figure must be equal on every form; correct the wrong one.',
    },
  },
  'subunit-not-in-form': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Dòng không có ở biểu khác', en: 'Row missing from another form' },
    message: {
      vi: 'Dòng "{subunit}" ở Biểu {form} có số liệu, nhưng Biểu {other} không có dòng nào ghi tên như vậy: hai biểu không đối chiếu được với nhau ở dòng này.',
      en: 'The row "{subunit}" of form {form} has figures, but form {other} has no row of that name: the two forms cannot be checked against each other on this row.',
    },
    suggestion: {
      vi: 'Ghi tên "{subunit}" giống nhau ở mọi biểu (cùng cách viết, cùng số thôn); nếu Biểu {other} thiếu dòng này, bổ sung rồi gửi lại.',
      en: 'Write "{subunit}" the same way on every form (same spelling, same number); if form {other} lacks the row, add it and send the file again.',
    },
  },
  'subunit-zero-by-other-forms': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng bỏ trống được ghi 0 theo biểu khác',
      en: 'A row left out read as 0 from the other forms',
    },
    message: {
      vi: 'Biểu {form} {how} "{subunit}". Theo Biểu {by}, "{subunit}" không có hộ nào thuộc nhóm của Biểu {form}, nên mọi số liệu của dòng này ở Biểu {form} đều bằng 0; báo cáo tổng hợp ghi 0.',
      en: 'Form {form} {howEn} "{subunit}". By form {by}, "{subunit}" has no household of the group form {form} counts, so each of its figures on form {form} is 0; the consolidated report shows 0.',
    },
    suggestion: {
      vi: 'Không cần làm gì. Lần sau ghi 0 hoặc "-" vào các ô của dòng để xác nhận là không có.',
      en: 'Nothing to do. Next time write 0 or "-" in the row’s cells to confirm there are none.',
    },
  },
  'subunit-row-blank': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Dòng để trống', en: 'A row left blank' },
    message: {
      vi: 'Biểu {form} để trống cả dòng "{subunit}": các biểu khác không cho biết các số này, nên báo cáo tổng hợp để trống số liệu của "{subunit}" ở Biểu {form} (số của toàn đơn vị vẫn lấy ở dòng tổng).',
      en: 'Form {form} leaves blank the whole row of "{subunit}": no other form gives these figures, so the consolidated report leaves the figures of "{subunit}" on form {form} empty (the unit’s own figures still come from its total row).',
    },
    suggestion: {
      vi: 'Ghi đủ số liệu của dòng (ghi 0 hoặc "-" nếu không có) rồi gửi lại.',
      en: 'Fill in the row (0 or "-" where there is none) and send the file again.',
    },
  },
  'village-name-paired': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Tên thôn viết khác nhau giữa các biểu',
      en: 'A village written differently on two forms',
    },
    message: {
      vi: 'Dòng "{subunit}" ở Biểu {form} được ghép với dòng "{canonical}" ở Biểu {other}: cùng tên thôn, Biểu {form} {how}, và không có thôn nào khác mang tên đó.',
      en: 'The row "{subunit}" of form {form} is paired with the row "{canonical}" of form {other}: the same village, form {form} {howEn}, and no other village has that name.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đúng là một thôn. Lần sau ghi tên thôn giống nhau ở mọi biểu.',
      en: 'Nothing to do if it is one village. Next time write the village’s name the same way on every form.',
    },
  },
  'opening-mismatch': {
    severity: 'error',
    group: 'rule',
    title: {
      vi: 'Số đầu kỳ khác số cuối kỳ trước',
      en: 'Opening figure differs from the previous closing figure',
    },
    message: {
      vi: '{place}: {heading} ghi {opening}, nhưng báo cáo kỳ trước ({previousPeriod}, tệp {previous}) ghi {closingHeading} là {closing}; số đầu kỳ này phải bằng số cuối kỳ trước.',
      en: '{place}: {heading} says {opening}, but the previous report ({previousPeriod}, file {previous}) says {closingHeading} was {closing}; this period must open with the last period’s closing figure.',
    },
    suggestion: {
      vi: 'Sửa ô này cho bằng số cuối kỳ đã báo cáo kỳ trước rồi gửi lại. Nếu chính số kỳ trước sai và đã được điều chỉnh, báo Sở để tổng hợp lại kỳ trước trước khi tổng hợp kỳ này.',
      en: 'Make this cell equal to the closing figure reported last period and send the report again. If last period’s figure was wrong and has been corrected, tell the Department, which consolidates the previous period again first.',
    },
  },
  'total-mismatch': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Dòng tổng không bằng tổng các dòng', en: 'Total row is not the sum' },
    message: {
      vi: 'Dòng tổng ghi {heading} = {left}, nhưng cộng các dòng được {right}.',
      en: 'The total row says {heading} = {left}, but the rows add up to {right}.',
    },
    suggestion: {
      vi: 'Sửa dòng tổng (nên dùng công thức SUM) hoặc số liệu của dòng bị sai.',
      en: 'Correct the total (a SUM formula is best) or the wrong row.',
    },
  },
  'empty-form': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Biểu chưa có số liệu', en: 'Form has no figures' },
    message: {
      vi: 'Biểu {form} chưa có dòng số liệu nào của {level}.',
      en: 'Form {form} has no row of figures for any {level}.',
    },
    suggestion: {
      vi: 'Điền số liệu của từng xã (ghi 0 nếu không có) rồi gửi lại.',
      en: 'Fill in each commune’s figures (0 where there are none) and send again.',
    },
  },
  'stale-formula': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Công thức chưa được tính lại', en: 'Formula not recalculated' },
    message: {
      vi: 'Ô tổng {heading} là công thức ={formula} nhưng kết quả lưu trong tệp ({left}) khác tổng các dòng ({right}): tệp đã được lưu mà chưa tính lại.',
      en: 'The total {heading} is the formula ={formula} but its saved result ({left}) is not the sum of the rows ({right}): the file was saved without recalculating.',
    },
    suggestion: {
      vi: 'Mở tệp bằng Excel hoặc LibreOffice, tính lại (Ctrl+Shift+F9), kiểm tra rồi lưu và gửi lại.',
      en: 'Open the file in Excel or LibreOffice, recalculate (Ctrl+Shift+F9), check it, save and send it again.',
    },
  },
  'sum-skips-text': {
    severity: 'error',
    group: 'rule',
    title: {
      vi: 'Số ghi dạng chữ nên công thức tổng bỏ qua',
      en: 'Figures stored as text left out of a sum',
    },
    message: {
      vi: 'Ô tổng {heading} là công thức ={formula}, kết quả {left}; nhưng {count} ô số liệu của nó ghi dạng chữ (từ ô {first}) nên Excel không cộng: tổng các dòng là {right}.',
      en: 'The total {heading} is the formula ={formula}, result {left}; but {count} of its figures are stored as text (from {first} on), which Excel does not add: the rows add up to {right}.',
    },
    suggestion: {
      vi: 'Chuyển các ô ấy thành số (chọn ô, bấm dấu cảnh báo → Convert to Number, hoặc Data → Text to Columns), kiểm tra lại dòng tổng rồi lưu và gửi lại.',
      en: 'Turn those cells into numbers (select them, click the warning sign → Convert to Number, or Data → Text to Columns), check the total, save and send it again.',
    },
  },
  'row-hidden-set-aside': {
    severity: 'warning',
    group: 'rule',
    title: {
      vi: 'Dòng ẩn có số liệu, không được tổng hợp',
      en: 'A hidden row with figures, not consolidated',
    },
    message: {
      vi: 'Dòng {row} ("{label}") bị ẩn và có số liệu; biểu khi in ra không có dòng ẩn, và dòng tổng cộng bằng tổng các {level} không ẩn, nên dòng {row} không được tổng hợp.',
      en: 'Row {row} ("{label}") is hidden and holds figures; the form as printed has no hidden row, and the total equals the sum of the {level} shown, so row {row} is not consolidated.',
    },
    suggestion: {
      vi: 'Kiểm tra dòng {row} (số liệu cũ, xã đã sáp nhập…?). Nếu dòng đó phải được tính, hiện nó và sửa dòng tổng cộng; nếu không, lần sau xóa dòng ẩn trước khi gửi.',
      en: 'Check row {row} (old figures, a commune merged away…?). If it must be counted, show it and correct the total; if not, delete the hidden row before sending next time.',
    },
  },
  'rows-hidden-subtotal': {
    severity: 'warning',
    group: 'rule',
    title: {
      vi: 'Dòng bị ẩn và dòng tổng dùng SUBTOTAL',
      en: 'Hidden rows under a SUBTOTAL total',
    },
    message: {
      vi: 'Các dòng {rows} bị ẩn (thường do bộ lọc) và có số liệu; dòng tổng dùng hàm SUBTOTAL/AGGREGATE nên tự bỏ qua các dòng ẩn. Đó là cách hiển thị, không phải số liệu cũ: các dòng ẩn vẫn được đọc như mọi dòng và dòng tổng được so với tổng của tất cả các dòng.',
      en: 'Rows {rows} are hidden (usually by a filter) and hold figures; the total uses SUBTOTAL/AGGREGATE, which leaves hidden rows out by itself. That is a view, not old figures: the hidden rows are read as any row and the total is compared with the sum of every row.',
    },
    suggestion: {
      vi: 'Bỏ bộ lọc (hiện mọi dòng) và dùng hàm SUM cho dòng tổng, rồi gửi lại.',
      en: 'Clear the filter (show every row) and use SUM for the total row, and send it again.',
    },
  },
  'row-after-total': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng dưới dòng tổng đọc là dòng "trong đó"',
      en: 'Row under the total read as a breakdown',
    },
    message: {
      vi: 'Dòng {row} ("{label}") nằm dưới dòng tổng, không phải {level} nào trong danh mục và số liệu không vượt dòng tổng; dòng tổng đã bằng tổng các dòng phía trên nên dòng này được đọc là dòng "trong đó" và không cộng vào.',
      en: 'Row {row} ("{label}") is under the total, names no {level} of the registry and stays within the total; the total is already the sum of the rows above, so this row is read as a breakdown ("trong đó") and not added.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là dòng "Trong đó". Nếu đây là một đơn vị bị sót khỏi dòng tổng, sửa dòng tổng, đánh số thứ tự và ghi đúng tên đơn vị như trong danh mục.',
      en: 'Nothing to do if it is a breakdown. If it is a sub-unit left out of the total, correct the total, number the row and write the name as in the registry.',
    },
  },
  'other-period-row': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng số liệu của thời điểm khác dưới dòng tổng',
      en: 'A row of another time under the total',
    },
    message: {
      vi: 'Dòng {row} ("{label}") nằm dưới dòng tổng và ghi một năm khác kỳ báo cáo: là số liệu của thời điểm khác (để so sánh), không phải {level} nào; dòng tổng đã bằng tổng các dòng phía trên nên dòng này không cộng vào.',
      en: 'Row {row} ("{label}") is under the total and names another year than the report’s: the figures of another time (a comparison), no {level}; the total is already the sum of the rows above, so this row is not added.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là dòng so sánh (cùng kỳ năm trước).',
      en: 'Nothing to do if it is a comparison (the same period of an earlier year).',
    },
  },
  'other-figures-row': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng số liệu khác (kế hoạch, đầu kỳ) dưới dòng tổng',
      en: 'A row of other figures (a target, an opening count) under the total',
    },
    message: {
      vi: 'Dòng {row} ("{label}") nằm dưới dòng tổng, không đánh số, không phải {level} nào trong danh mục và ghi số liệu khác (kế hoạch, đầu kỳ, so sánh, tỷ lệ); dòng tổng đã bằng tổng các dòng phía trên nên dòng này không cộng vào.',
      en: 'Row {row} ("{label}") is under the total, unnumbered, names no {level} of the registry and gives other figures (a target, an opening count, a comparison, rates); the total is already the sum of the rows above, so this row is not added.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là dòng kế hoạch, đầu kỳ hay so sánh. Nếu đây là một đơn vị bị sót khỏi dòng tổng, sửa dòng tổng, đánh số thứ tự và ghi đúng tên đơn vị như trong danh mục.',
      en: 'Nothing to do if it is a target, an opening count or a comparison. If it is a sub-unit left out of the total, correct the total, number the row and write the name as in the registry.',
    },
  },
  'rate-as-fraction': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Cột tỷ lệ ghi dạng phân số',
      en: 'Rate column written as fractions',
    },
    message: {
      vi: 'Cột "{heading}" ghi tỷ lệ dạng phân số không có định dạng % (ô {cell} ghi {written}, tức {percent}%): ở mọi dòng, số ghi nhân 100 đúng bằng tỷ lệ tính từ số hộ ({rule}). Đã đọc là phần trăm.',
      en: 'Column "{heading}" holds its rates as fractions without a % format (cell {cell} holds {written}, that is {percent}%): on every row the figure times 100 is the rate its counts make ({ruleEn}). Read as percentages.',
    },
    suggestion: {
      vi: 'Không cần làm gì. Nên định dạng cột là % (hoặc ghi số phần trăm) để người đọc không hiểu nhầm.',
      en: 'Nothing to do. Better format the column as % (or write percentages) so that no reader mistakes it.',
    },
  },
  'rate-row': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng tỷ lệ (%) không phải một đơn vị',
      en: 'A row of percentages is no sub-unit',
    },
    message: {
      vi: 'Dòng {row} ("{label}") là tỷ lệ phần trăm của dòng {of}: mỗi số bằng số ở dòng {of} chia cho cột "{base}" nhân 100. Dòng này không phải một đơn vị: không cộng vào, không kiểm tra như số hộ.',
      en: 'Row {row} ("{label}") gives the percentages of row {of}: each figure is row {of}’s divided by its "{base}", times 100. It is no sub-unit: not added, not checked as counts of households.',
    },
    suggestion: {
      vi: 'Không cần làm gì. Nếu đây là một đơn vị, ghi số hộ (số nguyên) thay cho tỷ lệ.',
      en: 'Nothing to do. If it is a sub-unit, write its counts of households (whole numbers) instead of percentages.',
    },
  },
  'rate-only-row': {
    severity: 'info',
    group: 'rule',
    title: {
      vi: 'Dòng chỉ có tỷ lệ, không có số hộ',
      en: 'A row with a rate and no counts',
    },
    message: {
      vi: 'Dòng {row} ("{label}") chỉ ghi tỷ lệ, không có số hộ nào, và không đánh số thứ tự: không phải một đơn vị, không cộng vào.',
      en: 'Row {row} ("{label}") holds a rate and no count of households, and has no row number: it is no sub-unit and is not added.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đây là dòng chỉ tiêu hay ghi chú. Nếu đây là một đơn vị, ghi số hộ của nó và đánh số thứ tự.',
      en: 'Nothing to do if it is a target or a note. If it is a sub-unit, write its counts of households and number the row.',
    },
  },
  'missing-total-row': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Không có dòng tổng', en: 'No total row' },
    message: {
      vi: 'Biểu {form} không có dòng tổng: không dòng nào bằng tổng các dòng còn lại (một dòng ghi tên xã, thôn hay đánh số tiếp theo các dòng trên là một dòng của danh sách, không phải dòng tổng), nên không thể khẳng định đâu là số liệu của đơn vị.',
      en: 'Form {form} has no total row: no row equals the sum of the others (a row named as a commune or village, or numbered on from the rows above, is one of the list, not its total), so the unit’s figures cannot be confirmed.',
    },
    suggestion: {
      vi: 'Thêm dòng "Tổng cộng" (không đánh số) bằng tổng các dòng xã, thôn (nên dùng công thức SUM) rồi gửi lại.',
      en: 'Add a "Tổng cộng" row (unnumbered) equal to the sum of the commune or village rows (a SUM formula is best) and send again.',
    },
  },
  'subtotals-without-total': {
    severity: 'error',
    group: 'rule',
    title: {
      vi: 'Chỉ có dòng cộng từng nhóm, không có dòng tổng',
      en: 'Group subtotals but no total row',
    },
    message: {
      vi: 'Biểu {form} có {count} dòng cộng (dòng {rows}), mỗi dòng bằng tổng các dòng trong nhóm của nó (xã hay thôn, bản), nhưng không có dòng tổng của cả đơn vị, nên không thể khẳng định đâu là số liệu của đơn vị.',
      en: 'Form {form} has {count} subtotal rows (rows {rows}), each the sum of the rows of its own group (communes or villages), but no total of the whole unit, so the unit’s figures cannot be confirmed.',
    },
    suggestion: {
      vi: 'Thêm dòng "Tổng cộng" bằng tổng các dòng cộng nhóm (nên dùng công thức SUM) rồi gửi lại.',
      en: 'Add a "Tổng cộng" row equal to the sum of the subtotals (a SUM formula is best) and send again.',
    },
  },
  'duplicate-total-row': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Nhiều dòng tổng', en: 'More than one total row' },
    message: {
      vi: 'Biểu {form} có hai dòng tổng (dòng {other} và dòng {row}).',
      en: 'Form {form} has two total rows (rows {other} and {row}).',
    },
    suggestion: { vi: 'Chỉ giữ một dòng "Tổng cộng".', en: 'Keep a single "Tổng cộng" row.' },
  },
  'total-row-repeated': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Dòng tổng ghi hai lần', en: 'Total row given twice' },
    message: {
      vi: 'Biểu {form} ghi dòng tổng hai lần, ở đầu bảng và cuối bảng (dòng {other} và dòng {row}), cùng số liệu ở mọi cột: chỉ tính một lần.',
      en: 'Form {form} gives its total twice, above and below the rows (rows {other} and {row}), with the same figures in every column: counted once.',
    },
    suggestion: {
      vi: 'Không cần sửa; lần sau chỉ giữ một dòng "Tổng cộng".',
      en: 'Nothing to fix; next time keep a single "Tổng cộng" row.',
    },
  },
  'subtotal-mismatch': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Dòng cộng của xã/nhóm không bằng tổng các dòng', en: 'Subtotal is not the sum' },
    message: {
      vi: 'Dòng "{subunit}" ghi {heading} = {left}, nhưng cộng {count} dòng thuộc nó ({rows}) được {right}.',
      en: 'Row "{subunit}" says {heading} = {left}, but its {count} rows ({rows}) add up to {right}.',
    },
    suggestion: {
      vi: 'Sửa dòng cộng của xã (hoặc nhóm) cho bằng tổng các thôn, bản của nó, hoặc sửa dòng bị sai.',
      en: 'Make the commune’s (or group’s) row equal to the sum of its villages, or correct the wrong row.',
    },
  },
  'rows-ambiguous': {
    severity: 'error',
    group: 'rule',
    title: {
      vi: 'Không xác định được đâu là dòng tổng, dòng cộng',
      en: 'Rows can be read two ways',
    },
    message: {
      vi: 'Biểu {form} có thể đọc theo hai cách khác nhau ở các dòng {rows}: {detail}. Phần mềm không đoán.',
      en: 'Form {form} can be read two different ways at rows {rows}: {detail}. The tool does not guess.',
    },
    suggestion: {
      vi: 'Ghi rõ nhãn dòng tổng ("Tổng cộng"), tên xã ("Xã …") và thôn ("Thôn …"), hoặc thêm dòng tổng, rồi gửi lại.',
      en: 'Label the total row ("Tổng cộng"), the communes ("Xã …") and villages ("Thôn …"), or add the total row, and send again.',
    },
  },
  'subunit-unknown': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Tên xã không có trong danh mục', en: 'Commune not in the registry' },
    message: {
      vi: '"{subunit}" không có trong danh mục xã của {unit}.',
      en: '"{subunit}" is not among the communes of {unit} in the registry.',
    },
    suggestion: {
      vi: 'Sửa tên xã theo đúng danh mục (ví dụ "Xã Pá Hu").[[ Nếu đây đúng là {closest}, Sở có thể dạy phần mềm đọc tên này (chỉ cho đơn vị này): {teach}]]',
      en: 'Write the commune’s name as in the registry (e.g. "Xã Pá Hu").[[ If it is {closest}, the Department can teach the tool this name (for this unit only): {teach}]]',
    },
  },
  'subunit-read-as': {
    severity: 'info',
    group: 'rule',
    title: { vi: 'Tên xã được đọc theo tên gần nhất', en: 'Commune name read as the closest one' },
    message: {
      vi: '"{subunit}" được đọc là "{canonical}" ({reason}).',
      en: '"{subunit}" was read as "{canonical}" ({reasonEn}).',
    },
    suggestion: {
      vi: 'Kiểm tra dòng này đúng là của xã được đọc ra; lần sau ghi tên như trong danh mục. Nếu không phải, sửa lại tên xã.',
      en: 'Check that the row is that commune’s and write the name as in the registry next time; if it is not, correct the name.',
    },
  },
  'subunit-not-in-force': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Xã không còn ở kỳ này', en: 'Commune not in existence that period' },
    // {span}: "không còn từ ngày 01/02/2020" (merged away), or "chỉ có từ ngày …" (founded later).
    message: {
      vi: 'Theo danh mục, {canonical} {span}, nhưng biểu có dòng "{subunit}"; số liệu của dòng vẫn được cộng vào {unit}.',
      en: 'By the registry, {canonical} {spanEn}, yet the form has the row "{subunit}"; its figures are still added to {unit}.',
    },
    suggestion: {
      vi: 'Nếu xã đã sáp nhập, gộp số liệu của dòng vào xã mới rồi bỏ dòng này; nếu danh mục sai, báo Sở sửa danh mục.',
      en: 'If the commune was merged, add the row’s figures to the new commune’s and remove the row; if the registry is wrong, ask the Department to correct it.',
    },
  },
  'subunit-name-missing': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Dòng có số liệu mà không có tên', en: 'Row with figures but no name' },
    message: {
      vi: 'Dòng {row} có số liệu nhưng ô tên ({cell}) để trống: không biết số liệu đó của xã (thôn, bản) nào.',
      en: 'Row {row} has figures but its name cell ({cell}) is blank: whose figures they are is not known.',
    },
    suggestion: {
      vi: 'Ghi tên xã (thôn, bản, tổ dân phố) vào ô {cell}.',
      en: 'Write the commune’s (village’s) name in cell {cell}.',
    },
  },
  'subunit-duplicate': {
    severity: 'error',
    group: 'rule',
    title: { vi: 'Một xã ghi hai lần', en: 'Commune listed twice' },
    message: {
      vi: '"{subunit}" có ở cả dòng {other} và dòng {row}.',
      en: '"{subunit}" is on both row {other} and row {row}.',
    },
    suggestion: {
      vi: 'Xóa dòng trùng hoặc sửa tên xã cho đúng.',
      en: 'Delete the duplicate row or correct the name.',
    },
  },
  'subunit-missing': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Thiếu xã', en: 'Commune missing' },
    message: {
      vi: 'Biểu {form} không có dòng của "{subunit}".',
      en: 'Form {form} has no row for "{subunit}".',
    },
    suggestion: {
      vi: 'Bổ sung dòng của xã (ghi 0 nếu không có hộ nào).',
      en: 'Add the commune’s row (with 0 if it has none).',
    },
  },
  'subunits-none': {
    severity: 'warning',
    group: 'rule',
    title: { vi: 'Không có dòng xã nào', en: 'No commune rows' },
    message: {
      vi: 'Biểu {form} chỉ có dòng tổng của {unit}, không có dòng của xã nào ({count} xã theo danh mục): báo cáo tổng hợp sẽ không có số liệu từng xã của đơn vị này.',
      en: 'Form {form} has only the total row of {unit} and no commune rows ({count} communes in the registry): the consolidated report will give none of its communes’ figures.',
    },
    suggestion: {
      vi: 'Bổ sung các dòng của từng xã theo mẫu biểu (ghi 0 cho xã không có hộ nào) rồi gửi lại.',
      en: 'Add a row for each commune as the form lays out (0 for a commune with none) and send it again.',
    },
  },
  'subunits-mismatch': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Các xã không thuộc đơn vị', en: 'Communes belong to another unit' },
    message: {
      vi: '{count} trong {total} tên xã ở Biểu {form} không thuộc {unit}{likely}; tệp có thể là báo cáo của đơn vị khác.',
      en: '{count} of the {total} commune names of form {form} are not communes of {unit}{likely}; the file may be another unit’s report.',
    },
    suggestion: {
      vi: 'Kiểm tra tệp có đúng của đơn vị này không (tên tệp, phần đầu biểu); nếu đúng, sửa tên xã theo danh mục.',
      en: 'Check that the file is this unit’s (file name, title block); if it is, write the communes’ names as in the registry.',
    },
  },
  'subunit-of-other-unit': {
    severity: 'error',
    group: 'identity',
    title: { vi: 'Dòng của đơn vị khác', en: 'A row of another unit' },
    // {what}: the old commune and the unit it went into, or another unit of the registry.
    message: {
      vi: 'Dòng "{subunit}" là {what}, không thuộc {unit}: số liệu của dòng này là của đơn vị khác.',
      en: 'The row "{subunit}" is {whatEn}, not part of {unit}: its figures are another unit’s.',
    },
    suggestion: {
      vi: 'Kiểm tra tệp có đúng của {unit} không (tên tệp, phần đầu biểu) và bỏ dòng này khỏi báo cáo; nếu dòng đúng là của {unit}, sửa lại tên dòng (dòng thôn, bản ghi tên thôn, bản, không ghi "Xã", "Phường", "Thị trấn").',
      en: 'Check that the file is {unit}’s (file name, title block) and take this row out of the report; if the row is {unit}’s, correct its name (a village’s row: the village’s name, without "Xã", "Phường", "Thị trấn").',
    },
  },
  'subunits-not-checked': {
    severity: 'info',
    group: 'rule',
    title: { vi: 'Tên xã chưa được đối chiếu', en: 'Commune names not checked' },
    // {level}: the registry's sub-unit level (communes before 2025, villages of a commune after).
    message: {
      vi: 'Danh mục chưa có danh sách {level} của {unit}; tên {level} được lấy như đã ghi.',
      en: 'The registry has no {levelEn} list for {unit}; {levelEn} names are taken as written.',
    },
    suggestion: {
      vi: 'Không cần làm gì; Sở có thể bổ sung danh sách này vào danh mục.',
      en: 'Nothing to do; the Department may add the list to the registry.',
    },
  },
  // ---- consolidation ---------------------------------------------------------------------------
  'blank-template': {
    severity: 'info',
    group: 'submission',
    title: { vi: 'Mẫu biểu trống', en: 'Blank template' },
    message: {
      vi: 'Đây là mẫu biểu trống do povreport tạo cho {unit} (kỳ {period}), chưa có số liệu nào: để riêng, không tính là báo cáo của đơn vị.',
      en: 'This is a blank form made by povreport for {unit} (period {period}), with no figures in it: set aside, not counted as the unit’s report.',
    },
    suggestion: {
      vi: 'Nếu mẫu chỉ bị để lẫn vào thư mục nhận báo cáo, chuyển nó ra chỗ khác; nếu đơn vị gửi lại mẫu chưa điền, đề nghị điền số liệu rồi gửi lại.',
      en: 'If the form was only left in the inbox folder, move it elsewhere; if the unit sent it back unfilled, ask for the figures to be filled in and sent again.',
    },
  },
  'duplicate-submission': {
    severity: 'error',
    group: 'submission',
    title: { vi: 'Cùng một tệp cho hai đơn vị', en: 'Same file for two units' },
    message: {
      vi: 'Tệp này giống hệt tệp {other} được nhận là của {otherUnit}; không thể là báo cáo của cả hai đơn vị.',
      en: 'This file is identical to {other}, taken as {otherUnit}’s; it cannot be both units’ report.',
    },
    suggestion: {
      vi: 'Xác định tệp là của đơn vị nào, đổi tên hoặc xóa bản chép nhầm rồi tổng hợp lại.',
      en: 'Find out whose report it is, rename or remove the mistaken copy and consolidate again.',
    },
  },
  'missing-form': {
    severity: 'error',
    group: 'submission',
    title: { vi: 'Thiếu biểu', en: 'Form missing' },
    message: {
      vi: 'Báo cáo của {unit} thiếu Biểu {form}.',
      en: 'The report of {unit} lacks form {form}.',
    },
    suggestion: {
      vi: 'Đề nghị đơn vị gửi bổ sung Biểu {form}.',
      en: 'Ask the unit to send form {form}.',
    },
  },
  'superseded-submission': {
    severity: 'warning',
    group: 'submission',
    title: { vi: 'Bản báo cáo cũ được thay thế', en: 'Superseded submission' },
    message: {
      vi: 'Biểu {form} của {unit} trong tệp này (ngày {date}) được thay bằng bản mới hơn {newer} (ngày {newerDate}).',
      en: 'Form {form} of {unit} in this file (dated {date}) is replaced by the newer {newer} (dated {newerDate}).',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đúng là đơn vị đã gửi lại; nên chuyển tệp cũ ra khỏi thư mục.',
      en: 'Nothing to do if the unit did resend it; better move the old file out of the folder.',
    },
  },
  'submission-other-subunits': {
    severity: 'error',
    group: 'submission',
    title: {
      vi: 'Bản gửi sau không có xã (thôn) nào của bản trước',
      en: 'Newer submission shares no sub-unit with the older',
    },
    message: {
      vi: 'Biểu {form} của {unit} trong tệp này (bản mới nhất) không có xã, phường, thị trấn (thôn, bản) nào trùng với bản trước trong {older}: đây không phải cùng một báo cáo gửi lại, mà một trong hai tệp là của đơn vị khác bị nhận nhầm là của {unit}.',
      en: 'Form {form} of {unit} in this file (the newest) shares no commune (village) with the older one in {older}: this is not the same report sent again; one of the two files is another unit’s, taken for {unit}.',
    },
    suggestion: {
      vi: 'Mở hai tệp xem tệp nào là của {unit}; đổi tên hoặc ghi tên đơn vị ở phần đầu biểu của tệp kia (hoặc chuyển nó ra khỏi thư mục) rồi tổng hợp lại.',
      en: 'Open both files to see which is {unit}’s; rename the other or write its unit in its title (or move it out of the folder) and consolidate again.',
    },
  },
  'conflicting-submission': {
    severity: 'error',
    group: 'submission',
    title: {
      vi: 'Hai bản báo cáo cùng ngày khác số liệu',
      en: 'Two same-day submissions disagree',
    },
    message: {
      vi: 'Biểu {form} của {unit} có ở cả tệp này và {other}, cùng ngày {date} nhưng số liệu khác nhau; không biết dùng bản nào.',
      en: 'Form {form} of {unit} is in this file and in {other}, both dated {date}, with different numbers; it is unclear which to use.',
    },
    suggestion: {
      vi: 'Hỏi đơn vị bản nào đúng, chuyển bản kia ra khỏi thư mục rồi tổng hợp lại.',
      en: 'Ask the unit which one is right, move the other out of the folder and consolidate again.',
    },
  },
  // ---- the run ---------------------------------------------------------------------------------
  'email-invalid': {
    severity: 'error',
    group: 'run',
    title: { vi: 'Địa chỉ thư không hợp lệ', en: 'Invalid e-mail address' },
    message: {
      vi: 'Địa chỉ thư của {unit} trong danh mục đơn vị ("{address}") không dùng được: {reasonVi}. Thư nhắc không được gửi đi.',
      en: 'The e-mail address of {unit} in the unit registry ("{address}") cannot be used: {reasonEn}. The reminder was not sent.',
    },
    suggestion: {
      vi: 'Sửa trường "email" của đơn vị trong tệp danh mục (--registry): đúng một địa chỉ dạng ten@mien.vn, không có tên hiển thị, dấu phẩy, dấu chấm phẩy hay xuống dòng; rồi chạy lại. Tệp .eml của thư này (nếu đã ghi) không có người nhận: điền địa chỉ đúng nếu gửi tay.',
      en: 'Correct the unit’s "email" in the registry file (--registry): exactly one address such as name@domain.vn, with no display name, comma, semicolon or line break; then run again. The .eml file of this letter (if written) has no recipient: fill in the right address to send it by hand.',
    },
  },
  'receipt-log-header': {
    severity: 'warning',
    group: 'run',
    title: { vi: 'Sổ nhận báo cáo thiếu cột', en: 'Receipt log without its columns' },
    message: {
      vi: 'Sổ nhận báo cáo (--receipts) không có dòng tiêu đề với cột tên tệp và cột ngày nhận; sổ không được dùng.',
      en: 'The receipt log (--receipts) has no header row with a file column and a received-date column; it was not used.',
    },
    suggestion: {
      vi: 'Dòng đầu của tệp CSV ghi "tệp,ngày nhận" (hoặc "file,received"), mỗi dòng sau một tệp và ngày nhận dạng 15/06/2022.',
      en: 'Start the CSV with the header "file,received" (or "tệp,ngày nhận"), then one file and its received date such as 15/06/2022 per row.',
    },
  },
  'receipt-log-bad-row': {
    severity: 'warning',
    group: 'run',
    title: { vi: 'Dòng sổ nhận không dùng được', en: 'Unusable receipt log row' },
    message: {
      vi: 'Dòng {line} của sổ nhận báo cáo (tệp "{name}", ngày "{date}") thiếu tên tệp hoặc ngày không hợp lệ; đã bỏ qua.',
      en: 'Row {line} of the receipt log (file "{name}", date "{date}") has no file name or an invalid date; it was skipped.',
    },
    suggestion: {
      vi: 'Ghi ngày dạng ngày/tháng/năm (15/06/2022) hoặc 2022-06-15, và tên tệp như trong thư mục nhận báo cáo.',
      en: 'Write the date as day/month/year (15/06/2022) or 2022-06-15, and the file name as it is in the inbox folder.',
    },
  },
  'receipt-log-unknown-file': {
    severity: 'warning',
    group: 'run',
    title: { vi: 'Sổ nhận ghi tệp không có', en: 'Receipt log names a missing file' },
    message: {
      vi: 'Dòng {line} của sổ nhận báo cáo ghi tệp "{name}", nhưng không có tệp nào như vậy trong các tệp đang xét.',
      en: 'Row {line} of the receipt log names "{name}", but no such file is among the files checked.',
    },
    suggestion: {
      vi: 'Kiểm tra tên tệp trong sổ (đúng như tên trong thư mục, hoặc tên tệp thư .eml), hoặc đặt tệp đó vào thư mục nhận báo cáo.',
      en: 'Check the file name in the log (as it is in the folder, or the .eml message’s name), or put that file into the inbox folder.',
    },
  },
  // ---- household lists (issue 11) -------------------------------------------------------------
  'list-hidden-sheet-skipped': {
    severity: 'warning',
    group: 'layout',
    title: { vi: 'Bỏ qua danh sách ở sheet ẩn', en: 'Hidden list sheet skipped' },
    message: {
      vi: 'Sheet ẩn "{sheet}" cũng là danh sách hộ nhưng không được tính: tệp có danh sách ở sheet đang hiện (sheet ẩn thường là bản nháp hay danh sách năm trước).',
      en: 'Hidden sheet "{sheet}" is a household list too but is not counted: the file has a list on a visible sheet (a hidden one is usually a draft or last year’s list).',
    },
    suggestion: {
      vi: 'Nếu các hộ ở sheet ẩn thuộc danh sách kỳ này, hãy hiện sheet đó và gửi lại; nếu không, xóa sheet đó.',
      en: 'If the hidden sheet’s households belong to this period’s list, unhide it and send the file again; if not, delete the sheet.',
    },
  },
  'list-recognised': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Danh sách hộ', en: 'Household list' },
    message: {
      vi: 'Sheet "{sheet}" là danh sách hộ: {households} hộ, {members} dòng thành viên.',
      en: 'Sheet "{sheet}" is a household list: {households} households, {members} member rows.',
    },
    suggestion: {
      vi: 'Không cần làm gì; danh sách được đối chiếu với các biểu tổng hợp của đơn vị.',
      en: 'Nothing to do; the list is compared with the unit’s summary forms.',
    },
  },
  'list-no-code-column': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Danh sách hộ không có cột mã hộ', en: 'Household list has no code column' },
    message: {
      vi: 'Sheet "{sheet}" là danh sách hộ nhưng không tìm thấy cột "Mã hộ": không kiểm tra được hộ trùng.',
      en: 'Sheet "{sheet}" is a household list but has no "Mã hộ" (household code) column: repeated households cannot be checked.',
    },
    suggestion: {
      vi: 'Thêm cột "Mã hộ" với mã của từng hộ.',
      en: 'Add a "Mã hộ" column holding each household’s code.',
    },
  },
  'list-no-flags': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Không tìm thấy đủ 12 chỉ số thiếu hụt', en: 'Deprivation flags block not found' },
    message: {
      vi: 'Sheet "{sheet}": chỉ tìm thấy {found}/{expected} cột chỉ số thiếu hụt; không kiểm tra được điểm B và các biểu 04, 05.',
      en: 'Sheet "{sheet}": only {found} of the {expected} deprivation indicator columns were found; score B and forms 04, 05 cannot be checked.',
    },
    suggestion: {
      vi: 'Đặt đủ các cột chỉ số thiếu hụt theo thứ tự của chuẩn nghèo, dưới một tiêu đề nhóm ("Các chỉ số thiếu hụt") và đánh số 1–{expected}, hoặc ghi tên từng chỉ số.',
      en: 'Give every deprivation indicator its column in the standard’s order, under a group heading ("Các chỉ số thiếu hụt") numbered 1–{expected}, or name each indicator.',
    },
  },
  'list-flags-order': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Các chỉ số thiếu hụt không đúng thứ tự', en: 'Deprivation flags out of order' },
    message: {
      vi: 'Sheet "{sheet}": các cột chỉ số thiếu hụt không theo thứ tự của chuẩn nghèo; danh sách không được đọc theo các cột này.',
      en: 'Sheet "{sheet}": the deprivation indicator columns are not in the standard’s order; they were not read.',
    },
    suggestion: {
      vi: 'Sắp các cột chỉ số theo thứ tự 1–12 của chuẩn nghèo.',
      en: 'Put the indicator columns in the standard’s order 1–12.',
    },
  },
  'list-column-ambiguous': {
    severity: 'error',
    group: 'layout',
    title: { vi: 'Không rõ cột nào của danh sách hộ', en: 'Household list column is ambiguous' },
    message: {
      vi: 'Sheet "{sheet}": các cột {columns} đều có thể là "{id}"; povreport không đoán.',
      en: 'Sheet "{sheet}": columns {columns} could each be "{id}"; povreport does not guess.',
    },
    suggestion: {
      vi: 'Sửa tiêu đề để chỉ một cột mang nghĩa này.',
      en: 'Change the headings so that only one column means this.',
    },
  },
  'list-column-hidden': {
    severity: 'warning',
    group: 'layout',
    title: {
      vi: 'Cột ẩn của danh sách hộ cùng tiêu đề với một cột, dùng cột không ẩn',
      en: 'A hidden list column with another column’s heading, the shown one used',
    },
    message: {
      vi: 'Sheet "{sheet}": cột {cell} bị ẩn, cùng tiêu đề "{heading}" với cột {other}; danh sách khi in ra không có cột ẩn, nên cột {other} được đọc và cột {cell} bị bỏ qua.',
      en: 'Sheet "{sheet}": column {cell} is hidden and has the heading "{heading}" of column {other}; the list as printed has no hidden column, so column {other} is read and column {cell} is left out.',
    },
    suggestion: {
      vi: 'Kiểm tra cột {cell} (số liệu năm trước, bản nháp…?). Nếu cột ẩn mới đúng, hiện nó và xóa cột {other}; nếu không, lần sau xóa cột ẩn trước khi gửi.',
      en: 'Check column {cell} (last year’s figures, a draft…?). If the hidden one is right, show it and delete column {other}; if not, delete the hidden column before sending next time.',
    },
  },
  'list-commune-ambiguous': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Tên sheet và tiêu đề danh sách hộ ghi hai xã khác nhau',
      en: 'List sheet’s name and title name two communes',
    },
    message: {
      vi: 'Sheet "{sheet}": tên sheet là {tab}, nhưng tiêu đề (ô {cell}) ghi {title}; povreport không đoán danh sách là của xã nào. Các hộ của sheet được tính cho đơn vị nhưng không cho xã nào (không được đối chiếu với số của xã).',
      en: 'Sheet "{sheet}": the sheet is named after {tab} but its title (cell {cell}) names {title}; povreport does not guess whose list it is. Its households count for the unit but for no commune (not compared with a commune’s figures).',
    },
    suggestion: {
      vi: 'Sửa tên sheet hoặc tiêu đề để cả hai ghi đúng xã của danh sách.',
      en: 'Correct the sheet name or the title so that both name the list’s commune.',
    },
  },
  'list-place-column-by-content': {
    severity: 'info',
    group: 'layout',
    title: {
      vi: 'Cột huyện hoặc xã của danh sách hộ nhận ra theo nội dung',
      en: 'List district or commune column found by its cells',
    },
    message: {
      vi: 'Sheet "{sheet}": cột {column}{heading} ghi tên {places} ở mọi dòng hộ nên được đọc là cột {place}.',
      en: 'Sheet "{sheet}": column {column}{headingEn} names {placesEn} on every household row, so it is read as the {placeEn} column.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu đúng; nên đặt tiêu đề cột theo mẫu ("Huyện", "Xã, phường, thị trấn").',
      en: 'Nothing to do if this is right; the column is best headed as in the form ("Huyện", "Xã, phường, thị trấn").',
    },
  },
  'list-place-columns-disagree': {
    severity: 'error',
    group: 'layout',
    title: {
      vi: 'Hai cột của danh sách hộ ghi huyện hoặc xã khác nhau',
      en: 'Two list columns name different districts or communes',
    },
    message: {
      vi: 'Sheet "{sheet}": không có cột nào có tiêu đề là {place}, và hai cột đều ghi tên {places} nhưng khác nhau ở ô {first} và ô {second}; povreport không đoán cột nào là {place} của hộ. Các hộ của sheet không được tính theo {place}.',
      en: 'Sheet "{sheet}": no column is headed as the {placeEn}, and two columns name {placesEn} but differ at cells {first} and {second}; povreport does not guess which is the household’s {placeEn}. The sheet’s households are not counted by {placeEn}.',
    },
    suggestion: {
      vi: 'Đặt tiêu đề theo mẫu ("Huyện", "Xã, phường, thị trấn") cho cột ghi {place} của hộ, hoặc sửa cho hai cột khớp nhau.',
      en: 'Head the column holding the household’s {placeEn} as in the form ("Huyện", "Xã, phường, thị trấn"), or make the two columns agree.',
    },
  },
  'list-commune-unknown': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Xã trong danh sách không có trong danh mục',
      en: 'List commune not in the registry',
    },
    message: {
      vi: 'Xã "{name}" trong danh sách hộ không thuộc danh mục của {unit}; các hộ của xã này không được đối chiếu.',
      en: 'Commune "{name}" of the household list is not in the registry of {unit}; its households are not compared.',
    },
    suggestion: {
      vi: 'Sửa tên xã theo danh mục, hoặc cập nhật danh mục đơn vị.',
      en: 'Spell the commune as the registry does, or update the registry.',
    },
  },
  'list-label-ambiguous': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Dòng nhóm trong danh sách vừa là tên xã vừa là tên thôn',
      en: 'List group row reads as a commune and as a village',
    },
    message: {
      vi: 'Dòng nhóm ở ô {cell} vừa là tên {commune}, vừa có thể là một thôn, bản của {current}: không biết các hộ dưới dòng này thuộc xã nào. Số liệu của hai xã này không tính được từ danh sách (không được đối chiếu).',
      en: 'The group row at cell {cell} reads as {commune} and as a village of {current}: which commune the households under it belong to is not known. Neither commune’s figures are derived from the list (not compared).',
    },
    suggestion: {
      vi: 'Ghi rõ loại ở dòng nhóm: "Xã …" cho xã, "Thôn …"/"Bản …" cho thôn bản đặt ở cùng cột với các thôn bản khác.',
      en: 'Make the group row say what it is: "Xã …" for a commune; a village written in the same column as the other villages.',
    },
  },
  'list-commune-name-ambiguous': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Tên xã trong danh sách khớp hai xã của danh mục',
      en: 'List commune name fits two registry communes',
    },
    message: {
      vi: 'Xã "{name}" trong danh sách hộ khớp hơn một xã của {unit} ({candidates}); povreport không đoán. Các hộ ghi như vậy không được tính cho xã nào, và số liệu của các xã đó không tính được từ danh sách (không được đối chiếu).',
      en: 'Commune "{name}" of the household list fits more than one commune of {unit} ({candidates}); povreport does not guess. Its households count for no commune, and those communes’ figures are not derived from the list (not compared).',
    },
    suggestion: {
      vi: 'Ghi tên xã đầy đủ như trong danh mục, có chữ "Xã", "Phường" hay "Thị trấn".',
      en: 'Write the commune in full as the registry does, with "Xã", "Phường" or "Thị trấn".',
    },
  },
  'list-district-unknown': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Huyện trong danh sách không chỉ ra đúng một đơn vị',
      en: 'List district names no one unit',
    },
    message: {
      vi: 'Ô {cell} (huyện của hộ) không khớp đơn vị nào của danh mục, hoặc khớp hai đơn vị; các hộ có ô huyện ghi như vậy không được tính cho đơn vị nào và không được đối chiếu.',
      en: 'Cell {cell} (the household’s district) matches no unit of the registry, or two; the households whose district cell says so count for no unit and are not compared.',
    },
    suggestion: {
      vi: 'Ghi tên huyện theo danh mục ("Huyện Lục Yên", "Lục Yên" hoặc "H. Lục Yên"); nội dung ô không được in ra vì có thể là tên người.',
      en: 'Write the district as the registry names it ("Huyện Lục Yên", "Lục Yên" or "H. Lục Yên"); its text is not printed as it may be a person’s name.',
    },
  },
  'list-commune-blank': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Ô xã của hộ để trống',
      en: 'Household’s commune cell blank',
    },
    message: {
      vi: 'Ô {cell} (xã của hộ) để trống, trong khi cột xã được ghi ở từng dòng: không biết hộ thuộc xã nào. Hộ được tính cho đơn vị nhưng không cho xã nào, và số liệu từng xã của sheet không tính được từ danh sách (không được đối chiếu).',
      en: 'Cell {cell} (the household’s commune) is blank while the commune column is written on each row: which commune the household is of is not known. It counts for the unit but for no commune, and the sheet’s communes’ figures cannot be derived from the list (not compared).',
    },
    suggestion: {
      vi: 'Ghi tên xã của hộ vào ô này (hoặc chỉ ghi tên xã ở dòng đầu của mỗi xã, hoặc gộp ô xã theo từng xã).',
      en: 'Write the household’s commune in this cell (or write the commune only on the first row of each commune, or merge the commune cell over each commune’s rows).',
    },
  },
  'list-commune-unreadable': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Ô xã trong danh sách không đọc được là tên xã',
      en: 'List commune cell does not read as a commune',
    },
    message: {
      vi: 'Ô {cell} không đọc được là tên xã của {unit}: không giống tên nào trong danh mục, và không chỉ là chữ "Xã", "Phường", "Thị trấn" với một tên ngắn (ô có thể ghi cả tên người, nên không được in ra); hộ ở dòng này không tính cho xã nào, và vì không biết hộ thuộc xã nào, số liệu các xã của {unit} trong sheet này không tính được từ danh sách (không được đối chiếu).',
      en: 'Cell {cell} does not read as a commune of {unit}: close to no registry name, and not just "Xã", "Phường", "Thị trấn" and a short name (the cell may hold a person’s name too, so it is not printed); the household of this row counts for no commune, and as its commune is not known, the figures of {unit}’s communes in this sheet are not derived from the list (not compared).',
    },
    suggestion: {
      vi: 'Ghi tên xã theo danh mục vào ô này (có thể đã ghi nhầm cột); nội dung ô không được in ra vì có thể là tên người.',
      en: 'Write the commune as the registry names it in this cell (a value may have gone into the wrong column); its text is not printed as it may be a person’s name.',
    },
  },
  'list-flag-unreadable': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Ô chỉ số thiếu hụt không đọc được', en: 'Unreadable deprivation flag' },
    message: {
      vi: 'Hộ mã {code}: ô của chỉ số thiếu hụt {indicator} không ghi "x"/"1" (thiếu) hay để trống/"0" (không thiếu).',
      en: 'Household {code}: the cell of deprivation indicator {indicator} says neither "x"/"1" (lacking) nor blank/"0" (not lacking).',
    },
    suggestion: {
      vi: 'Ghi "x" nếu hộ thiếu hụt chỉ số này, để trống nếu không.',
      en: 'Write "x" when the household lacks this indicator, leave it blank otherwise.',
    },
  },
  'list-score-deprivation': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Điểm B khác số chỉ số thiếu hụt', en: 'Score B differs from the flags' },
    message: {
      vi: 'Hộ mã {code}: điểm B ghi {written} nhưng hộ thiếu {flags} chỉ số, điểm B phải là {expected}.',
      en: 'Household {code}: score B is {written} but the household lacks {flags} indicators, so B must be {expected}.',
    },
    suggestion: {
      vi: 'Sửa điểm B hoặc các ô chỉ số thiếu hụt của hộ.',
      en: 'Correct score B or the household’s deprivation flags.',
    },
  },
  'list-beside-forms': {
    severity: 'warning',
    group: 'layout',
    title: {
      vi: 'Danh sách hộ nằm chung tệp với các biểu',
      en: 'A household list in the forms’ workbook',
    },
    message: {
      vi: 'Sheet "{sheet}" là danh sách hộ nằm chung tệp với các biểu tổng hợp: danh sách này không được kiểm tra và không được đối chiếu với các biểu.',
      en: 'Sheet "{sheet}" is a household list in the same workbook as the summary forms: the list is not checked nor compared with the forms.',
    },
    suggestion: {
      vi: 'Gửi danh sách hộ thành một tệp riêng (chép sheet này sang tệp mới) để được kiểm tra và đối chiếu; các biểu của tệp vẫn được tổng hợp như thường.',
      en: 'Send the household list as a file of its own (copy this sheet to a new workbook) to have it checked and compared; the workbook’s forms are consolidated as usual.',
    },
  },
  'list-block-ambiguous': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Dòng tên khối trong danh sách ghi tên nhiều xã',
      en: 'A list’s block title names several communes',
    },
    message: {
      vi: 'Dòng {row} ghi tên nhiều xã ({communes}): không biết các hộ dưới dòng này thuộc xã nào. Số liệu của các xã đó{above} không tính được từ danh sách (không được đối chiếu).',
      en: 'Row {row} names several communes ({communes}): which commune the households under it belong to is not known. The figures of those communes{aboveEn} are not derived from the list (not compared).',
    },
    suggestion: {
      vi: 'Mỗi xã một khối, mở đầu bằng dòng chỉ ghi tên một xã; hoặc thêm cột "Xã" ghi tên xã của từng hộ.',
      en: 'Give each commune its own block, opened by a line naming that commune only; or add a "Xã" column with each household’s commune.',
    },
  },
  'list-heading-repeated': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Dòng tiêu đề lặp lại trong danh sách', en: 'A list’s heading repeated' },
    message: {
      vi: 'Dòng {row}{others} ghi lại đúng dòng tiêu đề của danh sách; các dòng này không được tính là hộ.',
      en: 'Row {row}{othersEn} repeats the list’s heading row; these rows are not counted as households.',
    },
    suggestion: {
      vi: 'Không cần làm gì; nếu danh sách được ghép từ danh sách của nhiều xã, kiểm tra lại rằng không thiếu xã nào.',
      en: 'Nothing to do; if the list was put together from several communes’ lists, check that none is missing.',
    },
  },
  'list-block-commune': {
    severity: 'info',
    group: 'layout',
    title: { vi: 'Danh sách của một xã bắt đầu', en: 'A commune’s block of the list starts' },
    message: {
      vi: 'Dòng {row} ghi tên {commune}: các hộ từ dòng này trở xuống (đến khi gặp tên xã khác) được tính cho {commune}.',
      en: 'Row {row} names {commune}: the households from this row down (until another commune is named) are counted for {commune}.',
    },
    suggestion: {
      vi: 'Không cần làm gì nếu các hộ đó đúng là của xã này; nếu không, thêm cột "Xã" ghi tên xã của từng hộ.',
      en: 'Nothing to do if these households are that commune’s; otherwise add a "Xã" column with each household’s commune.',
    },
  },
  'list-total-row': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Dòng tổng của danh sách không khớp', en: 'A list’s total row does not add up' },
    message: {
      vi: 'Dòng tổng ghi {stated} nhưng các hộ của danh sách cộng lại là {sum} ({households} hộ).',
      en: 'The total row says {stated} but the households of the list add up to {sum} ({households} households).',
    },
    suggestion: {
      vi: 'Sửa dòng tổng cho bằng tổng các hộ (nên dùng công thức SUM), hoặc kiểm tra lại các hộ.',
      en: 'Make the total row the sum of the households (a SUM formula is best), or check the households again.',
    },
  },
  'list-status': {
    severity: 'error',
    group: 'cell',
    title: {
      vi: 'Diễn biến không khớp phân loại hộ',
      en: 'Status disagrees with the classification',
    },
    message: {
      vi: 'Hộ mã {code}: cột diễn biến cho thấy hộ là {implied} nhưng hộ được phân loại là {written}.',
      en: 'Household {code}: its status makes it {impliedEn} but it is classified {writtenEn}.',
    },
    suggestion: {
      vi: 'Sửa diễn biến (nghèo mới, tái nghèo, cận nghèo mới…) hoặc phân loại của hộ.',
      en: 'Correct the household’s status (new, relapsed…) or its classification.',
    },
  },
  'list-score-income': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Điểm A không hợp lệ', en: 'Invalid score A' },
    message: {
      vi: 'Hộ mã {code}: điểm A ghi {written}, điểm A phải là một số từ 0 trở lên.',
      en: 'Household {code}: score A is {written}; score A must be a number of 0 or more.',
    },
    suggestion: {
      vi: 'Ghi điểm A (thu nhập) của hộ theo phiếu rà soát.',
      en: 'Write the household’s score A (income) from its review form.',
    },
  },
  'list-classification': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Phân loại hộ không khớp điểm', en: 'Classification disagrees with the scores' },
    message: {
      vi: 'Hộ mã {code}: ghi là {written} nhưng điểm A {scoreIncome} (ngưỡng {incomeLine}) và điểm B {scoreDeprivation} (hộ nghèo từ {poorThreshold}) cho {expected}.',
      en: 'Household {code}: classified {writtenEn} but score A {scoreIncome} (line {incomeLine}) and score B {scoreDeprivation} (poor from {poorThreshold}) make it {expectedEn}.',
    },
    suggestion: {
      vi: 'Kiểm tra lại điểm của hộ hoặc sửa phân loại.',
      en: 'Check the household’s scores again or correct its classification.',
    },
  },
  'list-classification-unknown': {
    severity: 'warning',
    group: 'cell',
    title: { vi: 'Không kiểm tra được phân loại hộ', en: 'Classification cannot be checked' },
    message: {
      vi: 'Hộ mã {code}: không có điểm A hoặc không biết hộ ở thành thị hay nông thôn nên không kiểm tra được phân loại.',
      en: 'Household {code}: no score A, or no telling urban from rural, so its classification cannot be checked.',
    },
    suggestion: {
      vi: 'Ghi điểm A của hộ; nếu danh sách gồm nhiều xã, ghi tên xã hoặc khu vực.',
      en: 'Write the household’s score A; in a list of several communes, give the commune or the area.',
    },
  },
  'list-ethnicity-unknown': {
    severity: 'warning',
    group: 'cell',
    title: { vi: 'Không rõ hộ có phải dân tộc thiểu số', en: 'Ethnicity not known' },
    message: {
      vi: 'Hộ mã {code} ({commune}): ô dân tộc để trống hoặc ghi không rõ, nên không biết hộ có phải hộ dân tộc thiểu số không; số hộ dân tộc thiểu số của xã không tính được từ danh sách và không được đối chiếu.',
      en: 'Household {code} ({commune}): the ethnicity cell is blank or unclear, so whether the household is of an ethnic minority is not known; the commune’s ethnic-minority count cannot be derived from the list and is not compared.',
    },
    suggestion: {
      vi: 'Ghi dân tộc của hộ (ví dụ "Kinh", "Mông", "Dao"), hoặc ở cột hộ DTTS ghi "x" nếu là hộ dân tộc thiểu số, để trống nếu không.',
      en: 'Write the household’s ethnicity ("Kinh", "Mông", "Dao"…), or in the ethnic-minority column "x" for a minority household and blank otherwise.',
    },
  },
  'list-members': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Số nhân khẩu không hợp lệ', en: 'Invalid number of members' },
    message: {
      vi: 'Hộ mã {code}: số nhân khẩu là {written}, phải là số nguyên từ 1 trở lên.',
      en: 'Household {code}: the number of members is {written}; it must be a whole number of 1 or more.',
    },
    suggestion: {
      vi: 'Ghi số nhân khẩu của hộ.',
      en: 'Write the number of persons in the household.',
    },
  },
  'list-code-missing': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Hộ không có mã', en: 'Household without a code' },
    message: {
      vi: 'Một hộ của {commune} không có mã hộ.',
      en: 'A household of {commune} has no household code.',
    },
    suggestion: {
      vi: 'Ghi mã hộ cho mọi hộ trong danh sách.',
      en: 'Give every household of the list its code.',
    },
  },
  'list-code-repeated': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Mã hộ lặp lại', en: 'Household code repeated' },
    message: {
      vi: 'Mã hộ {code} đã có ở {first} ({firstFile}).',
      en: 'Household code {code} already appears at {first} ({firstFile}).',
    },
    suggestion: {
      vi: 'Xóa dòng trùng hoặc sửa mã hộ.',
      en: 'Remove the repeated row or correct the code.',
    },
  },
  'list-code-other-commune': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Mã hộ có ở danh sách xã khác', en: 'Household code in another commune’s list' },
    message: {
      vi: 'Mã hộ {code} của {commune} cũng có trong danh sách của {other} ({first}, {firstFile}).',
      en: 'Household code {code} of {commune} is also in the list of {other} ({first}, {firstFile}).',
    },
    suggestion: {
      vi: 'Một hộ chỉ thuộc một xã: kiểm tra lại mã hộ.',
      en: 'A household belongs to one commune only: check the code.',
    },
  },
  'list-code-not-code': {
    severity: 'error',
    group: 'cell',
    title: { vi: 'Ô mã hộ không ghi mã hộ', en: 'Household code cell holds no code' },
    message: {
      vi: 'Ô {cell} ở cột mã hộ ghi chữ không có chữ số nào, không phải mã hộ (không in ra vì có thể là họ tên); hộ vẫn được tính cho {commune} nhưng không kiểm tra được mã trùng.',
      en: 'Cell {cell} of the code column holds words without a digit, not a household code (not printed: it may be a name); the household is still counted for {commune} but cannot be checked for a repeated code.',
    },
    suggestion: {
      vi: 'Ghi mã hộ vào ô này, họ tên ghi ở cột họ tên; nếu cả cột bị lệch, sắp lại các cột theo mẫu danh sách.',
      en: 'Write the household code in this cell and the name in the name column; if the whole column is shifted, put the columns back in the list’s order.',
    },
  },
  'list-code-extra-text': {
    severity: 'warning',
    group: 'cell',
    title: {
      vi: 'Ô mã hộ ghi thêm chữ ngoài mã',
      en: 'Household code cell holds more than the code',
    },
    message: {
      vi: 'Ô {cell} ghi thêm chữ sau mã hộ (không in ra vì có thể là họ tên, năm sinh); mã hộ được đọc là {code} và được kiểm tra trùng theo mã đó.',
      en: 'Cell {cell} holds more than the household code (not printed: it may be a name or a birth year); the code is read as {code} and checked for repeats as such.',
    },
    suggestion: {
      vi: 'Chỉ ghi mã hộ trong cột mã hộ; họ tên, năm sinh ghi ở cột của chúng.',
      en: 'Write only the household code in the code column; names and birth years go in their own columns.',
    },
  },
  'list-code-leading-zero': {
    severity: 'warning',
    group: 'cell',
    title: {
      vi: 'Mã hộ có và không có số 0 ở đầu',
      en: 'Household codes with and without leading zeros',
    },
    message: {
      vi: 'Cột mã hộ có mã bắt đầu bằng số 0 ({zeroLed}) và mã ngắn hơn không có số 0 ở đầu ({code} ở ô {cell}; ô dạng số thì Excel bỏ số 0 ở đầu): mã hộ chỉ gồm chữ số được so sánh không tính các số 0 ở đầu, nên {code} và {padded} là cùng một hộ khi kiểm tra trùng.',
      en: 'The code column has codes starting with 0 ({zeroLed}) and shorter ones without a leading zero ({code} in cell {cell}; Excel drops leading zeros from a number cell): codes of digits are compared without their leading zeros, so {code} and {padded} are one household when repeats are checked.',
    },
    suggestion: {
      vi: 'Định dạng cột mã hộ là Văn bản (Text) và ghi đủ các số 0 ở đầu; nếu hai mã chỉ khác nhau ở số 0 đầu là hai hộ khác nhau, sửa để mã của chúng khác nhau.',
      en: 'Format the code column as Text and write the leading zeros; if two codes differing only in leading zeros are two households, give them different codes.',
    },
  },
  'list-classification-unreadable': {
    severity: 'warning',
    group: 'cell',
    title: { vi: 'Ô phân loại hộ không đọc được', en: 'Unreadable classification cell' },
    message: {
      vi: 'Hộ mã {code} ({commune}): ô phân loại ghi chữ không phải "Hộ nghèo", "Hộ cận nghèo" hay "Không nghèo" (hay cách viết tắt của chúng); hộ được tính theo điểm A, B của nó, phân loại ghi trong ô không được kiểm tra.',
      en: 'Household {code} ({commune}): the classification cell holds words that are not "Hộ nghèo", "Hộ cận nghèo" or "Không nghèo" (or their short forms); the household is counted by its scores A and B, and the written classification is not checked.',
    },
    suggestion: {
      vi: 'Ghi phân loại của hộ ("Hộ nghèo", "Hộ cận nghèo", "Không nghèo"), hoặc để trống.',
      en: 'Write the household’s classification ("Hộ nghèo", "Hộ cận nghèo", "Không nghèo"), or leave it blank.',
    },
  },
  'list-status-unreadable': {
    severity: 'warning',
    group: 'cell',
    title: { vi: 'Ô diễn biến không đọc được', en: 'Unreadable status cell' },
    message: {
      vi: 'Hộ mã {code} ({commune}): ô diễn biến ghi chữ không đọc được (không phải "Nghèo cũ", "Nghèo mới", "Tái nghèo", "Từ cận nghèo thành nghèo"…); số hộ nghèo mới, tái nghèo, chuyển nhóm của xã không tính được từ danh sách và không được đối chiếu.',
      en: 'Household {code} ({commune}): the status cell says nothing known ("Nghèo cũ", "Nghèo mới", "Tái nghèo", "Từ cận nghèo thành nghèo"…); the commune’s new, relapsed and moved counts cannot be derived from the list and are not compared.',
    },
    suggestion: {
      vi: 'Ghi diễn biến theo các cách ghi trong hướng dẫn ("Nghèo cũ", "Nghèo mới", "Tái nghèo", "Cận nghèo mới", "Tái cận nghèo", "Từ cận nghèo thành nghèo", "Từ nghèo thành cận nghèo"), hoặc để trống.',
      en: 'Write the status as the guide does ("Nghèo cũ", "Nghèo mới", "Tái nghèo", "Cận nghèo mới", "Tái cận nghèo", "Từ cận nghèo thành nghèo", "Từ nghèo thành cận nghèo"), or leave it blank.',
    },
  },
  'list-summary-mismatch': {
    severity: 'error',
    group: 'submission',
    title: { vi: 'Biểu tổng hợp khác danh sách hộ', en: 'Summary differs from the household list' },
    message: {
      vi: '{where}: ô {cell} ({id}) của biểu tổng hợp ghi {summary}, danh sách hộ cho {list}.',
      en: '{where}: cell {cell} ({id}) of the summary says {summary}, the household list gives {list}.',
    },
    suggestion: {
      vi: 'Đối chiếu biểu với danh sách hộ ({lists}) và sửa bên sai.',
      en: 'Compare the form with the household list ({lists}) and correct the wrong one.',
    },
  },
  'list-village-not-in-summary': {
    severity: 'warning',
    group: 'submission',
    title: {
      vi: 'Thôn trong danh sách hộ không có trong biểu tổng hợp',
      en: 'A village of the household list is not in the summary',
    },
    message: {
      vi: 'Danh sách hộ của {unit} có {households} hộ ở {where}, nhưng biểu tổng hợp không có dòng thôn, bản, tổ dân phố nào tên như vậy: số của từng thôn chưa được đối chiếu với danh sách (số của cả xã vẫn được đối chiếu).',
      en: "{unit}'s household list has {households} households in {whereEn}, but the summary has no village row of that name: the villages' figures are not compared with the list (the commune's own still are).",
    },
    suggestion: {
      vi: 'Ghi tên thôn trong danh sách như trong biểu (hoặc thêm dòng thôn còn thiếu vào biểu) rồi gửi lại.',
      en: 'Write the village as the summary writes it (or add the missing village row to the summary) and send again.',
    },
  },
  'list-without-summary': {
    severity: 'warning',
    group: 'submission',
    title: {
      vi: 'Chỉ có danh sách hộ, không có biểu tổng hợp',
      en: 'A household list but no summary',
    },
    message: {
      vi: '{unit} gửi danh sách hộ ({households} hộ) nhưng không gửi biểu tổng hợp: đơn vị chưa được tính là đã báo cáo.',
      en: '{unit} sent a household list ({households} households) but no summary forms: the unit is not counted as reported.',
    },
    suggestion: {
      vi: 'Đề nghị đơn vị gửi các biểu 01–05 của kỳ.',
      en: 'Ask the unit for its forms 01–05 of the period.',
    },
  },
  'derive-households-without-commune': {
    severity: 'error',
    group: 'submission',
    title: {
      vi: 'Danh sách có hộ không thuộc xã nào',
      en: 'List households of no commune',
    },
    message: {
      vi: '{households} hộ trong danh sách của {unit} không gắn được với xã nào (danh sách không có cột xã, sheet và tiêu đề không ghi xã): không lập được các dòng xã của biểu, nên không lập biểu cho đơn vị.',
      en: '{households} households in the lists of {unit} belong to no commune (no commune column, no commune in the sheet name or title): the forms’ commune rows cannot be made, so no workbook is written for the unit.',
    },
    suggestion: {
      vi: 'Thêm cột "Xã, phường, thị trấn" vào danh sách, hoặc mỗi xã một sheet đặt tên theo xã.',
      en: 'Add a "Xã, phường, thị trấn" column to the list, or give each commune its own sheet named after it.',
    },
  },
  'findings-truncated': {
    severity: 'info',
    group: 'run',
    title: { vi: 'Đã cắt bớt danh sách lỗi', en: 'Findings list cut short' },
    message: {
      vi: 'Tệp có thêm {count} phát hiện không được liệt kê ({errors} lỗi, {warnings} cảnh báo, {infos} thông tin); mỗi tệp liệt kê tối đa {limit} phát hiện, lỗi trước.',
      en: '{count} more findings for this file are not listed ({errors} errors, {warnings} warnings, {infos} infos); at most {limit} are listed per file, errors first.',
    },
    suggestion: {
      vi: 'Sửa các lỗi trên rồi kiểm tra lại; povreport validate --max-findings N liệt kê nhiều hơn.',
      en: 'Fix the findings above and check again; povreport validate --max-findings N lists more.',
    },
  },
});

/** A stable finding code. */
export type FindingCode = keyof typeof FINDING_CODES;

/** All finding codes, in catalogue order. */
export const FINDING_CODE_LIST = Object.keys(FINDING_CODES) as FindingCode[];

/** Whether a string is a known finding code. */
export function isFindingCode(s: string): s is FindingCode {
  return Object.hasOwn(FINDING_CODES, s);
}
