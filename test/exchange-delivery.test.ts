import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/adapters/db/index.js";
import { relayOutbox, type Transport } from "../src/services/exchange/relay.js";
import { signedBytes } from "../src/services/exchange/wire.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";

/**
 * Delivery to another agency's system (X p.5 over the wire): two Shekara instances on two
 * databases, each the other's peer. Whatever side fails wherever, each message is applied on the
 * receiver exactly once, and the sender's outbox row ends delivered.
 */
describe("exchange delivery between two systems", () => {
  let a: TestApp;
  let b: TestApp;
  let nsc: string;

  beforeAll(async () => {
    a = await startTestApp("pglite", {
      SHEKARA_EXCHANGE_SELF_ID: "nsc-system",
      SHEKARA_EXCHANGE_INTERVAL_MS: "0",
    });
    b = await startTestApp("pglite", {
      SHEKARA_EXCHANGE_SELF_ID: "iab-system",
      SHEKARA_EXCHANGE_INTERVAL_MS: "0",
    });
    a.deps.config.exchangePeers.push({
      id: "iab-system",
      url: "http://iab.invalid",
      publicKey: b.deps.signer.publicKey,
      agencies: ["IAB"],
    });
    b.deps.config.exchangePeers.push({
      id: "nsc-system",
      url: "http://nsc.invalid",
      publicKey: a.deps.signer.publicKey,
      agencies: ["NSC"],
    });
    nsc = await sessionCookieFor(a, "nsc");
  }, 240_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  /** The network: posts to B's inbound endpoint in-process. */
  const toB: Transport = async (_url, body, headers) => {
    const r = await b.app.inject({
      method: "POST",
      url: "/api/v1/exchange/inbound",
      payload: body,
      headers: { ...headers, "content-type": "application/json" },
    });
    return { status: r.statusCode, body: r.body };
  };

  async function send(summary: string): Promise<string> {
    const r = await a.app.inject({
      method: "POST",
      url: "/api/v1/exchange/messages",
      headers: { cookie: nsc },
      payload: {
        classId: "SEMI_ANNUAL",
        topic: "REFERENCE_MATERIALS",
        payload: { material: "REVIEW", title: summary },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id;
  }
  const count = async (db: Database, sql: string, id: string) =>
    Number((await db.ownerQuery(sql, [id]))[0]?.n ?? -1);
  const onB = (id: string) =>
    count(b.deps.database, "SELECT count(*)::int AS n FROM exchange_messages WHERE id = $1", id);
  const pending = (id: string) =>
    count(
      a.deps.database,
      "SELECT count(*)::int AS n FROM exchange_outbox WHERE message_id = $1 AND delivered_at IS NULL",
      id,
    );
  const relay = (transport: Transport, opts = {}) => relayOutbox(a.deps, transport, opts);

  it("writes the outbox row in the message's transaction and delivers it signed, applied once", async () => {
    const id = await send("plain");
    expect(await pending(id)).toBe(1);
    const result = await relay(toB);
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(await pending(id)).toBe(0);
    expect(await onB(id)).toBe(1);
    const row = (
      await b.deps.database.ownerQuery(
        "SELECT origin, sender_unit_path FROM exchange_messages WHERE id = $1",
        [id],
      )
    )[0];
    expect(row?.origin).toBe("nsc-system");
    const audit = await b.deps.database.ownerQuery("SELECT action FROM audit_log WHERE object_id = $1", [id]);
    expect(audit.map((r) => r.action)).toEqual(["exchange.message.receive"]);
  });

  it("carries attachments inline with their SHA-256; the receiver stores the same bytes and refuses altered ones", async () => {
    const bytes = Buffer.from("%PDF-1.4\n% Shekara delivery test\n%%EOF\n");
    const r = await a.app.inject({
      method: "POST",
      url: "/api/v1/exchange/messages",
      headers: { cookie: nsc },
      payload: {
        classId: "SEMI_ANNUAL",
        topic: "REFERENCE_MATERIALS",
        payload: { material: "REVIEW", title: "with a file" },
        attachments: [
          { fileName: "review.pdf", contentType: "application/pdf", dataBase64: bytes.toString("base64") },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    // The outbox keeps the storage key, not the bytes; the delivery inlines them.
    const [outbox] = await a.deps.database.ownerQuery(
      "SELECT body FROM exchange_outbox WHERE message_id = $1",
      [id],
    );
    expect(JSON.stringify(outbox?.body)).not.toContain(bytes.toString("base64"));
    let sent = "";
    const capturing: Transport = async (url, body, headers) => {
      sent = body;
      return toB(url, body, headers);
    };
    expect((await relay(capturing)).delivered).toBeGreaterThanOrEqual(1);
    const [stored] = await b.deps.database.ownerQuery(
      "SELECT file_name, size, storage_key FROM exchange_attachments WHERE message_id = $1",
      [id],
    );
    expect(stored?.file_name).toBe("review.pdf");
    expect(Number(stored?.size)).toBe(bytes.length);
    expect((await b.deps.files.get(String(stored?.storage_key))).equals(bytes)).toBe(true);

    // A peer whose attachment bytes do not match what it declares is refused; nothing is applied.
    const wire = JSON.parse(sent);
    wire.id = "7d3c1f0e-9a4b-4c2d-8e6f-0a1b2c3d4e5f";
    wire.attachments[0].dataBase64 = Buffer.from("altered").toString("base64");
    const body = signedBytes(wire);
    const refused = await b.app.inject({
      method: "POST",
      url: "/api/v1/exchange/inbound",
      payload: body,
      headers: {
        "content-type": "application/json",
        "x-shekara-peer": "nsc-system",
        "x-shekara-signature": a.deps.signer.sign(body),
      },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(await onB(wire.id)).toBe(0);
  });

  it("a sender that crashes before commit leaves neither message nor outbox row", async () => {
    const db = a.deps.database;
    const before = Number((await db.ownerQuery("SELECT count(*)::int AS n FROM exchange_outbox"))[0]?.n);
    const original = db.tx.bind(db);
    (db as { tx: Database["tx"] }).tx = (scope, fn) =>
      original(scope, async (tx) => {
        await fn(tx);
        throw new Error("crash before commit");
      });
    const r = await a.app.inject({
      method: "POST",
      url: "/api/v1/exchange/messages",
      headers: { cookie: nsc },
      payload: {
        classId: "SEMI_ANNUAL",
        topic: "REFERENCE_MATERIALS",
        payload: { material: "REVIEW", title: "lost" },
      },
    });
    (db as { tx: Database["tx"] }).tx = original;
    expect(r.statusCode).toBe(500);
    expect(Number((await db.ownerQuery("SELECT count(*)::int AS n FROM exchange_outbox"))[0]?.n)).toBe(
      before,
    );
  });

  it("a relay interrupted between send and mark sends again after its lease; the receiver dedupes", async () => {
    const id = await send("interrupted relay");
    await expect(
      relay(toB, {
        afterSend: () => {
          throw new Error("relay crashed after send");
        },
      }),
    ).rejects.toThrow("relay crashed");
    expect(await onB(id)).toBe(1);
    expect(await pending(id)).toBe(1);
    // Still leased: another relay does not take it yet.
    expect((await relay(toB)).claimed).toBe(0);
    a.clock.advance(61_000);
    const again = await relay(toB);
    expect(again.delivered).toBe(1);
    expect(await pending(id)).toBe(0);
    expect(await onB(id)).toBe(1);
  });

  it("a receiver that fails after applying (answer lost) is retried and answers duplicate", async () => {
    const id = await send("answer lost");
    let responses: string[] = [];
    const lossy: Transport = async (url, body, headers) => {
      const r = await toB(url, body, headers);
      responses.push(r.body ?? "");
      throw new Error("connection reset after apply");
    };
    expect((await relay(lossy)).failed).toBe(1);
    expect(await onB(id)).toBe(1);
    expect(await pending(id)).toBe(1);
    a.clock.advance(10_000); // past the first backoff (5 s + jitter)
    responses = [];
    const recording: Transport = async (url, body, headers) => {
      const r = await toB(url, body, headers);
      responses.push(r.body ?? "");
      return r;
    };
    expect((await relay(recording)).delivered).toBe(1);
    expect(JSON.parse(responses[0] ?? "{}").status).toBe("duplicate");
    expect(await onB(id)).toBe(1);
  });

  it("a receiver that crashes inside the apply rolls back the dedupe row too, and applies on retry", async () => {
    const id = await send("receiver crash");
    const db = b.deps.database;
    const original = db.tx.bind(db);
    (db as { tx: Database["tx"] }).tx = (scope, fn) =>
      original(scope, async (tx) => {
        await fn(tx);
        throw new Error("receiver crashed before commit");
      });
    expect((await relay(toB)).failed).toBe(1);
    (db as { tx: Database["tx"] }).tx = original;
    expect(await onB(id)).toBe(0);
    expect(await count(db, "SELECT count(*)::int AS n FROM exchange_inbound WHERE message_id = $1", id)).toBe(
      0,
    );
    a.clock.advance(10_000);
    expect((await relay(toB)).delivered).toBe(1);
    expect(await onB(id)).toBe(1);
  });

  it("two relays on one database share the outbox without sending a row twice at once", async () => {
    const ids = [await send("c1"), await send("c2"), await send("c3"), await send("c4")];
    let calls = 0;
    const counting: Transport = async (url, body, headers) => {
      calls += 1;
      return toB(url, body, headers);
    };
    const [r1, r2] = await Promise.all([relay(counting, { batch: 2 }), relay(counting, { batch: 2 })]);
    const r3 = await relay(counting);
    expect(r1.claimed + r2.claimed + r3.claimed).toBe(4);
    expect(calls).toBe(4);
    for (const id of ids) {
      expect(await onB(id)).toBe(1);
      expect(await pending(id)).toBe(0);
    }
  });

  it("refuses a delivery with a bad signature or from an unknown peer (401), applying nothing", async () => {
    const body = JSON.stringify({ v: 1, id: "00000000-0000-4000-8000-000000000001" });
    for (const headers of [
      { "x-shekara-peer": "nsc-system", "x-shekara-signature": "AAAA" },
      { "x-shekara-peer": "stranger", "x-shekara-signature": a.deps.signer.sign(body) },
    ]) {
      const r = await b.app.inject({
        method: "POST",
        url: "/api/v1/exchange/inbound",
        payload: body,
        headers: { ...headers, "content-type": "application/json" },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe("EXCHANGE_SIGNATURE_INVALID");
    }
    expect(
      await count(
        b.deps.database,
        "SELECT count(*)::int AS n FROM exchange_inbound WHERE message_id = $1",
        "00000000-0000-4000-8000-000000000001",
      ),
    ).toBe(0);
  });
});
