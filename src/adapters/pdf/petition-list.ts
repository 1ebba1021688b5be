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

/** One person on a printed petition list. */
export interface ListPerson {
  no: number;
  fullName: string;
  birthYear: number;
  address: string;
  document: string;
  /** The NSC's result column, printed only on the copy that carries the results. */
  nscResult?: string;
}

/** What a copy of a petition list prints (Z p.27, Z p.10). */
export interface PetitionListDocument {
  /** "Список группы …" in Kazakh and Russian. */
  title: { kk: string; ru: string };
  petitionNumber: string;
  copyNo: number | null;
  copiesTotal: number | null;
  holder: { kk: string; ru: string };
  organization: string;
  iab: string;
  nsc: string | null;
  destinations: string;
  period: string;
  people: ListPerson[];
  withResults: boolean;
  /** Copy 1: certified by the person entitled to sign passes, with the seal (Z p.27). */
  certification: { by: string; on: string } | null;
  groupPassNumber: string | null;
  printedOn: string;
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 36;

/** Renders one copy of a petition list as portrait A4, the header in Kazakh and Russian. */
export async function renderPetitionListPdf(input: PetitionListDocument): Promise<Buffer> {
  const pdf = newDocument({
    size: "A4",
    layout: "portrait",
    title: `${input.title.ru} ${input.petitionNumber}${input.copyNo ? ` — экз. ${input.copyNo}` : ""}`,
    subject: input.organization,
    creationDate: utcDate(input.printedOn),
  });
  const width = PAGE.width - 2 * MARGIN;
  pdf.addPage();
  let top = MARGIN;
  if (input.copyNo !== null) {
    top += write(
      pdf,
      `${input.copyNo}-дана / экземпляр № ${input.copyNo} (${input.copiesTotal ?? 5}) — ${input.holder.kk} / ${input.holder.ru}`,
      MARGIN,
      top,
      width,
      { font: FONT.italic, size: 8, color: INK.caption, align: "right" },
    );
  }
  top += 4;
  top += write(pdf, input.title.kk, MARGIN, top, width, {
    font: FONT.bold,
    size: 12,
    color: INK.form,
    align: "center",
  });
  top += write(pdf, input.title.ru, MARGIN, top + 1, width, {
    font: FONT.regular,
    size: 11,
    color: INK.form,
    align: "center",
  });
  top += 8;
  const facts: [string, string][] = [
    ["Өтініш хат № / Ходатайство №", input.petitionNumber],
    ["Ұйым / Организация", input.organization],
    ["ІІО / ОВД", input.iab],
    ...(input.nsc ? ([["ҰҚК органы / Орган КНБ", input.nsc]] as [string, string][]) : []),
    ["Баратын жері / Пункт назначения", input.destinations],
    ["Мерзімі / Срок", input.period],
    ...(input.groupPassNumber
      ? ([["Топтық рұқсаттама / Групповой пропуск", input.groupPassNumber]] as [string, string][])
      : []),
  ];
  for (const [label, value] of facts) {
    const h1 = write(pdf, label, MARGIN, top, 170, { font: FONT.regular, size: 8, color: INK.caption });
    const h2 = write(pdf, value, MARGIN + 175, top, width - 175, {
      font: FONT.bold,
      size: 9,
      color: INK.data,
    });
    top += Math.max(h1, h2) + 3;
  }
  top += 6;
  const columns: Column[] = [
    { header: "№", width: 24, align: "center" },
    { header: "Аты-жөні\nФ. И. О.", width: input.withResults ? 130 : 160 },
    { header: "Туған жылы\nГод рожд.", width: 48, align: "center" },
    { header: "Мекенжайы\nАдрес", width: input.withResults ? 120 : 140 },
    { header: "Паспорт", width: input.withResults ? 110 : width - 24 - 160 - 48 - 140 },
    ...(input.withResults
      ? [{ header: "ҰҚК тексеруі\nПроверка КНБ", width: width - 24 - 130 - 48 - 120 - 110 } as Column]
      : []),
  ];
  top = drawTable(pdf, {
    x: MARGIN,
    top,
    bottom: PAGE.height - MARGIN - 60,
    columns,
    rows: input.people.map((p) => [
      String(p.no),
      p.fullName,
      String(p.birthYear),
      p.address,
      p.document,
      ...(input.withResults ? [p.nscResult ?? ""] : []),
    ]),
    minRowHeight: 18,
    headerStyle: { font: FONT.condBold, size: 7, color: INK.form, align: "center" },
    bodyStyle: { font: FONT.cond, size: 8, color: INK.data },
    padding: 3,
    newPage: () => {
      pdf.addPage();
      return MARGIN;
    },
  });
  top += 14;
  if (top > PAGE.height - MARGIN - 50) {
    pdf.addPage();
    top = MARGIN;
  }
  if (input.certification) {
    write(
      pdf,
      `Расталды / Заверено: ${input.certification.by}, ${printDate(input.certification.on)}\nМ. О. / М. П. (паспорт-виза бөлімшесінің мөрі / печать паспортно-визового подразделения)`,
      MARGIN,
      top,
      width,
      { font: FONT.regular, size: 9, color: INK.data },
    );
  } else {
    write(pdf, `Басып шығарылды / Напечатано: ${printDate(input.printedOn)}`, MARGIN, top, width, {
      font: FONT.italic,
      size: 8,
      color: INK.caption,
    });
  }
  return finish(pdf);
}
