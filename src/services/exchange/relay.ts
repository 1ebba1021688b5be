import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { ExchangePeer } from "../../config.js";
import { retryDelayMs } from "../../core/exchange/index.js";
import { exchangeOutbox } from "../../db/schema.js";
import type { Deps } from "../context.js";
import { type OutboxMessage, signedBytes, withAttachmentBytes } from "./wire.js";

/** Sends one signed delivery; resolves with the HTTP status (throws on a network failure). */
export type Transport = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body?: string }>;

/** Posts with fetch, giving up after 15 s. */
export const fetchTransport: Transport = async (url, body, headers) => {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: await response.text() };
};

/** A claimed row is leased for this long; a relay that dies mid-send leaves it to another after it. */
export const LEASE_MS = 60_000;

/** Where peers accept deliveries. */
export const INBOUND_PATH = "/api/v1/exchange/inbound";

/** What one relay pass did. */
export interface RelayResult {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * One pass of the outbox relay: leases due rows (FOR UPDATE SKIP LOCKED, so several instances
 * on one database share the work without sending a row twice at once), posts each signed with
 * the deployment's Ed25519 key, then marks it delivered or schedules a retry with exponential
 * backoff. A crash between send and mark leaves the row to be sent again after its lease; the
 * receiver's idempotent receipt makes that harmless. `afterSend` lets tests crash there.
 */
export async function relayOutbox(
  deps: Pick<Deps, "database" | "clock" | "config" | "signer" | "logger" | "files">,
  transport: Transport = fetchTransport,
  opts: { batch?: number; afterSend?: (messageId: string) => void | Promise<void> } = {},
): Promise<RelayResult> {
  const peers = new Map<string, ExchangePeer>(deps.config.exchangePeers.map((p) => [p.id, p]));
  const now = deps.clock.now();
  const claimed = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const due = await tx
      .select({ id: exchangeOutbox.id })
      .from(exchangeOutbox)
      .where(
        and(
          isNull(exchangeOutbox.deliveredAt),
          lte(exchangeOutbox.nextAttemptAt, now),
          or(isNull(exchangeOutbox.leaseUntil), lte(exchangeOutbox.leaseUntil, now)),
        ),
      )
      .orderBy(asc(exchangeOutbox.id))
      .limit(opts.batch ?? 20)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(exchangeOutbox)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${exchangeOutbox.attempts} + 1` })
      .where(
        sql`${exchangeOutbox.id} IN (${sql.join(
          due.map((d) => sql`${d.id}`),
          sql`, `,
        )})`,
      )
      .returning();
  });
  let delivered = 0;
  let failed = 0;
  for (const row of claimed) {
    const peer = peers.get(row.peerId);
    let error: string | null = null;
    if (!peer) {
      error = `peer ${row.peerId} is no longer configured`;
    } else {
      try {
        // Attachments travel inline, read from storage only now (the outbox row holds their keys).
        const body = signedBytes(
          await withAttachmentBytes(row.body as OutboxMessage, (key) => deps.files.get(key)),
        );
        const response = await transport(`${peer.url.replace(/\/$/, "")}${INBOUND_PATH}`, body, {
          "x-shekara-peer": deps.config.exchangeSelfId,
          "x-shekara-key-id": deps.signer.keyId,
          "x-shekara-signature": deps.signer.sign(body),
        });
        if (response.status < 200 || response.status >= 300) {
          error = `HTTP ${response.status}: ${(response.body ?? "").slice(0, 300)}`;
        }
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (error === null && opts.afterSend) await opts.afterSend(row.messageId);
    }
    const at = deps.clock.now();
    await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
      if (error === null) {
        await tx
          .update(exchangeOutbox)
          .set({ deliveredAt: at, leaseUntil: null, lastError: null })
          .where(eq(exchangeOutbox.id, row.id));
      } else {
        await tx
          .update(exchangeOutbox)
          .set({
            leaseUntil: null,
            lastError: error,
            nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts, Math.random())),
          })
          .where(eq(exchangeOutbox.id, row.id));
      }
    });
    if (error === null) delivered += 1;
    else {
      failed += 1;
      deps.logger.warn({ messageId: row.messageId, peer: row.peerId, error }, "exchange delivery failed");
    }
  }
  return { claimed: claimed.length, delivered, failed };
}
