import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { TRAINING_BAND } from '../training/training-band.js';

/** One column of an A4 table: its header, its share of the printable width and its alignment. */
export interface PdfColumn {
  header: string;
  /** relative width; the columns share the page width in these proportions */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

/** A further table after the first, under its own heading (a report with several breakdowns). */
export interface A4Section {
  heading: string;
  columns: PdfColumn[];
  rows: string[][];
}

export interface A4Table {
  orientation: 'portrait' | 'landscape';
  /** top lines of the first page: the document's name first, in bold */
  title: string;
  subtitle: string[];
  columns: PdfColumn[];
  rows: string[][];
  /** more tables, each under its heading, after the first and before the lines after it */
  more?: A4Section[];
  /** lines after the table (totals, checks) */
  after: string[];
  /** signature blocks side by side under the lines after the table: who signs, with room to sign */
  signatures?: { title: string; name: string }[];
  /**
   * One full copy of the document per label ("Liên 1: …"), each starting on a new page and
   * numbered on its own; without it the document is printed once, unlabelled.
   */
  copies?: string[];
  /** left part of every page's footer; the right part is "Trang n/N" */
  footer: string;
  /** the document's metadata title (shown by PDF readers) */
  metaTitle: string;
  /** made in training mode: every page says so at its head (decision 0045) */
  training?: boolean;
}

const MARGIN = 28; // 1 cm: room for a binder's punch holes on the long side
const BODY_SIZE = 7;
const PAD = 2.5;

/**
 * Draws a table over as many A4 pages as it needs: the header row repeats on every page,
 * long text wraps inside its cell, and every page ends with "Trang n/N". Text is real text in
 * the bundled Noto Sans (embedded), so it can be searched, copied and read back.
 */
export function a4TablePdf(table: A4Table, resourcesDir: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: table.orientation,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: table.metaTitle, Creator: 'BCCI Counter' },
  });
  const fonts = join(resourcesDir, 'fonts');
  doc.registerFont('body', readFileSync(join(fonts, 'NotoSans-Regular.ttf')));
  doc.registerFont('bold', readFileSync(join(fonts, 'NotoSans-Bold.ttf')));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const widthsOf = (columns: PdfColumn[]) => {
    const totalWeight = columns.reduce((s, c) => s + c.weight, 0);
    return columns.map((c) => (width * c.weight) / totalWeight);
  };
  // The footer sits in the bottom margin band; the table stops one line above it.
  const bottom = doc.page.height - MARGIN - 14;

  const rowHeight = (widths: number[], cells: string[], font: string) => {
    doc.font(font).fontSize(BODY_SIZE);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (columns: PdfColumn[], widths: number[], cells: string[], font: string, y: number, h: number, shade: boolean) => {
    let x = MARGIN;
    doc.font(font).fontSize(BODY_SIZE);
    cells.forEach((text, i) => {
      const w = widths[i]!;
      if (shade) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
      else doc.rect(x, y, w, h).stroke();
      doc.text(text, x + PAD, y + PAD, { width: w - 2 * PAD, align: columns[i]!.align ?? 'left', lineBreak: true });
      x += w;
    });
  };

  /** One table from `y`: the header row repeats on every page it runs onto; returns where it ended. */
  const drawTable = (columns: PdfColumn[], rows: string[][], top: number): number => {
    const widths = widthsOf(columns);
    const headers = columns.map((c) => c.header);
    const headerHeight = rowHeight(widths, headers, 'bold');
    doc.lineWidth(0.5);
    let y = top;
    // A header alone at the foot of a page is moved with its first row to the next one.
    if (y + headerHeight + (rows[0] ? rowHeight(widths, rows[0], 'body') : 0) > bottom) {
      doc.addPage();
      y = MARGIN;
    }
    drawRow(columns, widths, headers, 'bold', y, headerHeight, true);
    y += headerHeight;
    for (const row of rows) {
      const h = rowHeight(widths, row, 'body');
      if (y + h > bottom) {
        doc.addPage();
        y = MARGIN;
        drawRow(columns, widths, headers, 'bold', y, headerHeight, true);
        y += headerHeight;
      }
      drawRow(columns, widths, row, 'body', y, h, false);
      y += h;
    }
    return y;
  };

  /** Room for a signature block's title, the "(Ký, ghi rõ họ tên)" line, 25 mm to sign, and the name. */
  const SIGNATURE_HEIGHT = 110;
  const drawSignatures = (blocks: { title: string; name: string }[]) => {
    if (doc.y + SIGNATURE_HEIGHT > bottom) {
      doc.addPage();
      doc.y = MARGIN;
    }
    const top = doc.y + 10;
    const w = width / blocks.length;
    blocks.forEach((b, i) => {
      const x = MARGIN + i * w;
      doc.font('bold').fontSize(9).text(b.title, x, top, { width: w, align: 'center' });
      doc.font('body').fontSize(8).text('(Ký, ghi rõ họ tên)', x, doc.y, { width: w, align: 'center' });
      doc.font('bold').fontSize(9).text(b.name || ' ', x, top + SIGNATURE_HEIGHT - 16, { width: w, align: 'center' });
    });
    doc.x = MARGIN;
    doc.y = top + SIGNATURE_HEIGHT;
  };

  /** One whole copy from a fresh page: title, table, lines after it, signatures. */
  const drawCopy = (copyLabel: string | undefined) => {
    doc.font('bold').fontSize(13).text(table.title, MARGIN, MARGIN, { width, align: 'center' });
    doc.font('body').fontSize(9);
    if (copyLabel) doc.font('bold').text(copyLabel, { width, align: 'center' }).font('body');
    for (const line of table.subtitle) doc.text(line, { width, align: 'center' });
    doc.moveDown(0.6);

    let y = drawTable(table.columns, table.rows, doc.y);
    for (const section of table.more ?? []) {
      if (y + 40 > bottom) {
        doc.addPage();
        y = MARGIN;
      }
      doc.font('bold').fontSize(10).text(section.heading, MARGIN, y + 10, { width });
      y = drawTable(section.columns, section.rows, doc.y + 4);
    }

    doc.font('body').fontSize(9);
    doc.x = MARGIN;
    doc.y = y + 8;
    for (const line of table.after) {
      if (doc.y + doc.heightOfString(line, { width }) > bottom) {
        doc.addPage();
        doc.y = MARGIN;
      }
      doc.text(line, MARGIN, doc.y, { width });
    }
    if (table.signatures?.length) drawSignatures(table.signatures);
  };

  // Each copy's first page index, so "Trang n/N" counts within its copy.
  const copyStarts: number[] = [];
  (table.copies ?? [undefined]).forEach((label, i) => {
    if (i > 0) doc.addPage();
    copyStarts.push(doc.bufferedPageRange().count - 1);
    drawCopy(label);
  });

  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const copy = copyStarts.findLastIndex((start) => start <= p);
    const first = copyStarts[copy]!;
    const pages = (copyStarts[copy + 1] ?? range.start + range.count) - first;
    const footerY = doc.page.height - MARGIN - 10;
    doc.font('body').fontSize(7.5);
    // Writing in the bottom margin must not let pdfkit open a new page.
    doc.page.margins.bottom = 0;
    doc.text(table.footer, MARGIN, footerY, { width: width * 0.85, lineBreak: false, ellipsis: true });
    doc.text(`Trang ${p - first + 1}/${pages}`, MARGIN + width * 0.85, footerY, { width: width * 0.15, align: 'right', lineBreak: false });
    if (table.training) doc.font('bold').fontSize(13).text(TRAINING_BAND, MARGIN, 8, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
