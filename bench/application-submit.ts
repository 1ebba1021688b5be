import { DEMO_PASSWORD } from "../src/core/demo.js";
import { localDate } from "../src/core/time.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { type Benchmark, figure, load, percentiles, signIn } from "./harness.js";
import { loadHttp } from "./http-load.js";
import { postgresCpu } from "./pg-cpu.js";
import { withBenchServer } from "./server.js";

/** 36 Cyrillic letters, one for each base-36 digit of a run's id. */
const CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұ";
/** Unmeasured load before each measured phase. */
const WARMUP_MS = 3000;

/**
 * Audited application submissions through HTTP (validation, session, eligibility engine, action
 * log, projection, audit entry — concurrent ones group-committed) against a raw single-row INSERT with the
 * same concurrency on the same database. Submissions ask for the receipt (`Prefer: return=minimal`)
 * as the web client does.
 */
export const applicationSubmit: Benchmark = {
  name: "application-submit",
  description: "audited application submissions through HTTP vs a raw single-row INSERT",
  async run({ durationMs, concurrency, log }) {
    return withBenchServer(concurrency, log, durationMs, async ({ database, base }) => {
      const cookie = await signIn(base, "officer", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now));
      const departure = localDate(new Date(Date.now() + 30 * 86_400_000));
      await database.ownerQuery(
        "CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), surname text NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
      );
      const rawInsert = async (i: number) => {
        await database.ownerQuery("INSERT INTO bench_raw (surname, data) VALUES ($1, $2)", [`R${i}`, { i }]);
      };
      // Each phase is measured after a warm-up of the same load: the first seconds of a new process
      // go to compiling the hot path (a quarter of the server's CPU in a 10-second phase).
      log("baseline: raw INSERT …");
      await load(rawInsert, concurrency, WARMUP_MS);
      const rawPg = await postgresCpu(database);
      const rawCpu0 = process.cpuUsage();
      const raw = await load(rawInsert, concurrency, durationMs);
      const rawCpuUsage = process.cpuUsage(rawCpu0);
      const rawPgMs = await rawPg?.();
      log("HTTP: POST /api/v1/applications …");
      const submissions = (run: string) => {
        // New people in every run: a surname seen in an earlier run against the same database would
        // find that run's applications and time the overlap check instead of a first submission.
        const tag = [...run].map((c) => CYRILLIC[Number.parseInt(c, 36)] ?? "").join("");
        const body = {
          data: {
            applicant: {
              surname: `Бенчмарк${tag}{i}`,
              givenName: "Сынақ",
              birthYear: 1985,
              citizenship: "KZ",
              identityDocument: { kind: "ID_CARD", number: `${run}{i}` },
            },
            children: [],
            purpose: "TEMPORARY_STAY",
            destinations: ["334853100"],
            departureDate: departure,
            stayDays: 10,
          },
        };
        return {
          url: `${base}/api/v1/applications`,
          method: "POST",
          // As the web client submits: it reads the case on its own page, so it takes the receipt.
          // SHEKARA_BENCH_FULL_ANSWER=1 asks for the whole case instead, as other API clients may.
          headers: {
            cookie,
            "content-type": "application/json",
            "idempotency-key": `${run}-{i}-bench`,
            ...(process.env.SHEKARA_BENCH_FULL_ANSWER === "1" ? {} : { prefer: "return=minimal" }),
          },
          body: JSON.stringify(body),
          status: 201,
        };
      };
      await loadHttp(submissions(`${Date.now().toString(36)}w`), concurrency, WARMUP_MS);
      // The client runs in its own process: on a small machine, a client in the server's event loop
      // would be measured as server latency. CPU time and transactions are counted server side,
      // figures that a machine shared with other work disturbs far less than wall-clock ones.
      // Transactions the server opens, counted at the adapter (the database's own counters lag
      // behind on a busy machine and include the background audit sealer).
      let transactions = 0;
      const counted = database as { tx: typeof database.tx; call: typeof database.call };
      const tx = database.tx.bind(database);
      const call = database.call.bind(database);
      counted.tx = (scope, fn) => {
        transactions += 1;
        return tx(scope, fn);
      };
      // A hot-path function call is a statement of its own, and so a transaction.
      counted.call = (fn, scope, args) => {
        transactions += 1;
        return call(fn, scope, args);
      };
      const httpPg = await postgresCpu(database);
      const cpu0 = process.cpuUsage();
      const http = await loadHttp(submissions(Date.now().toString(36)), concurrency, durationMs);
      const cpu = process.cpuUsage(cpu0);
      const httpPgMs = await httpPg?.();
      const xactPerRequest = transactions;
      const done = http.latencies.length + http.errors;
      if (http.errors > 0) log(`HTTP errors: ${http.errors} (first: ${String(http.first)})`);
      const cpuMs = (usage: NodeJS.CpuUsage, ops: number) =>
        (usage.user + usage.system) / 1000 / Math.max(1, ops);
      const rawDone = raw.latencies.length + raw.errors;
      const h = percentiles(http.latencies);
      const r = percentiles(raw.latencies);
      log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
      return [
        figure("application-submit", "throughput", http.perSecond, "ops/s", raw.perSecond),
        figure("application-submit", "p50 latency", h.p50, "ms", r.p50),
        figure("application-submit", "p95 latency", h.p95, "ms", r.p95),
        figure("application-submit", "p99 latency", h.p99, "ms", r.p99),
        figure("application-submit", "errors", http.errors, "count", raw.errors),
        figure(
          "application-submit",
          "server CPU per request",
          cpuMs(cpu, done),
          "ms",
          cpuMs(rawCpuUsage, rawDone),
        ),
        // PostgreSQL's own CPU, and the load client's (the baseline's client is the server's pool).
        ...(httpPgMs === undefined || rawPgMs === undefined
          ? []
          : [
              figure(
                "application-submit",
                "PostgreSQL CPU per request",
                httpPgMs / Math.max(1, done),
                "ms",
                rawPgMs / Math.max(1, rawDone),
              ),
            ]),
        figure(
          "application-submit",
          "load client CPU per request",
          http.cpu / 1000 / Math.max(1, done),
          "ms",
          0,
        ),
        figure(
          "application-submit",
          "transactions per request",
          xactPerRequest / Math.max(1, done),
          "count",
          1,
        ),
      ];
    });
  },
};
