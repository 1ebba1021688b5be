import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";
import { ltree } from "./types.js";

/** Units of agencies and organizations; each agency is a tree, `path` its ltree path. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agency: text("agency").notNull(),
    parentId: uuid("parent_id"),
    path: ltree("path").notNull(),
    code: text("code").notNull(),
    nameKk: text("name_kk").notNull(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en"),
    timeZone: text("time_zone").notNull().default("Asia/Almaty"),
    level: integer("level"),
    triadId: uuid("triad_id"),
    /** Series of the unit's passes (Z p.33); unique, so numbers never collide across units. */
    passSeries: text("pass_series").unique(),
    isDemo: integer("is_demo").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("units_code_uq").on(t.code), index("units_path_gist").using("gist", t.path)],
);

/** People who sign in: officers, registrars, organization representatives, citizens. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    login: text("login").notNull(),
    passwordHash: text("password_hash").notNull(),
    fullName: text("full_name").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    locale: text("locale").notNull().default("kk"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    isDemo: integer("is_demo").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_login_uq").on(sql`lower(${t.login})`)],
);

/** Signed-in sessions; only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    address: text("address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * The append-only audit log (C-3). Rows are never updated or deleted (trigger and privileges);
 * the hash chain lives in `audit_chain`, sealed in commit order by the sealer.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    unitId: uuid("unit_id"),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    address: text("address"),
    requestId: text("request_id"),
    details: jsonb("details").notNull().default({}),
  },
  (t) => [index("audit_log_object_idx").on(t.objectType, t.objectId), index("audit_log_at_idx").on(t.at)],
);

/** The hash chain over audit entries: hash = sha256(prev_hash || canonical_json(entry)). */
export const auditChain = pgTable("audit_chain", {
  seq: bigint("seq", { mode: "bigint" }).primaryKey(),
  auditId: bigint("audit_id", { mode: "bigint" })
    .notNull()
    .unique()
    .references(() => auditLog.id),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
  sealedAt: timestamp("sealed_at", { withTimezone: true }).notNull().defaultNow(),
});
/**
 * Audit entries not yet chained, so the sealer finds them without walking the chain. Filled by a
 * trigger on audit_log and emptied by one on audit_chain (migration audit_unsealed); the
 * application role may only read it.
 */
export const auditUnsealed = pgTable("audit_unsealed", {
  auditId: bigint("audit_id", { mode: "bigint" }).primaryKey(),
});
export * from "./access.js";
export * from "./coordination.js";
export * from "./databank.js";
export * from "./exchange.js";
export * from "./passes.js";
export * from "./petitions.js";
export * from "./records.js";
export * from "./reference.js";
export * from "./reminders.js";
export * from "./special.js";
export * from "./statistics.js";
