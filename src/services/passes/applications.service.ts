import { randomUUID } from "node:crypto";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { withScansOff } from "../../adapters/db/planner.js";
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
import { findZoneEntry, type ZoneEntry } from "../reference/zone.service.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { firstAction, loadCase } from "./case.repo.js";

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
async function eligibilityOf(
  deps: Pick<Deps, "database" | "clock">,
  data: ApplicationData,
  tx: Tx,
  zone: ZoneEntry | undefined,
) {
  const departureYear = Number(data.departureDate.slice(0, 4));
  return checkEligibility(
    deps,
    {
      citizenship: data.applicant.citizenship,
      ageYears: Math.max(0, departureYear - data.applicant.birthYear),
      residesInZone: false,
      destination: data.destinations[0],
      departureDate: data.departureDate,
      ...(data.stayDays ? { stayDays: data.stayDays } : {}),
      purpose: data.purpose,
      status: [],
      documents: [IDENTITY_DOCUMENTS[data.applicant.identityDocument.kind]],
    },
    // The submission read the destination's zone entry already; anything else is looked up here.
    async (date, kato) =>
      date === data.departureDate && kato === data.destinations[0] ? zone : findZoneEntry(tx, date, kato),
  );
}

/** The machine context: the stored rule sets and Kazakhstan's time zone. */
async function machineContext(deps: Pick<Deps, "database">) {
  return { ruleSets: await loadRuleSets(deps.database) };
}

/** Statuses of a live application, for the overlapping-trip flag. */
const LIVE_STATUSES = ["SUBMITTED", "CHECKED", "APPROVED", "ISSUED", "REGISTERED"];

/** What a submission reads before writing, fetched in one statement (one round trip). */
interface SubmitReads {
  existing: string | null;
  unit_id: string | null;
  agency: string | null;
  path: string | null;
  code: string | null;
  pass_series: string | null;
  others: ApplicationData[] | null;
  zone: Record<string, unknown> | null;
  seq: string | number;
}

/**
 * Submits an application (Z-10): online by the citizen, or at the counter by an officer on the
 * citizen's behalf. A retry with the same Idempotency-Key returns the first application. A new
 * application comes back with its case view built from what was written, so the caller need not
 * read it again.
 */
export async function submitApplication(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: SubmitInput,
): Promise<{ id: string; created: boolean; view?: CaseView }> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const isCitizen =
    actor.permissions.has("applications.own") && !actor.permissions.has("applications.intake");
  if (!isCitizen) requirePermission(actor, "applications.intake");
  const now = deps.clock.now();
  const ctx = await machineContext(deps);
  const scope = scopeOf(actor);
  const unitId = input.unitId ?? actor.unitId;
  const a = input.data.applicant;
  return deps.database.tx(isCitizen ? { unitPaths: [], userId: actor.userId } : scope, async (tx) => {
    // Idempotency key, the receiving unit, the same person's live applications and the next number
    // in one statement; the number is only spent when the application is written (gaps are fine).
    const reads = rowsOf<SubmitReads>(
      await tx.execute(sql`
        SELECT ${
          input.idempotencyKey
            ? sql`(SELECT x.id FROM applications x
                   WHERE x.entered_by = ${actor.userId} AND x.idempotency_key = ${input.idempotencyKey} LIMIT 1)`
            : sql`NULL::uuid`
        } AS existing,
          u.id AS unit_id, u.agency, u.path::text AS path, u.code, u.pass_series,
          (SELECT json_agg(o.data) FROM (
             SELECT x.data FROM applications x
             WHERE x.surname = ${a.surname} AND x.birth_year = ${a.birthYear}
               AND x.status IN (${sql.join(
                 LIVE_STATUSES.map((status) => sql`${status}`),
                 sql`, `,
               )})
             LIMIT 50) o) AS others,
          (SELECT to_json(e) FROM zone_entries e
           WHERE e.kato = ${input.data.destinations[0] ?? ""}
             AND e.list_id = (SELECT l.id FROM zone_lists l WHERE l.effective_from <= ${input.data.departureDate}::date
                              ORDER BY l.effective_from DESC LIMIT 1)
           LIMIT 1) AS zone,
          CASE WHEN u.agency = 'IAB' THEN nextval('application_numbers') END AS seq
        FROM (SELECT 1) AS one LEFT JOIN units u ON u.id = ${unitId ?? null}::uuid`),
    )[0];
    if (reads?.existing) return { id: reads.existing, created: false };
    if (!unitId) throw invalid("unitId", "choose the internal affairs body of your permanent residence");
    if (!reads?.unit_id || reads.agency !== "IAB" || !reads.path || !reads.code) {
      throw invalid("unitId", "not an internal affairs body");
    }
    const unit = { id: reads.unit_id, path: reads.path, code: reads.code, passSeries: reads.pass_series };
    if (!isCitizen && !pathInScope(scope, unit.path)) throw notFound();
    const eligibility = await eligibilityOf(deps, input.data, tx, zoneEntryOf(reads.zone));

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
    if (overlaps(reads.others ?? [], input.data)) flags.add("OVERLAPPING_APPLICATION");
    const year = now.getUTCFullYear();
    const number = `${unit.passSeries ?? unit.code}-${year}-A${String(reads.seq).padStart(6, "0")}`;
    // The row is written with its projection after the first action (version 1), and the action
    // with sequence 1, so a new case costs two inserts instead of insert, insert and update.
    const [row] = await tx
      .insert(applications)
      .values({
        id,
        number,
        unitId,
        unitPath: unit.path,
        applicantUserId: isCitizen ? actor.userId : null,
        enteredBy: actor.userId,
        idempotencyKey: input.idempotencyKey ?? null,
        status: state.stage,
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
        version: 1,
        lang: input.lang,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("application insert returned no row");
    await firstAction(tx, id, action);
    await appendAudit(tx, now, actor, meta, {
      action: "application.submit",
      objectType: "application",
      objectId: id,
      details: { number, unit: unit.code, flags: [...flags], outcome: eligibility.outcome },
    });
    const shown = replay([action], localDate(now), ctx);
    const view: CaseView = {
      row,
      state: shown,
      actions: [action],
      allowed: allowedActions(actor, row, shown),
      files: [],
    };
    return { id, created: true, view };
  });
}

/** A zone entry read as JSON (snake_case columns) in the shape Drizzle gives. */
function zoneEntryOf(json: Record<string, unknown> | null): ZoneEntry | undefined {
  if (!json) return undefined;
  const text = (key: string) => (json[key] === null || json[key] === undefined ? null : String(json[key]));
  return {
    listId: String(json.list_id),
    kato: String(json.kato),
    kind: String(json.kind),
    nameKk: String(json.name_kk),
    nameRu: String(json.name_ru),
    regionKato: String(json.region_kato),
    regionKk: String(json.region_kk),
    regionRu: String(json.region_ru),
    districtKato: text("district_kato"),
    districtKk: text("district_kk"),
    districtRu: text("district_ru"),
    inStrip: json.in_strip === true,
  };
}

/** Another live application of the same person whose trip overlaps this one (flagged, not refused). */
function overlaps(others: readonly ApplicationData[], data: ApplicationData): boolean {
  const a = data.applicant;
  const end = (d: ApplicationData) => addDaysIso(d.departureDate, d.stayDays ?? 1);
  return others.some((other) => {
    const same = other.applicant.identityDocument.number === a.identityDocument.number;
    return same && other.departureDate <= end(data) && data.departureDate <= end(other);
  });
}

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What the actor may do next on a case: nothing for its applicant, the permitted steps for officers. */
function allowedActions(
  actor: Actor,
  row: { applicantUserId: string | null },
  state: CaseState,
): PassActionType[] {
  if (row.applicantUserId === actor.userId) return [];
  return Object.values(TRANSITIONS)
    .filter((rule) => rule.from.includes(state.status) && actor.permissions.has(rule.permission))
    .map((rule) => rule.type) as PassActionType[];
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
    const allowed = allowedActions(actor, loaded.row, state);
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
    // An officer's subtree: the page is the newest of each unit's newest cases (one short index
    // walk per unit), so its cost follows the number of units, not of cases. The planner cannot
    // choose this itself: it cannot estimate how many cases a subtree filter keeps.
    const pageIds =
      !own && !scope.all
        ? await newestInUnits(tx, scope.unitPaths, where, filter.offset, filter.limit)
        : undefined;
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
      .where(pageIds ? inArray(applications.id, pageIds.length ? pageIds : [NO_CASE]) : where)
      // NULLS LAST as in applications_created_idx, so a system-wide list walks it (never null).
      .orderBy(sql`${applications.createdAt} DESC NULLS LAST`, applications.id)
      .limit(filter.limit)
      .offset(pageIds ? 0 : filter.offset);
    return { items };
  });
}

/** An id no case has: `IN` needs at least one value. */
const NO_CASE = "00000000-0000-0000-0000-000000000000";

/** The ids of one page of cases (newest first) among the units in `paths`, meeting `where`. */
async function newestInUnits(
  tx: Tx,
  paths: readonly string[],
  where: SQL | undefined,
  offset: number,
  limit: number,
): Promise<string[]> {
  const unitIds = (
    await tx
      .select({ id: units.id })
      .from(units)
      .where(inSubtrees(units.path, paths.length ? paths : ["none"]))
  ).map((u) => u.id);
  if (unitIds.length === 0) return [];
  // Each unit is read by walking its index newest first and stopping at the page: the planner,
  // misled by the row-level-security estimate (a handful of rows), would rather fetch all of a
  // unit's cases and sort them.
  const rows = await withScansOff(tx, ["bitmapscan", "seqscan"], async () =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`SELECT x.id FROM unnest(${`{${unitIds.join(",")}}`}::uuid[]) AS u(id)
      CROSS JOIN LATERAL (
        SELECT ${applications.id} AS id, ${applications.createdAt} AS created_at FROM ${applications}
        WHERE ${applications.unitId} = u.id ${where ? sql`AND ${where}` : sql``}
        ORDER BY ${applications.createdAt} DESC, ${applications.id} LIMIT ${offset + limit}) AS x
      ORDER BY x.created_at DESC, x.id LIMIT ${limit} OFFSET ${offset}`),
    ),
  );
  return rows.map((r) => r.id);
}
