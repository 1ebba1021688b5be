import { desc } from "drizzle-orm";
import { auditChain, auditHeads } from "../../db/schema.js";
import type { Deps } from "../context.js";

/** A signed statement of the chain's head: anyone with the public key can check it later. */
export interface SignedHead {
  seq: string;
  hash: string;
  signedAt: string;
  keyId: string;
  publicKey: string;
  signature: string;
}

/** The bytes signed for a head: stable text, so verification needs nothing but these fields. */
export function headStatement(seq: string, hash: string, signedAt: string): string {
  return `shekara-audit-head\n${seq}\n${hash}\n${signedAt}`;
}

// A head is signed when the chain has moved and the last signature is older than this.
const SIGN_EVERY_MS = 60_000;

/** Signs the current chain head when it has advanced; returns the newest signed head. */
export async function signAuditHead(
  deps: Pick<Deps, "database" | "clock" | "signer">,
  force = false,
): Promise<SignedHead | undefined> {
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const head = (await tx.select().from(auditChain).orderBy(desc(auditChain.seq)).limit(1))[0];
    const last = (await tx.select().from(auditHeads).orderBy(desc(auditHeads.signedAt)).limit(1))[0];
    if (!head) return undefined;
    const seq = head.seq.toString();
    const fresh = !last || last.seq !== seq;
    const due = !last || now.getTime() - last.signedAt.getTime() >= SIGN_EVERY_MS;
    if (!fresh || (!due && !force)) return last ? view(last, deps.signer.publicKey) : undefined;
    const signedAt = now.toISOString();
    const signature = deps.signer.sign(headStatement(seq, head.hash, signedAt));
    await tx
      .insert(auditHeads)
      .values({ seq, hash: head.hash, keyId: deps.signer.keyId, signature, signedAt: now })
      .onConflictDoNothing();
    return {
      seq,
      hash: head.hash,
      signedAt,
      keyId: deps.signer.keyId,
      publicKey: deps.signer.publicKey,
      signature,
    };
  });
}

function view(row: typeof auditHeads.$inferSelect, publicKey: string): SignedHead {
  return {
    seq: row.seq,
    hash: row.hash,
    signedAt: row.signedAt.toISOString(),
    keyId: row.keyId,
    publicKey,
    signature: row.signature,
  };
}
