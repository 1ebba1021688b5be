import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";

/** A triad of counterpart units of the three checkpoint agencies at one interaction level. */
export const triads = pgTable("triads", {
  id: uuid("id").primaryKey().defaultRandom(),
  level: integer("level").notNull(),
  nameKk: text("name_kk").notNull(),
  nameRu: text("name_ru").notNull(),
  /** The English name, when one is given (English pages fall back to the Russian). */
  nameEn: text("name_en"),
  createdAt: createdAt(),
});

/** Second factor (TOTP) of a user; the last used time step makes every code single-use. */
export const userTotp = pgTable("user_totp", {
  userId: uuid("user_id").primaryKey(),
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastStep: integer("last_step"),
  createdAt: createdAt(),
});

/** Citizen contact details and identity (IIN), confirmed by a code sent through the notifier. */
export const userContacts = pgTable(
  "user_contacts",
  {
    userId: uuid("user_id").primaryKey(),
    email: text("email"),
    phone: text("phone"),
    iin: text("iin"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("user_contacts_iin_uq").on(t.iin), uniqueIndex("user_contacts_email_uq").on(t.email)],
);

/** One-time codes (registration, confirmation); only a hash is stored. */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose").notNull(),
    destination: text("destination").notNull(),
    codeHash: text("code_hash").notNull(),
    userId: uuid("user_id"),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("verification_codes_dest_idx").on(t.destination, t.purpose)],
);

/** Counters for throttling (login per account and per address); shared by every instance. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** API tokens of other agencies' systems: scoped, expiring, stored hashed. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/** Messages handed to the notification adapters (e-mail, SMS); the dev outbox shows them in demo mode. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    userId: uuid("user_id"),
    lang: text("lang").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_created_idx").on(t.createdAt)],
);

/** Signed heads of the audit chain, for safekeeping elsewhere. */
export const auditHeads = pgTable("audit_heads", {
  seq: text("seq").primaryKey(),
  hash: text("hash").notNull(),
  keyId: text("key_id").notNull(),
  signature: text("signature").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
});
