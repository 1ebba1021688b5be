import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../src/adapters/db/index.js";
import { tokenHash } from "../src/services/auth/session.service.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

/** Resolves with "timeout" when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  return Promise.race([
    promise,
    new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms)),
  ]);
}

// Another transaction holding a session's row (the session being ended, another instance's touch)
// needs a second connection: PGlite has one, so this runs on PostgreSQL.
describe.runIf(DB_KINDS.includes("postgres"))("the session lookup's touch on PostgreSQL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("postgres");
  });
  afterAll(() => t?.stop());

  const lastSeen = async (hash: string) =>
    new Date(
      String(
        (
          await t.deps.database.ownerQuery("SELECT last_seen_at FROM sessions WHERE token_hash = $1", [hash])
        )[0]?.last_seen_at,
      ),
    ).getTime();

  it("skips the touch of a session row another transaction holds, instead of waiting for it", async () => {
    const cookie = await t.loginAs("officer");
    const hash = tokenHash(cookie.replace("shekara_session=", ""));
    const signedInAt = await lastSeen(hash);
    // Two minutes on, a request's lookup wants to touch last_seen_at (at most once a minute).
    t.clock.advance(2 * 60_000);
    const answer = await t.deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
      const held = await tx.execute(
        sql`SELECT token_hash FROM sessions WHERE token_hash = ${hash} FOR UPDATE`,
      );
      expect(rowsOf(held)).toHaveLength(1);
      // While this transaction holds the row, the request is answered, not held until it ends.
      return within(t.app.inject({ url: "/api/v1/auth/me", headers: { cookie } }), 5_000);
    });
    expect(answer).not.toBe("timeout");
    if (answer === "timeout") return;
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ login: "officer" });
    expect(await lastSeen(hash)).toBe(signedInAt);
    // Once the row is free, the next lookup touches it.
    expect((await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie } })).statusCode).toBe(200);
    expect(await lastSeen(hash)).toBe(t.clock.now().getTime());
  });
});
