import { and, eq, inArray } from "drizzle-orm";
import { type ListPerson, renderPetitionListPdf } from "../../adapters/pdf/petition-list.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { type CopyHolder, handoverBlocker } from "../../core/petitions/index.js";
import { localDate } from "../../core/time.js";
import { petitionCopies, units, users, zoneEntries } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadPetition, outcomeOf, requireReader } from "./petitions.service.js";

const HOLDER_NAMES: Record<CopyHolder, { kk: string; ru: string; en: string }> = {
  GROUP_LEADER: { kk: "топ жетекшісіне", ru: "руководителю группы", en: "to the group leader" },
  IAB: { kk: "ІІО-да қалады", ru: "остаётся в ОВД", en: "kept by the IAB" },
  NSC: { kk: "ҰҚК органына", ru: "в орган КНБ", en: "to the NSC body" },
};

const BLOCKERS = {
  ALREADY_HANDED: {
    kk: "дана бұрын берілген",
    ru: "экземпляр уже передан",
    en: "the copy has already been handed over",
  },
  NOT_CERTIFIED: {
    kk: "1-дана әлі расталмаған",
    ru: "экземпляр 1 ещё не заверен",
    en: "copy 1 is not certified yet",
  },
  NSC_RESULTS_MISSING: {
    kk: "ҰҚК барлық адамды әлі тексерген жоқ",
    ru: "КНБ ещё не проверил всех",
    en: "the NSC has not yet checked everyone",
  },
  NOT_DECIDED: {
    kk: "ІІО әлі шешім қабылдаған жоқ",
    ru: "ОВД ещё не принял решение",
    en: "the IAB has not decided yet",
  },
} as const;

async function loadForIab(deps: Pick<Deps, "database">, me: Actor, id: string) {
  return deps.database.tx(scopeOf(me), async (tx) => {
    const loaded = await loadPetition(tx, me, id);
    if (!loaded.viewers.includes("IAB")) throw notFound();
    return loaded;
  });
}

function copyState(loaded: Awaited<ReturnType<typeof loadPetition>>, copyNo: number) {
  const copy = loaded.copies.find((c) => c.copyNo === copyNo);
  if (!copy) throw notFound();
  const outcomes = loaded.members.map((m) => outcomeOf(loaded.row, m));
  const nscDone = !outcomes.includes("AWAITING_NSC");
  const decided = loaded.members.some((m) => m.decision !== null);
  return { copy, nscDone, decided };
}

/**
 * Certifies copy 1 (Z p.27): signed by the person entitled to sign passes (a head, Z p.31) with the
 * passport-visa seal; only once the people admitted are known.
 */
export async function certifyCopy(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  copyNo: number,
) {
  const me = requirePermission(actor, "passes.decide");
  const now = deps.clock.now();
  const loaded = await loadForIab(deps, me, id);
  const { copy, decided } = copyState(loaded, copyNo);
  if (!copy.certified)
    throw invalid("copyNo", {
      kk: "бұл дана расталмайды",
      ru: "этот экземпляр не заверяется",
      en: "this copy is not certified",
    });
  if (copy.certifiedAt || !decided)
    throw new AppError("PETITION_STEP_NOT_ALLOWED", {
      params: { reason: copy.certifiedAt ? BLOCKERS.ALREADY_HANDED : BLOCKERS.NOT_DECIDED },
    });
  return deps.database.tx(scopeOf(me), async (tx) => {
    await tx
      .update(petitionCopies)
      .set({ certifiedBy: me.userId, certifiedAt: now })
      .where(and(eq(petitionCopies.petitionId, id), eq(petitionCopies.copyNo, copyNo)));
    await appendAudit(tx, now, me, meta, {
      action: "petition.copy_certify",
      objectType: "petition",
      objectId: id,
      details: { copyNo, clause: "Z p.27" },
    });
    return { copyNo, certifiedAt: now.toISOString() };
  });
}

/** Records who received a copy (Z p.27): the group leader, the IAB's file, the NSC body. */
export async function handOverCopy(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  copyNo: number,
  receivedBy: string,
) {
  const me = requirePermission(actor, "applications.intake");
  const now = deps.clock.now();
  const loaded = await loadForIab(deps, me, id);
  const { copy, nscDone, decided } = copyState(loaded, copyNo);
  const blocker = handoverBlocker(
    {
      copyNo: copy.copyNo,
      holder: copy.holder as CopyHolder,
      certified: copy.certified,
      withResults: copy.withResults,
      certifiedAt: copy.certifiedAt?.toISOString() ?? null,
      handedAt: copy.handedAt?.toISOString() ?? null,
    },
    { nscDone, decided },
  );
  if (blocker) throw new AppError("PETITION_STEP_NOT_ALLOWED", { params: { reason: BLOCKERS[blocker] } });
  const name = receivedBy.trim();
  if (!name)
    throw invalid("receivedBy", {
      kk: "алушыны жазыңыз",
      ru: "укажите получателя",
      en: "name the recipient",
    });
  return deps.database.tx(scopeOf(me), async (tx) => {
    await tx
      .update(petitionCopies)
      .set({ handedBy: me.userId, handedAt: now, receivedBy: name })
      .where(and(eq(petitionCopies.petitionId, id), eq(petitionCopies.copyNo, copyNo)));
    await appendAudit(tx, now, me, meta, {
      action: "petition.copy_handover",
      objectType: "petition",
      objectId: id,
      details: { copyNo, holder: copy.holder, receivedBy: name, clause: "Z p.27" },
    });
    return { copyNo, handedAt: now.toISOString(), receivedBy: name };
  });
}

const NSC_LABEL = { CLEARED: "Тексерілді / Проверен", REFUSED: "Бас тартылды / Отказано" } as const;

/**
 * A copy of the list as PDF (copyNo 1–5 for strip lists), or with copyNo null the certified list
 * of the people admitted that goes with a group pass (Z p.10). Readable by whoever reads the petition.
 */
export async function petitionListPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  copyNo: number | null,
): Promise<{ pdf: Buffer; number: string }> {
  const me = requireReader(actor);
  const now = deps.clock.now();
  const doc = await deps.database.tx(scopeOf(me), async (tx) => {
    const loaded = await loadPetition(tx, me, id);
    const { row, members } = loaded;
    const copy = copyNo === null ? null : copyState(loaded, copyNo).copy;
    const data = row.data as { destinations: string[]; returnDate: string | null };
    const unitRows = await tx
      .select()
      .from(units)
      .where(inArray(units.id, [row.orgUnitId, row.iabUnitId, ...(row.nscUnitId ? [row.nscUnitId] : [])]));
    const unitName = (unitId: string | null) => {
      const u = unitRows.find((x) => x.id === unitId);
      return u ? `${u.nameKk} / ${u.nameRu}` : "";
    };
    const places = await tx.select().from(zoneEntries).where(inArray(zoneEntries.kato, data.destinations));
    const unique = [...new Map(places.map((p) => [p.kato, p])).values()];
    // The leader's copy and the group list carry only the people admitted; the others, everyone filed.
    const admittedOnly = copy === null || copy.holder === "GROUP_LEADER";
    const people = members.filter((m) => {
      if (!admittedOnly) return true;
      const outcome = outcomeOf(row, m);
      return outcome === "APPROVED" || outcome === "ISSUED";
    });
    let certification: { by: string; on: string } | null = null;
    let certifier: string | null = null;
    const certifierId = copy ? copy.certifiedBy : (members.find((m) => m.decidedBy)?.decidedBy ?? null);
    const certifiedAt = copy ? copy.certifiedAt : (members.find((m) => m.decidedAt)?.decidedAt ?? null);
    if (certifierId && certifiedAt && (copy === null || copy.certified)) {
      certifier = certifierId;
      certification = { by: "", on: localDate(certifiedAt) };
    }
    await appendAudit(tx, now, me, meta, {
      action: "petition.list_pdf",
      objectType: "petition",
      objectId: row.id,
      details: { copyNo, people: people.length },
    });
    const persons: ListPerson[] = people.map((m, i) => ({
      no: i + 1,
      fullName: [m.surname, m.givenName, m.patronymic].filter(Boolean).join(" ") + (m.isLeader ? " *" : ""),
      birthYear: m.birthYear,
      address: m.address,
      document:
        `${m.documentSeries ?? ""} ${m.documentNumber}, ${m.documentIssuedOn}, ${m.documentIssuedBy}`.trim(),
      ...(m.nscResult
        ? {
            nscResult: `${NSC_LABEL[m.nscResult as keyof typeof NSC_LABEL] ?? m.nscResult}${m.nscReason ? `: ${m.nscReason}` : ""}`,
          }
        : {}),
    }));
    return {
      number: row.number,
      certifier,
      document: {
        title:
          row.kind === "STRIP_LIST"
            ? {
                kk: "Шекаралық белдеуде жұмыс істейтін топтың тізімі",
                ru: "Список группы для работы в пограничной полосе",
              }
            : { kk: "Топ мүшелерінің тізімі", ru: "Список членов группы" },
        petitionNumber: row.number,
        copyNo,
        copiesTotal: loaded.copies.length || null,
        holder: copy ? HOLDER_NAMES[copy.holder as CopyHolder] : HOLDER_NAMES.GROUP_LEADER,
        organization: unitName(row.orgUnitId),
        iab: unitName(row.iabUnitId),
        nsc: row.nscUnitId ? unitName(row.nscUnitId) : null,
        destinations: unique.map((p) => `${p.nameKk} / ${p.nameRu}`).join("; "),
        period: `${row.departureDate}${data.returnDate ? ` — ${data.returnDate}` : ""}`,
        people: persons,
        withResults: copy?.withResults ?? false,
        certification,
        groupPassNumber: row.groupPassNumber,
        printedOn: localDate(now),
      },
    };
  });
  // The certifying head's name is printed; representatives may not read the users table themselves.
  if (doc.certifier && doc.document.certification) {
    const certifierId = doc.certifier;
    const head = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
      tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, certifierId)).limit(1),
    );
    doc.document.certification.by = head[0]?.fullName ?? "";
  }
  return { pdf: await renderPetitionListPdf(doc.document), number: doc.number };
}
