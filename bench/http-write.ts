import { DEMO_PASSWORD } from "../src/core/demo.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { type Benchmark, figure, load, percentiles, signIn } from "./harness.js";
import { withBenchServer } from "./server.js";

/**
 * An audited single-row insert through the HTTP API (POST /api/v1/units: validation, session,
 * authorization, insert and audit entry in one transaction) against a raw single-row INSERT with
 * the same concurrency on the same database.
 */
export const httpWrite: Benchmark = {
  name: "http-write",
  description: "audited single-row insert through HTTP vs a raw single-row INSERT",
  async run({ durationMs, concurrency, log }) {
    return withBenchServer(concurrency, log, durationMs, async ({ database, base }) => {
      const cookie = await signIn(base, "admin", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now));
      const units = (await (await fetch(`${base}/api/v1/units`, { headers: { cookie } })).json()) as {
        items: { id: string; code: string }[];
      };
      const parent = units.items.find((u) => u.code === "DEMO-IAB");
      if (!parent) throw new Error("demo data missing");

      await database.ownerQuery(
        "CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), code text NOT NULL, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
      );
      const run = Date.now().toString(36);
      log("baseline: raw INSERT …");
      const raw = await load(
        async (i) => {
          await database.ownerQuery("INSERT INTO bench_raw (code, name) VALUES ($1, $2)", [
            `R${run}${i}`,
            "bench",
          ]);
        },
        concurrency,
        durationMs,
      );
      log("HTTP: POST /api/v1/units …");
      const http = await load(
        async (i) => {
          const response = await fetch(`${base}/api/v1/units`, {
            method: "POST",
            headers: { cookie, "content-type": "application/json" },
            body: JSON.stringify({
              agency: "IAB",
              parentId: parent.id,
              code: `B${run}${i}`.toUpperCase(),
              nameKk: "Бенчмарк бөлімшесі",
              nameRu: "Бенчмарк подразделение",
              timeZone: "Asia/Almaty",
            }),
          });
          if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        },
        concurrency,
        durationMs,
      );
      if (http.errors > 0) log(`HTTP errors: ${http.errors} (first: ${String(http.first)})`);
      const h = percentiles(http.latencies);
      const r = percentiles(raw.latencies);
      return [
        figure("http-write", "throughput", http.perSecond, "ops/s", raw.perSecond),
        figure("http-write", "p50 latency", h.p50, "ms", r.p50),
        figure("http-write", "p95 latency", h.p95, "ms", r.p95),
        figure("http-write", "p99 latency", h.p99, "ms", r.p99),
        figure("http-write", "errors", http.errors, "count", raw.errors),
      ];
    });
  },
};
