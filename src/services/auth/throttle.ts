import { and, eq, lt, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { AppError } from "../../core/errors.js";
import { rateLimits } from "../../db/schema.js";

/** A throttle: at most `max` counted attempts per fixed window of `windowMs` for one key. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/** Failed password attempts per account (the login as typed, so unknown logins are throttled alike). */
export const accountLoginLimit = (login: string): Limit => ({
  key: `login:account:${login.trim().toLowerCase()}`,
  max: 5,
  windowMs: FIFTEEN_MINUTES,
});

/** Failed password attempts per client address, whatever the account. */
export const addressLoginLimit = (address: string | undefined): Limit => ({
  key: `login:address:${address ?? "unknown"}`,
  max: 20,
  windowMs: FIFTEEN_MINUTES,
});

/** Failed second-factor codes per user: 10⁶ codes must not be guessable by retrying. */
export const totpLimit = (userId: string): Limit => ({
  key: `totp:${userId}`,
  max: 5,
  windowMs: FIFTEEN_MINUTES,
});

/** Registrations and confirmation attempts per address (each sends or checks a code). */
export const accountAddressLimit = (kind: "register" | "confirm", address: string | undefined): Limit => ({
  key: `${kind}:address:${address ?? "unknown"}`,
  max: 20,
  windowMs: FIFTEEN_MINUTES,
});

function windowOf(limit: Limit, now: Date): Date {
  return new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
}

/**
 * Counts one attempt; returns the 429 error to throw when the window's count exceeds the limit.
 * Counting before the check (one atomic upsert) makes parallel attempts from several instances
 * count too. The caller throws only after its transaction commits, so the attempt stays counted.
 */
export async function countAttempt(tx: Tx, limit: Limit, now: Date): Promise<AppError | null> {
  const windowStart = windowOf(limit, now);
  const rows = await tx
    .insert(rateLimits)
    .values({ key: limit.key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  // Older windows of this key are dead weight; removing them here keeps the table small.
  await tx
    .delete(rateLimits)
    .where(and(eq(rateLimits.key, limit.key), lt(rateLimits.windowStart, windowStart)));
  const count = rows[0]?.count ?? 1;
  return count > limit.max ? tooMany(limit, now) : null;
}

/** The 429 answer, with the seconds until the current window ends. */
export function tooMany(limit: Limit, now: Date): AppError {
  const ends = windowOf(limit, now).getTime() + limit.windowMs;
  return new AppError("TOO_MANY_ATTEMPTS", {
    params: { seconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) },
  });
}

/** Takes back one counted attempt (it turned out to succeed); never below zero. */
export async function uncountAttempt(tx: Tx, limit: Limit, now: Date): Promise<void> {
  await tx
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, limit.key), eq(rateLimits.windowStart, windowOf(limit, now))));
}

/** Forgets every counted attempt of a key (e.g. the account's failures after a successful sign-in). */
export async function resetAttempts(tx: Tx, limit: Limit): Promise<void> {
  await tx.delete(rateLimits).where(eq(rateLimits.key, limit.key));
}
