import type { Logger } from "../adapters/logger.js";

/** A background job started by `every`: stopping it waits for a run in progress. */
export interface Job {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `everyMs` milliseconds (0: never), one run at a time — a tick that finds the
 * previous run still going is skipped rather than queued — and logs a failure instead of throwing,
 * so the next tick tries again. The timer does not keep the process alive.
 */
export function every(everyMs: number, name: string, run: () => Promise<unknown>, logger: Logger): Job {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer =
    everyMs > 0
      ? setInterval(() => {
          if (busy) return;
          busy = true;
          running = run()
            .catch((err) => logger.error({ err }, `${name} failed`))
            .finally(() => {
              busy = false;
            });
        }, everyMs)
      : undefined;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
