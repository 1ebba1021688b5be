import { readFile, writeFile } from "node:fs/promises";
import { Presets, SingleBar } from "cli-progress";
import { Command } from "commander";
import { eq, sql } from "drizzle-orm";
import { systemClock } from "../adapters/clock.js";
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from "../adapters/db/backup.js";
import { type Database, DataFolderLockedError, openDatabase } from "../adapters/db/index.js";
import { outboxNotifier } from "../adapters/notify.js";
import { loadSigner } from "../adapters/signer.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { AppError } from "../core/errors.js";
import { verifyPassCode } from "../core/passes/index.js";
import { localDate } from "../core/time.js";
import { users } from "../db/schema.js";
import { loadDemoCases } from "../demo/passes.js";
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from "../demo/seed.js";
import { sealAudit, verifyAudit } from "../services/audit/audit.service.js";
import { signAuditHead } from "../services/audit/head.service.js";
import {
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from "../services/auth/tokens.service.js";
import { scanReminders } from "../services/passes/reminders.service.js";
import type { RowProblem } from "../services/reference/csv.js";
import { exportReferenceAsOperator, importReferenceList } from "../services/reference/lists.service.js";
import { exportZoneList, importZoneList } from "../services/reference/zone.service.js";
import { ensureRecordIndex } from "../services/screening/record-index.service.js";
import { importRecordsFile } from "../services/screening/records.service.js";
import { escalateOverdue } from "../services/special/foreigners.service.js";
import { createUser } from "../services/users.service.js";

/** Opens the configured database, runs the work, always closes it (releasing the data-folder lock). */
async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const cliMeta = { address: "cli", requestId: undefined };

const program = new Command()
  .name("shekara")
  .description("Shekara administration: the same configuration (environment variables) as the server.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(() =>
    withDatabase(async (database) => {
      say("Applying migrations…");
      await database.migrate();
      const rekeyed = await ensureRecordIndex({ database, clock: systemClock });
      if (rekeyed > 0) say(`Screening index re-keyed: ${rekeyed} records.`);
      say("Database is up to date.");
    }),
  );

program
  .command("demo-data")
  .description("load the labelled demo data and demo logins (idempotent)")
  .action(() =>
    withDatabase(async (database, config) => {
      if (config.databaseUrl && !config.demo) {
        throw new Error("Refusing to load demo data into a server database without SHEKARA_DEMO=1.");
      }
      await database.migrate();
      const loaded = await loadDemoData({ database, clock: systemClock });
      const cases =
        loaded && config.demoCases
          ? await loadDemoCases({
              database,
              clock: systemClock,
              signer: loadSigner(config.signingKey, config.dataDir),
              notifier: outboxNotifier({ demo: true }),
            })
          : 0;
      say(loaded ? `Demo data loaded (${cases} demo pass cases).` : "Demo data was already present.");
      say(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_LOGINS.map((u) => u.login).join(", ")}`);
    }),
  );

const user = program.command("user").description("manage users");
user
  .command("create")
  .description("create a user; the password is read from SHEKARA_NEW_PASSWORD or standard input")
  .requiredOption("--login <login>", "sign-in name")
  .requiredOption("--name <fullName>", "full name as written")
  .option("--unit <code>", "code of the user's unit")
  .option("--role <role...>", "one or more roles (officer, head, system_admin, …)", [])
  .option("--locale <lang>", "interface language: kk, ru or en", "kk")
  .action((opts: { login: string; name: string; unit?: string; role: string[]; locale: string }) =>
    withDatabase(async (database) => {
      const password = process.env.SHEKARA_NEW_PASSWORD ?? (await readStdin()).trim();
      await database.migrate();
      const created = await createUser({ database, clock: systemClock }, null, cliMeta, {
        login: opts.login,
        password,
        fullName: opts.name,
        unitCode: opts.unit,
        roles: opts.role,
        locale: opts.locale,
      });
      say(`User ${opts.login} created (${created.id}).`);
    }),
  );

const token = program
  .command("token")
  .description("API tokens for other agencies' systems (Authorization: Bearer); stored only as hashes");
token
  .command("create")
  .description("create a token for a user and print it once; its scopes are the user's permissions now")
  .requiredOption("--user <login>", "the login the token acts as")
  .option("--name <name>", "what the token is for", "cli")
  .option("--expires <days>", `lifetime in days (1–${MAX_TOKEN_DAYS})`, String(DEFAULT_TOKEN_DAYS))
  .action((opts: { user: string; name: string; expires: string }) =>
    withDatabase(async (database) => {
      await database.migrate();
      const created = await createApiToken({ database, clock: systemClock }, null, cliMeta, {
        login: opts.user,
        name: opts.name,
        expiresInDays: Number(opts.expires),
      });
      say(created.token);
      process.stderr.write(
        `Token ${created.id} for ${opts.user}, expires ${created.expiresAt.toISOString()}, scopes: ${created.scopes.join(" ")}.\n` +
          "It is shown only now; store it in the other system's secrets.\n",
      );
    }),
  );
token
  .command("list")
  .description("list a user's tokens (never the secrets)")
  .requiredOption("--user <login>", "the token owner's login")
  .action((opts: { user: string }) =>
    withDatabase(async (database) => {
      const owner = await database.tx({ unitPaths: [], all: true }, (tx) =>
        tx
          .select({ id: users.id })
          .from(users)
          .where(eq(sql`lower(${users.login})`, opts.user.toLowerCase())),
      );
      const ownerId = owner[0]?.id;
      if (!ownerId) throw new Error(`no user ${opts.user}`);
      for (const t of await listApiTokens({ database }, ownerId)) {
        const state = t.revokedAt ? "revoked" : t.expiresAt <= systemClock.now() ? "expired" : "active";
        say(`${t.id}  ${state}  ${t.name}  expires ${t.expiresAt.toISOString()}`);
      }
    }),
  );
token
  .command("revoke")
  .description("revoke a token by its id")
  .argument("<id>", "the token id (from token list)")
  .action((id: string) =>
    withDatabase(async (database) => {
      await revokeApiToken({ database, clock: systemClock }, null, cliMeta, id);
      say(`Token ${id} revoked.`);
    }),
  );

const reference = program
  .command("reference")
  .description("reference data: the border zone (Z-1), NSC officials (Z-2), places (Z-3)");
reference
  .command("import")
  .description("import a CSV file, all or nothing; the report names every bad row and why")
  .argument("<kind>", "zone | officials | places")
  .argument("<file>", "CSV file with a header row")
  .option("--effective-from <date>", "zone: the date the list takes effect (YYYY-MM-DD)")
  .option("--basis-kk <text>", "zone: legal basis in Kazakh (the Government decree)")
  .option("--basis-ru <text>", "zone: legal basis in Russian")
  .action(
    (kind: string, file: string, opts: { effectiveFrom?: string; basisKk?: string; basisRu?: string }) =>
      withDatabase(async (database) => {
        const csv = await readFile(file, "utf8");
        await database.migrate();
        const bar = new SingleBar(
          { format: "{bar} {percentage}% | {value}/{total} rows", hideCursor: true },
          Presets.shades_classic,
        );
        let started = false;
        const onProgress = (done: number, total: number) => {
          if (!started && process.stdout.isTTY) {
            bar.start(total, 0);
            started = true;
          }
          if (started) bar.update(done);
        };
        const deps = { database, clock: systemClock };
        try {
          if (kind === "zone") {
            if (!opts.effectiveFrom || !opts.basisKk || !opts.basisRu) {
              throw new Error("zone import needs --effective-from, --basis-kk and --basis-ru");
            }
            const report = await importZoneList(
              deps,
              null,
              cliMeta,
              {
                csv,
                effectiveFrom: opts.effectiveFrom,
                basisKk: opts.basisKk,
                basisRu: opts.basisRu,
              },
              onProgress,
            );
            if (started) bar.stop();
            say(
              `Zone list from ${report.effectiveFrom}: ${report.rows} rows; ${report.added} added, ${report.changed} changed, ${report.removed} removed, ${report.unchanged} unchanged.`,
            );
          } else if (kind === "officials" || kind === "places") {
            const report = await importReferenceList(deps, null, cliMeta, kind, csv, { onProgress });
            if (started) bar.stop();
            say(`${kind}: ${report.rows} rows; ${report.added} added, ${report.updated} updated.`);
          } else {
            throw new Error(`unknown kind ${kind}: zone, officials or places`);
          }
        } catch (err) {
          if (started) bar.stop();
          if (err instanceof AppError && err.code === "IMPORT_REJECTED") {
            process.stderr.write(`Nothing was imported. ${(err.details ?? []).length} problem(s):\n`);
            for (const p of (err.details ?? []) as RowProblem[])
              process.stderr.write(`  line ${p.line}, ${p.field}: ${p.reason.en}\n`);
            process.exitCode = 2;
            return;
          }
          throw err;
        }
      }),
  );
reference
  .command("export")
  .description("write a reference list as CSV (the import's columns) to standard output or --out")
  .argument("<kind>", "zone | officials | places")
  .option("--at <date>", "zone: the list in force at this date (default today)")
  .option("--out <file>", "write to this file instead of standard output")
  .action((kind: string, opts: { at?: string; out?: string }) =>
    withDatabase(async (database) => {
      const deps = { database };
      let csv: string;
      if (kind === "zone") csv = await exportZoneList(deps, opts.at ?? localDate(new Date()));
      else if (kind === "officials" || kind === "places") csv = await exportReferenceAsOperator(deps, kind);
      else throw new Error(`unknown kind ${kind}: zone, officials or places`);
      if (opts.out) {
        await writeFile(opts.out, csv);
        say(`Written ${opts.out}.`);
      } else process.stdout.write(csv);
    }),
  );

const recordsCommand = program
  .command("records")
  .description("the records screening registry (police and NSC lists)");
recordsCommand
  .command("import")
  .description(
    "import a CSV (id,names,birth_date,document_number,iin,reason,source,valid_until; names split by |): " +
      "all rows are validated first and a bad file writes nothing (exit code 2); existing ids are replaced",
  )
  .argument("<file>", "CSV file with a header row")
  .action((file: string) =>
    withDatabase(async (database) => {
      await database.migrate();
      await ensureRecordIndex({ database, clock: systemClock });
      const bar = new SingleBar(
        { format: "{phase} {bar} {percentage}% | {value}/{total} rows", hideCursor: true },
        Presets.shades_classic,
      );
      let phase: "validate" | "write" | undefined;
      const tty = process.stdout.isTTY;
      const started = Date.now();
      try {
        const report = await importRecordsFile(
          { database, clock: systemClock },
          null,
          cliMeta,
          file,
          (p, done, total) => {
            if (p === "validate") {
              if (tty && total === 0) process.stdout.write(`\rvalidating… ${done} rows`);
              return;
            }
            if (phase !== "write") {
              phase = "write";
              if (tty) {
                process.stdout.write("\n");
                bar.start(total, 0, { phase: "writing" });
              }
            }
            if (tty) bar.update(done, { phase: "writing" });
          },
        );
        if (phase === "write" && tty) bar.stop();
        const seconds = (Date.now() - started) / 1000;
        say(
          `Records: ${report.rows} rows; ${report.added} added, ${report.updated} replaced (${seconds.toFixed(1)} s).`,
        );
      } catch (err) {
        if (phase === "write" && tty) bar.stop();
        if (err instanceof AppError && err.code === "IMPORT_REJECTED") {
          if (tty) process.stdout.write("\n");
          process.stderr.write(`Nothing was imported. ${err.message}\n`);
          for (const p of (err.details ?? []) as RowProblem[])
            process.stderr.write(`  line ${p.line}, ${p.field}: ${p.reason.en}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    }),
  );
recordsCommand
  .command("reindex")
  .description("rebuild every record's screening index keys (done on start when the key format changed)")
  .action(() =>
    withDatabase(async (database) => {
      await database.migrate();
      const started = Date.now();
      const count = await ensureRecordIndex(
        { database, clock: systemClock },
        {
          force: true,
          progress: (done) => {
            if (process.stdout.isTTY) process.stdout.write(`\rre-keying… ${done} records`);
          },
        },
      );
      if (process.stdout.isTTY) process.stdout.write("\n");
      say(`Screening index rebuilt: ${count} records (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    }),
  );

program
  .command("escalate-nsc")
  .description("escalate foreigners' cases whose NSC answer is overdue (Z p.17); safe beside running servers")
  .action(() =>
    withDatabase(async (database) => {
      const n = await escalateOverdue({ database, clock: systemClock });
      say(`Escalated ${n} overdue case(s).`);
    }),
  );

program
  .command("backup")
  .description(
    "write a consistent backup: PostgreSQL via pg_dump (custom format), embedded via a dump under the folder lock",
  )
  .requiredOption("--out <file>", "backup file to write")
  .action(async (opts: { out: string }) => {
    const config = loadConfig();
    const size = config.databaseUrl
      ? backupPostgres(config.databaseUrl, opts.out)
      : await backupPglite(config.dataDir, opts.out);
    say(`Backup written to ${opts.out} (${size} bytes).`);
  });

program
  .command("restore")
  .description("restore a backup into an empty database (a new PostgreSQL database or an empty data folder)")
  .argument("<file>", "backup file made by `shekara backup`")
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl) await restorePostgres(config.databaseUrl, file);
    else await restorePglite(config.dataDir, file);
    say(
      "Restored. Run `shekara audit verify` to check the audit chain, then start the server (pending migrations run on start).",
    );
  });

const audit = program.command("audit").description("the tamper-evident audit log");
audit
  .command("verify")
  .description("seal pending entries, then walk the hash chain and report the first bad entry")
  .action(() =>
    withDatabase(async (database) => {
      let sealed = 0;
      for (let n = await sealAudit(database); n > 0; n = await sealAudit(database)) {
        sealed += n;
        process.stdout.write(`\rsealed ${sealed} entries`);
      }
      if (sealed > 0) say("");
      const report = await verifyAudit(database);
      if (report.ok) {
        say(`Audit chain valid: ${report.checked} entries, head ${report.headHash}.`);
      } else {
        say(`Audit chain BROKEN after ${report.checked} good entries: ${JSON.stringify(report.firstBad)}`);
        process.exitCode = 2;
      }
    }),
  );

audit
  .command("head")
  .description(
    "seal pending entries, sign the chain head with the deployment key and print it (JSON) for safekeeping",
  )
  .action(() =>
    withDatabase(async (database, config) => {
      while ((await sealAudit(database)) > 0);
      const signer = loadSigner(config.signingKey, config.dataDir);
      const head = await signAuditHead({ database, clock: systemClock, signer }, true);
      say(JSON.stringify(head ?? { empty: true }, null, 2));
    }),
  );

program
  .command("verify")
  .description(
    "verify a pass code OFFLINE against a downloaded key set (/.well-known/shekara-keys.json) and revocation list (/api/v1/passes/revocations)",
  )
  .argument("<code>", "the code read from the pass's QR (SHK1.…)")
  .requiredOption("--keys <file>", "the saved key set (JSON)")
  .option("--revocations <file>", "the saved revocation list (JSON)")
  .option("--today <date>", "the date to judge validity at (default: today in Kazakhstan)")
  .action(async (code: string, opts: { keys: string; revocations?: string; today?: string }) => {
    const keys = JSON.parse(await readFile(opts.keys, "utf8")) as {
      keys: { keyId: string; publicKey: string }[];
    };
    const list = opts.revocations
      ? (JSON.parse(await readFile(opts.revocations, "utf8")) as { revoked: { number: string }[] })
      : { revoked: [] };
    const result = await verifyPassCode(code.trim(), {
      keys: keys.keys,
      revoked: new Set(list.revoked.map((r) => r.number)),
      today: opts.today ?? localDate(new Date()),
    });
    say(JSON.stringify(result, null, 2));
    if (result.status !== "VALID") process.exitCode = 3;
  });

program
  .command("reminders")
  .description(
    "send the deadline reminders due today to pass holders now (registration, return soon, return overdue); the server also does this every 15 minutes",
  )
  .action(() =>
    withDatabase(async (database, config) => {
      await database.migrate();
      const result = await scanReminders({
        database,
        clock: systemClock,
        notifier: outboxNotifier({ demo: config.demo }),
      });
      say(
        result.ran
          ? `Reminders sent: ${result.reminders} (${result.messages} messages in the outbox).`
          : "Another instance is scanning right now; nothing done.",
      );
    }),
  );

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stdout.write("Password: ");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    process.stderr.write(`Error ${err.code}${err.field ? ` (${err.field})` : ""}: ${err.message}\n`);
  } else if (err instanceof ConfigError || err instanceof DataFolderLockedError || err instanceof Error) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`${String(err)}\n`);
  }
  process.exit(1);
});
