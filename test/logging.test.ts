import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/adapters/clock.js";
import { createLogger } from "../src/adapters/logger.js";
import { ephemeralSigner } from "../src/adapters/signer.js";
import { memoryFileStorage } from "../src/adapters/storage.js";
import { loadConfig } from "../src/config.js";
import { type Shekara, startShekara } from "../src/server/runtime.js";
import { freshDatabase } from "./support/db.js";

/** Logs keep personal data out (query strings, pass codes, cookies) and cannot be forged by input. */
describe("request logs", () => {
  const lines: string[] = [];
  let shekara: Shekara;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const fresh = await freshDatabase("pglite", false);
    shekara = await startShekara(loadConfig({ SHEKARA_DEMO: "0", LOG_LEVEL: "info" }), {
      clock: fixedClock("2026-11-22T06:00:00Z"),
      database: fresh.database,
      logger: createLogger("info", sink),
      files: memoryFileStorage(),
      signer: ephemeralSigner(),
      sealEveryMs: 60_000,
    });
  }, 60_000);
  afterAll(() => shekara?.stop());

  it("logs no query string, pass code, cookie or password, and a line break in input forges no line", async () => {
    await shekara.app.inject({
      url: "/api/v1/users?q=Сәтбаева%20Айгерім",
      headers: { cookie: "shekara_session=SECRET-COOKIE" },
    });
    await shekara.app.inject({ url: "/api/v1/verify/SHK1.PERSONAL-CODE-123" });
    await shekara.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: 'x"}\n{"level":60,"msg":"forged', password: "secret-password-1" },
    });
    await shekara.app.inject({ url: '/api/v1/nope\r\n{"forged":true}' });
    const text = lines.join("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => (JSON.parse(l) as { forged?: unknown }).forged)).toBe(false);
    expect(lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === "forged")).toBe(false);
    for (const secret of ["Сәтбаева", "%D0", "PERSONAL-CODE", "SECRET-COOKIE", "secret-password-1"]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain("/api/v1/verify/[redacted]");
  });
});
