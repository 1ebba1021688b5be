import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { iinCheckDigit } from "../../src/core/iin.js";
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

describe.skipIf(!browserAvailable)(
  "registration, second factor and my account in Chromium",
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    let t: TestApp, browser: Browser, base: string;
    onBrowserApp((app) => ({ t, browser, base } = app));

    it("a citizen registers, reads the code in the dev outbox, confirms, signs in and sees the account page", async () => {
      const page = await newPage(browser);
      await page.goto(`${base}/login`);
      await page.getByRole("link", { name: "Тіркелу" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Азаматты тіркеу");
      await expectAccessible(page);

      // A wrong check digit is caught on the page already.
      await page.getByLabel("ЖСН").fill("900101300019");
      await expect.poll(() => page.getByText("ЖСН-нің бақылау цифры қате").count()).toBe(1);
      await page.getByLabel("ЖСН").fill(`90010130001${iinCheckDigit("90010130001")}`);
      await page.getByLabel("Аты-жөні").fill("Сынақ Азамат");
      await page.getByRole("textbox", { name: "Электрондық пошта" }).fill("browser@example.kz");
      await page.getByLabel("Құпиясөз").fill("browser-pass-2026");
      await page.getByRole("button", { name: "Тіркелу" }).click();
      await expect.poll(() => page.getByText("Код жіберілді").count()).toBe(1);
      await expectAccessible(page);

      const outbox = await newPage(browser);
      await outbox.goto(`${base}/dev/outbox`);
      await expect.poll(() => outbox.locator("h1").textContent()).toBe("Шығыс хаттар (демо)");
      const body = outbox.getByTestId("outbox-body").first();
      await expect.poll(() => body.textContent()).toContain("растау кодыңыз");
      expect(await outbox.getByText("browser@example.kz").count()).toBeGreaterThan(0);
      await expectAccessible(outbox);
      const code = /\b(\d{6})\b/.exec((await body.textContent()) ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      await outbox.close();

      await page.getByLabel("Растау коды").fill(code);
      await page.getByRole("button", { name: "Растау" }).click();
      await expect.poll(() => page.getByText("Тіркелгі расталды").count()).toBe(1);
      await expectAccessible(page);

      await page.goto(`${base}/login`);
      await page.getByLabel("Логин").fill("browser@example.kz");
      await page.getByLabel("Құпиясөз").fill("browser-pass-2026");
      await page.getByRole("button", { name: "Кіру" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("Қош келдіңіз, Сынақ Азамат");

      await page
        .getByRole("navigation", { name: "Мәзір" })
        .getByRole("link", { name: "Менің тіркелгім" })
        .click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Менің тіркелгім");
      await expect.poll(() => page.getByText("Осы сеанс").count()).toBe(1);
      await expect.poll(() => page.getByText("Әзірге токен жоқ.").count()).toBe(1);
      await expectAccessible(page);

      await page.getByLabel("Мақсаты").fill("сынақ жүйесі");
      await page.getByRole("button", { name: "Токен жасау" }).click();
      await expect.poll(() => page.getByText(/^shk_/).count()).toBe(1);
      await expect
        .poll(() => page.getByRole("button", { name: "сынақ жүйесі токенін кері қайтару" }).count())
        .toBe(1);
      await expectAccessible(page);

      await page.getByText("RU", { exact: true }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Моя учётная запись");
      await page.getByText("EN", { exact: true }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("My account");
      await page.getByRole("button", { name: "Set up an authenticator app" }).click();
      await expect.poll(() => page.getByText(/^otpauth:\/\/totp\//).count()).toBe(1);
      await expectAccessible(page);
      await page.close();
    });

    it("a head signs in with the authenticator code; a session elsewhere can be ended", async () => {
      const other = await t.loginAs("head");
      const page = await newPage(browser);
      await page.goto(`${base}/login`);
      await page.getByText("RU", { exact: true }).click();
      await page.getByLabel("Логин").fill("head");
      await page.getByLabel("Пароль").fill("demo-shekara-2026");
      await page.getByRole("button", { name: "Войти" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Второй шаг входа");
      await expectAccessible(page);

      await page.getByLabel("Код из приложения").fill("000000");
      await page.getByRole("button", { name: "Подтвердить" }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("Неверный или устаревший код");

      // The test clock stands still: the step after the one loginAs used is still inside the window.
      t.clock.advance(30_000);
      await page.getByLabel("Код из приложения").fill(totpCode(DEMO_TOTP_SECRET, t.clock.now()));
      await page.getByRole("button", { name: "Подтвердить" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("Добро пожаловать");

      await page.goto(`${base}/account`);
      await expect.poll(() => page.getByText("Этот сеанс").count()).toBe(1);
      await expect
        .poll(() => page.getByRole("button", { name: /^Завершить сеанс, начатый/ }).count())
        .toBe(1);
      await expect.poll(() => page.getByText("Подключено").count()).toBe(1);
      await expectAccessible(page);
      await page.getByRole("button", { name: /^Завершить сеанс, начатый/ }).click();
      await expect
        .poll(() => page.getByRole("button", { name: /^Завершить сеанс, начатый/ }).count())
        .toBe(0);
      const me = await t.app.inject({ url: "/api/v1/auth/me", headers: { cookie: other } });
      expect(me.statusCode).toBe(401);
      await page.close();
    });
  },
);
