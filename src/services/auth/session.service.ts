import { hash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Database, Tx } from "../../adapters/db/index.js";
import { isRole, permissionsOf, type Role } from "../../core/access/roles.js";
import { AppError, notFound } from "../../core/errors.js";
import { sessions, units, userContacts, users, userTotp, verificationCodes } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { type GroupCommit, groupCommit, type ItemOutcome } from "../group-commit.js";
import { dummyPasswordHash, verifyPassword } from "./password.js";
import {
  accountLoginLimit,
  addressLoginLimit,
  countAttempt,
  resetAttempts,
  uncountAttempt,
} from "./throttle.js";

const SYSTEM = { unitPaths: [], all: true } as const;

/** Roles whose holders must sign in with a second factor (they decide on passes or administer). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["head", "unit_admin", "system_admin"];

/** How long the step between password and second factor stays open. */
export const PENDING_LOGIN_MINUTES = 5;

/** The verification_codes purpose of a login waiting for its second factor. */
export const PENDING_LOGIN_PURPOSE = "login_pending";

/**
 * SHA-256 of a session token: only the hash is stored, so a database leak yields no live session.
 * Every signed-in request computes it; the one-shot `hash` costs a third of a Hash object's.
 */
export function tokenHash(token: string): string {
  return hash("sha256", token, "hex");
}

/**
 * The public id of a session: a hash of the stored hash, so listing sessions never reveals the key
 * a stolen database row could be matched with, and the id cannot be turned back into a cookie.
 */
export function sessionIdOf(storedHash: string): string {
  return hash("sha256", storedHash, "hex").slice(0, 16);
}

/** A new session: the cookie token (256 random bits) and when it expires at the latest. */
export interface NewSession {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** What a correct password leads to: a session, or the second-factor step (enrolment when not set up). */
export type LoginResult =
  | { kind: "session"; session: NewSession }
  | { kind: "second_factor"; pendingToken: string; expiresAt: Date; enrolled: boolean };

type ClientMeta = RequestMeta & { userAgent?: string | undefined };

/**
 * Signs a user in with login and password. Attempts are counted per account and per address before
 * the password is checked (429 past the limit, across instances); a correct password resets the
 * account's count but leaves the address's earlier failures counted. Users holding a second-factor
 * role, or who enrolled one, get a short-lived pending token instead of a session.
 */
export async function login(
  deps: Pick<Deps, "database" | "clock" | "config">,
  meta: ClientMeta,
  input: { login: string; password: string },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const accountLimit = accountLoginLimit(input.login);
  const addressLimit = addressLoginLimit(meta.address);
  const refused = await deps.database.tx(
    SYSTEM,
    async (tx) => (await countAttempt(tx, addressLimit, now)) ?? (await countAttempt(tx, accountLimit, now)),
  );
  if (refused) throw refused;

  const found = await deps.database.tx(SYSTEM, (tx) =>
    tx
      .select({
        id: users.id,
        passwordHash: users.passwordHash,
        disabledAt: users.disabledAt,
        roles: users.roles,
        contactId: userContacts.userId,
        contactConfirmedAt: userContacts.confirmedAt,
        totpConfirmedAt: userTotp.confirmedAt,
      })
      .from(users)
      .leftJoin(userContacts, eq(userContacts.userId, users.id))
      .leftJoin(userTotp, eq(userTotp.userId, users.id))
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
  const unconfirmed = user.contactId !== null && user.contactConfirmedAt === null;
  const needsSecondFactor =
    user.totpConfirmedAt != null || user.roles.some((role) => SECOND_FACTOR_ROLES.includes(role as Role));

  await deps.database.tx(SYSTEM, async (tx) => {
    // A correct password is not a failure: take it back from the address count, clear the account's.
    await uncountAttempt(tx, addressLimit, now);
    await resetAttempts(tx, accountLimit);
  });
  // Told only after a correct password, so the answer reveals nothing to someone guessing.
  if (unconfirmed) throw new AppError("ACCOUNT_NOT_CONFIRMED");
  return deps.database.tx(SYSTEM, async (tx): Promise<LoginResult> => {
    if (needsSecondFactor) {
      const pendingToken = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + PENDING_LOGIN_MINUTES * 60_000);
      await tx.insert(verificationCodes).values({
        purpose: PENDING_LOGIN_PURPOSE,
        destination: user.id,
        codeHash: tokenHash(pendingToken),
        userId: user.id,
        expiresAt,
        createdAt: now,
      });
      const enrolled = user.totpConfirmedAt != null;
      await appendAudit(tx, now, null, meta, {
        action: "auth.password_ok",
        objectType: "user",
        objectId: user.id,
        details: { secondFactor: enrolled ? "totp" : "totp_enrolment" },
      });
      return { kind: "second_factor", pendingToken, expiresAt, enrolled };
    }
    return { kind: "session", session: await createSession(tx, deps, meta, user.id, now, {}) };
  });
}

/** Inserts a session row and its audit entry for a user who has fully signed in. */
export async function createSession(
  tx: Tx,
  deps: Pick<Deps, "config">,
  meta: ClientMeta,
  userId: string,
  now: Date,
  details: Record<string, unknown>,
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000);
  await tx.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    address: meta.address ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  const actor = await loadActor(tx, userId);
  if (!actor) throw new AppError("INVALID_CREDENTIALS");
  await appendAudit(tx, now, actor, meta, {
    action: "auth.login",
    objectType: "user",
    objectId: userId,
    details,
  });
  return { token, expiresAt, actor };
}

/** The user behind an open pending login (password checked, second factor not yet); null when none. */
export async function pendingLoginUser(
  tx: Tx,
  pendingToken: string,
  now: Date,
): Promise<{ id: string } | null> {
  const rows = await tx
    .select({ id: verificationCodes.id, userId: verificationCodes.userId })
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.purpose, PENDING_LOGIN_PURPOSE),
        eq(verificationCodes.codeHash, tokenHash(pendingToken)),
        isNull(verificationCodes.consumedAt),
        gt(verificationCodes.expiresAt, now),
      ),
    )
    .limit(1);
  const userId = rows[0]?.userId;
  if (!userId) return null;
  const enabled = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  return enabled[0] ?? null;
}

/** Consumes a pending login; false when it was already used (a concurrent completion won). */
export async function consumePendingLogin(tx: Tx, pendingToken: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(
      and(
        eq(verificationCodes.purpose, PENDING_LOGIN_PURPOSE),
        eq(verificationCodes.codeHash, tokenHash(pendingToken)),
        isNull(verificationCodes.consumedAt),
      ),
    )
    .returning({ id: verificationCodes.id });
  return rows.length > 0;
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

/**
 * Ends every session and pending sign-in of a user at once, inside the caller's transaction (for
 * disabling a user: the caller writes the audit entry of the disabling). Returns how many sessions ended.
 */
export async function endAllSessions(tx: Tx, userId: string, now: Date): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  await tx
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(
      and(
        eq(verificationCodes.purpose, PENDING_LOGIN_PURPOSE),
        eq(verificationCodes.userId, userId),
        isNull(verificationCodes.consumedAt),
      ),
    );
  return ended.length;
}

/** A session as its owner sees it. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
  current: boolean;
}

function liveSessionsOf(deps: Pick<Deps, "config">, userId: string, now: Date) {
  const idleSince = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000);
  return and(
    eq(sessions.userId, userId),
    isNull(sessions.endedAt),
    gt(sessions.expiresAt, now),
    gt(sessions.lastSeenAt, idleSince),
  );
}

/** The actor's live sessions, newest first; `current` marks the one this request came with. */
export async function listSessions(
  deps: Pick<Deps, "database" | "clock" | "config">,
  actor: Actor,
  currentToken: string | undefined,
): Promise<SessionView[]> {
  const now = deps.clock.now();
  const current = currentToken ? tokenHash(currentToken) : undefined;
  const rows = await deps.database.tx(SYSTEM, (tx) =>
    tx
      .select()
      .from(sessions)
      .where(liveSessionsOf(deps, actor.userId, now))
      .orderBy(desc(sessions.createdAt)),
  );
  return rows.map((row) => ({
    id: sessionIdOf(row.tokenHash),
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    address: row.address,
    userAgent: row.userAgent,
    current: row.tokenHash === current,
  }));
}

/** Ends one of the actor's own sessions by its public id; someone else's or an unknown id is 404. */
export async function endSession(
  deps: Pick<Deps, "database" | "clock" | "config">,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.database.tx(SYSTEM, async (tx) => {
    const rows = await tx
      .select({ tokenHash: sessions.tokenHash })
      .from(sessions)
      .where(liveSessionsOf(deps, actor.userId, now));
    const target = rows.find((row) => sessionIdOf(row.tokenHash) === id);
    if (!target) throw notFound();
    await tx.update(sessions).set({ endedAt: now }).where(eq(sessions.tokenHash, target.tokenHash));
    await appendAudit(tx, now, actor, meta, {
      action: "session.end",
      objectType: "user",
      objectId: actor.userId,
      details: { session: id },
    });
  });
}

/** Ends all the actor's sessions except the current one ("sign out everywhere else"). */
export async function endOtherSessions(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor,
  meta: RequestMeta,
  currentToken: string | undefined,
): Promise<number> {
  const now = deps.clock.now();
  const keep = currentToken ? tokenHash(currentToken) : "";
  return deps.database.tx(SYSTEM, async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(
        and(
          eq(sessions.userId, actor.userId),
          isNull(sessions.endedAt),
          sql`${sessions.tokenHash} <> ${keep}`,
        ),
      )
      .returning({ tokenHash: sessions.tokenHash });
    await appendAudit(tx, now, actor, meta, {
      action: "session.end_others",
      objectType: "user",
      objectId: actor.userId,
      details: { ended: ended.length },
    });
    return ended.length;
  });
}

// Touching last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

/** One request's session to resolve: its token's hash, and the request's time. */
interface SessionLookup {
  hash: string;
  now: Date;
  idleMs: number;
}

/**
 * Resolves the actor behind a session token, enforcing idle and absolute timeouts; null when none.
 * Every signed-in request pays for this, so the lookups of concurrent requests are read together:
 * one statement for the batch, each judged at its own request's time.
 */
export async function actorFromSession(
  deps: Pick<Deps, "database" | "clock" | "config">,
  token: string,
): Promise<Actor | null> {
  return lookupsOf(deps.database).submit(SYSTEM, {
    hash: tokenHash(token),
    now: deps.clock.now(),
    idleMs: deps.config.sessionIdleMinutes * 60_000,
  });
}

const lookupQueues = new WeakMap<Database, GroupCommit<typeof SYSTEM, SessionLookup, Actor | null>>();

function lookupsOf(database: Database): GroupCommit<typeof SYSTEM, SessionLookup, Actor | null> {
  let queue = lookupQueues.get(database);
  if (!queue) {
    queue = groupCommit({
      maxBatch: 128,
      // One lookup at a time, like the submissions' batches: the requests that arrive meanwhile go
      // together in the next (session 12; see MAX_IN_FLIGHT in submit.service). Its touch skips a
      // row another transaction holds (migration session_touch_skip_locked), so no lookup waits
      // on a lock and holds the ones behind it.
      maxInFlight: 1,
      keyOf: () => "sessions",
      run: (_scope, items) => resolveSessions(database, items),
    });
    lookupQueues.set(database, queue);
  }
  return queue;
}

/**
 * Reads the sessions of a batch of lookups with their enabled users and touches the live ones seen
 * more than a minute ago, in one call (migrations hot_path_functions, session_touch_skip_locked).
 * Timeouts are judged per request, at its own time, on the activity read before the touch.
 */
async function resolveSessions(
  database: Database,
  items: readonly SessionLookup[],
): Promise<ItemOutcome<Actor | null>[]> {
  const hashes = [...new Set(items.map((item) => item.hash))];
  const latest = Math.max(...items.map((item) => item.now.getTime()));
  const idleMs = Math.max(...items.map((item) => item.idleMs));
  const found = await database.call<SessionRow>("shekara_sessions_of", SYSTEM, [
    hashes,
    new Date(latest),
    new Date(latest - TOUCH_INTERVAL_MS),
    new Date(latest - idleMs),
  ]);
  const byHash = new Map(
    found.map((r) => [
      r.token_hash,
      {
        lastSeenAt: new Date(r.last_seen_at),
        expiresAt: new Date(r.expires_at),
        user: {
          id: r.id,
          login: r.login,
          fullName: r.full_name,
          roles: r.roles,
          unitId: r.unit_id,
          locale: r.locale,
        },
        unitPath: r.unit_path,
        timeZone: r.time_zone,
      },
    ]),
  );
  return items.map(({ hash, now, idleMs: idle }): ItemOutcome<Actor | null> => {
    const row = byHash.get(hash);
    const live =
      row !== undefined &&
      row.expiresAt.getTime() > now.getTime() &&
      row.lastSeenAt.getTime() > now.getTime() - idle;
    return { ok: true, value: live ? actorOfRow(row) : null };
  });
}

/** Not disabled, and a self-registered citizen's contact confirmed (with users and user_contacts joined). */
const enabledUser = and(
  isNull(users.disabledAt),
  or(isNull(userContacts.userId), isNotNull(userContacts.confirmedAt)),
);

/** A session with its user, as the lookup statement reads it. */
interface SessionRow {
  token_hash: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  id: string;
  login: string;
  full_name: string;
  roles: string[];
  unit_id: string | null;
  locale: string;
  unit_path: string | null;
  time_zone: string | null;
}

/** The actor of a loaded user row. */
function actorOfRow(row: {
  user: Pick<typeof users.$inferSelect, "id" | "login" | "fullName" | "roles" | "unitId" | "locale">;
  unitPath: string | null;
  timeZone: string | null;
}): Actor {
  const roles = row.user.roles.filter(isRole);
  return {
    userId: row.user.id,
    login: row.user.login,
    fullName: row.user.fullName,
    roles,
    permissions: permissionsOf(roles),
    unitId: row.user.unitId,
    unitPath: row.unitPath,
    timeZone: row.timeZone,
    locale: row.user.locale,
  };
}

/**
 * Loads an enabled user with roles, permissions and unit path. A self-registered citizen whose
 * contact is not yet confirmed counts as not enabled, whatever credential is presented.
 */
export async function loadActor(tx: Tx, userId: string): Promise<Actor | null> {
  const rows = await tx
    .select({ user: users, unitPath: units.path, timeZone: units.timeZone })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(userContacts, eq(userContacts.userId, users.id))
    .where(and(eq(users.id, userId), enabledUser))
    .limit(1);
  const row = rows[0];
  return row ? actorOfRow(row) : null;
}
