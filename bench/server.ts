import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import type { Shekara } from "../src/server/runtime.js";
import { scratchDatabase } from "../test/support/scratch-db.js";

let built = false;

/** Compiles the server into dist/ as `npm run build` does (once a process). */
export function buildServer(log: (line: string) => void): void {
  if (built) return;
  log("building the server (tsc -p tsconfig.build.json) …");
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  built = true;
}

/**
 * The server as `npm start` runs it, compiled into dist/, not the sources through tsx: what is
 * measured is what runs. (tsx's transform also names every function it makes at run time; in three
 * alternated pairs on session 16's machine that made no difference beyond the machine's noise.)
 */
async function builtServer(log: (line: string) => void): Promise<typeof import("../src/server/runtime.js")> {
  buildServer(log);
  // A specifier TypeScript does not resolve: dist/ has no declarations; its types are the sources'.
  const runtime = new URL("../dist/server/runtime.js", import.meta.url).href;
  return (await import(runtime)) as typeof import("../src/server/runtime.js");
}

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
    const { startShekara } = await builtServer(log);
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
