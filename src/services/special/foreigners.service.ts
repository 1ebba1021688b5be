/**
 * Foreigners' and stateless persons' permits (Z p.17, p.31): submission at the IAB counter or
 * online, forwarding to the NSC, the NSC's agreement or refusal with a reason, overdue escalation,
 * and the permit issued by the head of the IAB only after agreement. Every step is audited.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../adapters/db/index.js";
import { rowsOf } from "../../adapters/db/rows.js";
import { isIsoDate } from "../../core/eligibility/dates.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { formatPermitNumber } from "../../core/passes/index.js";
import {
  escalationUnit,
  FOREIGNER_STEPS,
  FOREIGNER_TRANSITIONS,
  type ForeignerStage,
  type ForeignerStep,
  nextForeignerStage,
  nscDueAt,
  specialRulesAt,
  stepsFrom,
} from "../../core/special/index.js";
import { localDate } from "../../core/time.js";
import { CALENDAR_DATE, customMessage, KATO_FORMAT, matching } from "../../core/validation-messages.js";
import { foreignerApplications, foreignerSteps, permits, units } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { passCode } from "../passes/actions.service.js";
import { nextInSeries } from "../passes/case.repo.js";
import { findZoneEntry } from "../reference/zone.service.js";
import { notifySpecial } from "./notices.js";

const isoDate = z.string().refine(isIsoDate, customMessage(CALENDAR_DATE));
const name = z.string().trim().min(1).max(100);

/** Identity documents a foreigner or stateless person travels on. */
export const FOREIGN_DOCUMENTS = ["FOREIGN_PASSPORT", "RESIDENCE_PERMIT", "STATELESS_CERTIFICATE"] as const;
/** Z p.17 covers those living in Kazakhstan permanently and those who came temporarily. */
export const FOREIGN_RESIDENCE = ["PERMANENT_RESIDENT", "TEMPORARY_VISITOR"] as const;

/** What is submitted for a foreigner's permit. */
export const foreignerInputSchema = z.strictObject({
  surname: name,
  givenName: name,
  patronymic: name.optional(),
  birthDate: isoDate,
  // ISO 3166-1 alpha-3 code of the citizenship, or STATELESS
  citizenship: matching(
    /^([A-Z]{3}|STATELESS)$/,
    {
      kk: "үш әріпті ел коды немесе STATELESS",
      ru: "трёхбуквенный код страны или STATELESS",
      en: "a three-letter country code or STATELESS",
    },
    z.string().trim(),
  ),
  documentKind: z.enum(FOREIGN_DOCUMENTS),
  documentNumber: z.string().trim().min(3).max(30),
  residence: z.enum(FOREIGN_RESIDENCE),
  destinationKato: matching(/^\d{9}$/, KATO_FORMAT, z.string().trim()),
  purpose: z.string().trim().min(3).max(500),
  stayFrom: isoDate,
  stayUntil: isoDate,
  unitId: z.uuid().optional(),
});
export type ForeignerInput = z.infer<typeof foreignerInputSchema>;

type Row = typeof foreignerApplications.$inferSelect;

/** True when the actor submits for themself rather than as an officer at the counter. */
function isApplicant(actor: Actor): boolean {
  return actor.permissions.has("applications.own") && !actor.permissions.has("applications.intake");
}

/** The scope a request runs in: officers their subtree, applicants only their own rows. */
function scopeFor(actor: Actor) {
  return isApplicant(actor) ? { unitPaths: [], userId: actor.userId } : scopeOf(actor);
}

/**
 * Submits an application (Z p.17): at the counter by an IAB officer, or online by the foreigner
 * (a signed-in applicant). The destination must be in the zone list in force on the arrival date.
 */
export async function submitForeigner(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: ForeignerInput & { lang: string },
): Promise<{ id: string; number: string }> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const applicant = isApplicant(actor);
  if (!applicant) requirePermission(actor, "applications.intake");
  if (input.citizenship === "KAZ")
    throw invalid("citizenship", {
      kk: "Қазақстан азаматтары рұқсат емес, рұқсаттама алуға өтініш береді",
      ru: "граждане Казахстана оформляют пропуск, а не разрешение",
      en: "citizens of Kazakhstan apply for a pass, not a permit",
    });
  if (input.stayUntil < input.stayFrom)
    throw invalid("stayUntil", {
      kk: "болу мерзімі басталмай жатып аяқталады",
      ru: "срок пребывания заканчивается раньше, чем начинается",
      en: "the stay ends before it begins",
    });
  const now = deps.clock.now();
  if (input.stayUntil < localDate(now))
    throw invalid("stayUntil", {
      kk: "болу мерзімі өтіп кеткен",
      ru: "срок пребывания уже истёк",
      en: "the stay is already over",
    });
  if (input.birthDate > localDate(now))
    throw invalid("birthDate", {
      kk: "өткен күн болуы керек",
      ru: "дата должна быть в прошлом",
      en: "a date in the past",
    });
  const scope = scopeFor(actor);
  return deps.database.tx(scope, async (tx) => {
    const unitId = input.unitId ?? actor.unitId;
    if (!unitId)
      throw invalid("unitId", {
        kk: "ішкі істер органын таңдаңыз",
        ru: "выберите орган внутренних дел",
        en: "choose the internal affairs body",
      });
    const unit = (await tx.select().from(units).where(eq(units.id, unitId)).limit(1))[0];
    if (unit?.agency !== "IAB")
      throw invalid("unitId", {
        kk: "бұл ішкі істер органы емес",
        ru: "это не орган внутренних дел",
        en: "not an internal affairs body",
      });
    if (!applicant && !pathInScope(scope, unit.path)) throw notFound();
    const place = await findZoneEntry(tx, input.stayFrom, input.destinationKato);
    if (!place)
      throw invalid("destinationKato", {
        kk: "бұл жер қолданыстағы шекаралық аймақ тізімінде жоқ",
        ru: "этого места нет в действующем перечне пограничной зоны",
        en: "the place is not in the border zone list in force",
      });
    const year = now.getUTCFullYear();
    const seq = await nextInSeries(tx, unit.id, year, "foreigner_application");
    const number = `${unit.passSeries ?? unit.code}-${year}-F${String(seq).padStart(6, "0")}`;
    const id = randomUUID();
    await tx.insert(foreignerApplications).values({
      id,
      number,
      unitId: unit.id,
      unitPath: unit.path,
      applicantUserId: applicant ? actor.userId : null,
      enteredBy: actor.userId,
      stage: "SUBMITTED",
      surname: input.surname,
      givenName: input.givenName,
      patronymic: input.patronymic ?? null,
      birthDate: input.birthDate,
      citizenship: input.citizenship,
      documentKind: input.documentKind,
      documentNumber: input.documentNumber,
      residence: input.residence,
      destinationKato: input.destinationKato,
      purpose: input.purpose,
      stayFrom: input.stayFrom,
      stayUntil: input.stayUntil,
      lang: input.lang,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(foreignerSteps).values({
      applicationId: id,
      step: "SUBMIT",
      at: now,
      byUserId: actor.userId,
      unitId: unit.id,
      clause: "Z p.17",
    });
    await appendAudit(tx, now, actor, meta, {
      action: "foreigner.submit",
      objectType: "foreigner_application",
      objectId: id,
      details: { number, unit: unit.code, online: applicant },
    });
    return { id, number };
  });
}

/** One row of a list. */
export interface ForeignerSummary {
  id: string;
  number: string;
  stage: ForeignerStage;
  fullName: string;
  citizenship: string;
  destinationKato: string;
  stayFrom: string;
  stayUntil: string;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  createdAt: string;
}

function summary(row: Row, now: Date): ForeignerSummary {
  return {
    id: row.id,
    number: row.number,
    stage: row.stage as ForeignerStage,
    fullName: [row.surname, row.givenName, row.patronymic].filter(Boolean).join(" "),
    citizenship: row.citizenship,
    destinationKato: row.destinationKato,
    stayFrom: row.stayFrom,
    stayUntil: row.stayUntil,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.stage === "AT_NSC" && row.dueAt !== null && now > row.dueAt,
    escalated: row.escalatedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Whoever may see foreigners' cases: IAB officers, NSC reviewers, applicants. */
function requireAnyRole(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const ok = ["applications.intake", "foreigners.agree", "applications.own"].some((p) =>
    actor.permissions.has(p as never),
  );
  if (!ok) throw new AppError("FORBIDDEN");
  return actor;
}

/** The cases the actor may see (RLS decides), optionally of one stage; newest first. */
export async function listForeigners(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  filter: { stage?: ForeignerStage | undefined; limit: number },
): Promise<ForeignerSummary[]> {
  const me = requireAnyRole(actor);
  const now = deps.clock.now();
  return deps.database.tx(scopeFor(me), async (tx) => {
    const rows = await tx
      .select()
      .from(foreignerApplications)
      .where(filter.stage ? eq(foreignerApplications.stage, filter.stage) : undefined)
      .orderBy(desc(foreignerApplications.createdAt))
      .limit(filter.limit);
    return rows.map((r) => summary(r, now));
  });
}

/** A whole case: data, history, permit, and the steps this actor may take now. */
export async function getForeigner(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
) {
  const me = requireAnyRole(actor);
  const now = deps.clock.now();
  const scope = scopeFor(me);
  return deps.database.tx(scope, async (tx) => {
    const row = (
      await tx.select().from(foreignerApplications).where(eq(foreignerApplications.id, id)).limit(1)
    )[0];
    if (!row) throw notFound();
    const steps = await tx
      .select()
      .from(foreignerSteps)
      .where(eq(foreignerSteps.applicationId, id))
      .orderBy(asc(foreignerSteps.at), asc(foreignerSteps.id));
    const permit = (await tx.select().from(permits).where(eq(permits.applicationId, id)).limit(1))[0];
    const unitIds = [row.unitId, row.nscUnitId, row.escalatedToUnitId].filter((u): u is string => !!u);
    const unitRows = unitIds.length
      ? await tx
          .select()
          .from(units)
          .where(sql`${units.id} = ANY(${`{${unitIds.join(",")}}`}::uuid[])`)
      : [];
    const unitName = (uid: string | null) => {
      const u = unitRows.find((x) => x.id === uid);
      return u ? { id: u.id, nameKk: u.nameKk, nameRu: u.nameRu, nameEn: u.nameEn ?? u.nameRu } : null;
    };
    // Reading a foreigner's personal data is itself recorded (C-3).
    await appendAudit(tx, now, me, meta, {
      action: "foreigner.read",
      objectType: "foreigner_application",
      objectId: id,
    });
    const rules = specialRulesAt(localDate(row.forwardedAt ?? now));
    return {
      ...summary(row, now),
      version: row.version,
      surname: row.surname,
      givenName: row.givenName,
      patronymic: row.patronymic,
      birthDate: row.birthDate,
      documentKind: row.documentKind,
      documentNumber: row.documentNumber,
      residence: row.residence,
      purpose: row.purpose,
      unit: unitName(row.unitId),
      nscUnit: unitName(row.nscUnitId),
      escalatedTo: unitName(row.escalatedToUnitId),
      escalatedAt: row.escalatedAt?.toISOString() ?? null,
      nscReason: row.nscReason,
      refusalReason: row.refusalReason,
      deadline: {
        days: rules.nscAgreement.days,
        clauses: rules.nscAgreement.clauses,
        explanation: rules.nscAgreement.explanation,
      },
      steps: steps.map((s) => ({
        step: s.step,
        at: s.at.toISOString(),
        reason: s.reason,
        clause: s.clause,
        unit: unitName(s.unitId),
      })),
      permit: permit
        ? {
            id: permit.id,
            number: permit.number,
            validFrom: permit.validFrom,
            validUntil: permit.validUntil,
            status: permit.status,
            code: permit.code,
          }
        : null,
      allowedSteps: stepsFrom(row.stage as ForeignerStage).filter((s) => mayTake(me, row, s)),
    };
  });
}

/** True when the actor holds the step's permission and its side (IAB or NSC) is in their scope. */
function mayTake(actor: Actor, row: Row, step: ForeignerStep): boolean {
  const t = FOREIGNER_TRANSITIONS[step];
  if (!actor.permissions.has(t.permission)) return false;
  const scope = scopeOf(actor);
  const path = t.side === "IAB" ? row.unitPath : row.nscUnitPath;
  return path !== null && pathInScope(scope, path);
}

/** A step's input: the NSC unit when forwarding, the reason when refusing. */
export const foreignerStepSchema = z
  .strictObject({
    step: z.enum(FOREIGNER_STEPS),
    nscUnitId: z.uuid().optional(),
    reason: z.string().trim().min(3).max(1000).optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: "ForeignerStep" });

/**
 * Takes a step on a case (C-2): the permission comes from the transition table, the scope from
 * the side acting. A case outside the actor's scope answers 404; a wrong stage 409 with the clause.
 */
export async function stepForeigner(
  deps: Pick<Deps, "database" | "clock" | "signer" | "notifier">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: z.infer<typeof foreignerStepSchema>,
): Promise<{ stage: ForeignerStage; permitId?: string }> {
  const t = FOREIGNER_TRANSITIONS[input.step];
  const me = requirePermission(actor, t.permission);
  const scope = scopeOf(me);
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const row = (
      await tx
        .select()
        .from(foreignerApplications)
        .where(eq(foreignerApplications.id, id))
        .for("update")
        .limit(1)
    )[0];
    if (!row) throw notFound();
    const sidePath = t.side === "IAB" ? row.unitPath : row.nscUnitPath;
    // Seen through one side but acting for the other: still "not found" for this actor.
    if (sidePath === null || !pathInScope(scope, sidePath)) throw notFound();
    if (row.version !== input.version) throw new AppError("CONCURRENT_CHANGE");
    const to = nextForeignerStage(row.stage as ForeignerStage, input.step);
    if (t.needsReason && !input.reason)
      throw invalid("reason", {
        kk: "бас тартудың себебі көрсетілуі керек (Z p.31)",
        ru: "в отказе должна быть указана причина (Z p.31)",
        en: "a refusal states its reason (Z p.31)",
      });
    const patch: Partial<typeof foreignerApplications.$inferInsert> = {
      stage: to,
      version: row.version + 1,
      updatedAt: now,
    };
    let stepUnit = me.unitId;
    let permitId: string | undefined;
    let permitNumber: string | undefined;
    if (input.step === "FORWARD") {
      if (!input.nscUnitId)
        throw invalid("nscUnitId", {
          kk: "келісу үшін ҰҚК бөлімшесін таңдаңыз",
          ru: "выберите подразделение КНБ для согласования",
          en: "choose the NSC unit to agree with",
        });
      const nsc = (await tx.select().from(units).where(eq(units.id, input.nscUnitId)).limit(1))[0];
      if (nsc?.agency !== "NSC")
        throw invalid("nscUnitId", {
          kk: "бұл Ұлттық қауіпсіздік комитетінің бөлімшесі емес",
          ru: "это не подразделение Комитета национальной безопасности",
          en: "not a unit of the National Security Committee",
        });
      const rules = specialRulesAt(localDate(now));
      Object.assign(patch, {
        nscUnitId: nsc.id,
        nscUnitPath: nsc.path,
        forwardedAt: now,
        dueAt: nscDueAt(now, rules),
      });
      stepUnit = nsc.id;
    }
    if (input.step === "AGREE" || input.step === "NSC_REFUSE") patch.nscReason = input.reason ?? null;
    if (input.step === "REFUSE") patch.refusalReason = input.reason ?? null;
    if (input.step === "ISSUE") {
      const issued = await issuePermit(deps, tx, me, row, now);
      permitId = issued.id;
      permitNumber = issued.number;
    }
    await tx.update(foreignerApplications).set(patch).where(eq(foreignerApplications.id, id));
    await tx.insert(foreignerSteps).values({
      applicationId: id,
      step: input.step,
      at: now,
      byUserId: me.userId,
      unitId: stepUnit,
      reason: input.reason ?? null,
      clause: t.clause,
    });
    await appendAudit(tx, now, me, meta, {
      action: `foreigner.${input.step.toLowerCase()}`,
      objectType: "foreigner_application",
      objectId: id,
      details: { from: row.stage, to, clause: t.clause, ...(permitNumber ? { permit: permitNumber } : {}) },
    });
    const who = { userId: row.applicantUserId, lang: row.lang };
    if (input.step === "ISSUE")
      await notifySpecial(tx, deps, who, "PERMIT_ISSUED", () => ({
        number: row.number,
        permit: permitNumber ?? "",
      }));
    if (input.step === "REFUSE")
      await notifySpecial(tx, deps, who, "PERMIT_REFUSED", () => ({
        number: row.number,
        reason: input.reason ?? "",
      }));
    return { stage: to, ...(permitId ? { permitId } : {}) };
  });
}

/** Numbers, signs and stores the permit: gapless per unit and year in its own series (Z p.17). */
async function issuePermit(deps: Pick<Deps, "signer">, tx: Tx, me: Actor, row: Row, now: Date) {
  const unit = (await tx.select().from(units).where(eq(units.id, row.unitId)).limit(1))[0];
  if (!unit) throw notFound();
  const series = unit.passSeries ?? unit.code.replace(/[^A-Z0-9]/g, "").slice(-6);
  const year = now.getUTCFullYear();
  const seq = await nextInSeries(tx, unit.id, year, "permit");
  const number = formatPermitNumber({ series, year, seq });
  const today = localDate(now);
  const validFrom = row.stayFrom > today ? row.stayFrom : today;
  const code = passCode(
    deps,
    {
      surname: row.surname,
      givenName: row.givenName,
      patronymic: row.patronymic,
      birthYear: Number(row.birthDate.slice(0, 4)),
    },
    number,
    [row.destinationKato],
    validFrom,
    row.stayUntil,
  );
  const id = randomUUID();
  await tx.insert(permits).values({
    id,
    applicationId: row.id,
    unitId: unit.id,
    unitPath: unit.path,
    holderUserId: row.applicantUserId,
    number,
    year,
    seq,
    status: "ISSUED",
    validFrom,
    validUntil: row.stayUntil,
    issuedAt: now,
    issuedBy: me.userId,
    code,
    createdAt: now,
  });
  return { id, number };
}

/**
 * Escalates every case whose NSC answer is overdue (Z p.17, the rule set's days): marks it, names
 * the NSC unit's superior, records the step and the audit entry. Safe with several server instances:
 * a transaction-scoped advisory lock lets one scan run at a time, rows are taken FOR UPDATE SKIP
 * LOCKED, and the "not yet escalated" condition makes a repeated scan change nothing.
 */
export async function escalateOverdue(deps: Pick<Deps, "database" | "clock">): Promise<number> {
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const lock = await tx.execute(
      sql`SELECT pg_try_advisory_xact_lock(hashtext('shekara.nsc_escalation')) AS got`,
    );
    if (!rowsOf<{ got: boolean }>(lock)[0]?.got) return 0;
    const due = await tx
      .select()
      .from(foreignerApplications)
      .where(
        and(
          eq(foreignerApplications.stage, "AT_NSC"),
          isNull(foreignerApplications.escalatedAt),
          lt(foreignerApplications.dueAt, now),
        ),
      )
      .for("update", { skipLocked: true });
    for (const row of due) {
      if (!row.nscUnitId) continue;
      const nsc = (await tx.select().from(units).where(eq(units.id, row.nscUnitId)).limit(1))[0];
      if (!nsc) continue;
      const target = escalationUnit({ id: nsc.id, parentId: nsc.parentId });
      const clause = specialRulesAt(localDate(row.forwardedAt ?? now)).nscAgreement.clauses.join(", ");
      await tx
        .update(foreignerApplications)
        .set({ escalatedAt: now, escalatedToUnitId: target })
        .where(and(eq(foreignerApplications.id, row.id), isNull(foreignerApplications.escalatedAt)));
      await tx.insert(foreignerSteps).values({
        applicationId: row.id,
        step: "ESCALATE",
        at: now,
        byUserId: null,
        unitId: target,
        clause,
      });
      await appendAudit(
        tx,
        now,
        null,
        { address: undefined, requestId: "nsc-escalation" },
        {
          action: "foreigner.escalate",
          objectType: "foreigner_application",
          objectId: row.id,
          details: { dueAt: row.dueAt?.toISOString(), to: target, clause },
        },
      );
    }
    return due.length;
  });
}

/** NSC units a case can be forwarded to (not personal data: every unit of the agency). */
export async function nscUnits(deps: Pick<Deps, "database">, actor: Actor | null) {
  requirePermission(actor, "applications.intake");
  return deps.database.tx({ unitPaths: [], all: true }, (tx) =>
    tx
      .select({
        id: units.id,
        code: units.code,
        nameKk: units.nameKk,
        nameRu: units.nameRu,
        nameEn: units.nameEn,
        triadId: units.triadId,
      })
      .from(units)
      .where(eq(units.agency, "NSC"))
      .orderBy(asc(units.path)),
  );
}
