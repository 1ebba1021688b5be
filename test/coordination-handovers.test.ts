import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActStatus, custodyViolations } from "../src/core/coordination/index.js";
import { AppError } from "../src/core/errors.js";
import { loadActor } from "../src/services/auth/session.service.js";
import type { Actor } from "../src/services/context.js";
import { actOnAct, createAct } from "../src/services/coordination/handovers.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";
import { pdfText } from "./support/pdf.js";

const meta = { address: "test", requestId: undefined };
const migrant = {
  kind: "PERSON_MIGRANT",
  description: "Detained at the checkpoint",
  quantity: "1",
  person: { fullName: "Test Person", birthDate: "1991-02-03", citizenship: "CN", document: "E000" },
};

describe.each(DB_KINDS)("handover acts on %s", (kind) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  const unit: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  const call = (method: "GET" | "POST", url: string, who: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c[who] ?? "", "accept-language": "en" },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["nsc", "officer", "customs", "uigur", "head", "analyst"])
      c[login] = await sessionCookieFor(t, login);
    for (const row of await t.deps.database.ownerQuery("SELECT id, code FROM units"))
      unit[String(row.code)] = String(row.id);
    for (const row of await t.deps.database.ownerQuery(
      "SELECT id, login FROM users WHERE login IN ('nsc','officer','customs')",
    )) {
      const a = await t.deps.database.tx({ unitPaths: [], all: true }, (tx) => loadActor(tx, String(row.id)));
      if (a) actors[String(row.login)] = a;
    }
  });
  afterAll(() => t?.stop());

  it("a retried act with the same Idempotency-Key returns the first act; no second act or item", async () => {
    const send = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/handovers",
        headers: { cookie: c.nsc ?? "", "idempotency-key": "retry-act-0001" },
        payload: {
          receiverUnitId: unit["DEMO-IAB-PANFILOV"],
          place: "Khorgos",
          basis: "Protocol R",
          items: [{ kind: "GOODS", description: "Retried crate", quantity: "1" }],
        },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const rows = await t.deps.database.ownerQuery(
      "SELECT (SELECT count(*) FROM handover_acts WHERE idempotency_key = 'retry-act-0001')::int AS acts, (SELECT count(*) FROM handover_items WHERE description = 'Retried crate')::int AS items",
    );
    expect(rows[0]).toEqual({ acts: 1, items: 1 });
  });

  it("moves custody only when both the giving and the receiving officer signed; others see 404", async () => {
    const created = await call("POST", "/api/v1/handovers", "nsc", {
      receiverUnitId: unit["DEMO-IAB-PANFILOV"],
      place: "Khorgos",
      basis: "Protocol 1",
      items: [migrant, { kind: "DRUG", description: "Powder, sealed bag", quantity: "0.5 kg" }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const act = created.json();
    expect(act).toMatchObject({ status: "DRAFT", allowed: ["SIGN_GIVE", "CANCEL"] });
    const [person, drug] = act.items;
    expect(person.custodianUnitId).toBe(unit["DEMO-NSC-KHORGOS"]);

    // The receiver cannot sign first; a third unit cannot see the act at all.
    const early = await call("POST", `/api/v1/handovers/${act.id}/sign-receive`, "officer", {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("ILLEGAL_TRANSITION");
    expect((await call("GET", `/api/v1/handovers/${act.id}`, "uigur")).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/handovers/items/${person.id}/chain`, "uigur")).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/handovers`, "uigur")).json()).not.toContainEqual(
      expect.objectContaining({ id: act.id }),
    );

    const given = await call("POST", `/api/v1/handovers/${act.id}/sign-give`, "nsc", {});
    expect(given.json()).toMatchObject({
      status: "GIVER_SIGNED",
      giverSignature: { name: expect.any(String) },
    });
    const hash = given.json().contentHash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Still with the giver until the receiver signs.
    expect(
      (await call("GET", `/api/v1/handovers/${act.id}`, "officer")).json().items[0].custodianUnitId,
    ).toBe(unit["DEMO-NSC-KHORGOS"]);
    const wrongSide = await call("POST", `/api/v1/handovers/${act.id}/sign-receive`, "customs", {
      contentHash: hash,
    });
    expect([403, 404]).toContain(wrongSide.statusCode);
    const badHash = await call("POST", `/api/v1/handovers/${act.id}/sign-receive`, "officer", {
      contentHash: "0".repeat(64),
    });
    expect(badHash.statusCode).toBe(400);

    const received = await call("POST", `/api/v1/handovers/${act.id}/sign-receive`, "officer", {
      contentHash: hash,
      discrepancies: [{ itemId: drug.id, note: "0.48 kg on the receiver's scales" }],
    });
    expect(received.statusCode, received.body).toBe(200);
    const done = received.json();
    expect(done.status).toBe("COMPLETED");
    expect(done.items.map((i: { custodianUnitId: string }) => i.custodianUnitId)).toEqual([
      unit["DEMO-IAB-PANFILOV"],
      unit["DEMO-IAB-PANFILOV"],
    ]);
    expect(done.items[1].discrepancy).toBe("0.48 kg on the receiver's scales");
    const chain = (await call("GET", `/api/v1/handovers/items/${person.id}/chain`, "nsc")).json();
    expect(chain.chain.map((l: { seq: number; actNumber: string | null }) => [l.seq, l.actNumber])).toEqual([
      [1, null],
      [2, act.number],
    ]);
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_id = $1 AND action <> 'handover.read' ORDER BY id",
      [act.id],
    );
    expect(audit.map((r) => r.action)).toEqual([
      "handover.create",
      "handover.sign_give",
      "handover.sign_receive",
    ]);
    const pdf = await call("GET", `/api/v1/handovers/${act.id}/pdf?lang=ru`, "officer");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // Signatures at local time with the zone named, as the act was signed at the post.
    const text = await pdfText(pdf.rawPayload);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}\d{2}:\d{2}\(Asia\/Almaty\)/);
    expect(text).not.toContain("UTC");
  });

  it("rejects same-agency acts, persons without data and items the giver does not hold", async () => {
    const same = await call("POST", "/api/v1/handovers", "officer", {
      receiverUnitId: unit["DEMO-IAB-UIGUR"],
      place: "x",
      basis: "y",
      items: [{ kind: "GOODS", description: "Box", quantity: "1" }],
    });
    expect(same.statusCode).toBe(400);
    const noData = await call("POST", "/api/v1/handovers", "nsc", {
      receiverUnitId: unit["DEMO-CUSTOMS-KHORGOS"],
      place: "x",
      basis: "y",
      items: [{ kind: "PERSON_CUSTOMS", description: "Man", quantity: "1" }],
    });
    expect(noData.statusCode).toBe(400);
    const held = (await call("GET", "/api/v1/handovers/custody", "officer")).json() as { id: string }[];
    expect(held.length).toBeGreaterThan(0);
    const notHis = await call("POST", "/api/v1/handovers", "customs", {
      receiverUnitId: unit["DEMO-NSC-KHORGOS"],
      place: "x",
      basis: "y",
      items: [{ itemId: held[0]?.id }],
    });
    expect(notHis.statusCode).toBe(409);
    expect(notHis.json().error.code).toBe("HANDOVER_ITEM_UNAVAILABLE");
    // A refusal returns the items to the giver's free custody.
    const act = (
      await call("POST", "/api/v1/handovers", "officer", {
        receiverUnitId: unit["DEMO-CUSTOMS-KHORGOS"],
        place: "x",
        basis: "y",
        items: [{ itemId: held[0]?.id }],
      })
    ).json();
    await call("POST", `/api/v1/handovers/${act.id}/sign-give`, "officer", {});
    expect((await call("POST", `/api/v1/handovers/${act.id}/refuse`, "customs", {})).statusCode).toBe(400);
    const refused = (
      await call("POST", `/api/v1/handovers/${act.id}/refuse`, "customs", { reason: "No room" })
    ).json();
    expect(refused).toMatchObject({ status: "REFUSED", closingNote: "No room" });
    expect(refused.items[0]).toMatchObject({
      custodianUnitId: unit["DEMO-IAB-PANFILOV"],
      pendingActId: null,
    });
  });

  // Model-based: random batches of commands run concurrently; after every batch the database must
  // equal the model built from the commands that succeeded, and the custody invariants must hold.
  it("keeps one custodian per item and no orphan under concurrent handovers (model-based)", async () => {
    const parties = [
      { login: "nsc", unit: "DEMO-NSC-KHORGOS" },
      { login: "officer", unit: "DEMO-IAB-PANFILOV" },
      { login: "customs", unit: "DEMO-CUSTOMS-KHORGOS" },
    ] as const;
    const actorOfUnit = (unitId: string) => {
      const p = parties.find((x) => unit[x.unit] === unitId);
      const a = p ? actors[p.login] : undefined;
      if (!a) throw new Error("no actor");
      return a;
    };
    type Cmd =
      | { op: "CREATE"; items: number[]; to: number }
      | { op: "ADVANCE" | "REFUSE" | "CANCEL"; act: number };
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({
        op: fc.constant("CREATE" as const),
        items: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
        to: fc.nat(2),
      }),
      // ADVANCE takes the act's natural next step (the giver signs a draft, the receiver signs a
      // signed act), so histories reach completed handovers; the target is among the open acts.
      fc.record({
        op: fc.constantFrom("ADVANCE", "ADVANCE", "ADVANCE", "REFUSE", "CANCEL" as const),
        act: fc.nat(20),
      }),
    );
    const PHASE = { SIGN_GIVE: 0, SIGN_RECEIVE: 1, REFUSE: 1, CANCEL: 1, CREATE: 2 } as const;
    type Done = {
      command: { op: keyof typeof PHASE };
      id: string;
      from: string;
      to: string;
      chosen: string[];
      hash: string | null;
    };
    const runs = kind === "postgres" ? 8 : 4;
    const seen = { completed: 0, lostRaces: 0 };

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cmd, { minLength: 2, maxLength: 5 }), { minLength: 3, maxLength: 7 }),
        async (generated) => {
          // Every run starts with two acts contesting one item (exactly one wins) and takes the
          // winner through both signatures, so races and completed handovers are always exercised.
          const batches: Cmd[][] = [
            [
              { op: "CREATE", items: [0], to: 0 },
              { op: "CREATE", items: [0, 1], to: 1 },
            ],
            [{ op: "ADVANCE", act: 0 }],
            [{ op: "ADVANCE", act: 0 }],
            ...generated,
          ];
          // Fresh items for this run: six free items held by the NSC unit.
          const seed = await createAct(t.deps, actors.nsc ?? null, meta, {
            receiverUnitId: unit["DEMO-IAB-PANFILOV"] ?? "",
            place: "model",
            basis: "model",
            items: Array.from({ length: 6 }, (_, i) => ({
              kind: "CONTRABAND" as const,
              description: `item ${i}`,
              quantity: "1",
            })),
          });
          await actOnAct(t.deps, actors.nsc ?? null, meta, seed.id, { action: "CANCEL" });
          const items = seed.items.map((i) => i.id);
          const model = {
            items: new Map(
              items.map((id) => [
                id,
                { custodian: unit["DEMO-NSC-KHORGOS"] as string, pending: null as string | null },
              ]),
            ),
            acts: new Map<
              string,
              { status: ActStatus; from: string; to: string; items: string[]; hash: string | null }
            >(),
          };
          const actIds: string[] = [];
          for (const batch of batches) {
            const jobs = batch.map(async (command) => {
              if (command.op === "CREATE") {
                const chosen = command.items.map((i) => items[i] as string);
                const from = model.items.get(chosen[0] as string)?.custodian as string;
                const others = parties.map((p) => unit[p.unit] as string).filter((u) => u !== from);
                const to = others[command.to % others.length] as string;
                const view = await createAct(t.deps, actorOfUnit(from), meta, {
                  receiverUnitId: to,
                  place: "model",
                  basis: "model",
                  items: chosen.map((itemId) => ({ itemId })),
                });
                return { command, id: view.id, from, to, chosen, hash: null as string | null };
              }
              const open = actIds.filter((a) =>
                ["DRAFT", "GIVER_SIGNED"].includes(model.acts.get(a)?.status ?? ""),
              );
              const id = open.length
                ? open[command.act % open.length]
                : actIds[command.act % Math.max(actIds.length, 1)];
              const act = id ? model.acts.get(id) : undefined;
              if (!id || !act) throw new AppError("NOT_FOUND");
              const action: "SIGN_GIVE" | "SIGN_RECEIVE" | "REFUSE" | "CANCEL" =
                command.op === "ADVANCE"
                  ? act.status === "DRAFT"
                    ? "SIGN_GIVE"
                    : "SIGN_RECEIVE"
                  : command.op;
              const side = action === "SIGN_GIVE" || action === "CANCEL" ? act.from : act.to;
              const view = await actOnAct(t.deps, actorOfUnit(side), meta, id, {
                action,
                reason: "model",
                ...(act.hash ? { contentHash: act.hash } : {}),
              });
              return {
                command: { op: action },
                id,
                from: act.from,
                to: act.to,
                chosen: act.items,
                hash: view.contentHash,
              };
            });
            const results = await Promise.allSettled(jobs);
            const ok: Done[] = [];
            for (const r of results) {
              if (r.status === "rejected") {
                // Losing a race is an expected, explained refusal, never a crash or a partial write.
                expect(r.reason, String(r.reason)).toBeInstanceOf(AppError);
                if ((r.reason as AppError).code === "HANDOVER_ITEM_UNAVAILABLE") seen.lostRaces += 1;
                expect([
                  "HANDOVER_ITEM_UNAVAILABLE",
                  "ILLEGAL_TRANSITION",
                  "NOT_FOUND",
                  "VALIDATION_FAILED",
                ]).toContain((r.reason as AppError).code);
              } else ok.push(r.value);
            }
            ok.sort((a, b) => PHASE[a.command.op] - PHASE[b.command.op]);
            for (const r of ok) {
              const act = model.acts.get(r.id);
              switch (r.command.op) {
                case "CREATE":
                  for (const id of r.chosen) {
                    const item = model.items.get(id);
                    expect(item).toMatchObject({ custodian: r.from, pending: null });
                    if (item) item.pending = r.id;
                  }
                  model.acts.set(r.id, {
                    status: "DRAFT",
                    from: r.from,
                    to: r.to,
                    items: r.chosen,
                    hash: null,
                  });
                  actIds.push(r.id);
                  break;
                case "SIGN_GIVE":
                  expect(act?.status).toBe("DRAFT");
                  if (act) Object.assign(act, { status: "GIVER_SIGNED", hash: r.hash });
                  break;
                case "SIGN_RECEIVE":
                  expect(act?.status).toBe("GIVER_SIGNED");
                  if (act) act.status = "COMPLETED";
                  seen.completed += 1;
                  for (const id of r.chosen) model.items.set(id, { custodian: r.to, pending: null });
                  break;
                default:
                  expect(["DRAFT", "GIVER_SIGNED"]).toContain(act?.status);
                  if (act) act.status = r.command.op === "REFUSE" ? "REFUSED" : "CANCELLED";
                  for (const id of r.chosen) {
                    const item = model.items.get(id);
                    if (item) item.pending = null;
                  }
              }
            }
            // The database equals the model…
            const rows = await t.deps.database.ownerQuery(
              "SELECT id, custodian_unit_id, pending_act_id FROM handover_items WHERE id = ANY($1::uuid[])",
              [items],
            );
            for (const row of rows) {
              expect({ custodian: row.custodian_unit_id, pending: row.pending_act_id }).toEqual(
                model.items.get(String(row.id)),
              );
            }
            const acts = await t.deps.database.ownerQuery(
              "SELECT id, status FROM handover_acts WHERE id = ANY($1::uuid[])",
              [actIds],
            );
            for (const row of acts) expect(row.status).toBe(model.acts.get(String(row.id))?.status);
          }
          // …and the custody invariants hold over every item in the database.
          const all = await t.deps.database.ownerQuery(
            "SELECT id, custodian_unit_id, pending_act_id FROM handover_items",
          );
          const events = await t.deps.database.ownerQuery(
            "SELECT item_id, seq, from_unit_id, to_unit_id, act_id FROM custody_events",
          );
          const statuses = await t.deps.database.ownerQuery("SELECT id, status FROM handover_acts");
          expect(
            custodyViolations(
              all.map((r) => ({
                id: String(r.id),
                custodianUnitId: String(r.custodian_unit_id),
                pendingActId: (r.pending_act_id as string | null) ?? null,
              })),
              events.map((e) => ({
                itemId: String(e.item_id),
                seq: Number(e.seq),
                fromUnitId: (e.from_unit_id as string | null) ?? null,
                toUnitId: String(e.to_unit_id),
                actId: (e.act_id as string | null) ?? null,
              })),
              new Map(statuses.map((s) => [String(s.id), s.status as ActStatus])),
            ),
          ).toEqual([]);
          const open = await t.deps.database.ownerQuery(
            `SELECT ai.item_id, count(*)::int AS n FROM handover_act_items ai JOIN handover_acts a ON a.id = ai.act_id
            WHERE a.status IN ('DRAFT', 'GIVER_SIGNED') GROUP BY ai.item_id HAVING count(*) > 1`,
          );
          expect(open).toEqual([]);
        },
      ),
      { numRuns: runs },
    );
    // The generated histories did exercise both custody moves and contested items.
    expect(seen.completed).toBeGreaterThan(0);
    expect(seen.lostRaces).toBeGreaterThan(0);
  }, 600_000);
});
