import type { FastifyInstance } from "fastify";
import { fixedClock } from "../../src/adapters/clock.js";
import { createLogger } from "../../src/adapters/logger.js";
import { memoryFileStorage } from "../../src/adapters/storage.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_PASSWORD } from "../../src/core/demo.js";
import { type Shekara, startShekara } from "../../src/server/runtime.js";
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
  const config = loadConfig({ SHEKARA_DEMO: "1", LOG_LEVEL: "silent", ...env });
  const shekara = await startShekara(config, {
    clock,
    database: fresh.database,
    logger: createLogger(process.env.TEST_LOG ?? "silent"),
    files: memoryFileStorage(),
    sealEveryMs: 60_000,
  });
  return {
    ...shekara,
    clock,
    async stop() {
      await shekara.stop();
      await fresh.drop().catch(() => undefined);
    },
    loginAs: (login) => loginCookie(shekara.app, login),
  };
}

/** Signs in through the API and returns the session cookie header. */
export async function loginCookie(
  app: FastifyInstance,
  login: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "shekara_session");
  if (!cookie) throw new Error("no session cookie");
  return `shekara_session=${cookie.value}`;
}
