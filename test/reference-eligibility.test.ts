import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_SET_V1 } from "../src/core/rules/index.js";
import { ensureZoneNameKeys } from "../src/services/reference/zone.service.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const KORGAS = "334853100";
const trip = {
  citizenship: "KZ",
  ageYears: 34,
  residesInZone: false,
  destination: KORGAS,
  departureDate: "2026-12-20",
  stayDays: 20,
  purpose: "TEMPORARY_STAY",
  status: [],
  documents: ["ID_CARD"],
};

describe.each(DB_KINDS)("reference data and eligibility on %s", (kind) => {
  let t: TestApp;
  let admin: string;
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url, payload: payload as object, headers });
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.loginAs("admin");
  });
  afterAll(() => t?.stop());

  it("answers a pass requirement with issuer, apply-by date, validity and clauses, without sign-in", async () => {
    const response = await post("/api/v1/eligibility", trip);
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.outcome).toBe("PASS_REQUIRED");
    expect(answer.issuer).toBe("IAB_OF_RESIDENCE");
    expect(answer.applyBy).toBe("2026-12-10");
    expect(answer.maxValidityDays).toBeLessThanOrEqual(20);
    expect(answer.clauses).toContain("Z p.26");
    expect(answer.destination).toMatchObject({ kato: KORGAS, inStrip: true });
    expect(answer.explanation.kk.length).toBeGreaterThan(10);
  });

  it("needs a permit agreed with the NSC for a foreigner, and no pass outside the zone", async () => {
    const foreigner = (await post("/api/v1/eligibility", { ...trip, citizenship: "FOREIGN" })).json();
    expect(foreigner.outcome).toBe("PERMIT_REQUIRED");
    expect(foreigner.clauses).toContain("Z p.17");
    const outside = (await post("/api/v1/eligibility", { ...trip, destination: "751110000" })).json();
    expect(outside).toMatchObject({ outcome: "NO_PASS_NEEDED", clauses: ["Z p.1", "Z p.2"] });
    expect(outside.applyBy).toBeUndefined();
  });

  it("rejects unknown and contradictory facts with 400 naming the field, in the asked language", async () => {
    const unknownPurpose = await post(
      "/api/v1/eligibility",
      { ...trip, purpose: "FLYING" },
      { "accept-language": "ru" },
    );
    expect(unknownPurpose.statusCode).toBe(400);
    expect(unknownPurpose.json().error).toMatchObject({ code: "VALIDATION_FAILED", field: "purpose" });
    expect(unknownPurpose.json().error.message).toContain("недопустимое значение");
    const extra = await post("/api/v1/eligibility", { ...trip, nickname: "x" });
    expect(extra.json().error.field).toBe("nickname");
    const child = await post(
      "/api/v1/eligibility",
      { ...trip, ageYears: 12, purpose: "CONSCRIPT" },
      { "accept-language": "en" },
    );
    expect(child.statusCode).toBe(400);
    expect(child.json().error.field).toBe("ageYears");
    const past = await post(
      "/api/v1/eligibility",
      { ...trip, departureDate: "2026-11-01" },
      { "accept-language": "kk" },
    );
    expect(past.json().error.field).toBe("departureDate");
    const badKato = await post("/api/v1/eligibility", { ...trip, destination: "Korgas" });
    expect(badKato.json().error.field).toBe("destination");
    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/v1/eligibility",
      headers: { "content-type": "application/json" },
      payload: "[1,2",
    });
    expect(notJson.json().error.code).toBe("MALFORMED_JSON");
  });

  it("finds a settlement by its name in any spelling: Kazakh, Russian, or the Latin of English pages", async () => {
    const JARKENT = "334820100";
    const found = async (q: string) =>
      (
        (await t.app.inject(`/api/v1/reference/zone?q=${encodeURIComponent(q)}`)).json().items as {
          kato: string;
        }[]
      ).map((e) => e.kato);
    for (const q of ["Қорғас", "коргас", "Qorghas", "Korgas", "qorghas auyly"])
      expect(await found(q)).toContain(KORGAS);
    for (const q of ["Zharkent", "Jarkent", "жаркент"]) expect(await found(q)).toContain(JARKENT);
    expect(await found("Zharkent")).not.toContain(KORGAS);
    // Entries written before the folded names existed get them on start.
    await t.deps.database.ownerQuery("UPDATE zone_entries SET name_fold = ''");
    expect(await found("Zharkent")).not.toContain(JARKENT);
    expect(await found("Жаркент")).toContain(JARKENT);
    expect(await ensureZoneNameKeys(t.deps)).toBeGreaterThan(0);
    expect(await found("Zharkent")).toContain(JARKENT);
    expect(await ensureZoneNameKeys(t.deps)).toBe(0);
    // A name without letters has no key to keep, and is not counted again at every start.
    await t.deps.database.ownerQuery(
      "UPDATE zone_entries SET name_fold = '', name_kk = '12', name_ru = '12' WHERE kato = $1",
      [JARKENT],
    );
    expect(await ensureZoneNameKeys(t.deps)).toBe(0);
    await t.deps.database.ownerQuery(
      "UPDATE zone_entries SET name_kk = 'Жаркент қаласы', name_ru = 'город Жаркент' WHERE kato = $1",
      [JARKENT],
    );
    expect(await ensureZoneNameKeys(t.deps)).toBe(1);
  });

  it("imports zone lists all or nothing, idempotently, and evaluates at the list in force", async () => {
    const exported = (await t.app.inject("/api/v1/reference/zone/export")).body;
    expect(exported.split("\n")[0]).toBe(
      "kato,kind,name_kk,name_ru,region_kato,region_kk,region_ru,district_kato,district_kk,district_ru,in_strip",
    );
    const withoutKorgas = exported
      .split("\n")
      .filter((line) => !line.startsWith(KORGAS))
      .join("\n");
    const body = { effectiveFrom: "2027-01-01", basisKk: "Сынақ қаулысы", basisRu: "Тестовое постановление" };
    expect((await post("/api/v1/reference/zone/import", { ...body, csv: withoutKorgas })).statusCode).toBe(
      401,
    );

    const bad = `${withoutKorgas}\n12345,VILLAGE,,x,330000000,a,b,,,,maybe\n`;
    const rejected = await post("/api/v1/reference/zone/import", { ...body, csv: bad }, { cookie: admin });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.code).toBe("IMPORT_REJECTED");
    const lines = rejected
      .json()
      .error.details.map((d: { line: number; field: string }) => `${d.line}:${d.field}`);
    expect(lines).toEqual(expect.arrayContaining(["20:kato", "20:name_kk", "20:in_strip"]));
    // The report is in the importer's language, each reason too.
    const inRussian = await post(
      "/api/v1/reference/zone/import",
      { ...body, csv: bad },
      { cookie: admin, "accept-language": "ru" },
    );
    const report = inRussian.json().error as {
      message: string;
      details: { line: number; field: string; reason: string }[];
    };
    expect(report.message).toContain("строка 20, kato: код КАТО: 9 цифр");
    const reasons = new Map(report.details.map((d) => [`${d.line}:${d.field}`, d.reason]));
    expect(reasons.get("20:name_kk")).toBe("обязательное поле");
    // A value outside a closed list is answered with the list.
    expect(reasons.get("20:in_strip")).toBe(
      "недопустимое значение (допустимо: 0, 1, true, false, yes, no, иә, жоқ, да, нет)",
    );
    for (const reason of reasons.values()) expect(reason).toMatch(/[а-яё]/i);
    const versions = (await t.app.inject("/api/v1/reference/zone/versions")).json().items;
    expect(versions).toHaveLength(1);

    const first = (
      await post("/api/v1/reference/zone/import", { ...body, csv: withoutKorgas }, { cookie: admin })
    ).json();
    expect(first).toMatchObject({ rows: 18, added: 18, removed: 0 });
    const again = (
      await post("/api/v1/reference/zone/import", { ...body, csv: withoutKorgas }, { cookie: admin })
    ).json();
    expect(again).toMatchObject({ rows: 18, added: 0, changed: 0, removed: 0, unchanged: 18 });

    const before = (await post("/api/v1/eligibility", { ...trip, departureDate: "2026-12-31" })).json();
    expect(before.outcome).toBe("PASS_REQUIRED");
    const after = (await post("/api/v1/eligibility", { ...trip, departureDate: "2027-01-01" })).json();
    expect(after.outcome).toBe("NO_PASS_NEEDED");
    const search = (await t.app.inject("/api/v1/reference/zone?at=2027-02-01&q=қорғас")).json();
    expect(search.total).toBe(0);
  });

  it("schedules a rule-set version that takes effect exactly on its date", async () => {
    const v2 = {
      ...RULE_SET_V1,
      version: 2,
      effectiveFrom: "2027-03-01",
      rules: RULE_SET_V1.rules.map((rule) =>
        rule.kind === "LEAD_TIME" && rule.days === 10 ? { ...rule, days: 14 } : rule,
      ),
    };
    const officer = await t.loginAs("officer");
    expect((await post("/api/v1/rules", v2, { cookie: officer })).statusCode).toBe(403);
    const past = await post("/api/v1/rules", { ...v2, effectiveFrom: "2026-11-22" }, { cookie: admin });
    expect(past.json().error.field).toBe("effectiveFrom");
    const skipped = await post("/api/v1/rules", { ...v2, version: 3 }, { cookie: admin });
    expect(skipped.statusCode).toBe(409);
    const created = await post("/api/v1/rules", v2, { cookie: admin });
    expect(created.statusCode).toBe(201);
    const list = (await t.app.inject("/api/v1/rules")).json().items;
    expect(list.map((v: { version: number; scheduled: boolean }) => [v.version, v.scheduled])).toEqual([
      [1, false],
      [2, true],
    ]);
    const diff = (await t.app.inject("/api/v1/rules/compare?a=1&b=2")).json();
    expect(diff.changed.length).toBeGreaterThan(0);

    const dayBefore = (
      await post("/api/v1/eligibility", { ...trip, destination: "334820100", departureDate: "2027-02-28" })
    ).json();
    const onTheDay = (
      await post("/api/v1/eligibility", { ...trip, destination: "334820100", departureDate: "2027-03-01" })
    ).json();
    expect(dayBefore).toMatchObject({ ruleSetVersion: 1, applyBy: "2027-02-18" });
    expect(onTheDay).toMatchObject({ ruleSetVersion: 2, applyBy: "2027-02-15" });
  });

  it("keeps the NSC officials list and regime decisions with their documents", async () => {
    const csv =
      "code,title_kk,title_ru,basis,valid_from,valid_to\nNSC-1,Шекара қызметінің директоры,Директор Пограничной службы,Приказ КНБ (тест),2020-01-01,\n";
    const nsc = await t.loginAs("nsc");
    const imported = await post("/api/v1/reference/officials/import", { csv }, { cookie: nsc });
    expect(imported.json()).toEqual({ rows: 1, added: 1, updated: 0 });
    const officer = await t.loginAs("officer");
    expect((await post("/api/v1/reference/officials/import", { csv }, { cookie: officer })).statusCode).toBe(
      403,
    );
    const list = (
      await t.app.inject({ url: "/api/v1/reference/officials", headers: { cookie: officer } })
    ).json();
    expect(list.items[0]).toMatchObject({ code: "NSC-1", titleRu: "Директор Пограничной службы" });

    const boundary = "----shekara";
    const form = (fileBytes: Buffer, name: string) =>
      Buffer.concat([
        ...Object.entries({
          regionKato: "330000000",
          authority: "AKIM",
          number: "15-п",
          decidedOn: "2025-06-01",
          titleKk: "Шекаралық режим туралы шешім",
          titleRu: "Решение о пограничном режиме",
        }).map(([k, v]) =>
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        ),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        fileBytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { cookie: admin, "content-type": `multipart/form-data; boundary=${boundary}` };
    const notPdf = await t.app.inject({
      method: "POST",
      url: "/api/v1/reference/regime-decisions",
      headers,
      payload: form(Buffer.from("MZ fake exe"), "x.pdf"),
    });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.field).toBe("file");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/reference/regime-decisions",
      headers,
      payload: form(pdf, "шешім.pdf"),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const anonymous = await t.app.inject(`/api/v1/reference/regime-decisions/${id}/file`);
    expect(anonymous.statusCode).toBe(401);
    const download = await t.app.inject({
      url: `/api/v1/reference/regime-decisions/${id}/file`,
      headers: { cookie: officer },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});
