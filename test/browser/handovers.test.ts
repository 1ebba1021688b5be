import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

describe.skipIf(!browserAvailable)("a handover act signed on both sides in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1200, height: 900 }, timeout: 10_000 });
  const heading = (page: Page) => page.locator("h1").first().textContent();
  const custodian = async (actNumber: string) =>
    (
      await t.deps.database.ownerQuery(
        `SELECT u.code FROM handover_act_items ai JOIN handover_acts a ON a.id = ai.act_id
           JOIN handover_items i ON i.id = ai.item_id JOIN units u ON u.id = i.custodian_unit_id
          WHERE a.number = $1`,
        [actNumber],
      )
    ).map((r) => r.code);

  it("the NSC officer draws up and signs; the police officer signs; custody moves only then", async () => {
    // The giving officer (NSC Border Service) draws up the act, in Russian.
    const giver = await pageAs("nsc", "ru");
    await giver.goto(`${base}/handovers`);
    await expect.poll(() => heading(giver)).toBe("Акты приёма-передачи");
    await expectAccessible(giver);
    await giver.getByRole("combobox", { name: "Принимающий" }).click();
    await giver.getByRole("option", { name: /Панфиловский РОВД/ }).click();
    await giver.getByRole("textbox", { name: "Место" }).fill("Пункт пропуска «Коргас»");
    await giver.getByRole("textbox", { name: "Основание" }).fill("Протокол задержания № 21");
    await giver.getByRole("combobox", { name: "Вид, строка 1" }).click();
    await giver.getByRole("option", { name: "Незаконный мигрант" }).click();
    await giver
      .getByRole("textbox", { name: "Описание, строка 1" })
      .fill("Задержан при попытке пересечения вне пункта");
    await giver.getByRole("textbox", { name: "Строка 1: фамилия, имя, отчество" }).fill("Ван Мин");
    await giver.getByRole("textbox", { name: "Строка 1: гражданство" }).fill("КНР");
    await giver.getByRole("button", { name: "Добавить строку" }).click();
    await giver.getByRole("textbox", { name: "Описание, строка 2" }).fill("Рюкзак с личными вещами");
    await expectAccessible(giver);
    await giver.getByRole("button", { name: "Составить акт" }).click();
    await expect.poll(() => heading(giver)).toMatch(/^Акт приёма-передачи № \d{4}-\d{6}$/);
    const number = String(await heading(giver)).replace("Акт приёма-передачи № ", "");
    await expect.poll(() => giver.getByText("Проект", { exact: true }).count()).toBe(1);
    await expectAccessible(giver);
    await giver.getByRole("button", { name: "Подписать как передающий" }).click();
    await expect.poll(() => giver.getByText("Подписан передающим", { exact: true }).count()).toBe(1);
    // Signed at the test clock's 06:00 UTC: the post reads its own local time, 11:00 in Almaty.
    expect(
      await giver
        .getByText(new RegExp(`^Подпись передающего: .*, ${t.clock.now().toISOString().slice(0, 10)} 11:00$`))
        .count(),
    ).toBe(1);
    // Signed by the giver only: still in the NSC unit's custody, and no receiving button for the giver.
    expect(await custodian(number)).toEqual(["DEMO-NSC-KHORGOS", "DEMO-NSC-KHORGOS"]);
    expect(await giver.getByRole("button", { name: "Подписать как принимающий" }).count()).toBe(0);
    const url = giver.url();

    // An officer of another district (same agency as the receiver, other unit) does not see the act.
    const stranger = await pageAs("uigur", "en");
    await stranger.goto(url);
    await expect.poll(() => stranger.getByRole("alert").textContent()).toMatch(/not found/);

    // The receiving officer (migration police) checks the inventory, notes a discrepancy and signs, in Kazakh.
    const receiver = await pageAs("officer", "kk");
    await receiver.goto(url);
    await expect.poll(() => heading(receiver)).toBe(`№ ${number} қабылдау-тапсыру актісі`);
    await expect.poll(() => receiver.getByText("Ван Мин, КНР").count()).toBe(1);
    await expectAccessible(receiver);
    await receiver.getByRole("textbox", { name: "2-жол бойынша сәйкессіздік" }).fill("Рюкзак ашылған");
    await receiver.getByRole("button", { name: "Қабылдаушы ретінде қол қою" }).click();
    await expect.poll(() => receiver.getByText("Екі тарап қол қойды", { exact: true }).count()).toBe(1);
    await expect.poll(() => receiver.getByRole("cell", { name: "Рюкзак ашылған" }).count()).toBe(1);
    expect(await custodian(number)).toEqual(["DEMO-IAB-PANFILOV", "DEMO-IAB-PANFILOV"]);
    await expectAccessible(receiver);

    // The giver sees the completed act; the printable act opens as a PDF.
    await giver.reload();
    await expect.poll(() => giver.getByText("Подписан обеими сторонами", { exact: true }).count()).toBe(1);
    const pdf = await giver.request.get(
      `${base}${await giver.getByRole("link", { name: "Печать (PDF)" }).getAttribute("href")}`,
    );
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  }, 120_000);

  it("a plan is agreed in the browser, its versions compared; the joint activity page shows the sector map", async () => {
    const head = await pageAs("nschead", "en");
    await head.goto(`${base}/plans`);
    await expect.poll(() => heading(head)).toBe("Interaction plans");
    // The triad by its English name on an English page, not its Russian one.
    await expect
      .poll(() => head.getByRole("cell", { name: "Khorgos triad (demo)" }).count())
      .toBeGreaterThan(0);
    expect(await head.getByRole("cell", { name: "Тройка «Коргас» (демо)" }).count()).toBe(0);
    await head.getByRole("link", { name: /Қорғас/ }).click();
    await expect.poll(() => head.getByText("Due:").count()).toBe(1);
    await expectAccessible(head);
    await head.getByRole("button", { name: "Agree this version" }).click();
    await expect.poll(() => head.getByText(/NSC Border Service:.*— agreed/).count()).toBe(1);
    // A refinement: a new version, then the differences between versions 1 and 2.
    await head.getByRole("button", { name: "New version" }).click();
    await head
      .getByRole("textbox", { name: "Task 1", exact: true })
      .fill("Exchange daily information 07:00–09:00 local time");
    await head.getByRole("button", { name: "Save the version" }).click();
    await expect.poll(() => head.getByText("Version 2", { exact: true }).count()).toBe(1);
    await expect.poll(() => head.getByText(/tasks\.DAILY\.text/).count()).toBe(1);
    await expectAccessible(head);

    const joint = await pageAs("officer", "kk");
    await joint.goto(`${base}/joint`);
    await expect.poll(() => heading(joint)).toBe("Бірлескен іс-шаралар");
    await expect
      .poll(() => joint.getByRole("img", { name: "Тараптар бақылайтын учаскелер картасы" }).count())
      .toBe(1);
    await expect.poll(() => joint.getByText("Бірлескен жедел-қызметтік кеңес (демо)").count()).toBe(1);
    await expectAccessible(joint);
  }, 120_000);
});
