import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import { type Shekara, startShekara } from "../src/server/runtime.js";

/** A Shekara listening on a free port for one benchmark, on DATABASE_URL or a temporary PGlite folder. */
export interface BenchServer {
  shekara: Shekara;
  database: Database;
  base: string;
}

/**
 * Runs a benchmark body against a fresh server with demo data and a pool sized for the load, then
 * drops the baseline table, stops the server and removes the temporary data folder.
 */
export async function withBenchServer<T>(
  concurrency: number,
  log: (line: string) => void,
  durationMs: number,
  body: (server: BenchServer) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-bench-"));
  const config = loadConfig({
    ...process.env,
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
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
