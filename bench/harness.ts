/** One measured figure beside its baseline from the same run. */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

/** A named benchmark: runs and returns its figures. */
export interface Benchmark {
  name: string;
  description: string;
  /** Duration (s) and concurrency when the command line gives none (default 10 s, 20). */
  defaults?: { seconds: number; concurrency: number };
  run(opts: { durationMs: number; concurrency: number; log: (line: string) => void }): Promise<Figure[]>;
}

/** Latency percentiles (ms) of a sample. */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** What a load measured: latencies (ms) and throughput of the timed operations. */
export interface LoadResult {
  latencies: number[];
  perSecond: number;
  errors: number;
  first?: unknown;
  /** Every operation sent, the warm-up's too (for CPU per operation over the whole call). */
  operations: number;
}

/**
 * Runs `op` from `concurrency` workers until the duration is over; returns per-operation
 * latencies in ms and the achieved throughput. Errors are counted, not hidden. Operations started
 * in the first `warmupMs` are neither timed nor counted.
 */
export async function load(
  op: (i: number) => Promise<void>,
  concurrency: number,
  durationMs: number,
  warmupMs = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let first: unknown;
  let counter = 0;
  const start = performance.now() + warmupMs;
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = counter++;
        const t0 = performance.now();
        try {
          await op(i);
          if (t0 >= start) latencies.push(performance.now() - t0);
        } catch (err) {
          if (t0 < start) continue;
          errors += 1;
          first ??= err;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { latencies, perSecond: latencies.length / elapsed, errors, first, operations: counter };
}

/** A figure with its ratio to the baseline. */
export function figure(bench: string, name: string, value: number, unit: string, baseline: number): Figure {
  return {
    bench,
    figure: name,
    value,
    unit,
    baseline,
    ratio: baseline === 0 ? Number.NaN : value / baseline,
  };
}

/** Prints figures as a table (or JSON lines). */
export function report(figures: Figure[], json: boolean): string {
  if (json) return figures.map((f) => JSON.stringify(f)).join("\n");
  const rows = figures.map((f) => [
    f.figure,
    `${f.value.toFixed(2)} ${f.unit}`,
    `${f.baseline.toFixed(2)} ${f.unit}`,
    Number.isFinite(f.ratio) ? `${f.ratio.toFixed(3)}×` : "—",
  ]);
  const header = ["figure", "value", "baseline (same run)", "ratio"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The session cookie set by a sign-in response (other cookies may come with it). */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("shekara_session="));
  if (!cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie.split(";")[0] ?? "";
}

/**
 * Signs a demo user in over HTTP and returns the session cookie, completing the second factor
 * with the published demo secret when the role requires one (heads and administrators).
 */
export async function signIn(
  base: string,
  login: string,
  password: string,
  totp: (now: Date) => string,
): Promise<string> {
  const first = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const body = (await first.json().catch(() => ({}))) as { secondFactor?: string };
  const pending = first.headers.getSetCookie().find((c) => c.startsWith("shekara_login="));
  if (!body.secondFactor || !pending) return sessionCookie(first);
  const second = await fetch(`${base}/api/v1/auth/totp`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: pending.split(";")[0] ?? "" },
    body: JSON.stringify({ code: totp(new Date()) }),
  });
  return sessionCookie(second);
}
