import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { PERMISSIONS, type Permission } from "../../core/access/roles.js";
import { invalid, notFound } from "../../core/errors.js";
import { apiTokens, users } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadActor, tokenHash } from "./session.service.js";

const SYSTEM = { unitPaths: [], all: true } as const;

const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);

/** Prefix of every API token, so secret scanners and people can recognise a leaked one. */
export const API_TOKEN_PREFIX = "shk_";
/** Longest token lifetime: a forgotten token must still die within a year. */
export const MAX_TOKEN_DAYS = 365;
/** Default lifetime when none is given. */
export const DEFAULT_TOKEN_DAYS = 90;

/** An API token as its owner sees it (never the token itself, which is shown once at creation). */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A just-created token: the secret, shown once, with its record. */
export interface NewApiToken extends ApiTokenView {
  token: string;
}

/**
 * Creates an API token for a user. Its scopes are the user's permissions at creation; at use the
 * token acts with the intersection of those scopes and the user's permissions then, so a token never
 * gains what the user is later granted and loses what the user loses. `actor` is null for the CLI.
 */
export async function createApiToken(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { userId?: string; login?: string; name: string; expiresInDays?: number | undefined },
): Promise<NewApiToken> {
  const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw invalid("expiresInDays", {
      kk: `1 мен ${MAX_TOKEN_DAYS} аралығындағы бүтін күн саны`,
      ru: `целое число дней от 1 до ${MAX_TOKEN_DAYS}`,
      en: `a whole number of days from 1 to ${MAX_TOKEN_DAYS}`,
    });
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100)
    throw invalid("name", { kk: "1–100 таңба", ru: "1–100 символов", en: "1–100 characters" });
  const now = deps.clock.now();
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return deps.database.tx(SYSTEM, async (tx) => {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        input.userId
          ? eq(users.id, input.userId)
          : eq(sql`lower(${users.login})`, (input.login ?? "").trim().toLowerCase()),
      )
      .limit(1);
    const userId = found[0]?.id;
    const owner = userId ? await loadActor(tx, userId) : null;
    if (!owner) throw notFound();
    const scopes = [...owner.permissions].sort();
    const expiresAt = new Date(now.getTime() + days * 86_400_000);
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: owner.userId, name, tokenHash: tokenHash(token), scopes, expiresAt, createdAt: now })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, actor, meta, {
      action: "api_token.create",
      objectType: "api_token",
      objectId: row.id,
      details: { userId: owner.userId, name, scopes, expiresAt: expiresAt.toISOString() },
    });
    return { ...viewOf(row), token };
  });
}

function viewOf(row: typeof apiTokens.$inferSelect): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** A user's own API tokens, newest first, revoked and expired ones included (for the record). */
export async function listApiTokens(deps: Pick<Deps, "database">, userId: string): Promise<ApiTokenView[]> {
  const rows = await deps.database.tx(SYSTEM, (tx) =>
    tx.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt)),
  );
  return rows.map(viewOf);
}

/** Revokes a token of `userId` (someone else's or an unknown id answers 404); idempotent. */
export async function revokeApiToken(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  userId?: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.database.tx(SYSTEM, async (tx) => {
    const rows = await tx
      .select({ id: apiTokens.id, userId: apiTokens.userId, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(userId ? and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)) : eq(apiTokens.id, id));
    const row = rows[0];
    if (!row) throw notFound();
    if (row.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id));
    await appendAudit(tx, now, actor, meta, {
      action: "api_token.revoke",
      objectType: "api_token",
      objectId: id,
      details: { userId: row.userId },
    });
  });
}

// Recording every use would turn every read into a write; once a minute is enough to see activity.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves the actor behind a bearer token: not expired, not revoked, owner enabled. The actor's
 * permissions are narrowed to the token's scopes. Null when the token is not valid.
 */
export async function actorFromApiToken(
  deps: Pick<Deps, "database" | "clock">,
  token: string,
): Promise<{ actor: Actor; tokenId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const rows = await tx
      .select()
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash(token)),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
        ),
      )
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    const owner = await loadActor(tx, row.userId);
    if (!owner) return null;
    const scopes = new Set(row.scopes.filter(isPermission));
    const permissions = new Set<Permission>([...owner.permissions].filter((p) => scopes.has(p)));
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }
    return { actor: { ...owner, permissions }, tokenId: row.id };
  });
}
