/**
 * The foreigner's permit (Z p.17) and the special-works permission (Z p.28) as PDFs. Both are
 * bilingual (Kazakh first, Russian second) forms of labelled lines; the permit carries the same
 * signed, offline-verifiable code as a pass (C-6), printed as a QR.
 */
import { FONT, finish, hline, INK, newDocument, printDate, utcDate, write } from "./layout.js";
import { drawQr } from "./pass.js";

/** A text printed in both languages. */
export interface Bilingual {
  kk: string;
  ru: string;
}

/** One labelled line of a document. */
export interface DocLine {
  label: Bilingual;
  value: string;
}

/** A special-procedure document: heading, number, lines, optional QR, signature block. */
export interface SpecialDocument {
  authority: Bilingual;
  title: Bilingual;
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  lines: DocLine[];
  /** The basis printed under the lines, with its clause. */
  basis: Bilingual;
  signer: string;
  qrPayload?: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const QR_SIZE = 120;

/** Renders the document on one A4 page. */
export async function renderSpecialPdf(doc: SpecialDocument): Promise<Buffer> {
  const pdf = newDocument({
    size: "A4",
    layout: "portrait",
    title: `${doc.title.ru} ${doc.number}`,
    subject: doc.title.kk,
    creationDate: utcDate(doc.date),
  });
  pdf.addPage();
  const width = PAGE.width - 2 * MARGIN;
  let y = MARGIN;
  y += write(pdf, doc.authority.kk, MARGIN, y, width, { font: FONT.bold, size: 10, align: "center" }) + 2;
  y += write(pdf, doc.authority.ru, MARGIN, y, width, { font: FONT.regular, size: 9, align: "center" }) + 14;
  y += write(pdf, doc.title.kk.toUpperCase(), MARGIN, y, width, {
    font: FONT.bold,
    size: 15,
    align: "center",
  });
  y +=
    write(pdf, doc.title.ru.toUpperCase(), MARGIN, y, width, { font: FONT.bold, size: 12, align: "center" }) +
    6;
  y +=
    write(pdf, `№ ${doc.number}    ${printDate(doc.date)}`, MARGIN, y, width, {
      font: FONT.bold,
      size: 11,
      align: "center",
    }) + 16;
  const labelWidth = 190;
  const valueWidth = width - labelWidth - 8 - (doc.qrPayload ? 0 : 0);
  for (const line of doc.lines) {
    const labelHeight = write(pdf, `${line.label.kk} / ${line.label.ru}`, MARGIN, y, labelWidth, {
      font: FONT.cond,
      size: 8.5,
      color: INK.caption,
    });
    const valueHeight = write(pdf, line.value || "—", MARGIN + labelWidth + 8, y, valueWidth, {
      font: FONT.regular,
      size: 10.5,
    });
    y += Math.max(labelHeight, valueHeight) + 2;
    hline(pdf, MARGIN, MARGIN + width, y, 0.3);
    y += 6;
  }
  y += 8;
  y += write(pdf, doc.basis.kk, MARGIN, y, width, { font: FONT.italic, size: 8.5, color: INK.form }) + 3;
  y += write(pdf, doc.basis.ru, MARGIN, y, width, { font: FONT.italic, size: 8.5, color: INK.form }) + 24;
  const signTop = y;
  hline(pdf, MARGIN, MARGIN + 200, signTop + 30);
  write(pdf, "(қолы / подпись)", MARGIN, signTop + 32, 200, { font: FONT.cond, size: 7, color: INK.caption });
  write(pdf, doc.signer, MARGIN, signTop + 44, 200, { font: FONT.regular, size: 9 });
  write(pdf, "М.О. / М.П.", MARGIN + 220, signTop + 20, 80, { font: FONT.regular, size: 9 });
  if (doc.qrPayload) {
    const qrX = PAGE.width - MARGIN - QR_SIZE;
    drawQr(pdf, doc.qrPayload, qrX, signTop, QR_SIZE);
    write(pdf, "Тексеру коды / Код проверки", qrX - 10, signTop + QR_SIZE + 4, QR_SIZE + 20, {
      font: FONT.cond,
      size: 7,
      color: INK.caption,
      align: "center",
    });
  }
  return finish(pdf);
}
