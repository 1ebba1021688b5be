import type { Browser } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sessionCookieFor, type TestApp } from "../support/app.js";
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

  /** Adds a customs unit under the customs committee through the API, as a system administrator. */
  const addCustomsUnit = async (code: string, level: number, names: Record<string, string>) => {
    const admin = await sessionCookieFor(t, "admin");
    const customs = (await t.deps.database.ownerQuery("SELECT id FROM units WHERE code = 'DEMO-CUSTOMS'"))[0];
    const added = await t.app.inject({
      method: "POST",
      url: "/api/v1/units",
      headers: { cookie: admin },
      payload: { agency: "CUSTOMS", parentId: customs?.id, code, ...names, timeZone: "Asia/Almaty", level },
    });
    expect(added.statusCode, added.body).toBe(201);
  };

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

  it("forms a triad with its English name, and shows the server's refusal in the page's language, in English", async () => {
    // Level 2 has an internal affairs and an NSC unit in no triad; a customs unit is added for it.
    await addCustomsUnit("DEMO-CUSTOMS-ZHETISU", 2, {
      nameKk: "Жетісу кедені (демо)",
      nameRu: "Таможня Жетысу (демо)",
      nameEn: "Zhetisu Customs (demo)",
    });
    const page = await pageAs("admin", "en");
    await page.goto(`${base}/units`);
    const form = page.getByRole("region", { name: "Form a triad" });
    await expect.poll(() => form.count()).toBe(1);
    await form.getByRole("combobox", { name: "Level" }).click();
    await page.getByRole("option", { name: "2", exact: true }).click();
    const pick = async (agency: string, option: RegExp) => {
      await form.getByRole("combobox", { name: `Unit: ${agency}` }).click();
      await page.getByRole("option", { name: option }).click();
    };
    await pick("Internal affairs bodies", /DEMO-IAB-ALM/);
    await pick("National Security Committee (Border Service)", /DEMO-NSC-BORDER-TROOPS/);
    await pick("Customs", /DEMO-CUSTOMS-ZHETISU/);
    // Units already in a triad are not offered.
    await form.getByRole("combobox", { name: "Unit: Customs" }).click();
    expect(await page.getByRole("option", { name: /DEMO-CUSTOMS-KHORGOS/ }).count()).toBe(0);
    await page.keyboard.press("Escape");
    await form.getByRole("textbox", { name: "Name in Kazakh" }).fill("Ж");
    await form.getByRole("textbox", { name: "Name in Russian" }).fill("Тройка 2-го уровня (демо)");
    await form.getByRole("textbox", { name: "Name in English" }).fill("Level 2 triad (demo)");
    await form.getByRole("button", { name: "Form", exact: true }).click();
    // The server's refusal of a one-letter name, in English, at the name, and nothing formed.
    const kazakhName = form.getByRole("textbox", { name: "Name in Kazakh" });
    await expect.poll(() => kazakhName.getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByText("too short (at least 2)", { exact: true }).count()).toBe(1);
    expect(await form.getByRole("alert").count()).toBe(0);
    expect((await t.deps.database.ownerQuery("SELECT 1 FROM triads WHERE level = 2")).length).toBe(0);
    await expectAccessible(page);
    await form.getByRole("textbox", { name: "Name in Kazakh" }).fill("2-деңгей үштігі (демо)");
    await form.getByRole("button", { name: "Form", exact: true }).click();
    await expect
      .poll(() => form.getByRole("status").textContent())
      .toBe("Triad formed: Level 2 triad (demo)");
    await expect
      .poll(() => page.getByText(/Level 2 triad \(demo\): .*Almaty Region Police Dept \(demo\)/).count())
      .toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it("changes a triad's names and gives it a reorganized customs unit, refusing an empty Russian name at the field, in Kazakh", async () => {
    // A reorganized customs committee: a new level-1 unit to take the old one's place.
    await addCustomsUnit("DEMO-CUSTOMS-NEW", 1, {
      nameKk: "Жаңа кеден комитеті (демо)",
      nameRu: "Новый комитет таможни (демо)",
    });
    const page = await pageAs("admin", "kk");
    await page.goto(`${base}/units`);
    await page.getByRole("button", { name: /^Үштікті өзгерту: .*1-деңгей/ }).click();
    const dialog = page.getByRole("dialog", { name: "Үштікті өзгерту" });
    const russian = dialog.getByRole("textbox", { name: "Орысша атауы" });
    await russian.fill(" ");
    await dialog.getByRole("textbox", { name: "Ағылшынша атауы" }).fill("MIA, NSC and Customs (demo)");
    await dialog.getByRole("combobox", { name: "Бөлімше: Кеден органдары" }).click();
    await page.getByRole("option", { name: /DEMO-CUSTOMS-NEW/ }).click();
    await dialog.getByRole("button", { name: "Сақтау" }).click();
    await expect.poll(() => russian.getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.getByText("тым қысқа (кемінде 2)", { exact: true }).count()).toBe(1);
    const triad =
      "SELECT t.name_ru, t.name_en, array_agg(u.code ORDER BY u.code) AS units FROM triads t JOIN units u ON u.triad_id = t.id WHERE t.level = 1 GROUP BY t.id";
    const before = await t.deps.database.ownerQuery(triad);
    expect(before).toEqual([
      {
        name_ru: expect.stringContaining("(демо)"),
        name_en: "Level 1 triad (demo)",
        units: ["DEMO-CUSTOMS", "DEMO-IAB", "DEMO-NSC-BS"],
      },
    ]);
    await expectAccessible(page);
    await russian.fill("Тройка 1-го уровня (демо, изм.)");
    await dialog.getByRole("button", { name: "Сақтау" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Үштік сақталды");
    expect(await t.deps.database.ownerQuery(triad)).toEqual([
      {
        name_ru: "Тройка 1-го уровня (демо, изм.)",
        name_en: "MIA, NSC and Customs (demo)",
        units: ["DEMO-CUSTOMS-NEW", "DEMO-IAB", "DEMO-NSC-BS"],
      },
    ]);
    await page.context().close();
    // The English page lists the triad by its new English name, with its new customs unit.
    const english = await pageAs("admin", "en");
    await english.goto(`${base}/units`);
    await expect
      .poll(() =>
        english.getByText(/MIA, NSC and Customs \(demo\): .*Новый комитет таможни \(демо\)/).count(),
      )
      .toBe(1);
    await english.context().close();
  });

  it("lets a unit administrator add a unit to their subtree and change it, with the server's refusal shown, in Russian", async () => {
    const page = await pageAs("unitadmin", "ru");
    await page.goto(`${base}/units`);
    const form = page.getByRole("region", { name: "Добавить подразделение" });
    await expect.poll(() => form.count()).toBe(1);
    // Unit administrators do not form triads.
    expect(await page.getByRole("region", { name: "Сформировать тройку" }).count()).toBe(0);
    await form.getByRole("combobox", { name: "Ведомство" }).click();
    await page.getByRole("option", { name: "Органы внутренних дел" }).click();
    await form.getByRole("combobox", { name: "Вышестоящее подразделение" }).click();
    await page.getByRole("option", { name: /DEMO-IAB-ALM/ }).click();
    await form.getByRole("textbox", { name: "Код" }).fill("demo-iab-kerbulak");
    await form.getByRole("textbox", { name: "Название на казахском" }).fill("Кербұлақ АІІБ (демо)");
    await form.getByRole("textbox", { name: "Название на русском" }).fill("Кербулакский РОВД (демо)");
    await form.getByRole("combobox", { name: "Уровень" }).click();
    await page.getByRole("option", { name: "3", exact: true }).click();
    await form.getByRole("textbox", { name: "Часовой пояс" }).fill("Asia/Zharkent");
    await form.getByRole("button", { name: "Добавить", exact: true }).click();
    // The refusal shows at the time zone.
    await expect
      .poll(() => form.getByRole("textbox", { name: "Часовой пояс" }).getAttribute("aria-invalid"))
      .toBe("true");
    expect(await form.getByText("неизвестный часовой пояс IANA Asia/Zharkent").count()).toBe(1);
    expect(
      (await t.deps.database.ownerQuery("SELECT 1 FROM units WHERE code = 'DEMO-IAB-KERBULAK'")).length,
    ).toBe(0);
    await form.getByRole("textbox", { name: "Часовой пояс" }).fill("Asia/Almaty");
    await form.getByRole("button", { name: "Добавить", exact: true }).click();
    await expect
      .poll(() => form.getByRole("status").textContent())
      .toBe("Подразделение добавлено: DEMO-IAB-KERBULAK");
    await expectAccessible(page);
    // The new unit is in the list; its English name is given in its card.
    await page.getByRole("button", { name: "DEMO-IAB-KERBULAK" }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByRole("textbox", { name: "Название на английском" })
      .fill("Kerbulak District IAB (demo)");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toBe("Сохранено");
    await expectAccessible(page);
    const [row] = await t.deps.database.ownerQuery(
      "SELECT u.name_en, u.level, p.code AS parent FROM units u JOIN units p ON p.path = subpath(u.path, 0, nlevel(u.path) - 1) WHERE u.code = 'DEMO-IAB-KERBULAK'",
    );
    expect(row).toEqual({ name_en: "Kerbulak District IAB (demo)", level: 3, parent: "DEMO-IAB-ALM" });
    await page.context().close();
  });
});
