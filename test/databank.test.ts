import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissionsOf, type Role } from "../src/core/access/roles.js";
import { foldForSearch } from "../src/core/databank/fold.js";
import type { Actor } from "../src/services/context.js";
import { searchDocuments } from "../src/services/databank/databank.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

interface Doc {
  id: string;
  title: string;
  marking: string;
  audience: string;
  agency: string;
  kind: string;
}

describe.each(DB_KINDS)("unified data bank on %s", (kind) => {
  let t: TestApp;
  let officer: string;
  let head: string;
  let uigur: string;
  let nsc: string;
  let customs: string;
  let citizen: string;

  const search = async (query: Record<string, string>, cookie = head) => {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents?${new URLSearchParams(query).toString()}`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Doc[]; hasMore: boolean };
  };
  const titles = async (q: string, cookie = head) =>
    (await search({ q, limit: "100" }, cookie)).items.map((d) => d.title);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.deps.database.ownerQuery(sql, params))[0]?.n ?? 0);
  const docId = async (titleStart: string) =>
    String(
      (
        await t.deps.database.ownerQuery("SELECT id FROM bank_documents WHERE title LIKE $1", [
          `${titleStart}%`,
        ])
      )[0]?.id,
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await sessionCookieFor(t, "officer");
    head = await sessionCookieFor(t, "head");
    uigur = await sessionCookieFor(t, "uigur");
    nsc = await sessionCookieFor(t, "nsc");
    customs = await sessionCookieFor(t, "customs");
    citizen = await sessionCookieFor(t, "citizen");
  });
  afterAll(async () => t?.stop());

  it("folds Kazakh letters in both directions: «Қорғас» finds «Коргас» and back, any case", async () => {
    const kk = await titles("Қорғас");
    const ru = await titles("коргас");
    expect(kk.some((x) => x.includes("«Коргас»"))).toBe(true);
    expect(kk.some((x) => x.includes("«Қорғас»"))).toBe(true);
    expect(new Set(ru)).toEqual(new Set(kk));
    expect(new Set(await titles("ҚОРҒАС"))).toEqual(new Set(kk));
    expect(foldForSearch("ҚОРҒАС Ёлка")).toBe("коргас елка");
  });

  it("folds in SQL exactly as the application does", async () => {
    const samples = ["ҚОРҒАС Қорғас", "Өскемен ӨСКЕМЕН", "Ұйғыр Үржар Әлия Іле Һ ё Ё", "Ёлка Khorgos 12"];
    for (const text of samples) {
      const row = (await t.deps.database.ownerQuery("SELECT shekara_search_fold($1) AS f", [text]))[0];
      expect(row?.f).toBe(foldForSearch(text));
    }
  });

  it("stems Russian: another case form of a word finds the document", async () => {
    // «досмотру грузовых автомобилей» in the title; the query uses other forms.
    expect(await titles("досмотр грузового автомобиля")).toContain(
      "Методические рекомендации по досмотру грузовых автомобилей (демо)",
    );
    expect(await titles("поддельными паспортами")).toEqual(
      expect.arrayContaining(["Обзор каналов незаконной миграции через пункт пропуска «Коргас» (демо)"]),
    );
    // ё folds to е: «сёлах» is found by «селах».
    expect(await titles("селах Панфиловского")).toContain(
      "Указание о проверке иностранцев в приграничных сёлах Панфиловского района (демо)",
    );
  });

  it("answers odd input (Latin and Cyrillic mixed, operators, symbols) without a server error", async () => {
    for (const q of ['Khorgos Қорғас "', "-- OR ( ) & | ! :*", "паспорт AND visa 'x'", "ǅ ﷽ 😀", " "]) {
      const response = await t.app.inject({
        method: "GET",
        url: `/api/v1/databank/documents?q=${encodeURIComponent(q)}`,
        headers: { cookie: head },
      });
      expect(response.statusCode, `${q}: ${response.body}`).toBe(200);
    }
    const tooLong = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents?q=${"а".repeat(301)}`,
      headers: { cookie: head, "accept-language": "ru" },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/Неверные данные/);
  });

  it("filters by kind, agency, unit, date and marking", async () => {
    const reports = await search({ kind: "REPORT", limit: "100" });
    expect(reports.items.length).toBe(20);
    expect(reports.items.every((d) => d.kind === "REPORT")).toBe(true);
    const customsDocs = await search({ agency: "CUSTOMS", limit: "100" });
    expect(customsDocs.items.length).toBeGreaterThan(0);
    expect(customsDocs.items.every((d) => d.agency === "CUSTOMS")).toBe(true);
    const unitId = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-CUSTOMS-KHORGOS'"))[0]?.id,
    );
    const byUnit = await search({ unitId, q: "досмотр" });
    expect(byUnit.items.map((d) => d.title)).toEqual([
      "Методические рекомендации по досмотру грузовых автомобилей (демо)",
    ]);
    const dated = await search({ from: "2026-05-01", to: "2026-05-31", limit: "100" });
    expect(dated.items.length).toBeGreaterThan(0);
    const restricted = await search({ marking: "OFFICIAL_USE", limit: "100" });
    expect(restricted.items.length).toBe(3);
    expect(restricted.items.every((d) => d.marking === "OFFICIAL_USE")).toBe(true);
    const ranked = await search({ q: "Коргас пункт пропуска", sort: "relevance" });
    expect(ranked.items[0]?.title).toBe(
      "Обзор каналов незаконной миграции через пункт пропуска «Коргас» (демо)",
    );
    const page = await search({ limit: "5" });
    expect(page.items).toHaveLength(5);
    expect(page.hasMore).toBe(true);
  });

  it("pages the same whether it walks the date index or orders the text index's matches", async () => {
    const actorOf = async (login: string, roles: Role[]): Promise<Actor> => {
      const [u] = await t.deps.database.ownerQuery(
        "SELECT u.id, un.id AS unit_id, un.path::text AS path FROM users u JOIN units un ON un.id = u.unit_id WHERE u.login = $1",
        [login],
      );
      return {
        userId: String(u?.id),
        login,
        fullName: login,
        roles,
        permissions: permissionsOf(roles),
        unitId: String(u?.unit_id),
        unitPath: String(u?.path),
        locale: "en",
      };
    };
    const actors = [
      await actorOf("head", ["head"]),
      await actorOf("officer", ["officer"]),
      await actorOf("customs", ["duty_officer"]),
    ];
    const meta = { address: "test", requestId: undefined };
    let pagesFilled = 0;
    for (const actor of actors) {
      for (const q of ["пункт", "граница", "шекара", "Коргас", "досмотр груз", "информация"]) {
        for (const sort of ["newest", "relevance"] as const) {
          for (const [offset, limit] of [
            [0, 1],
            [0, 3],
            [2, 2],
            [1, 5],
          ] as const) {
            const run = (dateWalk: boolean | undefined) =>
              searchDocuments(t.deps, actor, meta, { q, limit, offset, sort }, { dateWalk }).then((r) => ({
                ids: r.items.map((i) => i.id),
                hasMore: r.hasMore,
              }));
            const chosen = await run(undefined);
            for (const dateWalk of [true, false]) {
              expect(await run(dateWalk), `${q} ${sort} ${offset}+${limit} date walk ${dateWalk}`).toEqual(
                chosen,
              );
            }
            if (chosen.hasMore) pagesFilled += 1;
          }
        }
      }
    }
    // The comparison covered full pages with more behind them, where the two plans differ most.
    expect(pagesFilled).toBeGreaterThan(10);
  });

  it("shows 'for official use' only to cleared roles, in search, by id and by RLS", async () => {
    const id = await docId("Образцы новых паспортов");
    expect((await titles("паспорт", head)).some((x) => x.startsWith("Образцы новых паспортов"))).toBe(true);
    expect((await titles("паспорт", officer)).some((x) => x.startsWith("Образцы новых паспортов"))).toBe(
      false,
    );
    expect((await search({ marking: "OFFICIAL_USE" }, officer)).items).toHaveLength(0);
    const open = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents/${id}`,
      headers: { cookie: officer },
    });
    expect(open.statusCode).toBe(404);
    const cleared = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents/${id}`,
      headers: { cookie: head },
    });
    expect(cleared.statusCode).toBe(200);
    // The policy itself hides the row when the clearance is off, whatever the service asks.
    const viaRls = await t.deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
      const { sql } = await import("drizzle-orm");
      await tx.execute(sql`SELECT set_config('shekara.bank_clearance', 'off', true)`);
      const r = await tx.execute(
        sql`SELECT count(*)::int AS n FROM bank_documents WHERE marking = 'OFFICIAL_USE'`,
      );
      return Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n);
    });
    expect(viaRls).toBe(0);
  });

  it("keeps a unit's own material in its unit and agency material in its agency", async () => {
    const panfilovOnly = await docId("Указание о проверке иностранцев");
    const iabOnly = await docId("Шекара аймағындағы тіркеуді");
    // Panfilov's UNIT document: the Panfilov head sees it; the Uigur officer (a sibling unit) does not.
    expect((await titles("Панфиловского", head)).length).toBe(1);
    expect(await titles("Панфиловского", uigur)).toEqual([]);
    const other = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents/${panfilovOnly}`,
      headers: { cookie: uigur },
    });
    expect(other.statusCode).toBe(404);
    // The IAB-only instruction: the Uigur officer (IAB) sees it, NSC and customs do not.
    const agencyOnly = (cookie: string) =>
      t.app.inject({ method: "GET", url: `/api/v1/databank/documents/${iabOnly}`, headers: { cookie } });
    expect((await agencyOnly(uigur)).statusCode).toBe(200);
    expect((await agencyOnly(nsc)).statusCode).toBe(404);
    expect((await agencyOnly(customs)).statusCode).toBe(404);
    expect((await titles("тіркеуді", customs)).some((x) => x.startsWith("Шекара аймағындағы тіркеуді"))).toBe(
      false,
    );
    // Citizens have no access to the bank at all.
    const denied = await t.app.inject({
      method: "GET",
      url: "/api/v1/databank/documents",
      headers: { cookie: citizen },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("audits every read: the search with the ids shown, the opening, the download", async () => {
    const before = await count("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'databank.%'");
    const result = await search({ q: "контрабанда" }, nsc);
    expect(result.items.length).toBeGreaterThan(0);
    const entry = (
      await t.deps.database.ownerQuery(
        "SELECT details FROM audit_log WHERE action = 'databank.search' ORDER BY id DESC LIMIT 1",
      )
    )[0]?.details as { q: string; shown: string[] };
    expect(entry.q).toBe("контрабанда");
    expect(entry.shown).toEqual(result.items.map((d) => d.id));
    const id = result.items[0]?.id ?? "";
    const open = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents/${id}`,
      headers: { cookie: nsc },
    });
    expect(open.statusCode).toBe(200);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'databank.open' AND object_id = $1",
        [id],
      ),
    ).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'databank.%'")).toBe(
      before + 2,
    );
  });

  it("files a text document (indexed), a PDF (content-checked) and refuses other bytes; downloads are audited", async () => {
    const boundary = "----shekara";
    const form = (fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) => {
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields)) {
        parts.push(
          Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        );
      }
      if (file) {
        parts.push(
          Buffer.from(
            `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from("\r\n"),
        );
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return Buffer.concat(parts);
    };
    const post = (payload: Buffer, cookie = customs) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/databank/documents",
        headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    const fields = {
      kind: "METHODOLOGY",
      title: "Памятка по ветеринарному контролю (тест)",
      language: "ru",
      docDate: "2026-11-01",
      audience: "ALL_AGENCIES",
      marking: "OPEN",
    };
    const text = await post(
      form(fields, {
        name: "pamyatka.txt",
        type: "text/plain",
        bytes: Buffer.from("Ветеринарные сертификаты на живых животных проверяются на границе."),
      }),
    );
    expect(text.statusCode, text.body).toBe(201);
    const id = text.json().id as string;
    expect(await titles("ветеринарный сертификат", officer)).toContain(
      "Памятка по ветеринарному контролю (тест)",
    );
    const download = await t.app.inject({
      method: "GET",
      url: `/api/v1/databank/documents/${id}/file`,
      headers: { cookie: officer },
    });
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain("Ветеринарные сертификаты");
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'databank.download' AND object_id = $1",
        [id],
      ),
    ).toBe(1);

    const pdf = await post(
      form(
        {
          ...fields,
          title: "Үлгі PDF (тест)",
          body: "Кедендік декларация үлгісі",
          language: "kk",
          kind: "SPECIMEN",
        },
        { name: "specimen.pdf", type: "application/pdf", bytes: Buffer.from("%PDF-1.4\n%test\n") },
      ),
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().fileType).toBe("application/pdf");

    const binary = await post(
      form(fields, { name: "x.pdf", type: "application/pdf", bytes: Buffer.from([0x4d, 0x5a, 0, 1, 2, 3]) }),
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.field).toBe("file");
    // No body and no text: nothing to search, refused, nothing written.
    const rows = await count("SELECT count(*)::int AS n FROM bank_documents");
    const empty = await post(form({ ...fields, title: "Пусто (тест)" }));
    expect(empty.statusCode).toBe(400);
    expect(await count("SELECT count(*)::int AS n FROM bank_documents")).toBe(rows);
    // Officers read but do not file; uncleared filers cannot mark material for official use.
    const json = (cookie: string, body: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/databank/documents", headers: { cookie }, payload: body });
    expect((await json(officer, { ...fields, body: "текст" })).statusCode).toBe(403);
    const ok = await json(nsc, {
      ...fields,
      body: "Совместный план тренировок",
      title: "План тренировок (тест)",
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
