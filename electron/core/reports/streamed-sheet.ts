import { Zip, ZipDeflate } from 'fflate';

/**
 * A one-sheet XLSX workbook written row by row as XML straight into a streaming zip. A year's
 * register book is a few hundred thousand rows; a spreadsheet library's cell objects cost more
 * than the query that reads them (decision 0052), while the rows here are a string each.
 * It knows only what the exports use: text and whole numbers, a few styles, whole-row merges,
 * frozen header rows and an A4 landscape page.
 */

/** The cell looks a row can take; each is one entry of the workbook's cellXfs, in this order. */
const STYLES = {
  /** wrapped, top-aligned: the body of a table */
  body: '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
  /** a title line across the sheet */
  title: '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>',
  /** a plain line across the sheet */
  centred: '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center"/></xf>',
  /** a table's column headers */
  header: '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
  /** a line under the table, running on to the right as far as it needs */
  note: '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>',
  /** the same, bold */
  boldNote: '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>',
} as const;
export type SheetStyle = keyof typeof STYLES;
const STYLE_INDEX = Object.fromEntries(Object.keys(STYLES).map((k, i) => [k, i + 1])) as Record<SheetStyle, number>;

export interface SheetLayout {
  sheetName: string;
  creator: string;
  /** column widths in characters, one per column */
  widths: number[];
  /** rows kept in view when scrolling */
  frozenRows: number;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Characters XML 1.0 cannot carry at all (control characters a pasted name may hold) are dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string) => s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column letters A, B, … Z, AA, … for a 0-based index. */
const columnName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : columnName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** Rows are gathered to about this many characters before each deflate call. */
const BATCH = 256 * 1024;

export class StreamedSheet {
  private readonly zip: Zip;
  private readonly sheet: ZipDeflate;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<Buffer>;
  private readonly letters: string[];
  private readonly merges: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private rowNumber = 0;

  constructor(private readonly layout: SheetLayout) {
    this.letters = layout.widths.map((_, i) => columnName(i));
    let settle!: (b: Buffer) => void;
    let fail!: (e: Error) => void;
    this.done = new Promise<Buffer>((resolve, reject) => ((settle = resolve), (fail = reject)));
    this.zip = new Zip((err, data, final) => {
      if (err) return fail(err);
      this.chunks.push(data);
      if (final) settle(Buffer.concat(this.chunks));
    });
    for (const [name, xml] of this.parts()) this.file(name, xml);
    this.sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
    this.zip.add(this.sheet);
    this.write(this.sheetStart());
  }

  /** The next row; empty strings leave their cell empty. Returns the row's number (1-based). */
  row(values: readonly (string | number)[], style: SheetStyle = 'body'): number {
    const r = ++this.rowNumber;
    const s = STYLE_INDEX[style];
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const ref = this.letters[i]! + r;
      if (typeof v === 'number') xml += `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
      else if (v !== '') xml += `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
    }
    this.write(xml + '</row>');
    return r;
  }

  /** A line of text across every column (a title, a range), merged into one cell. */
  line(text: string, style: SheetStyle): void {
    const r = this.row([text], style);
    this.merges.push(`A${r}:${this.letters.at(-1)!}${r}`);
  }

  /** Ends the sheet and the zip; the workbook's bytes. */
  async finish(): Promise<Buffer> {
    const merges = this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    this.write(
      `</sheetData>${merges}<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>',
    );
    this.flush(true);
    this.zip.end();
    return this.done;
  }

  private write(xml: string): void {
    this.pending.push(xml);
    this.pendingLength += xml.length;
    if (this.pendingLength >= BATCH) this.flush(false);
  }

  private flush(final: boolean): void {
    this.sheet.push(Buffer.from(this.pending.join(''), 'utf8'), final);
    this.pending = [];
    this.pendingLength = 0;
  }

  private file(name: string, xml: string): void {
    const f = new ZipDeflate(name, { level: 6 });
    this.zip.add(f);
    f.push(Buffer.from(xml, 'utf8'), true);
  }

  private sheetStart(): string {
    const { widths, frozenRows } = this.layout;
    const pane = frozenRows > 0 ? `<pane ySplit="${frozenRows}" topLeftCell="A${frozenRows + 1}" activePane="bottomLeft" state="frozen"/>` : '';
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1" style="${STYLE_INDEX.body}"/>`).join('');
    return (
      `${HEAD}<worksheet ${NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
    );
  }

  /** The workbook's fixed parts: content types, relationships, the one sheet's name, styles, creator. */
  private parts(): [string, string][] {
    const styles = Object.values(STYLES);
    return [
      [
        '[Content_Types].xml',
        `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
          `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
      ],
      [
        '_rels/.rels',
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
      ],
      [
        'docProps/core.xml',
        `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
          `<dc:creator>${escapeXml(this.layout.creator)}</dc:creator></cp:coreProperties>`,
      ],
      [
        'xl/workbook.xml',
        `${HEAD}<workbook ${NS}><sheets><sheet name="${escapeXml(this.layout.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ],
      [
        'xl/styles.xml',
        `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
          '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>' +
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          `<cellXfs count="${styles.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${styles.join('')}</cellXfs>` +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
      ],
    ];
  }
}
