import type { Database } from "../../src/adapters/db/index.js";

/** A count of the transactions a database adapter opens, until `restore` puts the adapter back. */
export interface TransactionCounter {
  count(): number;
  restore(): void;
}

/**
 * Counts the transactions the server opens, at the adapter: each `tx`, and each hot-path function
 * `call` (a statement of its own, and so a transaction). Owner queries are not counted.
 */
export function countTransactions(database: Database): TransactionCounter {
  const tx = database.tx.bind(database);
  const call = database.call.bind(database);
  let count = 0;
  const counted = database as { tx: Database["tx"]; call: Database["call"] };
  counted.tx = (scope, body) => {
    count += 1;
    return tx(scope, body);
  };
  counted.call = (fn, scope, args) => {
    count += 1;
    return call(fn, scope, args);
  };
  return {
    count: () => count,
    restore: () => {
      counted.tx = tx;
      counted.call = call;
    },
  };
}
