/**
 * Printable coordination documents (X-9, X-12): the interaction plan and the handover act with
 * its inventory and both signatures. A4 portrait, DejaVu fonts (Kazakh letters), labels in the
 * chosen language; the data is printed as written.
 */
import type { Lang, Translated } from "../../core/i18n.js";
import { drawTable, FONT, finish, INK, newDocument, printDate, write } from "./layout.js";

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 48;
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;

/** Labels of the coordination documents. */
export const COORDINATION_LABELS = {
  act: { kk: "ҚАБЫЛДАУ-ТАПСЫРУ АКТІСІ", ru: "АКТ ПРИЁМА-ПЕРЕДАЧИ", en: "HANDOVER ACT" },
  number: { kk: "№", ru: "№", en: "No." },
  place: { kk: "Орны", ru: "Место", en: "Place" },
  basis: { kk: "Негіз", ru: "Основание", en: "Basis" },
  giver: { kk: "Тапсырды", ru: "Передал", en: "Handed over by" },
  receiver: { kk: "Қабылдады", ru: "Принял", en: "Received by" },
  inventory: { kk: "Тізімдеме", ru: "Опись", en: "Inventory" },
  line: { kk: "№", ru: "№", en: "No." },
  kind: { kk: "Түрі", ru: "Вид", en: "Kind" },
  description: { kk: "Сипаттамасы", ru: "Описание", en: "Description" },
  quantity: { kk: "Саны", ru: "Количество", en: "Quantity" },
  discrepancy: { kk: "Сәйкессіздік", ru: "Расхождение", en: "Discrepancy" },
  signed: { kk: "Қол қойды", ru: "Подписал", en: "Signed" },
  notSigned: { kk: "қол қойылмаған", ru: "не подписан", en: "not signed" },
  status: { kk: "Күйі", ru: "Статус", en: "Status" },
  fingerprint: {
    kk: "Тізімдеменің хэші (SHA-256)",
    ru: "Хэш описи (SHA-256)",
    en: "Inventory hash (SHA-256)",
  },
  plan: { kk: "ӨЗАРА ІС-ҚИМЫЛ ЖОСПАРЫ", ru: "ПЛАН ВЗАИМОДЕЙСТВИЯ", en: "INTERACTION PLAN" },
  order: { kk: "Бұйрық", ru: "Приказ", en: "Order" },
  due: { kk: "Әзірлеу мерзімі", ru: "Срок разработки", en: "Due" },
  version: { kk: "Нұсқа", ru: "Версия", en: "Version" },
  parties: { kk: "Тараптар", ru: "Стороны", en: "Parties" },
  directions: {
    kk: "Өзара іс-қимыл бағыттары",
    ru: "Направления взаимодействия",
    en: "Directions of interaction",
  },
  variants: {
    kk: "Бірлескен іс-қимыл нұсқалары",
    ru: "Варианты совместных действий",
    en: "Variants of joint action",
  },
  situation: { kk: "Жағдай", ru: "Ситуация", en: "Situation" },
  tasks: { kk: "Міндеттер", ru: "Задачи", en: "Tasks" },
  task: { kk: "Міндет", ru: "Задача", en: "Task" },
  owner: { kk: "Жауапты", ru: "Ответственный", en: "Owner" },
  dueDate: { kk: "Мерзімі", ru: "Срок", en: "Due date" },
  approvals: { kk: "Келісу және бекіту", ru: "Согласование и утверждение", en: "Agreement and approval" },
  demo: { kk: "ДЕМО — заңды күші жоқ", ru: "ДЕМО — не имеет юридической силы", en: "DEMO — no legal force" },
} as const satisfies Record<string, Translated>;

const L = COORDINATION_LABELS;

/** A page-flowing writer: text blocks go down the page and continue on the next one. */
function flow(doc: PDFKit.PDFDocument) {
  let y = MARGIN;
  const page = () => {
    doc.addPage({ size: "A4", layout: "portrait", margin: 0 });
    y = MARGIN;
    return y;
  };
  page();
  return {
    get y() {
      return y;
    },
    set y(value: number) {
      y = value;
    },
    page,
    text(text: string, style: Parameters<typeof write>[5], gap = 4) {
      doc.font(style.font).fontSize(style.size);
      const h = doc.heightOfString(text, { width: WIDTH });
      if (y + h > BOTTOM) page();
      y += write(doc, text, MARGIN, y, WIDTH, style) + gap;
    },
  };
}

const body = { font: FONT.regular, size: 10, color: INK.data } as const;
const bold = { font: FONT.bold, size: 10, color: INK.data } as const;
const title = { font: FONT.bold, size: 14, color: INK.data, align: "center" as const };
const caption = { font: FONT.regular, size: 8, color: INK.caption } as const;

/** The act as the PDF prints it. */
export interface ActPrint {
  number: string;
  status: string;
  place: string;
  basis: string;
  createdAt: string;
  clause: string;
  giverUnit: string;
  receiverUnit: string;
  /** Who signed, and when as the act prints it (local time with its zone). */
  giverSignature: { name: string; at: string } | null;
  receiverSignature: { name: string; at: string } | null;
  contentHash: string | null;
  items: { kind: string; description: string; quantity: string; discrepancy: string | null }[];
  isDemo: boolean;
}

/** Prints a handover act (X p.9.6) in one language. */
export async function renderActPdf(act: ActPrint, lang: Lang): Promise<Buffer> {
  const doc = newDocument({
    size: "A4",
    layout: "portrait",
    title: `${L.act[lang]} ${act.number}`,
    subject: act.clause,
    creationDate: new Date(act.createdAt),
  });
  const f = flow(doc);
  if (act.isDemo) f.text(L.demo[lang], { ...caption, align: "center" });
  f.text(`${L.act[lang]} ${L.number[lang]} ${act.number}`, title, 8);
  f.text(
    `${printDate(act.createdAt)} · ${L.place[lang]}: ${act.place} · ${L.status[lang]}: ${act.status}`,
    body,
  );
  f.text(`${L.basis[lang]}: ${act.basis} (${act.clause})`, body, 8);
  f.text(`${L.giver[lang]}: ${act.giverUnit}`, bold);
  f.text(`${L.receiver[lang]}: ${act.receiverUnit}`, bold, 10);
  f.text(L.inventory[lang], bold);
  f.y = drawTable(doc, {
    x: MARGIN,
    top: f.y,
    bottom: BOTTOM,
    columns: [
      { header: L.line[lang], width: 28, align: "center" },
      { header: L.kind[lang], width: 110 },
      { header: L.description[lang], width: 200 },
      { header: L.quantity[lang], width: 60, align: "center" },
      { header: L.discrepancy[lang], width: WIDTH - 398 },
    ],
    rows: act.items.map((item, i) => [
      String(i + 1),
      item.kind,
      item.description,
      item.quantity,
      item.discrepancy ?? "",
    ]),
    headerStyle: { font: FONT.bold, size: 9 },
    bodyStyle: { font: FONT.regular, size: 9 },
    newPage: f.page,
  });
  f.y += 16;
  const sig = (label: string, s: { name: string; at: string } | null) =>
    f.text(`${label}: ${s ? `${s.name}, ${s.at}` : L.notSigned[lang]}  ____________`, body, 10);
  sig(L.giver[lang], act.giverSignature);
  sig(L.receiver[lang], act.receiverSignature);
  if (act.contentHash) f.text(`${L.fingerprint[lang]}: ${act.contentHash}`, caption);
  return finish(doc);
}

/** The plan as the PDF prints it. */
export interface PlanPrint {
  title: string;
  summary: string;
  orderRef: string;
  orderDate: string;
  dueDate: string;
  dueClause: string;
  version: number;
  status: string;
  parties: string[];
  directions: string[];
  variants: { situation: string; actions: { IAB: string; NSC: string; CUSTOMS: string } }[];
  tasks: { text: string; owner: string; dueDate: string; status: string }[];
  events: string[];
  createdAt: string;
  isDemo: boolean;
}

/** Prints an interaction plan (X-9) in one language. */
export async function renderPlanPdf(
  plan: PlanPrint,
  lang: Lang,
  partyNames: Record<"IAB" | "NSC" | "CUSTOMS", string>,
): Promise<Buffer> {
  const doc = newDocument({
    size: "A4",
    layout: "portrait",
    title: plan.title,
    subject: plan.dueClause,
    creationDate: new Date(plan.createdAt),
  });
  const f = flow(doc);
  if (plan.isDemo) f.text(L.demo[lang], { ...caption, align: "center" });
  f.text(L.plan[lang], title, 4);
  f.text(plan.title, { ...bold, align: "center" }, 10);
  f.text(
    `${L.order[lang]}: ${plan.orderRef}, ${printDate(plan.orderDate)} · ${L.due[lang]}: ${printDate(plan.dueDate)} (${plan.dueClause})`,
    body,
  );
  f.text(`${L.version[lang]}: ${plan.version} · ${L.status[lang]}: ${plan.status}`, body, 8);
  f.text(L.parties[lang], bold);
  for (const p of plan.parties) f.text(`• ${p}`, body, 2);
  f.y += 6;
  if (plan.summary) f.text(plan.summary, body, 8);
  f.text(L.directions[lang], bold);
  for (const d of plan.directions) f.text(`• ${d}`, body, 2);
  f.y += 6;
  if (plan.variants.length) {
    f.text(L.variants[lang], bold);
    plan.variants.forEach((v, i) => {
      f.text(`${i + 1}. ${L.situation[lang]}: ${v.situation}`, bold, 2);
      for (const party of ["IAB", "NSC", "CUSTOMS"] as const)
        f.text(`${partyNames[party]}: ${v.actions[party]}`, body, 2);
      f.y += 4;
    });
  }
  if (plan.tasks.length) {
    f.text(L.tasks[lang], bold);
    f.y = drawTable(doc, {
      x: MARGIN,
      top: f.y,
      bottom: BOTTOM,
      columns: [
        { header: L.line[lang], width: 28, align: "center" },
        { header: L.task[lang], width: 230 },
        { header: L.owner[lang], width: 100 },
        { header: L.dueDate[lang], width: 70, align: "center" },
        { header: L.status[lang], width: WIDTH - 428 },
      ],
      rows: plan.tasks.map((t, i) => [String(i + 1), t.text, t.owner, printDate(t.dueDate), t.status]),
      headerStyle: { font: FONT.bold, size: 9 },
      bodyStyle: { font: FONT.regular, size: 9 },
      newPage: f.page,
    });
    f.y += 10;
  }
  f.text(L.approvals[lang], bold);
  for (const e of plan.events) f.text(e, caption, 2);
  return finish(doc);
}
