import type { FastifyInstance } from "fastify";
import { systemClock } from "../adapters/clock.js";
import { type Database, openDatabase } from "../adapters/db/index.js";
import { createLogger, type Logger } from "../adapters/logger.js";
import { type Notifier, outboxNotifier } from "../adapters/notify.js";
import { loadSigner, type Signer } from "../adapters/signer.js";
import { type FileStorage, localFileStorage } from "../adapters/storage.js";
import type { Config } from "../config.js";
import type { Clock } from "../core/clock.js";
import { loadDemoCases } from "../demo/passes.js";
import { loadDemoData } from "../demo/seed.js";
import { buildApp } from "../http/app.js";
import { sealRound } from "../services/audit/audit.service.js";
import { signAuditHead } from "../services/audit/head.service.js";
import type { Deps } from "../services/context.js";
import { exchangeTick } from "../services/exchange/jobs.js";
import { scanReminders } from "../services/passes/reminders.service.js";
import { ensureZoneNameKeys } from "../services/reference/zone.service.js";
import { ensureDefaultRuleSets } from "../services/rules/rules.service.js";
import { ensureRecordIndex } from "../services/screening/record-index.service.js";
import { escalateOverdue } from "../services/special/foreigners.service.js";
import { every } from "./jobs.js";

/** How soon the sealer runs again after a round that sealed something. */
const SEAL_BUSY_MS = 100;

/** A running Shekara: the app, its adapters and a stop function. */
export interface Shekara {
  app: FastifyInstance;
  deps: Deps;
  demoLoaded: boolean;
  stop(): Promise<void>;
}

/** Opens the database, migrates, loads demo data when configured, and builds the app (not listening). */
export async function startShekara(
  config: Config,
  opts: {
    clock?: Clock;
    logger?: Logger;
    database?: Database;
    files?: FileStorage;
    signer?: Signer;
    notifier?: Notifier;
    sealEveryMs?: number;
    escalateEveryMs?: number;
    /** How often deadline reminders are scanned for (C-5); 0 turns the scan off. */
    remindEveryMs?: number;
    /** How often the exchange's obligations, escalations and outbox relay run (X p.5); 0 = never. */
    exchangeEveryMs?: number;
  } = {},
): Promise<Shekara> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const database = opts.database ?? (await openDatabase(config));
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps: Deps = {
    config,
    database,
    clock: opts.clock ?? systemClock,
    logger,
    files: opts.files ?? localFileStorage(config.filesDir),
    signer: opts.signer ?? loadSigner(config.signingKey, config.dataDir),
    notifier: opts.notifier ?? outboxNotifier({ demo: config.demo }),
  };
  await database.tx({ unitPaths: [], all: true }, (tx) => ensureDefaultRuleSets(tx, deps.clock.now()));
  const folded = await ensureZoneNameKeys(deps);
  if (folded > 0) logger.info({ entries: folded }, "zone list names folded for the search in any spelling");
  const rekeyed = await ensureRecordIndex(deps);
  if (rekeyed > 0) logger.info({ records: rekeyed }, "screening index re-keyed to the current key format");
  const demoLoaded = config.demo ? await loadDemoData(deps) : false;
  if (demoLoaded && config.demoCases) await loadDemoCases(deps);
  const app = await buildApp(deps);

  // Background jobs; each is safe with several instances (advisory locks or SKIP LOCKED).
  // The sealer chains committed audit entries and signs the new head; one instance seals at a time.
  // While entries keep coming it seals again after SEAL_BUSY_MS: a round a second under load
  // chained a second's entries (2,700 at the bench's rate) in one burst of hashing and queries,
  // which stalled every request in flight (session 13: p99 lower in seven alternated pairs of nine).
  const sealEveryMs = opts.sealEveryMs ?? 1000;
  const sealer = every(
    sealEveryMs,
    "audit sealing",
    async () => {
      const sealed = await sealRound(database);
      await signAuditHead(deps);
      return sealed;
    },
    logger,
    Math.min(SEAL_BUSY_MS, sealEveryMs),
  );
  const jobs = [
    // Overdue NSC answers on foreigners' permits are escalated to the superior (Z p.17).
    every(opts.escalateEveryMs ?? 60_000, "NSC escalation scan", () => escalateOverdue(deps), logger),
    // Deadline reminders to pass holders (C-5, Z-24, Z-27).
    every(opts.remindEveryMs ?? 15 * 60 * 1000, "reminder scan", () => scanReminders(deps), logger),
    // Inter-agency exchange (X p.5): obligations from the rules, escalation of overdue ones, outbox relay.
    every(
      opts.exchangeEveryMs ?? config.exchangeIntervalMs,
      "exchange jobs",
      () => exchangeTick(deps),
      logger,
    ),
  ];

  let stopped = false;
  return {
    app,
    deps,
    demoLoaded,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(jobs.map((job) => job.stop()));
      await app.close(); // stops accepting, lets in-flight requests finish
      await sealer.stop();
      await sealRound(database).catch(() => 0);
      await database.close();
    },
  };
}
