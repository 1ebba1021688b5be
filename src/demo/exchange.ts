import { eq } from "drizzle-orm";
import { permissionsOf } from "../core/access/roles.js";
import { addDays, fromLocal, localDateOf } from "../core/exchange/index.js";
import { units, users } from "../db/schema.js";
import type { Actor, Deps } from "../services/context.js";
import { createMessage, type MessageInput } from "../services/exchange/messages.service.js";
import { escalateOverdue, materializeObligations } from "../services/exchange/obligations.service.js";

/** Days of exchange history the demo shows on first start. */
const DEMO_DAYS = 10;
const HOUR = 3_600_000;

const noFiles = {
  put: () => Promise.reject(new Error("demo messages carry no files")),
  get: () => Promise.reject(new Error("demo messages carry no files")),
};

/**
 * Labelled demo exchange (X p.5) for the Khorgos triad, so the compliance dashboard shows something
 * on first start: ten days of daily oral reports (mostly on time, some late, some missing), last
 * month's written reports, an urgent oral notice confirmed late and one still awaiting confirmation.
 */
export async function loadDemoExchange(deps: Pick<Deps, "database" | "clock">): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - DEMO_DAYS * 24 * HOUR);
  await materializeObligations(deps, since, new Date(now.getTime() + 2 * 24 * HOUR), { since, isDemo: true });
  const actors = new Map<string, Actor>();
  for (const [login, code] of [
    ["nsc", "DEMO-NSC-KHORGOS"],
    ["customs", "DEMO-CUSTOMS-KHORGOS"],
    ["duty", "DEMO-IAB-PANFILOV"],
  ] as const) {
    const found = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.login, login)).limit(1);
      const [unit] = await tx.select().from(units).where(eq(units.code, code)).limit(1);
      return user && unit ? { user, unit } : undefined;
    });
    if (!found) continue;
    actors.set(code, {
      userId: found.user.id,
      login,
      fullName: found.user.fullName,
      roles: ["duty_officer"],
      permissions: permissionsOf(["duty_officer"]),
      unitId: found.unit.id,
      unitPath: found.unit.path,
      locale: "kk",
    });
  }
  const meta = { address: undefined, requestId: "demo-data" };
  const at = (instant: Date) => ({
    database: deps.database,
    clock: { now: () => instant },
    files: noFiles,
    config: { exchangePeers: [], exchangeSelfId: "shekara" },
  });
  const send = (actor: Actor, instant: Date, input: MessageInput) =>
    createMessage(at(instant), actor, meta, input, { isDemo: true }).then((r) => r.message);

  const zone = "Asia/Almaty";
  const today = localDateOf(now, zone);
  let n = 0;
  for (const [code, actor] of actors) {
    for (let d = DEMO_DAYS; d >= 1; d--) {
      n += 1;
      const date = addDays(today, -d);
      // A fixed pattern, not randomness: every 5th report is late, every 7th is missing.
      if (n % 7 === 0) continue;
      const time = n % 5 === 0 ? "09:40" : `08:${String(10 + (n % 40)).padStart(2, "0")}`;
      const passedAt = fromLocal(date, time, zone);
      await send(actor, passedAt, {
        classId: "DAILY",
        topic: "SITUATION_CHANGES",
        mode: "ORAL",
        payload: {
          checkpoint: "Қорғас / Хоргос",
          noChanges: n % 3 !== 0,
          ...(n % 3 === 0 ? { summary: "Демо: кезекті ауысым, 2 шекара бұзушы ұсталды." } : {}),
        },
        passedTo: `Демо кезекші (${code})`,
        passedAt: passedAt.toISOString(),
      });
    }
    // Last month's written report, sent on the 2nd at 10:00 local (within the 28th→5th window).
    const [y, m] = today.split("-").map(Number) as [number, number];
    const reportDay = fromLocal(`${today.slice(0, 7)}-02`, "10:00", zone);
    if (reportDay.getTime() < now.getTime() && code !== "DEMO-CUSTOMS-KHORGOS") {
      const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
      await send(actor, reportDay, {
        classId: "MONTHLY",
        topic: "MONTH_SITUATION",
        mode: "WRITTEN",
        payload: { summary: "Демо: өткен айдағы жағдай тұрақты." },
        period: prev,
      });
    }
  }
  const post = actors.get("DEMO-NSC-KHORGOS");
  if (post) {
    // An urgent oral notice three days ago, confirmed in writing 3 hours later: 1 hour late (X p.5.1).
    const oralAt = new Date(now.getTime() - 3 * 24 * HOUR);
    const oral = await send(post, oralAt, {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      mode: "ORAL",
      payload: demoMigrants,
      passedTo: "Демо кезекші (DEMO-IAB-PANFILOV)",
      passedAt: oralAt.toISOString(),
    });
    await send(post, new Date(oralAt.getTime() + 3 * HOUR), {
      classId: "URGENT",
      topic: "ILLEGAL_MIGRANTS",
      mode: "WRITTEN",
      payload: demoMigrants,
      confirmsId: oral.id,
      freeText: "Демо: ауызша хабарламаның жазбаша растауы.",
    });
    // One notice from an hour ago, still awaiting its written confirmation.
    const recent = new Date(now.getTime() - HOUR);
    await send(post, recent, {
      classId: "URGENT",
      topic: "PROHIBITED_GOODS",
      mode: "ORAL",
      payload: { goods: "DRUGS", stage: "PREPARED", summary: "Демо: есірткі тасымалы дайындалып жатыр." },
      passedTo: "Демо кезекші (DEMO-CUSTOMS-KHORGOS)",
      passedAt: recent.toISOString(),
    });
  }
  await escalateOverdue(deps, 1000);
}

const demoMigrants = {
  persons: [
    { fullName: "DEMO Ali Karimov", birthDate: "1990-04-12", citizenship: "UZ", documentNumber: "FA0000001" },
  ],
  detection: "DETAINED",
  destinationState: "RU",
  route: "Демо: Ташкент — Алматы — Қорғас",
  declaredPurpose: "Демо: жұмыс іздеу",
  checkpoint: "Қорғас / Хоргос",
  crossing: "ALONE",
  documentsObtained: "Демо: шақыру жалған",
  measuresTaken: "Демо: ІІО-ға тапсырылды",
};
