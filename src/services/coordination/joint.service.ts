import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import {
  checkActivity,
  closeProblem,
  JOINT_EDIT_NAME,
  JOINT_KINDS,
  JOINT_STATUS_NAMES,
  type JointKind,
  type JointStatus,
  PARTIES,
  type Party,
  sectorMapSvg,
  validPolygon,
} from "../../core/coordination/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import type { Lang } from "../../core/i18n.js";
import { localDate } from "../../core/time.js";
import { borderSectors, jointActivities, jointTasks } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import {
  actorParty,
  loadTriad,
  loadTriads,
  requireAnyPermission,
  type TriadParties,
  triadVisible,
} from "./parties.js";

const SYSTEM = { unitPaths: [], all: true } as const;
const READ = ["coordination.read"] as const;

/** A member of a joint activity. */
export interface Member {
  party: Party;
  name: string;
  position: string;
}

/** A joint activity with its tasks. */
export interface ActivityView {
  id: string;
  triadId: string;
  kind: JointKind;
  clause: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  status: JointStatus;
  members: Member[];
  details: Record<string, unknown>;
  tasks: {
    id: string;
    text: string;
    owner: Party;
    dueDate: string;
    status: "OPEN" | "DONE";
    overdue: boolean;
  }[];
  isDemo: boolean;
}

/** The triads the actor takes part in or stands above, with their parties (for forms and filters). */
export async function visibleTriads(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
): Promise<TriadParties[]> {
  const me = requireAnyPermission(actor, READ);
  return deps.database.tx(SYSTEM, async (tx) => (await loadTriads(tx)).filter((t) => triadVisible(me, t)));
}

async function triadFor(tx: Tx, actor: Actor, triadId: string): Promise<TriadParties> {
  const triad = await loadTriad(tx, triadId);
  if (!triad || !triadVisible(actor, triad)) throw notFound();
  return triad;
}

/** Organizing joint work is a leadership power (X p.10): a head of one of the triad's units. */
function requireLeader(actor: Actor, triad: TriadParties, clause: string): Party {
  const party = actorParty(actor, triad);
  if (!party || !actor.permissions.has("coordination.manage")) {
    throw new AppError("PLAN_NOT_A_PARTY_HEAD", { params: { clause }, clause });
  }
  return party;
}

async function viewOf(
  tx: Tx,
  row: typeof jointActivities.$inferSelect,
  today: string,
): Promise<ActivityView> {
  const tasks = await tx
    .select()
    .from(jointTasks)
    .where(eq(jointTasks.activityId, row.id))
    .orderBy(asc(jointTasks.dueDate));
  return {
    id: row.id,
    triadId: row.triadId,
    kind: row.kind as JointKind,
    clause: JOINT_KINDS[row.kind as JointKind].clause,
    title: row.title,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status: row.status as JointStatus,
    members: row.members as Member[],
    details: row.details as Record<string, unknown>,
    tasks: tasks.map((t) => ({
      id: t.id,
      text: t.text,
      owner: t.owner as Party,
      dueDate: t.dueDate,
      status: t.status as "OPEN" | "DONE",
      overdue: t.status !== "DONE" && today > t.dueDate,
    })),
    isDemo: row.isDemo,
  };
}

/** Joint activities of the actor's triads, optionally of one kind, newest first. */
export async function listActivities(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  filter: { kind?: JointKind },
): Promise<ActivityView[]> {
  const me = requireAnyPermission(actor, READ);
  const today = localDate(deps.clock.now());
  return deps.database.tx(SYSTEM, async (tx) => {
    const triads = (await loadTriads(tx)).filter((t) => triadVisible(me, t)).map((t) => t.id);
    if (triads.length === 0) return [];
    const rows = await tx
      .select()
      .from(jointActivities)
      .where(inArray(jointActivities.triadId, triads))
      .orderBy(desc(jointActivities.startsOn))
      .limit(500);
    const out: ActivityView[] = [];
    for (const row of rows)
      if (!filter.kind || row.kind === filter.kind) out.push(await viewOf(tx, row, today));
    return out;
  });
}

async function visibleActivity(tx: Tx, actor: Actor, id: string, lock = false) {
  const query = tx.select().from(jointActivities).where(eq(jointActivities.id, id)).limit(1);
  const row = (lock ? await query.for("update") : await query)[0];
  if (!row) throw notFound();
  const triad = await triadFor(tx, actor, row.triadId);
  return { row, triad };
}

/** One joint activity; other triads' activities answer "not found". */
export async function getActivity(deps: Pick<Deps, "database" | "clock">, actor: Actor | null, id: string) {
  const me = requireAnyPermission(actor, READ);
  return deps.database.tx(SYSTEM, async (tx) =>
    viewOf(tx, (await visibleActivity(tx, me, id)).row, localDate(deps.clock.now())),
  );
}

/** Input of a new joint activity. */
export interface ActivityInput {
  triadId: string;
  kind: JointKind;
  title: string;
  startsOn: string;
  endsOn?: string | null;
  members: Member[];
  details: unknown;
  isDemo?: boolean;
}

/** Records a joint patrol, working group, meeting or joint document of a triad. */
export async function createActivity(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: ActivityInput,
): Promise<ActivityView> {
  const me = requireAnyPermission(actor, ["coordination.manage"]);
  const checked = checkActivity(input);
  if (checked.problem) throw invalid(`body.${checked.problem.field}`, checked.problem.message);
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const triad = await triadFor(tx, me, input.triadId);
    const party = requireLeader(me, triad, JOINT_KINDS[input.kind].clause);
    const [row] = await tx
      .insert(jointActivities)
      .values({
        triadId: triad.id,
        kind: input.kind,
        title: input.title,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        status: "PLANNED",
        members: input.members,
        details: checked.details,
        createdBy: me.userId,
        isDemo: input.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, me, meta, {
      action: "joint.create",
      objectType: "joint_activity",
      objectId: row.id,
      details: { kind: input.kind, party, triadId: triad.id },
    });
    return viewOf(tx, row, localDate(now));
  });
}

/** Updates details and members (a patrol's result report, a meeting's minutes), or closes the activity. */
export async function updateActivity(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: { details?: unknown; members?: Member[]; status?: JointStatus },
): Promise<ActivityView> {
  const me = requireAnyPermission(actor, ["coordination.manage"]);
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visibleActivity(tx, me, id, true);
    const kind = row.kind as JointKind;
    requireLeader(me, triad, JOINT_KINDS[kind].clause);
    if (row.status === "DONE") {
      throw new AppError("ILLEGAL_TRANSITION", {
        params: { action: JOINT_EDIT_NAME, state: JOINT_STATUS_NAMES.DONE, clause: JOINT_KINDS[kind].clause },
        clause: JOINT_KINDS[kind].clause,
        details: [{ action: "UPDATE", state: "DONE" }],
      });
    }
    const members = input.members ?? (row.members as Member[]);
    const checked = checkActivity({
      kind,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      members,
      details: input.details ?? row.details,
    });
    if (checked.problem) throw invalid(`body.${checked.problem.field}`, checked.problem.message);
    if (input.status === "DONE") {
      const problem = closeProblem(kind, checked.details);
      if (problem) throw invalid(`body.${problem.field}`, problem.message);
    }
    const [updated] = await tx
      .update(jointActivities)
      .set({ members, details: checked.details, status: input.status ?? row.status, updatedAt: now })
      .where(eq(jointActivities.id, row.id))
      .returning();
    if (!updated) throw new Error("update returned no row");
    await appendAudit(tx, now, me, meta, {
      action: input.status === "DONE" ? "joint.close" : "joint.update",
      objectType: "joint_activity",
      objectId: row.id,
      details: { kind },
    });
    return viewOf(tx, updated, localDate(now));
  });
}

/** Gives a task (a meeting's decision, a working group's assignment) to one party, with a due date. */
export async function addTask(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: { text: string; owner: Party; dueDate: string },
): Promise<ActivityView> {
  const me = requireAnyPermission(actor, ["coordination.manage"]);
  const now = deps.clock.now();
  if (!(PARTIES as readonly string[]).includes(input.owner))
    throw invalid("body.owner", {
      kk: "үш тараптың бірі",
      ru: "одна из трёх сторон",
      en: "one of the three parties",
    });
  return deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visibleActivity(tx, me, id, true);
    requireLeader(me, triad, JOINT_KINDS[row.kind as JointKind].clause);
    const [task] = await tx
      .insert(jointTasks)
      .values({
        activityId: row.id,
        text: input.text,
        owner: input.owner,
        dueDate: input.dueDate,
        status: "OPEN",
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, now, me, meta, {
      action: "joint.task_add",
      objectType: "joint_activity",
      objectId: row.id,
      details: { taskId: task?.id, owner: input.owner, dueDate: input.dueDate },
    });
    return viewOf(tx, row, localDate(now));
  });
}

/** Marks a task done: an officer of the owning party's unit, or a head of any party. */
export async function completeTask(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  taskId: string,
): Promise<ActivityView> {
  const me = requireAnyPermission(actor, READ);
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const { row, triad } = await visibleActivity(tx, me, id, true);
    const task = (await tx.select().from(jointTasks).where(eq(jointTasks.id, taskId)).limit(1))[0];
    if (!task || task.activityId !== row.id) throw notFound();
    const party = actorParty(me, triad);
    if (!party || (party !== task.owner && !me.permissions.has("coordination.manage")))
      throw new AppError("FORBIDDEN");
    if (task.status === "DONE") return viewOf(tx, row, localDate(now));
    await tx.update(jointTasks).set({ status: "DONE", doneAt: now }).where(eq(jointTasks.id, task.id));
    await appendAudit(tx, now, me, meta, {
      action: "joint.task_done",
      objectType: "joint_activity",
      objectId: row.id,
      details: { taskId },
    });
    return viewOf(tx, row, localDate(now));
  });
}

/** A sector as listed. */
export interface SectorView {
  id: string;
  triadId: string;
  name: string;
  controlledBy: Party;
  basis: string;
  points: [number, number][];
  validFrom: string;
  isDemo: boolean;
}

/** The border directions and sectors of a triad (X p.10.1). */
export async function listSectors(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  triadId: string,
): Promise<SectorView[]> {
  const me = requireAnyPermission(actor, READ);
  return deps.database.tx(SYSTEM, async (tx) => {
    await triadFor(tx, me, triadId);
    const rows = await tx
      .select()
      .from(borderSectors)
      .where(eq(borderSectors.triadId, triadId))
      .orderBy(asc(borderSectors.name));
    return rows.map((r) => ({
      id: r.id,
      triadId: r.triadId,
      name: r.name,
      controlledBy: r.controlledBy as Party,
      basis: r.basis,
      points: r.points as [number, number][],
      validFrom: r.validFrom,
      isDemo: r.isDemo,
    }));
  });
}

/** Assigns a border direction or sector to the party that controls it (X p.10.1), with its outline. */
export async function createSector(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: {
    triadId: string;
    name: string;
    controlledBy: Party;
    basis: string;
    points: unknown;
    validFrom: string;
    isDemo?: boolean;
  },
): Promise<SectorView> {
  const me = requireAnyPermission(actor, ["coordination.manage"]);
  if (!validPolygon(input.points))
    throw invalid("body.points", {
      kk: "кемінде үш [бойлық, ендік] нүкте",
      ru: "не менее трёх точек [долгота, широта]",
      en: "at least three [longitude, latitude] points",
    });
  const points = input.points;
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const triad = await triadFor(tx, me, input.triadId);
    requireLeader(me, triad, "X p.10.1");
    const [row] = await tx
      .insert(borderSectors)
      .values({
        triadId: triad.id,
        name: input.name,
        controlledBy: input.controlledBy,
        basis: input.basis,
        points,
        validFrom: input.validFrom,
        createdBy: me.userId,
        isDemo: input.isDemo ?? false,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, me, meta, {
      action: "sector.assign",
      objectType: "border_sector",
      objectId: row.id,
      details: { triadId: triad.id, controlledBy: input.controlledBy },
    });
    return { ...row, controlledBy: row.controlledBy as Party, points, isDemo: row.isDemo };
  });
}

const LEGEND: Record<Lang, Record<Party, string>> = {
  kk: { IAB: "Ішкі істер органдары", NSC: "ҰҚК Шекара қызметі", CUSTOMS: "Кеден" },
  ru: { IAB: "Органы внутренних дел", NSC: "Пограничная служба КНБ", CUSTOMS: "Таможня" },
  en: { IAB: "Internal affairs", NSC: "NSC Border Service", CUSTOMS: "Customs" },
};
const MAP_TITLE: Record<Lang, string> = {
  kk: "Тараптар бақылайтын учаскелер картасы",
  ru: "Карта участков, контролируемых сторонами",
  en: "Map of sectors controlled by the parties",
};

/** The triad's sectors drawn as SVG from their stored points, labels in the given language. */
export async function sectorsSvg(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  triadId: string,
  lang: Lang,
): Promise<string> {
  const sectors = await listSectors(deps, actor, triadId);
  return sectorMapSvg(sectors, LEGEND[lang], MAP_TITLE[lang]);
}
