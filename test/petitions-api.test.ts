import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { petitionMembers, petitions } from "../src/db/schema.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const person = (i: number, leader = false) => ({
  surname: `Сейітов${i}`,
  givenName: "Арман",
  birthYear: 1980 + (i % 20),
  address: `Алматы, Абай к., ${i}`,
  documentSeries: "N",
  documentNumber: `10000${i}`,
  documentIssuedOn: "2015-01-02",
  documentIssuedBy: "ҚР ІІМ",
  isLeader: leader,
});

/** A multipart body with one file, as a browser sends it. */
function multipart(name: string, content: string | Buffer) {
  const boundary = "----shekara-test-boundary";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(DB_KINDS)("organizations' petitions over HTTP on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  let panfilov: string;
  let stripId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["employer", "hotel", "colony", "officer", "head", "nsc", "uigur", "citizen"])
      c.set(login, await sessionCookieFor(t, login));
    panfilov = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
    );
  });
  afterAll(() => t?.stop());
  const as = (login: string) => ({ cookie: c.get(login) ?? "" });
  const post = (login: string, url: string, payload: object) =>
    t.app.inject({ method: "POST", url, headers: as(login), payload });
  const get = (login: string, url: string) => t.app.inject({ url, headers: as(login) });
  const strip = (members: object[], extra: object = {}) => ({
    kind: "STRIP_LIST",
    iabUnitId: panfilov,
    destinations: ["334853100"],
    departureDate: "2026-12-28",
    returnDate: "2027-01-31",
    workDescription: "Арық тазалау / canal cleaning",
    groupPass: true,
    members,
    ...extra,
  });

  it("documents the two per-person result bodies as their own components, each with its note", async () => {
    type Doc = {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }
      >;
      components: { schemas: Record<string, { properties: { results: { items: { properties: object } } } }> };
    };
    const doc = (await t.app.inject("/openapi.json")).json() as Doc;
    const body = (path: string) => {
      const ref = doc.paths[path]?.post.requestBody.content["application/json"]?.schema.$ref ?? "";
      const name = ref.replace("#/components/schemas/", "");
      return {
        name,
        fields: Object.keys(doc.components.schemas[name]?.properties.results.items.properties ?? {}),
      };
    };
    expect(body("/api/v1/petitions/{id}/checks")).toEqual({
      name: "PetitionCheckResultsInput",
      fields: ["memberId", "result", "evidence"],
    });
    expect(body("/api/v1/petitions/{id}/nsc-results")).toEqual({
      name: "PetitionNscResultsInput",
      fields: ["memberId", "result", "reason"],
    });
  });

  it("validates an uploaded CSV row by row without storing anything", async () => {
    const csv = [
      "Фамилия;Имя;Год рождения;Адрес;Номер;Дата выдачи;Кем выдан;Руководитель",
      "Сейітов;Арман;1990;Алматы;1234567;2015-01-02;ІІМ;да",
      ";Бек;90;Алматы;7654321;2015-01-02;ІІМ;",
    ].join("\n");
    const { body, contentType } = multipart("list.csv", csv);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/petitions/list-file",
      headers: { ...as("employer"), "content-type": contentType },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows;
    expect(rows.map((r: { line: number; ok: boolean }) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(rows[1].problems.map((p: { field: string }) => p.field)).toEqual(["surname", "birthYear"]);
    const junk = multipart("list.xlsx", Buffer.from("PK not really a workbook"));
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/petitions/list-file",
      headers: { ...as("employer"), "content-type": junk.contentType, "accept-language": "ru" },
      payload: junk.body,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "PETITION_FILE_UNREADABLE" });
  });

  it("files a strip list 30 days ahead, routed to the IAB and the NSC body, with five copies", async () => {
    const members = [person(1, true), person(2), person(3), person(4)];
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/petitions",
      headers: { ...as("employer"), "idempotency-key": "strip-0001-key" },
      payload: strip(members),
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    stripId = p.id;
    expect(p).toMatchObject({
      kind: "STRIP_LIST",
      status: "FILED",
      iab: { id: panfilov },
      nsc: { nameEn: "Khorgos Border Detachment (demo)" },
      rules: {
        deadline: {
          applyBy: "2026-11-28",
          days: 30,
          late: false,
          ruleId: "LEAD_STRIP_GROUP_LIST",
          clauses: ["Z p.27"],
        },
        routing: { ruleId: "ROUTE_STRIP_LIST", checkedBy: "NSC_TERRITORIAL" },
      },
    });
    expect(p.members.map((m: { outcome: string }) => m.outcome)).toEqual(Array(4).fill("AWAITING_NSC"));
    expect(p.copies.map((x: { copyNo: number; holder: string }) => [x.copyNo, x.holder])).toEqual([
      [1, "GROUP_LEADER"],
      [2, "IAB"],
      [3, "NSC"],
      [4, "NSC"],
      [5, "NSC"],
    ]);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/petitions",
      headers: { ...as("employer"), "idempotency-key": "strip-0001-key" },
      payload: strip(members),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(stripId);
  });

  it("refuses a late list without an exceptional reason, in the caller's language, and flags one with it", async () => {
    const late = await t.app.inject({
      method: "POST",
      url: "/api/v1/petitions",
      headers: { ...as("employer"), "accept-language": "ru" },
      payload: strip([person(9, true)], { departureDate: "2026-12-10" }),
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ code: "PETITION_LATE", field: "lateReason", clause: "Z p.27" });
    expect(late.json().error.message).toContain("2026-11-10");
    const ok = await post(
      "employer",
      "/api/v1/petitions",
      strip([person(9, true)], {
        departureDate: "2026-12-10",
        lateReason: "Авария на канале",
      }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().flags).toContain("LATE_PETITION");
    const twice = await post("employer", "/api/v1/petitions", strip([person(8, true), person(8)]));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.field).toBe("members.1.documentNumber");
    const noLeader = await post("employer", "/api/v1/petitions", strip([person(5)]));
    expect(noLeader.statusCode).toBe(400);
    const notInStrip = await post(
      "employer",
      "/api/v1/petitions",
      strip([person(6, true)], { destinations: ["334820100"] }),
    );
    expect(notInStrip.statusCode).toBe(400);
    expect(notInStrip.json().error.field).toBe("destinations");
    const wrongKind = await post("colony", "/api/v1/petitions", strip([person(7, true)]));
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.field).toBe("kind");
  });

  it("shows the petition only to its organization, its IAB and its NSC body; others get 404", async () => {
    for (const login of ["employer", "officer", "head", "nsc"])
      expect((await get(login, `/api/v1/petitions/${stripId}`)).statusCode).toBe(200);
    for (const login of ["hotel", "uigur", "colony"])
      expect((await get(login, `/api/v1/petitions/${stripId}`)).statusCode).toBe(404);
    expect((await get("citizen", `/api/v1/petitions/${stripId}`)).statusCode).toBe(403);
    expect((await get("hotel", "/api/v1/petitions")).json().items).toHaveLength(0);
    expect((await get("nsc", "/api/v1/petitions")).json().items.length).toBeGreaterThan(0);
    expect((await get("hotel", `/api/v1/petitions/${stripId}/copies/2/pdf`)).statusCode).toBe(404);
    // Row-level security agrees: another unit's scope reads no petition and no person at all.
    const uigurPath = String(
      (await t.deps.database.ownerQuery("SELECT path::text AS p FROM units WHERE code = 'DEMO-IAB-UIGUR'"))[0]
        ?.p,
    );
    const seen = await t.deps.database.tx({ unitPaths: [uigurPath] }, async (tx) => ({
      petitions: (await tx.select().from(petitions)).length,
      members: (await tx.select().from(petitionMembers)).length,
    }));
    expect(seen).toEqual({ petitions: 0, members: 0 });
  });

  it("takes the NSC's result per person; the IAB cannot decide before it", async () => {
    const p = (await get("nsc", `/api/v1/petitions/${stripId}`)).json();
    const early = await post("head", `/api/v1/petitions/${stripId}/decision`, {
      passMode: "GROUP",
      validFrom: "2026-12-28",
      validUntil: "2027-01-31",
    });
    expect(early.statusCode).toBe(409);
    expect(
      (await post("officer", `/api/v1/petitions/${stripId}/nsc-results`, { results: [] })).statusCode,
    ).toBe(403);
    const noReason = await post("nsc", `/api/v1/petitions/${stripId}/nsc-results`, {
      results: [{ memberId: p.members[3].id, result: "REFUSED" }],
    });
    expect(noReason.statusCode).toBe(400);
    const results = p.members.map((m: { id: string }, i: number) =>
      i === 3
        ? { memberId: m.id, result: "REFUSED", reason: "Шекара режимін бұзған" }
        : { memberId: m.id, result: "CLEARED" },
    );
    const done = await post("nsc", `/api/v1/petitions/${stripId}/nsc-results`, { results });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe("NSC_CHECKED");
  });

  it("screens, records checks, decides one group pass and issues it through the pass machinery", async () => {
    const screen = await post("officer", `/api/v1/petitions/${stripId}/screen`, {});
    expect(screen.statusCode).toBe(200);
    expect(screen.json().screened).toBe(3);
    const p = (await get("officer", `/api/v1/petitions/${stripId}`)).json();
    expect(p.members[0].screening).toMatchObject({ candidates: expect.any(Array) });
    // The organization never sees the officers' screening or check results.
    const orgView = (await get("employer", `/api/v1/petitions/${stripId}`)).json();
    expect(orgView.members[0].screening).toBeNull();
    const checks = await post("officer", `/api/v1/petitions/${stripId}/checks`, {
      results: p.members.slice(0, 3).map((m: { id: string }) => ({ memberId: m.id, result: "CLEAR" })),
    });
    expect(checks.statusCode).toBe(200);
    expect(
      (
        await post("officer", `/api/v1/petitions/${stripId}/decision`, {
          passMode: "GROUP",
          validFrom: "2026-12-28",
          validUntil: "2027-01-31",
        })
      ).statusCode,
    ).toBe(403);
    const tooLong = await post("head", `/api/v1/petitions/${stripId}/decision`, {
      passMode: "GROUP",
      validFrom: "2026-12-28",
      validUntil: "2028-01-31",
    });
    expect(tooLong.statusCode).toBe(409);
    const decided = await post("head", `/api/v1/petitions/${stripId}/decision`, {
      passMode: "GROUP",
      validFrom: "2026-12-28",
      validUntil: "2027-01-31",
      refusals: [{ memberId: p.members[2].id, reason: "Паспорт жарамсыз" }],
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toEqual({ status: "DECIDED", cases: 1 });
    const issued = await post("officer", `/api/v1/petitions/${stripId}/issue`, {
      identityChecked: true,
      rulesAcknowledged: true,
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.json().passes).toHaveLength(1);
    const passNumber = issued.json().passes[0];
    const after = (await get("employer", `/api/v1/petitions/${stripId}`)).json();
    expect(after).toMatchObject({ status: "ISSUED", passMode: "GROUP", groupPassNumber: passNumber });
    expect(after.members.map((m: { outcome: string }) => m.outcome)).toEqual([
      "ISSUED",
      "ISSUED",
      "REFUSED",
      "EXCLUDED_BY_NSC",
    ]);
    expect(after.members[3]).toMatchObject({ nscResult: "REFUSED", nscReason: "Шекара режимін бұзған" });
    // The pass is an ordinary pass: numbered in the unit's series, on the register book, verifiable.
    const book = await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM register_lines");
    expect(book[0]?.n).toBe(1);
    const cases = await t.deps.database.ownerQuery("SELECT purpose, status FROM applications");
    expect(cases).toEqual([{ purpose: "GROUP_WORK", status: "ISSUED" }]);
  });

  it("certifies copy 1 and tracks who received each copy", async () => {
    const hand = (login: string, no: number, receivedBy: string) =>
      post(login, `/api/v1/petitions/${stripId}/copies/${no}/handover`, { receivedBy });
    const uncertified = await hand("officer", 1, "Сейітов1 Арман");
    expect(uncertified.statusCode).toBe(409);
    expect((await post("officer", `/api/v1/petitions/${stripId}/copies/1/certify`, {})).statusCode).toBe(403);
    expect((await post("head", `/api/v1/petitions/${stripId}/copies/1/certify`, {})).statusCode).toBe(200);
    expect((await hand("officer", 1, "Сейітов1 Арман")).statusCode).toBe(200);
    expect((await hand("officer", 2, "ІІО ісі / IAB file")).statusCode).toBe(200);
    expect((await hand("officer", 3, "ҰҚК Серік")).statusCode).toBe(200);
    expect((await hand("officer", 3, "again")).statusCode).toBe(409);
    expect((await hand("employer", 4, "x")).statusCode).toBe(403);
    const copies = (await get("employer", `/api/v1/petitions/${stripId}`)).json().copies;
    expect(
      copies.map((x: { copyNo: number; receivedBy: string | null }) => [x.copyNo, x.receivedBy]),
    ).toEqual([
      [1, "Сейітов1 Арман"],
      [2, "ІІО ісі / IAB file"],
      [3, "ҰҚК Серік"],
      [4, null],
      [5, null],
    ]);
    for (const no of [1, 3]) {
      const pdf = await get("employer", `/api/v1/petitions/${stripId}/copies/${no}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers["content-type"]).toContain("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    }
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_type = 'petition' AND object_id = $1 ORDER BY id",
      [stripId],
    );
    const actions = audit.map((a) => a.action);
    for (const action of [
      "petition.file",
      "petition.nsc_result",
      "petition.screen",
      "petition.check",
      "petition.decide",
      "petition.issue",
      "petition.copy_certify",
      "petition.copy_handover",
      "petition.list_pdf",
      "petition.read",
    ])
      expect(actions).toContain(action);
  });

  it("takes a correctional institution's petition for a released person at its own IAB (Z p.22)", async () => {
    const release = {
      kind: "RELEASE",
      destinations: ["334820100"],
      departureDate: "2026-11-30",
      workDescription: "Отбасына оралу / returning to family",
      members: [person(20)],
      release: {
        convictedOn: "2022-03-01",
        convictedWhere: "Жаркент аудандық соты",
        article: "ҚК 188-бап 2-бөлім",
        releaseGrounds: "Жазасын өтеді",
        livedInZoneBefore: true,
        familyInZone: "Анасы, Жаркент",
        opinion: "Оң сипатталады",
      },
    };
    const filed = await post("colony", "/api/v1/petitions", release);
    expect(filed.statusCode).toBe(201);
    const p = filed.json();
    expect(p).toMatchObject({
      iab: { id: panfilov },
      nsc: null,
      copies: [],
      rules: {
        deadline: { applyBy: "2026-11-25", days: 5, clauses: ["Z p.22"] },
        routing: { filedWith: "IAB_AT_INSTITUTION" },
      },
    });
    expect((await post("employer", "/api/v1/petitions", release)).statusCode).toBe(400);
    await post("officer", `/api/v1/petitions/${p.id}/checks`, {
      results: [{ memberId: p.members[0].id, result: "CLEAR" }],
    });
    const group = await post("head", `/api/v1/petitions/${p.id}/decision`, {
      passMode: "GROUP",
      validFrom: "2026-11-30",
      validUntil: "2026-12-29",
    });
    expect(group.statusCode).toBe(409);
    const decided = await post("head", `/api/v1/petitions/${p.id}/decision`, {
      passMode: "INDIVIDUAL",
      validFrom: "2026-11-30",
      validUntil: "2026-12-29",
    });
    expect(decided.statusCode).toBe(200);
    const issued = await post("officer", `/api/v1/petitions/${p.id}/issue`, {
      identityChecked: true,
      rulesAcknowledged: true,
    });
    expect(issued.statusCode).toBe(200);
    const view = (await get("colony", `/api/v1/petitions/${p.id}`)).json();
    expect(view.members[0]).toMatchObject({ outcome: "ISSUED", passNumber: issued.json().passes[0] });
  });

  it("files an employer's petition at the enterprise's IAB as a recorded exception", async () => {
    const res = await post("employer", "/api/v1/petitions", {
      kind: "EMPLOYER",
      atEnterpriseReason: "Жұмысшылар вахтада, тұрғылықты жеріне бара алмайды",
      destinations: ["334820100", "334860100"],
      departureDate: "2026-12-05",
      workDescription: "Құрылыс",
      groupPass: false,
      members: [person(30), person(31)],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      flags: ["AT_ENTERPRISE_LOCATION"],
      iab: { id: panfilov },
      rules: { deadline: { applyBy: "2026-11-25", days: 10, ruleId: "LEAD_EMPLOYER_PETITION" } },
    });
    const noIab = await post("employer", "/api/v1/petitions", {
      kind: "EMPLOYER",
      destinations: ["334820100"],
      departureDate: "2026-12-05",
      workDescription: "Құрылыс",
      members: [person(32)],
    });
    expect(noIab.statusCode).toBe(400);
    expect(noIab.json().error.field).toBe("iabUnitId");
  });
});
