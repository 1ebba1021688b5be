import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";
import { ltree } from "./types.js";

/**
 * An interaction plan of a triad (X-9): drafted by the three parties' heads of the level, due one
 * month after the order, approved by each party's higher instance. The content lives in versions.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    triadId: uuid("triad_id").notNull(),
    orderRef: text("order_ref").notNull(),
    orderDate: date("order_date").notNull(),
    dueDate: date("due_date").notNull(),
    dueClause: text("due_clause").notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull(),
    agreedBy: text("agreed_by").array().notNull(),
    approvedBy: text("approved_by").array().notNull(),
    approvedVersion: integer("approved_version"),
    firstSubmittedOn: date("first_submitted_on"),
    createdBy: uuid("created_by").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plans_triad_idx").on(t.triadId)],
);

/** One version of a plan's content; versions are never rewritten, so any two can be compared. */
export const planVersions = pgTable(
  "plan_versions",
  {
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

/** The plan's history: edits, agreements, submissions, approvals and returns, with the party acting. */
export const planEvents = pgTable(
  "plan_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    party: text("party"),
    actorId: uuid("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_events_plan_idx").on(t.planId, t.at)],
);

/** Progress reports on a plan's tasks, by the task's stable key; the newest report is the status. */
export const planTaskProgress = pgTable(
  "plan_task_progress",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull(),
    taskKey: text("task_key").notNull(),
    status: text("status").notNull(),
    note: text("note").notNull().default(""),
    actorId: uuid("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_task_progress_idx").on(t.planId, t.taskKey, t.at)],
);

/**
 * A handover act (X-12): persons and items handed by one agency's unit to another's, signed by the
 * giving and then the receiving officer. Personal data: row-level security by both units' subtrees.
 */
export const handoverActs = pgTable(
  "handover_acts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    giverUnitId: uuid("giver_unit_id").notNull(),
    giverUnitPath: ltree("giver_unit_path").notNull(),
    receiverUnitId: uuid("receiver_unit_id").notNull(),
    receiverUnitPath: ltree("receiver_unit_path").notNull(),
    status: text("status").notNull(),
    place: text("place").notNull(),
    basis: text("basis").notNull(),
    createdBy: uuid("created_by").notNull(),
    giverSignedBy: uuid("giver_signed_by"),
    giverSignerName: text("giver_signer_name"),
    giverSignedAt: timestamp("giver_signed_at", { withTimezone: true }),
    /** SHA-256 of the act and its inventory as the giver signed it; the receiver signs the same. */
    contentHash: text("content_hash"),
    receiverSignedBy: uuid("receiver_signed_by"),
    receiverSignerName: text("receiver_signer_name"),
    receiverSignedAt: timestamp("receiver_signed_at", { withTimezone: true }),
    closingNote: text("closing_note"),
    /** The author's Idempotency-Key: a retried request returns the first act instead of a second. */
    idempotencyKey: text("idempotency_key"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("handover_acts_number_uq").on(t.number),
    uniqueIndex("handover_acts_idem_uq").on(t.createdBy, t.idempotencyKey),
    index("handover_acts_giver_idx").using("gist", t.giverUnitPath),
    index("handover_acts_receiver_idx").using("gist", t.receiverUnitPath),
  ],
);

/** A handed-over person or item: exactly one custodian unit, at most one open act reserving it. */
export const handoverItems = pgTable(
  "handover_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    description: text("description").notNull(),
    quantity: text("quantity").notNull(),
    /** For persons: full name (as written), birth date, citizenship, document. */
    person: jsonb("person"),
    custodianUnitId: uuid("custodian_unit_id").notNull(),
    custodianUnitPath: ltree("custodian_unit_path").notNull(),
    pendingActId: uuid("pending_act_id"),
    /** The number of the newest link of the item's chain of custody (the next link is one more). */
    custodySeq: integer("custody_seq").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("handover_items_custodian_idx").using("gist", t.custodianUnitPath)],
);

/** The inventory of an act: its items, and what the receiver found different, if anything. */
export const handoverActItems = pgTable(
  "handover_act_items",
  {
    actId: uuid("act_id").notNull(),
    itemId: uuid("item_id").notNull(),
    line: integer("line").notNull(),
    discrepancy: text("discrepancy"),
  },
  (t) => [primaryKey({ columns: [t.actId, t.itemId] }), index("handover_act_items_item_idx").on(t.itemId)],
);

/** The chain of custody: registration (from nobody) and every completed act, numbered per item. */
export const custodyEvents = pgTable(
  "custody_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id").notNull(),
    seq: integer("seq").notNull(),
    fromUnitId: uuid("from_unit_id"),
    fromUnitPath: ltree("from_unit_path"),
    toUnitId: uuid("to_unit_id").notNull(),
    toUnitPath: ltree("to_unit_path").notNull(),
    actId: uuid("act_id"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("custody_events_item_seq_uq").on(t.itemId, t.seq)],
);

/**
 * Joint activity of a triad: patrols, operational (working) groups, meetings and
 * boards, joint orders and guidance. Kind-specific fields (route, agenda, minutes, decisions,
 * result report, document text) are in `details`, validated by the service per kind.
 */
export const jointActivities = pgTable(
  "joint_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    triadId: uuid("triad_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    status: text("status").notNull(),
    members: jsonb("members").notNull(),
    details: jsonb("details").notNull(),
    createdBy: uuid("created_by").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("joint_activities_triad_idx").on(t.triadId, t.kind, t.startsOn)],
);

/** Tasks given by a working group or a meeting's decisions: owner party, due date, status. */
export const jointTasks = pgTable(
  "joint_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id").notNull(),
    text: text("text").notNull(),
    owner: text("owner").notNull(),
    dueDate: date("due_date").notNull(),
    status: text("status").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("joint_tasks_activity_idx").on(t.activityId)],
);

/** A border direction or sector controlled by one party of a triad (X p.10.1), drawn from its points. */
export const borderSectors = pgTable(
  "border_sectors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    triadId: uuid("triad_id").notNull(),
    name: text("name").notNull(),
    controlledBy: text("controlled_by").notNull(),
    basis: text("basis").notNull(),
    /** Polygon points [longitude, latitude] in WGS 84. */
    points: jsonb("points").notNull(),
    validFrom: date("valid_from").notNull(),
    createdBy: uuid("created_by").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("border_sectors_triad_idx").on(t.triadId)],
);
