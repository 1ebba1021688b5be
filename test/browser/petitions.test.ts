import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import { browserAvailable, expectAccessible, onBrowserApp, pageAs as openPage } from "./browser.js";

/** Set SHEKARA_SCREENSHOTS=/some/dir to keep full-page screenshots of the main screens. */
const SHOTS = process.env.SHEKARA_SCREENSHOTS;

/** A 30-person strip list as an employer's spreadsheet exports it (Russian headers, ";"), plus one bad row. */
function stripListCsv(): string {
  const lines = ["Фамилия;Имя;Отчество;Год рождения;Адрес;Серия;Номер;Дата выдачи;Кем выдан;Руководитель"];
  for (let i = 1; i <= 30; i++)
    lines.push(
      `Жұмысшы${i};Ерлан;Серікұлы;${1970 + i};Алматы, Абай к., ${i};N;${String(5000000 + i)};2016-04-0${1 + (i % 9)};ҚР ІІМ;${i === 1 ? "да" : ""}`,
    );
  lines.push("Қате;Жол;;19x;Алматы;;;2016-04-01;ҚР ІІМ;");
  return lines.join("\n");
}

describe.skipIf(!browserAvailable)("an employer's border-strip list in Chromium", () => {
  let t: TestApp, browser: Browser, base: string;
  onBrowserApp((app) => ({ t, browser, base } = app));

  const pageAs = (login: string, lang: string) =>
    openPage(browser, t, base, login, lang, { viewport: { width: 1300, height: 900 }, timeout: 15_000 });
  async function shot(page: Page, name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
  const heading = (page: Page) => page.locator("h1").first().textContent();
  const outcomes = (page: Page) =>
    page.locator("tr[data-outcome]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-outcome")));

  it("files 30 people by CSV, gets the NSC's results, a decision and one group pass", async () => {
    // The employer files the list in Russian, uploading the CSV; the row report shows the bad line.
    const employer = await pageAs("employer", "ru");
    await employer.goto(`${base}/petitions`);
    await expect.poll(() => heading(employer)).toBe("Ходатайства организаций");
    await employer.getByRole("link", { name: "Новое ходатайство" }).click();
    await expect.poll(() => heading(employer)).toBe("Новое ходатайство");
    await employer.getByRole("combobox", { name: "ОВД по месту постоянного жительства работников" }).click();
    await employer.getByRole("option", { name: "Панфиловский РОВД (демо)" }).click();
    await employer.getByPlaceholder("Название пункта или код КАТО").fill("Корг");
    await employer.getByRole("option", { name: /село Коргас/ }).click();
    // A place chosen by mistake comes off the list by its own button; then it is chosen again.
    await employer.getByRole("button", { name: /Убрать .*Коргас/ }).click();
    await expect.poll(() => employer.getByRole("button", { name: /Убрать .*Коргас/ }).count()).toBe(0);
    await employer.getByPlaceholder("Название пункта или код КАТО").fill("Корг");
    await employer.getByRole("option", { name: /село Коргас/ }).click();
    await expect.poll(() => employer.getByRole("button", { name: /Убрать .*Коргас/ }).count()).toBe(1);
    await employer.getByRole("textbox", { name: "Дата выезда" }).fill("2026-12-28");
    await employer.getByRole("textbox", { name: "Дата возвращения" }).fill("2027-01-31");
    await expect.poll(() => employer.getByRole("status").first().textContent()).toContain("2026-11-28");
    await employer
      .getByRole("textbox", { name: "Работа и её цель" })
      .fill("Очистка арыков в пограничной полосе");
    await employer.locator('input[type="file"]').setInputFiles({
      name: "workers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(stripListCsv()),
    });
    await expect
      .poll(() => employer.getByText("Принято строк: 30, исправить: 1").count(), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => employer.getByRole("cell", { name: "32" }).count()).toBe(1);
    await shot(employer, "petition-new-ru");
    await expectAccessible(employer);
    await employer.getByRole("button", { name: "Подать ходатайство" }).click();
    await expect
      .poll(() => heading(employer), { timeout: 20_000 })
      .toMatch(/^Список для работы в погранполосе/);
    await expect.poll(async () => (await outcomes(employer)).length).toBe(30);
    expect(new Set(await outcomes(employer))).toEqual(new Set(["AWAITING_NSC"]));
    await expectAccessible(employer);
    const petitionUrl = employer.url();

    // The NSC reviewer, in Kazakh, refuses one person with a reason and clears the others.
    const nsc = await pageAs("nsc", "kk");
    await nsc.goto(petitionUrl);
    await expect
      .poll(() => nsc.getByRole("heading", { name: "Тізімді ҰҚК тексеруі (Z p.27)" }).count())
      .toBe(1);
    await nsc
      .getByRole("combobox", { name: "ҰҚК нәтижесі: Жұмысшы30 Ерлан Серікұлы" })
      .selectOption("REFUSED");
    await nsc
      .getByRole("textbox", { name: "Себебі: Жұмысшы30 Ерлан Серікұлы" })
      .fill("Шекара режимін бұзған");
    await expectAccessible(nsc);
    await nsc.getByRole("button", { name: "ҰҚК нәтижелерін сақтау" }).click();
    await expect
      .poll(async () => (await outcomes(nsc)).filter((o) => o === "EXCLUDED_BY_NSC").length)
      .toBe(1);
    await shot(nsc, "petition-nsc-kk");

    // The IAB officer, in English, screens everyone and records the check.
    const officer = await pageAs("officer", "en");
    await officer.goto(petitionUrl);
    await officer.getByRole("button", { name: "Screen everyone against the records" }).click();
    await expect.poll(() => officer.getByText(/29 screened/).count(), { timeout: 30_000 }).toBe(1);
    await officer.getByRole("button", { name: "Save the check results" }).click();
    await expect
      .poll(async () => (await outcomes(officer)).filter((o) => o === "AWAITING_DECISION").length)
      .toBe(29);
    await expectAccessible(officer);

    // The head decides one pass to the group leader with the certified list.
    const head = await pageAs("head", "en");
    await head.goto(petitionUrl);
    await head.getByRole("checkbox", { name: "Refuse Жұмысшы29 Ерлан Серікұлы" }).check();
    await head
      .getByRole("textbox", { name: "Reason for refusing Жұмысшы29 Ерлан Серікұлы" })
      .fill("Passport expired");
    await expectAccessible(head);
    await head.getByRole("button", { name: "Decide", exact: true }).click();
    await expect.poll(async () => (await outcomes(head)).filter((o) => o === "APPROVED").length).toBe(28);

    // The officer hands over the group pass at the counter.
    await officer.reload();
    await officer.getByRole("checkbox", { name: "Identity document checked" }).check();
    await officer.getByRole("checkbox", { name: "The rules on the back were read and signed" }).check();
    await officer.getByRole("button", { name: "Issue the passes" }).click();
    await expect.poll(async () => (await outcomes(officer)).filter((o) => o === "ISSUED").length).toBe(28);
    const passText = await officer.getByText(/^Group pass /).textContent();
    expect(passText).toMatch(/^Group pass ПАН-2026-\d{6}$/);

    // Copy 1 is certified by the head and handed to the leader; the holders are tracked.
    await head.reload();
    await head.getByRole("button", { name: "Certify copy 1" }).click();
    await officer.reload();
    await officer.getByRole("button", { name: "Hand over copy 1" }).click();
    await expect.poll(() => officer.getByText(/^Жұмысшы1 Ерлан Серікұлы, /).count()).toBe(1);
    await shot(officer, "petition-issued-en");
    await expectAccessible(officer);

    // The employer sees the outcome of every person and the group pass.
    await employer.reload();
    await expect.poll(() => employer.getByText(/^Групповой пропуск ПАН-2026-/).count()).toBe(1);
    const final = await outcomes(employer);
    expect(final.filter((o) => o === "ISSUED")).toHaveLength(28);
    expect(final.filter((o) => o === "REFUSED")).toHaveLength(1);
    expect(final.filter((o) => o === "EXCLUDED_BY_NSC")).toHaveLength(1);
    await expect.poll(() => employer.getByText("Шекара режимін бұзған").count()).toBe(1);
  }, 300_000);

  it("files a released person typed by hand, the person fields reaching the petition as typed", async () => {
    const colony = await pageAs("colony", "en");
    await colony.goto(`${base}/petitions/new`);
    await expect.poll(() => heading(colony)).toBe("New petition");
    await expect
      .poll(() => colony.getByRole("combobox", { name: "Kind" }).inputValue())
      .toBe("Released person (Z p.22)");
    await colony.getByPlaceholder("Type a settlement name or KATO code").fill("334820100");
    await colony.getByRole("option", { name: /334820100/ }).click();
    await colony.getByRole("textbox", { name: "Release date" }).fill("2026-11-30");
    await colony.getByRole("textbox", { name: "Work and its purpose" }).fill("Returning to family");
    await colony.getByRole("textbox", { name: "Convicted on" }).fill("2022-03-01");
    await colony.getByRole("textbox", { name: "Where convicted (court)" }).fill("Zharkent district court");
    await colony.getByRole("textbox", { name: "Criminal Code article" }).fill("CC 188 part 2");
    await colony.getByRole("textbox", { name: "Grounds of release" }).fill("Sentence served");
    await colony.getByRole("textbox", { name: "The administration's opinion" }).fill("Positive");
    await colony.getByRole("textbox", { name: "Surname", exact: true }).fill("Қасымов");
    await colony.getByRole("textbox", { name: "Name", exact: true }).fill("Ерлан");
    await colony.getByRole("textbox", { name: "Patronymic", exact: true }).fill("Серікұлы");
    await colony.getByLabel("Year of birth").fill("1985");
    await colony.getByRole("textbox", { name: "Address", exact: true }).fill("Zharkent, Abai st. 5");
    await colony.getByRole("textbox", { name: "Passport series" }).fill("N");
    await colony.getByRole("textbox", { name: "Passport number" }).fill("2000001");
    await colony.getByRole("textbox", { name: "Issued on" }).fill("2015-01-02");
    await colony.getByRole("textbox", { name: "Issued by" }).fill("MIA RK");
    await colony.getByRole("button", { name: "Add a person" }).click();
    const people = colony.getByRole("table", { name: "People on the list" });
    await expect.poll(() => people.getByRole("row").count()).toBe(2);
    expect(await people.textContent()).toContain("Қасымов Ерлан Серікұлы");
    // One released person per petition: the form to add another is gone.
    expect(await colony.getByRole("button", { name: "Add a person" }).count()).toBe(0);
    await expectAccessible(colony);
    await colony.getByRole("button", { name: "File the petition" }).click();
    await expect.poll(() => heading(colony), { timeout: 20_000 }).toMatch(/^Released person \(Z p\.22\)/);
    const id = colony.url().split("/").pop() ?? "";
    const stored = await t.deps.database.ownerQuery(
      `SELECT surname, given_name, patronymic, birth_year, address, document_series, document_number,
              document_issued_on::text AS issued_on, document_issued_by
         FROM petition_members WHERE petition_id = $1`,
      [id],
    );
    expect(stored).toEqual([
      {
        surname: "Қасымов",
        given_name: "Ерлан",
        patronymic: "Серікұлы",
        birth_year: 1985,
        address: "Zharkent, Abai st. 5",
        document_series: "N",
        document_number: "2000001",
        issued_on: "2015-01-02",
        document_issued_by: "MIA RK",
      },
    ]);
    await colony.context().close();
  }, 120_000);
});
