/** The scoring worker: scores tasks posted by score-pool.ts, one at a time, in its own thread. */
import { parentPort } from "node:worker_threads";
import { type ScoreTask, scoreTask } from "./scoring.js";

parentPort?.on("message", (message: { id: number; task: ScoreTask }) => {
  try {
    parentPort?.postMessage({ id: message.id, hits: scoreTask(message.task) });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
