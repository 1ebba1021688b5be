import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { totpCode } from "../../src/services/auth/totp.js";
import { DEMO_TOTP_SECRET } from "../../src/services/auth/totp.service.js";
import { sessionCookieFor, type TestApp } from "../support/app.js";
import {
  BROWSER_TEST_TIMEOUT,
  browserAvailable,
  expectAccessible,
  newPage,
  onBrowserApp,
} from "./browser.js";

describe.skipIf(!browserAvailable)(
  "Do I need a pass? and reference data in Chromium",
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    let t: TestApp, browser: Browser, base: string;
    onBrowserApp((app) => ({ t, browser, base } = app));

    it("answers a citizen without sign-in, with documents, deadline and clauses, on a phone screen", async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${base}/eligibility`);
      await expect
        .poll(() => page.locator("h1").textContent())
        .toBe("Шекаралық аймаққа рұқсаттама керек пе?");
      await expectAccessible(page);
      await page.getByPlaceholder("Атауын немесе ӘАОЖ кодын теріңіз").fill("Қорғ");
      await page.getByRole("option", { name: /Қорғас ауылы/ }).click();
      await page.getByLabel("Жолға шығу күні").fill("2026-12-20");
      await page.getByRole("button", { name: "Тексеру" }).click();
      const result = page.getByTestId("eligibility-result");
      await expect.poll(() => result.textContent()).toContain("Рұқсаттама қажет");
      const text = (await result.textContent()) ?? "";
      expect(text).toContain("Z p.26");
      expect(text).toContain("2026-12-10");
      expect(text).toContain("шекаралық белдеуде");
      // The outcome is named in Kazakh; its code is for machines only.
      expect(await result.getAttribute("data-outcome")).toBe("PASS_REQUIRED");
      expect(text).not.toContain("PASS_REQUIRED");
      await expectAccessible(page);
      await context.close();
    });

    it("finds a settlement typed in Latin on the English page and names it in Latin", async () => {
      const page = await newPage(browser);
      await page.goto(`${base}/eligibility`);
      await page.getByText("EN", { exact: true }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Do I need a pass to the border zone?");
      await page.getByPlaceholder("Type a name or KATO code").fill("Korgas");
      await page.getByRole("option", { name: "Qorghas auyly — Zhetisu oblysy (334853100)" }).click();
      await page.getByLabel("Departure date").fill("2026-12-20");
      await page.getByRole("button", { name: "Check" }).click();
      const result = page.getByTestId("eligibility-result");
      await expect.poll(() => result.textContent()).toContain("Qorghas auyly, Zhetisu oblysy");
      await expectAccessible(page);
      await page.close();
    });

    it("names the wrong field in the visitor's language", async () => {
      const page = await newPage(browser);
      await page.goto(`${base}/eligibility`);
      await page.getByText("EN", { exact: true }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Do I need a pass to the border zone?");
      await page.getByPlaceholder("Type a name or KATO code").fill("Nowhere");
      await page.getByRole("button", { name: "Check" }).click();
      await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("KATO");
      await page.close();
    });

    it("shows the zone list to an administrator and reports every bad row of a rejected import", async () => {
      const page = await newPage(browser);
      await page.goto(`${base}/login`);
      await page.getByLabel("Логин").fill("admin");
      await page.getByLabel("Құпиясөз").fill("demo-shekara-2026");
      await page.getByRole("button", { name: "Кіру" }).click();
      // admin signs in with the second factor: the published demo TOTP secret at the test clock.
      await page.getByLabel("Қолданбадағы код").fill(totpCode(DEMO_TOTP_SECRET, t.clock.now()));
      await page.getByRole("button", { name: "Растау" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toContain("Қош келдіңіз");
      await page
        .getByRole("navigation", { name: "Мәзір" })
        .getByRole("link", { name: "Анықтамалықтар" })
        .click();
      await expect.poll(() => page.getByText("Қорғас ауылы").count()).toBe(1);
      // Kinds are named in Kazakh, not by the CSV's codes.
      const station = (await page.getByRole("row", { name: /Достық станциясы/ }).textContent()) ?? "";
      expect(station).toContain("Темір жол станциясы");
      expect(station).not.toContain("RAILWAY_STATION");
      await expectAccessible(page);

      await page.getByLabel("Күшіне енген күні").fill("2027-01-01");
      await page.getByLabel("Құқықтық негіз (kk)").fill("Сынақ");
      await page.getByLabel("Құқықтық негіз (ru)").fill("Тест");
      await page.setInputFiles("input[type=file]", {
        name: "zone.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "kato,kind,name_kk,name_ru,region_kato,region_kk,region_ru,district_kato,district_kk,district_ru,in_strip\n12,VILLAGE,А,А,330000000,О,О,,,,1\n",
        ),
      });
      await page.getByRole("button", { name: "CSV импорттау" }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("ештеңе жазылмады");
      expect(await page.getByRole("alert").textContent()).toContain("kato");

      // A place serving non-residents (Z p.19), imported through the API, is listed with its kind in Kazakh.
      const imported = await t.app.inject({
        method: "POST",
        url: "/api/v1/reference/places/import",
        headers: { cookie: await sessionCookieFor(t, "admin") },
        payload: {
          csv: "code,kato,kind,name_kk,name_ru,basis,valid_from,valid_to\nSCH-1,334853100,SCHOOL,Қорғас мектебі (демо),Школа Коргаса (демо),Шешім (демо),2026-01-01,\n",
        },
      });
      expect(imported.json()).toEqual({ rows: 1, added: 1, updated: 0 });
      await page.getByRole("tab", { name: "Аймақтағы қызмет көрсету орындары" }).click();
      const school = page.getByRole("row", { name: /SCH-1/ });
      await expect.poll(() => school.textContent()).toContain("Мектеп");
      expect(await school.textContent()).not.toContain("SCHOOL");

      await page.getByRole("navigation", { name: "Мәзір" }).getByRole("link", { name: "Ережелер" }).click();
      await expect.poll(() => page.getByText("Күшінде").count()).toBe(1);
      await expectAccessible(page);
      await page.close();
    });
  },
);
