import type { FastifyInstance } from "fastify";
import { systemClock } from "../adapters/clock.js";
import { type Database, openDatabase } from "../adapters/db/index.js";
import { createLogger, type Logger } from "../adapters/logger.js";
import { type Notifier, outboxNotifier } from "../adapters/notify.js";
import { loadSigner, type Signer } from "../adapters/signer.js";
import { type FileStorage, localFileStorage } from "../adapters/storage.js";
import type { Config } from "../config.js";
import type { Clock } from "../core/clock.js";
import { loadDemoData } from "../demo/seed.js";
import { buildApp } from "../http/app.js";
import { sealAudit } from "../services/audit/audit.service.js";
import { signAuditHead } from "../services/audit/head.service.js";
import type { Deps } from "../services/context.js";
import { exchangeTick } from "../services/exchange/jobs.js";
import { scanReminders } from "../services/passes/reminders.service.js";
import { ensureDefaultRuleSets } from "../services/rules/rules.service.js";
import { escalateOverdue } from "../services/special/foreigners.service.js";

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
  const demoLoaded = config.demo ? await loadDemoData(deps) : false;
  const app = await buildApp(deps);

  // The sealer chains committed audit entries in the background; one instance at a time seals.
  let sealing: Promise<unknown> = Promise.resolve();
  const sealTimer = setInterval(() => {
    sealing = sealAudit(database)
      .then(() => signAuditHead(deps))
      .catch((err) => logger.error({ err }, "audit sealing failed"));
  }, opts.sealEveryMs ?? 1000);
  sealTimer.unref();

  // Overdue NSC answers on foreigners' permits are escalated by a periodic scan (Z p.17); the scan
  // takes an advisory lock and skips locked rows, so several instances may run it at once.
  let escalating: Promise<unknown> = Promise.resolve();
  const escalationTimer = setInterval(() => {
    escalating = escalateOverdue(deps).catch((err) => logger.error({ err }, "NSC escalation scan failed"));
  }, opts.escalateEveryMs ?? 60_000);
  escalationTimer.unref();
  // Deadline reminders to pass holders (C-5, Z-24, Z-27): safe with several instances (advisory lock).
  let reminding: Promise<unknown> = Promise.resolve();
  const remindEvery = opts.remindEveryMs ?? 15 * 60 * 1000;
  const remindTimer =
    remindEvery > 0
      ? setInterval(() => {
          reminding = reminding
            .then(() => scanReminders(deps))
            .catch((err) => logger.error({ err }, "reminder scan failed"));
        }, remindEvery)
      : undefined;
  remindTimer?.unref();
  // Inter-agency exchange (X p.5): obligations from the rules, escalation of overdue ones, outbox relay.
  let exchanging: Promise<unknown> = Promise.resolve();
  const exchangeEveryMs = opts.exchangeEveryMs ?? config.exchangeIntervalMs;
  const exchangeTimer =
    exchangeEveryMs > 0
      ? setInterval(() => {
          exchanging = exchanging
            .then(() => exchangeTick(deps))
            .catch((err) => logger.error({ err }, "exchange jobs failed"));
        }, exchangeEveryMs)
      : undefined;
  exchangeTimer?.unref();

  let stopped = false;
  return {
    app,
    deps,
    demoLoaded,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(sealTimer);
      clearInterval(escalationTimer);
      await escalating;
      if (remindTimer) clearInterval(remindTimer);
      if (exchangeTimer) clearInterval(exchangeTimer);
      await exchanging;
      await app.close(); // stops accepting, lets in-flight requests finish
      await sealing;
      await reminding;
      await sealAudit(database).catch(() => 0);
      await database.close();
    },
  };
}
