import { spawn } from "node:child_process";
import type { LoadResult } from "./harness.js";

/** One HTTP request shape; `{i}` in the body or a header value is replaced by the request's index. */
export interface HttpLoad {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** The status every answer must have; others count as errors. */
  status: number;
}

// Plain JavaScript so the client process needs no TypeScript loader. It writes HTTP/1.1 requests
// straight to one keep-alive socket per connection and reads each answer by its Content-Length.
// On a 2-core machine the client's CPU is taken from the server being measured: fetch (undici)
// cost ≈ 0.85 ms a request here, node:http ≈ 0.16 ms (autocannon the same), this ≈ 0.04 ms.
const CLIENT = `
const net = require("node:net");
const { spec, concurrency, durationMs, warmupMs } = JSON.parse(process.env.SHEKARA_LOAD);
const fill = (text, i) => text.replaceAll("{i}", String(i));
const url = new URL(spec.url);
const target = url.pathname + url.search;
const HEAD_END = Buffer.from("\\r\\n\\r\\n");
/** One keep-alive connection: sends a request and resolves with the next answer's status and body. */
function connection() {
  const socket = net.connect({ host: url.hostname, port: Number(url.port) });
  socket.setNoDelay(true);
  let pending = null;
  let buffered = Buffer.alloc(0);
  const fail = (err) => {
    const p = pending;
    pending = null;
    p?.reject(err);
  };
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed")));
  socket.on("data", (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf(HEAD_END);
    if (end < 0 || !pending) return;
    const head = buffered.toString("latin1", 0, end);
    const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
    if (!length) return fail(new Error("answer without Content-Length: " + head.slice(0, 200)));
    const total = end + 4 + Number(length[1]);
    if (buffered.length < total) return;
    const body = buffered.subarray(end + 4, total);
    buffered = buffered.subarray(total);
    const p = pending;
    pending = null;
    p.resolve({ status: Number(head.slice(9, 12)), body });
  });
  return (i) =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject };
      const body = fill(spec.body, i);
      let head = spec.method + " " + target + " HTTP/1.1\\r\\nhost: " + url.host + "\\r\\n";
      for (const [k, v] of Object.entries(spec.headers)) head += k + ": " + fill(v, i) + "\\r\\n";
      socket.write(head + "content-length: " + Buffer.byteLength(body) + "\\r\\n\\r\\n" + body);
    });
}
(async () => {
  const latencies = [];
  let errors = 0;
  let first;
  let counter = 0;
  // Requests sent before \`start\` (the warm-up) are neither timed nor counted.
  const start = performance.now() + warmupMs;
  const end = start + durationMs;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    let send = connection();
    while (performance.now() < end) {
      const i = counter++;
      const t0 = performance.now();
      let response;
      try {
        response = await send(i);
      } catch (err) {
        send = connection();
        if (t0 < start) continue;
        errors += 1;
        first ??= String(err);
        continue;
      }
      if (t0 < start) continue;
      if (response.status === spec.status) latencies.push(performance.now() - t0);
      else {
        errors += 1;
        first ??= "HTTP " + response.status + ": " + response.body.toString().slice(0, 300);
      }
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  const usage = process.cpuUsage();
  process.send({ latencies, perSecond: latencies.length / elapsed, errors, first, cpu: usage.user + usage.system, operations: counter }, () => process.exit(0));
})();
`;

/**
 * Runs an HTTP load from a separate client process, so the client's work (fetch, parsing answers)
 * neither delays the server's event loop nor counts in the server's CPU time; same result shape as
 * `load`, with the client's CPU (µs). The first `warmupMs` of load are neither timed nor counted.
 */
export function loadHttp(
  spec: HttpLoad,
  concurrency: number,
  durationMs: number,
  warmupMs = 0,
): Promise<LoadResult & { cpu: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CLIENT], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, SHEKARA_LOAD: JSON.stringify({ spec, concurrency, durationMs, warmupMs }) },
    });
    child.once("message", (result) => resolve(result as Awaited<ReturnType<typeof loadHttp>>));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`load client exited with ${code}`));
    });
  });
}
