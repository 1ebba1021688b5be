import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { AppError, invalid } from "../../core/errors.js";
import { exchangeRuleAt } from "../../core/exchange/index.js";
import { issueDetail } from "../../core/validation-messages.js";
import {
  exchangeAddressees,
  exchangeAttachments,
  exchangeInbound,
  exchangeMessages,
} from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps, RequestMeta } from "../context.js";
import { applyObligations } from "./messages.service.js";
import { exchangeRules } from "./obligations.service.js";
import { unitByCode } from "./units.js";
import { signedBytes, verifyEd25519, wireMessageSchema } from "./wire.js";

/**
 * Receives a delivery from a peer system: verifies its Ed25519 signature against the configured
 * peer key, then — in one transaction — records the message id in the inbound ledger and applies
 * the message. A repeated delivery finds the id already there and changes nothing, so a message
 * is applied exactly once however often the sender retries; a failure rolls both back.
 */
export async function receiveDelivery(
  deps: Pick<Deps, "database" | "clock" | "config" | "files">,
  meta: RequestMeta,
  headers: { peer: string | undefined; signature: string | undefined },
  body: unknown,
): Promise<{ status: "applied" | "duplicate"; id: string }> {
  const peer = deps.config.exchangePeers.find((p) => p.id === headers.peer);
  if (!peer || !headers.signature || !verifyEd25519(peer.publicKey, signedBytes(body), headers.signature)) {
    throw new AppError("EXCHANGE_SIGNATURE_INVALID");
  }
  const parsed = wireMessageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    throw invalid(field, issueDetail(issue, field));
  }
  const m = parsed.data;
  if (m.from !== peer.id)
    throw invalid("from", {
      kk: "қол қойған тарапқа сәйкес келмейді",
      ru: "не совпадает с подписавшей стороной",
      en: "does not match the signing peer",
    });
  // Attachments arrive inline: their bytes must match the size and SHA-256 the sender signed.
  const files = m.attachments.map((a, i) => {
    const bytes = Buffer.from(a.dataBase64, "base64");
    if (bytes.length !== a.size || createHash("sha256").update(bytes).digest("hex") !== a.sha256) {
      throw invalid(`attachments.${i}`, {
        kk: "байттар өлшемі мен SHA-256 мәніне сәйкес келмейді",
        ru: "байты не соответствуют размеру и SHA-256",
        en: "bytes do not match the size and SHA-256",
      });
    }
    return { ...a, bytes };
  });
  const now = deps.clock.now();
  const system = { unitPaths: [], all: true };
  // A repeated delivery is answered before its files are stored again.
  const known = await deps.database.tx(system, (tx) =>
    tx
      .select({ id: exchangeInbound.messageId })
      .from(exchangeInbound)
      .where(eq(exchangeInbound.messageId, m.id)),
  );
  if (known.length > 0) return { status: "duplicate", id: m.id };
  const keys = await Promise.all(files.map((f) => deps.files.put(f.bytes)));
  return deps.database.tx(system, async (tx) => {
    const fresh = await tx
      .insert(exchangeInbound)
      .values({ messageId: m.id, peerId: peer.id, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: exchangeInbound.messageId });
    if (fresh.length === 0) return { status: "duplicate" as const, id: m.id };
    const sender = await unitByCode(tx, m.sender);
    if (!sender)
      throw invalid("sender", {
        kk: `белгісіз бөлімше ${m.sender}`,
        ru: `неизвестное подразделение ${m.sender}`,
        en: `unknown unit ${m.sender}`,
      });
    const addressees = [];
    for (const a of m.addressees) {
      const unit = await unitByCode(tx, a.unitCode);
      if (unit) addressees.push({ unit, kind: a.kind });
    }
    if (addressees.length === 0)
      throw invalid("addressees", {
        kk: "мұнда адресат бөлімшелердің ешқайсысы белгісіз",
        ru: "ни одно подразделение-адресат здесь не известно",
        en: "no addressee unit is known here",
      });
    if (!exchangeRuleAt(exchangeRules, m.classId, m.sentAt.slice(0, 10))) {
      throw invalid("classId", {
        kk: `күшіндегі ${m.classId} ережесі жоқ`,
        ru: `нет действующего правила ${m.classId}`,
        en: `no ${m.classId} rule is in force`,
      });
    }
    const sentAt = new Date(m.sentAt);
    await tx.insert(exchangeMessages).values({
      id: m.id,
      senderUnitId: sender.id,
      senderUnitPath: sender.path,
      addresseePaths: addressees.map((a) => a.unit.path),
      classId: m.classId,
      topic: m.topic,
      ruleVersion: m.ruleVersion,
      clause: m.clause,
      mode: m.mode,
      payload: m.payload,
      freeText: m.freeText,
      officialUse: m.officialUse,
      period: m.period,
      eventAt: m.eventAt ? new Date(m.eventAt) : null,
      confirmsId: m.confirmsId,
      passedTo: m.passedTo,
      sentAt,
      authorName: m.authorName,
      origin: peer.id,
      createdAt: now,
    });
    await tx
      .insert(exchangeAddressees)
      .values(
        addressees.map((a) => ({ messageId: m.id, unitId: a.unit.id, unitPath: a.unit.path, kind: a.kind })),
      );
    for (const [i, f] of files.entries()) {
      await tx.insert(exchangeAttachments).values({
        messageId: m.id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        storageKey: keys[i] as string,
        createdAt: now,
      });
    }
    await applyObligations(tx, sender, m.classId, {
      id: m.id,
      mode: m.mode,
      sentAt,
      period: m.period,
      eventAt: m.eventAt ? new Date(m.eventAt) : null,
      confirmsId: m.confirmsId,
      isDemo: false,
    });
    await appendAudit(tx, now, null, meta, {
      action: "exchange.message.receive",
      objectType: "exchange_message",
      objectId: m.id,
      details: {
        peer: peer.id,
        classId: m.classId,
        sender: m.sender,
        clause: m.clause,
        attachments: files.map((f) => ({ fileName: f.fileName, size: f.size, sha256: f.sha256 })),
      },
    });
    return { status: "applied" as const, id: m.id };
  });
}
