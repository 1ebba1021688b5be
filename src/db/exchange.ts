import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
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
import { createdAt, unitScope } from "./columns.js";
import { ltree } from "./types.js";

/**
 * A message of the inter-agency exchange (X p.5, SPEC X-3..X-8): written messages and the duty
 * log's oral entries alike. `addresseePaths` copies the addressees' unit paths so the RLS policy
 * can decide visibility from the row alone (sender or any addressee in the actor's subtrees).
 */
export const exchangeMessages = pgTable(
  "exchange_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    senderUnitId: uuid("sender_unit_id").notNull(),
    senderUnitPath: ltree("sender_unit_path").notNull(),
    addresseePaths: ltree("addressee_paths").array().notNull(),
    classId: text("class_id").notNull(),
    topic: text("topic").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    clause: text("clause").notNull(),
    /** ORAL (duty log entry) or WRITTEN. */
    mode: text("mode").notNull(),
    payload: jsonb("payload").notNull(),
    freeText: text("free_text"),
    /** "For official use" marking. */
    officialUse: boolean("official_use").notNull().default(true),
    /** The obligation period this message reports on (DAILY date, MONTHLY "YYYY-MM", "YYYY-H1"). */
    period: text("period"),
    /** For ADVANCE: the event the information precedes. */
    eventAt: timestamp("event_at", { withTimezone: true }),
    /** A written confirmation names the oral urgent notice it confirms. */
    confirmsId: uuid("confirms_id"),
    /** ORAL: the person the information was passed to (duty log). */
    passedTo: text("passed_to"),
    /** When the information was passed (oral) or sent (written). */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    authorId: uuid("author_id"),
    authorName: text("author_name"),
    /** The author's Idempotency-Key: a retried send returns the first message instead of a second. */
    idempotencyKey: text("idempotency_key"),
    /** LOCAL, or the id of the peer system it came from. */
    origin: text("origin").notNull().default("LOCAL"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("exchange_messages_sender_idx").on(t.senderUnitId, t.sentAt),
    uniqueIndex("exchange_messages_idem_uq").on(t.authorId, t.idempotencyKey),
    index("exchange_messages_sender_path_gist").using("gist", t.senderUnitPath),
    index("exchange_messages_confirms_idx").on(t.confirmsId),
  ],
);

/** An addressee of a message and their receipt (X-8: read/acknowledge receipt per addressee). */
export const exchangeAddressees = pgTable(
  "exchange_addressees",
  {
    messageId: uuid("message_id").notNull(),
    ...unitScope(),
    /** COUNTERPART (same level, X-2 triad) or SUPERIOR (the sender's superior unit). */
    kind: text("kind").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by"),
    acknowledgedByName: text("acknowledged_by_name"),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.unitId] }),
    index("exchange_addressees_unit_idx").on(t.unitId, t.acknowledgedAt),
  ],
);

/** Files attached to a message (stored through the file storage adapter). */
export const exchangeAttachments = pgTable(
  "exchange_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("exchange_attachments_message_idx").on(t.messageId)],
);

/**
 * An expected message (core `Obligation`): periodic ones are materialized from the rules per unit
 * and period; urgent confirmations are created by logging the oral notice. `deliveredAt` is the
 * counting delivery (core `pickDelivery`), kept in the delivering message's transaction.
 */
export const exchangeObligations = pgTable(
  "exchange_obligations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    ...unitScope(),
    unitLevel: integer("unit_level"),
    classId: text("class_id").notNull(),
    period: text("period").notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    clause: text("clause").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    earlyCountsAsOnTime: boolean("early_counts_as_on_time").notNull(),
    /** The oral urgent notice that created this obligation (URGENT only). */
    sourceMessageId: uuid("source_message_id"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deliveredMessageId: uuid("delivered_message_id"),
    /** When the overdue alert went to the sender and the escalation to the superior. */
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalatedToUnitId: uuid("escalated_to_unit_id"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_obligations_key_uq").on(t.key),
    index("exchange_obligations_due_idx").on(t.dueAt),
    index("exchange_obligations_unit_idx").on(t.unitId, t.dueAt),
    index("exchange_obligations_path_gist").using("gist", t.unitPath),
    index("exchange_obligations_open_idx")
      .on(t.dueAt)
      .where(sql`delivered_at IS NULL AND escalated_at IS NULL`),
  ],
);

/** Alerts about overdue obligations: to the sender unit and, escalated, to its superior. */
export const exchangeAlerts = pgTable(
  "exchange_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    obligationId: uuid("obligation_id").notNull(),
    ...unitScope(),
    /** SENDER (the unit that owes) or SUPERIOR (escalated one level up). */
    kind: text("kind").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("exchange_alerts_uq").on(t.obligationId, t.kind),
    index("exchange_alerts_unit_idx").on(t.unitId, t.createdAt),
  ],
);

/**
 * Deliveries to other agencies' systems, written in the message's own transaction (transactional
 * outbox). The relay leases rows with FOR UPDATE SKIP LOCKED, posts them signed, then marks them.
 */
export const exchangeOutbox = pgTable(
  "exchange_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id").notNull(),
    peerId: text("peer_id").notNull(),
    body: jsonb("body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("exchange_outbox_uq").on(t.messageId, t.peerId),
    index("exchange_outbox_pending_idx").on(t.nextAttemptAt).where(sql`delivered_at IS NULL`),
  ],
);

/** Messages received from peers: the primary key makes a repeated delivery a no-op (idempotent receipt). */
export const exchangeInbound = pgTable("exchange_inbound", {
  messageId: uuid("message_id").primaryKey(),
  peerId: text("peer_id").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
});
