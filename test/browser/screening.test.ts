import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sessionCookieFor, type TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

/** An application of the demo applicant (the demo records hold «Абишев Нурсултан Ганиевич», 1984). */
const application = (surname: string, givenName = "Нұрсұлтан", patronymic = "Ғаниұлы") => ({
  applicant: {
    surname,
    givenName,
    patronymic,
    birthYear: 1984,
    citizenship: "KZ",
    identityDocument: { kind: "ID_CARD", number: "045612378" },
  },
  children: [],
  purpose: "VISIT_RELATIVES",
  destinations: ["334853100"],
  departureDate: "2026-12-20",
  stayDays: 20,
});

/** Polls with room for a loaded machine (server steps sign codes and write PDFs). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Set SHEKARA_SCREENSHOTS=/some/dir to keep full-page screenshots of the main screens. */
const SHOTS = process.env.SHEKARA_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(!browserAvailable)("records screening and the pass after issue in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1280, height: 900 }, timeout: 10_000 });
  /** Axe after a dialog's opening transition has finished. */
  async function expectAccessibleDialog(page: Page) {
    await page.waitForTimeout(400);
    await expectAccessible(page);
  }
  const heading = (page: Page) => page.locator("h1").first().textContent();
  /** Calls the API as a demo user (for the steps a test does not exercise in the browser). */
  async function call(login: string, method: "GET" | "POST", url: string, payload?: object) {
    const response = await t.app.inject({
      method,
      url,
      headers: { cookie: await sessionCookieFor(t, login) },
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  }
  const act = (login: string, id: string, type: string, payload: object) =>
    call(login, "POST", `/api/v1/applications/${id}/actions`, { type, payload });

  it("checks a person and a list, reviews a candidate, and keeps the registry", async () => {
    const nsc = await pageAs("nsc", "en");
    await nsc.goto(`${base}/screening`);
    await poll(() => heading(nsc)).toBe("Records check");
    await expectAccessible(nsc);
    await nsc.getByRole("textbox", { name: "Full name" }).fill("Әбішұлы Нұрсұлтан Ғаниұлы");
    await nsc.getByRole("textbox", { name: "Birth date or year" }).fill("1984");
    await nsc.getByRole("button", { name: "Check", exact: true }).click();
    const hit = nsc.getByTestId("candidate-DEMO-IAB-0001");
    await poll(() => hit.count()).toBe(1);
    // Best first, with the score and the explanation in the interface language.
    expect(await hit.textContent()).toContain("«Нурсултан»");
    expect(await hit.textContent()).toMatch(/\d+%/);
    await expectAccessible(nsc);
    await nsc.getByRole("button", { name: "Dismiss: DEMO-IAB-0001" }).click();
    const dialog = nsc.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Your reason" }).fill("x");
    await dialog.getByRole("button", { name: "Save" }).click();
    await poll(() => dialog.getByRole("alert").count()).toBe(1);
    await dialog.getByRole("textbox", { name: "Your reason" }).fill("Different person: other document");
    await expectAccessibleDialog(nsc);
    await dialog.getByRole("button", { name: "Save" }).click();
    await poll(() => nsc.getByRole("dialog").count()).toBe(0);
    await poll(() => hit.textContent()).toContain("Dismissed");
    await shot(nsc, "screening-en");

    // A pasted list: results in the order given.
    await nsc.getByRole("tab", { name: "A list" }).click();
    await nsc
      .getByRole("textbox", { name: "People, one per line" })
      .fill("Петров Сергей Иванович; 1975-06-01\nИванов Иван Иванович; 1980");
    await nsc.getByRole("button", { name: "Check the list" }).click();
    const results = nsc.getByTestId("batch-result");
    await poll(() => results.count()).toBe(2);
    expect(await results.nth(0).textContent()).toContain("DEMO-IAB-0002");
    expect(await results.nth(1).textContent()).toContain("No candidates");
    await shot(nsc, "screening-batch-en");
    await expectAccessible(nsc);

    // The registry: search, add, change, delete — each change audited.
    await nsc.goto(`${base}/screening/records`);
    await poll(() => heading(nsc)).toBe("Records registry");
    await poll(() => nsc.getByRole("row", { name: /DEMO-IAB-0001/ }).count()).toBe(1);
    await shot(nsc, "records-en");
    await expectAccessible(nsc);
    await nsc.getByRole("button", { name: "Add a record" }).click();
    const form = nsc.getByRole("dialog");
    await form.getByRole("textbox", { name: "Record id" }).fill("TEST-0001");
    await form.getByRole("textbox", { name: "Names" }).fill("Сидоров Пётр Ильич\nSIDOROV PETR");
    await form.getByRole("textbox", { name: "Birth date or year" }).fill("1970");
    await form.getByRole("textbox", { name: "Reason on record" }).fill("Test record");
    await form.getByRole("textbox", { name: "Source" }).fill("Test list");
    await expectAccessibleDialog(nsc);
    await form.getByRole("button", { name: "Save" }).click();
    await poll(() => nsc.getByRole("dialog").count()).toBe(0);
    await nsc.getByRole("textbox", { name: "Search by name or id" }).fill("Сидоров");
    const row = nsc.getByRole("row", { name: /TEST-0001/ });
    await poll(() => row.count()).toBe(1);
    await poll(() => nsc.getByRole("row").count()).toBe(2);
    await nsc.getByRole("button", { name: "Change: TEST-0001" }).click();
    await nsc.getByRole("dialog").getByRole("textbox", { name: "Reason on record" }).fill("Changed reason");
    await nsc.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await poll(() => row.textContent()).toContain("Changed reason");
    await nsc.getByRole("button", { name: "Open: TEST-0001" }).click();
    await poll(() => nsc.getByRole("dialog").textContent()).toContain("SIDOROV PETR");
    await nsc.getByRole("button", { name: "Close" }).click();
    await poll(() => nsc.getByRole("dialog").count()).toBe(0);
    await nsc.getByRole("button", { name: "Delete: TEST-0001" }).click();
    await nsc.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await poll(() => nsc.getByText("No records found").count()).toBe(1);
    const audit = await t.deps.database.ownerQuery(
      "SELECT action FROM audit_log WHERE object_id = 'TEST-0001' ORDER BY id",
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(["records.create", "records.update", "records.delete"]),
    );
    await nsc.context().close();
  }, 180_000);

  it("shows the applicant's candidate on the case check step and keeps the review as evidence", async () => {
    const created = await call("officer", "POST", "/api/v1/applications", {
      data: application("Әбішұлы"),
    });
    const officer = await pageAs("officer", "kk");
    await officer.goto(`${base}/applications/${created.id}`);
    const card = officer.getByTestId("screening-card");
    const hit = card.getByTestId("candidate-DEMO-IAB-0001");
    await poll(() => hit.count()).toBe(1);
    expect(await hit.textContent()).toContain("(демо) Іздеуде");
    await expectAccessible(officer);
    await officer.getByRole("button", { name: "Сәйкестікті растау: DEMO-IAB-0001" }).click();
    const dialog = officer.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Сіздің негіздемеңіз" }).fill("Туған күні мен құжаты сәйкес");
    await dialog.getByRole("button", { name: "Сақтау" }).click();
    await poll(() => hit.textContent()).toContain("Расталды");
    await shot(officer, "case-check-kk");
    await officer.getByRole("button", { name: "Тексеру нәтижесі" }).click();
    const check = officer.getByRole("dialog");
    await check.getByRole("radio", { name: "Расталған сәйкестік" }).check();
    await check.getByRole("textbox", { name: "Не тексерілді және не табылды" }).fill("DEMO-IAB-0001 жазбасы");
    await check.getByRole("button", { name: "Нәтижені жазу" }).click();
    await poll(() => officer.getByRole("dialog").count()).toBe(0);
    await poll(() => officer.locator("main").textContent()).toContain(
      "Көрсетілген үміткерлер: DEMO-IAB-0001",
    );
    await expectAccessible(officer);
    const stored = await call("officer", "GET", `/api/v1/applications/${created.id}`);
    const recorded = stored.actions.find((a: { type: string }) => a.type === "CHECK_RECORDED");
    expect(recorded.payload.screening.reviews).toEqual([
      expect.objectContaining({ recordId: "DEMO-IAB-0001", decision: "CONFIRMED" }),
    ]);
    await officer.context().close();
  }, 180_000);

  it("extends a pass en route, replaces a lost one (the original revoked) and takes the return", async () => {
    const created = await call("officer", "POST", "/api/v1/applications", {
      data: application("Сейітов", "Ержан", "Болатұлы"),
    });
    const id = created.id as string;
    await act("officer", id, "CHECK_RECORDED", { result: "CLEAR", evidence: "" });
    await act("head", id, "APPROVED", {
      validFrom: "2026-12-20",
      validUntil: "2027-01-08",
      places: ["334853100"],
      clauses: ["Z p.31"],
    });
    const issued = await act("officer", id, "ISSUED", { identityChecked: true, rulesAcknowledged: true });
    const original = issued.passes[0] as { number: string; code: string };

    // On the way, the trip is delayed: an IAB extends the pass from its code (Z p.23).
    t.clock.set(new Date("2027-01-06T06:00:00Z"));
    const head = await pageAs("head", "en");
    await head.goto(`${base}/pass-desk`);
    await poll(() => heading(head)).toBe("A pass of another body");
    await head.getByRole("textbox", { name: "Pass number or code" }).fill(original.code);
    await head.getByRole("button", { name: "Find" }).click();
    await poll(() => head.getByTestId("verification").count()).toBe(1);
    await poll(() => head.locator("main").textContent()).toContain("Currently valid until 2027-01-08.");
    expect(await head.getByLabel("New end of validity").inputValue()).toBe("2027-01-18");
    await expectAccessible(head);
    await head.getByRole("button", { name: "Extend" }).click();
    await poll(() => head.getByRole("status").filter({ hasText: original.number }).textContent()).toContain(
      "Pass issued",
    );
    await head.goto(`${base}/applications/${id}`);
    await poll(() => head.getByRole("row", { name: new RegExp(original.number) }).textContent()).toContain(
      "2027-01-18",
    );

    // The holder reports the loss at the nearest IAB, another district's, by number (App.1 rule 3).
    const uigur = await pageAs("uigur", "kk");
    await uigur.goto(`${base}/pass-desk?number=${encodeURIComponent(original.number)}`);
    // The typed number finds the pass: holder and validity as from its code.
    const found = uigur.getByTestId("verification");
    await poll(() => found.textContent()).toContain("Сейітов Ержан Болатұлы");
    expect(await found.textContent()).toContain("2027-01-18");
    await uigur
      .getByRole("textbox", { name: "Жоғалту мән-жайы" })
      .fill("Жаркентке барар жолда автобуста жоғалды");
    await expectAccessible(uigur);
    await uigur.getByRole("button", { name: "Жоғалғанын тіркеу" }).click();
    await poll(() => uigur.getByRole("status").filter({ hasText: original.number }).textContent()).toContain(
      "Жоғалды",
    );
    // The verdict above turns void at once.
    await poll(() => found.textContent()).toContain("Рұқсаттаманы алып, ішкі істер органына хабарлаңыз.");
    // That IAB cannot open the issuing IAB's case.
    await uigur.goto(`${base}/applications/${id}`);
    await poll(() => uigur.getByRole("alert").count()).toBeGreaterThan(0);
    await uigur.context().close();

    // The issuing IAB issues a replacement after confirming the lost pass was its own (Z p.24).
    await head.reload();
    await head.getByRole("button", { name: "Replacement" }).click();
    const replace = head.getByRole("dialog");
    await replace.getByRole("button", { name: "Issue a replacement" }).click();
    await poll(() => replace.getByRole("alert").count()).toBe(1);
    await replace.getByRole("checkbox", { name: "The issuing body confirmed the lost pass" }).check();
    await replace.getByRole("checkbox", { name: "Identity checked against the document" }).check();
    await replace.getByRole("checkbox", { name: "The holder has read the rules" }).check();
    await expectAccessibleDialog(head);
    await replace.getByRole("button", { name: "Issue a replacement" }).click();
    await poll(() => head.getByRole("dialog").count()).toBe(0);
    await poll(() => head.getByRole("link", { name: /\(PDF\)/ }).count()).toBe(2);
    expect(await head.getByRole("row", { name: new RegExp(original.number) }).textContent()).toContain(
      "Replaced",
    );
    await expectAccessible(head);

    // The lost original is void at any checkpoint.
    await head.goto(`${base}/verify/${encodeURIComponent(original.code)}`);
    await poll(() => head.getByTestId("verification").textContent()).toContain(
      "The pass is void: lost, returned or revoked",
    );

    // At the end the holder returns the replacement (Z p.36).
    t.clock.set(new Date("2027-01-19T06:00:00Z"));
    const back = await pageAs("officer", "en");
    await back.goto(`${base}/applications/${id}`);
    await back.getByRole("button", { name: "Return" }).click();
    await back.getByRole("dialog").getByRole("button", { name: "Record the return" }).click();
    await poll(() => back.getByRole("dialog").count()).toBe(0);
    await poll(() => back.locator("main").textContent()).toContain("Returned");
    await expectAccessible(back);
    const passes = (await call("officer", "GET", `/api/v1/applications/${id}`)).passes as {
      number: string;
      status: string;
      code: string;
    }[];
    expect(passes.map((p) => p.status).sort()).toEqual(["REPLACED", "RETURNED"]);
    const replacement = passes.find((p) => p.number !== original.number);
    const verdict = await t.app.inject(`/api/v1/verify/${encodeURIComponent(replacement?.code ?? "")}`);
    expect(verdict.json().status).toBe("REVOKED");
    for (const page of [head, back]) await page.context().close();
    t.clock.set(new Date("2026-11-22T06:00:00Z"));
  }, 240_000);
});
