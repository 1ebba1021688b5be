/**
 * A scoring worker thread for large screening batches: the main thread reads and parses the next
 * candidate rows while the worker scores the previous ones, so a batch uses a second core. One
 * worker, started on first use and kept (it holds the process open only while it owes answers);
 * tasks are answered in the order posted.
 */
import { Worker } from "node:worker_threads";
import type { ScoredHit, ScoreTask } from "./scoring.js";

type Pending = { resolve: (hits: ScoredHit[]) => void; reject: (err: Error) => void };

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

/** The worker's module beside this one: .js when built; from source (tsx, vitest) through tsx. */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./score-worker.ts" : "./score-worker.js", import.meta.url);
  // From source the worker registers the TypeScript loader (a development dependency) itself:
  // loader hooks are per thread.
  const started = fromSource
    ? new Worker(
        `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true },
      )
    : new Worker(url);
  started.unref();
  started.on("message", (message: { id: number; hits?: ScoredHit[]; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.error !== undefined) waiting.reject(new Error(`scoring worker: ${message.error}`));
    else waiting.resolve(message.hits ?? []);
  });
  const fail = (err: Error) => {
    worker = undefined;
    for (const waiting of pending.values()) waiting.reject(err);
    pending.clear();
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`scoring worker exited with code ${code}`)));
  return started;
}

/** Scores a task in the worker thread; the same answer scoreTask gives in this one. */
export function scoreInWorker(task: ScoreTask): Promise<ScoredHit[]> {
  worker ??= startWorker();
  const id = nextId;
  nextId += 1;
  const promise = new Promise<ScoredHit[]>((resolve, reject) => pending.set(id, { resolve, reject }));
  // Held open while it owes answers, so a caller awaiting only this promise is not cut short.
  worker.ref();
  worker.postMessage({ id, task });
  return promise;
}
