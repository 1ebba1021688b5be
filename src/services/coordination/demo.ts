import { eq } from "drizzle-orm";
import { plans, triads, units, users } from "../../db/schema.js";
import { loadActor } from "../auth/session.service.js";
import type { Actor, Deps } from "../context.js";
import { actOnAct, createAct } from "./handovers.service.js";
import { addTask, createActivity, createSector } from "./joint.service.js";
import { actOnPlan, createPlan } from "./plans.service.js";

const SYSTEM = { unitPaths: [], all: true } as const;
const meta = { address: undefined, requestId: "demo-data" };

async function actor(deps: Pick<Deps, "database">, login: string): Promise<Actor> {
  const found = await deps.database.tx(SYSTEM, async (tx) => {
    const row = (await tx.select({ id: users.id }).from(users).where(eq(users.login, login)).limit(1))[0];
    return row ? loadActor(tx, row.id) : null;
  });
  if (!found) throw new Error(`demo user ${login} missing`);
  return found;
}

/**
 * Labelled demo coordination data: the Khorgos triad's interaction plan, agreed by the
 * internal affairs head, and a completed act handing a detained illegal migrant from the border
 * detachment to the district police. Loaded once, with the rest of the demo data.
 */
export async function loadDemoCoordination(deps: Pick<Deps, "database" | "clock">): Promise<boolean> {
  const triad = await deps.database.tx(SYSTEM, async (tx) => {
    const present = await tx.select({ id: plans.id }).from(plans).where(eq(plans.isDemo, true)).limit(1);
    if (present.length > 0) return null;
    const row = (
      await tx
        .select({ id: triads.id })
        .from(triads)
        .innerJoin(units, eq(units.triadId, triads.id))
        .where(eq(units.code, "DEMO-NSC-KHORGOS"))
        .limit(1)
    )[0];
    return row?.id ?? null;
  });
  if (!triad) return false;
  const head = await actor(deps, "head");
  const plan = await createPlan(deps, head, meta, {
    triadId: triad,
    orderRef: "Бірлескен бұйрық № 293/65/420 (демо)",
    orderDate: "2026-11-10",
    isDemo: true,
    content: {
      title: "«Қорғас» өткізу бекетіндегі өзара іс-қимыл жоспары (демо)",
      summary:
        "Көші-қон полициясы, Шекара қызметі және кеден арасындағы ақпарат алмасу, бірлескен патрульдеу және ұсталғандарды беру тәртібі.",
      directions: ["INFO_SUPPORT", "CHANNELS", "EMERGENCY"],
      variants: [
        {
          key: "MASS-ARRIVAL",
          situation: "Бекетке шетел азаматтарының жаппай келуі",
          actions: {
            IAB: "Көші-қон бақылауын күшейту, қосымша инспекторлар жіберу",
            NSC: "Шекаралық бақылауды күшейту, жедел ақпаратты 2 сағат ішінде жазбаша растау",
            CUSTOMS: "Кедендік ресімдеудің қосымша жолақтарын ашу",
          },
        },
        {
          key: "DETENTION",
          situation: "Заңсыз көші-қон жасаушыны ұстау",
          actions: {
            IAB: "Ұсталған адамды акт бойынша қабылдау",
            NSC: "Ұстау, акт жасау және ІІО-ға тапсыру",
            CUSTOMS: "Тауарлар мен көлікті тексеру, қажет болса актімен қабылдау",
          },
        },
      ],
      tasks: [
        {
          key: "DAILY",
          text: "Күнделікті ақпарат алмасуды ұйымдастыру (07:00–09:00)",
          direction: "INFO_SUPPORT",
          owner: "NSC",
          dueDate: "2026-12-01",
        },
        {
          key: "PATROL",
          text: "Жаркент елді мекенінде бірлескен патрульдеу кестесін бекіту",
          direction: "CHANNELS",
          owner: "IAB",
          dueDate: "2026-12-05",
        },
        {
          key: "DRILL",
          text: "Арандатушылық жағдайға бірлескен жаттығу өткізу",
          direction: "EMERGENCY",
          owner: "CUSTOMS",
          dueDate: "2026-12-20",
        },
      ],
    },
  });
  await actOnPlan(deps, head, meta, plan.id, { action: "AGREE", expectedVersion: plan.version });

  const members = [
    { party: "IAB" as const, name: "Демо Инспектор Айгүл", position: "инспектор" },
    { party: "NSC" as const, name: "Демо Прапорщик Ерлан", position: "наряд аға" },
  ];
  await createActivity(deps, head, meta, {
    triadId: triad,
    kind: "PATROL",
    title: "Жаркент елді мекенінде бірлескен патрульдеу (демо)",
    startsOn: "2026-11-25",
    endsOn: "2026-11-25",
    members,
    details: { route: "Жаркент — Қорғас тас жолы — теміржол вокзалы", schedule: "20:00–02:00", report: "" },
    isDemo: true,
  });
  const meeting = await createActivity(deps, head, meta, {
    triadId: triad,
    kind: "MEETING",
    title: "Бірлескен жедел-қызметтік кеңес (демо)",
    startsOn: "2026-11-20",
    members: [...members, { party: "CUSTOMS", name: "Демо Кеденші Дана", position: "инспектор" }],
    details: {
      form: "OPERATIONAL",
      agenda: ["Қазандағы жағдай туралы ақпарат", "Бірлескен патрульдеу кестесі"],
      minutes: "Тараптар ақпарат алмасу тәртібін келісті.",
      decisions: ["Патрульдеу кестесін 1 желтоқсанға дейін бекіту"],
    },
    isDemo: true,
  });
  await addTask(deps, head, meta, meeting.id, {
    text: "Патрульдеу кестесін бекіту",
    owner: "IAB",
    dueDate: "2026-12-01",
  });
  for (const [name, controlledBy, points] of [
    [
      "Қорғас бекеті аумағы (демо)",
      "NSC",
      [
        [80.38, 44.21],
        [80.45, 44.21],
        [80.45, 44.17],
        [80.38, 44.17],
      ],
    ],
    [
      "Кедендік бақылау аймағы (демо)",
      "CUSTOMS",
      [
        [80.45, 44.21],
        [80.5, 44.21],
        [80.5, 44.18],
        [80.45, 44.18],
      ],
    ],
    [
      "Жаркент елді мекені (демо)",
      "IAB",
      [
        [79.95, 44.19],
        [80.05, 44.19],
        [80.05, 44.13],
        [79.95, 44.13],
      ],
    ],
  ] as const) {
    await createSector(deps, head, meta, {
      triadId: triad,
      name,
      controlledBy,
      basis: "Бірлескен шешім (демо), X 10.1-т.",
      points: points.map((p) => [...p]),
      validFrom: "2026-11-01",
      isDemo: true,
    });
  }

  const nsc = await actor(deps, "nsc");
  const receiver = await deps.database.tx(SYSTEM, async (tx) =>
    tx.select({ id: units.id }).from(units).where(eq(units.code, "DEMO-IAB-PANFILOV")).limit(1),
  );
  const receiverUnitId = receiver[0]?.id;
  if (!receiverUnitId) return true;
  const act = await createAct(deps, nsc, meta, {
    receiverUnitId,
    place: "«Қорғас» өткізу бекеті (демо)",
    basis: "Шекара режимін бұзу, ұстау хаттамасы № 17 (демо)",
    isDemo: true,
    items: [
      {
        kind: "PERSON_MIGRANT",
        description: "Ұсталған шетел азаматы (демо)",
        quantity: "1",
        person: {
          fullName: "Демо Ли Вэй",
          birthDate: "1990-03-04",
          citizenship: "CN",
          document: "E12345678 (демо)",
        },
      },
      { kind: "GOODS", description: "Жол сөмкесі, жеке заттар (демо)", quantity: "1" },
    ],
  });
  const signed = await actOnAct(deps, nsc, meta, act.id, { action: "SIGN_GIVE" });
  await actOnAct(deps, await actor(deps, "officer"), meta, act.id, {
    action: "SIGN_RECEIVE",
    contentHash: signed.contentHash ?? "",
  });
  return true;
}
