import { eq, inArray } from "drizzle-orm";
import type { ApplicationData } from "../core/passes/index.js";
import { localDate } from "../core/time.js";
import { applications, passes, users } from "../db/schema.js";
import { loadActor } from "../services/auth/session.service.js";
import type { Actor, Deps } from "../services/context.js";
import { takeAction } from "../services/passes/actions.service.js";
import { submitApplication } from "../services/passes/submit.service.js";

const DAY = 86_400_000;
const meta = { address: undefined, requestId: "demo-data" };

/** A demo case: who applies, when (days before today), and how far it has gone. */
interface DemoCase {
  key: string;
  /** `citizen` applies online; `officer` enters it at the counter. */
  by: "citizen" | "officer";
  applicant: ApplicationData["applicant"];
  /** Days before today the application was submitted; departure is 28 days after that. */
  submittedDaysAgo: number;
  stage: "SUBMITTED" | "CHECKED" | "APPROVED" | "ISSUED" | "REGISTERED" | "REFUSED";
}

const person = (
  surname: string,
  givenName: string,
  patronymic: string,
  birthYear: number,
  document: string,
): ApplicationData["applicant"] => ({
  surname,
  givenName,
  patronymic,
  birthYear,
  citizenship: "KZ",
  identityDocument: { kind: "ID_CARD", number: document, issuedOn: "2020-05-11", issuedBy: "ҚР ІІМ" },
  residence: "Алматы қ., Абай к-сі 10 (демо)",
  workplace: "«Жетісу» ЖШС (демо)",
});

/**
 * One case in each work queue of the Panfilov IAB: new, to decide, to issue, a pass in use and
 * registered, a pass not registered on time, one awaiting return, and a refusal the citizen sees.
 */
const CASES: DemoCase[] = [
  {
    key: "new",
    by: "citizen",
    applicant: person("Нұрланов", "Азамат", "Серікұлы", 1990, "900000001"),
    submittedDaysAgo: 1,
    stage: "SUBMITTED",
  },
  {
    key: "to-decide",
    by: "officer",
    applicant: person("Серікбаева", "Гүлмира", "Әсетқызы", 1978, "900000002"),
    submittedDaysAgo: 3,
    stage: "CHECKED",
  },
  {
    key: "to-issue",
    by: "officer",
    applicant: person("Омаров", "Бауыржан", "Қайратұлы", 1985, "900000003"),
    submittedDaysAgo: 5,
    stage: "APPROVED",
  },
  {
    key: "in-use",
    by: "citizen",
    applicant: person("Нұрланов", "Азамат", "Серікұлы", 1990, "900000001"),
    submittedDaysAgo: 35,
    stage: "REGISTERED",
  },
  {
    key: "not-registered",
    by: "officer",
    applicant: person("Жақсыбекова", "Айнұр", "Маратқызы", 1995, "900000005"),
    submittedDaysAgo: 33,
    stage: "ISSUED",
  },
  {
    key: "awaiting-return",
    by: "officer",
    applicant: person("Тоқтаров", "Ерлан", "Болатұлы", 1969, "900000006"),
    submittedDaysAgo: 60,
    stage: "REGISTERED",
  },
  {
    key: "refused",
    by: "citizen",
    applicant: person("Нұрланов", "Азамат", "Серікұлы", 1990, "900000001"),
    submittedDaysAgo: 8,
    stage: "REFUSED",
  },
];

/** The order of stages a demo case goes through. */
const STAGES: DemoCase["stage"][] = ["SUBMITTED", "CHECKED", "APPROVED", "ISSUED", "REGISTERED"];

/** A demo user as an actor, loaded as a signed-in request loads it. */
async function actorOf(deps: Pick<Deps, "database">, login: string): Promise<Actor> {
  const actor = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1);
    return user ? loadActor(tx, user.id) : null;
  });
  if (!actor) throw new Error(`demo user ${login} is missing`);
  return actor;
}

/**
 * Labelled demo pass cases for the Panfilov IAB, taken through the real services at past instants
 * (so their numbers, register lines, audit entries and notices are the ones a real case gets):
 * every officer work queue, the citizen's portal and the pass desk show something on first start.
 * Answers how many cases were made.
 */
export async function loadDemoCases(
  deps: Pick<Deps, "database" | "clock" | "signer" | "notifier">,
): Promise<number> {
  const now = deps.clock.now().getTime();
  const [citizen, officer, head, hotel] = await Promise.all(
    ["citizen", "officer", "head", "hotel"].map((login) => actorOf(deps, login)),
  );
  if (!citizen || !officer || !head || !hotel) return 0;
  const at = (instant: number) => ({ ...deps, clock: { now: () => new Date(instant) } });
  const ids: string[] = [];
  // In the order they were submitted, so numbers and register lines follow the calendar.
  const chronological = [...CASES].sort((a, b) => b.submittedDaysAgo - a.submittedDaysAgo);
  for (const demo of chronological) {
    // Each step a few minutes after the one before, on the days the timeline gives.
    const submitted = now - demo.submittedDaysAgo * DAY - 6 * 3_600_000;
    const day = (offset: number, minutes = 0) => submitted + offset * DAY + minutes * 60_000;
    const departure = localDate(new Date(day(28)));
    const data: ApplicationData = {
      applicant: demo.applicant,
      children: [],
      purpose: "VISIT_RELATIVES",
      destinations: ["334853100"],
      departureDate: departure,
      stayDays: 20,
    };
    const author = demo.by === "citizen" ? citizen : officer;
    const { id } = await submitApplication(at(day(0)), author, meta, {
      data,
      unitId: officer.unitId ?? undefined,
      idempotencyKey: `demo-case-${demo.key}`,
      lang: "kk",
    });
    ids.push(id);
    const reached = (stage: DemoCase["stage"]) =>
      demo.stage !== "REFUSED" && STAGES.indexOf(demo.stage) >= STAGES.indexOf(stage);
    const step = (instant: number, who: Actor, type: string, payload: Record<string, unknown>) =>
      takeAction(at(instant), who, meta, { applicationId: id }, { type: type as never, payload });
    if (demo.stage === "REFUSED" || reached("CHECKED")) {
      await step(day(1), officer, "CHECK_RECORDED", {
        result: "CLEAR",
        evidence: "Демо: жедел есептерде жоқ",
      });
    }
    if (demo.stage === "REFUSED") {
      await step(day(2), head, "REFUSED", {
        reason: "Демо: сапардың мақсатын растайтын құжат (туыстың шақыруы) берілмеген",
        clauses: ["Z p.31"],
      });
      continue;
    }
    if (reached("APPROVED")) {
      await step(day(2), head, "APPROVED", {
        validFrom: departure,
        validUntil: localDate(new Date(day(47))),
        places: ["334853100"],
        clauses: ["Z p.31", "Z p.21"],
      });
    }
    if (reached("ISSUED")) {
      await step(day(3), officer, "ISSUED", { identityChecked: true, rulesAcknowledged: true });
    }
    if (reached("REGISTERED")) {
      const [pass] = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
        tx.select({ number: passes.number }).from(passes).where(eq(passes.applicationId, id)).limit(1),
      );
      if (!pass) throw new Error("demo pass was not issued");
      await takeAction(
        at(day(29)),
        hotel,
        meta,
        { passNumber: pass.number },
        {
          type: "REGISTERED",
          payload: {
            arrivedOn: departure,
            place: "334853100",
            registrar: "HOTEL",
            handedOverOn: localDate(new Date(day(29))),
            passKept: false,
          },
        },
      );
    }
  }
  await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
    tx.update(applications).set({ isDemo: true }).where(inArray(applications.id, ids)),
  );
  return ids.length;
}
