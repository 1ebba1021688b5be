import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dueReminders } from "../src/core/passes/index.js";
import { RULE_SET_V1 } from "../src/core/rules/index.js";
import { scanReminders } from "../src/services/passes/reminders.service.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const application = (surname: string) => ({
  applicant: {
    surname,
    givenName: "Айгерім",
    birthYear: 1990,
    citizenship: "KZ",
    identityDocument: { kind: "ID_CARD", number: "041234567" },
  },
  children: [],
  purpose: "VISIT_RELATIVES",
  destinations: ["334853100"],
  departureDate: "2026-12-20",
  stayDays: 20,
});

describe("which reminders are due (core)", () => {
  const pass = { status: "ISSUED", validFrom: "2026-12-20", validUntil: "2027-01-08" };
  const kinds = (p: typeof pass, day: string) => dueReminders(p, day, RULE_SET_V1).map((r) => r.kind);
  it("reminds to register within the validity, with the rule set's days and clauses", () => {
    expect(kinds(pass, "2026-12-19")).toEqual([]);
    const [due] = dueReminders(pass, "2026-12-20", RULE_SET_V1);
    expect(due).toEqual({
      kind: "REGISTRATION_DUE",
      clauses: ["Z p.18", "Z App.1 rule 2"],
      days: { arrival: 3, handover: 1 },
    });
    expect(kinds({ ...pass, status: "REGISTERED" }, "2026-12-20")).toEqual([]);
  });
  it("reminds to return in the last days and after the grace, not for returned, lost or kept passes", () => {
    expect(kinds({ ...pass, status: "REGISTERED" }, "2027-01-04")).toEqual([]);
    expect(kinds({ ...pass, status: "REGISTERED" }, "2027-01-05")).toEqual(["RETURN_SOON"]);
    expect(kinds({ ...pass, status: "REGISTERED" }, "2027-01-09")).toEqual([]);
    expect(kinds({ ...pass, status: "REGISTERED" }, "2027-01-19")).toEqual(["RETURN_OVERDUE"]);
    expect(dueReminders(pass, "2027-01-19", RULE_SET_V1)[0]?.clauses).toEqual(["Z p.36", "Z App.1 rule 4"]);
    for (const status of ["RETURNED", "LOST", "KEPT", "REVOKED", "REPLACED"])
      expect(kinds({ ...pass, status }, "2027-01-19")).toEqual([]);
  });
});

describe.each(DB_KINDS)("deadline reminders to pass holders on %s", (kind) => {
  let t: TestApp;
  const c = new Map<string, string>();
  const numbers = new Map<string, string>();
  let panfilov: string;
  const as = (login: string) => ({ cookie: c.get(login) ?? "" });
  const act = async (login: string, id: string, type: string, payload: object) => {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/applications/${id}/actions`,
      headers: as(login),
      payload: { type, payload },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  /** A citizen's application through to an issued pass, in the citizen's language. */
  const issue = async (surname: string, lang: string) => {
    const submitted = await t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: as("citizen"),
      payload: { data: application(surname), lang, unitId: panfilov },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as string;
    await act("officer", id, "CHECK_RECORDED", { result: "CLEAR", evidence: "" });
    await act("head", id, "APPROVED", {
      validFrom: "2026-12-20",
      validUntil: "2027-01-08",
      places: ["334853100"],
      clauses: ["Z p.31"],
    });
    const issued = await act("officer", id, "ISSUED", { identityChecked: true, rulesAcknowledged: true });
    numbers.set(surname, issued.passes[0].number);
    return id;
  };
  const at = (day: string) => t.clock.set(new Date(`${day}T06:00:00Z`));
  const reminders = async () =>
    (
      await t.deps.database.ownerQuery(
        "SELECT p.number, r.kind, r.sent_on::text AS sent_on, r.channels FROM pass_reminders r JOIN passes p ON p.id = r.pass_id ORDER BY r.created_at, p.number",
      )
    ).map((r) => `${r.number} ${r.kind} ${r.sent_on}`);
  const outbox = (kindLike: string) =>
    t.deps.database.ownerQuery(
      `SELECT n.subject, n.body, n.lang, n.channel FROM notifications n WHERE n.body LIKE $1 ORDER BY n.created_at, n.channel`,
      [kindLike],
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const login of ["citizen", "officer", "head"]) c.set(login, await sessionCookieFor(t, login));
    panfilov = String(
      (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-IAB-PANFILOV'"))[0]?.id,
    );
    await issue("Қасымова", "kk");
    await issue("Касымова", "ru");
    const returned = await issue("Kassymova", "en");
    // The third pass comes back unused before its validity even starts: no reminders for it.
    await act("officer", returned, "RETURNED", { unused: true });
  });
  afterAll(() => t?.stop());

  it("sends nothing before a deadline is near", async () => {
    at("2026-12-19");
    expect(await scanReminders(t.deps)).toEqual({ ran: true, reminders: 0, messages: 0 });
    expect(await reminders()).toEqual([]);
  });

  it("reminds to register once, in the holder's language, citing the clauses", async () => {
    at("2026-12-20");
    const first = await scanReminders(t.deps);
    // Two passes × (e-mail + SMS of the demo citizen).
    expect(first).toEqual({ ran: true, reminders: 2, messages: 4 });
    at("2026-12-21");
    expect((await scanReminders(t.deps)).reminders).toBe(0);
    const kk = numbers.get("Қасымова") ?? "";
    const ru = numbers.get("Касымова") ?? "";
    expect(await reminders()).toEqual(
      expect.arrayContaining([`${kk} REGISTRATION_DUE 2026-12-20`, `${ru} REGISTRATION_DUE 2026-12-20`]),
    );
    const kkMail = (await outbox(`%${kk}%`)).filter((m) => m.subject === "Келгеннен кейін тіркелу");
    expect(kkMail.map((m) => [m.lang, m.channel])).toEqual([
      ["kk", "email"],
      ["kk", "sms"],
    ]);
    expect(kkMail[0]?.body).toContain("3 тәулік");
    expect(kkMail[0]?.body).toContain("Z p.18, Z App.1 rule 2");
    const ruMail = await outbox(`%${ru}%зарегистрируйтесь%`);
    expect(ruMail.map((m) => m.subject)).toEqual(["Регистрация по прибытии", "Регистрация по прибытии"]);
  });

  it("two scans at once send the return reminder once", async () => {
    const kk = numbers.get("Қасымова") ?? "";
    // The Kazakh holder registers; the Russian one never does (an unused pass goes back too).
    at("2026-12-22");
    c.set("hotel", await sessionCookieFor(t, "hotel"));
    const registered = await t.app.inject({
      method: "POST",
      url: `/api/v1/passes/by-number/${encodeURIComponent(kk)}/actions`,
      headers: as("hotel"),
      payload: {
        type: "REGISTERED",
        payload: { arrivedOn: "2026-12-21", place: "334853100", registrar: "HOTEL", passKept: false },
      },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    at("2027-01-05");
    const both = await Promise.all([scanReminders(t.deps), scanReminders(t.deps)]);
    expect(both.reduce((n, r) => n + r.reminders, 0)).toBe(2);
    expect(both.reduce((n, r) => n + r.messages, 0)).toBe(4);
    expect((await scanReminders(t.deps)).reminders).toBe(0);
    const soon = await outbox(`%${kk}%%`);
    expect(soon.filter((m) => m.subject === "Рұқсаттаманы қайтару мерзімі жақындады")).toHaveLength(2);
    const ru = await outbox(`%${numbers.get("Касымова")}%не использован%`);
    expect(ru[0]?.body).toContain("Z p.36, Z App.1 rule 4");
  });

  it("reminds of an overdue return once, after the grace, and never for a returned pass", async () => {
    at("2027-01-18");
    expect((await scanReminders(t.deps)).reminders).toBe(0);
    at("2027-01-19");
    expect((await scanReminders(t.deps)).reminders).toBe(2);
    at("2027-02-19");
    expect((await scanReminders(t.deps)).reminders).toBe(0);
    const returned = numbers.get("Kassymova") ?? "";
    expect((await reminders()).filter((r) => r.startsWith(returned))).toEqual([]);
    expect((await reminders()).filter((r) => r.includes("RETURN_OVERDUE"))).toHaveLength(2);
    const audit = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'passes.reminders'",
    );
    // One entry per scan that sent something: registration, return soon (one of the two), overdue.
    expect(audit[0]?.n).toBe(3);
  });
});
