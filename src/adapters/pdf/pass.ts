import QRCode from "qrcode";
import {
  drawTable,
  FONT,
  finish,
  hline,
  INK,
  measure,
  measureTable,
  newDocument,
  printDate,
  ruYears,
  type TextStyle,
  utcDate,
  write,
} from "./layout.js";
import {
  PASS_LABELS as L,
  PASS_PURPOSE_WORDING,
  PASS_RULES,
  PASS_RULES_ACKNOWLEDGEMENT,
  PASS_RULES_HEADING,
  type PassPurposeKind,
} from "./text.js";

/** A text printed in both languages of the pass: Kazakh first, Russian second. */
export interface BilingualText {
  kk: string;
  ru: string;
}

/** A settlement where entry and stay are allowed, with the region it belongs to (Z App.1, Z p.20). */
export interface PassPlace {
  nameKk: string;
  nameRu: string;
  regionKk: string;
  regionRu: string;
}

/** A child under 16 written into the parent's pass (Z p.9, Z p.34 ә). */
export interface PassChild {
  name: string;
  age: number;
}

/** The identity document the pass is valid only with (Z p.34 б). */
export interface PassIdentityDocument {
  /** Kind of document, e.g. { kk: "жеке куәлік", ru: "удостоверение личности" }. */
  type: BilingualText;
  series?: string;
  number: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  /** The issuing authority as written on the document. */
  issuedBy: string;
}

/** A registration mark on the back of the pass (Z p.36, App.1 rule 2). */
export interface PassRegistrationMark {
  /** YYYY-MM-DD. */
  date: string;
  /** Who registered: IAB unit, local authority, house manager, hotel administration… */
  registrar: string;
  note?: string;
}

/** An extension mark on the back of the pass (Z p.23). */
export interface PassExtensionMark {
  /** YYYY-MM-DD the validity now ends. */
  until: string;
  /** The IAB that extended it (any IAB, not only the issuer). */
  unit: string;
  /** YYYY-MM-DD the extension was made. */
  date: string;
}

/** Everything printed on a pass (Z-22, Z App.1): front, back and the offline verification code. */
export interface PassDocument {
  ministry: BilingualText;
  /** Passport and visa department (migration police) that issues the pass. */
  department: BilingualText;
  region: BilingualText;
  /** Name of the internal affairs body. */
  iab: BilingualText;
  /** YYYY-MM-DD; also the PDF's creation date, so equal input gives equal bytes. */
  issueDate: string;
  series: string;
  number: string;
  holder: {
    surname: string;
    name: string;
    patronymic?: string;
    birthYear: number;
  };
  places: PassPlace[];
  purpose: PassPurposeKind;
  /** Free-text purpose of the trip ("Сапарының мақсаты"), printed when given. */
  tripPurpose?: BilingualText;
  /** Children under 16 travelling with the holder; empty prints "жоқ / нет". */
  children: PassChild[];
  identityDocument: PassIdentityDocument;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD. */
  validUntil: string;
  /** Head of the migration police unit who signs (Z p.33). */
  headName: string;
  registrations: PassRegistrationMark[];
  extensions: PassExtensionMark[];
  /** Signed verification payload (C-6), opaque here; printed as a QR code when not empty. */
  qrPayload: string;
}

// A5 portrait: the size of the paper pass; an A4 sheet folds into two of them.
const PAGE = { width: 419.53, height: 595.28 } as const;
const MARGIN = 30;
const CONTENT = PAGE.width - 2 * MARGIN;
const LABEL_WIDTH = 112;
const VALUE_X = MARGIN + LABEL_WIDTH + 8;
const VALUE_WIDTH = PAGE.width - MARGIN - VALUE_X;
const QR_SIZE = 78;
// Height kept free at the foot of the front for the seal, the head's signature and the QR code.
const FOOT_HEIGHT = QR_SIZE + 30;
// Font scales tried in turn until the front fits on one page (many places or children).
const SCALES = [1, 0.94, 0.88, 0.82, 0.76, 0.7] as const;

const both = (text: BilingualText | { kk: string; ru: string }): string => `${text.kk} / ${text.ru}`;

/** Renders the pass as a two-sided PDF: page 1 the front, page 2 the back (Z App.1). */
export async function renderPassPdf(doc: PassDocument): Promise<Buffer> {
  const pdf = newDocument({
    size: "A5",
    layout: "portrait",
    title: `${L.title.kk} / ${L.title.ru} ${doc.series} № ${doc.number}`,
    subject: `${doc.holder.surname} ${doc.holder.name}`,
    creationDate: utcDate(doc.issueDate),
  });
  pdf.addPage();
  const scale = SCALES.find((k) => frontFits(pdf, doc, k)) ?? SCALES[SCALES.length - 1] ?? 1;
  drawFront(pdf, doc, scale, true);
  pdf.addPage();
  drawBack(pdf, doc);
  return finish(pdf);
}

function frontFits(pdf: PDFKit.PDFDocument, doc: PassDocument, k: number): boolean {
  return drawFront(pdf, doc, k, false) <= PAGE.height - MARGIN - FOOT_HEIGHT;
}

/** Lays out the front; with `draw` false it only measures and returns where the fields end. */
function drawFront(pdf: PDFKit.PDFDocument, doc: PassDocument, k: number, draw: boolean): number {
  const text = (value: string, x: number, y: number, width: number, style: TextStyle): number =>
    draw ? write(pdf, value, x, y, width, style) : measure(pdf, value, width, style);
  const form = (size: number, bold = false): TextStyle => ({
    font: bold ? FONT.bold : FONT.regular,
    size: size * k,
    color: INK.form,
  });
  const caption: TextStyle = { font: FONT.italic, size: 5.8 * k, color: INK.caption, align: "center" };
  const data = (size: number, bold = false): TextStyle => ({
    font: bold ? FONT.bold : FONT.regular,
    size: size * k,
    color: INK.data,
  });
  if (draw) frame(pdf);

  let y = MARGIN;
  // Header: the issuing ministry and department on the left, the appendix mark on the right.
  const headerWidth = CONTENT - 100;
  text(`${L.appendix.kk}\n${L.appendix.ru}`, MARGIN + headerWidth, y, CONTENT - headerWidth, {
    ...caption,
    align: "right",
    size: 6.2 * k,
  });
  y += text(doc.ministry.kk, MARGIN, y, headerWidth, form(7.4, true));
  y += text(doc.ministry.ru, MARGIN, y, headerWidth, form(6.8));
  y += 2 * k;
  y += text(doc.department.kk, MARGIN, y, headerWidth, form(7.4, true));
  y += text(doc.department.ru, MARGIN, y, headerWidth, form(6.8));
  y += 5 * k;

  // Region and IAB on underlined lines with the form's captions beneath, as in App.1.
  for (const [value, label] of [
    [doc.region, L.regionCaption],
    [doc.iab, L.iabCaption],
  ] as const) {
    y += text(both(value), MARGIN, y, CONTENT, { ...data(8.6), align: "center" });
    if (draw) hline(pdf, MARGIN, MARGIN + CONTENT, y + 1);
    y += 1.5;
    y += text(`(${both(label)})`, MARGIN, y, CONTENT, caption) + 3 * k;
  }

  // Date of issue on the left, series and number on the right.
  y += 2 * k;
  const rowTop = y;
  text(`${both(L.issueDate)}:`, MARGIN, rowTop, 150, form(6.8));
  text(printDate(doc.issueDate), MARGIN, rowTop + 9 * k, 150, data(9.5, true));
  text(`${both(L.seriesNumber)}:`, MARGIN + CONTENT - 170, rowTop, 170, { ...form(6.8), align: "right" });
  text(`${doc.series} № ${doc.number}`, MARGIN + CONTENT - 170, rowTop + 8 * k, 170, {
    ...data(13, true),
    align: "right",
  });
  y = rowTop + 28 * k;

  // Title.
  y += text(L.title.kk, MARGIN, y, CONTENT, { ...form(18, true), align: "center" });
  y += text(L.title.ru, MARGIN, y, CONTENT, { ...form(12.5, true), align: "center" });
  y += text(`${L.subtitle.kk}`, MARGIN, y + 2 * k, CONTENT, { ...caption, size: 7 * k, color: INK.form });
  y += text(`${L.subtitle.ru}`, MARGIN, y + 2 * k, CONTENT, { ...caption, size: 7 * k, color: INK.form });
  y += 10 * k;

  // Fields: bilingual label on the left, the filled-in value on an underlined line on the right.
  const field = (label: BilingualText, values: TextLine[], note?: BilingualText) => {
    const labelHeight =
      measure(pdf, label.kk, LABEL_WIDTH, form(6.9, true)) + measure(pdf, label.ru, LABEL_WIDTH, form(6.6));
    const valueHeight = values.reduce(
      (sum, line) => sum + measure(pdf, line.text, VALUE_WIDTH, line.style),
      0,
    );
    const noteHeight = note ? measure(pdf, `(${both(note)})`, VALUE_WIDTH, caption) + 1.5 : 0;
    const height = Math.max(labelHeight, valueHeight + 2 + noteHeight);
    if (draw && y + height > PAGE.height - MARGIN) {
      // Only reached at the smallest scale: the front continues on an extra page rather than lose data.
      pdf.addPage();
      frame(pdf);
      y = MARGIN;
    }
    const top = y;
    const labelKk = text(label.kk, MARGIN, top, LABEL_WIDTH, form(6.9, true));
    text(label.ru, MARGIN, top + labelKk, LABEL_WIDTH, { ...form(6.6), color: INK.caption });
    let vy = top;
    for (const line of values) vy += text(line.text, VALUE_X, vy, VALUE_WIDTH, line.style);
    if (draw) hline(pdf, VALUE_X, MARGIN + CONTENT, vy + 1);
    if (note) text(`(${both(note)})`, VALUE_X, vy + 2.5, VALUE_WIDTH, caption);
    y = top + height + 6.5 * k;
  };
  const pair = (value: BilingualText, size = 8.8, bold = false): TextLine[] => [
    { text: value.kk, style: data(size, bold) },
    { text: value.ru, style: { ...data(size - 0.6), color: "#262626" } },
  ];

  const { surname, name, patronymic, birthYear } = doc.holder;
  field(
    L.holder,
    [
      { text: [surname, name, patronymic].filter(Boolean).join(" "), style: data(10.5, true) },
      { text: `${both(L.birthYear)}: ${birthYear}`, style: data(8.6) },
    ],
    L.holderCaption,
  );
  field(
    L.places,
    doc.places.flatMap((place) =>
      pair({ kk: `${place.nameKk}, ${place.regionKk}`, ru: `${place.nameRu}, ${place.regionRu}` }, 9, true),
    ),
    L.placesCaption,
  );
  field(L.purposeKind, pair(PASS_PURPOSE_WORDING[doc.purpose], 9, true));
  if (doc.tripPurpose) field(L.tripPurpose, pair(doc.tripPurpose));
  field(
    L.children,
    doc.children.length === 0
      ? [{ text: both(L.childrenNone), style: data(8.8) }]
      : doc.children.map((child) => ({
          text: `${child.name} — ${child.age} жас / ${child.age} ${ruYears(child.age)}`,
          style: data(8.8),
        })),
    L.childrenCaption,
  );
  const id = doc.identityDocument;
  const idNumber = `${id.series ? `${id.series} ` : ""}№ ${id.number}`;
  field(
    L.identityDocument,
    pair({
      kk: `${id.type.kk} ${idNumber}, ${printDate(id.issuedOn)} берілген, ${id.issuedBy}`,
      ru: `${id.type.ru} ${idNumber}, выдан(о) ${printDate(id.issuedOn)}, ${id.issuedBy}`,
    }),
    L.identityCaption,
  );
  field(
    L.validity,
    pair(
      {
        kk: `${printDate(doc.validFrom)} бастап ${printDate(doc.validUntil)} дейін`,
        ru: `с ${printDate(doc.validFrom)} по ${printDate(doc.validUntil)}`,
      },
      9.5,
      true,
    ),
  );
  if (draw) drawFoot(pdf, doc);
  return y;
}

interface TextLine {
  text: string;
  style: TextStyle;
}

/** Seal place, head's signature and the verification code, anchored to the foot of the page. */
function drawFoot(pdf: PDFKit.PDFDocument, doc: PassDocument): void {
  const top = PAGE.height - MARGIN - FOOT_HEIGHT + 6;
  const caption: TextStyle = { font: FONT.italic, size: 5.8, color: INK.caption, align: "center" };

  // Seal place: a dashed circle the stamp goes into (Z p.33).
  const sealX = MARGIN + 34;
  const sealY = top + 40;
  pdf.save().lineWidth(0.6).dash(2, { space: 2 }).strokeColor("#777777").circle(sealX, sealY, 30).stroke();
  pdf.undash().restore();
  write(pdf, both(L.seal), sealX - 30, sealY - 4, 60, { ...caption, size: 7, color: "#777777" });

  // Head's signature line with the printed name under it.
  const signX = MARGIN + 78;
  const signWidth = PAGE.width - MARGIN - QR_SIZE - 16 - signX;
  write(pdf, `${both(L.head)}`, signX, top + 14, signWidth, {
    font: FONT.bold,
    size: 7.4,
    color: INK.form,
  });
  hline(pdf, signX, signX + signWidth, top + 48);
  write(pdf, `(${both(L.signature)})`, signX, top + 50, signWidth, caption);
  write(pdf, doc.headName, signX, top + 60, signWidth, {
    font: FONT.regular,
    size: 8.6,
    align: "center",
  });

  if (doc.qrPayload === "") return;
  const qrX = PAGE.width - MARGIN - QR_SIZE;
  drawQr(pdf, doc.qrPayload, qrX, top, QR_SIZE);
  write(pdf, both(L.qrCaption), qrX - 14, top + QR_SIZE + 3, QR_SIZE + 14, { ...caption, size: 5.2 });
}

/** The verification payload as vector QR modules, error correction M (C-6); shared with permits. */
export function drawQr(pdf: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: "M" });
  const cell = size / modules.size;
  pdf.save();
  for (let row = 0; row < modules.size; row++) {
    // Runs of dark modules become one rectangle each: smaller file, no hairline seams.
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        pdf.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  pdf.fill("#000000").restore();
}

function frame(pdf: PDFKit.PDFDocument): void {
  const inset = MARGIN - 12;
  pdf
    .save()
    .lineWidth(0.8)
    .strokeColor(INK.rule)
    .rect(inset, inset, PAGE.width - 2 * inset, PAGE.height - 2 * inset)
    .stroke()
    .lineWidth(0.3)
    .rect(inset + 2.5, inset + 2.5, PAGE.width - 2 * inset - 5, PAGE.height - 2 * inset - 5)
    .stroke()
    .restore();
}

/** The back: the five rules in both languages, the holder's acknowledgement, then the marks. */
function drawBack(pdf: PDFKit.PDFDocument, doc: PassDocument): void {
  frame(pdf);
  const caption: TextStyle = { font: FONT.italic, size: 5.8, color: INK.caption, align: "center" };
  let y = MARGIN;
  y += write(pdf, `${both(L.backOf)} — ${doc.series} № ${doc.number}`, MARGIN, y, CONTENT, {
    ...caption,
    align: "right",
    size: 6.2,
  });
  y += 6;

  // Rules side by side: Kazakh on the left, Russian on the right, each rule on one row.
  const numberWidth = 11;
  const gap = 10;
  const columnWidth = (CONTENT - numberWidth * 2 - gap) / 2;
  const kkX = MARGIN + numberWidth;
  const ruX = kkX + columnWidth + gap + numberWidth;
  const heading: TextStyle = { font: FONT.bold, size: 11, color: INK.form, align: "center" };
  write(pdf, PASS_RULES_HEADING.kk, kkX, y, columnWidth, heading);
  y += write(pdf, PASS_RULES_HEADING.ru, ruX, y, columnWidth, heading) + 5;
  const rule: TextStyle = { font: FONT.regular, size: 6.9, color: INK.data, lineGap: 0.3 };
  for (const [i, item] of PASS_RULES.entries()) {
    const n: TextStyle = { ...rule, font: FONT.bold, align: "left" };
    write(pdf, `${i + 1}.`, MARGIN, y, numberWidth, n);
    write(pdf, `${i + 1}.`, ruX - numberWidth, y, numberWidth, n);
    const kkHeight = write(pdf, item.text.kk, kkX, y, columnWidth, rule);
    const ruHeight = write(pdf, item.text.ru, ruX, y, columnWidth, rule);
    y += Math.max(kkHeight, ruHeight) + 3.5;
  }

  // Acknowledgement and the holder's signature (Z p.32).
  y += 8;
  const ackWidth = 190;
  write(pdf, PASS_RULES_ACKNOWLEDGEMENT.kk, MARGIN, y, ackWidth, {
    font: FONT.bold,
    size: 8,
    color: INK.form,
  });
  write(pdf, PASS_RULES_ACKNOWLEDGEMENT.ru, MARGIN, y + 10, ackWidth, {
    font: FONT.regular,
    size: 7.6,
    color: INK.form,
  });
  const signX = MARGIN + ackWidth;
  hline(pdf, signX, MARGIN + CONTENT, y + 19);
  write(pdf, `(${both(L.signature)})`, signX, y + 21, MARGIN + CONTENT - signX, caption);
  y += 40;

  const newPage = (): number => {
    pdf.addPage();
    frame(pdf);
    return MARGIN;
  };
  const headerStyle: TextStyle = { font: FONT.condBold, size: 6.2, color: INK.form, align: "center" };
  const bodyStyle: TextStyle = { font: FONT.cond, size: 7.2, color: INK.data };
  const title: TextStyle = { font: FONT.bold, size: 7.6, color: INK.form };
  const bottom = PAGE.height - MARGIN;
  const blank = (count: number, width: number) =>
    Array.from({ length: count }, () => Array.from({ length: width }, () => ""));

  // Registration marks (Z p.36) and extension marks (Z p.23); blank rows stay for stamps put by hand.
  const registrationRows = doc.registrations.map((mark, i) => [
    String(i + 1),
    printDate(mark.date),
    mark.registrar,
    mark.note ?? "",
  ]);
  const registrations = {
    columns: [
      { header: "№", width: 18, align: "center" as const },
      { header: `${L.date.kk}\n${L.date.ru}`, width: 52, align: "center" as const },
      { header: both(L.registrar), width: 170 },
      { header: both(L.note), width: CONTENT - 240 },
    ],
    rows: [...registrationRows, ...blank(Math.max(3 - registrationRows.length, 1), 4)],
    minRowHeight: 22,
    headerStyle,
    bodyStyle,
  };
  const extensionRows = doc.extensions.map((mark, i) => [
    String(i + 1),
    printDate(mark.date),
    printDate(mark.until),
    mark.unit,
    "",
  ]);
  const extensions = {
    columns: [
      { header: "№", width: 18, align: "center" as const },
      { header: `${L.date.kk}\n${L.date.ru}`, width: 52, align: "center" as const },
      { header: `${L.extendedUntil.kk}\n${L.extendedUntil.ru}`, width: 62, align: "center" as const },
      { header: both(L.extendedBy), width: CONTENT - 18 - 52 - 62 - 56 },
      { header: both(L.seal), width: 56, align: "center" as const },
    ],
    rows: [...extensionRows, ...blank(Math.max(2 - extensionRows.length, 1), 5)],
    minRowHeight: 28,
    headerStyle,
    bodyStyle,
  };
  const titleHeight = (text: string) => measure(pdf, text, CONTENT, title) + 3;
  const needed =
    titleHeight(both(L.registrations)) +
    measureTable(pdf, registrations) +
    10 +
    titleHeight(both(L.extensions)) +
    measureTable(pdf, extensions);
  // Whatever room is left on the page becomes more blank registration rows, the mark most often stamped.
  const spare = Math.floor((bottom - y - needed) / registrations.minRowHeight);
  if (spare > 0) registrations.rows.push(...blank(spare, 4));

  if (y + 60 > bottom) y = newPage();
  y += write(pdf, both(L.registrations), MARGIN, y, CONTENT, title) + 3;
  y = drawTable(pdf, { ...registrations, x: MARGIN, top: y, bottom, newPage }) + 10;
  if (y + 60 > bottom) y = newPage();
  y += write(pdf, both(L.extensions), MARGIN, y, CONTENT, title) + 3;
  drawTable(pdf, { ...extensions, x: MARGIN, top: y, bottom, newPage });
}
