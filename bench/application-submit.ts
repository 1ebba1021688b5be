import type { Database } from "../src/adapters/db/index.js";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { localDate } from "../src/core/time.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { countTransactions } from "../test/support/transactions.js";
import { type Benchmark, figure, type LoadResult, load, percentiles, signIn } from "./harness.js";
import { type HttpLoad, loadHttp } from "./http-load.js";
import { postgresCpu } from "./pg-cpu.js";
import { withBenchServer } from "./server.js";

/** 36 Cyrillic letters, one for each base-36 digit of a run's id. */
const CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұ";
/** Unmeasured load of each kind before the measured slices. */
const WARMUP_MS = 3000;
/**
 * Measured slices of each load, taken in turn (raw, HTTP, raw, HTTP, …) and added up. On a shared
 * machine whose speed drifts within a run (seen here: the same code's raw baseline from 3,200 to
 * 7,300 INSERTs/s), one phase after the other put the drift into the ratio; in turn, it weighs on
 * both sides alike.
 */
const SLICES = 3;
/** Unmeasured load at the start of each slice: 50 connections starting at once are no steady state. */
const SLICE_WARMUP_MS = 500;

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
      const submissions = (run: string) => submissionLoad(base, cookie, departure, run);
      log(`raw INSERT and HTTP POST /api/v1/applications, in turn, ${SLICES} measured slices each …`);
      // Unmeasured warm-up of both loads first: the first seconds of a new process go to compiling
      // the hot path (a quarter of the server's CPU in a 10-second phase).
      await load(rawInsert, concurrency, WARMUP_MS);
      await loadHttp(submissions(`${Date.now().toString(36)}w`), concurrency, WARMUP_MS);
      // Transactions the server opens, counted at the adapter (the database's own counters lag
      // behind on a busy machine and include the background audit sealer). The baseline's inserts
      // are owner queries, not counted here.
      const transactions = countTransactions(database);
      const raw = newTotals();
      const http = newTotals();
      const sliceMs = durationMs / SLICES;
      for (let slice = 0; slice < SLICES; slice += 1) {
        await measured(raw, database, () => load(rawInsert, concurrency, sliceMs, SLICE_WARMUP_MS));
        // The client runs in its own process: on a small machine, a client in the server's event
        // loop would be measured as server latency. CPU time is counted server side, figures that
        // a machine shared with other work disturbs far less than wall-clock ones.
        const run = `${Date.now().toString(36)}${slice}`;
        await measured(http, database, () =>
          loadHttp(submissions(run), concurrency, sliceMs, SLICE_WARMUP_MS),
        );
        // The audit sealer chains a slice's last entries after it ends; that work is the
        // submissions', not the next raw slice's, so the next slice waits for it.
        await auditSealed(database);
      }
      const xactPerRequest = transactions.count();
      transactions.restore();
      // CPU and transactions are counted over every operation of the slices, warm-ups included.
      const done = http.operations;
      if (http.errors > 0) log(`HTTP errors: ${http.errors} (first: ${String(http.first)})`);
      const cpuMs = (usage: NodeJS.CpuUsage, ops: number) =>
        (usage.user + usage.system) / 1000 / Math.max(1, ops);
      const rawDone = raw.operations;
      const h = percentiles(http.latencies);
      const r = percentiles(raw.latencies);
      log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
      return [
        figure("application-submit", "throughput", perSecondOf(http), "ops/s", perSecondOf(raw)),
        figure("application-submit", "p50 latency", h.p50, "ms", r.p50),
        figure("application-submit", "p95 latency", h.p95, "ms", r.p95),
        figure("application-submit", "p99 latency", h.p99, "ms", r.p99),
        figure("application-submit", "errors", http.errors, "count", raw.errors),
        figure(
          "application-submit",
          "server CPU per request",
          cpuMs(http.cpu, done),
          "ms",
          cpuMs(raw.cpu, rawDone),
        ),
        // PostgreSQL's own CPU, and the load client's (the baseline's client is the server's pool).
        ...(http.pgMs === undefined || raw.pgMs === undefined
          ? []
          : [
              figure(
                "application-submit",
                "PostgreSQL CPU per request",
                http.pgMs / Math.max(1, done),
                "ms",
                raw.pgMs / Math.max(1, rawDone),
              ),
            ]),
        figure(
          "application-submit",
          "load client CPU per request",
          http.clientCpu / 1000 / Math.max(1, done),
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

/**
 * The submissions of one measured slice: new people in every slice, since a surname seen in an
 * earlier slice or run against the same database would find those applications and time the
 * overlap check instead of a first submission. `{i}` is the request's index.
 */
function submissionLoad(base: string, cookie: string, departure: string, run: string): HttpLoad {
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
}

/** One side's measured slices added up. */
interface Totals {
  latencies: number[];
  errors: number;
  first?: unknown;
  /** Seconds measured, as each load timed itself (a client process's start is not in it). */
  seconds: number;
  /** The server process's CPU. */
  cpu: NodeJS.CpuUsage;
  /** PostgreSQL's CPU (ms) for this database, where it can be read. */
  pgMs: number | undefined;
  /** The load client process's CPU (µs); the baseline's client is the server's own pool. */
  clientCpu: number;
  /** Operations sent in the slices, their warm-ups too: what the CPU figures were spent on. */
  operations: number;
}

function newTotals(): Totals {
  return {
    latencies: [],
    errors: 0,
    seconds: 0,
    cpu: { user: 0, system: 0 },
    pgMs: 0,
    clientCpu: 0,
    operations: 0,
  };
}

/** Runs one slice of a load and adds what it measured to `totals`. */
async function measured(
  totals: Totals,
  database: Database,
  run: () => Promise<LoadResult & { cpu?: number }>,
): Promise<void> {
  const pg = await postgresCpu(database);
  const cpu0 = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  const pgMs = await pg?.();
  for (const latency of result.latencies) totals.latencies.push(latency);
  totals.errors += result.errors;
  totals.first ??= result.first;
  if (result.perSecond > 0) totals.seconds += result.latencies.length / result.perSecond;
  totals.cpu = { user: totals.cpu.user + cpu.user, system: totals.cpu.system + cpu.system };
  totals.pgMs = pgMs === undefined || totals.pgMs === undefined ? undefined : totals.pgMs + pgMs;
  totals.clientCpu += result.cpu ?? 0;
  totals.operations += result.operations;
}

/** Waits until the audit sealer has chained every entry written so far (at most 30 s). */
async function auditSealed(database: Database): Promise<void> {
  const until = performance.now() + 30_000;
  while (performance.now() < until) {
    const [row] = await database.ownerQuery("SELECT count(*)::int AS n FROM audit_unsealed");
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the audit sealer did not catch up within 30 s");
}

/** Operations a second over all of a side's slices. */
function perSecondOf(totals: Totals): number {
  return totals.seconds > 0 ? totals.latencies.length / totals.seconds : 0;
}
