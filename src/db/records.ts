import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";

/**
 * Records screening registry (issue 6): persons on police or NSC lists, keyed by the source's own
 * id. Readable only with `records.screen`; written only with `records.manage` or the CLI import.
 */
export const records = pgTable("records", {
  id: text("id").primaryKey(),
  /** One or more spellings of the full name, as the source wrote them. */
  names: text("names").array().notNull(),
  /** Birth year: from the birth date, or from a valid IIN when the record has no date. */
  birthYear: integer("birth_year"),
  /** The full birth date when the source gives one ("YYYY" records keep only the year). */
  birthDate: date("birth_date"),
  documentNumber: text("document_number"),
  iin: text("iin"),
  reason: text("reason").notNull(),
  source: text("source").notNull(),
  validUntil: date("valid_until"),
  /** Folded name keys of every spelling, space separated: list search and the trigram baseline. */
  namesFolded: text("names_folded").notNull(),
  /** SHA-256 of the record's normalized data: a dismissal holds only while it is unchanged. */
  dataHash: text("data_hash").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Index keys of each record (core `recordIndexKeys`), one row per key: a check is an indexed
 * equality search on the probe keys. Derived data: rebuilt by the service on every write, and
 * for every record when the key format changes (record_index_state).
 */
export const recordKeys = pgTable(
  "record_keys",
  {
    key: text("key").notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [index("record_keys_key_idx").on(t.key, t.recordId), index("record_keys_record_idx").on(t.recordId)],
);

/**
 * An officer's decision on a (subject, record) pair. A DISMISSED pair is not raised again while
 * both the subject's normalized data (subject_hash) and the record (record_hash) are unchanged.
 */
export const screeningReviews = pgTable(
  "screening_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectHash: text("subject_hash").notNull(),
    subject: jsonb("subject").notNull(),
    recordId: text("record_id").notNull(),
    recordHash: text("record_hash").notNull(),
    decision: text("decision").notNull(),
    reason: text("reason").notNull(),
    reviewerId: uuid("reviewer_id"),
    createdAt: createdAt(),
  },
  (t) => [index("screening_reviews_pair_idx").on(t.subjectHash, t.recordId, t.createdAt)],
);

/** The key format record_keys was built with (one row); the server re-keys when it is older. */
export const recordIndexState = pgTable("record_index_state", {
  id: boolean("id").primaryKey().default(true),
  version: integer("version").notNull(),
});
