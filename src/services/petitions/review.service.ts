import { and, eq } from "drizzle-orm";
import { AppError, invalid, notFound } from "../../core/errors.js";
import type { Translated } from "../../core/i18n.js";
import type { MemberCheckResult, NscResult, PassMode } from "../../core/petitions/index.js";
import { localDate } from "../../core/time.js";
import { petitionMembers, petitions, units } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { takeAction } from "../passes/actions.service.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { checkBatch } from "../screening/check.service.js";
import { applicationDataOf, type CaseStep, eligibilityFor, openPetitionCase } from "./cases.js";
import { loadPetition, outcomeOf, refreshStatus } from "./petitions.service.js";

/** The detail for a member id that is not on the petition. */
const NOT_ON_PETITION = {
  kk: "бұл өтініш хатта жоқ",
  ru: "нет в этом ходатайстве",
  en: "not on this petition",
};

const notNow = (reason: Translated) => new AppError("PETITION_STEP_NOT_ALLOWED", { params: { reason } });

const STEP = {
  notIab: {
    kk: "өтініш басқа ІІО-да",
    ru: "ходатайство в другом ОВД",
    en: "the petition is with another IAB",
  },
  decided: { kk: "шешім қабылданған", ru: "решение уже принято", en: "the decision has been taken" },
  awaitingNsc: {
    kk: "ҰҚК барлық адамды әлі тексерген жоқ",
    ru: "КНБ ещё не проверил всех",
    en: "the NSC has not yet checked everyone",
  },
  awaitingCheck: {
    kk: "барлық адамның есеп бойынша тексеру нәтижесі жоқ",
    ru: "не у всех записан результат проверки по учётам",
    en: "not everyone has a records-check result",
  },
  noLeader: {
    kk: "топ жетекшісі мақұлданбаған: жеке рұқсаттамалар беріңіз",
    ru: "руководитель группы не одобрен: выдайте индивидуальные пропуска",
    en: "the group leader is not approved: issue individual passes",
  },
  noGroup: {
    kk: "бұл өтінішке топтық рұқсаттама берілмейді",
    ru: "по этому ходатайству групповой пропуск не выдаётся",
    en: "no group pass for this petition",
  },
  notDecided: { kk: "әлі шешім жоқ", ru: "решения ещё нет", en: "no decision yet" },
  notStrip: {
    kk: "бұл белдеу тізімі емес",
    ru: "это не список для полосы",
    en: "this is not a border-strip list",
  },
} satisfies Record<string, Translated>;

/** The petition as the IAB sees it, or 404; the actor must act for the IAB it was filed with. */
async function iabPetition(tx: Parameters<typeof loadPetition>[0], actor: Actor, id: string, lock = false) {
  const loaded = await loadPetition(tx, actor, id, lock);
  if (!loaded.viewers.includes("IAB")) throw notFound();
  return loaded;
}

/** Screens every person of a petition against the records (Z p.30); the candidates are kept for the officer. */
export async function screenPetition(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<{ screened: number; withCandidates: number }> {
  const me = requirePermission(actor, "applications.check");
  const loaded = await deps.database.tx(scopeOf(me), (tx) => iabPetition(tx, me, id));
  // Only people still to be checked: those the NSC excluded or the head already decided on are done.
  const members = loaded.members.filter((m) => {
    const outcome = outcomeOf(loaded.row, m);
    return outcome === "AWAITING_CHECK" || outcome === "AWAITING_DECISION";
  });
  if (members.length === 0) throw notNow(STEP.awaitingNsc);
  const people = members.map((m) => ({
    name: [m.surname, m.givenName, m.patronymic].filter(Boolean).join(" "),
    birthDate: String(m.birthYear),
    documentNumber: m.documentNumber,
  }));
  const results = await checkBatch(deps, me, meta, people);
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    await iabPetition(tx, me, id);
    let withCandidates = 0;
    for (const [i, m] of members.entries()) {
      const result = results[i];
      const candidates = (result?.candidates ?? []).slice(0, 5).map((c) => ({
        recordId: c.recordId,
        score: c.score,
        names: c.record.names,
        birthDate: c.record.birthDate,
        reason: c.record.reason,
        source: c.record.source,
        explanation: c.explanation,
      }));
      if (candidates.length > 0) withCandidates++;
      await tx
        .update(petitionMembers)
        .set({ screening: { at: now.toISOString(), candidates, dismissed: result?.dismissed ?? 0 } })
        .where(eq(petitionMembers.id, m.id));
    }
    await appendAudit(tx, now, me, meta, {
      action: "petition.screen",
      objectType: "petition",
      objectId: id,
      details: { people: members.length, withCandidates, clause: "Z p.30" },
    });
    return { screened: members.length, withCandidates };
  });
}

/** The officer's records-check result for people of a petition (Z p.30); a match needs its evidence. */
export async function recordChecks(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  results: { memberId: string; result: MemberCheckResult; evidence?: string | undefined }[],
) {
  const me = requirePermission(actor, "applications.check");
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { row, members } = await iabPetition(tx, me, id, true);
    for (const [i, r] of results.entries()) {
      const member = members.find((m) => m.id === r.memberId);
      if (!member) throw invalid(`results.${i}.memberId`, NOT_ON_PETITION);
      if (member.decision) throw notNow(STEP.decided);
      if (r.result !== "CLEAR" && !r.evidence?.trim())
        throw invalid(`results.${i}.evidence`, {
          kk: "сәйкестікке дәлел керек (Z p.30)",
          ru: "для совпадения нужно основание (Z p.30)",
          en: "a match needs its evidence (Z p.30)",
        });
      await tx
        .update(petitionMembers)
        .set({
          checkResult: r.result,
          checkEvidence: r.evidence?.trim() || null,
          checkedBy: me.userId,
          checkedAt: now,
        })
        .where(eq(petitionMembers.id, member.id));
    }
    const status = await refreshStatus(tx, row.id, now);
    await appendAudit(tx, now, me, meta, {
      action: "petition.check",
      objectType: "petition",
      objectId: row.id,
      details: { results: results.map((r) => ({ member: r.memberId, result: r.result })), clause: "Z p.30" },
    });
    return { status };
  });
}

/** The NSC territorial body's result per person of a strip list (Z p.27); a refusal needs its reason. */
export async function recordNscResults(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  results: { memberId: string; result: NscResult; reason?: string | undefined }[],
) {
  const me = requirePermission(actor, "strip_lists.check");
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { row, members, viewers } = await loadPetition(tx, me, id, true);
    if (!viewers.includes("NSC")) throw notFound();
    if (row.kind !== "STRIP_LIST") throw notNow(STEP.notStrip);
    for (const [i, r] of results.entries()) {
      const member = members.find((m) => m.id === r.memberId);
      if (!member)
        throw invalid(`results.${i}.memberId`, {
          kk: "бұл тізімде жоқ",
          ru: "нет в этом списке",
          en: "not on this list",
        });
      if (member.decision) throw notNow(STEP.decided);
      if (r.result === "REFUSED" && !r.reason?.trim())
        throw invalid(`results.${i}.reason`, {
          kk: "бас тарту себебін жазыңыз",
          ru: "укажите причину отказа",
          en: "give the reason for the refusal",
        });
      await tx
        .update(petitionMembers)
        .set({ nscResult: r.result, nscReason: r.reason?.trim() || null, nscBy: me.userId, nscAt: now })
        .where(eq(petitionMembers.id, member.id));
    }
    const status = await refreshStatus(tx, row.id, now);
    await appendAudit(tx, now, me, meta, {
      action: "petition.nsc_result",
      objectType: "petition",
      objectId: row.id,
      details: {
        results: results.map((r) => ({ member: r.memberId, result: r.result, reason: r.reason ?? null })),
        clause: "Z p.27",
      },
    });
    return { status };
  });
}

/** The head's decision on a petition (Z p.31). */
export interface DecideInput {
  passMode: PassMode;
  validFrom: string;
  validUntil: string;
  /** People refused, each with the reason communicated to the organization. */
  refusals: { memberId: string; reason: string }[];
  /** Required when an approved person's check found a match (Z-18). */
  note?: string | undefined;
}

/**
 * Decides a petition (Z p.31, p.10, p.22, p.27): people the NSC refused stay excluded, the head
 * refuses others with reasons, and for those approved opens the pass cases — one per person, or one
 * for the group leader covering the certified list — through the pass state machine.
 */
export async function decidePetition(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: DecideInput,
) {
  const me = requirePermission(actor, "passes.decide");
  const now = deps.clock.now();
  const ctx = { ruleSets: await loadRuleSets(deps.database) };
  const preview = await deps.database.tx(scopeOf(me), (tx) => iabPetition(tx, me, id));
  const group = input.passMode === "GROUP";
  // The eligibility answer is stored on each case, as for any application (computed outside the transaction).
  const eligibility = new Map<string, unknown>();
  for (const m of preview.members) {
    eligibility.set(m.id, await eligibilityFor(deps, applicationDataOf(preview.row, m, group)));
  }
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { row, members } = await iabPetition(tx, me, id, true);
    const rules = row.rules as { routing: { clauses: string[] }; deadline: { clauses: string[] } };
    const outcomes = members.map((m) => ({ m, outcome: outcomeOf(row, m) }));
    if (outcomes.some((o) => o.outcome === "AWAITING_NSC")) throw notNow(STEP.awaitingNsc);
    if (outcomes.some((o) => o.outcome === "AWAITING_CHECK")) throw notNow(STEP.awaitingCheck);
    if (!outcomes.some((o) => o.outcome === "AWAITING_DECISION")) throw notNow(STEP.decided);
    const refused = new Map(input.refusals.map((r) => [r.memberId, r.reason.trim()]));
    for (const [i, r] of input.refusals.entries()) {
      if (!members.some((m) => m.id === r.memberId)) throw invalid(`refusals.${i}.memberId`, NOT_ON_PETITION);
      if (!r.reason.trim())
        throw invalid(`refusals.${i}.reason`, {
          kk: "себебін жазыңыз",
          ru: "укажите причину",
          en: "give the reason",
        });
    }
    const approved = outcomes
      .filter((o) => o.outcome === "AWAITING_DECISION" && !refused.has(o.m.id))
      .map((o) => o.m);
    if (group) {
      const routing = row.rules as { routing: { ruleId: string } };
      if (row.kind === "RELEASE" || !routing.routing) throw notNow(STEP.noGroup);
      if (!approved.some((m) => m.isLeader)) throw notNow(STEP.noLeader);
    }
    const iab = (await tx.select().from(units).where(eq(units.id, row.iabUnitId)).limit(1))[0];
    if (!iab) throw notFound();
    const clauses = [...new Set(["Z p.31", ...rules.routing.clauses])];
    const data = row.data as { destinations: string[] };
    const approval = (m: (typeof members)[number]): CaseStep[] => [
      {
        type: "CHECK_RECORDED",
        at: (m.checkedAt ?? now).toISOString(),
        by: m.checkedBy ?? me.userId,
        payload: { result: m.checkResult ?? "CLEAR", evidence: m.checkEvidence ?? "" },
      },
      {
        type: "APPROVED",
        at: now.toISOString(),
        by: me.userId,
        payload: {
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          places: data.destinations,
          ...(data.destinations.length > 1 ? { severalPlacesBasis: "PETITION" } : {}),
          clauses,
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        },
      },
    ];
    const opened: { memberId: string; applicationId: string }[] = [];
    const holders = group ? approved.filter((m) => m.isLeader) : approved;
    for (const m of holders) {
      const caseData = applicationDataOf(row, m, group);
      const result = await openPetitionCase(tx, ctx, iab, row, caseData, eligibility.get(m.id), approval(m));
      opened.push({ memberId: m.id, applicationId: result.id });
    }
    for (const m of approved) {
      const applicationId = opened.find((o) => o.memberId === m.id)?.applicationId ?? null;
      await tx
        .update(petitionMembers)
        .set({ decision: "APPROVED", decidedBy: me.userId, decidedAt: now, applicationId })
        .where(eq(petitionMembers.id, m.id));
    }
    for (const [memberId, reason] of refused) {
      await tx
        .update(petitionMembers)
        .set({ decision: "REFUSED", decisionReason: reason, decidedBy: me.userId, decidedAt: now })
        .where(and(eq(petitionMembers.id, memberId), eq(petitionMembers.petitionId, row.id)));
    }
    await tx
      .update(petitions)
      .set({
        passMode: approved.length > 0 ? input.passMode : null,
        groupApplicationId: group ? (opened[0]?.applicationId ?? null) : null,
      })
      .where(eq(petitions.id, row.id));
    const status = await refreshStatus(tx, row.id, now);
    await appendAudit(tx, now, me, meta, {
      action: "petition.decide",
      objectType: "petition",
      objectId: row.id,
      details: {
        passMode: input.passMode,
        approved: approved.length,
        refused: [...refused].map(([member, reason]) => ({ member, reason })),
        excludedByNsc: outcomes.filter((o) => o.outcome === "EXCLUDED_BY_NSC").length,
        cases: opened.map((o) => o.applicationId),
        clauses,
      },
    });
    return { status, cases: opened.length };
  });
}

/**
 * Issues the passes of a decided petition (Z p.32) through the pass cases: each handover is the
 * pass machinery's own ISSUED step (number, register line, signed code). A petition filed at the
 * enterprise's IAB is issued there, as the exception recorded at filing (Z p.27).
 */
export async function issuePetition(
  deps: Pick<Deps, "database" | "clock" | "signer" | "notifier">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: { identityChecked: boolean; rulesAcknowledged: boolean },
) {
  const me = requirePermission(actor, "applications.intake");
  const { row, members } = await deps.database.tx(scopeOf(me), (tx) => iabPetition(tx, me, id));
  const pending = members.filter((m) => m.decision === "APPROVED" && m.applicationId && !m.passNumber);
  if (pending.length === 0) throw notNow(STEP.notDecided);
  const issued: string[] = [];
  // Each pass is its own transaction (as at the counter); a retry issues only what is still pending.
  for (const m of pending) {
    const applicationId = m.applicationId as string;
    const result = await takeAction(
      deps,
      me,
      meta,
      { applicationId },
      { type: "ISSUED", payload: { ...input } },
    );
    const number = result.state.pass?.number ?? null;
    if (number) issued.push(number);
    await deps.database.tx(scopeOf(me), async (tx) => {
      await tx.update(petitionMembers).set({ passNumber: number }).where(eq(petitionMembers.id, m.id));
      if (row.passMode === "GROUP" && m.isLeader)
        await tx.update(petitions).set({ groupPassNumber: number }).where(eq(petitions.id, row.id));
    });
  }
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const status = await refreshStatus(tx, row.id, now);
    await appendAudit(tx, now, me, meta, {
      action: "petition.issue",
      objectType: "petition",
      objectId: row.id,
      details: {
        passes: issued,
        passMode: row.passMode,
        atEnterpriseLocation: row.flags.includes("AT_ENTERPRISE_LOCATION"),
        on: localDate(now),
        clause: row.passMode === "GROUP" ? "Z p.10, Z p.32" : "Z p.32",
      },
    });
    return { status, passes: issued };
  });
}
