import { and, arrayOverlaps, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { AppError } from "../../core/errors.js";
import { users, userTotp } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { DEMO_TOTP_SECRET } from "./demo-secret.js";
import {
  consumePendingLogin,
  createSession,
  type NewSession,
  pendingLoginUser,
  SECOND_FACTOR_ROLES,
} from "./session.service.js";
import { countAttempt, resetAttempts, totpLimit } from "./throttle.js";
import { checkTotp, newTotpSecret, otpauthUri } from "./totp.js";

const SYSTEM = { unitPaths: [], all: true } as const;

export { DEMO_TOTP_SECRET };

/** A secret being set up: shown once, as text and as the otpauth:// URI authenticator apps import. */
export interface TotpSetup {
  secret: string;
  uri: string;
}

/** Whether the actor has a confirmed second factor, and whether their roles require one. */
export async function totpStatus(
  deps: Pick<Deps, "database">,
  actor: Actor,
): Promise<{ enrolled: boolean; required: boolean; pending: boolean }> {
  const rows = await deps.database.tx(SYSTEM, (tx) =>
    tx.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, actor.userId)),
  );
  const row = rows[0];
  return {
    enrolled: row?.confirmedAt != null,
    pending: row !== undefined && row.confirmedAt === null,
    required: actor.roles.some((role) => SECOND_FACTOR_ROLES.includes(role)),
  };
}

/**
 * Starts (or restarts) enrolment with a fresh secret. A confirmed second factor is never replaced
 * here: that would let whoever holds the password alone swap in their own authenticator.
 */
async function beginEnrolment(
  tx: Tx,
  user: { id: string; login: string },
  meta: RequestMeta,
  actor: Actor | null,
  now: Date,
): Promise<TotpSetup> {
  const existing = await tx
    .select({ confirmedAt: userTotp.confirmedAt })
    .from(userTotp)
    .where(eq(userTotp.userId, user.id));
  if (existing[0]?.confirmedAt) throw new AppError("TOTP_ALREADY_ENROLLED");
  const secret = newTotpSecret();
  await tx
    .insert(userTotp)
    .values({ userId: user.id, secret, confirmedAt: null, lastStep: null, createdAt: now })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secret, confirmedAt: null, lastStep: null, createdAt: now },
    });
  await appendAudit(tx, now, actor, meta, { action: "totp.setup", objectType: "user", objectId: user.id });
  return { secret, uri: otpauthUri(secret, user.login) };
}

/** Starts TOTP enrolment for the signed-in user (account page). */
export async function setupTotp(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor,
  meta: RequestMeta,
): Promise<TotpSetup> {
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, (tx) =>
    beginEnrolment(tx, { id: actor.userId, login: actor.login }, meta, actor, now),
  );
}

/** Starts TOTP enrolment during sign-in, for a user whose role requires it and who has none yet. */
export async function setupPendingTotp(
  deps: Pick<Deps, "database" | "clock">,
  meta: RequestMeta,
  pendingToken: string,
): Promise<TotpSetup> {
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const pending = await pendingLoginUser(tx, pendingToken, now);
    if (!pending) throw new AppError("LOGIN_STEP_EXPIRED");
    const rows = await tx.select({ login: users.login }).from(users).where(eq(users.id, pending.id));
    const login = rows[0]?.login ?? pending.id;
    return beginEnrolment(tx, { id: pending.id, login }, meta, null, now);
  });
}

type Verified = { ok: true; newlyConfirmed: boolean } | { ok: false; error: AppError };

/**
 * Checks a code against the user's secret (confirmed, or being set up) and records its step. The
 * step is written only when it is newer than the last one: with two instances racing on the same
 * code, exactly one update matches, so a code is single-use across the whole deployment.
 */
async function verifyCode(tx: Tx, userId: string, code: string, now: Date): Promise<Verified> {
  const rows = await tx.select().from(userTotp).where(eq(userTotp.userId, userId));
  const row = rows[0];
  if (!row) return { ok: false, error: new AppError("TOTP_NOT_STARTED") };
  const check = checkTotp(row.secret, code, now, row.lastStep);
  if (!check.ok) {
    const error = check.reason === "reused" ? "TOTP_CODE_REUSED" : "TOTP_CODE_INVALID";
    return { ok: false, error: new AppError(error, { field: "body.code" }) };
  }
  const updated = await tx
    .update(userTotp)
    .set({ lastStep: check.step, confirmedAt: row.confirmedAt ?? now })
    .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, check.step))))
    .returning({ userId: userTotp.userId });
  if (updated.length === 0) {
    return { ok: false, error: new AppError("TOTP_CODE_REUSED", { field: "body.code" }) };
  }
  return { ok: true, newlyConfirmed: row.confirmedAt === null };
}

/** Counts a second-factor attempt in its own transaction; 429 past the limit. */
async function countTotpAttempt(deps: Pick<Deps, "database">, userId: string, now: Date): Promise<void> {
  const refused = await deps.database.tx(SYSTEM, (tx) => countAttempt(tx, totpLimit(userId), now));
  if (refused) throw refused;
}

/** Confirms enrolment on the account page with the first code the authenticator shows. */
export async function confirmTotp(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor,
  meta: RequestMeta,
  code: string,
): Promise<void> {
  const now = deps.clock.now();
  await countTotpAttempt(deps, actor.userId, now);
  const failure = await deps.database.tx(SYSTEM, async (tx) => {
    const current = await tx
      .select({ confirmedAt: userTotp.confirmedAt })
      .from(userTotp)
      .where(eq(userTotp.userId, actor.userId));
    if (current[0]?.confirmedAt) return new AppError("TOTP_ALREADY_ENROLLED");
    const verified = await verifyCode(tx, actor.userId, code, now);
    if (!verified.ok) {
      await appendAudit(tx, now, actor, meta, {
        action: "totp.confirm_failed",
        objectType: "user",
        objectId: actor.userId,
      });
      return verified.error;
    }
    await resetAttempts(tx, totpLimit(actor.userId));
    await appendAudit(tx, now, actor, meta, {
      action: "totp.enrol",
      objectType: "user",
      objectId: actor.userId,
    });
    return null;
  });
  if (failure) throw failure;
}

/**
 * Completes a sign-in with the second factor: the pending token from the password step and a code.
 * For a user still enrolling, the first correct code also confirms the new secret.
 */
export async function completeTotpLogin(
  deps: Pick<Deps, "database" | "clock" | "config">,
  meta: RequestMeta & { userAgent?: string | undefined },
  pendingToken: string,
  code: string,
): Promise<NewSession> {
  const now = deps.clock.now();
  const pending = await deps.database.tx(SYSTEM, (tx) => pendingLoginUser(tx, pendingToken, now));
  if (!pending) throw new AppError("LOGIN_STEP_EXPIRED");
  await countTotpAttempt(deps, pending.id, now);
  const result = await deps.database.tx(SYSTEM, async (tx): Promise<NewSession | AppError> => {
    const verified = await verifyCode(tx, pending.id, code, now);
    if (!verified.ok) {
      await appendAudit(tx, now, null, meta, {
        action: "auth.totp_failed",
        objectType: "user",
        objectId: pending.id,
      });
      return verified.error;
    }
    if (!(await consumePendingLogin(tx, pendingToken, now))) return new AppError("LOGIN_STEP_EXPIRED");
    await resetAttempts(tx, totpLimit(pending.id));
    if (verified.newlyConfirmed) {
      await appendAudit(tx, now, null, meta, {
        action: "totp.enrol",
        objectType: "user",
        objectId: pending.id,
      });
    }
    return createSession(tx, deps, meta, pending.id, now, { secondFactor: "totp" });
  });
  if (result instanceof AppError) throw result;
  return result;
}

/**
 * Gives the demo logins that need a second factor (demo users holding head, unit_admin or
 * system_admin) the published DEMO_TOTP_SECRET, confirmed. Idempotent; demo data only. Returns how
 * many users were enrolled now.
 */
export async function enrollDemoTotp(deps: Pick<Deps, "database" | "clock">): Promise<number> {
  const now = deps.clock.now();
  return deps.database.tx(SYSTEM, async (tx) => {
    const demoUsers = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.isDemo, 1), arrayOverlaps(users.roles, [...SECOND_FACTOR_ROLES])));
    if (demoUsers.length === 0) return 0;
    const ids = demoUsers.map((u) => u.id);
    const already = await tx
      .select({ userId: userTotp.userId })
      .from(userTotp)
      .where(inArray(userTotp.userId, ids));
    const missing = ids.filter((id) => !already.some((row) => row.userId === id));
    for (const userId of missing) {
      await tx
        .insert(userTotp)
        .values({ userId, secret: DEMO_TOTP_SECRET, confirmedAt: now, lastStep: null, createdAt: now });
      await appendAudit(
        tx,
        now,
        null,
        { address: undefined, requestId: "demo-data" },
        {
          action: "totp.enrol",
          objectType: "user",
          objectId: userId,
          details: { demo: true },
        },
      );
    }
    return missing.length;
  });
}
