import { DataFolderLockedError } from "../adapters/db/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../demo/seed.js";
import { DEMO_TOTP_SECRET } from "../services/auth/demo-secret.js";
import { startShekara } from "./runtime.js";

/** Entry point of `npm start`: validated config, database, migrations, demo data, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const shekara = await startShekara(config);
  const address = await shekara.app.listen({ port: config.port, host: config.host });
  const url = address.replace("127.0.0.1", "localhost");
  const where = config.databaseUrl ? "PostgreSQL server" : `embedded PGlite in ${config.dataDir}`;
  const lines = [`Shekara is running at ${url}  (database: ${where})`, `API docs: ${url}/docs`];
  if (config.demo) {
    lines.push(`Demo logins (DEMO DATA, password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_LOGINS) lines.push(`  ${user.login.padEnd(10)} ${user.roles.join(", ")}`);
    lines.push(
      `Heads and administrators also need an authenticator code: demo TOTP secret ${DEMO_TOTP_SECRET}`,
    );
  }
  process.stdout.write(`\n${lines.join("\n")}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    shekara.deps.logger.info({ signal }, "shutting down: finishing in-flight requests");
    shekara.stop().then(
      () => process.exit(0),
      (err) => {
        shekara.deps.logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderLockedError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Shekara could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
