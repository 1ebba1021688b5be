import { spawn } from "node:child_process";

/** One HTTP request shape; `{i}` in the body or a header value is replaced by the request's index. */
export interface HttpLoad {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The status every answer must have; others count as errors. */
  status: number;
}

// Plain JavaScript so the client process needs no TypeScript loader. It speaks node:http over a
// keep-alive agent with one socket per connection: fetch (undici) costs ≈ 0.85 ms of client CPU a
// request here (a trivial Fastify route tops out at ≈ 1,200 req/s with it, ≈ 13,000 with
// node:http), and on a 2-core machine that CPU is taken from the server being measured.
const CLIENT = `
const http = require("node:http");
const { spec, concurrency, durationMs } = JSON.parse(process.env.SHEKARA_LOAD);
const fill = (text, i) => text.replaceAll("{i}", String(i));
const url = new URL(spec.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(i) {
  const body = Buffer.from(fill(spec.body, i));
  const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, fill(v, i)]));
  headers["content-length"] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: spec.method, agent, headers },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
(async () => {
  const latencies = [];
  let errors = 0;
  let first;
  let counter = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const i = counter++;
      const t0 = performance.now();
      try {
        const response = await send(i);
        if (response.status !== spec.status) throw new Error("HTTP " + response.status + ": " + response.text.slice(0, 300));
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        first ??= String(err);
      }
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  const usage = process.cpuUsage();
  process.send({ latencies, perSecond: latencies.length / elapsed, errors, first, cpu: usage.user + usage.system }, () => process.exit(0));
})();
`;

/**
 * Runs an HTTP load from a separate client process, so the client's work (fetch, parsing answers)
 * neither delays the server's event loop nor counts in the server's CPU time; same result shape as
 * `load`.
 */
export function loadHttp(
  spec: HttpLoad,
  concurrency: number,
  durationMs: number,
): Promise<{ latencies: number[]; perSecond: number; errors: number; first?: unknown; cpu: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CLIENT], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, SHEKARA_LOAD: JSON.stringify({ spec, concurrency, durationMs }) },
    });
    child.once("message", (result) => resolve(result as Awaited<ReturnType<typeof loadHttp>>));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`load client exited with ${code}`));
    });
  });
}
