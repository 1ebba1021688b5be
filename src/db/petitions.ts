import { sql } from "drizzle-orm";
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
 * An organization's account (Z-13, Z-15): the unit of an employer, correctional institution or
 * other body, with where it is located (the IAB there issues exceptions and release passes).
 */
export const organizations = pgTable("organizations", {
  unitId: uuid("unit_id").primaryKey(),
  kind: text("kind").notNull(),
  address: text("address").notNull(),
  headName: text("head_name").notNull(),
  /** The IAB where the organization is located (Z p.22, p.27). */
  locationIabUnitId: uuid("location_iab_unit_id").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

/**
 * A petition of an organization (Z p.22, p.27): filed with an IAB, a strip list also routed to
 * the NSC territorial body. Visible to the organization, the IAB and the NSC body's subtrees.
 */
export const petitions = pgTable(
  "petitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    orgUnitId: uuid("org_unit_id").notNull(),
    orgUnitPath: ltree("org_unit_path").notNull(),
    iabUnitId: uuid("iab_unit_id").notNull(),
    iabUnitPath: ltree("iab_unit_path").notNull(),
    nscUnitId: uuid("nsc_unit_id"),
    nscUnitPath: ltree("nsc_unit_path"),
    filedBy: uuid("filed_by").notNull(),
    idempotencyKey: text("idempotency_key"),
    departureDate: date("departure_date").notNull(),
    /** Deadline, rule, clauses, routing rule and rule-set version as judged at filing. */
    rules: jsonb("rules").notNull(),
    /** Destination, purpose, head, exception reasons, release data. */
    data: jsonb("data").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    passMode: text("pass_mode"),
    groupApplicationId: uuid("group_application_id"),
    groupPassNumber: text("group_pass_number"),
    version: integer("version").notNull().default(0),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("petitions_number_uq").on(t.number),
    uniqueIndex("petitions_idem_uq").on(t.filedBy, t.idempotencyKey),
    index("petitions_iab_gist").using("gist", t.iabUnitPath),
    index("petitions_org_gist").using("gist", t.orgUnitPath),
    index("petitions_nsc_gist").using("gist", t.nscUnitPath),
  ],
);

/** One person on a petition with the results the IAB and the NSC recorded. */
export const petitionMembers = pgTable(
  "petition_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    petitionId: uuid("petition_id").notNull(),
    seq: integer("seq").notNull(),
    surname: text("surname").notNull(),
    givenName: text("given_name").notNull(),
    patronymic: text("patronymic"),
    birthYear: integer("birth_year").notNull(),
    address: text("address").notNull(),
    documentSeries: text("document_series"),
    documentNumber: text("document_number").notNull(),
    documentIssuedOn: date("document_issued_on").notNull(),
    documentIssuedBy: text("document_issued_by").notNull(),
    isLeader: boolean("is_leader").notNull().default(false),
    /** The screening engine's candidates at the last run (record ids, scores, reasons). */
    screening: jsonb("screening"),
    checkResult: text("check_result"),
    checkEvidence: text("check_evidence"),
    checkedBy: uuid("checked_by"),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    nscResult: text("nsc_result"),
    nscReason: text("nsc_reason"),
    nscBy: uuid("nsc_by"),
    nscAt: timestamp("nsc_at", { withTimezone: true }),
    decision: text("decision"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    applicationId: uuid("application_id"),
    passNumber: text("pass_number"),
  },
  (t) => [uniqueIndex("petition_members_seq_uq").on(t.petitionId, t.seq)],
);

/** The copies of a strip list (Z p.27): who is meant to hold each, certification and hand-over. */
export const petitionCopies = pgTable(
  "petition_copies",
  {
    petitionId: uuid("petition_id").notNull(),
    copyNo: integer("copy_no").notNull(),
    holder: text("holder").notNull(),
    holderUnitId: uuid("holder_unit_id"),
    certified: boolean("certified").notNull(),
    withResults: boolean("with_results").notNull(),
    certifiedBy: uuid("certified_by"),
    certifiedAt: timestamp("certified_at", { withTimezone: true }),
    handedBy: uuid("handed_by"),
    handedAt: timestamp("handed_at", { withTimezone: true }),
    receivedBy: text("received_by"),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.copyNo] })],
);
