import fs from "node:fs";
import type { Database } from "../src/adapters/db/index.js";

/** CPU time (ms) of each server process, by pid, as /proc shows it. */
type Snapshot = Map<number, number>;

// /proc/<pid>/stat counts in clock ticks; 100 a second on Linux.
const TICK_MS = 10;

function ticksOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * CPU the PostgreSQL server spends for this benchmark's database: the backends serving it, read
 * from /proc (the server must run on this machine). Answers undefined where that cannot be read
 * (PGlite runs inside the Node process, whose own CPU already counts it; or a remote server).
 */
export async function postgresCpu(database: Database): Promise<(() => Promise<number>) | undefined> {
  if (database.kind !== "postgres") return undefined;
  const snapshot = async (): Promise<Snapshot | undefined> => {
    const rows = await database.ownerQuery(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    const out: Snapshot = new Map();
    for (const row of rows) {
      const ticks = ticksOf(Number(row.pid));
      if (ticks === undefined) return undefined;
      out.set(Number(row.pid), ticks * TICK_MS);
    }
    return out;
  };
  const start = await snapshot();
  if (!start) return undefined;
  // Backends opened during the phase count from zero; the pool keeps its connections open, so
  // none closes before the phase ends.
  return async () => {
    const end = (await snapshot()) ?? new Map<number, number>();
    let total = 0;
    for (const [pid, ms] of end) total += ms - (start.get(pid) ?? 0);
    return total;
  };
}
