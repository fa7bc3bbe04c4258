/**
 * Saved e-mails in the inbox: each spreadsheet attached is a submission of its own, named
 * `<mail> › <attachment>`, received on the message's day in Vietnam from its sender. Messages as
 * nodemailer's MailComposer, Thunderbird and Outlook write them (fixtures/mail, and built here);
 * a message with nothing to take, a broken one, one without a Date, an Outlook .msg that cannot be
 * read and one over the size limit are each a finding for that file, never a crash.
 */
import { copyFileSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { checkFiles, type CheckedFile } from '../../src/commands/check-files.js';
import { findingMessage } from '../../src/core/finding.js';
import { shippedRun } from '../helpers/build.js';
import { fixtures } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const H1 = path.join(fixtures, '2022-H1');
const MAIL = path.join(fixtures, 'mail', '2022-H1');
const TRAM_TAU = 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx';
const MU_CANG_CHAI = 'MuCangChai_2022-H1.xlsx';
const temp = useTempFolder('povreport thư ');

async function check(files: string[]): Promise<CheckedFile[]> {
  return checkFiles(files, await shippedRun(), { lang: 'vi', period: '2022-H1' });
}

async function compose(name: string, o: Record<string, unknown>): Promise<string> {
  const bytes = await new MailComposer({
    from: 'Văn phòng <vanphong@example.vn>',
    to: 'giamngheo.soldtbxh@example.vn',
    subject: 'Báo cáo',
    text: 'Nội dung thư không bao giờ được in ra.',
    ...o,
  })
    .compile()
    .build();
  const file = path.join(temp.path, name);
  writeFileSync(file, bytes);
  return file;
}

describe('e-mails in the inbox', () => {
  it('one message carrying two units’ reports: two submissions, each received on the message’s day', async () => {
    const file = await compose('Hai huyện.eml', {
      date: new Date('2022-06-13T18:30:00Z'), // 01:30 on the 14th in Vietnam
      attachments: [
        { filename: TRAM_TAU, content: readFileSync(path.join(H1, TRAM_TAU)) },
        { filename: MU_CANG_CHAI, content: readFileSync(path.join(H1, MU_CANG_CHAI)) },
      ],
    });
    const r = await check([file]);
    expect(r.map((f) => [f.file, f.unit?.code, f.valid, f.mailDate, f.sender])).toEqual([
      [`${file} › ${TRAM_TAU}`, '139', true, '2022-06-14', 'vanphong@example.vn'],
      [`${file} › ${MU_CANG_CHAI}`, '137', true, '2022-06-14', 'vanphong@example.vn'],
    ]);
    // The body is never kept anywhere in what is reported.
    expect(JSON.stringify(r)).not.toContain('không bao giờ');
  });

  it('Vietnamese attachment names as Thunderbird (RFC 2231) and Outlook (encoded words) write them', async () => {
    const [yb] = await check([path.join(MAIL, 'Báo cáo Yên Bình 6 tháng.eml')]);
    expect(yb?.file).toBe(
      `${path.join(MAIL, 'Báo cáo Yên Bình 6 tháng.eml')} › Yên Bình_6 tháng đầu năm 2022.xlsx`,
    );
    expect([yb?.unit?.code, yb?.valid, yb?.mailDate, yb?.sender]).toEqual([
      '141',
      true,
      '2022-06-13',
      'ldtbxh.yenbinh@example.vn',
    ]);
    const [nl] = await check([path.join(MAIL, 'RE_ Báo cáo 6 tháng - TX Nghĩa Lộ.eml')]);
    expect(nl?.file.endsWith(' › Nghĩa Lộ - báo cáo 6 tháng đầu năm 2022.xlsx')).toBe(true);
    expect([nl?.unit?.code, nl?.valid, nl?.mailDate]).toEqual(['133', true, '2022-06-10']);
  });

  it('Văn Chấn’s five CSV files and a covering PDF: five submissions, the PDF is not one', async () => {
    const r = await check([path.join(MAIL, 'Văn Chấn - BC 6 tháng 2022.eml')]);
    expect(r.map((f) => path.basename(f.file.split(' › ')[1] ?? ''))).toEqual(
      [1, 2, 3, 4, 5].map((n) => `VanChan_Bieu0${n}_2022-H1.csv`),
    );
    // 17:40 UTC on the 14th is 00:40 on the 15th in Vietnam: the day the plan calls late.
    expect(new Set(r.map((f) => `${f.unit?.code} ${f.mailDate}`))).toEqual(
      new Set(['140 2022-06-15']),
    );
  });

  it('an Outlook .msg is not read (its reader can exhaust the heap): a finding says to save it as .eml', async () => {
    const file = path.join(fixtures, 'mail', 'msg', 'Trạm Tấu - BC 6 tháng 2022.msg');
    const r = await check([file]);
    expect(r.map((f) => [f.file, f.findings.map((x) => x.code)])).toEqual([
      [file, ['email-msg-unsupported']],
    ]);
    const said = r[0]?.findings[0];
    expect(said && findingMessage(said, 'vi')).toContain('.eml');
  });

  it('a message without a spreadsheet is a warning naming what it held', async () => {
    const none = await compose('Chỉ có thư.eml', { date: new Date('2022-06-10T03:00:00Z') });
    const pdf = await compose('Chỉ có PDF.eml', {
      date: new Date('2022-06-10T03:00:00Z'),
      attachments: [
        { filename: 'Công văn.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
        // A Word letter is a zip, like a workbook; Outlook's ATT00001.htm is the message's text.
        { filename: 'Tờ trình.docx', content: Buffer.from('PK\x03\x04rest', 'latin1') },
        { filename: 'ATT00001.htm', content: Buffer.from('<html><body>Trân trọng</body></html>') },
      ],
    });
    const r = await check([none, pdf]);
    expect(r.map((f) => [f.file, f.findings.map((x) => [x.code, x.severity])])).toEqual([
      [none, [['email-no-spreadsheet', 'warning']]],
      [pdf, [['email-no-spreadsheet', 'warning']]],
    ]);
    const said = r[1]?.findings[0];
    expect(said && findingMessage(said, 'vi')).toContain(
      '(chỉ có: Công văn.pdf, Tờ trình.docx, ATT00001.htm)',
    );
  });

  it('a message without a Date: its attachments are read, the date is unknown, and it is said', async () => {
    const raw = readFileSync(path.join(MAIL, 'Báo cáo Yên Bình 6 tháng.eml'), 'latin1');
    const file = path.join(temp.path, 'Không ngày.eml');
    writeFileSync(file, raw.replace(/^Date: .*\r\n/m, 'Date: hôm qua\r\n'), 'latin1');
    const [f] = await check([file]);
    expect([f?.unit?.code, f?.valid, f?.mailDate]).toEqual(['141', true, null]);
    expect(f?.findings.map((x) => x.code)).toContain('email-no-date');
  });

  it('broken messages: garbage, a cut-off attachment, a .msg that is not one, one too large', async () => {
    const garbage = path.join(temp.path, 'rác.eml');
    writeFileSync(garbage, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254]));
    const cut = path.join(temp.path, 'cụt.eml');
    const whole = readFileSync(path.join(MAIL, 'RE_ Báo cáo 6 tháng - TX Nghĩa Lộ.eml'));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const msg = path.join(temp.path, 'Outlook.msg');
    writeFileSync(msg, 'From: x\r\n\r\nnot a compound file');
    const big = path.join(temp.path, 'quá lớn.eml');
    copyFileSync(path.join(MAIL, 'Báo cáo Yên Bình 6 tháng.eml'), big);
    truncateSync(big, 60 * 1024 * 1024); // sparse: nothing is written, and it is never read
    const r = await check([garbage, cut, msg, big]);
    const by = (f: string) => r.filter((x) => x.file.startsWith(f)).flatMap((x) => x.findings);
    expect(by(garbage).map((x) => x.code)).toEqual(['email-unreadable']);
    expect(by(cut).some((x) => x.severity === 'error')).toBe(true);
    expect(by(msg).map((x) => x.code)).toEqual(['email-msg-unsupported']);
    const msgFinding = by(msg)[0];
    expect(msgFinding && findingMessage(msgFinding, 'vi')).toContain('thư Outlook');
    expect(by(big).map((x) => x.code)).toEqual(['file-too-large']);
  });

  it('any bytes named .eml give findings for that file, never a throw', async () => {
    const run = await shippedRun();
    const header = fc.constantFrom(
      '',
      'From: a@b.vn\r\nDate: Mon, 13 Jun 2022 09:12:30 +0700\r\n',
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/vnd.ms-excel; name="x.xls"\r\nContent-Transfer-Encoding: base64\r\n\r\n',
    );
    let i = 0;
    await fc.assert(
      fc.asyncProperty(header, fc.uint8Array({ maxLength: 2000 }), async (h, tail) => {
        const file = path.join(temp.path, `fuzz-${i++}.eml`);
        writeFileSync(file, Buffer.concat([Buffer.from(h, 'latin1'), Buffer.from(tail)]));
        const r = await checkFiles([file], run, { lang: 'vi', period: '2022-H1' });
        expect(r.length).toBeGreaterThan(0);
        for (const f of r) {
          expect(f.file.startsWith(file)).toBe(true);
          expect(f.findings.length).toBeGreaterThan(0);
          expect(f.findings.map((x) => x.code)).not.toContain('file-unreadable');
        }
      }),
      { numRuns: 60, seed: 20220615 },
    );
  }, 60_000);
});
