import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealAudit } from "../src/services/audit/audit.service.js";
import { headStatement } from "../src/services/audit/head.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

describe.each(DB_KINDS)("units, triads, users and the audit viewer on %s", (kind) => {
  let t: TestApp;
  let admin: string;
  let unitsByCode: Map<string, string>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await sessionCookieFor(t, "admin");
    const rows = await t.deps.database.ownerQuery("SELECT id, code FROM units");
    unitsByCode = new Map(rows.map((r) => [String(r.code), String(r.id)]));
  });
  afterAll(() => t?.stop());
  const id = (code: string) => unitsByCode.get(code) ?? "";
  /** Adds a unit through the API (demo-labelled names) and gives its id. */
  const addUnit = async (agency: string, parent: string, code: string, level: number) => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { cookie: admin },
      payload: {
        agency,
        parentId: id(parent),
        code,
        nameKk: `${code} (демо)`,
        nameRu: `${code} (демо)`,
        timeZone: "Asia/Almaty",
        level,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return String(created.json().id);
  };

  it("forms triads only of one unit per checkpoint agency at one level", async () => {
    const post = (payload: object) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/triads",
        headers: { cookie: admin, "accept-language": "en" },
        payload,
      });
    const twoIab = await post({
      level: 3,
      nameKk: "Қате",
      nameRu: "Ошибка",
      unitIds: [id("DEMO-IAB-UIGUR"), id("DEMO-IAB-PANFILOV"), id("DEMO-CUSTOMS-KHORGOS")],
    });
    expect(twoIab.statusCode).toBe(400);
    expect(twoIab.json().error.field).toBe("unitIds");
    const taken = await post({
      level: 3,
      nameKk: "Қате",
      nameRu: "Ошибка",
      unitIds: [id("DEMO-IAB-UIGUR"), id("DEMO-NSC-KHORGOS"), id("DEMO-CUSTOMS-KHORGOS")],
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.message).toContain("already belongs");
    const shortEnglish = await post({
      level: 3,
      nameKk: "Қате",
      nameRu: "Ошибка",
      nameEn: "x",
      unitIds: [id("DEMO-IAB-UIGUR"), id("DEMO-NSC-KHORGOS"), id("DEMO-CUSTOMS-KHORGOS")],
    });
    expect(shortEnglish.statusCode).toBe(400);
    expect(shortEnglish.json().error.field).toBe("body.nameEn");
    const triads = (await t.app.inject({ url: "/api/v1/triads", headers: { cookie: admin } })).json().items;
    expect(triads.map((x: { level: number }) => x.level)).toEqual([1, 3]);
    expect(triads.map((x: { nameEn: string | null }) => x.nameEn)).toEqual([
      "Level 1 triad (demo)",
      "Khorgos triad (demo)",
    ]);
    const detail = (
      await t.app.inject({ url: `/api/v1/units/${id("DEMO-NSC-KHORGOS")}`, headers: { cookie: admin } })
    ).json();
    expect(detail.counterparts.map((u: { code: string }) => u.code).sort()).toEqual([
      "DEMO-CUSTOMS-KHORGOS",
      "DEMO-IAB-PANFILOV",
    ]);
    expect(detail.superiors.map((u: { code: string }) => u.code)).toEqual(["DEMO-NSC-BS"]);
  });

  it("forms a triad of new units with its English name, which English lists show", async () => {
    const unit = (agency: string, parent: string, code: string) => addUnit(agency, parent, code, 2);
    const unitIds = [
      await unit("IAB", "DEMO-IAB", "TEST-IAB-L2"),
      await unit("NSC", "DEMO-NSC-BS", "TEST-NSC-L2"),
      await unit("CUSTOMS", "DEMO-CUSTOMS", "TEST-CUSTOMS-L2"),
    ];
    const formed = await t.app.inject({
      method: "POST",
      url: "/api/v1/triads",
      headers: { cookie: admin },
      payload: {
        level: 2,
        nameKk: "2-деңгей үштігі",
        nameRu: "Тройка 2-го уровня",
        nameEn: " Level 2 triad ",
        unitIds,
      },
    });
    expect(formed.statusCode, formed.body).toBe(201);
    expect(formed.json()).toMatchObject({ level: 2, nameEn: "Level 2 triad" });
    const listed = (await t.app.inject({ url: "/api/v1/triads", headers: { cookie: admin } })).json().items;
    expect(listed.find((x: { level: number }) => x.level === 2)?.nameEn).toBe("Level 2 triad");
  });

  it("renames a triad for system administrators only, keeping its units, and audits the names before and after", async () => {
    const triads = (await t.app.inject({ url: "/api/v1/triads", headers: { cookie: admin } })).json().items;
    const khorgos = triads.find((x: { level: number }) => x.level === 3);
    const patch = (cookie: string, payload: object, triadId = String(khorgos.id)) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/triads/${triadId}`,
        headers: { cookie, "accept-language": "ru" },
        payload,
      });
    const renamed = await patch(admin, {
      nameRu: " Тройка «Хоргос» (демо) ",
      nameEn: "Khorgos checkpoint (demo)",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      id: khorgos.id,
      level: 3,
      nameKk: khorgos.nameKk,
      nameRu: "Тройка «Хоргос» (демо)",
      nameEn: "Khorgos checkpoint (demo)",
    });
    expect(
      renamed
        .json()
        .units.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(khorgos.units.map((u: { code: string }) => u.code).sort());
    // The English name can be removed; English pages then fall back to the Russian one.
    const cleared = await patch(admin, { nameEn: null });
    expect(cleared.json().nameEn).toBeNull();

    const short = await patch(admin, { nameKk: "x" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: "VALIDATION_FAILED", field: "body.nameKk" });
    expect(short.json().error.message).toBe("Неверные данные: body.nameKk: слишком короткое (не менее 2)");
    // What a form shows at the field: the reason alone.
    expect(short.json().error.reason).toBe("слишком короткое (не менее 2)");
    const levelChange = await patch(admin, { level: 2 });
    expect(levelChange.statusCode).toBe(400);
    const unknown = await patch(admin, { nameRu: "Нет такой" }, "00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    const unitAdmin = await sessionCookieFor(t, "unitadmin");
    const refused = await patch(unitAdmin, { nameRu: "Чужая тройка" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("FORBIDDEN");

    const stored = await t.deps.database.ownerQuery("SELECT name_ru, name_en FROM triads WHERE id = $1", [
      khorgos.id,
    ]);
    expect(stored).toEqual([{ name_ru: "Тройка «Хоргос» (демо)", name_en: null }]);
    const audit = (
      await t.app.inject({
        url: `/api/v1/audit?objectId=${khorgos.id}&action=triad.update`,
        headers: { cookie: admin },
      })
    ).json().items;
    expect(audit).toHaveLength(2);
    expect(audit.map((e: { details: unknown }) => e.details)).toContainEqual({
      before: { nameRu: khorgos.nameRu, nameEn: khorgos.nameEn },
      after: { nameRu: "Тройка «Хоргос» (демо)", nameEn: "Khorgos checkpoint (demo)" },
    });
    // Putting the demo names back leaves the other tests the demo data.
    const restored = await patch(admin, { nameRu: khorgos.nameRu, nameEn: khorgos.nameEn });
    expect(restored.json()).toMatchObject({ nameRu: khorgos.nameRu, nameEn: khorgos.nameEn });
  });

  it("gives a triad a reorganized unit in place of its old one, which then has no counterparts", async () => {
    const unit = (agency: string, parent: string, code: string, level = 4) =>
      addUnit(agency, parent, code, level);
    const iab = await unit("IAB", "DEMO-IAB-PANFILOV", "TEST-MCP-4");
    const nsc = await unit("NSC", "DEMO-NSC-KHORGOS", "TEST-BCD-4");
    const oldPost = await unit("CUSTOMS", "DEMO-CUSTOMS-KHORGOS", "TEST-POST-4");
    const newPost = await unit("CUSTOMS", "DEMO-CUSTOMS-KHORGOS", "TEST-POST-4B");
    const thirdLevel = await unit("CUSTOMS", "DEMO-CUSTOMS-KHORGOS", "TEST-POST-3", 3);
    const formed = await t.app.inject({
      method: "POST",
      url: "/api/v1/triads",
      headers: { cookie: admin },
      payload: { level: 4, nameKk: "4-деңгей", nameRu: "4-й уровень", unitIds: [iab, nsc, oldPost] },
    });
    expect(formed.statusCode, formed.body).toBe(201);
    const triadId = String(formed.json().id);
    const patch = (unitIds: string[]) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/triads/${triadId}`,
        headers: { cookie: admin, "accept-language": "en" },
        payload: { unitIds },
      });
    const members = async () =>
      (
        await t.deps.database.ownerQuery("SELECT code FROM units WHERE triad_id = $1 ORDER BY code", [
          triadId,
        ])
      ).map((r) => r.code);

    // Refused, and nothing changed: another level, a unit of another triad, two customs units.
    const wrongLevel = await patch([iab, nsc, thirdLevel]);
    expect(wrongLevel.json().error).toMatchObject({
      field: "unitIds",
      reason: "TEST-POST-3 is not at level 4 (X p.8)",
    });
    const otherTriad = await patch([iab, nsc, id("DEMO-CUSTOMS-KHORGOS")]);
    expect(otherTriad.statusCode).toBe(400);
    const twoCustoms = await patch([iab, oldPost, newPost]);
    expect(twoCustoms.json().error.message).toContain("one unit each");
    expect(await members()).toEqual(["TEST-BCD-4", "TEST-MCP-4", "TEST-POST-4"]);

    const replaced = await patch([nsc, newPost, iab]);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(
      replaced
        .json()
        .units.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(["TEST-BCD-4", "TEST-MCP-4", "TEST-POST-4B"]);
    expect(await members()).toEqual(["TEST-BCD-4", "TEST-MCP-4", "TEST-POST-4B"]);
    const counterparts = async (unitId: string) =>
      (await t.app.inject({ url: `/api/v1/units/${unitId}`, headers: { cookie: admin } }))
        .json()
        .counterparts.map((u: { code: string }) => u.code)
        .sort();
    expect(await counterparts(oldPost)).toEqual([]);
    expect(await counterparts(iab)).toEqual(["TEST-BCD-4", "TEST-POST-4B"]);
    const audit = (
      await t.app.inject({
        url: `/api/v1/audit?objectId=${triadId}&action=triad.update`,
        headers: { cookie: admin },
      })
    ).json().items;
    expect(audit.map((e: { details: unknown }) => e.details)).toEqual([
      {
        before: { units: ["TEST-BCD-4", "TEST-MCP-4", "TEST-POST-4"] },
        after: { units: ["TEST-BCD-4", "TEST-MCP-4", "TEST-POST-4B"] },
      },
    ]);
    // The same three again change nothing, and write nothing.
    const same = await patch([iab, nsc, newPost]);
    expect(same.statusCode).toBe(200);
    const after = await t.app.inject({
      url: `/api/v1/audit?objectId=${triadId}&action=triad.update`,
      headers: { cookie: admin },
    });
    expect(after.json().items).toHaveLength(1);
  });

  it("changes a unit and records who did it", async () => {
    const response = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/units/${id("DEMO-IAB-UIGUR")}`,
      headers: { cookie: admin },
      payload: { nameRu: "Уйгурский РОВД (демо, изм.)", timeZone: "Asia/Qyzylorda" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      nameRu: "Уйгурский РОВД (демо, изм.)",
      timeZone: "Asia/Qyzylorda",
    });
    const bad = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/units/${id("DEMO-IAB-UIGUR")}`,
      headers: { cookie: admin, "accept-language": "en" },
      payload: { timeZone: "Asia/Nowhere" },
    });
    expect(bad.json().error).toMatchObject({
      field: "timeZone",
      message: "Invalid data: unknown IANA time zone Asia/Nowhere",
      reason: "unknown IANA time zone Asia/Nowhere",
    });
    // A refusal about no one field has no reason of its own.
    const unknown = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/units/00000000-0000-4000-8000-000000000000",
      headers: { cookie: admin },
      payload: { nameRu: "Нет такого" },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.reason).toBeUndefined();
    const audit = (
      await t.app.inject({
        url: `/api/v1/audit?objectId=${id("DEMO-IAB-UIGUR")}`,
        headers: { cookie: admin },
      })
    ).json().items;
    expect(audit[0]).toMatchObject({ action: "unit.update", actorLogin: "admin" });
    const byActor = (
      await t.app.inject({
        url: "/api/v1/audit?actorLogin=ADMIN&action=unit.update",
        headers: { cookie: admin },
      })
    ).json().items;
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e: { actorLogin: string }) => e.actorLogin === "admin")).toBe(true);
  });

  it("audits every read of personal data", async () => {
    const unitadmin = await sessionCookieFor(t, "unitadmin");
    const users = (await t.app.inject({ url: "/api/v1/users", headers: { cookie: unitadmin } })).json().items;
    const officer = users.find((u: { login: string }) => u.login === "officer");
    await t.app.inject({ url: `/api/v1/users/${officer.id}`, headers: { cookie: unitadmin } });
    const reads = await t.deps.database.ownerQuery(
      "SELECT action, object_id FROM audit_log WHERE action IN ('users.list', 'user.read') ORDER BY id",
    );
    expect(reads.map((r) => r.action)).toEqual(["users.list", "user.read"]);
    expect(reads[1]?.object_id).toBe(officer.id);
  });

  it("exports the audit log as CSV and signs the chain head", async () => {
    const csv = await t.app.inject({
      url: "/api/v1/audit/export?action=unit.update",
      headers: { cookie: admin },
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\n")[0]).toBe(
      "id,at,actorLogin,actorRole,action,objectType,objectId,address,requestId,details",
    );
    expect(csv.body).toContain("unit.update");
    const badPeriod = await t.app.inject({
      url: "/api/v1/audit?from=2026-11-22T00:00:00Z&to=2026-11-01T00:00:00Z",
      headers: { cookie: admin },
    });
    expect(badPeriod.statusCode).toBe(400);
    while ((await sealAudit(t.deps.database)) > 0);
    const head = (await t.app.inject({ url: "/api/v1/audit/head", headers: { cookie: admin } })).json();
    expect(t.deps.signer.verify(headStatement(head.seq, head.hash, head.signedAt), head.signature)).toBe(
      true,
    );
    const verify = (await t.app.inject({ url: "/api/v1/audit/verify", headers: { cookie: admin } })).json();
    expect(verify.ok).toBe(true);
  });
});
