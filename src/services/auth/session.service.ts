import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { isRole, permissionsOf } from "../../core/access/roles.js";
import { AppError } from "../../core/errors.js";
import { sessions, units, users } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { dummyPasswordHash, verifyPassword } from "./password.js";

const SYSTEM = { unitPaths: [], all: true } as const;

/** SHA-256 of a session token: only the hash is stored, so a database leak yields no live session. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new session: the cookie token (256 random bits) and when it expires at the latest. */
export interface NewSession {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** Signs a user in with login and password; a new token every time (rotation at login). */
export async function login(
  deps: Pick<Deps, "database" | "clock" | "config">,
  meta: RequestMeta & { userAgent?: string | undefined },
  input: { login: string; password: string },
): Promise<NewSession> {
  const now = deps.clock.now();
  const found = await deps.database.tx(SYSTEM, (tx) =>
    tx
      .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.login})`, input.login.trim().toLowerCase()))
      .limit(1),
  );
  const user = found[0];
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || user.disabledAt) {
    await deps.database.tx(SYSTEM, (tx) =>
      appendAudit(tx, now, null, meta, {
        action: "auth.login_failed",
        objectType: "user",
        objectId: user?.id ?? null,
      }),
    );
    throw new AppError("INVALID_CREDENTIALS");
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000);
  const actor = await deps.database.tx(SYSTEM, async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      address: meta.address ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    const resolved = await loadActor(tx, user.id);
    if (!resolved) throw new AppError("INVALID_CREDENTIALS");
    await appendAudit(tx, now, resolved, meta, {
      action: "auth.login",
      objectType: "user",
      objectId: user.id,
    });
    return resolved;
  });
  return { token, expiresAt, actor };
}

/** Ends a session (logout). */
export async function logout(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor,
  meta: RequestMeta,
  token: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.database.tx(SYSTEM, async (tx) => {
    await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.endedAt)));
    await appendAudit(tx, now, actor, meta, {
      action: "auth.logout",
      objectType: "user",
      objectId: actor.userId,
    });
  });
}

// Touching last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

/** Resolves the actor behind a session token, enforcing idle and absolute timeouts; null when none. */
export async function actorFromSession(
  deps: Pick<Deps, "database" | "clock" | "config">,
  token: string,
): Promise<Actor | null> {
  const now = deps.clock.now();
  const idleSince = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000);
  return deps.database.tx(SYSTEM, async (tx) => {
    const rows = await tx
      .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(
        and(
          eq(sessions.tokenHash, tokenHash(token)),
          isNull(sessions.endedAt),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, idleSince),
        ),
      )
      .limit(1);
    const session = rows[0];
    if (!session) return null;
    const actor = await loadActor(tx, session.userId);
    if (!actor) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(eq(sessions.tokenHash, tokenHash(token)));
    }
    return actor;
  });
}

/** Loads an enabled user with roles, permissions and unit path. */
async function loadActor(
  tx: Parameters<Parameters<Deps["database"]["tx"]>[1]>[0],
  userId: string,
): Promise<Actor | null> {
  const rows = await tx
    .select({ user: users, unitPath: units.path })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const roles = row.user.roles.filter(isRole);
  return {
    userId: row.user.id,
    login: row.user.login,
    fullName: row.user.fullName,
    roles,
    permissions: permissionsOf(roles),
    unitId: row.user.unitId,
    unitPath: row.unitPath,
    locale: row.user.locale,
  };
}
