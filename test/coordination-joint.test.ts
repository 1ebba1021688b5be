import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

describe.each(DB_KINDS)("joint activity and sectors on %s", (kind) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let triadId: string;
  const call = (method: "GET" | "POST" | "PATCH", url: string, who: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: c[who] ?? "", "accept-language": "en" },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["head", "nschead", "officer", "nsc", "uigur", "regionhead"])
      c[login] = await sessionCookieFor(t, login);
    triadId = String(
      (await t.deps.database.ownerQuery("SELECT triad_id FROM units WHERE code = 'DEMO-NSC-KHORGOS'"))[0]
        ?.triad_id,
    );
  });
  afterAll(() => t?.stop());

  it("records a patrol with members of two agencies and closes it only with a result report", async () => {
    const base = {
      triadId,
      kind: "PATROL",
      title: "Night patrol",
      startsOn: "2026-11-23",
      details: { route: "Station — market", schedule: "22:00–04:00" },
    };
    const lonely = await call("POST", "/api/v1/joint", "nschead", {
      ...base,
      members: [{ party: "NSC", name: "A" }],
    });
    expect(lonely.statusCode).toBe(400);
    expect(lonely.json().error.field).toBe("body.members");
    // Every refusal explains itself in the user's language, not in English inside a translated message.
    const refusal = async (
      lang: string,
      body: object,
      method: "POST" | "PATCH" = "POST",
      url = "/api/v1/joint",
    ) => {
      const r = await t.app.inject({
        method,
        url,
        headers: { cookie: c.nschead ?? "", "accept-language": lang },
        payload: body,
      });
      expect(r.statusCode, r.body).toBe(400);
      return r.json().error as { field: string; message: string };
    };
    expect((await refusal("ru", { ...base, members: [{ party: "NSC", name: "A" }] })).message).toBe(
      "Неверные данные: нужны представители не менее 2 из трёх ведомств (X p.9.5)",
    );
    const pair = [
      { party: "NSC", name: "A" },
      { party: "IAB", name: "B" },
    ];
    expect((await refusal("kk", { ...base, members: pair, endsOn: "2026-11-20" })).message).toBe(
      "Деректер дұрыс емес: аяқталу күні басталу күнінен ерте",
    );
    const badDetails = await refusal("ru", { ...base, members: pair, details: { route: 5 } });
    expect(badDetails.field).toBe("body.details.route");
    expect(badDetails.message).toMatch(
      /^Неверные данные: details\.route: обязательное поле отсутствует или неверного типа/,
    );
    expect((await call("POST", "/api/v1/joint", "officer", { ...base, members: [] })).statusCode).toBe(403);
    expect(
      (
        await call("POST", "/api/v1/joint", "regionhead", {
          ...base,
          members: [
            { party: "NSC", name: "A" },
            { party: "IAB", name: "B" },
          ],
        })
      ).statusCode,
    ).toBe(403);
    const created = await call("POST", "/api/v1/joint", "nschead", {
      ...base,
      members: [
        { party: "NSC", name: "A" },
        { party: "IAB", name: "B" },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ clause: "X p.9.5", status: "PLANNED" });
    expect((await refusal("kk", { status: "DONE" }, "PATCH", `/api/v1/joint/${id}`)).message).toBe(
      "Деректер дұрыс емес: алдымен есепті жазыңыз",
    );
    const done = await call("PATCH", `/api/v1/joint/${id}`, "nschead", {
      status: "DONE",
      details: { ...base.details, report: "Two foreigners checked, nothing found" },
    });
    expect(done.json()).toMatchObject({
      status: "DONE",
      details: { report: "Two foreigners checked, nothing found" },
    });
    expect((await call("GET", `/api/v1/joint/${id}`, "uigur")).statusCode).toBe(404);
    // A done activity is closed: an edit is refused, naming the step and the status in the reader's language.
    const closed = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/joint/${id}`,
      headers: { cookie: c.nschead ?? "", "accept-language": "ru" },
      payload: { details: { ...base.details, report: "changed" } },
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatchObject({
      code: "ILLEGAL_TRANSITION",
      message: "Действие «Изменить запись» недопустимо в состоянии «Выполнено» (X p.9.5).",
      details: [{ action: "UPDATE", state: "DONE" }],
    });
  });

  it("gives a meeting's decision as a task to a party; only that party (or a head) marks it done", async () => {
    const list = (await call("GET", "/api/v1/joint?kind=MEETING", "officer")).json();
    const meeting = list.find((m: { isDemo: boolean }) => m.isDemo);
    const withTask = (
      await call("POST", `/api/v1/joint/${meeting.id}/tasks`, "nschead", {
        text: "Send the figures",
        owner: "NSC",
        dueDate: "2026-11-21",
      })
    ).json();
    const task = withTask.tasks.find((x: { text: string }) => x.text === "Send the figures");
    expect(task).toMatchObject({ status: "OPEN", overdue: true });
    expect(
      (await call("POST", `/api/v1/joint/${meeting.id}/tasks/${task.id}/done`, "officer")).statusCode,
    ).toBe(403);
    const done = (await call("POST", `/api/v1/joint/${meeting.id}/tasks/${task.id}/done`, "nsc")).json();
    expect(done.tasks.find((x: { id: string }) => x.id === task.id)).toMatchObject({
      status: "DONE",
      overdue: false,
    });
  });

  it("assigns sectors and draws them as SVG from stored points, escaped, in the asked language", async () => {
    const bad = await call("POST", `/api/v1/coordination/triads/${triadId}/sectors`, "head", {
      name: "x",
      controlledBy: "NSC",
      basis: "b",
      points: [
        [200, 10],
        [1, 1],
        [2, 2],
      ],
      validFrom: "2026-11-01",
    });
    expect(bad.statusCode).toBe(400);
    const ok = await call("POST", `/api/v1/coordination/triads/${triadId}/sectors`, "head", {
      name: "<Sector & 7>",
      controlledBy: "NSC",
      basis: "Joint decision",
      points: [
        [80.1, 44.1],
        [80.2, 44.1],
        [80.2, 44.0],
      ],
      validFrom: "2026-11-01",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const svg = await call("GET", `/api/v1/coordination/triads/${triadId}/sectors.svg?lang=ru`, "officer");
    expect(svg.headers["content-type"]).toMatch(/image\/svg\+xml/);
    expect(svg.body).toContain("&lt;Sector &amp; 7&gt;");
    expect(svg.body).toContain("Пограничная служба КНБ");
    expect((svg.body.match(/<polygon /g) ?? []).length).toBe(4);
    expect(svg.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(
      (await call("GET", `/api/v1/coordination/triads/${triadId}/sectors.svg`, "uigur")).statusCode,
    ).toBe(404);
  });
});
