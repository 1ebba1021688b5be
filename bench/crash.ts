import { crashTrial } from "./crash-trial.js";
import { type Benchmark, figure } from "./harness.js";

/**
 * `npm run bench -- crash`: the full crash-safety trial, 10,000 acknowledged writes (SHEKARA_CRASH_WRITES
 * to change) with SIGKILLs at random moments, on DATABASE_URL when set, else a PGlite data folder.
 * Fails (exit 1) on any lost or duplicated write or a broken audit chain.
 */
export const crashBench: Benchmark = {
  name: "crash",
  description: "10,000 acknowledged writes while the server is SIGKILLed at random; nothing lost or doubled",
  defaults: { seconds: 0, concurrency: 8 },
  async run({ concurrency, log }) {
    const writes = Number(process.env.SHEKARA_CRASH_WRITES ?? 10_000);
    const report = await crashTrial({ writes, databaseUrl: process.env.DATABASE_URL, concurrency, log });
    log(JSON.stringify(report));
    if (report.problems.length > 0) {
      for (const p of report.problems.slice(0, 20)) log(`PROBLEM: ${p}`);
      process.exitCode = 1;
    }
    const ackedTotal = Object.values(report.acked).reduce((a, b) => a + b, 0);
    return [
      figure("crash", "acknowledged writes", ackedTotal, "count", writes),
      figure("crash", "SIGKILLs", report.kills, "count", report.kills),
      figure("crash", "problems (lost, doubled, half-made)", report.problems.length, "count", 0),
      figure("crash", "audit entries verified", report.auditChecked, "count", report.auditChecked),
      figure(
        "crash",
        "writes per second incl. restarts",
        ackedTotal / report.seconds,
        "ops/s",
        ackedTotal / report.seconds,
      ),
    ];
  },
};
