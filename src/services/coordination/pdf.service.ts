import { renderActPdf, renderPlanPdf } from "../../adapters/pdf/coordination.js";
import { DIRECTIONS, type Direction, HANDOVER_KINDS, type Party } from "../../core/coordination/index.js";
import { type Lang, nameIn } from "../../core/i18n.js";
import { DEFAULT_ZONE, localDateTimeWithZone } from "../../core/time.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { getAct } from "./handovers.service.js";
import { getPlan } from "./plans.service.js";

const STATUS: Record<string, Record<Lang, string>> = {
  DRAFT: { kk: "жоба", ru: "проект", en: "draft" },
  GIVER_SIGNED: { kk: "тапсырушы қол қойды", ru: "подписан передающим", en: "signed by the giver" },
  COMPLETED: { kk: "екі тарап қол қойды", ru: "подписан обеими сторонами", en: "signed by both sides" },
  REFUSED: { kk: "қабылданбады", ru: "в приёме отказано", en: "refused" },
  CANCELLED: { kk: "күші жойылды", ru: "отменён", en: "cancelled" },
  SUBMITTED: { kk: "бекітуге ұсынылды", ru: "представлен на утверждение", en: "submitted for approval" },
  APPROVED: { kk: "бекітілді", ru: "утверждён", en: "approved" },
  OPEN: { kk: "орындалуда емес", ru: "не начата", en: "open" },
  IN_PROGRESS: { kk: "орындалуда", ru: "выполняется", en: "in progress" },
  DONE: { kk: "орындалды", ru: "выполнена", en: "done" },
};

/** What happened to a plan, as its history prints it. */
const PLAN_EVENT: Record<string, Record<Lang, string>> = {
  CREATE: { kk: "жоспар басталды", ru: "план начат", en: "plan started" },
  EDIT: { kk: "жаңа нұсқа", ru: "новая версия", en: "new version" },
  AGREE: { kk: "келісілді", ru: "согласовано", en: "agreed" },
  SUBMIT: { kk: "бекітуге ұсынылды", ru: "представлено на утверждение", en: "submitted for approval" },
  APPROVE: { kk: "бекітілді", ru: "утверждено", en: "approved" },
  RETURN: { kk: "пысықтауға қайтарылды", ru: "возвращено на доработку", en: "returned for revision" },
};

/** An instant as the documents print it: local time of the reader's unit, its zone named (X-8). */
const printedAt = (actor: Actor | null, at: string) =>
  localDateTimeWithZone(new Date(at), actor?.timeZone ?? DEFAULT_ZONE);

/** The handover act as a PDF; reading it is a read of the act (scope, audit). */
export async function actPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  lang: Lang,
): Promise<{ pdf: Buffer; number: string }> {
  const act = await getAct(deps, actor, meta, id);
  const pdf = await renderActPdf(
    {
      ...act,
      status: STATUS[act.status]?.[lang] ?? act.status,
      giverUnit: nameIn(act.giver, lang),
      receiverUnit: nameIn(act.receiver, lang),
      giverSignature: act.giverSignature && {
        ...act.giverSignature,
        at: printedAt(actor, act.giverSignature.at),
      },
      receiverSignature: act.receiverSignature && {
        ...act.receiverSignature,
        at: printedAt(actor, act.receiverSignature.at),
      },
      items: act.items.map((i) => ({
        kind: HANDOVER_KINDS[i.kind].label[lang],
        description: i.person
          ? `${i.person.fullName}${i.person.birthDate ? `, ${i.person.birthDate}` : ""}, ${i.person.citizenship}${i.person.document ? `, ${i.person.document}` : ""}. ${i.description}`
          : i.description,
        quantity: i.quantity,
        discrepancy: i.discrepancy ?? null,
      })),
    },
    lang,
  );
  return { pdf, number: act.number };
}

/** The plan's newest version as a PDF. */
export async function planPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  id: string,
  lang: Lang,
): Promise<Buffer> {
  const plan = await getPlan(deps, actor, id);
  const partyNames = Object.fromEntries(plan.parties.map((p) => [p.party, nameIn(p, lang)])) as Record<
    Party,
    string
  >;
  return renderPlanPdf(
    {
      ...plan.content,
      orderRef: plan.orderRef,
      orderDate: plan.orderDate,
      dueDate: plan.dueDate,
      dueClause: plan.dueClause,
      version: plan.version,
      status: STATUS[plan.status]?.[lang] ?? plan.status,
      parties: plan.parties.map((p) => nameIn(p, lang)),
      directions: plan.content.directions.map(
        (d) => `${DIRECTIONS[d as Direction].label[lang]} (${DIRECTIONS[d as Direction].clause})`,
      ),
      tasks: plan.tasks.map((t) => ({
        text: t.text,
        owner: partyNames[t.owner] ?? t.owner,
        dueDate: t.dueDate,
        status: STATUS[t.status]?.[lang] ?? t.status,
      })),
      events: plan.events.map(
        (e) =>
          `${printedAt(actor, e.at)} — v${e.version} ${PLAN_EVENT[e.action]?.[lang] ?? e.action}${e.party ? `, ${partyNames[e.party as Party] ?? e.party}` : ""} — ${e.actorName}${e.reason ? `: ${e.reason}` : ""}`,
      ),
      createdAt: plan.versions[plan.versions.length - 1]?.createdAt ?? new Date(0).toISOString(),
      isDemo: plan.isDemo,
    },
    lang,
    partyNames,
  );
}
