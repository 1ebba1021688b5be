import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, ServerProcess } from "../bench/crash-trial.js";
import { signIn } from "../bench/harness.js";
import { openPostgres } from "../src/adapters/db/postgres.js";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { verifyAudit } from "../src/services/audit/audit.service.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { scratchDatabase } from "./support/scratch-db.js";

/**
 * Two server processes on one PostgreSQL database behave as one (issue #10): sessions, sign-in
 * throttling and the audit sealer live in the database and coordinate there (the sealer under an
 * advisory lock, one scan at a time). PostgreSQL only: an embedded data folder admits one process.
 */
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("two instances on one PostgreSQL", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-two-"));
  let dbUrl = "";
  let dropDatabase = async () => {};
  const servers: ServerProcess[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    const scratch = await scratchDatabase(url ?? "", "shekara_two");
    dbUrl = scratch.url;
    dropDatabase = scratch.drop;
    // Started together: migrations and demo data must tolerate a concurrent start.
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const env = {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        SHEKARA_DATA_DIR: dataDir,
        SHEKARA_DEMO: "1",
        SHEKARA_DEMO_CASES: "0",
        LOG_LEVEL: "fatal",
      };
      servers.push(new ServerProcess(env, () => undefined));
      bases.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(servers.map((s) => s.start()));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const [a, b] = [() => bases[0] ?? "", () => bases[1] ?? ""];

  it("shares sessions: a sign-in on one is valid on the other, a sign-out on the other ends it on both", async () => {
    const cookie = await signIn(a(), "officer", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now));
    expect((await fetch(`${b()}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
    expect(
      (await fetch(`${b()}/api/v1/auth/logout`, { method: "POST", headers: { cookie } })).status,
    ).toBeLessThan(300);
    expect((await fetch(`${a()}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("counts failed sign-ins across both: the sixth failure for one account is throttled on either", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const base = i % 2 === 0 ? a() : b();
      const r = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "registrar", password: `wrong-password-${i}` }),
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("seals the audit written through both into one valid chain, each entry once", async () => {
    const cookies = [
      await signIn(a(), "admin", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now)),
      await signIn(b(), "unitadmin", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now)),
    ];
    // Audited reads on both instances at once, while both sealers run every second.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${bases[i % 2]}/api/v1/users?limit=5`, { headers: { cookie: cookies[i % 2] ?? "" } }).then(
          (r) => expect(r.status).toBe(200),
        ),
      ),
    );
    const db = await openPostgres(dbUrl, 2);
    try {
      let unsealed = 1;
      for (let i = 0; i < 60 && unsealed > 0; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const rows = await db.ownerQuery(
          "SELECT count(*)::int AS n FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = l.id)",
        );
        unsealed = Number(rows[0]?.n);
      }
      expect(unsealed).toBe(0);
      const dup = await db.ownerQuery(
        "SELECT audit_id FROM audit_chain GROUP BY audit_id HAVING count(*) > 1",
      );
      expect(dup).toEqual([]);
      const report = await verifyAudit(db);
      expect(report.ok, JSON.stringify(report.firstBad)).toBe(true);
      expect(report.checked).toBeGreaterThan(40);
    } finally {
      await db.close();
    }
  }, 120_000);
});
