import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);

/** Font names registered on every document; DejaVu covers all Kazakh Cyrillic letters. */
export const FONT = {
  regular: "dv",
  bold: "dv-bold",
  italic: "dv-italic",
  cond: "dv-cond",
  condBold: "dv-cond-bold",
} as const;

/** A registered font name. */
export type FontName = (typeof FONT)[keyof typeof FONT];

const FONT_FILES: Record<FontName, string> = {
  dv: "DejaVuSans.ttf",
  "dv-bold": "DejaVuSans-Bold.ttf",
  "dv-italic": "DejaVuSans-Oblique.ttf",
  "dv-cond": "DejaVuSansCondensed.ttf",
  "dv-cond-bold": "DejaVuSansCondensed-Bold.ttf",
};

/** Absolute path of a DejaVu TTF file shipped by the dejavu-fonts-ttf package. */
export function fontPath(file: string): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

/** Ink colours: black for filled-in data, greys for the printed form. */
export const INK = { data: "#000000", form: "#1f1f1f", caption: "#555555", rule: "#333333" } as const;

/** Options of a new document; the date is taken from the data so equal input gives equal bytes. */
export interface NewDocOptions {
  size: "A4" | "A5";
  layout: "portrait" | "landscape";
  title: string;
  subject: string;
  creationDate: Date;
}

/** Creates a pdfkit document with the DejaVu fonts registered and no page margins of its own. */
export function newDocument(options: NewDocOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: options.size,
    layout: options.layout,
    // Zero margins: every position is computed here, so pdfkit never breaks pages on its own.
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    // A TTF default font keeps pdfkit from loading Helvetica, which cannot print Cyrillic.
    font: fontPath(FONT_FILES.dv),
    lang: "kk-KZ",
    displayTitle: true,
    info: {
      Title: options.title,
      Subject: options.subject,
      Author: "Shekara",
      Creator: "Shekara",
      Producer: "Shekara (PDFKit)",
      CreationDate: options.creationDate,
    },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, fontPath(file));
  return doc;
}

/** Collects the document's bytes; resolves once pdfkit has written the trailer. */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/** A date given as YYYY-MM-DD (or a full ISO timestamp) turned into a UTC Date at midnight. */
export function utcDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new Error(`expected a YYYY-MM-DD date, got "${value}"`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** YYYY-MM-DD printed as DD.MM.YYYY, the way Kazakh and Russian documents write dates. */
export function printDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

/** Russian noun after a number ("год", "года", "лет") — ages are printed in words. */
export function ruYears(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return "лет";
  if (last === 1) return "год";
  if (last >= 2 && last <= 4) return "года";
  return "лет";
}

/** Font, size and colour of one run of text. */
export interface TextStyle {
  font: FontName;
  size: number;
  color?: string;
  align?: "left" | "center" | "right" | "justify";
  lineGap?: number;
}

/** Height the text takes when wrapped to the width in the style. */
export function measure(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): number {
  if (text === "") return 0;
  doc.font(style.font).fontSize(style.size);
  return doc.heightOfString(text, textOptions(width, style));
}

/** Writes wrapped text at a position and returns its height. */
export function write(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
): number {
  if (text === "") return 0;
  const height = measure(doc, text, width, style);
  doc.fillColor(style.color ?? INK.data).text(text, x, y, textOptions(width, style));
  return height;
}

function textOptions(width: number, style: TextStyle): PDFKit.Mixins.TextOptions {
  return {
    width,
    align: style.align ?? "left",
    lineGap: style.lineGap ?? 0,
  };
}

/** A horizontal line, used for form fields and table borders. */
export function hline(doc: PDFKit.PDFDocument, x1: number, x2: number, y: number, width = 0.5): void {
  doc.save().lineWidth(width).strokeColor(INK.rule).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

/** One column of a ruled table. */
export interface Column {
  header: string;
  width: number;
  align?: "left" | "center" | "right";
}

/** Everything a ruled table needs; `top` is where the table starts on the current page. */
export interface TableSpec {
  x: number;
  top: number;
  /** Lowest y the table may reach on a page before it continues on the next one. */
  bottom: number;
  columns: Column[];
  rows: string[][];
  /** Minimum height of a body row, e.g. room for a stamp. */
  minRowHeight?: number;
  headerStyle: TextStyle;
  bodyStyle: TextStyle;
  padding?: number;
  /** Adds a page and returns where the table continues on it; the header is repeated there. */
  newPage: () => number;
}

type TableShape = Pick<TableSpec, "columns" | "padding">;

function rowHeight(
  doc: PDFKit.PDFDocument,
  shape: TableShape,
  cells: readonly string[],
  style: TextStyle,
): number {
  const pad = shape.padding ?? 2.5;
  const content = shape.columns.map((column, i) =>
    measure(doc, cells[i] ?? "", column.width - 2 * pad, style),
  );
  return Math.max(...content, style.size) + 2 * pad;
}

/** Height the table would take on one page, header included, without drawing it. */
export function measureTable(
  doc: PDFKit.PDFDocument,
  spec: Omit<TableSpec, "x" | "top" | "bottom" | "newPage">,
): number {
  const header = rowHeight(
    doc,
    spec,
    spec.columns.map((column) => column.header),
    spec.headerStyle,
  );
  const body = spec.rows.map((row) =>
    Math.max(rowHeight(doc, spec, row, spec.bodyStyle), spec.minRowHeight ?? 0),
  );
  return body.reduce((sum, height) => sum + height, header);
}

/** Draws a ruled table with a header repeated on every page; returns the y below its last row. */
export function drawTable(doc: PDFKit.PDFDocument, spec: TableSpec): number {
  const pad = spec.padding ?? 2.5;
  const width = spec.columns.reduce((sum, column) => sum + column.width, 0);
  const cellHeight = (cells: readonly string[], style: TextStyle): number =>
    rowHeight(doc, spec, cells, style);

  const drawRow = (
    cells: readonly string[],
    y: number,
    height: number,
    style: TextStyle,
    shaded: boolean,
  ) => {
    if (shaded) doc.save().rect(spec.x, y, width, height).fill("#ececec").restore();
    let x = spec.x;
    for (const [i, column] of spec.columns.entries()) {
      write(doc, cells[i] ?? "", x + pad, y + pad, column.width - 2 * pad, {
        ...style,
        align: column.align ?? style.align ?? "left",
      });
      x += column.width;
    }
    doc.save().lineWidth(0.5).strokeColor(INK.rule).rect(spec.x, y, width, height).stroke();
    x = spec.x;
    for (const column of spec.columns.slice(0, -1)) {
      x += column.width;
      doc
        .moveTo(x, y)
        .lineTo(x, y + height)
        .stroke();
    }
    doc.restore();
  };

  const headers = spec.columns.map((column) => column.header);
  const headerHeight = cellHeight(headers, spec.headerStyle);
  let y = spec.top;
  drawRow(headers, y, headerHeight, spec.headerStyle, true);
  y += headerHeight;
  for (const row of spec.rows) {
    const height = Math.max(cellHeight(row, spec.bodyStyle), spec.minRowHeight ?? 0);
    if (y + height > spec.bottom) {
      y = spec.newPage();
      drawRow(headers, y, headerHeight, spec.headerStyle, true);
      y += headerHeight;
    }
    drawRow(row, y, height, spec.bodyStyle, false);
    y += height;
  }
  return y;
}
