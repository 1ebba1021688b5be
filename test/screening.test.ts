import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../src/core/errors.js";
import { INDEX_KEY_VERSION } from "../src/core/names/index-keys.js";
import { DEFAULT_THRESHOLD } from "../src/core/names/match.js";
import { probeOf, screenChunks } from "../src/services/screening/check.service.js";
import { loadDemoRecords } from "../src/services/screening/demo.js";
import { ensureRecordIndex } from "../src/services/screening/record-index.service.js";
import { importRecordsFile } from "../src/services/screening/records.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const HEADER = "id,names,birth_date,document_number,iin,reason,source,valid_until";
const meta = { address: "test", requestId: undefined };
const applicant = { name: "Әбішұлы Нұрсұлтан Ғаниұлы", birthDate: "1984" };

describe.each(DB_KINDS)("records screening on %s", (kind) => {
  let t: TestApp;
  let officer: string;
  let nsc: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-records-"));
  const file = (name: string, lines: string[]) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, `${lines.join("\n")}\n`);
    return target;
  };
  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: "POST", url, payload, headers: cookie ? { cookie } : {} });
  const check = async (subject: object, cookie = officer) => {
    const response = await post("/api/v1/screening/check", subject, cookie);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      candidates: { recordId: string; score: number; explanation: { code: string; en: string }[] }[];
      dismissed: number;
      scored: number;
    };
  };
  const count = async (sql: string) => Number((await t.deps.database.ownerQuery(sql))[0]?.n ?? 0);

  beforeAll(async () => {
    t = await startTestApp(kind);
    // The demo data loads the demo records once; loading again changes nothing.
    expect(await loadDemoRecords(t.deps)).toBe(false);
    officer = await sessionCookieFor(t, "officer");
    nsc = await sessionCookieFor(t, "nsc");
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("raises the demo record for the demo applicant across scripts, explained, nothing below the threshold", async () => {
    const result = await check(applicant);
    expect(result.candidates.map((c) => c.recordId)).toEqual(["DEMO-IAB-0001"]);
    const [hit] = result.candidates;
    expect(hit?.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(hit?.explanation.map((line) => line.code)).toEqual(
      expect.arrayContaining(["name_translit", "birth_year_equal"]),
    );
    expect(hit?.explanation.some((line) => line.en.includes("«Нурсултан»"))).toBe(true);
    // The namesake born in 1951 scores far below and is not raised; a stricter threshold drops everything.
    expect(result.candidates.every((c) => c.score >= DEFAULT_THRESHOLD)).toBe(true);
    expect((await check({ ...applicant, threshold: 0.999 })).candidates).toEqual([]);
    const latin = await check({ name: "NURSULTAN GANIEVICH ABISHEV", birthDate: "1984-03-12" });
    expect(latin.candidates[0]?.recordId).toBe("DEMO-IAB-0001");
    expect((await check({ name: "Ким Ольга Владимировна", birthDate: "1962-11-30" })).candidates).toEqual([]);
    const audited = await count(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'screening.check' AND details->>'name' = 'Әбішұлы Нұрсұлтан Ғаниұлы'",
    );
    expect(audited).toBe(2);
  });

  it("matches an equal IIN and explains it", async () => {
    const result = await check({ name: "Ерлан Жумабаев", iin: "900515300127" });
    expect(result.candidates[0]?.recordId).toBe("DEMO-NSC-0003");
    expect(result.candidates[0]?.explanation[0]?.code).toBe("iin_equal");
    const other = await check({ name: "Ерлан Жумабаев", birthDate: "1990", iin: "900515300135" });
    expect(other.candidates.map((c) => c.recordId)).not.toContain("DEMO-NSC-0003");
  });

  it("does not raise a dismissed pair again until the record or the person changes", async () => {
    const subject = { name: "Сергей Петров", birthDate: "1975-06-01" };
    expect((await check(subject)).candidates[0]?.recordId).toBe("DEMO-IAB-0002");
    const review = await post(
      "/api/v1/screening/reviews",
      {
        subject,
        recordId: "DEMO-IAB-0002",
        decision: "DISMISSED",
        reason: "другой человек, сверено по фото",
      },
      officer,
    );
    expect(review.statusCode, review.body).toBe(201);
    const after = await check({ name: "ПЕТРОВ  сергей", birthDate: "1975-06-01" });
    expect(after.candidates).toEqual([]);
    expect(after.dismissed).toBe(1);
    // The person's data changed (a document number now): raised again.
    expect((await check({ ...subject, documentNumber: "N12345678" })).candidates[0]?.recordId).toBe(
      "DEMO-IAB-0002",
    );
    const missing = await post(
      "/api/v1/screening/reviews",
      { subject, recordId: "NO-SUCH", decision: "DISMISSED", reason: "нет" },
      officer,
    );
    expect(missing.statusCode).toBe(404);
    const patched = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/screening/records/DEMO-IAB-0002",
      headers: { cookie: nsc },
      payload: { reason: "(демо) Запрет въезда, обновлено" },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const raised = await check(subject);
    expect(raised.candidates[0]?.recordId).toBe("DEMO-IAB-0002");
    expect(raised.dismissed).toBe(0);
  });

  it("answers 401 without sign-in and 403 to roles without the permission", async () => {
    const registrar = await sessionCookieFor(t, "registrar");
    const citizen = await sessionCookieFor(t, "citizen");
    for (const [url, body] of [
      ["/api/v1/screening/check", applicant],
      ["/api/v1/screening/batch", { people: [applicant] }],
    ] as const) {
      expect((await post(url, body)).statusCode).toBe(401);
      expect((await post(url, body, registrar)).statusCode).toBe(403);
      expect((await post(url, body, citizen)).statusCode).toBe(403);
    }
    const list = await t.app.inject({ url: "/api/v1/screening/records", headers: { cookie: registrar } });
    expect(list.statusCode).toBe(403);
    const create = await post(
      "/api/v1/screening/records",
      { id: "X-1", names: ["Тест Тестов"], reason: "тест", source: "тест" },
      officer,
    );
    expect(create.statusCode).toBe(403);
    const screeningRoutes = t.app.routeTable.filter((r) => r.url.startsWith("/api/v1/screening"));
    expect(screeningRoutes.length).toBeGreaterThanOrEqual(8);
    expect(screeningRoutes.every((r) => !r.public && r.permission?.startsWith("records."))).toBe(true);
  });

  it("screens a batch in the order given", async () => {
    const response = await post(
      "/api/v1/screening/batch",
      {
        people: [
          { name: "Абишев Нурсултан", birthDate: "1984" },
          { name: "Иван Иванов", birthDate: "2001" },
          { name: "Zhumabaev Erlan Serikovich", birthDate: "1990-05-15" },
        ],
      },
      officer,
    );
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json() as { results: { candidates: { recordId: string }[] }[] };
    expect(results.map((r) => r.candidates.map((c) => c.recordId))).toEqual([
      ["DEMO-IAB-0001"],
      [],
      ["DEMO-NSC-0003"],
    ]);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'screening.batch'")).toBe(1);
  });

  it("rejects a file with bad rows without writing anything, naming each line", async () => {
    const before = await count("SELECT count(*)::int AS n FROM records");
    const bad = file("bad.csv", [
      HEADER,
      "R-1,Асанов Болат Серікұлы|Asanov Bolat,1970-02-03,N1234567,,розыск,МВД,",
      "R-2,,1970,,,розыск,МВД,",
      "R-3,Оспанов Ержан,1970-02-30,,12345,розыск,МВД,2030-01-01",
      "R-1,Дубль Дублев,1970,,,розыск,МВД,",
    ]);
    const error = await importRecordsFile(t.deps, null, meta, bad).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    const problems = ((error as AppError).details ?? []) as { line: number; field: string }[];
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(
      expect.arrayContaining(["3:names", "4:birth_date", "4:iin", "5:id"]),
    );
    expect(problems.some((p) => p.line === 2)).toBe(false);
    // Each reason in three languages; the edge answers the importer's.
    const reasons = new Map(
      ((error as AppError).detailsIn("kk") as { line: number; field: string; reason: string }[]).map((p) => [
        `${p.line}:${p.field}`,
        p.reason,
      ]),
    );
    expect(reasons.get("4:birth_date")).toBe("мұндай күн жоқ");
    expect(reasons.get("5:id")).toBe("2-жолдың қайталануы");
    expect(await count("SELECT count(*)::int AS n FROM records")).toBe(before);
    const noColumn = file("header.csv", ["id,names", "R-1,Асанов"]);
    await expect(importRecordsFile(t.deps, null, meta, noColumn)).rejects.toMatchObject({
      code: "IMPORT_REJECTED",
    });
  });

  it("imports a few thousand rows and re-imports by id, rebuilding keys", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 2000; i += 1) {
      lines.push(`BULK-${i},Тестов${i} Болат|Testov${i} Bolat,${1950 + (i % 50)},,,тест,тест,`);
    }
    lines.push("BULK-X,Қасымов Ерболат Нұрланұлы,1979-04-04,,,розыск,МВД,");
    const first = await importRecordsFile(t.deps, null, meta, file("bulk.csv", lines));
    expect(first).toEqual({ rows: 2001, added: 2001, updated: 0 });
    expect(
      (await check({ name: "Касымов Ерболат Нурланович", birthDate: "1979-04-04" })).candidates[0]?.recordId,
    ).toBe("BULK-X");
    const again = await importRecordsFile(
      t.deps,
      null,
      meta,
      file("update.csv", [
        HEADER,
        "BULK-X,Оспанов Дархан Маратұлы,1979-04-04,,,розыск,МВД,",
        "BULK-NEW,Жаңа Адам,1980,,,тест,тест,",
      ]),
    );
    expect(again).toEqual({ rows: 2, added: 1, updated: 1 });
    expect((await check({ name: "Касымов Ерболат Нурланович", birthDate: "1979-04-04" })).candidates).toEqual(
      [],
    );
    expect((await check({ name: "Darkhan Ospanov", birthDate: "1979" })).candidates[0]?.recordId).toBe(
      "BULK-X",
    );
    expect(
      await count(
        "SELECT count(*)::int AS n FROM record_keys WHERE record_id = 'BULK-X' AND key LIKE '%kasim%'",
      ),
    ).toBe(0);
    const found = await t.app.inject({
      url: `/api/v1/screening/records?q=${encodeURIComponent("Оспанов")}`,
      headers: { cookie: officer },
    });
    expect(found.json().items.map((r: { id: string }) => r.id)).toEqual(["BULK-X"]);
    const one = await t.app.inject({ url: "/api/v1/screening/records/BULK-X", headers: { cookie: officer } });
    expect(one.json()).toMatchObject({ id: "BULK-X", birthDate: "1979-04-04" });
    const removed = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/screening/records/BULK-X",
      headers: { cookie: nsc },
    });
    expect(removed.statusCode).toBe(204);
    expect(await count("SELECT count(*)::int AS n FROM record_keys WHERE record_id = 'BULK-X'")).toBe(0);
    const created = await post(
      "/api/v1/screening/records",
      { id: "BULK-NEW", names: ["Жаңа Адам"], reason: "тест", source: "тест" },
      nsc,
    );
    expect(created.statusCode).toBe(409);
  });

  it("re-keys records filed under an older key format, once, audited", async () => {
    // As a database left by the previous format: single-word keys only, state at version 1.
    for (const statement of [
      "DELETE FROM record_keys WHERE record_id = 'DEMO-IAB-0001'",
      "INSERT INTO record_keys (key, record_id) VALUES ('yp:1984:nrsltn', 'DEMO-IAB-0001')",
      "UPDATE record_index_state SET version = 1",
    ]) {
      await t.deps.database.ownerQuery(statement);
    }
    expect((await check(applicant)).candidates).toEqual([]);
    const rekeyed = await ensureRecordIndex(t.deps);
    expect(rekeyed).toBe(await count("SELECT count(*)::int AS n FROM records"));
    expect((await check(applicant)).candidates.map((c) => c.recordId)).toEqual(["DEMO-IAB-0001"]);
    expect(await count("SELECT version AS n FROM record_index_state")).toBe(INDEX_KEY_VERSION);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'records.reindex'")).toBe(1);
    expect(await ensureRecordIndex(t.deps)).toBe(0);
  });

  it("scores a batch in the scoring worker exactly as in the request's thread", async () => {
    // More subjects than one query chunk holds, so the worker gets several tasks in flight.
    const people = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0
        ? applicant
        : i % 3 === 1
          ? { name: "NURSULTAN ABISHULY", birthDate: "1984-01-01" }
          : { name: `Darkhan Ospanov ${String.fromCharCode(1072 + (i % 30))}`, birthDate: "1979" },
    );
    const probes = people.map(probeOf);
    const today = "2026-12-05";
    const run = (inWorker: boolean) =>
      t.deps.database.tx({ unitPaths: [], all: true }, (tx) =>
        screenChunks(tx, probes, DEFAULT_THRESHOLD, today, inWorker),
      );
    const [inThread, inWorker] = [await run(false), await run(true)];
    expect(inWorker).toEqual(inThread);
    expect(inWorker.filter((r) => r.candidates.length > 0).length).toBeGreaterThanOrEqual(200);
  });
});
