/**
 * The HTML-table and Excel 2003 XML readers on small pages written here: where cells and merged
 * ranges land (as a browser, and Excel, lay a table out), which values come out typed, how the
 * page's encoding is found, and that hostile pages stop at the budget instead of eating the
 * machine.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { cellAt, type SheetGrid } from '../../src/core/grid.js';
import { readHtml } from '../../src/io/read-html.js';
import { readXml2003 } from '../../src/io/read-xml2003.js';
import { sniffFile } from '../../src/io/sniff.js';
import { GridLimitError, ReadError } from '../../src/core/errors.js';

/**
 * Windows-1258 as Vietnamese Windows software writes it: â ê ô ă ơ ư precomposed, the tone as a
 * combining mark ("ã" is "a" + U+0303).
 */
function cp1258(text: string): Buffer {
  const ok = (ch: string): boolean =>
    iconv.decode(iconv.encode(ch, 'windows1258'), 'windows1258') === ch;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ok(ch)) {
      out += ch;
      continue;
    }
    // Code points, not graphemes: the tone marks are wanted one by one.
    // eslint-disable-next-line @typescript-eslint/no-misused-spread
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    let b = base;
    const rest: string[] = [];
    for (const m of marks) {
      const composed = (b + m).normalize('NFC');
      if (composed.length === 1 && ok(composed) && '\u0302\u0306\u031b'.includes(m)) b = composed;
      else rest.push(m);
    }
    out += b + rest.join('');
  }
  return iconv.encode(out, 'windows1258');
}

function html(page: string, name = 'xuat-excel.xls'): SheetGrid {
  const out = readHtml(Buffer.from(page), name);
  const s = out.sheets[0];
  if (!s) throw new Error('no sheet');
  return s;
}

/** The grid as text: one array per row, null for an empty cell. */
function values(s: SheetGrid): (string | number | boolean | null)[][] {
  return s.rows.map((r) =>
    r.map((c) => (c?.value instanceof Date ? c.value.toISOString() : (c?.value ?? null))),
  );
}

describe('readHtml: table layout', () => {
  it('shifts cells right past rowspans from above and turns spans into merged ranges', () => {
    const s = html(`<table>
      <tr><th rowspan="2">STT</th><th rowspan="2">Xã</th><th colspan="3">Hộ nghèo</th></tr>
      <tr><th>Số hộ</th><th>Tỷ lệ (%)</th><th>DTTS</th></tr>
      <tr><td>1</td><td>Xã Pá Hu</td><td>360</td><td>69,50</td><td>338</td></tr>
    </table>`);
    expect(values(s)).toEqual([
      ['STT', 'Xã', 'Hộ nghèo'],
      [null, null, 'Số hộ', 'Tỷ lệ (%)', 'DTTS'],
      ['1', 'Xã Pá Hu', '360', '69,50', '338'],
    ]);
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 1, bottom: 1, right: 1 },
      { top: 0, left: 2, bottom: 0, right: 4 },
    ]);
  });

  it('ends a rowspan at its row group, puts tfoot last and rowspan="0" to the group end', () => {
    const s = html(`<table>
      <thead><tr><th rowspan="9">A</th><th>B</th></tr><tr><th>C</th></tr></thead>
      <tfoot><tr><td colspan="2">chân</td></tr></tfoot>
      <tbody><tr><td rowspan="0">D</td><td>E</td></tr><tr><td>F</td></tr><tr><td>G</td></tr></tbody>
    </table>`);
    expect(values(s)).toEqual([
      ['A', 'B'],
      [null, 'C'],
      ['D', 'E'],
      [null, 'F'],
      [null, 'G'],
      ['chân'],
    ]);
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 2, left: 0, bottom: 4, right: 0 },
      { top: 5, left: 0, bottom: 5, right: 1 },
    ]);
  });

  it('stops a colspan where a rowspan from above begins (merges never overlap)', () => {
    const s = html(`<table><tr><td>a</td><td rowspan="2">b</td></tr>
      <tr><td colspan="3">c</td></tr></table>`);
    expect(s.merges).toEqual([
      { top: 0, left: 1, bottom: 1, right: 1 },
      // c would cover B2, already b's: it keeps A2 only, so no merge at all.
    ]);
    expect(cellAt(s, 1, 0)?.value).toBe('c');
  });

  it('puts tables one under another with a blank row between, text outside on its own rows', () => {
    const s = html(`<html><head><title>không hiện</title><style>td{color:red}</style>
      <script>document.write("<table><tr><td>x</td></tr></table>")</script></head><body>
      <h3>BÁO CÁO KẾT QUẢ</h3><!-- <table><tr><td>chú thích</td></tr></table> -->
      <table><tr><td>1</td><td>2</td></tr></table>
      <table><tr><td>3</td></tr></table>
      <p>Người lập biểu</p></body></html>`);
    expect(values(s)).toEqual([['BÁO CÁO KẾT QUẢ'], ['1', '2'], [], ['3'], ['Người lập biểu']]);
  });

  it('reads cell text as shown: entities decoded, spaces collapsed, <br> a line break', () => {
    const s = html(`<table><tr><td>  Xã&nbsp;Pá   Hu &amp; <b>Bản</b>
      Mù</td><td>Tỷ lệ<br>(%)</td><td>&lt;b&gt;</td><td>   </td><td>1.234</td></tr></table>`);
    expect(values(s)).toEqual([['Xã Pá Hu & Bản Mù', 'Tỷ lệ\n(%)', '<b>', null, '1.234']]);
  });

  it('puts a nested table’s text into the outer cell instead of exploding it', () => {
    const s = html(`<table><tr><td>ngoài<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>
      </table></td><td>sau</td></tr><tr><td>dòng 2</td></tr></table>`);
    expect(values(s)).toEqual([['ngoài\na b\nc', 'sau'], ['dòng 2']]);
  });

  it('closes cells and rows a sloppy export leaves open', () => {
    const s = html('<table><tr><td>a<td><b>b<td>c<tr><td>d</table>');
    expect(values(s)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('keeps values as text except where Excel saved a typed one (x:num)', () => {
    const s = html(`<html><head><style>
      .xl65 { mso-number-format:"0\\.00%"; } .xl66 { mso-number-format:Standard; }
      </style></head><body><table><tr>
      <td class="xl65" x:num="0.1807">18,07%</td><td class="xl66" x:num="1234.5">1.234,5</td>
      <td x:num>223</td><td x:num>12,5</td><td>7</td>
      <td style='mso-number-format:"0%"' x:num="0.5">50%</td></tr></table></body></html>`);
    expect(s.rows[0]).toEqual([
      { value: 0.1807, numFmt: '0.00%' },
      { value: 1234.5 },
      { value: 223 },
      // Bare x:num with a decimal comma: the core's Vietnamese number rules decide.
      { value: '12,5' },
      { value: '7' },
      { value: 0.5, numFmt: '0%' },
    ]);
  });

  it('reads a date cell as the date it shows, not its day serial (LibreOffice’s sdval)', () => {
    // As LibreOffice saves a sheet as HTML: a date line's cell, a count, a rate, an Excel date.
    const s = html(`<table><tr>
      <td sdval="44727" sdnum="1066;0;DD/MM/YYYY">15/06/2022</td>
      <td sdval="12" sdnum="1033;0;#,##0">12</td>
      <td sdval="0.5" sdnum="1033;0;0.00%">50,00%</td>
      <td style='mso-number-format:"dd\\/mm\\/yyyy"' x:num="44727">15/06/2022</td>
      <td sdval="3" sdnum="1033;0;Standard">3</td></tr></table>`);
    expect(s.rows[0]).toEqual([
      { value: '15/06/2022' },
      { value: 12 },
      { value: 0.5, numFmt: '0.00%' },
      { value: '15/06/2022' },
      { value: 3 },
    ]);
  });

  it('names the sheet after the file (31 characters at most) or Excel’s own <x:Name>', () => {
    const long = 'Báo cáo kết quả rà soát hộ nghèo hộ cận nghèo năm 2022.xls';
    expect(html('<table><tr><td>1</td></tr></table>', long).name).toBe(
      'Báo cáo kết quả rà soát hộ nghè',
    );
    const island = `<html><head><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>
      <x:ExcelWorksheet><x:Name>Biểu 01</x:Name></x:ExcelWorksheet></x:ExcelWorksheets>
      </x:ExcelWorkbook></xml><![endif]--></head><body><table><tr><td>1</td></tr></table>`;
    expect(html(island).name).toBe('Biểu 01');
  });

  it('reports a page without a table as having none', () => {
    const out = readHtml(Buffer.from('<html><body><p>Xem tệp đính kèm</p></body></html>'), 'a.xls');
    expect(out).toMatchObject({ sheets: [], tables: 0 });
  });
});

describe('readHtml: encodings', () => {
  const page = (meta: string): string =>
    `<html><head>${meta}</head><body><table><tr><td>Xã Tà Si Láng</td><td>Tổng cộng</td></tr></table>`;

  it('reads Windows-1258 declared in http-equiv, tone marks recomposed to NFC', () => {
    const text = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">');
    const out = readHtml(cp1258(text), 'a.xls');
    expect(out.encoding).toBe('windows-1258');
    expect(values(out.sheets[0] as SheetGrid)).toEqual([['Xã Tà Si Láng', 'Tổng cộng']]);
  });

  it('honours a BOM, UTF-16 and <meta charset>, and falls back to Windows-1258', () => {
    const p = page('<meta charset="utf-8">');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(p, 'utf16le')]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(p)]);
    for (const [bytes, encoding] of [
      [utf16, 'utf-16le'],
      [bom, 'utf-8-bom'],
      [Buffer.from(p), 'utf-8'],
      [Buffer.from(p, 'utf16le'), 'utf-16le'],
    ] as const) {
      const out = readHtml(bytes, 'a.xls');
      expect(out.encoding).toBe(encoding);
      expect(values(out.sheets[0] as SheetGrid)).toEqual([['Xã Tà Si Láng', 'Tổng cộng']]);
    }
  });
});

describe('readXml2003', () => {
  const workbook = (sheets: string, styles = ''): Buffer =>
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">
<Styles>${styles}</Styles>${sheets}</Workbook>`);

  it('places cells by ss:Index, merges by MergeAcross/MergeDown, types by ss:Type', () => {
    const { sheets } = readXml2003(
      workbook(
        `<Worksheet ss:Name="Biểu 01"><Table>
        <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">UBND HUYỆN TRẠM TẤU</Data></Cell>
             <Cell><Data ss:Type="String">x</Data></Cell></Row>
        <Row ss:Index="3"><Cell ss:MergeDown="1"><Data ss:Type="String">STT</Data></Cell>
             <Cell ss:MergeAcross="1"><Data ss:Type="String">Hộ nghèo</Data></Cell></Row>
        <Row><Cell><Data ss:Type="String">Số hộ</Data></Cell><Cell><Data ss:Type="String">Tỷ lệ</Data></Cell></Row>
        <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell ss:StyleID="pt"><Data ss:Type="Number">0.695</Data></Cell>
             <Cell><Data ss:Type="DateTime">2022-06-10T00:00:00.000</Data></Cell>
             <Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Error">#REF!</Data></Cell>
             <Cell ss:Index="8"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>Đậm</B> thường</ss:Data>
               <Comment><Data>ghi chú không phải số liệu</Data></Comment></Cell></Row>
        </Table></Worksheet>`,
        '<Style ss:ID="pt"><NumberFormat ss:Format="Percent"/></Style>',
      ),
    );
    const s = sheets[0] as SheetGrid;
    expect(s.name).toBe('Biểu 01');
    expect(values(s)).toEqual([
      ['UBND HUYỆN TRẠM TẤU', null, null, 'x'],
      [],
      ['STT', 'Hộ nghèo'],
      // "Số hộ" has no ss:Index: it goes past STT's MergeDown, as Excel and LibreOffice read it.
      [null, 'Số hộ', 'Tỷ lệ'],
      [1, 0.695, '2022-06-10T00:00:00.000Z', true, null, null, null, 'Đậm thường'],
    ]);
    expect(cellAt(s, 4, 1)?.numFmt).toBe('0.00%');
    expect(cellAt(s, 4, 4)).toEqual({ value: null, error: '#REF!' });
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 2, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 1, bottom: 2, right: 2 },
    ]);
  });

  it('marks sheets hidden by WorksheetOptions', () => {
    const { sheets } = readXml2003(
      workbook(`<Worksheet ss:Name="Biểu 01"><Table/></Worksheet>
        <Worksheet ss:Name="ThamSo"><Table/><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
        <Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>`),
    );
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 01', false],
      ['ThamSo', true],
    ]);
  });

  it('marks columns hidden by <Column ss:Hidden>, placed by ss:Index and ss:Span', () => {
    const { sheets } = readXml2003(
      workbook(`<Worksheet ss:Name="Biểu 01"><Table>
        <Column ss:Width="30"/><Column ss:Hidden="1" ss:Span="1"/><Column ss:Hidden="1"/>
        <Column ss:Index="7" ss:Hidden="true"/><Column ss:Width="40"/><Column ss:Hidden="0"/>
        <Row><Cell><Data ss:Type="String">STT</Data></Cell></Row></Table></Worksheet>
        <Worksheet ss:Name="Biểu 02"><Table><Column ss:Width="30"/></Table></Worksheet>`),
    );
    // B–D (a column of span 2, then the next), G: 0-based [1, 3] and [6, 6].
    expect(sheets.map((s) => s.hiddenColumns)).toEqual([
      [
        [1, 3],
        [6, 6],
      ],
      undefined,
    ]);
  });

  it('marks rows hidden by <Row ss:Hidden>, a hidden row of span 1 hiding two', () => {
    const { sheets } = readXml2003(
      workbook(`<Worksheet ss:Name="Biểu 01"><Table>
        <Row><Cell><Data ss:Type="String">STT</Data></Cell></Row>
        <Row ss:Hidden="1"><Cell><Data ss:Type="Number">1</Data></Cell></Row>
        <Row ss:Index="5" ss:Hidden="1" ss:Span="1"/>
        <Row ss:Hidden="0"><Cell><Data ss:Type="Number">2</Data></Cell></Row></Table></Worksheet>`),
    );
    expect(sheets[0]?.hiddenRows).toEqual([1, 4, 5]);
  });

  it('refuses a cut-off, malformed or entity-bomb file with a reason, never a crash', () => {
    const full = workbook(
      '<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet>',
    );
    const cut = full.subarray(0, full.length - 40);
    expect(() => readXml2003(cut)).toThrow(ReadError);
    try {
      readXml2003(cut);
    } catch (e) {
      expect((e as ReadError).reason.vi).toContain('cắt cụt');
      expect((e as ReadError).reason.en).toContain('cut short');
    }
    const bomb =
      Buffer.from(`<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>`);
    expect(() => readXml2003(bomb)).toThrow(ReadError);
    expect(() => readXml2003(Buffer.from('<?xml version="1.0"?><html/>'))).toThrow(ReadError);
    expect(() =>
      readXml2003(workbook('<Worksheet><Table><Row ss:Index="2000000"/></Table></Worksheet>')),
    ).toThrow(ReadError);
  });
});

describe('sniffFile: markup', () => {
  it('tells an HTML export, a page without a table, SpreadsheetML and other XML apart', () => {
    expect(sniffFile(Buffer.from('<html><body><table><tr><td>1'), 'a.xls')).toEqual({
      kind: 'html',
    });
    expect(
      sniffFile(Buffer.from('\ufeff<table border=1><tr><td>1</td></tr></table>'), 'a.xls'),
    ).toEqual({ kind: 'html' });
    expect(sniffFile(Buffer.from('<html><body><p>Tin tức</p></body></html>'), 'a.htm')).toEqual({
      kind: 'other',
      detected: { vi: 'HTML', en: 'HTML' },
    });
    expect(
      sniffFile(
        Buffer.from(
          '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        ),
        'a.xls',
      ),
    ).toEqual({ kind: 'xml2003' });
    expect(
      sniffFile(Buffer.from('<?xml version="1.0"?><HDon><DLHDon/></HDon>'), 'hoa-don.xml'),
    ).toEqual({ kind: 'other', detected: { vi: 'XML', en: 'XML' } });
    // Excel's own "Save as Web Page" names the spreadsheet namespace but is HTML.
    expect(
      sniffFile(
        Buffer.from(
          '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta name=ProgId content=Excel.Sheet></head><body><table><tr><td x:num>1</td></tr></table>',
        ),
        'a.xls',
      ),
    ).toEqual({ kind: 'html' });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<html><table><tr><td>1</td></tr></table>', 'utf16le'),
    ]);
    expect(sniffFile(utf16, 'a.xls')).toEqual({ kind: 'html' });
    expect(sniffFile(Buffer.from('Xã;Số hộ\nPá Hu;223\n'), 'a.csv')).toEqual({ kind: 'text' });
    expect(sniffFile(Buffer.from('<5 tuổi;Số hộ\n12;223\n'), 'a.csv')).toEqual({ kind: 'text' });
  });
});

describe('hostile pages stop at the budget', () => {
  const budget = { maxCells: 5000 };
  const quick = (page: string, reader: (b: Buffer) => unknown): void => {
    const t = performance.now();
    expect(() => reader(Buffer.from(page))).toThrow(GridLimitError);
    expect(performance.now() - t).toBeLessThan(2000);
  };
  const readPage = (b: Buffer): unknown => readHtml(b, 'a.xls', budget);

  it('too many cells, huge colspans, huge rowspans, a flood of empty rows', () => {
    quick(`<table><tr>${'<td>1'.repeat(20000)}`, readPage);
    quick(`<table>${'<tr><td colspan="1000000">x</td></tr>'.repeat(2000)}`, readPage);
    quick(
      `<table><tr>${'<td rowspan="65535">x</td>'.repeat(1000)}</tr>${'<tr><td>y</td></tr>'.repeat(3000)}`,
      readPage,
    );
    quick(`<table>${'<tr>'.repeat(100000)}`, readPage);
    quick(
      `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>${'<Row><Cell><Data ss:Type="Number">1</Data></Cell></Row>'.repeat(6000)}</Table></Worksheet></Workbook>`,
      (b) => readXml2003(b, budget),
    );
  });

  it('clips colspan and rowspan to the HTML limits, then to the cells the page holds', () => {
    const alone = html('<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr></table>');
    expect(alone.merges).toEqual([]);
    const s = html(
      '<table><tr><td colspan="99999999">x</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>',
    );
    // Excel would merge A1:ALL1; the page holds three columns.
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
  });

  it('refuses nesting deeper than any browser builds, at once', () => {
    const t = performance.now();
    expect(() => readHtml(Buffer.from('<table><tr><td>'.repeat(200000)), 'a.xls')).toThrow(
      /lồng nhau quá sâu/,
    );
    expect(performance.now() - t).toBeLessThan(2000);
    // Anywhere in the page.
    expect(() => readHtml(Buffer.from('<div>'.repeat(100000)), 'a.xls')).toThrow(ReadError);
  });

  it('ignores rows and cells LibreOffice writes empty to the end of the sheet', () => {
    const rows = '<Row><Cell ss:Index="16384"/></Row>'.repeat(20000);
    const { sheets } = readXml2003(
      Buffer.from(
        `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row>${rows}</Table></Worksheet></Workbook>`,
      ),
      budget,
    );
    expect(values(sheets[0] as SheetGrid)).toEqual([['x']]);
  });
});
