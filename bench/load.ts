import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { freePort, ServerProcess } from "./crash-trial.js";
import { type Benchmark, figure, load, percentiles, signIn } from "./harness.js";
import { buildServer } from "./server.js";

/**
 * A mixed workload against a real server process (this process only generates load): work-queue
 * and case reads, public eligibility answers, applications and decisions, at 50 connections for
 * 60 s by default. Prints throughput, p50/p95/p99 per operation and overall, errors (target 0)
 * and the server's resident memory (target ≤ 300 MB), with GET /healthz at the same concurrency as
 * the same-run baseline. Runs on DATABASE_URL when set, else on a temporary PGlite folder. New
 * workloads (messages, handovers) join by adding an entry to OPERATIONS.
 */

interface Session {
  base: string;
  officer: string;
  head: string;
  /** A border post's duty officer, who reads the exchange inbox. */
  nsc: string;
  /** Duty officers of the three services at the checkpoint, who send exchange messages. */
  senders: string[];
  unitId: string;
  /** Applications created during the run, waiting for a decision. */
  open: string[];
  /** Applications seen, for case reads. */
  seen: string[];
}

interface Operation {
  name: string;
  weight: number;
  run(s: Session, i: number): Promise<void>;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function expectOk(response: Response, what: string): Promise<unknown> {
  const body = await response.json().catch(() => ({}));
  if (response.status >= 300)
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

const OPERATIONS: Operation[] = [
  {
    name: "read: work queue",
    weight: 30,
    async run(s) {
      const body = (await expectOk(
        await fetch(`${s.base}/api/v1/applications?queue=all&limit=50`, { headers: { cookie: s.officer } }),
        "queue",
      )) as { items: { id: string }[] };
      if (s.seen.length < 500) s.seen.push(...body.items.slice(0, 5).map((x) => x.id));
    },
  },
  {
    name: "read: case",
    weight: 25,
    async run(s, i) {
      const id = s.seen[i % Math.max(1, s.seen.length)];
      if (!id) return;
      await expectOk(
        await fetch(`${s.base}/api/v1/applications/${id}`, { headers: { cookie: s.officer } }),
        "case",
      );
    },
  },
  {
    name: "read: eligibility (public)",
    weight: 15,
    async run(s, i) {
      await expectOk(
        await fetch(`${s.base}/api/v1/eligibility`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            citizenship: "KZ",
            ageYears: 20 + (i % 50),
            residesInZone: false,
            destination: "334853100",
            departureDate: day(20),
            stayDays: 10,
            purpose: i % 2 ? "VISIT_RELATIVES" : "TOURISM",
          }),
        }),
        "eligibility",
      );
    },
  },
  {
    name: "write: application",
    weight: 20,
    async run(s, i) {
      const body = (await expectOk(
        await fetch(`${s.base}/api/v1/applications`, {
          method: "POST",
          headers: {
            cookie: s.officer,
            "content-type": "application/json",
            "idempotency-key": `load-${process.pid}-${i}`,
          },
          body: JSON.stringify({
            unitId: s.unitId,
            data: {
              applicant: {
                surname: `Жүктеме${i}`,
                givenName: "Тест",
                birthYear: 1970 + (i % 40),
                citizenship: "KZ",
                identityDocument: { kind: "ID_CARD", number: `L${i}` },
              },
              children: [],
              purpose: "TEMPORARY_STAY",
              destinations: ["334853100"],
              departureDate: day(30),
              stayDays: 5,
            },
          }),
        }),
        "application",
      )) as { id: string };
      s.open.push(body.id);
    },
  },
  {
    name: "write: decision",
    weight: 10,
    async run(s) {
      const id = s.open.shift();
      if (!id) return;
      const act = (cookie: string, type: string, payload: unknown) =>
        fetch(`${s.base}/api/v1/applications/${id}/actions`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({ type, payload }),
        });
      await expectOk(await act(s.officer, "CHECK_RECORDED", { result: "CLEAR", evidence: "load" }), "check");
      await expectOk(
        await act(s.head, "APPROVED", {
          validFrom: day(30),
          validUntil: day(34),
          places: ["334853100"],
          clauses: ["Z p.31"],
        }),
        "decision",
      );
    },
  },
  {
    name: "write: exchange message",
    weight: 5,
    async run(s, i) {
      // Advance information (X p.5.4) from the three services' duty officers: each message owes its
      // own obligation, as real traffic does (one report per unit and period, not 600 for one).
      const sender = s.senders[i % s.senders.length] ?? s.nsc;
      await expectOk(
        await fetch(`${s.base}/api/v1/exchange/messages`, {
          method: "POST",
          headers: { cookie: sender, "content-type": "application/json" },
          body: JSON.stringify({
            classId: "ADVANCE",
            topic: "DOCUMENT_CHANGES",
            payload: { change: "NEW_SPECIMEN", summary: `Load specimen ${i}` },
            eventAt: new Date(Date.now() + (1 + (i % 30)) * 86_400_000).toISOString(),
          }),
        }),
        "message",
      );
    },
  },
  {
    name: "read: exchange inbox",
    weight: 5,
    async run(s) {
      await expectOk(
        await fetch(`${s.base}/api/v1/exchange/messages?box=outbox&limit=20`, { headers: { cookie: s.nsc } }),
        "messages",
      );
    },
  },
];

/** Resident memory (MB) of the largest process in the server's process tree (tsx runs node as a child). */
function serverRssMb(rootPid: number): number {
  try {
    const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" });
    const rows = out
      .trim()
      .split("\n")
      .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
    const tree = new Set([rootPid]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [pid, ppid] of rows) {
        if (tree.has(ppid) && !tree.has(pid)) {
          tree.add(pid);
          changed = true;
        }
      }
    }
    return Math.max(...rows.filter(([pid]) => tree.has(pid)).map(([, , rss]) => rss)) / 1024;
  } catch {
    return Number.NaN;
  }
}

export const loadBench: Benchmark = {
  name: "load",
  description: "mixed reads, applications and decisions at 50 connections for 60 s; latency, errors, RSS",
  defaults: { seconds: 60, concurrency: 50 },
  async run({ durationMs, concurrency, log }) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-load-"));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHEKARA_DATA_DIR: dataDir,
      SHEKARA_DEMO: "1",
      LOG_LEVEL: "warn",
      SHEKARA_DB_POOL: String(Math.min(concurrency + 2, 60)),
    };
    // The built server, as `npm start` runs it: memory is measured without the TypeScript loader.
    buildServer(log);
    // With the Node flags of `npm start` (its heap limit makes V8 collect before RSS grows).
    const start = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.start as string;
    const flags = /node ((?:--\S+ )*)dist\/server\/main\.js/.exec(start)?.[1]?.trim().split(" ") ?? [];
    log(`node flags: ${flags.join(" ") || "(none)"}`);
    const server = new ServerProcess(env, log, [...flags.filter(Boolean), "dist/server/main.js"]);
    const base = `http://127.0.0.1:${port}`;
    try {
      await server.start();
      const pid = server.child?.pid ?? 0;
      log(
        `server pid ${pid} on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}; ${concurrency} connections`,
      );
      const totp = (now: Date) => totpCode(DEMO_TOTP_SECRET, now);
      const officer = await signIn(base, "officer", DEMO_PASSWORD, totp);
      const head = await signIn(base, "head", DEMO_PASSWORD, totp);
      const nsc = await signIn(base, "nsc", DEMO_PASSWORD, totp);
      const senders = [
        nsc,
        await signIn(base, "customs", DEMO_PASSWORD, totp),
        await signIn(base, "duty", DEMO_PASSWORD, totp),
      ];
      const units = (await (
        await fetch(`${base}/api/v1/units`, { headers: { cookie: officer } })
      ).json()) as {
        items: { id: string; code: string }[];
      };
      const s: Session = {
        base,
        officer,
        head,
        nsc,
        senders,
        unitId: units.items.find((u) => u.code === "DEMO-IAB-PANFILOV")?.id ?? "",
        open: [],
        seen: [],
      };
      const idleRss = serverRssMb(pid);

      log("baseline: GET /healthz …");
      const baseline = await load(
        async () => {
          await expectOk(await fetch(`${base}/healthz`), "healthz");
        },
        concurrency,
        Math.max(5_000, durationMs / 6),
      );

      log(`mixed workload for ${durationMs / 1000} s …`);
      const total = OPERATIONS.reduce((n, o) => n + o.weight, 0);
      const perOp = new Map(OPERATIONS.map((o) => [o.name, [] as number[]]));
      let peakRss = idleRss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, serverRssMb(pid));
      }, 1000);
      const mixed = await load(
        async (i) => {
          // Deterministic weighted choice: walk the weights until the draw falls inside one.
          let r = (i * 7919) % total;
          let op = OPERATIONS[0];
          for (const candidate of OPERATIONS) {
            if (r < candidate.weight) {
              op = candidate;
              break;
            }
            r -= candidate.weight;
          }
          if (!op) return;
          const t0 = performance.now();
          await op.run(s, i);
          perOp.get(op.name)?.push(performance.now() - t0);
        },
        concurrency,
        durationMs,
      );
      clearInterval(sampler);
      peakRss = Math.max(peakRss, serverRssMb(pid));
      if (mixed.errors > 0) log(`errors: ${mixed.errors} (first: ${String(mixed.first)})`);
      const m = percentiles(mixed.latencies);
      const b = percentiles(baseline.latencies);
      const figures = [
        figure("load", "throughput (mixed)", mixed.perSecond, "ops/s", baseline.perSecond),
        figure("load", "p50 latency", m.p50, "ms", b.p50),
        figure("load", "p95 latency", m.p95, "ms", b.p95),
        figure("load", "p99 latency", m.p99, "ms", b.p99),
        figure("load", "errors", mixed.errors, "count", baseline.errors),
        figure("load", "server RSS peak (target ≤ 300)", peakRss, "MB", idleRss),
      ];
      for (const [name, samples] of perOp) {
        const p = percentiles(samples);
        figures.push(figure("load", `${name} p95 (${samples.length} ops)`, p.p95, "ms", b.p95));
      }
      return figures;
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
