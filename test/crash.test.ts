import { describe, expect, it } from "vitest";
import { crashTrial } from "../bench/crash-trial.js";
import { DB_KINDS } from "./support/db.js";
import { scratchDatabase } from "./support/scratch-db.js";

/**
 * Crash safety with real server processes (bench/crash-trial.ts): SIGKILL at random moments during
 * acknowledged writes (applications with Idempotency-Key retries, decisions read back after a 409),
 * restart, then no acknowledged write lost, none stored twice, a valid audit chain and no work item
 * half made. CI runs SHEKARA_CRASH_WRITES writes (default 150 on PostgreSQL, 60 on PGlite, whose
 * restarts wait for the killed holder's lock to go stale); `npm run bench -- crash` runs 10,000.
 */
describe.each(DB_KINDS)("crash safety on %s", (kind) => {
  it("loses no acknowledged write, duplicates none and keeps the audit chain valid across SIGKILLs", async () => {
    const writes = Number(process.env.SHEKARA_CRASH_WRITES ?? (kind === "postgres" ? 150 : 60));
    let databaseUrl: string | undefined;
    let drop: () => Promise<void> = async () => {};
    if (kind === "postgres") {
      const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL ?? "", "shekara_crash");
      databaseUrl = scratch.url;
      drop = scratch.drop;
    }
    try {
      const report = await crashTrial({
        writes,
        databaseUrl,
        killEveryMs: kind === "postgres" ? 1500 : 6000,
      });
      process.stdout.write(`crash ${kind}: ${JSON.stringify(report)}\n`);
      expect(report.problems).toEqual([]);
      expect(report.kills).toBeGreaterThan(0);
      expect(report.acked.applications).toBe(Math.round(writes * 0.5));
      expect(report.acked.decisions).toBeGreaterThan(0);
      expect(report.acked.messages).toBe(Math.round(writes * 0.15));
      expect(report.acked.handovers).toBe(
        writes - Math.round(writes * 0.5) - Math.round(writes * 0.2) - Math.round(writes * 0.15),
      );
      expect(report.auditOk).toBe(true);
    } finally {
      await drop();
    }
  }, 600_000);
});
