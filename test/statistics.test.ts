import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

interface Figures {
  period: string;
  rows: { indicator: string; status: string; values: Record<string, number>; clause: string }[];
  mismatches: number;
  checkpoint: { id: string; myAgency: string | null };
}

describe.each(DB_KINDS)("statistics of service results on %s", (kind) => {
  let t: TestApp;
  let head: string;
  let customs: string;
  let nsc: string;
  let officer: string;
  let uigur: string;
  let citizen: string;
  let triadId: string;

  const get = (url: string, cookie: string, lang = "en") =>
    t.app.inject({ method: "GET", url, headers: { cookie, "accept-language": lang } });
  const put = (payload: object, cookie: string) =>
    t.app.inject({ method: "PUT", url: "/api/v1/statistics/figures", headers: { cookie }, payload });
  const figures = async (period: string, cookie = officer) => {
    const response = await get(`/api/v1/statistics/figures?triadId=${triadId}&period=${period}`, cookie);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Figures;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    head = await sessionCookieFor(t, "head");
    customs = await sessionCookieFor(t, "customs");
    nsc = await sessionCookieFor(t, "nsc");
    officer = await sessionCookieFor(t, "officer");
    uigur = await sessionCookieFor(t, "uigur");
    citizen = await sessionCookieFor(t, "citizen");
    const list = await get("/api/v1/statistics/checkpoints", head);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; nameRu: string; myAgency: string | null }[];
    const khorgos = items.find((i) => i.nameRu.includes("Коргас"));
    expect(khorgos?.myAgency).toBe("IAB");
    triadId = khorgos?.id ?? "";
  });
  afterAll(async () => t?.stop());

  it("shows the demo months: September agreed, one mismatch in October", async () => {
    const september = await figures("2026-09");
    expect(september.mismatches).toBe(0);
    expect(september.rows.every((r) => r.status === "AGREED")).toBe(true);
    const october = await figures("2026-10");
    expect(october.mismatches).toBe(1);
    expect(october.rows.find((r) => r.status === "MISMATCH")).toMatchObject({
      indicator: "ILLEGAL_MIGRANTS_DETAINED",
      values: { IAB: 14, NSC: 12, CUSTOMS: 14 },
      clause: "X p.9.6",
    });
  });

  it("lets each agency enter its own figures; a difference is flagged, a correction clears it; audited", async () => {
    const ok = await put(
      {
        triadId,
        period: "2026-11",
        values: [
          { indicator: "EXPULSIONS", value: 4 },
          { indicator: "FORGED_DOCUMENTS", value: 2 },
        ],
      },
      head,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Figures).rows.find((r) => r.indicator === "EXPULSIONS")?.status).toBe("SINGLE");
    const second = await put(
      { triadId, period: "2026-11", values: [{ indicator: "EXPULSIONS", value: 5 }] },
      customs,
    );
    expect(second.statusCode, second.body).toBe(200);
    let november = second.json() as Figures;
    expect(november.rows.find((r) => r.indicator === "EXPULSIONS")).toMatchObject({
      status: "MISMATCH",
      values: { IAB: 4, CUSTOMS: 5 },
    });
    expect(november.mismatches).toBe(1);
    // Customs corrects its figure: the two agree.
    november = (
      await put({ triadId, period: "2026-11", values: [{ indicator: "EXPULSIONS", value: 4 }] }, customs)
    ).json();
    expect(november.rows.find((r) => r.indicator === "EXPULSIONS")?.status).toBe("AGREED");
    const audit = await t.deps.database.ownerQuery(
      "SELECT details FROM audit_log WHERE action = 'statistics.enter' AND object_id LIKE $1 ORDER BY id",
      [`${triadId}/2026-11/CUSTOMS`],
    );
    expect(audit.map((a) => (a.details as { changes: unknown[] }).changes)).toEqual([
      [{ indicator: "EXPULSIONS", from: null, to: 5 }],
      [{ indicator: "EXPULSIONS", from: 5, to: 4 }],
    ]);
  });

  it("refuses bad input with translated 400s and writes nothing", async () => {
    const before = Number(
      (await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM stat_figures"))[0]?.n,
    );
    const unknown = await t.app.inject({
      method: "PUT",
      url: "/api/v1/statistics/figures",
      headers: { cookie: head, "accept-language": "ru" },
      payload: {
        triadId,
        period: "2026-11",
        values: [
          { indicator: "EXPULSIONS", value: 1 },
          { indicator: "NOPE", value: 1 },
        ],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain("согласованном перечне");
    expect(
      (await put({ triadId, period: "2026-12", values: [{ indicator: "EXPULSIONS", value: 1 }] }, head))
        .statusCode,
    ).toBe(400);
    expect(
      (await put({ triadId, period: "2026-11", values: [{ indicator: "EXPULSIONS", value: -1 }] }, head))
        .statusCode,
    ).toBe(400);
    expect(
      (await put({ triadId, period: "26-11", values: [{ indicator: "EXPULSIONS", value: 1 }] }, head))
        .statusCode,
    ).toBe(400);
    expect(
      Number((await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM stat_figures"))[0]?.n),
    ).toBe(before);
  });

  it("limits who reads and enters: officers read, other units' checkpoints answer 404, citizens 403", async () => {
    expect(
      (await put({ triadId, period: "2026-11", values: [{ indicator: "EXPULSIONS", value: 1 }] }, officer))
        .statusCode,
    ).toBe(403);
    // The Uigur district has no part in the Khorgos triad.
    expect(
      (await get(`/api/v1/statistics/figures?triadId=${triadId}&period=2026-10`, uigur)).statusCode,
    ).toBe(404);
    expect((await get("/api/v1/statistics/checkpoints", uigur)).json().items).toEqual([]);
    expect((await get("/api/v1/statistics/checkpoints", citizen)).statusCode).toBe(403);
    // The NSC member enters for the NSC.
    const nscEntry = await put(
      { triadId, period: "2026-11", values: [{ indicator: "EXPULSIONS", value: 4 }] },
      nsc,
    );
    expect(nscEntry.statusCode).toBe(200);
  });

  it("exports the reconciled figures as CSV in the asked language", async () => {
    const response = await get(
      `/api/v1/statistics/export.csv?triadId=${triadId}&from=2026-09&to=2026-10&lang=ru`,
      officer,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    const rows = parse(response.body.replace(/^\uFEFF/, "")) as string[][];
    expect(rows[0]).toEqual([
      "Пункт",
      "Период",
      "Код показателя",
      "Показатель",
      "Пункт инструкции",
      "ОВД",
      "ПС КНБ",
      "Таможня",
      "Статус",
    ]);
    expect(rows).toHaveLength(1 + 2 * 8);
    const mismatch = rows.filter((r) => r[8] === "расхождение");
    expect(mismatch).toEqual([
      [
        "Тройка «Коргас» (демо)",
        "2026-10",
        "ILLEGAL_MIGRANTS_DETAINED",
        "Задержано незаконных мигрантов",
        "X p.9.6",
        "14",
        "12",
        "14",
        "расхождение",
      ],
    ]);
    const kk = await get(
      `/api/v1/statistics/export.csv?triadId=${triadId}&from=2026-09&to=2026-09`,
      officer,
      "kk",
    );
    expect(kk.body).toContain("келісілген");
    expect(kk.body).toContain("Қорғас үштігі (демо)");
    // English names the checkpoint by its English name.
    const en = await get(
      `/api/v1/statistics/export.csv?triadId=${triadId}&from=2026-09&to=2026-09&lang=en`,
      officer,
    );
    const enRows = parse(en.body.replace(/^\uFEFF/, "")) as string[][];
    expect(enRows[1]?.[0]).toBe("Khorgos triad (demo)");
    expect(
      (await get(`/api/v1/statistics/export.csv?triadId=${triadId}&from=2026-10&to=2026-09`, officer))
        .statusCode,
    ).toBe(400);
  });
});
