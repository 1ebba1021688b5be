import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { totpCode } from "../../src/services/auth/totp.js";
import { DEMO_TOTP_SECRET } from "../../src/services/auth/totp.service.js";
import type { TestApp } from "../support/app.js";
import {
  BROWSER_TEST_TIMEOUT,
  browserAvailable,
  expectAccessible,
  newPage,
  onBrowserApp,
} from "./browser.js";

describe.skipIf(!browserAvailable)("web shell in Chromium", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  it("opens in Kazakh, switches to Russian and English, and remembers the choice", async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Жүйеге кіру");
    expect(await page.getAttribute("html", "lang")).toBe("kk");
    await expectAccessible(page);

    await page.getByText("RU", { exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Вход в систему");
    expect(await page.getAttribute("html", "lang")).toBe("ru");
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Вход в систему");

    await page.getByText("EN", { exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sign in");
    await expectAccessible(page);
    await page.close();
  });

  it("signs in, shows navigation by role, and has a 404 page", async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel("Логин").fill("admin");
    await page.getByLabel("Құпиясөз").fill("wrong-password-1");
    await page.getByRole("button", { name: "Кіру" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Логин немесе құпиясөз қате");

    await page.getByLabel("Құпиясөз").fill("demo-shekara-2026");
    await page.getByRole("button", { name: "Кіру" }).click();
    // admin signs in with the second factor: the published demo TOTP secret at the test clock.
    await page.getByLabel("Қолданбадағы код").fill(totpCode(DEMO_TOTP_SECRET, t.clock.now()));
    await page.getByRole("button", { name: "Растау" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Қош келдіңіз");
    await expectAccessible(page);

    await page.getByRole("navigation", { name: "Мәзір" }).getByRole("link", { name: "Бөлімшелер" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Бөлімшелер");
    // The unit's row in the table (its code opens its card); the page's forms may offer it too.
    await expect
      .poll(() => page.getByRole("button", { name: "DEMO-NSC-KHORGOS", exact: true }).count())
      .toBe(1);
    await expectAccessible(page);

    await page.goto(`${base}/no/such/page`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Бет табылмады");
    await expectAccessible(page);
    await page.close();
  });

  it("hides administration from a citizen", async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel("Логин").fill("citizen");
    await page.getByLabel("Құпиясөз").fill("demo-shekara-2026");
    await page.getByRole("button", { name: "Кіру" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Қош келдіңіз");
    expect(await page.getByRole("link", { name: "Бөлімшелер" }).count()).toBe(0);
    await page.close();
  });
});
