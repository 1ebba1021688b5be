import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../src/adapters/logger.js";
import { every } from "../src/server/jobs.js";

describe("background jobs", () => {
  afterEach(() => vi.useRealTimers());
  const logger = () => {
    const errors: string[] = [];
    return { errors, log: { error: (_o: unknown, msg: string) => errors.push(msg) } as unknown as Logger };
  };

  it("runs one at a time, skipping ticks while a run is in progress, and stop waits for it", async () => {
    vi.useFakeTimers();
    const { log } = logger();
    let started = 0;
    let finish: () => void = () => undefined;
    const job = every(
      100,
      "slow job",
      () =>
        new Promise<void>((resolve) => {
          started += 1;
          finish = resolve;
        }),
      log,
    );
    await vi.advanceTimersByTimeAsync(550);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toBe(1);
  });

  it("runs again soon after a run that found work, and at its period once there is none", async () => {
    vi.useFakeTimers();
    const { log } = logger();
    const found = [5, 3, 0, 0];
    const at: number[] = [];
    const job = every(
      1000,
      "sealer",
      async () => {
        at.push(Date.now());
        return found[at.length - 1] ?? 0;
      },
      log,
      100,
    );
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(2250);
    expect(at.map((t) => t - start)).toEqual([1000, 1100, 1200, 2200]);
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(at).toHaveLength(4);
  });

  it("logs a failure and tries again on the next tick; 0 never runs", async () => {
    vi.useFakeTimers();
    const { errors, log } = logger();
    let runs = 0;
    const failing = every(
      100,
      "flaky job",
      async () => {
        runs += 1;
        throw new Error("boom");
      },
      log,
    );
    await vi.advanceTimersByTimeAsync(350);
    expect(runs).toBe(3);
    expect(errors).toEqual(["flaky job failed", "flaky job failed", "flaky job failed"]);
    await failing.stop();
    let never = 0;
    const off = every(
      0,
      "off",
      async () => {
        never += 1;
      },
      log,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(never).toBe(0);
    await off.stop();
  });
});
