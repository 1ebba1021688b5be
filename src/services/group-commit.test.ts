import { describe, expect, it } from "vitest";
import { groupCommit, type ItemOutcome, oneByOne } from "./group-commit.js";

/** One turn of the event loop: batches scheduled now have started after it. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A runner that records its batches and finishes each only when the test releases it. */
function gatedRunner() {
  const batches: { key: string; items: number[] }[] = [];
  const gates: (() => void)[] = [];
  const run = async (key: string, items: number[]): Promise<ItemOutcome<number>[]> => {
    batches.push({ key, items: [...items] });
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((item) =>
      item < 0 ? { ok: false, error: new Error(`refused ${item}`) } : { ok: true, value: item * 10 },
    );
  };
  /** Finishes the oldest running batch and lets the queue start the next. */
  const release = async () => {
    await turn();
    const gate = gates.shift();
    if (!gate) throw new Error("no batch is running");
    gate();
    // The batch settles, then its queue schedules the next start for the following turn.
    await turn();
    await turn();
  };
  return { batches, run, release };
}

describe("group commit", () => {
  it("writes items of one turn together, and those arriving while it runs together in the next", async () => {
    const runner = gatedRunner();
    const queue = groupCommit({ maxBatch: 10, maxInFlight: 1, keyOf: (k: string) => k, run: runner.run });
    const first = [queue.submit("a", 1), queue.submit("a", 2)];
    await turn();
    expect(queue.pending()).toEqual({ waiting: 0, running: 1 });
    const later = [3, 4, 5].map((n) => queue.submit("a", n));
    await runner.release();
    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(queue.pending()).toEqual({ waiting: 0, running: 1 });
    await runner.release();
    expect(await Promise.all(later)).toEqual([30, 40, 50]);
    expect(runner.batches.map((b) => b.items)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(queue.pending()).toEqual({ waiting: 0, running: 0 });
  });

  it("never puts more than maxBatch items in a batch, and runs up to maxInFlight batches at once", async () => {
    const runner = gatedRunner();
    const queue = groupCommit({ maxBatch: 2, maxInFlight: 2, keyOf: (k: string) => k, run: runner.run });
    const all = [1, 2, 3, 4, 5, 6].map((n) => queue.submit("a", n));
    await turn();
    expect(runner.batches.map((b) => b.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(queue.pending()).toEqual({ waiting: 2, running: 2 });
    for (let i = 0; i < 3; i += 1) await runner.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(runner.batches.map((b) => b.items)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it("keeps keys apart: items of different keys never share a batch", async () => {
    const runner = gatedRunner();
    const queue = groupCommit({ maxBatch: 10, maxInFlight: 1, keyOf: (k: string) => k, run: runner.run });
    const all = [queue.submit("a", 1), queue.submit("b", 3), queue.submit("a", 2), queue.submit("b", 4)];
    await turn();
    expect(runner.batches).toEqual([
      { key: "a", items: [1, 2] },
      { key: "b", items: [3, 4] },
    ]);
    await runner.release();
    await runner.release();
    expect(await Promise.all(all)).toEqual([10, 30, 20, 40]);
  });

  it("rejects only the item its batch refused", async () => {
    const runner = gatedRunner();
    const queue = groupCommit({ maxBatch: 10, maxInFlight: 1, keyOf: (k: string) => k, run: runner.run });
    const settled = Promise.allSettled([queue.submit("a", 1), queue.submit("a", -1), queue.submit("a", 2)]);
    await runner.release();
    const [first, bad, good] = await settled;
    expect(runner.batches).toHaveLength(1);
    expect(first).toEqual({ status: "fulfilled", value: 10 });
    expect(good).toEqual({ status: "fulfilled", value: 20 });
    expect(bad?.status === "rejected" && String(bad.reason)).toBe("Error: refused -1");
  });

  it("rejects every item of a batch whose runner failed, and goes on with the next batch", async () => {
    let calls = 0;
    const queue = groupCommit({
      maxBatch: 10,
      maxInFlight: 1,
      keyOf: (k: string) => k,
      run: async (_key: string, items: number[]) => {
        calls += 1;
        if (calls === 2) throw new Error("database unreachable");
        return items.map((n) => ({ ok: true as const, value: n }));
      },
    });
    await expect(queue.submit("a", 1)).resolves.toBe(1);
    const failed = await Promise.allSettled([queue.submit("a", 2), queue.submit("a", 3)]);
    expect(failed.map((f) => f.status === "rejected" && String(f.reason))).toEqual([
      "Error: database unreachable",
      "Error: database unreachable",
    ]);
    await expect(queue.submit("a", 4)).resolves.toBe(4);
  });

  it("rejects items a runner left unanswered instead of leaving them waiting", async () => {
    const queue = groupCommit({
      maxBatch: 10,
      maxInFlight: 1,
      keyOf: (k: string) => k,
      run: async () => [],
    });
    await expect(queue.submit("a", 1)).rejects.toThrow("fewer items");
  });
});

describe("oneByOne", () => {
  it("answers each item's own outcome", async () => {
    const outcomes = await oneByOne([1, -2, 3], async (n) => {
      if (n < 0) throw new Error(`bad ${n}`);
      return n * 2;
    });
    expect(outcomes.map((o) => (o.ok ? o.value : String(o.error)))).toEqual([2, "Error: bad -2", 6]);
  });
});
