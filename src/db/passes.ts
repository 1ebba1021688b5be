import { sql } from "drizzle-orm";
import {
  bigserial,
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
import { createdAt, unitScope } from "./columns.js";

/**
 * An application for a pass (Z-10, App.2). Its state is derived from its action log
 * (`application_actions`); `status` is a projection kept in the same transaction for work queues.
 */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    ...unitScope(),
    applicantUserId: uuid("applicant_user_id"),
    enteredBy: uuid("entered_by").notNull(),
    idempotencyKey: text("idempotency_key"),
    status: text("status").notNull(),
    surname: text("surname").notNull(),
    givenName: text("given_name").notNull(),
    patronymic: text("patronymic"),
    birthYear: integer("birth_year").notNull(),
    iin: text("iin"),
    destinationKato: text("destination_kato").notNull(),
    departureDate: date("departure_date").notNull(),
    purpose: text("purpose").notNull(),
    data: jsonb("data").notNull(),
    eligibility: jsonb("eligibility").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    lang: text("lang").notNull().default("kk"),
    version: integer("version").notNull().default(0),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_number_uq").on(t.number),
    uniqueIndex("applications_idem_uq").on(t.enteredBy, t.idempotencyKey),
    index("applications_queue_idx").on(t.status, t.unitId, t.createdAt),
    // A citizen's own applications; those entered at the counter for someone (no applicant user)
    // are never looked up this way, so they need no entry.
    index("applications_applicant_idx").on(t.applicantUserId).where(sql`${t.applicantUserId} IS NOT NULL`),
    index("applications_path_gist").using("gist", t.unitPath),
    index("applications_person_idx").on(t.surname, t.birthYear),
    // Work queues list a subtree newest first: walking this index and filtering by path finds the
    // first page in a few hundred rows at any volume (bench scale), instead of sorting the subtree.
    index("applications_created_idx").on(t.createdAt.desc()),
    // A unit's newest cases first: work queues read each unit of the officer's subtree this way.
    index("applications_unit_created_idx").on(t.unitId, t.createdAt.desc().nullsFirst()),
  ],
);

/** The append-only action log of an application: the case's state and its history (Z-18 … Z-30). */
export const applicationActions = pgTable(
  "application_actions",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    applicationId: uuid("application_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    byUserId: uuid("by_user_id").notNull(),
    unitId: uuid("unit_id"),
    payload: jsonb("payload").notNull(),
    /** The client's Idempotency-Key of a step taken by pass number: a retry finds the step taken. */
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    uniqueIndex("application_actions_seq_uq").on(t.applicationId, t.seq),
    uniqueIndex("application_actions_idem_uq")
      .on(t.byUserId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/**
 * Explanation texts of eligibility answers, stored once and named by the SHA-256 of their three
 * languages: every application keeps the answer it was given, but thousands share a few dozen
 * explanations of a few kilobytes each. Rows are only ever added.
 */
export const eligibilityTexts = pgTable("eligibility_texts", {
  id: text("id").primaryKey(),
  kk: text("kk").notNull(),
  ru: text("ru").notNull(),
  en: text("en").notNull(),
  createdAt: createdAt(),
});

/** Documents attached to an application (PDF, JPEG, PNG), kept by the storage adapter. */
export const applicationFiles = pgTable("application_files", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull(),
  fileKey: text("file_key").notNull(),
  name: text("name").notNull(),
  type: text("type").notNull(),
  size: integer("size").notNull(),
  createdAt: createdAt(),
});

/** Issued passes (Z-21, Z-22): numbered without gaps per issuing unit and year. */
export const passes = pgTable(
  "passes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id").notNull(),
    ...unitScope(),
    holderUserId: uuid("holder_user_id"),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    status: text("status").notNull(),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    militaryNoticeOn: date("military_notice_on"),
    code: text("code").notNull(),
    replacesPassId: uuid("replaces_pass_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("passes_number_uq").on(t.number),
    uniqueIndex("passes_unit_year_seq_uq").on(t.unitId, t.year, t.seq),
    index("passes_status_idx").on(t.status, t.validUntil),
    index("passes_path_gist").using("gist", t.unitPath),
  ],
);

/** Gapless counters: one row per issuing unit, year and series kind (pass, register line). */
export const counters = pgTable(
  "counters",
  {
    unitId: uuid("unit_id").notNull(),
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.kind] })],
);

/** The register book of passes and permits (Z-21, App.3): gapless lines per issuing unit and year. */
export const registerLines = pgTable(
  "register_lines",
  {
    ...unitScope(),
    year: integer("year").notNull(),
    lineNo: integer("line_no").notNull(),
    passId: uuid("pass_id").notNull(),
    data: jsonb("data").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
    returnedMark: text("returned_mark"),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.lineNo] })],
);
