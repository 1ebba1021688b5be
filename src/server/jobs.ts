import type { Logger } from "../adapters/logger.js";

/** A background job started by `every`: stopping it waits for a run in progress. */
export interface Job {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `everyMs` milliseconds (0: never), one run at a time: the next run starts
 * `everyMs` after the last one ended. With `busyMs`, a run that answers a positive number (work
 * done) is followed after `busyMs` instead, so a queue that fills is drained in small steps rather
 * than in one burst a period. A failure is logged instead of thrown, and the next run tries again.
 * The timer does not keep the process alive.
 */
export function every(
  everyMs: number,
  name: string,
  run: () => Promise<unknown>,
  logger: Logger,
  busyMs?: number,
): Job {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped || everyMs <= 0) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    // Through a promise, so a run that throws before its first await is logged like any failure.
    running = Promise.resolve()
      .then(run)
      .then(
        (done) => schedule(busyMs !== undefined && typeof done === "number" && done > 0 ? busyMs : everyMs),
        (err) => {
          logger.error({ err }, `${name} failed`);
          schedule(everyMs);
        },
      );
  };
  schedule(everyMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
