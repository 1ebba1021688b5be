import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateOverdue } from "../src/services/exchange/obligations.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const migrants = {
  persons: [{ fullName: "Test Person", citizenship: "UZ" }],
  detection: "DETAINED",
  destinationState: "RU",
  route: "Tashkent — Almaty — Khorgos",
  declaredPurpose: "work",
  checkpoint: "Khorgos",
  crossing: "GROUP",
  documentsObtained: "invitation bought",
  measuresTaken: "handed to the IAB",
};

describe.each(DB_KINDS)("exchange API (%s)", (kind) => {
  let t: TestApp;
  let nsc: string;
  let customs: string;
  let duty: string;
  let uigur: string;
  let nschief: string;
  let analyst: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    nsc = await sessionCookieFor(t, "nsc");
    customs = await sessionCookieFor(t, "customs");
    duty = await sessionCookieFor(t, "duty");
    uigur = await sessionCookieFor(t, "uigur");
    nschief = await sessionCookieFor(t, "nschief");
    analyst = await sessionCookieFor(t, "analyst");
  }, 120_000);
  afterAll(async () => t?.stop());

  const post = (cookie: string, url: string, payload: unknown, lang = "en") =>
    t.app.inject({
      method: "POST",
      url,
      payload: payload as object,
      headers: { cookie, "accept-language": lang },
    });
  const get = (cookie: string, url: string) => t.app.inject({ method: "GET", url, headers: { cookie } });

  it("alerts an overdue confirmation to the post and its superior; each marks its own alert read, audited", async () => {
    const oral = await post(nsc, "/api/v1/exchange/messages", {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      mode: "ORAL",
      payload: migrants,
      passedTo: "IAB duty officer",
      passedAt: new Date(t.clock.now().getTime() - 180 * 60_000).toISOString(),
    });
    expect(oral.statusCode, oral.body).toBe(201);
    await escalateOverdue(t.deps);
    // The superior's alerts are read by its duty officer: the demo analyst takes that duty here.
    await t.deps.database.ownerQuery(
      "UPDATE users SET roles = roles || '{duty_officer}'::text[] WHERE login = 'nschief'",
    );
    type Day = { alerts: { id: string; kind: string; obligation: { sourceMessageId: string | null } }[] };
    const alertsOf = async (cookie: string) =>
      ((await get(cookie, "/api/v1/exchange/duty-day")).json() as Day).alerts.filter(
        (a) => a.obligation.sourceMessageId === oral.json().id,
      );
    const [mine] = await alertsOf(nsc);
    const [theirs] = await alertsOf(nschief);
    expect(mine?.kind).toBe("SENDER");
    expect(theirs?.kind).toBe("SUPERIOR");
    if (!mine || !theirs) throw new Error("alerts missing");
    // Only the alerted unit marks its alert; the superior cannot clear the post's, nor the reverse.
    expect((await post(nschief, `/api/v1/exchange/alerts/${mine.id}/read`, {})).statusCode).toBe(404);
    expect((await post(nsc, `/api/v1/exchange/alerts/${theirs.id}/read`, {})).statusCode).toBe(404);
    expect((await post(customs, `/api/v1/exchange/alerts/${mine.id}/read`, {})).statusCode).toBe(404);
    expect((await post(nsc, "/api/v1/exchange/alerts/not-a-uuid/read", {})).statusCode).toBe(400);
    const read = await post(nsc, `/api/v1/exchange/alerts/${mine.id}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    const again = await post(nsc, `/api/v1/exchange/alerts/${mine.id}/read`, {});
    expect(again.json().readAt).toBe(read.json().readAt);
    expect(await alertsOf(nsc)).toEqual([]);
    expect((await alertsOf(nschief)).map((a) => a.id)).toEqual([theirs.id]);
    const audited = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.alert.read' AND object_id = $1",
      [mine.id],
    );
    expect(audited[0]?.n).toBe(1);
    await t.deps.database.ownerQuery("UPDATE users SET roles = '{analyst}' WHERE login = 'nschief'");
  });

  it("a retried send with the same Idempotency-Key returns the first message (200), never a second", async () => {
    const send = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/exchange/messages",
        headers: { cookie: nsc, "idempotency-key": "retry-message-0001" },
        payload: {
          classId: "SEMI_ANNUAL",
          topic: "REFERENCE_MATERIALS",
          payload: { material: "REVIEW", title: "retried" },
        },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const [row] = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM exchange_messages WHERE idempotency_key = 'retry-message-0001'",
    );
    expect(row?.n).toBe(1);
    // Another officer's key is theirs alone: the same key from customs sends customs' own message.
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/exchange/messages",
      headers: { cookie: customs, "idempotency-key": "retry-message-0001" },
      payload: {
        classId: "SEMI_ANNUAL",
        topic: "REFERENCE_MATERIALS",
        payload: { material: "REVIEW", title: "x" },
      },
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });

  it("tells the web client its unit's time zone, in which forms read local times (X-8)", async () => {
    const me = (await get(nsc, "/api/v1/auth/me")).json();
    const [unit] = await t.deps.database.ownerQuery("SELECT time_zone FROM units WHERE id = $1", [me.unitId]);
    expect(me.timeZone).toBe(unit?.time_zone);
    await t.deps.database.ownerQuery("UPDATE units SET time_zone = 'Asia/Aqtau' WHERE id = $1", [me.unitId]);
    try {
      expect((await get(nsc, "/api/v1/auth/me")).json().timeZone).toBe("Asia/Aqtau");
    } finally {
      await t.deps.database.ownerQuery("UPDATE units SET time_zone = $2 WHERE id = $1", [
        me.unitId,
        unit?.time_zone,
      ]);
    }
    const citizen = await sessionCookieFor(t, "citizen");
    expect((await get(citizen, "/api/v1/auth/me")).json().timeZone).toBeNull();
  });

  it("an oral urgent notice creates the 2-hour written confirmation, addressed to counterparts and the superior", async () => {
    const oralAt = new Date(t.clock.now().getTime() - 150 * 60_000).toISOString();
    const oral = await post(nsc, "/api/v1/exchange/messages", {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      mode: "ORAL",
      payload: migrants,
      passedTo: "IAB duty officer",
      passedAt: oralAt,
    });
    expect(oral.statusCode, oral.body).toBe(201);
    const m = oral.json();
    expect(m.clause).toBe("X p.5.1");
    expect(m.addressees.map((a: { code: string; kind: string }) => `${a.code}:${a.kind}`).sort()).toEqual([
      "DEMO-CUSTOMS-KHORGOS:COUNTERPART",
      "DEMO-IAB-PANFILOV:COUNTERPART",
      "DEMO-NSC-BS:SUPERIOR",
    ]);
    const created = m.obligations.find((o: { role: string }) => o.role === "CREATED");
    expect(created.dueAt).toBe(new Date(new Date(oralAt).getTime() + 2 * 3_600_000).toISOString());
    expect(created.deliveredAt).toBeNull();

    // Confirmed in writing now, 2.5 hours after the oral notice: late by 30 minutes.
    const written = await post(nsc, "/api/v1/exchange/messages", {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      payload: migrants,
      confirmsId: m.id,
    });
    expect(written.statusCode, written.body).toBe(201);
    const discharged = written.json().obligations[0];
    expect(discharged.role).toBe("DISCHARGED");
    expect(discharged.deliveredAt).toBe(t.clock.now().toISOString());

    const board = (await get(nsc, "/api/v1/exchange/compliance")).json();
    // Row-level security: the post's dashboard holds only its own unit's obligations.
    expect(board.byUnit.map((u: { code: string }) => u.code)).toEqual(["DEMO-NSC-KHORGOS"]);
    const late = board.late.find((o: { sourceMessageId: string }) => o.sourceMessageId === m.id);
    expect(late).toMatchObject({
      status: "LATE",
      minutesOverdue: 30,
      clause: "X p.5.1",
      unitCode: "DEMO-NSC-KHORGOS",
    });
    // The level above sees the same late item through its subtree.
    const above = (await get(nschief, "/api/v1/exchange/compliance")).json();
    expect(above.byUnit.map((u: { code: string }) => u.code).sort()).toEqual([
      "DEMO-NSC-BS",
      "DEMO-NSC-KHORGOS",
    ]);
    expect(above.late.some((o: { sourceMessageId: string }) => o.sourceMessageId === m.id)).toBe(true);
  });

  it("every addressee acknowledges receipt once; others cannot, and other units' messages answer 404", async () => {
    const sent = await post(customs, "/api/v1/exchange/messages", {
      classId: "ADVANCE",
      topic: "EXPULSION",
      payload: { status: "PLANNED", place: "Khorgos", date: "2026-11-25", personCount: 3 },
      eventAt: "2026-11-25T05:00:00Z",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id;
    expect(sent.json().addressees.every((a: { acknowledgedAt: null }) => a.acknowledgedAt === null)).toBe(
      true,
    );
    const inbox = (await get(nsc, "/api/v1/exchange/messages?box=inbox")).json();
    expect(inbox.items.some((i: { id: string }) => i.id === id)).toBe(true);
    const ack = await post(nsc, `/api/v1/exchange/messages/${id}/ack`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    const mine = ack.json().addressees.find((a: { code: string }) => a.code === "DEMO-NSC-KHORGOS");
    expect(mine.acknowledgedAt).toBe(t.clock.now().toISOString());
    expect(mine.acknowledgedByName).toBeTruthy();
    // The sender is not an addressee.
    expect((await post(customs, `/api/v1/exchange/messages/${id}/ack`, {})).statusCode).toBe(400);
    // Without an exchange permission: forbidden; with one, but outside sender and addressees: 404.
    expect((await get(uigur, `/api/v1/exchange/messages/${id}`)).statusCode).toBe(403);
    await t.deps.database.ownerQuery(
      "UPDATE users SET roles = '{officer,duty_officer}' WHERE login = 'uigur'",
    );
    const uigurDuty = await sessionCookieFor(t, "uigur");
    expect((await get(uigurDuty, `/api/v1/exchange/messages/${id}`)).statusCode).toBe(404);
    expect((await post(uigurDuty, `/api/v1/exchange/messages/${id}/ack`, {})).statusCode).toBe(404);
    const uigurInbox = (await get(uigurDuty, "/api/v1/exchange/messages?box=inbox")).json();
    expect(uigurInbox.items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await get(analyst, `/api/v1/exchange/messages/${id}`)).statusCode).toBe(200);
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id",
      [id],
    );
    expect(audit.map((r) => r.action)).toEqual(["exchange.message.send", "exchange.message.acknowledge"]);
  });

  it("row-level security hides a message from a unit outside the sender's and addressees' subtrees", async () => {
    const sent = await post(nsc, "/api/v1/exchange/messages", {
      classId: "SEMI_ANNUAL",
      topic: "REFERENCE_MATERIALS",
      payload: { material: "REVIEW", title: "Review" },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id;
    // nschief (NSC-BS) sees it as the sender's superior; the database itself hides it from Uigur's subtree.
    expect((await get(nschief, `/api/v1/exchange/messages/${id}`)).statusCode).toBe(200);
    const rows = await t.deps.database.tx(
      {
        unitPaths: [
          String(
            (await t.deps.database.ownerQuery("SELECT path FROM units WHERE code = 'DEMO-IAB-UIGUR'"))[0]
              ?.path,
          ),
        ],
      },
      (tx) => tx.execute(`SELECT id FROM exchange_messages WHERE id = '${id}'` as never),
    );
    expect((rows as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });

  it("the duty log records daily oral information; bad input answers a translated 400", async () => {
    const entry = await post(duty, "/api/v1/exchange/messages", {
      classId: "DAILY",
      topic: "SITUATION_CHANGES",
      mode: "ORAL",
      payload: { checkpoint: "Khorgos", noChanges: true },
      passedTo: "NSC duty officer Serik",
    });
    expect(entry.statusCode, entry.body).toBe(201);
    // 06:00Z is 11:00 in Almaty: past the 09:00 deadline, so the report is late.
    const o = entry.json().obligations[0];
    expect(o).toMatchObject({
      classId: "DAILY",
      period: "2026-11-22",
      clause: "X p.5.2",
      role: "DISCHARGED",
    });
    expect(o.dueAt).toBe("2026-11-22T04:00:00.000Z");
    const log = (await get(duty, "/api/v1/exchange/messages?box=duty")).json();
    expect(log.items[0].passedTo).toBe("NSC duty officer Serik");

    const written = await post(
      duty,
      "/api/v1/exchange/messages",
      { classId: "DAILY", topic: "SITUATION_CHANGES", mode: "WRITTEN", payload: { checkpoint: "K" } },
      "ru",
    );
    expect(written.statusCode).toBe(400);
    expect(written.json().error.message).toContain("устно");
    const missingField = await post(duty, "/api/v1/exchange/messages", {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      payload: { ...migrants, route: undefined },
    });
    expect(missingField.statusCode).toBe(400);
    expect(missingField.json().error.field).toBe("payload.route");
    const day = (await get(duty, "/api/v1/exchange/duty-day")).json();
    expect(day.localDate).toBe("2026-11-22");
    expect(
      day.obligations.some(
        (x: { classId: string; status: string }) => x.classId === "DAILY" && x.status === "LATE",
      ),
    ).toBe(true);
  });

  it("demo data fills the dashboard on first start, per unit, agency and level", async () => {
    const admin = await sessionCookieFor(t, "admin");
    const board = (await get(admin, "/api/v1/exchange/compliance")).json();
    expect(board.summary.total).toBeGreaterThan(20);
    expect(board.summary.counts.ON_TIME).toBeGreaterThan(0);
    expect(board.summary.counts.LATE).toBeGreaterThan(0);
    expect(board.summary.counts.MISSING).toBeGreaterThan(0);
    expect(board.byAgency.map((a: { agency: string }) => a.agency)).toEqual(
      expect.arrayContaining(["IAB", "NSC", "CUSTOMS"]),
    );
    expect(board.series.length).toBeGreaterThan(7);
  });
});
