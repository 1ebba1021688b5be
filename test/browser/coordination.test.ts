import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

const SHOTS = process.env.SHEKARA_SCREENSHOTS;

describe.skipIf(!browserAvailable)("statistics and the unified data bank in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1280, height: 900 }, timeout: 10_000 });
  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
  const heading = (page: Page) => page.locator("h1").first().textContent();

  it("a head assigns a border sector by typing its outline: a bad line is named, the fixed outline is previewed and mapped", async () => {
    const head = await pageAs("head", "ru");
    await head.goto(`${base}/joint`);
    await expect.poll(() => heading(head)).toBeTruthy();
    await head.getByRole("textbox", { name: "Участок", exact: true }).fill("Участок Алтынколь (тест)");
    await head.getByRole("textbox", { name: "Основание", exact: true }).fill("Совместное решение № 7");
    const points = head.getByRole("textbox", { name: "Точки контура" });
    await points.fill("44.21, 80.41\n44.30, 80,52, 1\n44.10, 80.30");
    await expect
      .poll(() => head.getByText("Строка 2: нужны два числа — широта и долгота").isVisible())
      .toBe(true);
    await expect(head.getByRole("button", { name: "Закрепить участок" }).isDisabled()).resolves.toBe(true);
    await points.fill("44.21, 80.41\n44.30, 80.52\n44.10, 80.30");
    await expect
      .poll(() => head.getByRole("img", { name: /Предпросмотр контура участка, точек: 3/ }).isVisible())
      .toBe(true);
    await expectAccessible(head);
    await shot(head, "sector-form-ru");
    await head.getByRole("button", { name: "Закрепить участок" }).click();
    await expect
      .poll(() => head.getByRole("cell", { name: "Участок Алтынколь (тест)" }).isVisible())
      .toBe(true);
    // The map of all the triad's sectors loads (and is drawn again with the new one).
    const map = head.getByRole("img", { name: "Карта участков, контролируемых сторонами" });
    await expect
      .poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    await shot(head, "sector-map-ru");
    const [row] = await t.deps.database.ownerQuery(
      "SELECT points, controlled_by FROM border_sectors WHERE name = 'Участок Алтынколь (тест)'",
    );
    expect(row?.points).toEqual([
      [80.41, 44.21],
      [80.52, 44.3],
      [80.3, 44.1],
    ]);
    expect(row?.controlled_by).toBe("NSC");
  }, 60_000);

  it("two agencies enter figures for the same checkpoint and month, and both see the mismatch", async () => {
    // The IAB head enters in Russian.
    const head = await pageAs("head", "ru");
    await head.goto(`${base}/statistics`);
    await expect.poll(() => heading(head)).toBe("Статистика результатов служебной деятельности");
    await head.getByRole("textbox", { name: "Период (месяц)" }).fill("2026-11");
    await expect.poll(() => head.getByText("Ввод данных: ОВД").count()).toBe(1);
    await head.getByRole("textbox", { name: "Выдворено иностранцев" }).fill("4");
    await head.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => head.getByRole("status").filter({ hasText: "Сохранено." }).count()).toBe(1);
    await expect.poll(() => head.getByText("Внесено одним ведомством").count()).toBe(1);
    await expectAccessible(head);

    // Customs enters a different figure in Kazakh and sees the mismatch at once.
    const customs = await pageAs("customs", "kk");
    await customs.goto(`${base}/statistics`);
    await customs.getByRole("textbox", { name: "Кезең (ай)" }).fill("2026-11");
    await expect.poll(() => customs.getByText("Кеден деректерін енгізу").count()).toBe(1);
    await customs.getByRole("textbox", { name: "Шығарып жіберілген шетел азаматтары" }).fill("6");
    await customs.getByRole("button", { name: "Сақтау" }).click();
    await expect.poll(() => customs.getByText("Сәйкессіздік бар").count()).toBe(1);
    const row = customs.locator('tr[data-status="MISMATCH"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Шығарып жіберілген шетел азаматтары");
    await shot(customs, "statistics-mismatch-kk");
    await expectAccessible(customs);

    // The head sees it too; the demo October already holds one mismatch, September none.
    await head.reload();
    await head.getByRole("textbox", { name: "Период (месяц)" }).fill("2026-11");
    await expect.poll(() => head.getByText("Есть расхождения").count()).toBe(1);
    await head.getByRole("textbox", { name: "Период (месяц)" }).fill("2026-09");
    await expect
      .poll(() => head.getByText("Расхождений между внесёнными данными нет (X p.9.3).").count())
      .toBe(1);
    const csv = head.getByRole("link", { name: "Выгрузить CSV (6 месяцев)" });
    expect(await csv.getAttribute("href")).toContain("from=2026-04&to=2026-09&lang=ru");
  }, 120_000);

  it("searches the data bank across Kazakh and Russian spellings, opens a document, hides restricted material", async () => {
    const officer = await pageAs("officer", "en");
    await officer.goto(`${base}/databank`);
    await expect.poll(() => heading(officer)).toBe("Unified data bank");
    await officer.getByRole("textbox", { name: "Search words" }).fill("Коргас обзор");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    const results = officer.getByTestId("bank-result");
    await expect.poll(() => results.filter({ hasText: "Обзор каналов незаконной миграции" }).count()).toBe(1);
    // A Kazakh query finds the Kazakh review as well as the Russian one.
    await officer.getByRole("textbox", { name: "Search words" }).fill("Қорғас шолу");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await expect
      .poll(() => results.filter({ hasText: "«Қорғас» өткізу бекетіндегі заңсыз" }).count())
      .toBe(1);
    await shot(officer, "databank-search-en");
    await expectAccessible(officer);
    await officer.getByRole("link", { name: /«Қорғас» өткізу бекетіндегі заңсыз/ }).click();
    await expect
      .poll(() => heading(officer))
      .toBe("«Қорғас» өткізу бекетіндегі заңсыз көші-қон арналарына шолу (демо)");
    await expectAccessible(officer);
    const opened = await t.deps.database.ownerQuery(
      "SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'databank.open' AND u.login = 'officer'",
    );
    expect(Number(opened[0]?.n)).toBe(1);
    // Material for official use is not shown to an officer without the clearance.
    await officer.goto(`${base}/databank`);
    await officer.getByRole("textbox", { name: "Search words" }).fill("паспортов");
    await officer.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect(await results.filter({ hasText: "Образцы новых паспортов" }).count()).toBe(0);
  }, 120_000);
});
