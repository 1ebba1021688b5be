import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { withScansOff } from "../../adapters/db/planner.js";
import { inSubtrees } from "../../adapters/db/subtree.js";
import { AppError, notFound } from "../../core/errors.js";
import { registrationOverdueBefore, replay } from "../../core/passes/index.js";
import { ruleSetAt } from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import { applicationFiles, applications, units } from "../../db/schema.js";
import { scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { loadCase } from "./case.repo.js";
import { allowedActions, type CaseView } from "./case-view.js";
import { withExplanations } from "./explanations.js";
import { addDaysIso } from "./submit.service.js";

export type { CaseView } from "./case-view.js";
export { type SubmitInput, submitApplication } from "./submit.service.js";

/** Permissions of the officers who handle cases. */
const CASE_READERS = ["applications.intake", "applications.check", "passes.decide"] as const;

/** Loads a case the actor may see (own application, or the unit subtree); others answer 404. */
export async function getCase(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<CaseView> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const ctx = { ruleSets: await loadRuleSets(deps.database) };
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
    const row = { ...loaded.row, eligibility: await withExplanations(tx, loaded.row.eligibility) };
    return { row, state, actions: loaded.actions, allowed, files };
  });
}

/** Work queues of the pass lifecycle (Z-18 … Z-27). */
export const QUEUES = [
  "new",
  "to_check",
  "to_decide",
  "to_issue",
  "issued",
  "overdue_registration",
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
  const overdue =
    filter.queue === "overdue_registration"
      ? registrationOverdueBefore(ruleSetAt(await loadRuleSets(deps.database), today), today)
      : undefined;
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
      case "overdue_registration": {
        // Issued, not registered, and valid longer than the registration rule allows (Z p.18).
        conditions.push(eq(applications.status, "ISSUED"));
        conditions.push(
          overdue
            ? sql`(SELECT min(p.valid_from) FROM passes p WHERE p.application_id = ${applications.id}) < ${overdue.validFromBefore}`
            : sql`false`,
        );
        break;
      }
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
    // A queue drawn by a rule cites the rule's clauses.
    return { items, clauses: overdue?.clauses ?? [] };
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
