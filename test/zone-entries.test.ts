/**
 * Submissions take their destination's zone entry from a per-process cache, kept while the zone
 * data's revision (raised by triggers on every change) stays the same: an import in this process
 * shows at once, a change made elsewhere within the recheck interval.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cachedZoneEntry,
  forgetZoneEntries,
  ZONE_RECHECK_MS,
} from "../src/services/reference/zone-entries.js";
import { sessionCookieFor, startTestApp, type TestApp } from "./support/app.js";
import { DB_KINDS } from "./support/db.js";

const KORGAS = "334853100";

describe.each(DB_KINDS)("zone entries for submissions on %s", (kind) => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await sessionCookieFor(t, "admin");
    officer = await sessionCookieFor(t, "officer");
  });
  afterAll(() => t?.stop());

  const revision = async () =>
    Number(
      (await t.deps.database.ownerQuery("SELECT revision FROM reference_revisions WHERE name = 'zone'"))[0]
        ?.revision,
    );

  const submitTo = (departureDate: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      headers: { cookie: officer },
      payload: {
        data: {
          applicant: {
            surname: "Аймақ",
            givenName: "Тізім",
            birthYear: 1990,
            citizenship: "KZ",
            identityDocument: { kind: "ID_CARD", number: `Z${departureDate.replaceAll("-", "")}` },
          },
          children: [],
          purpose: "VISIT_RELATIVES",
          destinations: [KORGAS],
          departureDate,
          stayDays: 5,
        },
      },
    });

  it("raises the zone revision with every change to zone lists and their entries, in the same transaction", async () => {
    const before = await revision();
    await t.deps.database.ownerQuery("UPDATE zone_entries SET name_ru = name_ru WHERE kato = $1", [KORGAS]);
    expect(await revision()).toBe(before + 1);
    await t.deps.database.ownerQuery("UPDATE zone_lists SET basis_ru = basis_ru");
    expect(await revision()).toBe(before + 2);
    // The application role may read the revision but not change it.
    const refused = await t.deps.database
      .tx({ unitPaths: [] }, (tx) => tx.execute(sql`UPDATE reference_revisions SET revision = 0`))
      .then(
        () => undefined,
        (error: Error) => error,
      );
    expect(String((refused?.cause as Error | undefined)?.message ?? refused?.message)).toMatch(
      /permission denied/,
    );
    expect(await revision()).toBe(before + 2);
  });

  it("answers a submission from the list this process has just imported", async () => {
    const exported = (await t.app.inject("/api/v1/reference/zone/export")).body;
    const renamed = exported.replace(/^(334853100,[^,]*,[^,]*,)[^,]*/m, "$1село Коргас (новый список)");
    expect(renamed).not.toBe(exported);
    const before = await submitTo("2026-12-20");
    expect(before.json().eligibility.destination.nameRu).toBe("село Коргас");
    const imported = await t.app.inject({
      method: "POST",
      url: "/api/v1/reference/zone/import",
      headers: { cookie: admin },
      payload: { effectiveFrom: "2026-12-15", basisKk: "Сынақ", basisRu: "Тест", csv: renamed },
    });
    expect(imported.statusCode).toBe(200);
    // Departing after the new list takes effect: its entry; departing before: the old list's.
    const after = await submitTo("2026-12-21");
    expect(after.json().eligibility.destination.nameRu).toBe("село Коргас (новый список)");
    const earlier = await submitTo("2026-12-10");
    expect(earlier.json().eligibility.destination.nameRu).toBe("село Коргас");
  });

  it("sees a change made by another process once the revision is checked again", async () => {
    const date = "2026-12-25";
    const first = await cachedZoneEntry(t.deps.database, date, KORGAS);
    expect(first?.nameKk).toBeTruthy();
    // As another instance would: straight to the database, so this process's cache is not dropped.
    await t.deps.database.ownerQuery(
      "UPDATE zone_entries SET name_kk = 'Қорғас (басқа процесс)' WHERE kato = $1",
      [KORGAS],
    );
    await expect
      .poll(async () => (await cachedZoneEntry(t.deps.database, date, KORGAS))?.nameKk, {
        timeout: ZONE_RECHECK_MS + 5_000,
        interval: 100,
      })
      .toBe("Қорғас (басқа процесс)");
    // Dropping the cache reads the database again at once.
    await t.deps.database.ownerQuery("UPDATE zone_entries SET name_kk = $2 WHERE kato = $1", [
      KORGAS,
      first?.nameKk,
    ]);
    forgetZoneEntries(t.deps.database);
    expect((await cachedZoneEntry(t.deps.database, date, KORGAS))?.nameKk).toBe(first?.nameKk);
  });
});
