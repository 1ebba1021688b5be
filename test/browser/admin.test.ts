import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import {
  BROWSER_TEST_TIMEOUT,
  browserAvailable,
  expectAccessible,
  onBrowserApp,
  pageAs as openPage,
} from "./browser.js";

describe.skipIf(!browserAvailable)("administration in Chromium", { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  /** A page signed in as the user, in the given language (sign-in itself is tested elsewhere). */
  const pageAs = (login: string, lang: string) => openPage(browser, t, base, login, lang);

  it("shows a unit's superiors and counterparts, in Russian", async () => {
    const page = await pageAs("admin", "ru");
    await page.goto(`${base}/units`);
    await page.getByRole("button", { name: "DEMO-IAB-PANFILOV" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("Партнёры по тройке");
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("Погранотряд «Коргас» (демо)");
    expect(text).toContain("Таможня «Коргас» (демо)");
    expect(text).toContain("DEMO-IAB-ALM");
    await expectAccessible(page);
    await page.context().close();
  });

  it("lets a unit administrator disable an officer of their subtree, and the audit log shows it, in English", async () => {
    const page = await pageAs("unitadmin", "en");
    await page.goto(`${base}/admin/users`);
    const row = page.getByRole("row", { name: /uigur/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.getByRole("row", { name: /nsc/ }).count()).toBe(0);
    await expectAccessible(page);
    await row.getByRole("button", { name: "Disable" }).click();
    await expect.poll(() => row.textContent()).toContain("Disabled");

    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Audit log" }).click();
    await expect.poll(() => page.getByText("user.disable").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it("verifies the audit chain for a system administrator, in Kazakh", async () => {
    const page = await pageAs("admin", "kk");
    await page.goto(`${base}/admin/audit`);
    await page.getByRole("button", { name: "Тізбекті тексеру" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Тізбек дұрыс");
    // The administrator's menu is taller than the window: it shows its scroll bar, and its last
    // items (the reference data, then the API documentation) come into view uncovered.
    const menu = page.getByRole("navigation", { name: "Мәзір" });
    expect(await menu.locator('.mantine-ScrollArea-scrollbar[data-orientation="vertical"]').isVisible()).toBe(
      true,
    );
    for (const [name, href] of [
      ["Анықтамалықтар", "/reference"],
      ["API құжаттамасы", "/docs"],
    ]) {
      const link = menu.getByRole("link", { name });
      await link.scrollIntoViewIfNeeded();
      const box = await link.boundingBox();
      if (!box) throw new Error(`${name} has no box`);
      const hit = await page.evaluate(
        ([x, y]) =>
          document
            .elementFromPoint(x ?? 0, y ?? 0)
            ?.closest("a")
            ?.getAttribute("href"),
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(hit).toBe(href);
    }
    await page.context().close();
  });
});
