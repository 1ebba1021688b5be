import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/adapters/db/index.js";
import { openPglite } from "../src/adapters/db/pglite.js";
import { openPostgres } from "../src/adapters/db/postgres.js";
import { DEMO_PASSWORD } from "../src/core/demo.js";
import { sealAudit, verifyAudit } from "../src/services/audit/audit.service.js";
import { DEMO_TOTP_SECRET } from "../src/services/auth/demo-secret.js";
import { totpCode } from "../src/services/auth/totp.js";
import { signIn } from "./harness.js";

/**
 * Crash safety (issue #10): a real server process (the same entry as `npm start`) is killed with
 * SIGKILL at random moments while clients make acknowledged writes; every write is retried until
 * acknowledged, with its Idempotency-Key (or, for state-machine steps, by reading the case back).
 * Afterwards the database must hold every acknowledged write exactly once, a valid audit chain and
 * no half-done work item. Writers are a list: messages and handovers join by adding one.
 */

// The server runs as ONE process (node with tsx's loader), so SIGKILL hits the server itself and not
// a wrapper that would leave it running.
const SERVER_ARGS = ["--import", "tsx", "src/server/main.ts"];

/** What a writer may use: the current server address and signed-in users. */
export interface WriterContext {
  base: () => string;
  cookies: Record<string, string>;
  /** A request retried across crashes until the server answers (any status). */
  call: (
    method: string,
    url: string,
    cookie: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; json: unknown }>;
  /** Applications acknowledged so far (ids), for writers that act on them. */
  applications: string[];
  unitId: string;
  /** The IAB unit that receives handover acts from the border post. */
  iabUnitId: string;
}

/** One kind of acknowledged write and how to check it after the crashes. */
export interface CrashWriter {
  name: string;
  /** Makes write number `i` and resolves once it is acknowledged; returns what to check later. */
  write(ctx: WriterContext, i: number): Promise<string | undefined>;
  /** Problems found in the database for the acknowledged writes (empty = all there, once). */
  verify(db: Database, acked: string[]): Promise<string[]>;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Applications at the counter (Idempotency-Key retries). */
export const applicationWriter: CrashWriter = {
  name: "applications",
  async write(ctx, i) {
    const key = `crash-${i}-${process.pid}`;
    const body = {
      unitId: ctx.unitId,
      data: {
        applicant: {
          surname: `Апат${i}`,
          givenName: "Тест",
          birthYear: 1980 + (i % 30),
          citizenship: "KZ",
          identityDocument: { kind: "ID_CARD", number: `C${i}` },
        },
        children: [],
        purpose: "TEMPORARY_STAY",
        destinations: ["334853100"],
        departureDate: day(30),
        stayDays: 5,
      },
    };
    for (;;) {
      const r = await ctx.call("POST", "/api/v1/applications", ctx.cookies.officer ?? "", body, {
        "idempotency-key": key,
      });
      if (r.status === 200 || r.status === 201) {
        const id = (r.json as { id: string }).id;
        ctx.applications.push(id);
        return `${key} ${id}`;
      }
      if (r.status !== 503) throw new Error(`application ${i}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    }
  },
  async verify(db, acked) {
    const problems = await verifyKeyed(db, acked, "application", "applications");
    // No work item half made: every application has its submission in the action log and an audit entry.
    const orphans = await db.ownerQuery(
      `SELECT a.id FROM applications a WHERE a.idempotency_key LIKE 'crash-%' AND (
         NOT EXISTS (SELECT 1 FROM application_actions x WHERE x.application_id = a.id AND x.type = 'SUBMITTED')
         OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.object_id = a.id::text))`,
    );
    for (const o of orphans) problems.push(`application ${o.id} without its submission or audit entry`);
    return problems;
  },
};

/** Decisions: check recorded, then approval by the head; a retry that finds the step done reads it back. */
export const decisionWriter: CrashWriter = {
  name: "decisions",
  async write(ctx, i) {
    const id = ctx.applications[i % Math.max(1, ctx.applications.length)];
    if (!id) return undefined;
    ctx.applications.splice(ctx.applications.indexOf(id), 1); // one decision per case
    const read = async () =>
      (await ctx.call("GET", `/api/v1/applications/${id}`, ctx.cookies.officer ?? "")).json as {
        status: string;
        actions: unknown[];
      };
    const step = async (who: string, type: string, payload: unknown, done: string[]) => {
      for (let refused = 0; ; ) {
        const seen = await read();
        if (done.includes(seen.status)) return;
        // If-Match: a retry of a step that committed before the crash is refused, never recorded twice.
        const r = await ctx.call(
          "POST",
          `/api/v1/applications/${id}/actions`,
          ctx.cookies[who] ?? "",
          { type, payload },
          { "if-match": String(seen.actions.length) },
        );
        if (r.status === 200) return;
        // 409: the case moved on (or the step is not allowed); reading it back tells whether it was ours.
        if (r.status === 409) refused += 1;
        if ((r.status !== 409 && r.status !== 503) || refused > 3) {
          throw new Error(`${type} ${id}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
        }
      }
    };
    await step("officer", "CHECK_RECORDED", { result: "CLEAR", evidence: "crash test" }, [
      "CHECKED",
      "APPROVED",
    ]);
    await step(
      "head",
      "APPROVED",
      { validFrom: day(30), validUntil: day(34), places: ["334853100"], clauses: ["Z p.31"] },
      ["APPROVED"],
    );
    return id;
  },
  async verify(db, acked) {
    const problems: string[] = [];
    if (acked.length === 0) return problems;
    const rows = await db.ownerQuery(
      `SELECT application_id::text AS id, type, count(*)::int AS n FROM application_actions
       WHERE application_id = ANY($1::uuid[]) AND type IN ('CHECK_RECORDED', 'APPROVED') GROUP BY 1, 2`,
      [acked],
    );
    const seen = new Map(rows.map((r) => [`${r.id} ${r.type}`, Number(r.n)]));
    const status = new Map(
      (
        await db.ownerQuery("SELECT id::text AS id, status FROM applications WHERE id = ANY($1::uuid[])", [
          acked,
        ])
      ).map((r) => [String(r.id), String(r.status)]),
    );
    for (const id of acked) {
      for (const type of ["CHECK_RECORDED", "APPROVED"]) {
        const n = seen.get(`${id} ${type}`) ?? 0;
        if (n !== 1) problems.push(`case ${id}: ${type} recorded ${n} times`);
      }
      if (status.get(id) !== "APPROVED")
        problems.push(`case ${id}: status ${status.get(id)} after its approval`);
    }
    return problems;
  },
};

/**
 * Checks writes made with an Idempotency-Key: each acknowledged key is stored exactly once, under
 * the id the client was given, and nothing else carries a trial key.
 */
async function verifyKeyed(db: Database, acked: string[], what: string, table: string): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.ownerQuery(
    `SELECT id::text AS id, idempotency_key AS key FROM ${table} WHERE idempotency_key LIKE 'crash-%'`,
  );
  const byKey = new Map<string, string[]>();
  for (const r of rows) byKey.set(String(r.key), [...(byKey.get(String(r.key)) ?? []), String(r.id)]);
  for (const a of acked) {
    const [key, id] = a.split(" ");
    const found = byKey.get(key ?? "") ?? [];
    if (!found.includes(id ?? "")) problems.push(`${what} ${key} (${id}) acknowledged but lost`);
    if (found.length > 1) problems.push(`${what} ${key} stored ${found.length} times`);
  }
  return problems;
}

/** Posts until acknowledged (2xx), retrying the same request with its key across restarts. */
async function keyedPost(
  ctx: WriterContext,
  what: string,
  url: string,
  who: string,
  key: string,
  body: unknown,
): Promise<string> {
  for (;;) {
    const r = await ctx.call("POST", url, ctx.cookies[who] ?? "", body, { "idempotency-key": key });
    if (r.status >= 200 && r.status < 300) return `${key} ${(r.json as { id: string }).id}`;
    // 503: the server is starting; 409: the same key raced a request that died with the server.
    if (r.status !== 503 && r.status !== 409) {
      throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    }
  }
}

/** Exchange messages from a border post (X p.5), sent with an Idempotency-Key. */
export const messageWriter: CrashWriter = {
  name: "messages",
  async write(ctx, i) {
    return keyedPost(
      ctx,
      `message ${i}`,
      "/api/v1/exchange/messages",
      "nsc",
      `crash-msg-${i}-${process.pid}`,
      {
        classId: "SEMI_ANNUAL",
        topic: "REFERENCE_MATERIALS",
        payload: { material: "REVIEW", title: `Crash review ${i}` },
      },
    );
  },
  async verify(db, acked) {
    const problems = await verifyKeyed(db, acked, "message", "exchange_messages");
    // No message half made: each has its addressees and its audit entry.
    const orphans = await db.ownerQuery(
      `SELECT m.id FROM exchange_messages m WHERE m.idempotency_key LIKE 'crash-%' AND (
         NOT EXISTS (SELECT 1 FROM exchange_addressees a WHERE a.message_id = m.id)
         OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.object_id = m.id::text))`,
    );
    for (const o of orphans) problems.push(`message ${o.id} without its addressees or audit entry`);
    return problems;
  },
};

/** Handover acts from the border post to the IAB, each with a new item, with an Idempotency-Key. */
export const handoverWriter: CrashWriter = {
  name: "handovers",
  async write(ctx, i) {
    return keyedPost(ctx, `handover ${i}`, "/api/v1/handovers", "nsc", `crash-act-${i}-${process.pid}`, {
      receiverUnitId: ctx.iabUnitId,
      place: "Khorgos",
      basis: `Crash protocol ${i}`,
      items: [{ kind: "GOODS", description: `Crash crate ${i}`, quantity: "1" }],
    });
  },
  async verify(db, acked) {
    const problems = await verifyKeyed(db, acked, "handover act", "handover_acts");
    // No act half made: each has exactly its one inventory line, an item with its first custody event.
    const orphans = await db.ownerQuery(
      `SELECT a.id FROM handover_acts a WHERE a.idempotency_key LIKE 'crash-%' AND (
         (SELECT count(*) FROM handover_act_items ai WHERE ai.act_id = a.id) <> 1
         OR NOT EXISTS (SELECT 1 FROM handover_act_items ai JOIN custody_events e ON e.item_id = ai.item_id
                        WHERE ai.act_id = a.id AND e.seq = 1)
         OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.object_id = a.id::text))`,
    );
    for (const o of orphans)
      problems.push(`handover act ${o.id} without its inventory, custody or audit entry`);
    return problems;
  },
};

/** Every writer the trial runs, in turn, with its share of the writes. */
export const CRASH_WRITERS: { writer: CrashWriter; share: number }[] = [
  { writer: applicationWriter, share: 0.5 },
  { writer: decisionWriter, share: 0.2 },
  { writer: messageWriter, share: 0.15 },
  { writer: handoverWriter, share: 0.15 },
];

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** The server process under test: started, SIGKILLed and restarted on one port. */
export class ServerProcess {
  child: ChildProcess | undefined;
  up: Promise<void> = Promise.resolve();
  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly log: (line: string) => void,
    /** Node arguments: the TypeScript sources by default; the built server for memory figures. */
    readonly args: readonly string[] = SERVER_ARGS,
  ) {}

  /** Starts the server, retrying while a killed PGlite holder's lock is not yet stale. */
  start(): Promise<void> {
    this.up = (async () => {
      for (let attempt = 0; ; attempt++) {
        const child = spawn(process.execPath, [...this.args], {
          env: this.env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        this.child = child;
        const ok = await new Promise<boolean>((resolve) => {
          let seen = "";
          const onData = (chunk: Buffer) => {
            seen += chunk.toString();
            if (/running at/.test(seen)) resolve(true);
          };
          child.stdout?.on("data", onData);
          child.stderr?.on("data", onData);
          child.on("exit", () => {
            if (attempt > 30) this.log(seen);
            resolve(false);
          });
        });
        if (ok) return;
        if (attempt > 40) throw new Error("the server did not come back");
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return this.up;
  }

  kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    child.kill("SIGKILL");
    return exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    child.kill("SIGTERM");
    await exited;
  }
}

/** The outcome of one trial. */
export interface CrashReport {
  kind: "pglite" | "postgres";
  writes: number;
  kills: number;
  acked: Record<string, number>;
  problems: string[];
  auditOk: boolean;
  auditChecked: number;
  seconds: number;
}

/**
 * Runs `writes` acknowledged writes (split among the writers) from `concurrency` clients while
 * the server is SIGKILLed every `killEveryMs` (randomized ±50 %), then checks the database.
 * `databaseUrl` selects PostgreSQL (a database of its own); otherwise a PGlite data folder is used.
 */
export async function crashTrial(opts: {
  writes: number;
  databaseUrl?: string | undefined;
  concurrency?: number;
  killEveryMs?: number;
  log?: (line: string) => void;
}): Promise<CrashReport> {
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-crash-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SHEKARA_DATA_DIR: dataDir,
    SHEKARA_DEMO: "1",
    LOG_LEVEL: "fatal",
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const kind = opts.databaseUrl ? "postgres" : "pglite";
  const server = new ServerProcess(env, log);
  const base = `http://127.0.0.1:${port}`;
  let kills = 0;
  let done = false;
  try {
    await server.start();
    const cookies = {
      officer: await signIn(base, "officer", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now)),
      head: await signIn(base, "head", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now)),
      nsc: await signIn(base, "nsc", DEMO_PASSWORD, (now) => totpCode(DEMO_TOTP_SECRET, now)),
    };
    const units = (await (
      await fetch(`${base}/api/v1/units`, { headers: { cookie: cookies.officer } })
    ).json()) as {
      items: { id: string; code: string }[];
    };
    const unitId = units.items.find((u) => u.code === "DEMO-IAB-PANFILOV")?.id ?? "";

    const call: WriterContext["call"] = async (method, url, cookie, body, headers = {}) => {
      for (;;) {
        await server.up;
        try {
          const r = await fetch(`${base}${url}`, {
            method,
            headers: { cookie, ...(body ? { "content-type": "application/json" } : {}), ...headers },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          const json = await r.json().catch(() => ({}));
          return { status: r.status, json };
        } catch {
          // The connection died with the server: wait for the restart, then retry the same request.
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const ctx: WriterContext = {
      base: () => base,
      cookies,
      call,
      applications: [],
      unitId,
      iabUnitId: unitId,
    };

    // The killer: SIGKILL at random moments, restart at once.
    const killEvery = opts.killEveryMs ?? (kind === "pglite" ? 8000 : 1500);
    // The first kill also comes after a random share of the writes, so a fast run is killed at least once.
    let triggerFirstKill: () => void = () => undefined;
    const firstKill = new Promise<void>((resolve) => {
      triggerFirstKill = resolve;
    });
    const killer = (async () => {
      while (!done) {
        const timer = new Promise((r) => setTimeout(r, killEvery * (0.5 + Math.random())));
        await (kills === 0 ? Promise.race([timer, firstKill]) : timer);
        if (done) break;
        await server.kill();
        kills += 1;
        log(`killed the server (${kills})`);
        await server.start();
      }
    })();

    // Each writer its share of the writes; decisions act on applications acknowledged before them.
    const acked: Record<string, string[]> = Object.fromEntries(CRASH_WRITERS.map((w) => [w.writer.name, []]));
    const plan: { writer: CrashWriter; i: number }[] = [];
    let planned = 0;
    for (const [n, { writer, share }] of CRASH_WRITERS.entries()) {
      const count = n === CRASH_WRITERS.length - 1 ? opts.writes - planned : Math.round(opts.writes * share);
      for (let i = 0; i < count; i++) plan.push({ writer, i });
      planned += count;
    }
    let acknowledged = 0;
    const firstKillAt = Math.max(1, Math.floor(plan.length * (0.1 + 0.4 * Math.random())));
    const progressEvery = Math.max(1, Math.floor(plan.length / 20));
    // One writer after another (decisions need acknowledged applications), clients in parallel.
    const writers = (async () => {
      for (const { writer } of CRASH_WRITERS) {
        const items = plan.filter((p) => p.writer === writer);
        let at = 0;
        await Promise.all(
          Array.from({ length: opts.concurrency ?? 8 }, async () => {
            while (at < items.length) {
              const item = items[at++];
              if (!item) break;
              const result = await item.writer.write(ctx, item.i);
              if (result) acked[item.writer.name]?.push(result);
              acknowledged += 1;
              if (acknowledged === firstKillAt) triggerFirstKill();
              if (acknowledged % progressEvery === 0)
                log(`${acknowledged} writes acknowledged, ${kills} kills`);
            }
          }),
        );
      }
    })();
    try {
      await writers;
    } finally {
      done = true; // a failed write stops the killer too
      await killer;
    }
    await server.up;
    log("writes done; stopping the server and checking the database");
    await server.stop();

    const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, 4) : await openPglite(dataDir);
    try {
      const problems: string[] = [];
      for (const { writer } of CRASH_WRITERS)
        problems.push(...(await writer.verify(db, acked[writer.name] ?? [])));
      while ((await sealAudit(db)) > 0) {
        // seal everything the killed servers left unsealed
      }
      const audit = await verifyAudit(db);
      if (!audit.ok) problems.push(`audit chain broken: ${JSON.stringify(audit.firstBad)}`);
      return {
        kind,
        writes: opts.writes,
        kills,
        acked: Object.fromEntries(Object.entries(acked).map(([k, v]) => [k, v.length])),
        problems,
        auditOk: audit.ok,
        auditChecked: audit.checked,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await db.close();
    }
  } finally {
    done = true;
    await server.kill().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
