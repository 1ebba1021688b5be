import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { inSubtrees } from "../../adapters/db/subtree.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import {
  type ApplicationData,
  apply,
  type CaseState,
  type PassAction,
  type PassActionType,
  replay,
  TRANSITIONS,
} from "../../core/passes/index.js";
import { localDate } from "../../core/time.js";
import { applicationFiles, applications, units } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { checkEligibility } from "../eligibility.service.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { appendAction, loadCase, nextApplicationNumber } from "./case.repo.js";

/** What a citizen or an intake officer submits (Z App.2). */
export interface SubmitInput {
  data: ApplicationData;
  /** The IAB that takes the application (the applicant's place of permanent residence, Z p.26). */
  unitId?: string | undefined;
  idempotencyKey?: string | undefined;
  lang: string;
}

const IDENTITY_DOCUMENTS: Record<ApplicationData["applicant"]["identityDocument"]["kind"], string> = {
  ID_CARD: "ID_CARD",
  PASSPORT: "PASSPORT",
  BIRTH_CERTIFICATE: "BIRTH_CERTIFICATE",
  MILITARY_ID: "MILITARY_ID",
};

/** Runs the eligibility engine on an application, as the officer and the citizen will see it (Z-9). */
async function eligibilityOf(deps: Pick<Deps, "database" | "clock">, data: ApplicationData) {
  const departureYear = Number(data.departureDate.slice(0, 4));
  return checkEligibility(deps, {
    citizenship: data.applicant.citizenship,
    ageYears: Math.max(0, departureYear - data.applicant.birthYear),
    residesInZone: false,
    destination: data.destinations[0],
    departureDate: data.departureDate,
    ...(data.stayDays ? { stayDays: data.stayDays } : {}),
    purpose: data.purpose,
    status: [],
    documents: [IDENTITY_DOCUMENTS[data.applicant.identityDocument.kind]],
  });
}

/** The machine context: the stored rule sets and Kazakhstan's time zone. */
async function machineContext(deps: Pick<Deps, "database">) {
  return { ruleSets: await loadRuleSets(deps.database) };
}

/**
 * Submits an application (Z-10): online by the citizen, or at the counter by an officer on the
 * citizen's behalf. A retry with the same Idempotency-Key returns the first application.
 */
export async function submitApplication(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: SubmitInput,
): Promise<{ id: string; created: boolean }> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const isCitizen =
    actor.permissions.has("applications.own") && !actor.permissions.has("applications.intake");
  if (!isCitizen) requirePermission(actor, "applications.intake");
  const now = deps.clock.now();
  const ctx = await machineContext(deps);
  const eligibility = await eligibilityOf(deps, input.data);
  const scope = scopeOf(actor);
  return deps.database.tx(isCitizen ? { unitPaths: [], userId: actor.userId } : scope, async (tx) => {
    if (input.idempotencyKey) {
      const existing = await tx
        .select({ id: applications.id })
        .from(applications)
        .where(
          and(
            eq(applications.enteredBy, actor.userId),
            eq(applications.idempotencyKey, input.idempotencyKey),
          ),
        )
        .limit(1);
      if (existing[0]) return { id: existing[0].id, created: false };
    }
    const unitId = input.unitId ?? actor.unitId;
    if (!unitId) throw invalid("unitId", "choose the internal affairs body of your permanent residence");
    const unit = (await tx.select().from(units).where(eq(units.id, unitId)).limit(1))[0];
    if (unit?.agency !== "IAB") throw invalid("unitId", "not an internal affairs body");
    if (!isCitizen && !pathInScope(scope, unit.path)) throw notFound();

    const id = randomUUID();
    const action: PassAction = {
      type: "SUBMITTED",
      at: now.toISOString(),
      by: actor.userId,
      unitId,
      payload: input.data,
    };
    const state = apply(replay([], undefined, ctx), action, ctx);
    const flags = new Set<string>(state.flags);
    if (await overlaps(tx, input.data)) flags.add("OVERLAPPING_APPLICATION");
    const year = now.getUTCFullYear();
    const seq = await nextApplicationNumber(tx);
    const number = `${unit.passSeries ?? unit.code}-${year}-A${String(seq).padStart(6, "0")}`;
    const a = input.data.applicant;
    await tx.insert(applications).values({
      id,
      number,
      unitId,
      unitPath: unit.path,
      applicantUserId: isCitizen ? actor.userId : null,
      enteredBy: actor.userId,
      idempotencyKey: input.idempotencyKey ?? null,
      status: "NEW",
      surname: a.surname,
      givenName: a.givenName,
      patronymic: a.patronymic ?? null,
      birthYear: a.birthYear,
      destinationKato: input.data.destinations[0] ?? "",
      departureDate: input.data.departureDate,
      purpose: input.data.purpose,
      data: input.data,
      eligibility,
      flags: [...flags],
      lang: input.lang,
      createdAt: now,
      updatedAt: now,
    });
    await appendAction(tx, { id, version: 0, actionCount: 0 }, action, {
      ...state,
      flags: [...flags] as CaseState["flags"],
    });
    await appendAudit(tx, now, actor, meta, {
      action: "application.submit",
      objectType: "application",
      objectId: id,
      details: { number, unit: unit.code, flags: [...flags], outcome: eligibility.outcome },
    });
    return { id, created: true };
  });
}

/** Another live application of the same person whose trip overlaps this one (flagged, not refused). */
async function overlaps(tx: Tx, data: ApplicationData): Promise<boolean> {
  const a = data.applicant;
  const rows = await tx
    .select({ data: applications.data, status: applications.status })
    .from(applications)
    .where(
      and(
        eq(applications.surname, a.surname),
        eq(applications.birthYear, a.birthYear),
        inArray(applications.status, ["SUBMITTED", "CHECKED", "APPROVED", "ISSUED", "REGISTERED"]),
      ),
    )
    .limit(50);
  const end = (d: ApplicationData) => addDaysIso(d.departureDate, d.stayDays ?? 1);
  return rows.some((r) => {
    const other = r.data as ApplicationData;
    const same = other.applicant.identityDocument.number === a.identityDocument.number;
    return same && other.departureDate <= end(data) && data.departureDate <= end(other);
  });
}

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Permissions of the officers who handle cases. */
const CASE_READERS = ["applications.intake", "applications.check", "passes.decide"] as const;

/** A case as the API shows it: the application, its derived state, history and what may happen next. */
export interface CaseView {
  row: typeof applications.$inferSelect;
  state: CaseState;
  actions: PassAction[];
  allowed: PassActionType[];
  files: { id: string; name: string; type: string; size: number }[];
}

/** Loads a case the actor may see (own application, or the unit subtree); others answer 404. */
export async function getCase(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<CaseView> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const ctx = await machineContext(deps);
  const today = localDate(deps.clock.now());
  return deps.database.tx(scopeOf(actor), async (tx) => {
    const loaded = await loadCase(tx, id);
    if (!loaded) throw notFound();
    // Cases are read by their applicant and by the officers who handle them; other roles (analysts,
    // registrars) see only what their own screens need, through other routes.
    const handles = CASE_READERS.some((p) => actor.permissions.has(p));
    if (loaded.row.applicantUserId !== actor.userId && !handles) throw notFound();
    const state = replay(loaded.actions, today, ctx);
    const files = await tx
      .select({
        id: applicationFiles.id,
        name: applicationFiles.name,
        type: applicationFiles.type,
        size: applicationFiles.size,
      })
      .from(applicationFiles)
      .where(eq(applicationFiles.applicationId, id));
    await appendAudit(tx, deps.clock.now(), actor, meta, {
      action: "application.read",
      objectType: "application",
      objectId: id,
    });
    const isOwner = loaded.row.applicantUserId === actor.userId;
    const allowed = isOwner
      ? []
      : (Object.values(TRANSITIONS)
          .filter((rule) => rule.from.includes(state.status) && actor.permissions.has(rule.permission))
          .map((rule) => rule.type) as PassActionType[]);
    return { row: loaded.row, state, actions: loaded.actions, allowed, files };
  });
}

/** Work queues of the pass lifecycle (Z-18 … Z-27). */
export const QUEUES = [
  "new",
  "to_check",
  "to_decide",
  "to_issue",
  "issued",
  "awaiting_return",
  "overdue_return",
  "refused",
  "all",
] as const;
export type Queue = (typeof QUEUES)[number];

/** Lists the applications of a queue in the actor's subtree, or the citizen's own. */
export async function listCases(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  filter: { queue: Queue; q?: string | undefined; limit: number; offset: number },
) {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const today = localDate(deps.clock.now());
  const scope = scopeOf(actor);
  return deps.database.tx(scope, async (tx) => {
    const conditions = [];
    const own = !actor.permissions.has("applications.intake") && !actor.permissions.has("passes.decide");
    if (own) conditions.push(eq(applications.applicantUserId, actor.userId));
    else if (!scope.all)
      conditions.push(inSubtrees(applications.unitPath, scope.unitPaths.length ? scope.unitPaths : ["none"]));
    const validUntil = sql`(SELECT max(p.valid_until) FROM passes p WHERE p.application_id = ${applications.id})`;
    switch (filter.queue) {
      case "new":
      case "to_check":
        conditions.push(eq(applications.status, "SUBMITTED"));
        break;
      case "to_decide":
        conditions.push(eq(applications.status, "CHECKED"));
        break;
      case "to_issue":
        conditions.push(eq(applications.status, "APPROVED"));
        break;
      case "issued":
        conditions.push(inArray(applications.status, ["ISSUED", "REGISTERED", "REPLACED"]));
        break;
      case "awaiting_return":
        conditions.push(inArray(applications.status, ["ISSUED", "REGISTERED", "REPLACED"]));
        conditions.push(sql`${validUntil} < ${today}`);
        break;
      case "overdue_return":
        conditions.push(inArray(applications.status, ["ISSUED", "REGISTERED", "REPLACED"]));
        conditions.push(sql`${validUntil} < ${addDaysIso(today, -10)}`);
        break;
      case "refused":
        conditions.push(eq(applications.status, "REFUSED"));
        break;
      case "all":
        break;
    }
    const q = filter.q?.trim().toLowerCase();
    if (q) {
      conditions.push(
        sql`(lower(${applications.surname} || ' ' || ${applications.givenName}) LIKE ${`%${q}%`} OR lower(${applications.number}) LIKE ${`%${q}%`})`,
      );
    }
    const where = conditions.length ? and(...conditions) : undefined;
    const items = await tx
      .select({
        id: applications.id,
        number: applications.number,
        status: applications.status,
        surname: applications.surname,
        givenName: applications.givenName,
        patronymic: applications.patronymic,
        birthYear: applications.birthYear,
        destinationKato: applications.destinationKato,
        departureDate: applications.departureDate,
        purpose: applications.purpose,
        flags: applications.flags,
        createdAt: applications.createdAt,
      })
      .from(applications)
      .where(where)
      .orderBy(desc(applications.createdAt))
      .limit(filter.limit)
      .offset(filter.offset);
    return { items };
  });
}
