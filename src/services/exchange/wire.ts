import { createPublicKey, verify } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../audit/canonical.js";

/** Largest attachment a message carries (the compose limit, X-3 attachments). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** An attachment on the wire: its bytes, with the size and SHA-256 the receiver checks them against. */
const wireAttachmentSchema = z.strictObject({
  fileName: z.string().min(1).max(200),
  contentType: z.string().min(1).max(100),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4),
});

/** A message as it travels between peer systems (units named by code; signed over canonical JSON). */
export const wireMessageSchema = z.strictObject({
  v: z.literal(1),
  id: z.uuid(),
  from: z.string().min(1).max(63),
  sender: z.string().min(1).max(100),
  addressees: z
    .array(
      z.strictObject({ unitCode: z.string().min(1).max(100), kind: z.enum(["COUNTERPART", "SUPERIOR"]) }),
    )
    .min(1)
    .max(50),
  classId: z.enum(["URGENT", "DAILY", "MONTHLY", "ADVANCE", "SEMI_ANNUAL"]),
  topic: z.string().min(1).max(100),
  ruleVersion: z.number().int().min(1),
  clause: z.string().min(1).max(50),
  mode: z.enum(["ORAL", "WRITTEN"]),
  payload: z.record(z.string(), z.unknown()),
  freeText: z.string().max(20_000).nullable(),
  officialUse: z.boolean(),
  period: z.string().max(20).nullable(),
  eventAt: z.iso.datetime({ offset: true }).nullable(),
  confirmsId: z.uuid().nullable(),
  passedTo: z.string().max(300).nullable(),
  sentAt: z.iso.datetime({ offset: true }),
  authorName: z.string().max(300).nullable(),
  // Deliveries written before attachments travelled carry none.
  attachments: z.array(wireAttachmentSchema).max(5).default([]),
});
export type WireMessage = z.infer<typeof wireMessageSchema>;

/** An attachment as the outbox keeps it: the bytes stay in file storage until the relay sends. */
export interface OutboxAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

/** A message as the outbox keeps it: the wire form with attachments by storage key. */
export type OutboxMessage = Omit<WireMessage, "attachments"> & { attachments?: OutboxAttachment[] };

/** Builds the outbox form of a message. */
export function wireMessage(m: Omit<OutboxMessage, "v">): OutboxMessage {
  return { v: 1, ...m };
}

/** The wire form of an outbox message: each attachment's bytes read from storage and inlined. */
export async function withAttachmentBytes(
  body: OutboxMessage,
  read: (storageKey: string) => Promise<Buffer>,
): Promise<WireMessage> {
  const attachments = await Promise.all(
    (body.attachments ?? []).map(async ({ storageKey, ...a }) => ({
      ...a,
      dataBase64: (await read(storageKey)).toString("base64"),
    })),
  );
  return { ...body, attachments };
}

/** The exact bytes a delivery signs: canonical JSON, so both sides agree whatever the key order. */
export function signedBytes(body: unknown): string {
  return canonicalJson(body);
}

// SPKI DER prefix of an Ed25519 public key; the raw 32 bytes follow it.
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Verifies an Ed25519 signature (base64url) over `data` with a raw public key (base64url). */
export function verifyEd25519(publicKey: string, data: string, signature: string): boolean {
  try {
    const raw = Buffer.from(publicKey, "base64url");
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
    return verify(null, Buffer.from(data), key, Buffer.from(signature, "base64url"));
  } catch {
    return false;
  }
}
