import type { Deps } from "../context.js";
import { escalateOverdue, materializeObligations } from "./obligations.service.js";
import { fetchTransport, relayOutbox, type Transport } from "./relay.js";

const DAY_MS = 86_400_000;

/**
 * The exchange's background work, one tick: materialize the periodic obligations around today,
 * alert and escalate overdue ones, and relay the outbox to peer systems (when any are configured).
 * Every step is safe to run from several instances at once.
 */
export async function exchangeTick(deps: Deps, transport: Transport = fetchTransport): Promise<void> {
  const now = deps.clock.now().getTime();
  await materializeObligations(deps, new Date(now - 2 * DAY_MS), new Date(now + 2 * DAY_MS));
  await escalateOverdue(deps);
  if (deps.config.exchangePeers.length > 0) {
    // Drain what is due, a batch at a time, but never spin on a peer that keeps failing.
    for (let i = 0; i < 10; i++) {
      const result = await relayOutbox(deps, transport);
      if (result.claimed === 0 || result.failed > 0) break;
    }
  }
}
