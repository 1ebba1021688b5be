/**
 * Group commit for hot write paths: requests that arrive while a batch of the same kind is being
 * written wait and are written together in the next batch, one transaction for many requests.
 * Nothing waits longer than a turn of the event loop when the path is idle, and each request
 * is answered only after its batch has committed, so an acknowledged write is as durable as a
 * write in its own transaction. The batch function answers each item separately: one item's
 * refusal never fails another.
 */

/** What a batch answers for one item: its value, or the error that item alone gets. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Writes one batch; answers one outcome per item, in the items' order. */
export type BatchRunner<K, I, O> = (key: K, items: I[]) => Promise<ItemOutcome<O>[]>;

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

interface Lane<K, I, O> {
  key: K;
  queue: Waiting<I, O>[];
  running: number;
  /** A start is scheduled for the next turn of the event loop. */
  scheduled: boolean;
}

/** Options of a group-commit queue. */
export interface GroupCommitOptions<K, I, O> {
  /** Most items written in one batch. */
  maxBatch: number;
  /** Batches of one key written at the same time (more overlap the application's and the database's work). */
  maxInFlight: number;
  /** Items of different keys never share a batch (e.g. a key per row-level-security scope). */
  keyOf: (key: K) => string;
  run: BatchRunner<K, I, O>;
}

/** A group-commit queue: `submit` resolves with the item's value once its batch has committed. */
export interface GroupCommit<K, I, O> {
  submit(key: K, item: I): Promise<O>;
  /** Items waiting and batches running, for tests and diagnostics. */
  pending(): { waiting: number; running: number };
}

/** Creates a group-commit queue over a batch runner. */
export function groupCommit<K, I, O>(options: GroupCommitOptions<K, I, O>): GroupCommit<K, I, O> {
  const lanes = new Map<string, Lane<K, I, O>>();

  // A batch starts on the next turn of the event loop, after the I/O already waiting: the requests
  // that arrived together then go together. An in-process database (PGlite) answers before any
  // other request is read, so without this pause every batch there was a batch of one.
  const schedule = (id: string, lane: Lane<K, I, O>): void => {
    if (lane.scheduled) return;
    lane.scheduled = true;
    setImmediate(() => {
      lane.scheduled = false;
      drain(id, lane);
    });
  };

  const drain = (id: string, lane: Lane<K, I, O>): void => {
    while (lane.running < options.maxInFlight && lane.queue.length > 0) {
      const batch = lane.queue.splice(0, options.maxBatch);
      lane.running += 1;
      void runBatch(lane.key, batch).finally(() => {
        lane.running -= 1;
        if (lane.running === 0 && lane.queue.length === 0 && !lane.scheduled) lanes.delete(id);
        else schedule(id, lane);
      });
    }
  };

  const runBatch = async (key: K, batch: Waiting<I, O>[]): Promise<void> => {
    let outcomes: ItemOutcome<O>[];
    try {
      outcomes = await options.run(
        key,
        batch.map((w) => w.item),
      );
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (!outcome) waiting.reject(new Error("group commit: the batch answered fewer items than it took"));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  };

  return {
    submit(key, item) {
      return new Promise<O>((resolve, reject) => {
        const id = options.keyOf(key);
        let lane = lanes.get(id);
        if (!lane) {
          lane = { key, queue: [], running: 0, scheduled: false };
          lanes.set(id, lane);
        }
        lane.queue.push({ item, resolve, reject });
        schedule(id, lane);
      });
    },
    pending() {
      let waiting = 0;
      let running = 0;
      for (const lane of lanes.values()) {
        waiting += lane.queue.length;
        running += lane.running;
      }
      return { waiting, running };
    },
  };
}

/** Runs `fn` for each item alone, answering each item's own outcome (a failed batch's fallback). */
export async function oneByOne<I, O>(
  items: readonly I[],
  fn: (item: I) => Promise<O>,
): Promise<ItemOutcome<O>[]> {
  const outcomes: ItemOutcome<O>[] = [];
  for (const item of items) {
    try {
      outcomes.push({ ok: true, value: await fn(item) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
