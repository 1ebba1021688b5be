import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
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
 * A foreigner's or stateless person's application for a permit (Z p.17). Handled by an IAB unit
 * (`unit_path`), forwarded to an NSC unit (`nsc_unit_path`); both subtrees see it (RLS).
 */
export const foreignerApplications = pgTable(
  "foreigner_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    ...unitScope(),
    applicantUserId: uuid("applicant_user_id"),
    enteredBy: uuid("entered_by").notNull(),
    stage: text("stage").notNull(),
    surname: text("surname").notNull(),
    givenName: text("given_name").notNull(),
    patronymic: text("patronymic"),
    birthDate: date("birth_date").notNull(),
    citizenship: text("citizenship").notNull(),
    documentKind: text("document_kind").notNull(),
    documentNumber: text("document_number").notNull(),
    residence: text("residence").notNull(),
    destinationKato: text("destination_kato").notNull(),
    purpose: text("purpose").notNull(),
    stayFrom: date("stay_from").notNull(),
    stayUntil: date("stay_until").notNull(),
    nscUnitId: uuid("nsc_unit_id"),
    nscUnitPath: ltree("nsc_unit_path"),
    forwardedAt: timestamp("forwarded_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalatedToUnitId: uuid("escalated_to_unit_id"),
    nscReason: text("nsc_reason"),
    refusalReason: text("refusal_reason"),
    lang: text("lang").notNull().default("kk"),
    version: integer("version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("foreigner_applications_number_uq").on(t.number),
    index("foreigner_applications_stage_idx").on(t.stage, t.dueAt),
    index("foreigner_applications_applicant_idx").on(t.applicantUserId),
    index("foreigner_applications_path_gist").using("gist", t.unitPath),
    index("foreigner_applications_nsc_path_gist").using("gist", t.nscUnitPath),
  ],
);

/** The append-only history of a foreigner's case: every step with who, when, reason and clause. */
export const foreignerSteps = pgTable(
  "foreigner_steps",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    applicationId: uuid("application_id").notNull(),
    step: text("step").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    byUserId: uuid("by_user_id"),
    unitId: uuid("unit_id"),
    reason: text("reason"),
    clause: text("clause").notNull(),
  },
  (t) => [index("foreigner_steps_app_idx").on(t.applicationId, t.at)],
);

/** Issued permits (Z p.17): numbered without gaps per issuing unit and year, apart from passes. */
export const permits = pgTable(
  "permits",
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
    issuedBy: uuid("issued_by").notNull(),
    code: text("code").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("permits_number_uq").on(t.number),
    uniqueIndex("permits_unit_year_seq_uq").on(t.unitId, t.year, t.seq),
    uniqueIndex("permits_application_uq").on(t.applicationId),
    index("permits_path_gist").using("gist", t.unitPath),
  ],
);

/** An application for special works in the zone (Z p.28), routed to the bodies of the rule set. */
export const worksApplications = pgTable(
  "works_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    applicantUserId: uuid("applicant_user_id").notNull(),
    organization: text("organization").notNull(),
    contactName: text("contact_name").notNull(),
    kind: text("kind").notNull(),
    inStrip: boolean("in_strip").notNull(),
    places: text("places").array().notNull().default(sql`'{}'::text[]`),
    area: text("area").notNull(),
    description: text("description").notNull(),
    periodFrom: date("period_from").notNull(),
    periodUntil: date("period_until").notNull(),
    rulesVersion: integer("rules_version").notNull(),
    routeId: text("route_id").notNull(),
    clauses: text("clauses").array().notNull(),
    outcome: text("outcome").notNull(),
    outcomeAt: timestamp("outcome_at", { withTimezone: true }),
    lang: text("lang").notNull().default("kk"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("works_applications_number_uq").on(t.number),
    index("works_applications_applicant_idx").on(t.applicantUserId),
  ],
);

/** One routed body of a special-works application and its decision (Z p.28). */
export const worksRoutes = pgTable(
  "works_routes",
  {
    applicationId: uuid("application_id").notNull(),
    body: text("body").notNull(),
    role: text("role").notNull(),
    ...unitScope(),
    // repeated from the application so the applicant's policy needs no cross-table lookup
    applicantUserId: uuid("applicant_user_id").notNull(),
    decision: text("decision"),
    reason: text("reason"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.body] }),
    index("works_routes_path_gist").using("gist", t.unitPath),
  ],
);
