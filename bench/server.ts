import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import { type Shekara, startShekara } from "../src/server/runtime.js";
import { scratchDatabase } from "../test/support/scratch-db.js";

/** A Shekara listening on a free port for one benchmark, on DATABASE_URL or a temporary PGlite folder. */
export interface BenchServer {
  shekara: Shekara;
  database: Database;
  base: string;
}

/**
 * An empty database of its own on the server at `url`, dropped afterwards, so that runs do not
 * measure each other's rows; SHEKARA_BENCH_REUSE_DB=1 runs on the database at `url` as it is.
 */
async function temporaryDatabase(url: string, log: (line: string) => void) {
  if (process.env.SHEKARA_BENCH_REUSE_DB === "1") {
    log("database: the one DATABASE_URL names, as it is (SHEKARA_BENCH_REUSE_DB=1)");
    return { url, drop: async () => undefined };
  }
  const scratch = await scratchDatabase(url, "shekara_bench");
  log(`database: ${scratch.name}, created empty on the server DATABASE_URL names and dropped afterwards`);
  return scratch;
}

/**
 * Runs a benchmark body against a fresh server with demo data and a pool sized for the load, on a
 * temporary PGlite folder or (DATABASE_URL) a temporary database, then stops the server and
 * removes both.
 */
export async function withBenchServer<T>(
  concurrency: number,
  log: (line: string) => void,
  durationMs: number,
  body: (server: BenchServer) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-bench-"));
  const server = process.env.DATABASE_URL
    ? await temporaryDatabase(process.env.DATABASE_URL, log)
    : undefined;
  try {
    const config = loadConfig({
      ...process.env,
      ...(server ? { DATABASE_URL: server.url } : {}),
      SHEKARA_DATA_DIR: dataDir,
      SHEKARA_DEMO: "1",
      LOG_LEVEL: "silent",
      SHEKARA_DB_POOL: String(concurrency + 2),
    });
    const shekara = await startShekara(config);
    const database = shekara.deps.database;
    log(`database: ${database.kind}; ${concurrency} connections; ${durationMs / 1000} s per phase`);
    try {
      const base = await shekara.app.listen({ port: 0, host: "127.0.0.1" });
      return await body({ shekara, database, base });
    } finally {
      await database.ownerQuery("DROP TABLE IF EXISTS bench_raw").catch(() => undefined);
      await shekara.stop();
    }
  } finally {
    await server?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
