import {
  type Column,
  drawTable,
  FONT,
  finish,
  INK,
  newDocument,
  printDate,
  utcDate,
  write,
} from "./layout.js";
import { REGISTER_LABELS as L } from "./text.js";

/** One line of the register book of passes and permits (Z p.32, Z App.3; columns per SPEC Z-21). */
export interface RegisterLine {
  /** Gapless per issuing body and year. */
  lineNo: number;
  /** YYYY-MM-DD the pass was handed over. */
  date: string;
  passSeries: string;
  passNumber: string;
  /** Surname, name, patronymic as written. */
  fullName: string;
  birthYear: number;
  /** Identity document as checked at hand-over, e.g. "жеке куәлік № 045612378, 14.03.2019, ҚР ІІМ". */
  identityDocument: string;
  destination: string;
  purpose: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD. */
  validUntil: string;
  basisDocuments: string[];
  /** How the recipient signed, e.g. "signed in person, 2026-11-22 10:03"; empty for a pen signature. */
  recipientSignature: string;
  /** Returned / withdrawn mark; empty while the pass is out. */
  returnMark: string;
}

/** What the register book prints: the issuing unit, the year and its lines. */
export interface RegisterBookInput {
  unitNameKk: string;
  unitNameRu: string;
  year: number;
  lines: RegisterLine[];
  /** YYYY-MM-DD of printing; defaults to the latest line date so equal input gives equal bytes. */
  printedOn?: string;
}

// A4 landscape: twelve columns need the width, and it is the size of a ledger page.
const PAGE = { width: 841.89, height: 595.28 } as const;
const MARGIN = 28;
const FOOTER = 18;

const both = (text: { kk: string; ru: string }, sep = "\n"): string => `${text.kk}${sep}${text.ru}`;

const COLUMNS: Column[] = [
  { header: both(L.lineNo), width: 30, align: "center" },
  { header: both(L.date), width: 50, align: "center" },
  { header: both(L.pass), width: 62, align: "center" },
  { header: both(L.fullName), width: 98 },
  { header: both(L.birthYear), width: 36, align: "center" },
  { header: both(L.identityDocument), width: 104 },
  { header: both(L.destination), width: 82 },
  { header: both(L.purpose), width: 64 },
  { header: both(L.validity), width: 56, align: "center" },
  { header: both(L.basis), width: 72 },
  { header: both(L.signature), width: 76 },
  { header: both(L.returned), width: 55.89 },
];

/** Renders the register book of passes and permits as a landscape A4 table, header on every page. */
export async function renderRegisterBookPdf(input: RegisterBookInput): Promise<Buffer> {
  const latest = input.lines.map((line) => line.date).sort((a, b) => b.localeCompare(a))[0];
  const printedOn = input.printedOn ?? latest ?? `${input.year}-01-01`;
  const pdf = newDocument({
    size: "A4",
    layout: "landscape",
    title: `${L.title.kk} / ${L.title.ru} — ${input.year}`,
    subject: `${input.unitNameKk} / ${input.unitNameRu}`,
    creationDate: utcDate(printedOn),
  });
  const contentWidth = PAGE.width - 2 * MARGIN;

  // Page 1 carries the book's title; following pages a one-line running head.
  pdf.addPage();
  let top = MARGIN;
  top += write(pdf, L.title.kk, MARGIN, top, contentWidth, {
    font: FONT.bold,
    size: 12,
    color: INK.form,
    align: "center",
  });
  top += write(pdf, L.title.ru, MARGIN, top + 1, contentWidth, {
    font: FONT.regular,
    size: 11,
    color: INK.form,
    align: "center",
  });
  top += 4;
  top += write(
    pdf,
    `${input.unitNameKk} / ${input.unitNameRu} — ${input.year} ${L.year.kk} / ${L.year.ru}`,
    MARGIN,
    top + 1,
    contentWidth,
    { font: FONT.bold, size: 9, color: INK.data, align: "center" },
  );
  top += 10;

  const runningHead = (): number => {
    pdf.addPage();
    const height = write(
      pdf,
      `${L.shortTitle.kk} / ${L.shortTitle.ru} — ${input.unitNameKk} / ${input.unitNameRu}, ${input.year}`,
      MARGIN,
      MARGIN,
      contentWidth,
      { font: FONT.italic, size: 7, color: INK.caption },
    );
    return MARGIN + height + 6;
  };

  drawTable(pdf, {
    x: MARGIN,
    top,
    bottom: PAGE.height - MARGIN - FOOTER,
    columns: COLUMNS,
    rows: input.lines.map((line) => [
      String(line.lineNo),
      printDate(line.date),
      `${line.passSeries} № ${line.passNumber}`,
      line.fullName,
      String(line.birthYear),
      line.identityDocument,
      line.destination,
      line.purpose,
      `${printDate(line.validFrom)} –\n${printDate(line.validUntil)}`,
      line.basisDocuments.join("; "),
      line.recipientSignature,
      line.returnMark,
    ]),
    minRowHeight: 22,
    headerStyle: { font: FONT.condBold, size: 6.4, color: INK.form, align: "center" },
    bodyStyle: { font: FONT.cond, size: 7, color: INK.data },
    padding: 3,
    newPage: runningHead,
  });

  // Page numbers last, once the page count is known (the document buffers its pages).
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    write(
      pdf,
      `${L.page.kk}/${L.page.ru} ${i + 1} / ${count}`,
      MARGIN,
      PAGE.height - MARGIN - 9,
      contentWidth,
      {
        font: FONT.regular,
        size: 7.5,
        color: INK.caption,
        align: "center",
      },
    );
  }
  return finish(pdf);
}
