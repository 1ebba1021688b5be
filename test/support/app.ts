import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { fixedClock } from "../../src/adapters/clock.js";
import { createLogger } from "../../src/adapters/logger.js";
import { ephemeralSigner } from "../../src/adapters/signer.js";
import { memoryFileStorage } from "../../src/adapters/storage.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_PASSWORD } from "../../src/core/demo.js";
import { type Shekara, startShekara } from "../../src/server/runtime.js";
import { TOTP_STEP_SECONDS, totpCode } from "../../src/services/auth/totp.js";
import { DEMO_TOTP_SECRET, enrollDemoTotp } from "../../src/services/auth/totp.service.js";
import { freshDatabase } from "./db.js";

/** A test instance of Shekara on a fresh database, with demo data and a fixed clock. */
export interface TestApp extends Shekara {
  clock: ReturnType<typeof fixedClock>;
  /** Signs in a demo user and returns the cookie header to send. */
  loginAs(login: string): Promise<string>;
}

/** Starts Shekara for tests on the given database kind; call `stop()` when done. */
export async function startTestApp(
  kind: "pglite" | "postgres",
  env: Record<string, string> = {},
): Promise<TestApp> {
  const fresh = await freshDatabase(kind, false);
  const clock = fixedClock("2026-11-22T06:00:00Z");
  const config = loadConfig({ SHEKARA_DEMO: "1", SHEKARA_DEMO_CASES: "0", LOG_LEVEL: "silent", ...env });
  const shekara = await startShekara(config, {
    clock,
    database: fresh.database,
    logger: createLogger(process.env.TEST_LOG ?? "silent"),
    files: memoryFileStorage(),
    signer: ephemeralSigner(),
    sealEveryMs: 60_000,
  });
  // Demo heads and administrators sign in with the published demo TOTP secret (idempotent; the seed
  // does the same once it calls enrollDemoTotp).
  if (config.demo) await enrollDemoTotp(shekara.deps);
  return {
    ...shekara,
    clock,
    async stop() {
      await shekara.stop();
      await fresh.drop().catch(() => undefined);
    },
    loginAs: (login) => loginCookie(shekara.app, login, DEMO_PASSWORD, clock),
  };
}

/**
 * Signs in through the API and returns the session cookie header. Users who need a second factor
 * answer with the demo TOTP code at the test clock's time; a code already used in this step moves the
 * clock to the next step (codes are single-use).
 */
export async function loginCookie(
  app: FastifyInstance,
  login: string,
  password = DEMO_PASSWORD,
  clock?: ReturnType<typeof fixedClock>,
): Promise<string> {
  let response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
  if (response.json().secondFactor === "totp") {
    if (!clock) throw new Error(`login ${login} needs a second factor: pass the test clock`);
    const pending = response.cookies.find((c) => c.name === "shekara_login");
    const second = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/totp",
        headers: { cookie: `shekara_login=${pending?.value ?? ""}` },
        payload: { code: totpCode(DEMO_TOTP_SECRET, clock.now()) },
      });
    response = await second();
    if (response.statusCode === 400 && response.json().error.code === "TOTP_CODE_REUSED") {
      clock.advance(TOTP_STEP_SECONDS * 1000);
      response = await second();
    }
    if (response.statusCode !== 200) throw new Error(`second factor of ${login} failed: ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === "shekara_session");
  if (!cookie) throw new Error("no session cookie");
  return `shekara_session=${cookie.value}`;
}

/**
 * A session cookie for a user, made directly in the database: authorization tests must not
 * depend on the sign-in flow (second factor, throttling), which has tests of its own.
 */
export async function sessionCookieFor(t: TestApp, login: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(token).digest("hex");
  const now = t.clock.now();
  const rows = await t.deps.database.ownerQuery("SELECT id FROM users WHERE login = $1", [login]);
  const userId = rows[0]?.id;
  if (!userId) throw new Error(`no user ${login}`);
  await t.deps.database.ownerQuery(
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
    [hash, userId, now, new Date(now.getTime() + 3_600_000)],
  );
  return `shekara_session=${token}`;
}
