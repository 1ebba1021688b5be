import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { escalateOverdue } from "../../src/services/exchange/obligations.service.js";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

describe.skipIf(!browserAvailable)("inter-agency exchange in Chromium (X p.5)", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app), { SHEKARA_EXCHANGE_INTERVAL_MS: "0" }, 180_000);

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1280, height: 1000 }, timeout: 15_000 });
  const heading = (page: Page) => page.locator("h1").first().textContent();
  async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
    await page.getByRole("combobox", { name: label }).click();
    await page.getByRole("option", { name: option }).click();
  }

  it("a border post logs an oral urgent notice, confirms it late, and the dashboard shows it late at the post and above", async () => {
    // The test clock stands at 2026-11-22 06:00 UTC = 11:00 in Almaty.
    const post = await pageAs("nsc", "en");
    await post.goto(`${base}/exchange/duty`);
    await expect.poll(() => heading(post)).toBe("Duty officer's day");
    await expectAccessible(post);
    await post.getByRole("link", { name: "Log an urgent oral notice" }).click();
    await expect.poll(() => heading(post)).toBe("Log oral information");
    await choose(post, "Topic", /Detected or detained illegal migrants/);
    await post.getByRole("textbox", { name: "Full name 1" }).fill("Test Migrant");
    await choose(post, "Circumstance", "Detained");
    await post.getByRole("textbox", { name: "Destination state" }).fill("RU");
    await post.getByRole("textbox", { name: "Route" }).fill("Tashkent — Khorgos");
    await post.getByRole("textbox", { name: "Declared purpose" }).fill("work");
    await post.getByRole("textbox", { name: "Checkpoint" }).fill("Khorgos");
    await choose(post, "Travelling", "In a group");
    await post.getByRole("textbox", { name: "Measures taken" }).fill("Handed to the IAB");
    await post.getByRole("textbox", { name: "Passed to (name, unit)" }).fill("IAB duty officer Aliya");
    // The notice was passed by phone at 08:00 local, three hours ago: confirmation due 10:00.
    await post.getByLabel("Passed at (local time)").fill("2026-11-22T08:00");
    await expectAccessible(post);
    await post.getByRole("button", { name: "Record in the duty log" }).click();
    await expect
      .poll(() => post.getByText("Written confirmation due 2026-11-22 10:00").first().isVisible())
      .toBe(true);
    await expectAccessible(post);

    // The written confirmation goes now, at 11:00 local: an hour late.
    await post.getByRole("link", { name: "Send the written confirmation" }).click();
    await expect.poll(() => heading(post)).toBe("New message");
    await expect
      .poll(() => post.getByRole("textbox", { name: "Route" }).inputValue())
      .toBe("Tashkent — Khorgos");
    await post.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => post.getByText("Confirms the oral notice").isVisible()).toBe(true);

    // At the post: the urgent confirmation due 10:00 today is late by 60 minutes.
    await post.goto(`${base}/exchange/compliance`);
    await expect.poll(() => heading(post)).toBe("Exchange compliance");
    const lateRow = (page: Page) =>
      page.getByTestId("late-list").getByRole("row").filter({ hasText: "2026-11-22 10:00" });
    await expect.poll(() => lateRow(post).count()).toBe(1);
    await expect.poll(() => lateRow(post).textContent()).toContain("1 h");
    await expectAccessible(post);

    // One level above (NSC Border Service), in Russian: the same item, late.
    const above = await pageAs("nschief", "ru");
    await above.goto(`${base}/exchange/compliance`);
    await expect.poll(() => heading(above)).toBe("Соблюдение сроков обмена");
    await expect.poll(() => lateRow(above).count()).toBe(1);
    await expect.poll(() => lateRow(above).textContent()).toContain("С опозданием");
    await expectAccessible(above);

    // A counterpart acknowledges receipt, in Kazakh.
    const customs = await pageAs("customs", "kk");
    await customs.goto(`${base}/exchange?box=inbox`);
    await expect.poll(() => heading(customs)).toBe("Ақпарат алмасу (X 5-т.)");
    await customs.getByRole("row").filter({ hasText: "Жазбаша" }).first().getByRole("link").click();
    await customs.getByRole("button", { name: "Алғанын растау" }).click();
    await expect
      .poll(() =>
        customs
          .getByText(/Алғаны расталды/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible(customs);

    // The post's missed windows alert its duty officer, who marks an alert read, in Russian.
    await escalateOverdue(t.deps);
    const duty = await pageAs("nsc", "ru");
    await duty.goto(`${base}/exchange/duty`);
    await expect.poll(() => heading(duty)).toBe("Сутки дежурного");
    const markRead = duty.getByRole("button", { name: "Отметить как прочитанное" });
    await expect.poll(() => markRead.count()).toBeGreaterThan(0);
    const alerts = await markRead.count();
    await expectAccessible(duty);
    await markRead.first().click();
    await expect.poll(() => markRead.count()).toBe(alerts - 1);
  }, 180_000);
});
