import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "../../adapters/db/index.js";
import type { BankAudience, BankKind, BankMarking } from "../../core/databank/catalog.js";
import { bankDocuments, statFigures, triads, units } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps } from "../context.js";

interface DemoDoc {
  unit: string;
  kind: BankKind;
  title: string;
  body: string;
  language: "kk" | "ru" | "kk+ru";
  docDate: string;
  audience: BankAudience;
  marking: BankMarking;
  reference?: string;
}

// Labelled demo material of the Khorgos triad (titles end with "(демо)"): reviews, instructions,
// methodological material, specimens and exchanged reports in Kazakh and Russian.
const HAND_WRITTEN: DemoDoc[] = [
  {
    unit: "DEMO-NSC-KHORGOS",
    kind: "REVIEW",
    title: "«Қорғас» өткізу бекетіндегі заңсыз көші-қон арналарына шолу (демо)",
    body: "Жарты жылдағы шолу. «Қорғас» өткізу бекеті арқылы шетел азаматтарының заңсыз өтуі, жалған құжаттар мен визаларды пайдалану тәсілдері, көлік құралдарында жасырыну жағдайлары талданды. Ұсынылатын бірлескен шаралар көрсетілген.",
    language: "kk",
    docDate: "2026-07-05",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
    reference: "ШҚ-12/д",
  },
  {
    unit: "DEMO-NSC-KHORGOS",
    kind: "REVIEW",
    title: "Обзор каналов незаконной миграции через пункт пропуска «Коргас» (демо)",
    body: "Полугодовой обзор. Проанализированы способы незаконного пересечения границы иностранными гражданами через пункт пропуска «Коргас», использование поддельных паспортов и виз, случаи укрытия в транспортных средствах. Предложены совместные меры пограничников, миграционной полиции и таможни.",
    language: "ru",
    docDate: "2026-07-05",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
    reference: "ПС-12/д",
  },
  {
    unit: "DEMO-CUSTOMS-KHORGOS",
    kind: "METHODOLOGY",
    title: "Методические рекомендации по досмотру грузовых автомобилей (демо)",
    body: "Порядок совместного досмотра грузовых автомобилей и контейнеров на пункте пропуска. Признаки тайников, работа с досмотровой техникой, оформление актов о выявлении контрабанды. Предназначено для таможенников и пограничных нарядов.",
    language: "ru",
    docDate: "2026-03-14",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
  },
  {
    unit: "DEMO-CUSTOMS-KHORGOS",
    kind: "METHODOLOGY",
    title: "Жүк автокөліктерін тексеру жөніндегі әдістемелік ұсынымдар (демо)",
    body: "Өткізу бекетінде жүк автокөліктері мен контейнерлерді бірлесіп тексеру тәртібі. Жасырын орындардың белгілері, тексеру техникасымен жұмыс, контрабанданы анықтау актілерін ресімдеу.",
    language: "kk",
    docDate: "2026-03-14",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
  },
  {
    unit: "DEMO-NSC-KHORGOS",
    kind: "SPECIMEN",
    title: "Образцы новых паспортов Китайской Народной Республики (демо)",
    body: "Описание защитных элементов новых паспортов, введённых в обращение. Отличительные признаки подделок, выявленных на пунктах пропуска Коргас и Нур Жолы. Штампы пограничного контроля нового образца.",
    language: "ru",
    docDate: "2026-05-20",
    audience: "ALL_AGENCIES",
    marking: "OFFICIAL_USE",
  },
  {
    unit: "DEMO-NSC-KHORGOS",
    kind: "SPECIMEN",
    title: "Шекарадан өтуге арналған құжаттардың жаңа үлгілері (демо)",
    body: "Айналымға енгізілген жаңа төлқұжаттардың қорғаныс элементтері, жалған құжаттардың белгілері және уақыты көрсетілетін мөртаңбалардың жаңа түрлері.",
    language: "kk",
    docDate: "2026-05-21",
    audience: "ALL_AGENCIES",
    marking: "OFFICIAL_USE",
  },
  {
    unit: "DEMO-IAB-PANFILOV",
    kind: "INSTRUCTION",
    title: "Указание о проверке иностранцев в приграничных сёлах Панфиловского района (демо)",
    body: "Организовать совместное патрулирование населённых пунктов пограничной зоны с пограничниками. Проверять регистрацию иностранных граждан, пропуска в пограничную зону и разрешения. О выявленных нарушителях сообщать дежурной службе.",
    language: "ru",
    docDate: "2026-09-01",
    audience: "UNIT",
    marking: "OPEN",
    reference: "№ 45-у",
  },
  {
    unit: "DEMO-IAB-PANFILOV",
    kind: "INSTRUCTION",
    title: "Шекара аймағындағы тіркеуді тексеру туралы нұсқау (демо)",
    body: "Жаркент қаласы мен шекаралас ауылдарда шетел азаматтарының тіркелуін, рұқсаттамалар мен рұқсаттарды тексеру. Бұзушылар туралы кезекші қызметке хабарлау.",
    language: "kk",
    docDate: "2026-09-02",
    audience: "AGENCY",
    marking: "OPEN",
  },
  {
    unit: "DEMO-IAB-UIGUR",
    kind: "INSTRUCTION",
    title: "Указание Уйгурского РОВД о режимных мероприятиях (демо)",
    body: "Проведение режимных мероприятий в сёлах Уйгурского района: проверка пропусков в пограничную зону, выявление незаконных мигрантов, взаимодействие с участковыми инспекторами.",
    language: "ru",
    docDate: "2026-08-11",
    audience: "UNIT",
    marking: "OPEN",
  },
  {
    unit: "DEMO-IAB",
    kind: "METHODOLOGY",
    title: "Методика выявления поддельных документов, удостоверяющих личность (демо)",
    body: "Учебно-методический материал для миграционной полиции: проверка паспортов и виз, работа с ультрафиолетовой лампой и лупой, типичные подделки, порядок изъятия документов и составления протокола.",
    language: "ru",
    docDate: "2026-02-10",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
  },
  {
    unit: "DEMO-NSC-BS",
    kind: "REVIEW",
    title: "Обзор новых способов действий нарушителей границы (демо)",
    body: "Обобщение практики: новые тактические приёмы нарушителей границы и контрабандистов, использование поддельных приглашений и лицензий, переходы вне пунктов пропуска. Для служебного пользования.",
    language: "ru",
    docDate: "2026-06-30",
    audience: "ALL_AGENCIES",
    marking: "OFFICIAL_USE",
  },
  {
    unit: "DEMO-CUSTOMS",
    kind: "INSTRUCTION",
    title: "Кеден органдарының шекарадағы өзара іс-қимыл жөніндегі нұсқауы (демо)",
    body: "Кеден заңнамасын бұзушыларды, контрабанда заттарын және шекарадан өткізуге жатпайтын тауарларды Шекара қызметіне және ішкі істер органдарына тапсыру тәртібі.",
    language: "kk",
    docDate: "2026-04-01",
    audience: "ALL_AGENCIES",
    marking: "OPEN",
  },
];

const MONTHS_KK = [
  "",
  "қаңтар",
  "ақпан",
  "наурыз",
  "сәуір",
  "мамыр",
  "маусым",
  "шілде",
  "тамыз",
  "қыркүйек",
  "қазан",
];
const MONTHS_RU = [
  "",
  "январь",
  "февраль",
  "март",
  "апрель",
  "май",
  "июнь",
  "июль",
  "август",
  "сентябрь",
  "октябрь",
];

/** Monthly written information exchanged in the triad (X p.5.3), filed in the bank. */
function monthlyReports(): DemoDoc[] {
  const out: DemoDoc[] = [];
  for (let m = 1; m <= 10; m += 1) {
    const month = String(m).padStart(2, "0");
    out.push({
      unit: m % 2 ? "DEMO-NSC-KHORGOS" : "DEMO-CUSTOMS-KHORGOS",
      kind: "REPORT",
      title: `«Қорғас» бекетіндегі жағдай туралы айлық ақпарат, 2026 ж. ${MONTHS_KK[m]} (демо)`,
      body: `Өткен айдағы жағдай: шекара бұзушылар ұсталды, заңсыз көші-қон фактілері, контрабанда әрекеттері анықталды. Шекараны күзетудің жаңа әдістері. Кезең: 2026-${month}.`,
      language: "kk",
      docDate: `2026-${String(m + 1).padStart(2, "0")}-02`,
      audience: "ALL_AGENCIES",
      marking: "OPEN",
    });
    out.push({
      unit: m % 2 ? "DEMO-IAB-PANFILOV" : "DEMO-NSC-KHORGOS",
      kind: "REPORT",
      title: `Ежемесячная информация об обстановке на пункте пропуска «Коргас», ${MONTHS_RU[m]} 2026 (демо)`,
      body: `Обстановка за прошедший месяц: задержаны нарушители границы, выявлены незаконные мигранты и поддельные документы, пресечены попытки контрабанды. Новые методы охраны границы. Период: 2026-${month}.`,
      language: "ru",
      docDate: `2026-${String(m + 1).padStart(2, "0")}-03`,
      audience: "ALL_AGENCIES",
      marking: "OPEN",
    });
  }
  return out;
}

/** The demo documents: a few dozen, in Kazakh and Russian. */
export const DEMO_BANK_DOCUMENTS: readonly DemoDoc[] = [...HAND_WRITTEN, ...monthlyReports()];

// Two months of the Khorgos triad's figures; in October the agencies disagree on one indicator.
const DEMO_FIGURES: Record<string, Record<string, [number, number, number]>> = {
  "2026-09": {
    PERSONS_PROCESSED: [41250, 41250, 41250],
    VEHICLES_PROCESSED: [9800, 9800, 9800],
    FORGED_DOCUMENTS: [7, 7, 7],
    VIOLATORS_DETAINED: [5, 5, 5],
    ILLEGAL_MIGRANTS_DETAINED: [11, 11, 11],
    HANDED_TO_IAB: [4, 4, 4],
    EXPULSIONS: [3, 3, 3],
    CONTRABAND_CASES: [9, 9, 9],
  },
  "2026-10": {
    PERSONS_PROCESSED: [43870, 43870, 43870],
    VEHICLES_PROCESSED: [10240, 10240, 10240],
    FORGED_DOCUMENTS: [9, 9, 9],
    VIOLATORS_DETAINED: [6, 6, 6],
    ILLEGAL_MIGRANTS_DETAINED: [14, 12, 14],
    HANDED_TO_IAB: [5, 5, 5],
    EXPULSIONS: [2, 2, 2],
    CONTRABAND_CASES: [12, 12, 12],
  },
};

/** Loads the demo data bank and statistics once (labelled demo); false when already present. */
export async function loadDemoCoordinationData(deps: Pick<Deps, "database" | "clock">): Promise<boolean> {
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const present = rowsOf<{ n: number }>(
      await tx.execute(sql`SELECT count(*)::int AS n FROM bank_documents WHERE is_demo = 1`),
    )[0];
    if ((present?.n ?? 0) > 0) return false;
    const codes = [...new Set(DEMO_BANK_DOCUMENTS.map((d) => d.unit))];
    const found = await tx.select().from(units).where(inArray(units.code, codes));
    const byCode = new Map(found.map((u) => [u.code, u]));
    const rows = DEMO_BANK_DOCUMENTS.flatMap((d) => {
      const unit = byCode.get(d.unit);
      if (!unit) return [];
      return [
        {
          kind: d.kind,
          title: d.title,
          body: d.body,
          language: d.language,
          reference: d.reference ?? null,
          docDate: d.docDate,
          agency: unit.agency,
          unitId: unit.id,
          unitPath: unit.path,
          audience: d.audience,
          marking: d.marking,
          isDemo: 1,
          createdAt: now,
        },
      ];
    });
    if (rows.length) await tx.insert(bankDocuments).values(rows);
    const khorgos = (
      await tx.select({ id: units.triadId }).from(units).where(eq(units.code, "DEMO-NSC-KHORGOS")).limit(1)
    )[0]?.id;
    const triad = khorgos
      ? (await tx.select().from(triads).where(eq(triads.id, khorgos)).limit(1))[0]
      : undefined;
    if (triad) {
      const members = await tx.select().from(units).where(eq(units.triadId, triad.id));
      const agencies = ["IAB", "NSC", "CUSTOMS"] as const;
      for (const [period, values] of Object.entries(DEMO_FIGURES)) {
        for (const [indicator, perAgency] of Object.entries(values)) {
          for (const [k, agency] of agencies.entries()) {
            const unit = members.find((u) => u.agency === agency);
            if (!unit) continue;
            await tx.insert(statFigures).values({
              triadId: triad.id,
              period,
              indicator,
              indicatorSetVersion: 1,
              agency,
              unitId: unit.id,
              value: perAgency[k] ?? 0,
              note: "демо / demo",
              isDemo: 1,
              createdAt: now,
              updatedAt: now,
            });
          }
        }
      }
    }
    await appendAudit(
      tx,
      now,
      null,
      { address: undefined, requestId: "demo-data" },
      {
        action: "demo.load",
        objectType: "demo",
        details: { bankDocuments: rows.length, statistics: triad ? Object.keys(DEMO_FIGURES) : [] },
      },
    );
    return true;
  });
}
