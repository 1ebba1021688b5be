import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { rowsOf } from "../../adapters/db/rows.js";
import { isIsoDate } from "../../core/eligibility/dates.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import {
  MAX_MEMBERS,
  type MemberInput,
  memberInputSchema,
  memberOutcome,
  type PetitionKind,
  petitionDeadline,
  petitionRouting,
  petitionStatus,
  planCopies,
} from "../../core/petitions/index.js";
import { ruleSetAt } from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import { issueDetail } from "../../core/validation-messages.js";
import {
  organizations,
  petitionCopies,
  petitionMembers,
  petitions,
  units,
  zoneEntries,
} from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadRuleSets } from "../rules/rules.service.js";

const SYSTEM = { unitPaths: [], all: true } as const;

/** Data of a correctional institution's petition for a released person (Z p.22). */
export interface ReleaseData {
  convictedOn: string;
  convictedWhere: string;
  article: string;
  releaseGrounds: string;
  livedInZoneBefore: boolean;
  familyInZone: string;
  opinion: string;
}

/** What an organization files (Z p.22, p.27). */
export interface FileInput {
  kind: PetitionKind;
  /** The IAB of the workers' residence (employer, strip list); ignored for releases (the institution's IAB). */
  iabUnitId?: string | undefined;
  /** Filing with the IAB where the enterprise is located instead, and why (Z p.27 exception). */
  atEnterpriseReason?: string | undefined;
  destinations: string[];
  /** Departure, or for a release the release date (which counts as departure). */
  departureDate: string;
  returnDate?: string | undefined;
  workDescription: string;
  /** One pass to the group leader with the certified list is asked for (Z p.10). */
  groupPass: boolean;
  lateReason?: string | undefined;
  members: MemberInput[];
  release?: ReleaseData | undefined;
  idempotencyKey?: string | undefined;
}

/** The petition number: the IAB's series, the year and a sequence. */
async function nextNumber(tx: Tx, series: string, year: number): Promise<string> {
  const result = await tx.execute(sql`SELECT nextval('petition_numbers') AS n`);
  const n = Number(rowsOf<{ n: string | number }>(result)[0]?.n ?? 0);
  return `${series}-${year}-P${String(n).padStart(5, "0")}`;
}

/** The organization account of a representative, or 404 when the user's unit is not one. */
export async function organizationOf(deps: Pick<Deps, "database">, actor: Actor | null) {
  const me = requirePermission(actor, "petitions.own");
  if (!me.unitId) throw notFound();
  const unitId = me.unitId;
  return deps.database.tx(SYSTEM, async (tx) => {
    const org = (await tx.select().from(organizations).where(eq(organizations.unitId, unitId)).limit(1))[0];
    const unit = (await tx.select().from(units).where(eq(units.id, unitId)).limit(1))[0];
    if (!org || !unit) throw notFound();
    const location = (await tx.select().from(units).where(eq(units.id, org.locationIabUnitId)).limit(1))[0];
    const iabs = await tx
      .select({
        id: units.id,
        code: units.code,
        nameKk: units.nameKk,
        nameRu: units.nameRu,
        nameEn: units.nameEn,
      })
      .from(units)
      .where(and(eq(units.agency, "IAB"), sql`${units.level} = 3`))
      .orderBy(asc(units.nameRu));
    return {
      unit: { id: unit.id, code: unit.code, nameKk: unit.nameKk, nameRu: unit.nameRu, nameEn: unit.nameEn },
      kind: org.kind,
      address: org.address,
      headName: org.headName,
      locationIab: location
        ? { id: location.id, nameKk: location.nameKk, nameRu: location.nameRu, nameEn: location.nameEn }
        : null,
      iabs,
    };
  });
}

/** The NSC territorial body of an IAB: its counterpart in the IAB's triad. */
async function nscBodyOf(tx: Tx, iab: typeof units.$inferSelect) {
  if (!iab.triadId) return undefined;
  return (
    await tx
      .select()
      .from(units)
      .where(and(eq(units.triadId, iab.triadId), eq(units.agency, "NSC")))
      .limit(1)
  )[0];
}

const reasonOf = (kk: string, ru: string, en: string) => ({ kk, ru, en });
const CALENDAR_DATE = reasonOf(
  "күнтізбелік күн ЖЖЖЖ-АА-КК түрінде",
  "календарная дата в виде ГГГГ-ММ-ДД",
  "a calendar date YYYY-MM-DD",
);

/**
 * Files a petition (Z-13, Z-14, Z-15): checks the lead time of the rule set in force (a late one
 * needs an exceptional reason and is flagged), routes it by the routing rule (the IAB of residence,
 * exceptionally the enterprise's; the institution's IAB; the NSC body for a strip list), stores
 * the people and plans the copies, all in one transaction with its audit entry.
 */
export async function filePetition(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: FileInput,
): Promise<{ id: string; number: string; created: boolean }> {
  const me = requirePermission(actor, "petitions.own");
  if (!me.unitId || !me.unitPath) throw notFound();
  const orgUnitId = me.unitId;
  const orgUnitPath = me.unitPath;
  const now = deps.clock.now();
  const today = localDate(now);
  if (!isIsoDate(input.departureDate)) throw invalid("departureDate", CALENDAR_DATE);
  if (input.departureDate < today)
    throw invalid("departureDate", reasonOf("өткен күн", "дата уже прошла", "the date has passed"));
  if (
    input.returnDate !== undefined &&
    (!isIsoDate(input.returnDate) || input.returnDate < input.departureDate)
  )
    throw invalid(
      "returnDate",
      reasonOf(
        "шығу күнінен кейін болуы керек",
        "должна быть не раньше выезда",
        "must not be before departure",
      ),
    );
  if (input.members.length === 0)
    throw invalid(
      "members",
      reasonOf("кемінде бір адам", "нужен хотя бы один человек", "at least one person"),
    );
  if (input.members.length > MAX_MEMBERS)
    throw invalid("members", {
      kk: `ең көбі ${MAX_MEMBERS} адам`,
      ru: `не более ${MAX_MEMBERS} человек`,
      en: `at most ${MAX_MEMBERS}`,
    });
  input.members.forEach((member, i) => {
    const parsed = memberInputSchema.safeParse(member);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = `members.${i}.${issue?.path.join(".") ?? ""}`;
      throw invalid(field, issueDetail(issue, field));
    }
  });
  const documents = new Set<string>();
  input.members.forEach((m, i) => {
    const key = `${m.documentSeries ?? ""}|${m.documentNumber}`.toUpperCase();
    if (documents.has(key))
      throw invalid(`members.${i}.documentNumber`, {
        kk: "бұл құжат тізімде бұрын кездесті",
        ru: "этот документ уже есть в списке",
        en: "this document is already on the list",
      });
    documents.add(key);
  });
  const leaders = input.members.filter((m) => m.isLeader).length;
  if (input.kind === "RELEASE") {
    if (input.members.length !== 1)
      throw invalid("members", reasonOf("бір адам", "один человек", "exactly one person"));
    if (!input.release)
      throw invalid(
        "release",
        reasonOf("соттылық деректері керек", "нужны данные об осуждении", "the conviction data are required"),
      );
    if (!isIsoDate(input.release.convictedOn)) throw invalid("release.convictedOn", CALENDAR_DATE);
  } else if (leaders > 1) {
    throw invalid(
      "members",
      reasonOf("бір ғана жетекші", "только один руководитель", "only one group leader"),
    );
  } else if ((input.groupPass || input.kind === "STRIP_LIST") && leaders !== 1) {
    throw invalid(
      "members",
      reasonOf("топ жетекшісін белгілеңіз", "отметьте руководителя группы", "mark the group leader"),
    );
  }
  const ruleSet = ruleSetAt(await loadRuleSets(deps.database), input.departureDate);
  const deadline = petitionDeadline(ruleSet, input.kind, input.departureDate, today);
  const routing = petitionRouting(ruleSet, input.kind);
  const lateReason = input.lateReason?.trim();
  if (deadline.late && !lateReason) {
    throw new AppError("PETITION_LATE", {
      field: "lateReason",
      clause: deadline.clauses.join(", "),
      params: { applyBy: deadline.applyBy, clause: deadline.clauses.join(", ") },
    });
  }
  if (input.groupPass && !routing.groupPass)
    throw invalid(
      "groupPass",
      reasonOf(
        "топтық рұқсаттама берілмейді",
        "групповой пропуск не выдаётся",
        "no group pass for this petition",
      ),
    );

  return deps.database.tx(SYSTEM, async (tx) => {
    if (input.idempotencyKey) {
      const existing = (
        await tx
          .select({ id: petitions.id, number: petitions.number })
          .from(petitions)
          .where(and(eq(petitions.filedBy, me.userId), eq(petitions.idempotencyKey, input.idempotencyKey)))
          .limit(1)
      )[0];
      if (existing) return { ...existing, created: false };
    }
    const org = (
      await tx.select().from(organizations).where(eq(organizations.unitId, orgUnitId)).limit(1)
    )[0];
    if (!org) throw notFound();
    if ((input.kind === "RELEASE") !== (org.kind === "INSTITUTION"))
      throw invalid(
        "kind",
        reasonOf(
          "ұйымыңыз бұл өтінішті бере алмайды",
          "ваша организация не подаёт такое ходатайство",
          "your organization does not file this kind of petition",
        ),
      );
    // Routing by the rule: where the law sends it, or the enterprise's IAB as a recorded exception.
    const flags: string[] = [];
    let iabId: string | undefined;
    const exception = input.atEnterpriseReason?.trim();
    if (routing.filedWith === "IAB_AT_INSTITUTION") iabId = org.locationIabUnitId;
    else if (exception) {
      if (routing.exceptionallyWith !== "IAB_AT_ENTERPRISE")
        throw invalid(
          "atEnterpriseReason",
          reasonOf(
            "бұл өтініш үшін ерекшелік қарастырылмаған",
            "для этого ходатайства исключение не предусмотрено",
            "no exception for this petition",
          ),
        );
      iabId = org.locationIabUnitId;
      flags.push("AT_ENTERPRISE_LOCATION");
    } else iabId = input.iabUnitId;
    if (!iabId)
      throw invalid(
        "iabUnitId",
        reasonOf(
          "жұмысшылар тұратын жердегі ІІО-ны таңдаңыз",
          "выберите ОВД по месту жительства работников",
          "choose the IAB of the workers' residence",
        ),
      );
    const iab = (await tx.select().from(units).where(eq(units.id, iabId)).limit(1))[0];
    if (iab?.agency !== "IAB")
      throw invalid(
        "iabUnitId",
        reasonOf("бұл ішкі істер органы емес", "это не орган внутренних дел", "not an internal affairs body"),
      );
    let nsc: typeof units.$inferSelect | undefined;
    if (routing.checkedBy === "NSC_TERRITORIAL") {
      nsc = await nscBodyOf(tx, iab);
      if (!nsc)
        throw invalid(
          "iabUnitId",
          reasonOf(
            "бұл ІІО-ның ҰҚК аумақтық органы белгіленбеген",
            "для этого ОВД не задан территориальный орган КНБ",
            "this IAB has no NSC territorial body linked",
          ),
        );
    }
    const places = await tx
      .select({ kato: zoneEntries.kato, inStrip: zoneEntries.inStrip })
      .from(zoneEntries);
    const known = new Map(places.map((p) => [p.kato, p.inStrip]));
    input.destinations.forEach((kato, i) => {
      if (!known.has(kato))
        throw invalid(
          `destinations.${i}`,
          reasonOf(
            "шекаралық аймақ тізімінде жоқ",
            "нет в перечне пограничной зоны",
            "not on the border-zone list",
          ),
        );
    });
    if (input.kind === "STRIP_LIST" && !input.destinations.some((kato) => known.get(kato)))
      throw invalid(
        "destinations",
        reasonOf(
          "белдеудегі елді мекен керек",
          "нужен пункт в пограничной полосе",
          "a destination in the border strip is needed",
        ),
      );
    if (deadline.late) flags.push("LATE_PETITION");
    const id = randomUUID();
    const number = await nextNumber(tx, iab.passSeries ?? iab.code, now.getUTCFullYear());
    const copies = planCopies(routing);
    await tx.insert(petitions).values({
      id,
      number,
      kind: input.kind,
      status: "FILED",
      orgUnitId,
      orgUnitPath,
      iabUnitId: iab.id,
      iabUnitPath: iab.path,
      nscUnitId: nsc?.id ?? null,
      nscUnitPath: nsc?.path ?? null,
      filedBy: me.userId,
      idempotencyKey: input.idempotencyKey ?? null,
      departureDate: input.departureDate,
      rules: {
        ruleSetVersion: ruleSet.version,
        deadline,
        routing: {
          ruleId: routing.id,
          clauses: routing.clauses,
          filedWith: routing.filedWith,
          checkedBy: routing.checkedBy ?? null,
          explanation: routing.explanation,
        },
      },
      data: {
        destinations: input.destinations,
        returnDate: input.returnDate ?? null,
        workDescription: input.workDescription,
        groupPassRequested: input.groupPass,
        headName: org.headName,
        orgAddress: org.address,
        lateReason: lateReason ?? null,
        atEnterpriseReason: exception ?? null,
        release: input.release ?? null,
      },
      flags,
      isDemo: false,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(petitionMembers).values(
      input.members.map((m, i) => ({
        petitionId: id,
        seq: i + 1,
        surname: m.surname,
        givenName: m.givenName,
        patronymic: m.patronymic ?? null,
        birthYear: m.birthYear,
        address: m.address,
        documentSeries: m.documentSeries ?? null,
        documentNumber: m.documentNumber,
        documentIssuedOn: m.documentIssuedOn,
        documentIssuedBy: m.documentIssuedBy,
        isLeader: m.isLeader,
      })),
    );
    if (copies.length > 0) {
      await tx.insert(petitionCopies).values(
        copies.map((c) => ({
          petitionId: id,
          copyNo: c.copyNo,
          holder: c.holder,
          holderUnitId: c.holder === "IAB" ? iab.id : c.holder === "NSC" ? (nsc?.id ?? null) : orgUnitId,
          certified: c.certified,
          withResults: c.withResults,
        })),
      );
    }
    await appendAudit(tx, now, me, meta, {
      action: "petition.file",
      objectType: "petition",
      objectId: id,
      details: {
        number,
        kind: input.kind,
        people: input.members.length,
        iab: iab.code,
        nsc: nsc?.code ?? null,
        applyBy: deadline.applyBy,
        clauses: [...deadline.clauses, ...routing.clauses],
        flags,
      },
    });
    return { id, number, created: true };
  });
}

/** Who is looking at a petition, which decides what they may do with it. */
export type Viewer = "ORGANIZATION" | "IAB" | "NSC";

/** The readers of petitions: representatives, IAB officers and heads, NSC reviewers. */
export function requireReader(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const can = [
    "petitions.own",
    "applications.intake",
    "applications.check",
    "passes.decide",
    "strip_lists.check",
  ] as const;
  if (!can.some((p) => actor.permissions.has(p))) throw new AppError("FORBIDDEN");
  return actor;
}

/**
 * Loads a petition the actor may see, or 404 (RLS and the service agree: other units' petitions do
 * not exist). Steps that change it lock the row, so two officers' steps on one petition queue.
 */
export async function loadPetition(tx: Tx, actor: Actor, id: string, lock = false) {
  const query = tx.select().from(petitions).where(eq(petitions.id, id)).limit(1);
  const row = (lock ? await query.for("update") : await query)[0];
  if (!row) throw notFound();
  const scope = scopeOf(actor);
  const viewers: Viewer[] = [];
  if (pathInScope(scope, row.orgUnitPath) && actor.permissions.has("petitions.own"))
    viewers.push("ORGANIZATION");
  if (pathInScope(scope, row.iabUnitPath)) viewers.push("IAB");
  if (row.nscUnitPath && pathInScope(scope, row.nscUnitPath) && actor.permissions.has("strip_lists.check"))
    viewers.push("NSC");
  if (viewers.length === 0) throw notFound();
  const members = await tx
    .select()
    .from(petitionMembers)
    .where(eq(petitionMembers.petitionId, id))
    .orderBy(asc(petitionMembers.seq));
  const copies = await tx
    .select()
    .from(petitionCopies)
    .where(eq(petitionCopies.petitionId, id))
    .orderBy(asc(petitionCopies.copyNo));
  return { row, members, copies, viewers };
}

/** A person's outcome from the stored results. */
export function outcomeOf(row: typeof petitions.$inferSelect, m: typeof petitionMembers.$inferSelect) {
  return memberOutcome(row.kind as PetitionKind, {
    nscResult: m.nscResult as never,
    checkResult: m.checkResult as never,
    decision: m.decision as never,
    passNumber: m.passNumber,
    coveredByGroupPass: row.passMode === "GROUP" && Boolean(row.groupPassNumber),
  });
}

/** Re-derives and stores the petition's status after a step. */
export async function refreshStatus(tx: Tx, petitionId: string, now: Date): Promise<string> {
  const row = (await tx.select().from(petitions).where(eq(petitions.id, petitionId)).limit(1))[0];
  if (!row) throw notFound();
  const members = await tx.select().from(petitionMembers).where(eq(petitionMembers.petitionId, petitionId));
  const status = petitionStatus(
    row.kind as PetitionKind,
    members.map((m) => outcomeOf(row, m)),
  );
  await tx
    .update(petitions)
    .set({ status, version: row.version + 1, updatedAt: now })
    .where(eq(petitions.id, petitionId));
  return status;
}

/** The petition as its readers see it: people with outcomes and results, copies, rules with clauses. */
export async function getPetition(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
) {
  const me = requireReader(actor);
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { row, members, copies, viewers } = await loadPetition(tx, me, id);
    const unitNames = await tx
      .select({ id: units.id, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
      .from(units)
      .where(
        or(
          eq(units.id, row.orgUnitId),
          eq(units.id, row.iabUnitId),
          eq(units.id, row.nscUnitId ?? row.iabUnitId),
        ),
      );
    const name = (unitId: string | null) => unitNames.find((u) => u.id === unitId) ?? null;
    // Reading people's personal data is audited (C-3).
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "petition.read",
      objectType: "petition",
      objectId: row.id,
      details: { number: row.number, as: viewers },
    });
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      departureDate: row.departureDate,
      organization: name(row.orgUnitId),
      iab: name(row.iabUnitId),
      nsc: row.nscUnitId ? name(row.nscUnitId) : null,
      rules: row.rules as Record<string, unknown>,
      data: row.data as Record<string, unknown>,
      flags: row.flags,
      passMode: row.passMode,
      groupPassNumber: row.groupPassNumber,
      viewers,
      members: members.map((m) => ({
        id: m.id,
        seq: m.seq,
        surname: m.surname,
        givenName: m.givenName,
        patronymic: m.patronymic,
        birthYear: m.birthYear,
        address: m.address,
        documentSeries: m.documentSeries,
        documentNumber: m.documentNumber,
        documentIssuedOn: m.documentIssuedOn,
        documentIssuedBy: m.documentIssuedBy,
        isLeader: m.isLeader,
        outcome: outcomeOf(row, m),
        // Screening candidates are for the IAB officer only (Z-18), never for the organization.
        screening: viewers.includes("IAB") ? (m.screening as unknown) : null,
        checkResult: viewers.includes("IAB") ? m.checkResult : null,
        checkEvidence: viewers.includes("IAB") ? m.checkEvidence : null,
        nscResult: m.nscResult,
        nscReason: m.nscReason,
        decision: m.decision,
        decisionReason: m.decisionReason,
        applicationId: viewers.includes("IAB") ? m.applicationId : null,
        passNumber: m.passNumber,
      })),
      copies: copies.map((c) => ({
        copyNo: c.copyNo,
        holder: c.holder,
        holderUnit: name(c.holderUnitId),
        certified: c.certified,
        withResults: c.withResults,
        certifiedAt: c.certifiedAt?.toISOString() ?? null,
        handedAt: c.handedAt?.toISOString() ?? null,
        receivedBy: c.receivedBy,
      })),
    };
  });
}

/** Petitions the actor may see: the organization's own, the IAB's, the NSC body's; newest first. */
export async function listPetitions(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  filter: { status?: string | undefined; kind?: string | undefined },
) {
  const me = requireReader(actor);
  return deps.database.tx(scopeOf(me), async (tx) => {
    const conditions = [ne(petitions.status, "__none__")];
    if (filter.status) conditions.push(eq(petitions.status, filter.status));
    if (filter.kind) conditions.push(eq(petitions.kind, filter.kind));
    const rows = await tx
      .select({
        id: petitions.id,
        number: petitions.number,
        kind: petitions.kind,
        status: petitions.status,
        departureDate: petitions.departureDate,
        flags: petitions.flags,
        createdAt: petitions.createdAt,
        people: sql<number>`(SELECT count(*)::int FROM petition_members m WHERE m.petition_id = ${petitions.id})`,
        orgName: sql<string>`(SELECT u.name_ru FROM units u WHERE u.id = ${petitions.orgUnitId})`,
      })
      .from(petitions)
      .where(and(...conditions))
      .orderBy(desc(petitions.createdAt))
      .limit(200);
    return rows.map((r) => ({ ...r, people: Number(r.people), createdAt: r.createdAt.toISOString() }));
  });
}

/** The deadline and routing a petition filed today would get, for the form to show with clauses. */
export async function previewRules(
  deps: Pick<Deps, "database" | "clock">,
  kind: PetitionKind,
  departureDate: string,
) {
  if (!isIsoDate(departureDate)) throw invalid("departureDate", CALENDAR_DATE);
  const ruleSet = ruleSetAt(await loadRuleSets(deps.database), departureDate);
  const deadline = petitionDeadline(ruleSet, kind, departureDate, localDate(deps.clock.now()));
  const routing = petitionRouting(ruleSet, kind);
  return {
    ruleSetVersion: ruleSet.version,
    deadline,
    routing: {
      ruleId: routing.id,
      clauses: routing.clauses,
      filedWith: routing.filedWith,
      checkedBy: routing.checkedBy ?? null,
      groupPass: routing.groupPass,
      explanation: routing.explanation,
    },
  };
}
