import { Command } from "commander";
import { systemClock } from "../adapters/clock.js";
import { type Database, DataFolderLockedError, openDatabase } from "../adapters/db/index.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { AppError } from "../core/errors.js";
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from "../demo/seed.js";
import { sealAudit, verifyAudit } from "../services/audit/audit.service.js";
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
      say(loaded ? "Demo data loaded." : "Demo data was already present.");
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
