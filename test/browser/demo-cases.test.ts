import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

describe.skipIf(!browserAvailable)("work queues on the demo cases in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app), { SHEKARA_DEMO_CASES: "1" }, 120_000);

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1280, height: 900 }, timeout: 10_000 });

  for (const [lang, card, hint, person] of [
    ["kk", "Тіркеу мерзімі өткен", "келгеннен кейінгі тіркеу мерзімі өтіп кеткен", "Жақсыбекова"],
    ["ru", "Регистрация просрочена", "прошёл срок регистрации после прибытия", "Жақсыбекова"],
    ["en", "Registration overdue", "registration period after arrival has passed", "Жақсыбекова"],
  ] as const) {
    it(`shows the officer the passes not registered on time, citing the rule (${lang})`, async () => {
      const page = await pageAs("officer", lang);
      await page.goto(base);
      const link = page.getByRole("link", { name: new RegExp(card) });
      await expect.poll(() => link.textContent()).toContain("1");
      await link.click();
      await expect.poll(() => page.getByRole("tab", { name: card, selected: true }).count()).toBe(1);
      const panel = page.getByRole("tabpanel");
      await expect.poll(() => panel.textContent()).toContain(hint);
      await expect.poll(() => panel.textContent()).toContain("Z p.18");
      await expect.poll(() => panel.getByRole("row").count()).toBe(2);
      expect(await panel.getByRole("row").nth(1).textContent()).toContain(person);
      await expectAccessible(page);
      await page.context().close();
    });
  }
});
