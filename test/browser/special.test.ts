import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

describe.skipIf(!browserAvailable)("foreigners' permits and special works in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1200, height: 900 }, timeout: 10_000 });
  const heading = (page: Page) => page.locator("h1").first().textContent();
  const main = (page: Page) => page.locator("main").textContent();

  it("takes a foreigner's application at the counter through NSC agreement to the issued permit", async () => {
    // The IAB officer enters the application at the counter, in English.
    const officer = await pageAs("officer", "en");
    await officer.goto(`${base}/foreigners`);
    await expect.poll(() => heading(officer)).toBe("Foreigners' permits");
    await officer.getByRole("link", { name: "New application" }).click();
    await expect.poll(() => heading(officer)).toMatch(/^Application for a permit/);
    await officer.getByRole("textbox", { name: "Surname" }).fill("Wang");
    await officer.getByRole("textbox", { name: "Given name" }).fill("Lei");
    await officer.getByRole("textbox", { name: "Date of birth" }).fill("1988-04-02");
    await officer.getByRole("textbox", { name: "Citizenship" }).fill("CHN");
    await officer.getByRole("textbox", { name: "Document number" }).fill("E12345678");
    // Typed in Russian on the English page, named there in Latin (BGN/PCGN).
    await officer.getByRole("combobox", { name: "Destination in the border zone" }).fill("Коргас");
    await officer.getByRole("option", { name: /Qorghas auyly/ }).click();
    await officer
      .getByRole("textbox", { name: "Purpose of the trip" })
      .fill("Talks at the free economic zone");
    await officer.getByRole("textbox", { name: "Stay from" }).fill("2026-12-01");
    await officer.getByRole("textbox", { name: "Stay until" }).fill("2026-12-20");
    await expectAccessible(officer);
    await officer.getByRole("button", { name: "Submit the application" }).click();
    await officer.waitForURL(/\/foreigners\/[0-9a-f-]{36}$/);
    const caseUrl = officer.url();
    await expect.poll(() => heading(officer)).toMatch(/^Foreigner's permit case ПАН-2026-F/);
    // Issuing is not offered to an officer; forwarding is.
    await officer.getByRole("combobox", { name: "NSC unit" }).click();
    // English pages name units in English where a unit has an English name.
    await officer.getByRole("option", { name: /Khorgos Border Detachment/ }).click();
    await expectAccessible(officer);
    await officer.getByRole("button", { name: /Forward to the NSC/ }).click();
    await expect.poll(() => main(officer)).toContain("NSC answer deadline");
    expect(await main(officer)).toContain("Z p.17");

    // The NSC reviewer finds it in the agreement queue and agrees, in Russian.
    const nsc = await pageAs("nsc", "ru");
    await nsc.goto(`${base}/nsc/foreigners`);
    await expect.poll(() => heading(nsc)).toBe("Согласование разрешений иностранцам в КНБ");
    const row = nsc.getByRole("row", { name: /Wang Lei/ });
    await expect.poll(() => row.count()).toBe(1);
    await expectAccessible(nsc);
    await row.getByRole("link").click();
    await nsc.getByRole("button", { name: /^Согласовать/ }).click();
    await expect.poll(() => main(nsc)).toContain("КНБ согласовал");

    // The head of the IAB issues the permit, in Kazakh.
    const head = await pageAs("head", "kk");
    await head.goto(caseUrl);
    await head.getByRole("button", { name: /^Рұқсат беру \(/ }).click();
    await expect.poll(() => head.getByTestId("permit").textContent()).toContain("ПАН-Р-2026-000001");
    await expectAccessible(head);
    const pdf = await head.request.get(
      `${base}${await head.getByRole("link", { name: /PDF/ }).getAttribute("href")}`,
    );
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");

    // Anyone can check the permit's code: it is recognised as a permit.
    await head.getByRole("link", { name: "Кодын тексеру" }).click();
    await expect
      .poll(() => head.getByTestId("verification").textContent())
      .toContain("ҰҚК-мен келісім бойынша");
    expect(await head.getByTestId("verification").textContent()).toContain("ПАН-Р-2026-000001");
    await expectAccessible(head);
  }, 180_000);

  it("routes special works to the bodies of Z p.28 and shows the combined outcome", async () => {
    const hotel = await pageAs("hotel", "ru");
    await hotel.goto(`${base}/special-works/new`);
    await expect.poll(() => heading(hotel)).toBe("Заявление на специальные работы в пограничной зоне");
    await hotel.getByRole("textbox", { name: "Организация" }).fill("ТОО «Жетысу геодезия»");
    await hotel.getByRole("textbox", { name: "Ответственное лицо" }).fill("Серикбаев Ержан");
    await hotel.getByRole("checkbox", { name: /пограничную полосу/ }).check();
    await expect.poll(() => hotel.getByTestId("route").textContent()).toContain("Z p.28 a)");
    expect(await hotel.getByTestId("route").textContent()).toContain("Пограничные войска — согласование");
    await hotel.getByRole("combobox", { name: "Населённый пункт" }).fill("Коргас");
    await hotel.getByRole("option", { name: /Коргас/ }).click();
    await hotel.getByRole("textbox", { name: "Район работ" }).fill("Окрестности села Коргас");
    await hotel.getByRole("textbox", { name: "Описание" }).fill("Аэрофотосъёмка для кадастра");
    await expectAccessible(hotel);
    await hotel.getByRole("button", { name: "Подать заявление" }).click();
    await hotel.waitForURL(/\/special-works\/[0-9a-f-]{36}$/);
    const url = hotel.url();
    await expect.poll(() => main(hotel)).toContain("Ожидаются решения органов");

    for (const [login, lang, approve] of [
      ["mod", "en", "Approve"],
      ["border", "kk", "Рұқсат беру"],
    ] as const) {
      const approver = await pageAs(login, lang);
      await approver.goto(url);
      await approver.getByRole("button", { name: approve, exact: true }).click();
      await expect.poll(() => approver.getByRole("button", { name: approve, exact: true }).count()).toBe(0);
      await expectAccessible(approver);
    }
    await hotel.reload();
    await expect.poll(() => main(hotel)).toContain("Все органы согласовали");
    await expectAccessible(hotel);
  }, 180_000);
});
