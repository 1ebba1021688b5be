import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Agency } from "../core/access/agencies.js";
import type { Role } from "../core/access/roles.js";
import { DEMO_PASSWORD } from "../core/demo.js";
import { organizations, triads, units, userContacts, users } from "../db/schema.js";
import { appendAudit } from "../services/audit/audit.service.js";
import { enrollDemoTotp } from "../services/auth/totp.service.js";
import type { Deps } from "../services/context.js";
import { loadDemoCoordination } from "../services/coordination/demo.js";
import { loadDemoCoordinationData } from "../services/databank/demo.js";
import { importZoneList } from "../services/reference/zone.service.js";
import { loadDemoRecords } from "../services/screening/demo.js";
import { pathLabel } from "../services/units/units.service.js";
import { createUser } from "../services/users.service.js";
import { loadDemoExchange } from "./exchange.js";
import { DEMO_ZONE_BASIS, DEMO_ZONE_CSV, DEMO_ZONE_EFFECTIVE_FROM } from "./zone.js";

export { DEMO_PASSWORD };

interface DemoUnit {
  code: string;
  agency: Agency;
  parent?: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  level?: number;
  passSeries?: string;
}

// A small, labelled demo organization: three checkpoint agencies' triads at levels 1–3 for the
// Almaty region (Khorgos), plus an akimat and an employer. Names carry "(демо)" / "(demo)".
const DEMO_UNITS: DemoUnit[] = [
  {
    code: "DEMO-IAB",
    agency: "IAB",
    nameKk: "ІІМ (демо)",
    nameRu: "МВД (демо)",
    nameEn: "MIA (demo)",
    level: 1,
  },
  {
    code: "DEMO-IAB-ALM",
    agency: "IAB",
    parent: "DEMO-IAB",
    nameKk: "Алматы облысы ПД (демо)",
    nameRu: "ДП Алматинской области (демо)",
    nameEn: "Almaty Region Police Dept (demo)",
    level: 2,
  },
  {
    code: "DEMO-IAB-PANFILOV",
    agency: "IAB",
    parent: "DEMO-IAB-ALM",
    nameKk: "Панфилов аудандық ІІБ (демо)",
    nameRu: "Панфиловский РОВД (демо)",
    nameEn: "Panfilov District IAB (demo)",
    level: 3,
    passSeries: "ПАН",
  },
  {
    code: "DEMO-IAB-UIGUR",
    agency: "IAB",
    parent: "DEMO-IAB-ALM",
    nameKk: "Ұйғыр аудандық ІІБ (демо)",
    nameRu: "Уйгурский РОВД (демо)",
    nameEn: "Uigur District IAB (demo)",
    level: 3,
    passSeries: "ҰЙҒ",
  },
  {
    code: "DEMO-NSC-BS",
    agency: "NSC",
    nameKk: "ҰҚК Шекара қызметі (демо)",
    nameRu: "Пограничная служба КНБ (демо)",
    nameEn: "NSC Border Service (demo)",
    level: 1,
  },
  {
    code: "DEMO-NSC-KHORGOS",
    agency: "NSC",
    parent: "DEMO-NSC-BS",
    nameKk: "Қорғас шекара отряды (демо)",
    nameRu: "Погранотряд «Коргас» (демо)",
    nameEn: "Khorgos Border Detachment (demo)",
    level: 3,
  },
  {
    code: "DEMO-CUSTOMS",
    agency: "CUSTOMS",
    nameKk: "Кедендік бақылау комитеті (демо)",
    nameRu: "Комитет таможенного контроля (демо)",
    nameEn: "Customs Control Committee (demo)",
    level: 1,
  },
  {
    code: "DEMO-CUSTOMS-KHORGOS",
    agency: "CUSTOMS",
    parent: "DEMO-CUSTOMS",
    nameKk: "«Қорғас» кедені (демо)",
    nameRu: "Таможня «Коргас» (демо)",
    nameEn: "Khorgos Customs (demo)",
    level: 3,
  },
  {
    code: "DEMO-MOD",
    agency: "MOD",
    nameKk: "Қорғаныс министрлігі (демо)",
    nameRu: "Министерство обороны (демо)",
    nameEn: "Ministry of Defence (demo)",
  },
  {
    code: "DEMO-ORG-HOTEL",
    agency: "ORGANIZATION",
    nameKk: "«Жаркент» қонақ үйі (демо)",
    nameRu: "Гостиница «Жаркент» (демо)",
    nameEn: "Zharkent Hotel (demo)",
  },
  {
    code: "DEMO-ORG-EMPLOYER",
    agency: "ORGANIZATION",
    nameKk: "«Жетісу Құрылыс» ЖШС (демо)",
    nameRu: "ТОО «Жетысу Курылыс» (демо)",
    nameEn: "Zhetysu Kurylys LLP (demo)",
  },
  {
    code: "DEMO-CORR-ZHARKENT",
    agency: "CORRECTIONS",
    nameKk: "Жаркент түзеу мекемесі (демо)",
    nameRu: "Жаркентское исправительное учреждение (демо)",
    nameEn: "Zharkent Correctional Institution (demo)",
  },
  {
    code: "DEMO-AKIMAT-ZHARKENT",
    agency: "AKIMAT",
    nameKk: "Жаркент қаласының әкімдігі (демо)",
    nameRu: "Акимат города Жаркент (демо)",
    nameEn: "Zharkent City Akimat (demo)",
  },
  {
    // Z p.28: the Border troops decide on special works (today the NSC Border Service).
    code: "DEMO-NSC-BORDER-TROOPS",
    agency: "NSC",
    parent: "DEMO-NSC-BS",
    nameKk: "Шекара әскерлері басқармасы (демо)",
    nameRu: "Управление пограничных войск (демо)",
    nameEn: "Border Troops Directorate (demo)",
    level: 2,
  },
];

const DEMO_USERS: { login: string; fullName: string; unit?: string; roles: Role[] }[] = [
  { login: "admin", fullName: "Демо Әкімші", unit: "DEMO-IAB", roles: ["system_admin"] },
  { login: "officer", fullName: "Демо Инспектор Айгүл", unit: "DEMO-IAB-PANFILOV", roles: ["officer"] },
  { login: "head", fullName: "Демо Бастық Ержан", unit: "DEMO-IAB-PANFILOV", roles: ["head"] },
  {
    login: "nsc",
    fullName: "Демо ҰҚК Серік",
    unit: "DEMO-NSC-KHORGOS",
    roles: ["nsc_reviewer", "duty_officer"],
  },
  { login: "customs", fullName: "Демо Кеденші Дана", unit: "DEMO-CUSTOMS-KHORGOS", roles: ["duty_officer"] },
  { login: "registrar", fullName: "Демо Тіркеуші Асель", unit: "DEMO-AKIMAT-ZHARKENT", roles: ["registrar"] },
  { login: "citizen", fullName: "Демо Азамат Нұрлан", roles: ["citizen"] },
  {
    login: "unitadmin",
    fullName: "Демо Бөлімше әкімшісі Қанат",
    unit: "DEMO-IAB-ALM",
    roles: ["unit_admin"],
  },
  { login: "analyst", fullName: "Демо Талдаушы Мадина", unit: "DEMO-IAB", roles: ["analyst"] },
  {
    login: "checkpoint",
    fullName: "Демо Бекет қызметкері Бауыржан",
    unit: "DEMO-NSC-KHORGOS",
    roles: ["checkpoint_officer"],
  },
  { login: "mod", fullName: "Демо ҚМ келісушісі Арман", unit: "DEMO-MOD", roles: ["works_approver"] },
  {
    login: "border",
    fullName: "Демо Шекара әскерлері келісушісі Бауыржан",
    unit: "DEMO-NSC-BORDER-TROOPS",
    roles: ["works_approver"],
  },
  { login: "uigur", fullName: "Демо Ұйғыр инспекторы Динара", unit: "DEMO-IAB-UIGUR", roles: ["officer"] },
  {
    login: "hotel",
    fullName: "Демо Қонақ үй өкілі Гүлнар",
    unit: "DEMO-ORG-HOTEL",
    roles: ["org_representative", "registrar"],
  },
  // Coordination: the heads of the Khorgos triad's NSC and Customs units, and each
  // party's higher instance that approves their joint plan.
  { login: "regionhead", fullName: "Демо Облыс бастығы Бауыржан", unit: "DEMO-IAB-ALM", roles: ["head"] },
  { login: "nschead", fullName: "Демо Отряд бастығы Серік", unit: "DEMO-NSC-KHORGOS", roles: ["head"] },
  {
    login: "customshead",
    fullName: "Демо Кеден бастығы Гүлнар",
    unit: "DEMO-CUSTOMS-KHORGOS",
    roles: ["head"],
  },
  { login: "nscchief", fullName: "Демо ШҚ басшысы Қайрат", unit: "DEMO-NSC-BS", roles: ["head"] },
  { login: "customschief", fullName: "Демо Комитет басшысы Әлия", unit: "DEMO-CUSTOMS", roles: ["head"] },
  {
    login: "employer",
    fullName: "Демо Жұмыс беруші өкілі Бекзат",
    unit: "DEMO-ORG-EMPLOYER",
    roles: ["org_representative"],
  },
  {
    login: "colony",
    fullName: "Демо Мекеме өкілі Жандос",
    unit: "DEMO-CORR-ZHARKENT",
    roles: ["org_representative"],
  },
  { login: "duty", fullName: "Демо Кезекші Әлия", unit: "DEMO-IAB-PANFILOV", roles: ["duty_officer"] },
  { login: "nschief", fullName: "Демо ШҚ талдаушысы Ғалым", unit: "DEMO-NSC-BS", roles: ["analyst"] },
];

/** Organization accounts of the demo (Z-13, Z-15): kind, address, head and the IAB where each is located. */
const DEMO_ORGANIZATIONS: { code: string; kind: string; address: string; headName: string; iab: string }[] = [
  {
    code: "DEMO-ORG-HOTEL",
    kind: "OTHER",
    address: "Жаркент, Головацкий к., 1 (демо)",
    headName: "Демо Директор Асқар",
    iab: "DEMO-IAB-PANFILOV",
  },
  {
    code: "DEMO-ORG-EMPLOYER",
    kind: "EMPLOYER",
    address: "Алматы, Абай даңғ., 10 (демо)",
    headName: "Демо Директор Ерлан",
    iab: "DEMO-IAB-PANFILOV",
  },
  {
    code: "DEMO-CORR-ZHARKENT",
    kind: "INSTITUTION",
    address: "Жаркент, Түрме к., 5 (демо)",
    headName: "Демо Бастық Марат",
    iab: "DEMO-IAB-PANFILOV",
  },
];

/** The demo logins, printed at start-up. */
export const DEMO_LOGINS = DEMO_USERS.map((u) => ({ login: u.login, roles: u.roles }));

/** Loads the labelled demo data once; returns false when it was already there. */
export async function loadDemoData(deps: Pick<Deps, "database" | "clock">): Promise<boolean> {
  const now = deps.clock.now();
  const meta = { address: undefined, requestId: "demo-data" };
  const loaded = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const present = await tx.select({ id: units.id }).from(units).where(eq(units.code, "DEMO-IAB")).limit(1);
    if (present.length > 0) return false;
    const paths = new Map<string, { id: string; path: string }>();
    for (const unit of DEMO_UNITS) {
      const id = randomUUID();
      const parent = unit.parent ? paths.get(unit.parent) : undefined;
      const unitPath = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
      await tx.insert(units).values({
        id,
        agency: unit.agency,
        parentId: parent?.id ?? null,
        path: unitPath,
        code: unit.code,
        nameKk: unit.nameKk,
        nameRu: unit.nameRu,
        nameEn: unit.nameEn,
        timeZone: "Asia/Almaty",
        level: unit.level ?? null,
        passSeries: unit.passSeries ?? null,
        isDemo: 1,
        createdAt: now,
      });
      paths.set(unit.code, { id, path: unitPath });
    }
    const triadsOf: [number, string, string, string, string[]][] = [
      [
        1,
        "1-деңгей үштігі (демо)",
        "Тройка 1-го уровня (демо)",
        "Level 1 triad (demo)",
        ["DEMO-IAB", "DEMO-NSC-BS", "DEMO-CUSTOMS"],
      ],
      [
        3,
        "Қорғас үштігі (демо)",
        "Тройка «Коргас» (демо)",
        "Khorgos triad (demo)",
        ["DEMO-IAB-PANFILOV", "DEMO-NSC-KHORGOS", "DEMO-CUSTOMS-KHORGOS"],
      ],
    ];
    for (const [level, nameKk, nameRu, nameEn, codes] of triadsOf) {
      const [triad] = await tx
        .insert(triads)
        .values({ level, nameKk, nameRu, nameEn, createdAt: now })
        .returning();
      for (const code of codes) {
        const unitId = paths.get(code)?.id;
        if (triad && unitId) await tx.update(units).set({ triadId: triad.id }).where(eq(units.id, unitId));
      }
    }
    for (const org of DEMO_ORGANIZATIONS) {
      const unitId = paths.get(org.code)?.id;
      const iabId = paths.get(org.iab)?.id;
      if (unitId && iabId)
        await tx.insert(organizations).values({
          unitId,
          kind: org.kind,
          address: org.address,
          headName: org.headName,
          locationIabUnitId: iabId,
          isDemo: true,
          createdAt: now,
        });
    }
    await appendAudit(tx, now, null, meta, {
      action: "demo.load",
      objectType: "demo",
      details: { units: DEMO_UNITS.length },
    });
    return true;
  });
  if (!loaded) {
    await enrollDemoTotp(deps);
    return false;
  }
  await importZoneList(deps, null, meta, {
    csv: DEMO_ZONE_CSV,
    effectiveFrom: DEMO_ZONE_EFFECTIVE_FROM,
    basisKk: DEMO_ZONE_BASIS.kk,
    basisRu: DEMO_ZONE_BASIS.ru,
    isDemo: true,
  });
  for (const user of DEMO_USERS) {
    const exists = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
      tx.select({ id: users.id }).from(users).where(eq(users.login, user.login)).limit(1),
    );
    if (exists.length > 0) continue;
    await createUser(deps, null, meta, {
      login: user.login,
      password: DEMO_PASSWORD,
      fullName: user.fullName,
      unitCode: user.unit,
      roles: user.roles,
      isDemo: true,
    });
  }
  // The demo citizen receives notices in the dev outbox (C-5).
  await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const citizen = (
      await tx.select({ id: users.id }).from(users).where(eq(users.login, "citizen")).limit(1)
    )[0];
    if (citizen) {
      await tx
        .insert(userContacts)
        .values({
          userId: citizen.id,
          email: "citizen@demo.shekara.kz",
          phone: "+77010000000",
          iin: null,
          confirmedAt: now,
        })
        .onConflictDoNothing();
    }
  });
  await loadDemoRecords(deps);
  await loadDemoCoordination(deps);
  await loadDemoCoordinationData(deps);
  await loadDemoExchange(deps);
  await enrollDemoTotp(deps);
  return true;
}
