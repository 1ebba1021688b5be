import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";
import { pdfText, squeeze } from "./support/pdf.js";

const application = {
  applicant: {
    surname: "Әбішұлы",
    givenName: "Нұрсұлтан",
    patronymic: "Ғаниұлы",
    birthYear: 1984,
    citizenship: "KZ",
    identityDocument: { kind: "ID_CARD", number: "045612378", issuedOn: "2019-03-14", issuedBy: "ҚР ІІМ" },
    residence: "Алматы қ., Абай к-сі 10",
    workplace: "«Жетісу» ЖШС, инженер",
  },
  children: [{ name: "Әлихан", age: 7 }],
  purpose: "VISIT_RELATIVES",
  destinations: ["334853100"],
  departureDate: "2026-12-20",
  stayDays: 20,
};

describe.each(DB_KINDS)("pass lifecycle over HTTP on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  let panfilov: string;
  /** Fresh sessions (after the test clock jumps, the old ones are idle-expired). */
  const signInAll = async () => {
    for (const login of ["citizen", "officer", "head", "registrar", "uigur", "hotel"])
      c.set(login, await sessionCookieFor(t, login));
  };
  beforeAll(async () => {
    t = await startTestApp(kind);
    await signInAll();
    panfilov = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
    );
  });
  afterAll(() => t?.stop());
  const as = (login: string) => ({ cookie: c.get(login) ?? "" });
  const act = (login: string, id: string, type: string, payload: object) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${id}/actions`,
      headers: as(login),
      payload: { type, payload },
    });

  it("takes a citizen's application once per idempotency key, with the eligibility answer", async () => {
    const submit = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/applications",
        headers: { ...as("citizen"), "idempotency-key": "key-0001-abc" },
        payload: { data: application, unitId: panfilov },
      });
    const first = await submit();
    expect(first.statusCode).toBe(201);
    const again = await submit();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(first.json()).toMatchObject({ status: "SUBMITTED", eligibility: { clauses: expect.any(Array) } });
    expect(first.headers.location).toBe(`/api/v1/applications/${first.json().id}`);
    expect(first.headers["preference-applied"]).toBeUndefined();
    // A client that goes on to read the case asks for the receipt only (RFC 7240).
    const minimal = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: {
        ...as("citizen"),
        "idempotency-key": "key-0001-abc",
        prefer: "respond-async, return=minimal",
      },
      payload: { data: application, unitId: panfilov },
    });
    expect(minimal.statusCode).toBe(200);
    expect(minimal.headers["preference-applied"]).toBe("return=minimal");
    expect(minimal.headers.location).toBe(`/api/v1/applications/${first.json().id}`);
    const { id, number, status, stage, flags } = first.json();
    expect(minimal.json()).toEqual({ id, number, status, stage, flags });
    // A citizen has no unit of their own: without one the answer names the field, in their language.
    const noUnit = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { ...as("citizen"), "idempotency-key": "key-0002-abc", "accept-language": "ru" },
      payload: { data: application },
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error).toMatchObject({
      field: "unitId",
      message: "Неверные данные: выберите орган внутренних дел по месту постоянного жительства (Z p.26)",
    });
    const count = await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM applications");
    expect(count[0]?.n).toBe(1);
  });

  it("goes through check, decision, issue, registration and verification, gapless and audited", async () => {
    const list = (
      await t.app.inject({ url: "/api/v1/applications?queue=to_check", headers: as("officer") })
    ).json().items;
    expect(list).toHaveLength(1);
    const id = list[0].id;
    expect((await t.app.inject({ url: `/api/v1/applications/${id}`, headers: as("uigur") })).statusCode).toBe(
      404,
    );

    const early = await act("head", id, "APPROVED", {
      validFrom: "2026-12-20",
      validUntil: "2027-01-08",
      places: ["334853100"],
      clauses: ["Z p.31"],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: "ILLEGAL_TRANSITION", clause: expect.any(String) });

    expect(
      (await act("officer", id, "CHECK_RECORDED", { result: "CLEAR", evidence: "Жедел есептерде жоқ" }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await act("officer", id, "APPROVED", {
          validFrom: "2026-12-20",
          validUntil: "2027-01-08",
          places: ["334853100"],
          clauses: ["Z p.31"],
        })
      ).statusCode,
    ).toBe(403);
    const approved = await act("head", id, "APPROVED", {
      validFrom: "2026-12-20",
      validUntil: "2027-01-08",
      places: ["334853100"],
      clauses: ["Z p.31", "Z p.21"],
    });
    expect(approved.statusCode).toBe(200);
    const issued = await act("officer", id, "ISSUED", { identityChecked: true, rulesAcknowledged: true });
    expect(issued.statusCode).toBe(200);
    const pass = issued.json().passes[0];
    expect(pass.number).toBe("ПАН-2026-000001");

    const pdf = await t.app.inject({ url: `/api/v1/passes/${pass.id}/pdf`, headers: as("citizen") });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(
      (await t.app.inject({ url: `/api/v1/passes/${pass.id}/pdf`, headers: as("uigur") })).statusCode,
    ).toBe(404);

    const verified = (await t.app.inject(`/api/v1/verify/${encodeURIComponent(pass.code)}`)).json();
    expect(verified).toMatchObject({
      status: "NOT_YET_VALID",
      pass: { n: pass.number, h: "Әбішұлы Нұрсұлтан Ғаниұлы" },
    });
    const tampered = pass.code.replace(/\.(.)/, (_m: string, ch: string) => `.${ch === "A" ? "B" : "A"}`);
    expect((await t.app.inject(`/api/v1/verify/${encodeURIComponent(tampered)}`)).json().status).toMatch(
      /FORGED|MALFORMED/,
    );

    t.clock.set(new Date("2026-12-21T06:00:00Z"));
    await signInAll();
    const register = (key: string, type = "REGISTERED") =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/passes/by-number/${encodeURIComponent(pass.number)}/actions`,
        headers: { ...as("hotel"), "idempotency-key": key },
        payload: {
          type,
          payload: {
            arrivedOn: "2026-12-20",
            place: "334853100",
            registrar: "HOTEL",
            handedOverOn: "2026-12-21",
            passKept: false,
          },
        },
      });
    const registered = await register("registration-0001");
    expect(registered.statusCode).toBe(200);
    expect(registered.json().status).toBe("REGISTERED");
    // The answer lost, the registrar retries with the same key: the step taken is answered, not taken twice.
    const retried = await register("registration-0001");
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(registered.json());
    const steps = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM application_actions WHERE application_id = $1 AND type = 'REGISTERED'",
      [id],
    );
    expect(steps[0]?.n).toBe(1);
    expect((await register("short")).statusCode).toBe(400);
    expect((await t.app.inject(`/api/v1/verify/${encodeURIComponent(pass.code)}`)).json().status).toBe(
      "VALID",
    );

    // Another IAB's desk or a registrar types the number: the verdict its code gets, with holder,
    // places and validity. Those who cannot take a step on it by number need the code itself.
    const lookup = (cookie: string | undefined, number: string = pass.number) =>
      t.app.inject({
        url: `/api/v1/passes/by-number/${encodeURIComponent(number)}`,
        headers: { ...(cookie ? { cookie } : {}), "accept-language": "ru" },
      });
    const found = await lookup(c.get("uigur"));
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      status: "VALID",
      pass: { n: pass.number, h: "Әбішұлы Нұрсұлтан Ғаниұлы", y: 1984, p: ["334853100"], u: "2027-01-08" },
      places: [{ kato: "334853100", nameRu: expect.any(String) }],
      current: { validUntil: "2027-01-08" },
      document: "pass",
    });
    expect((await lookup(c.get("hotel"))).json().pass.n).toBe(pass.number);
    for (const login of ["citizen", "checkpoint", "employer"]) {
      const refused = await lookup(await sessionCookieFor(t, login));
      expect(refused.statusCode, login).toBe(403);
      expect(refused.json().error.code).toBe("FORBIDDEN");
    }
    const unknown = await lookup(c.get("uigur"), "ПАН-2026-999999");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/не найден/i);
    expect((await lookup(undefined)).statusCode).toBe(401);
    const lookups = await t.deps.database.ownerQuery(
      "SELECT a.action, u.login FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.object_id = $1 AND a.action = 'pass.lookup' ORDER BY a.id",
      [pass.number],
    );
    expect(lookups.map((r) => r.login)).toEqual(["uigur", "hotel"]);

    const book = (
      await t.app.inject({
        url: `/api/v1/register-book?unitId=${panfilov}&year=2026`,
        headers: as("officer"),
      })
    ).json();
    expect(book.lines.map((l: { lineNo: number }) => l.lineNo)).toEqual([1]);
    // The line keeps the application's codes; the book prints them in words, Kazakh and Russian.
    expect(book.lines[0]).toMatchObject({
      purpose: "VISIT_RELATIVES",
      identityDocument: "ID_CARD 045612378",
    });
    const bookPdf = await t.app.inject({
      url: `/api/v1/register-book/pdf?unitId=${panfilov}&year=2026`,
      headers: as("officer"),
    });
    expect(bookPdf.statusCode).toBe(200);
    const bookText = await pdfText(bookPdf.rawPayload);
    expect(bookText).toContain(squeeze("Туыстарына немесе таныстарына қонаққа / В гости к родственникам"));
    expect(bookText).toContain(squeeze("Жеке куәлік № 045612378 / Удостоверение личности № 045612378"));
    expect(bookText).not.toMatch(/VISIT_RELATIVES|ID_CARD/);
    const outbox = await t.deps.database.ownerQuery("SELECT subject FROM notifications ORDER BY created_at");
    expect(outbox.map((r) => r.subject)).toEqual(
      expect.arrayContaining(["Рұқсаттама беру туралы шешім", "Рұқсаттама берілді"]),
    );
    t.clock.set(new Date("2026-11-22T06:00:00Z"));
    await signInAll();
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id",
      [id],
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "application.submit",
        "application.check_recorded",
        "application.approved",
        "application.issued",
        "application.registered",
      ]),
    );

    // A key names one step: sent again with another step, it is refused and nothing is recorded.
    t.clock.set(new Date("2026-12-22T06:00:00Z"));
    await signInAll();
    const byNumber = (type: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/passes/by-number/${encodeURIComponent(pass.number)}/actions`,
        headers: { ...as("officer"), "idempotency-key": "officer-step-0001" },
        payload: { type, payload },
      });
    const violation = await byNumber("VIOLATION_RECORDED", {
      kind: "OTHER",
      description: "Рұқсаттамада көрсетілмеген жерде болды",
      diplomatic: false,
    });
    expect(violation.statusCode, violation.body).toBe(200);
    const reused = await byNumber("RETURNED", { unused: false });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const returned = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM application_actions WHERE application_id = $1 AND type = 'RETURNED'",
      [id],
    );
    expect(returned[0]?.n).toBe(0);
    t.clock.set(new Date("2026-11-22T06:00:00Z"));
    await signInAll();
  });

  it("refuses with a reason that reaches the applicant, and only heads decide", async () => {
    const submitted = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: as("officer"),
      payload: {
        data: {
          ...application,
          applicant: {
            ...application.applicant,
            surname: "Сейітқали",
            identityDocument: { kind: "PASSPORT", number: "N1234567" },
          },
          departureDate: "2027-01-20",
        },
      },
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id;
    await act("officer", id, "CHECK_RECORDED", {
      result: "CONFIRMED_MATCH",
      evidence: "Іздеуде: жазба R-17",
    });
    const noReason = await act("head", id, "REFUSED", { reason: "", clauses: ["Z p.31"] });
    expect([400, 409]).toContain(noReason.statusCode);
    expect(noReason.json().error.clause ?? noReason.json().error.field).toBeDefined();
    const refused = await act("head", id, "REFUSED", {
      reason: "Жедел есептегі сәйкестік расталды",
      clauses: ["Z p.31"],
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().status).toBe("REFUSED");
    const again = await act("officer", id, "ISSUED", { identityChecked: true, rulesAcknowledged: true });
    expect(again.statusCode).toBe(409);
  });

  it("rejects bad applications with a named field and writes nothing", async () => {
    const before = (await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM applications"))[0]?.n;
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { ...as("citizen"), "accept-language": "ru" },
      payload: { data: { ...application, destinations: [] }, unitId: panfilov },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("body.data.destinations");
    // A day that does not exist, or a KATO code of the wrong form, is explained in the citizen's language.
    const noSuchDay = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { ...as("citizen"), "accept-language": "kk" },
      payload: { data: { ...application, departureDate: "2027-02-30" }, unitId: panfilov },
    });
    expect(noSuchDay.statusCode).toBe(400);
    expect(noSuchDay.json().error).toMatchObject({
      field: "body.data.departureDate",
      message: "Деректер дұрыс емес: body.data.departureDate: күнтізбеде бар күн, ЖЖЖЖ-АА-КК",
    });
    const shortKato = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { ...as("citizen"), "accept-language": "ru" },
      payload: { data: { ...application, destinations: ["33485"] }, unitId: panfilov },
    });
    expect(shortKato.json().error.message).toBe(
      "Неверные данные: body.data.destinations.0: код КАТО: 9 цифр",
    );
    const late = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: as("citizen"),
      payload: { data: { ...application, departureDate: "2026-11-25" }, unitId: panfilov },
    });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error.clause).toBeDefined();
    const notIab = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: as("citizen"),
      payload: { data: application, unitId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(notIab.statusCode).toBe(400);
    const after = (await t.deps.database.ownerQuery("SELECT count(*)::int AS n FROM applications"))[0]?.n;
    expect(after).toBe(before);
  });
});

describe.runIf(DB_KINDS.includes("postgres"))(
  "gapless pass numbers under concurrent issuance on PostgreSQL",
  () => {
    it("gives 20 passes issued at once the numbers 1 to 20, once each", async () => {
      const t = await startTestApp("postgres");
      try {
        const officer = await sessionCookieFor(t, "officer");
        const head = await sessionCookieFor(t, "head");
        const panfilov = String(
          (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
        );
        const ids: string[] = [];
        for (let i = 0; i < 20; i++) {
          const submitted = await t.app.inject({
            method: "POST",
            url: "/api/v1/applications",
            headers: { cookie: officer },
            payload: {
              unitId: panfilov,
              data: {
                ...application,
                applicant: {
                  ...application.applicant,
                  surname: `Сынақ${i}`,
                  identityDocument: { kind: "ID_CARD", number: `90000${i}` },
                },
              },
            },
          });
          const id = submitted.json().id as string;
          ids.push(id);
          const step = (cookie: string, type: string, payload: object) =>
            t.app.inject({
              method: "POST",
              url: `/api/v1/applications/${id}/actions`,
              headers: { cookie },
              payload: { type, payload },
            });
          await step(officer, "CHECK_RECORDED", { result: "CLEAR", evidence: "жоқ" });
          await step(head, "APPROVED", {
            validFrom: "2026-12-20",
            validUntil: "2027-01-08",
            places: ["334853100"],
            clauses: ["Z p.31"],
          });
        }
        const results = await Promise.all(
          ids.map((id) =>
            t.app.inject({
              method: "POST",
              url: `/api/v1/applications/${id}/actions`,
              headers: { cookie: officer },
              payload: { type: "ISSUED", payload: { identityChecked: true, rulesAcknowledged: true } },
            }),
          ),
        );
        expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
        const numbers = await t.deps.database.ownerQuery("SELECT seq FROM passes ORDER BY seq");
        expect(numbers.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const lines = await t.deps.database.ownerQuery("SELECT line_no FROM register_lines ORDER BY line_no");
        expect(lines.map((r) => r.line_no)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      } finally {
        await t.stop();
      }
    }, 120_000);
  },
);

describe.each(DB_KINDS)("application documents on %s", (kind) => {
  it("accepts PDF, PNG or JPEG by content, keeps them out of other units' reach", async () => {
    const t = await startTestApp(kind);
    try {
      const citizen = await sessionCookieFor(t, "citizen");
      const panfilov = String(
        (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
      );
      const id = (
        await t.app.inject({
          method: "POST",
          url: "/api/v1/applications",
          headers: { cookie: citizen },
          payload: { data: application, unitId: panfilov },
        })
      ).json().id;
      const boundary = "----shk";
      const form = (bytes: Buffer, name: string) =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
      const upload = (cookie: string, bytes: Buffer, name: string) =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/applications/${id}/files`,
          headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
          payload: form(bytes, name),
        });
      const fake = await upload(citizen, Buffer.from("MZ\x90\x00 not a pdf"), "invite.pdf");
      expect(fake.statusCode).toBe(400);
      expect(fake.json().error.field).toBe("file");
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(32),
      ]);
      const ok = await upload(citizen, png, "шақыру.png");
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ type: "image/png", name: "шақыру.png" });
      const uigur = await sessionCookieFor(t, "uigur");
      expect((await upload(uigur, png, "x.png")).statusCode).toBe(404);
      const fileUrl = `/api/v1/applications/${id}/files/${ok.json().id}`;
      expect((await t.app.inject({ url: fileUrl, headers: { cookie: uigur } })).statusCode).toBe(404);
      const officer = await sessionCookieFor(t, "officer");
      const download = await t.app.inject({ url: fileUrl, headers: { cookie: officer } });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(png)).toBe(true);
      const big = await upload(
        citizen,
        Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024 * 1024 + 10)]),
        "big.pdf",
      );
      expect(big.statusCode).toBe(413);
    } finally {
      await t.stop();
    }
  }, 60_000);
});
