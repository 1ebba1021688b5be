import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REFUSAL_REASONS } from "../../src/core/passes/index.js";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

/** Set SHEKARA_SCREENSHOTS=/some/dir to keep full-page screenshots of the main screens. */
const SHOTS = process.env.SHEKARA_SCREENSHOTS;

describe.skipIf(!browserAvailable)(
  "pass applications, cases, registration and verification in Chromium",
  () => {
    let t: TestApp, browser: Browser, base: string;
    onBrowserApp((app) => ({ t, browser, base } = app));

    /** A page signed in as the user (by session cookie), in the given language; anonymous without login. */
    const pageAs = (login: string | null, lang: string) =>
      openPage(browser, t, base, login, lang, { viewport: { width: 1200, height: 900 }, timeout: 10_000 });

    async function shot(page: Page, name: string) {
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }

    /** Axe after a dialog's opening transition has finished (it blends colours while fading in). */
    async function expectAccessibleDialog(page: Page) {
      await page.waitForTimeout(400);
      await expectAccessible(page);
    }

    const heading = (page: Page) => page.locator("h1").first().textContent();

    /** Fills the App.2 form in Kazakh (labels as the citizen sees them). */
    async function fillApplicationKk(page: Page, surname: string) {
      await page.getByPlaceholder("Атауын немесе ӘАОЖ кодын теріп, тізімнен таңдаңыз").fill("Қорғ");
      await page.getByRole("option", { name: /Қорғас ауылы/ }).click();
      const search = page.getByPlaceholder("Атауын немесе ӘАОЖ кодын теріп, тізімнен таңдаңыз");
      await expect.poll(() => search.inputValue()).toBe("");
      await expect.poll(() => page.getByRole("listitem").filter({ hasText: "Қорғас ауылы" }).count()).toBe(1);
      await page.getByRole("textbox", { name: "Жолға шығу күні" }).fill("2026-12-20");
      await page.getByRole("textbox", { name: "Болу мерзімі (күн)" }).fill("20");
      await page.getByRole("textbox", { name: "Тегі", exact: true }).fill(surname);
      await page.getByRole("textbox", { name: "Аты", exact: true }).fill("Нұрсұлтан");
      await page.getByRole("textbox", { name: "Әкесінің аты" }).fill("Ғаниұлы");
      await page.getByRole("textbox", { name: "Туған жылы" }).fill("1984");
      await page.getByRole("textbox", { name: "Құжат нөмірі" }).fill("045612378");
      await page.getByRole("textbox", { name: "Тұрғылықты мекенжайы" }).fill("Алматы қ., Абай к-сі 10");
    }

    it("takes a citizen's application through check, approval, issue, registration and verification", async () => {
      // The citizen applies online, in Kazakh.
      const citizen = await pageAs("citizen", "kk");
      await citizen.goto(`${base}/my/apply`);
      await expect.poll(() => heading(citizen)).toBe("Шекаралық аймаққа рұқсаттамаға өтініш");
      await expectAccessible(citizen);
      await fillApplicationKk(citizen, "Әбішұлы");
      await citizen.getByRole("button", { name: "Бала қосу" }).click();
      await citizen.getByRole("textbox", { name: "1-баланың аты-жөні" }).fill("Әлихан");
      await citizen.getByRole("textbox", { name: "1-баланың жасы" }).fill("7");
      await citizen.getByRole("combobox", { name: "Өтініш берілетін ішкі істер органы" }).click();
      await citizen.getByRole("option", { name: "Панфилов аудандық ІІБ (демо)" }).click();
      await shot(citizen, "apply-kk");
      await expectAccessible(citizen);
      await citizen.getByRole("button", { name: "Өтінішті жіберу" }).click();
      await citizen.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      const caseUrl = citizen.url();
      await expect.poll(() => heading(citizen)).toMatch(/^Өтініш /);
      await expect.poll(() => citizen.getByTestId("eligibility-result").count()).toBe(1);
      expect(await citizen.locator("main").textContent()).toContain("Өтініш берілді");
      expect(await citizen.locator("main").textContent()).toContain("Қорғас ауылы");
      await expectAccessible(citizen);
      await citizen
        .getByRole("navigation", { name: "Мәзір" })
        .getByRole("link", { name: "Менің өтініштерім" })
        .click();
      await expect.poll(() => citizen.getByRole("row").count()).toBe(2);
      await expectAccessible(citizen);

      // The officer finds it in the "to check" queue and records a clear check, in Russian.
      const officer = await pageAs("officer", "ru");
      await officer.goto(`${base}/cases`);
      await expect
        .poll(() => officer.getByRole("tab", { name: "На проверку" }).getAttribute("aria-selected"))
        .toBe("true");
      const row = officer.getByRole("row", { name: /Әбішұлы/ });
      await expect.poll(() => row.count()).toBe(1);
      await shot(officer, "cases-ru");
      await expectAccessible(officer);
      await row.getByRole("link").click();
      // Another officer has the same case open in a second tab, in Kazakh, and opens its check form.
      const stale = await pageAs("officer", "kk");
      await stale.goto(caseUrl);
      await stale.getByRole("button", { name: "Тексеру нәтижесі" }).click();
      await stale.getByRole("dialog").getByRole("radio", { name: "Сәйкестік жоқ" }).check();
      await officer.getByRole("button", { name: "Результат проверки" }).click();
      const dialog = officer.getByRole("dialog");
      await dialog.getByRole("radio", { name: "Совпадений нет" }).check();
      await dialog.getByRole("textbox", { name: "Что проверено и что найдено" }).fill("Жедел есептерде жоқ");
      await expectAccessibleDialog(officer);
      await dialog.getByRole("button", { name: "Записать результат" }).click();
      await expect.poll(() => officer.getByRole("dialog").count()).toBe(0);
      await expect.poll(() => officer.locator("main").textContent()).toContain("Проверено");

      // The stale tab's check names the one action its case showed (If-Match): it is refused, the
      // case is reloaded with the message in Kazakh, and the check stands recorded once.
      const sent = stale.waitForRequest((r) => r.url().endsWith("/actions"));
      await stale.getByRole("dialog").getByRole("button", { name: "Нәтижені жазу" }).click();
      expect((await sent).headers()["if-match"]).toBe("1");
      await expect
        .poll(() => stale.getByTestId("case-changed").textContent())
        .toBe("Іс осы аралықта өзгеріп, қайта жүктелді: оны тексеріп, қадамды қайталаңыз.");
      await expect.poll(() => stale.getByRole("dialog").count()).toBe(0);
      await expect.poll(() => stale.locator("main").textContent()).toContain("Тексерілді");
      await expectAccessible(stale);
      const checks = await t.deps.database.ownerQuery(
        "SELECT count(*)::int AS n FROM application_actions WHERE application_id = $1 AND type = 'CHECK_RECORDED'",
        [caseUrl.split("/").pop()],
      );
      expect(checks[0]?.n).toBe(1);
      await stale.context().close();

      // The head approves with the dates and places prefilled from the application.
      const head = await pageAs("head", "ru");
      await head.goto(caseUrl);
      await head.getByRole("button", { name: "Одобрение" }).click();
      const approve = head.getByRole("dialog");
      expect(await approve.getByRole("textbox", { name: "Действует с" }).inputValue()).toBe("2026-12-20");
      expect(await approve.getByRole("textbox", { name: "Действует по" }).inputValue()).toBe("2027-01-08");
      await head.waitForTimeout(400);
      await shot(head, "approve-ru");
      await approve.getByRole("button", { name: "Одобрить" }).click();
      await expect.poll(() => head.getByTestId("decision").count()).toBe(1);
      expect(await head.locator("main").textContent()).toContain("Одобрено");

      // The officer hands the pass over in person, after the rules.
      await officer.reload();
      await officer.getByRole("button", { name: "Выдача пропуска" }).click();
      const issue = officer.getByRole("dialog");
      await expect.poll(() => issue.getByRole("listitem").count()).toBe(5);
      await issue.getByRole("button", { name: "Выдать пропуск" }).click();
      await expect.poll(() => issue.getByRole("alert").textContent()).toContain("Z p.32");
      await issue.getByRole("checkbox", { name: "Личность проверена по документу" }).check();
      await issue.getByRole("checkbox", { name: "Владелец ознакомлен с правилами" }).check();
      await issue.getByRole("button", { name: "Выдать пропуск" }).click();
      const pdfLink = officer.getByRole("link", { name: /Пропуск ПАН-2026-\d+ \(PDF\)/ });
      await expect.poll(() => pdfLink.count()).toBe(1);
      await expect.poll(() => officer.getByRole("dialog").count()).toBe(0);
      await officer.waitForTimeout(400);
      await shot(officer, "case-ru");
      await expectAccessible(officer);

      // The citizen sees the pass and downloads its PDF.
      await citizen.goto(caseUrl);
      const citizenPdf = citizen.getByRole("link", { name: /рұқсаттамасы \(PDF\)/ });
      await expect.poll(() => citizenPdf.count()).toBe(1);
      await shot(citizen, "case-kk");
      await expectAccessible(citizen);
      const pdf = await citizen.request.get(
        new URL((await citizenPdf.getAttribute("href")) ?? "", base).href,
      );
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const verifyHref =
        (await citizen.getByRole("link", { name: "Тексеру", exact: true }).getAttribute("href")) ?? "";
      expect(verifyHref).toMatch(/^\/verify\/SHK1\./);

      // A day after departure the hotel registers the arrival, in English.
      t.clock.set(new Date("2026-12-21T06:00:00Z"));
      const hotel = await pageAs("hotel", "en");
      await hotel.goto(`${base}${verifyHref}`);
      await expect.poll(() => hotel.getByTestId("verification").textContent()).toContain("The pass is valid");
      await hotel.getByRole("link", { name: "Register an arrival on this pass" }).click();
      await expect.poll(() => heading(hotel)).toBe("Register an arrival");
      await hotel.getByRole("textbox", { name: "Arrived on" }).fill("2026-12-20");
      await hotel.getByRole("textbox", { name: "Pass handed over on" }).fill("2026-12-21");
      await hotel.getByRole("combobox", { name: "Registered by" }).click();
      await hotel.getByRole("option", { name: "Hotel administration" }).click();
      await expectAccessible(hotel);
      const registering = hotel.waitForRequest(
        (r) => r.url().includes("/by-number/") && r.method() === "POST",
      );
      await hotel.getByRole("button", { name: "Register the arrival" }).click();
      await expect.poll(() => hotel.getByRole("status").textContent()).toContain("Arrival registered");
      await expectAccessible(hotel);
      // The step carries its Idempotency-Key, kept with it: a retry after a lost answer is not a second registration.
      const key = (await registering).headers()["idempotency-key"];
      expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
      const registrations = await t.deps.database.ownerQuery(
        "SELECT idempotency_key FROM application_actions WHERE application_id = $1 AND type = 'REGISTERED'",
        [caseUrl.split("/").pop()],
      );
      expect(registrations.map((r) => r.idempotency_key)).toEqual([key]);

      // Anyone can verify the code without signing in.
      const visitor = await pageAs(null, "kk");
      await visitor.goto(`${base}${verifyHref}`);
      const verdict = visitor.getByTestId("verification");
      await expect.poll(() => verdict.textContent()).toContain("Рұқсаттама жарамды");
      const text = (await verdict.textContent()) ?? "";
      expect(text).toContain("Әбішұлы Нұрсұлтан Ғаниұлы");
      expect(text).toContain("1984");
      expect(text).toContain("Қорғас");
      await expectAccessible(visitor);

      // The register book shows the line, with its PDF.
      const officerNow = await pageAs("officer", "kk");
      await officerNow.goto(`${base}/register-book`);
      await expect.poll(() => officerNow.getByRole("row", { name: /Әбішұлы/ }).count()).toBe(1);
      // The application's codes in words, in the page's language.
      const bookRow = (await officerNow.getByRole("row", { name: /Әбішұлы/ }).textContent()) ?? "";
      expect(bookRow).toContain("Жеке куәлік №");
      expect(bookRow).not.toMatch(/ID_CARD|VISIT_RELATIVES|[A-Z]+_[A-Z]+/);
      await expectAccessible(officerNow);

      for (const page of [citizen, officer, head, hotel, visitor, officerNow]) await page.context().close();
      t.clock.set(new Date("2026-11-22T06:00:00Z"));
    }, 180_000);

    it("shows a refusal and its reason to the citizen, and the notice in the outbox", async () => {
      // An officer enters an application at the counter, in English: the unit is the officer's own.
      const counter = await pageAs("officer", "en");
      await counter.goto(`${base}/cases/new`);
      await expect.poll(() => heading(counter)).toBe("Application at the counter");
      await expect
        .poll(() => counter.getByRole("combobox", { name: "Internal affairs body to apply to" }).inputValue())
        .toBe("Панфиловский РОВД (демо)");
      await counter.getByRole("button", { name: "Submit the application" }).click();
      await expect
        .poll(() => counter.getByRole("textbox", { name: "Surname" }).getAttribute("aria-invalid"))
        .toBe("true");
      // The field shows the reason alone: neither the field's code nor the message's head.
      expect(await counter.getByText(/body\.|Invalid data/).count()).toBe(0);
      await expectAccessible(counter);
      await counter.context().close();

      // The citizen applies in Russian.
      const citizen = await pageAs("citizen", "ru");
      await citizen.goto(`${base}/my/apply`);
      await citizen.getByPlaceholder("Введите название или код КАТО и выберите из списка").fill("Қорғ");
      await citizen
        .getByRole("option", { name: /Коргас|Қорғас/ })
        .first()
        .click();
      await citizen.getByRole("textbox", { name: "Фамилия" }).fill("Сейітқали");
      await citizen.getByRole("textbox", { name: "Имя", exact: true }).fill("Айгүл");
      await citizen.getByRole("textbox", { name: "Год рождения" }).fill("1990");
      await citizen.getByRole("textbox", { name: "Номер документа" }).fill("N1234567");
      await citizen.getByRole("combobox", { name: "Орган внутренних дел, куда подаётся заявление" }).click();
      await citizen.getByRole("option", { name: "Панфиловский РОВД (демо)" }).click();
      // Three days before departure (the server's today is 2026-11-22) and no reason: the server's
      // sentence, in Russian, stands under the reason field (Z p.7).
      await citizen.getByRole("textbox", { name: "Дата выезда" }).fill("2026-11-25");
      await citizen.getByRole("button", { name: "Отправить заявление" }).click();
      await expect
        .poll(() => citizen.getByText(REFUSAL_REASONS.LATE_WITHOUT_REASON.ru, { exact: true }).count())
        .toBe(1);
      await expect
        .poll(() =>
          citizen.getByRole("textbox", { name: "Причина позднего обращения" }).getAttribute("aria-invalid"),
        )
        .toBe("true");
      await citizen.getByRole("textbox", { name: "Дата выезда" }).fill("2027-01-20");
      await shot(citizen, "apply-ru");
      await expectAccessible(citizen);
      await citizen.getByRole("button", { name: "Отправить заявление" }).click();
      await citizen.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      const caseUrl = citizen.url();

      // The officer records a possible match; the head refuses with a reason, in Kazakh.
      const officer = await pageAs("officer", "kk");
      await officer.goto(caseUrl);
      await officer.getByRole("button", { name: "Тексеру нәтижесі" }).click();
      const check = officer.getByRole("dialog");
      await check.getByRole("radio", { name: "Ықтимал сәйкестік" }).check();
      await check.getByRole("button", { name: "Нәтижені жазу" }).click();
      await expect.poll(() => check.getByRole("alert").textContent()).toContain("Z p.30");
      await check.getByRole("textbox", { name: "Не тексерілді және не табылды" }).fill("Іздеуде: жазба R-17");
      await check.getByRole("button", { name: "Нәтижені жазу" }).click();
      await expect.poll(() => officer.getByRole("dialog").count()).toBe(0);
      await expect.poll(() => officer.locator("main").textContent()).toContain("Тексеруде сәйкестік бар");

      const head = await pageAs("head", "kk");
      await head.goto(caseUrl);
      await head.getByRole("button", { name: "Бас тарту" }).click();
      const refuse = head.getByRole("dialog");
      await refuse.getByRole("textbox", { name: "Себебі" }).fill("Жедел есептегі сәйкестік расталды");
      await expectAccessibleDialog(head);
      await refuse.getByRole("button", { name: "Бас тарту" }).click();
      await expect.poll(() => head.getByTestId("refusal").count()).toBe(1);

      // The citizen sees the refusal with its reason, and the notice in the outbox.
      await citizen.reload();
      const refusal = citizen.getByTestId("refusal");
      await expect.poll(() => refusal.textContent()).toContain("Жедел есептегі сәйкестік расталды");
      expect(await refusal.textContent()).toContain("В выдаче пропуска отказано");
      expect(await citizen.locator("main").textContent()).toContain("Отказ");
      await expectAccessible(citizen);
      await citizen.goto(`${base}/dev/outbox`);
      const body = citizen
        .getByTestId("outbox-body")
        .filter({ hasText: "Жедел есептегі сәйкестік расталды" });
      await expect.poll(() => body.count()).toBeGreaterThan(0);
      expect(await citizen.locator("main").textContent()).toContain("Отказ в выдаче пропуска");
      await expectAccessible(citizen);
      for (const page of [citizen, officer, head]) await page.context().close();
    }, 180_000);
  },
);
