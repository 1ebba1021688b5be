import { and, asc, desc, eq } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { isCalendarDate } from "../../core/coordination/dates.js";
import {
  coordinationRulesAt,
  decidePlanAction,
  diffPlans,
  headParty,
  type Party,
  type PlanAction,
  type PlanChange,
  type PlanContent,
  type PlanState,
  type PlanStatus,
  planContentSchema,
  planDueDate,
  planOverdue,
} from "../../core/coordination/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { localDate } from "../../core/time.js";
import { issueDetail } from "../../core/validation-messages.js";
import { planEvents, plans, planTaskProgress, planVersions } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadTriad, loadTriads, requireAnyPermission, type TriadParties, triadVisible } from "./parties.js";

const READ = ["coordination.read", "plans.draft", "plans.approve"] as const;
const SYSTEM = { unitPaths: [], all: true } as const;

/** Task progress statuses; the newest report of a task is its status. */
export const TASK_STATUSES = ["OPEN", "IN_PROGRESS", "DONE"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A plan in a list. */
export interface PlanSummary {
  id: string;
  triadId: string;
  triadNameKk: string;
  triadNameRu: string;
  triadNameEn: string | null;
  title: string;
  orderRef: string;
  orderDate: string;
  dueDate: string;
  dueClause: string;
  overdue: boolean;
  status: PlanStatus;
  version: number;
  approvedVersion: number | null;
  agreedBy: Party[];
  approvedBy: Party[];
  isDemo: boolean;
}

/** A plan with its newest content, history, task progress and what the actor may do next. */
export interface PlanDetail extends PlanSummary {
  content: PlanContent;
  parties: TriadParties["parties"];
  versions: { version: number; note: string; createdByName: string; createdAt: string }[];
  events: {
    version: number;
    action: string;
    party: string | null;
    actorName: string;
    reason: string | null;
    at: string;
  }[];
  tasks: (PlanContent["tasks"][number] & {
    status: TaskStatus;
    note: string;
    overdue: boolean;
    reportedAt: string | null;
  })[];
  approvalClause: string;
  agreementClause: string;
  allowed: PlanAction[];
}

type PlanRow = typeof plans.$inferSelect;

function stateOf(row: PlanRow): PlanState {
  return {
    status: row.status as PlanStatus,
    version: row.version,
    agreedBy: row.agreedBy as Party[],
    approvedBy: row.approvedBy as Party[],
    approvedVersion: row.approvedVersion,
  };
}

function planActor(actor: Actor) {
  return {
    unitId: actor.unitId,
    unitPath: actor.unitPath,
    canDraft: actor.permissions.has("plans.draft"),
    canApprove: actor.permissions.has("plans.approve"),
  };
}

async function contentOf(tx: Tx, planId: string, version: number): Promise<PlanContent> {
  const row = (
    await tx
      .select({ content: planVersions.content })
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)))
      .limit(1)
  )[0];
  if (!row) throw notFound();
  return row.content as PlanContent;
}

function summaryOf(row: PlanRow, triad: TriadParties, title: string, today: string): PlanSummary {
  return {
    id: row.id,
    triadId: row.triadId,
    triadNameKk: triad.nameKk,
    triadNameRu: triad.nameRu,
    triadNameEn: triad.nameEn,
    title,
    orderRef: row.orderRef,
    orderDate: row.orderDate,
    dueDate: row.dueDate,
    dueClause: row.dueClause,
    overdue: planOverdue({ dueDate: row.dueDate, firstSubmittedOn: row.firstSubmittedOn }, today),
    status: row.status as PlanStatus,
    version: row.version,
    approvedVersion: row.approvedVersion,
    agreedBy: row.agreedBy as Party[],
    approvedBy: row.approvedBy as Party[],
    isDemo: row.isDemo,
  };
}

/** Loads a plan the actor may see, with its triad; other units' plans answer "not found". */
async function visiblePlan(tx: Tx, actor: Actor, id: string, lock = false) {
  const query = tx.select().from(plans).where(eq(plans.id, id)).limit(1);
  const row = (lock ? await query.for("update") : await query)[0];
  if (!row) throw notFound();
  const triad = await loadTriad(tx, row.triadId);
  if (!triad || !triadVisible(actor, triad)) throw notFound();
  return { row, triad };
}

/** The plans of the triads the actor belongs to or stands above, newest first. */
export async function listPlans(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
): Promise<PlanSummary[]> {
  const me = requireAnyPermission(actor, READ);
  const today = localDate(deps.clock.now());
  return deps.database.tx(SYSTEM, async (tx) => {
    const triads = (await loadTriads(tx)).filter((t) => triadVisible(me, t));
    const byId = new Map(triads.map((t) => [t.id, t]));
    const rows = (await tx.select().from(plans).orderBy(desc(plans.createdAt))).filter((r) =>
      byId.has(r.triadId),
    );
    const out: PlanSummary[] = [];
    for (const row of rows) {
      const content = await contentOf(tx, row.id, row.version);
      const triad = byId.get(row.triadId);
      if (triad) out.push(summaryOf(row, triad, content.title, today));
    }
    return out;
  });
}

/** What the actor could do now (for the page's buttons); the service re-checks on every action. */
function allowedActions(
  state: PlanState,
  actor: Actor,
  triad: TriadParties,
  deps: Pick<Deps, "clock">,
): PlanAction[] {
  const rules = coordinationRulesAt(localDate(deps.clock.now()));
  const out: PlanAction[] = [];
  for (const action of ["EDIT", "AGREE", "SUBMIT", "APPROVE", "RETURN"] as const) {
    try {
      decidePlanAction(state, action, planActor(actor), triad.parties, rules, (p) =>
        Boolean(triad.parties.find((u) => u.party === p)?.hasSuperior),
      );
      out.push(action);
    } catch {
      // not allowed now
    }
  }
  return out;
}

/** One plan with its newest content, versions, history and task progress. */
export async function getPlan(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  id: string,
): Promise<PlanDetail> {
  const me = requireAnyPermission(actor, READ);
  const today = localDate(deps.clock.now());
  const rules = coordinationRulesAt(today);
  return deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visiblePlan(tx, me, id);
    const content = await contentOf(tx, row.id, row.version);
    const versions = await tx
      .select({
        version: planVersions.version,
        note: planVersions.note,
        createdByName: planVersions.createdByName,
        createdAt: planVersions.createdAt,
      })
      .from(planVersions)
      .where(eq(planVersions.planId, row.id))
      .orderBy(asc(planVersions.version));
    const events = await tx
      .select()
      .from(planEvents)
      .where(eq(planEvents.planId, row.id))
      .orderBy(asc(planEvents.at));
    const progress = await tx
      .select()
      .from(planTaskProgress)
      .where(eq(planTaskProgress.planId, row.id))
      .orderBy(asc(planTaskProgress.at));
    const latest = new Map(progress.map((p) => [p.taskKey, p]));
    return {
      ...summaryOf(row, triad, content.title, today),
      content,
      parties: triad.parties,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      events: events.map((e) => ({
        version: e.version,
        action: e.action,
        party: e.party,
        actorName: e.actorName,
        reason: e.reason,
        at: e.at.toISOString(),
      })),
      tasks: content.tasks.map((task) => {
        const p = latest.get(task.key);
        const status = (p?.status ?? "OPEN") as TaskStatus;
        return {
          ...task,
          status,
          note: p?.note ?? "",
          reportedAt: p?.at.toISOString() ?? null,
          overdue: status !== "DONE" && today > task.dueDate,
        };
      }),
      approvalClause: rules.planApproval.clause,
      agreementClause: rules.planAgreement.clause,
      allowed: allowedActions(stateOf(row), me, triad, deps),
    };
  });
}

/** The content of one version of a plan. */
export async function getPlanVersion(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  id: string,
  version: number,
): Promise<PlanContent> {
  const me = requireAnyPermission(actor, READ);
  return deps.database.tx(SYSTEM, async (tx) => {
    await visiblePlan(tx, me, id);
    return contentOf(tx, id, version);
  });
}

/** The differences between two versions of a plan. */
export async function diffPlanVersions(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  id: string,
  from: number,
  to: number,
): Promise<PlanChange[]> {
  const me = requireAnyPermission(actor, READ);
  return deps.database.tx(SYSTEM, async (tx) => {
    await visiblePlan(tx, me, id);
    return diffPlans(await contentOf(tx, id, from), await contentOf(tx, id, to));
  });
}

function parseContent(content: unknown): PlanContent {
  const parsed = planContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `body.content.${issue?.path.join(".") ?? ""}`;
    throw invalid(field, issueDetail(issue, field));
  }
  return parsed.data;
}

/**
 * Starts a plan for a triad (X order p.2): a head of one of its units writes the first version;
 * the due date is one month after the order, by the rules in force on the order date.
 */
export async function createPlan(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { triadId: string; orderRef: string; orderDate: string; content: unknown; isDemo?: boolean },
): Promise<PlanDetail> {
  const me = requireAnyPermission(actor, ["plans.draft"]);
  const content = parseContent(input.content);
  if (!isCalendarDate(input.orderDate))
    throw invalid("body.orderDate", {
      kk: "күнтізбелік күн (ЖЖЖЖ-АА-КК)",
      ru: "календарная дата (ГГГГ-ММ-ДД)",
      en: "a calendar date YYYY-MM-DD",
    });
  const now = deps.clock.now();
  if (input.orderDate > localDate(now))
    throw invalid("body.orderDate", {
      kk: "бұйрық күні болашақта болуы мүмкін емес",
      ru: "дата приказа не может быть в будущем",
      en: "the order date cannot be in the future",
    });
  const rules = coordinationRulesAt(input.orderDate);
  const id = await deps.database.tx(SYSTEM, async (tx) => {
    const triad = await loadTriad(tx, input.triadId);
    if (!triad || !triadVisible(me, triad)) throw notFound();
    const party = headParty(planActor(me), triad.parties);
    if (!party) {
      throw new AppError("PLAN_NOT_A_PARTY_HEAD", {
        params: { clause: rules.planAgreement.clause },
        clause: rules.planAgreement.clause,
      });
    }
    const [row] = await tx
      .insert(plans)
      .values({
        triadId: triad.id,
        orderRef: input.orderRef,
        orderDate: input.orderDate,
        dueDate: planDueDate(input.orderDate, rules),
        dueClause: rules.planDraftMonths.clause,
        status: "DRAFT",
        version: 1,
        agreedBy: [],
        approvedBy: [],
        createdBy: me.userId,
        isDemo: input.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await tx.insert(planVersions).values({
      planId: row.id,
      version: 1,
      content,
      note: "",
      createdBy: me.userId,
      createdByName: me.fullName,
      createdAt: now,
    });
    await tx.insert(planEvents).values({
      planId: row.id,
      version: 1,
      action: "CREATE",
      party,
      actorId: me.userId,
      actorName: me.fullName,
      at: now,
    });
    await appendAudit(tx, now, me, meta, {
      action: "plan.create",
      objectType: "plan",
      objectId: row.id,
      details: { triadId: triad.id, orderDate: input.orderDate, dueDate: row.dueDate, party },
    });
    return row.id;
  });
  return getPlan(deps, me, id);
}

/**
 * Takes an action on a plan: EDIT writes a new version (X p.3.1 "refined when the situation
 * changes"), AGREE/SUBMIT by the heads, APPROVE/RETURN by the higher instances. `expectedVersion`
 * guards against acting on a version the actor has not seen.
 */
export async function actOnPlan(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: { action: PlanAction; expectedVersion: number; content?: unknown; note?: string; reason?: string },
): Promise<PlanDetail> {
  const me = requireAnyPermission(actor, ["plans.draft", "plans.approve"]);
  const now = deps.clock.now();
  const today = localDate(now);
  const content = input.action === "EDIT" ? parseContent(input.content) : null;
  if (input.action === "RETURN" && !input.reason?.trim())
    throw invalid("body.reason", {
      kk: "жоспарды қайтару себебін көрсетіңіз",
      ru: "укажите причину возврата плана",
      en: "give the reason for returning the plan",
    });
  await deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visiblePlan(tx, me, id, true);
    if (row.version !== input.expectedVersion) throw new AppError("CONCURRENT_CHANGE");
    const rules = coordinationRulesAt(row.orderDate);
    const { next, party } = decidePlanAction(
      stateOf(row),
      input.action,
      planActor(me),
      triad.parties,
      rules,
      (p) => Boolean(triad.parties.find((u) => u.party === p)?.hasSuperior),
    );
    if (content) {
      const previous = await contentOf(tx, row.id, row.version);
      if (diffPlans(previous, content).length === 0)
        throw invalid("body.content", {
          kk: "жаңа нұсқа ештеңені өзгертпейді",
          ru: "новая версия ничего не меняет",
          en: "the new version changes nothing",
        });
      await tx.insert(planVersions).values({
        planId: row.id,
        version: next.version,
        content,
        note: input.note ?? "",
        createdBy: me.userId,
        createdByName: me.fullName,
        createdAt: now,
      });
    }
    await tx
      .update(plans)
      .set({
        status: next.status,
        version: next.version,
        agreedBy: next.agreedBy,
        approvedBy: next.approvedBy,
        approvedVersion: next.approvedVersion,
        firstSubmittedOn: input.action === "SUBMIT" && !row.firstSubmittedOn ? today : row.firstSubmittedOn,
        updatedAt: now,
      })
      .where(eq(plans.id, row.id));
    await tx.insert(planEvents).values({
      planId: row.id,
      version: next.version,
      action: input.action,
      party,
      actorId: me.userId,
      actorName: me.fullName,
      reason: input.reason ?? input.note ?? null,
      at: now,
    });
    await appendAudit(tx, now, me, meta, {
      action: `plan.${input.action.toLowerCase()}`,
      objectType: "plan",
      objectId: row.id,
      details: {
        party,
        from: row.status,
        to: next.status,
        version: next.version,
        reason: input.reason ?? null,
      },
    });
  });
  return getPlan(deps, me, id);
}

/** Reports progress on a plan task: an officer of the owning party's unit, or a head of any party. */
export async function reportPlanTask(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  taskKey: string,
  input: { status: TaskStatus; note?: string },
): Promise<PlanDetail> {
  const me = requireAnyPermission(actor, ["coordination.read"]);
  const now = deps.clock.now();
  await deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visiblePlan(tx, me, id, true);
    const content = await contentOf(tx, row.id, row.approvedVersion ?? row.version);
    const task = content.tasks.find((t) => t.key === taskKey);
    if (!task) throw notFound();
    const owner = triad.parties.find((p) => p.party === task.owner);
    const isHead = me.permissions.has("plans.draft") && triad.parties.some((p) => p.unitId === me.unitId);
    if (owner?.unitId !== me.unitId && !isHead) throw new AppError("FORBIDDEN");
    await tx.insert(planTaskProgress).values({
      planId: row.id,
      taskKey,
      status: input.status,
      note: input.note ?? "",
      actorId: me.userId,
      actorName: me.fullName,
      at: now,
    });
    await appendAudit(tx, now, me, meta, {
      action: "plan.task_progress",
      objectType: "plan",
      objectId: row.id,
      details: { taskKey, status: input.status },
    });
  });
  return getPlan(deps, me, id);
}
