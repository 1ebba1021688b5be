/**
 * The five classes of inter-agency information of X p.5 (SPEC X-3..X-7) as versioned rules
 * data (C-1): each class carries its timing, delivery mode, clause, translated name and
 * explanation, and the topics it covers with the fields each topic's message template needs.
 * Admins schedule new versions as JSON; `parseExchangeRules` is the gate they pass.
 */
import { z } from "zod";
import { invalid } from "../errors.js";
import type { Translated } from "../i18n.js";
import { customMessage, issueDetail, matching } from "../validation-messages.js";
import { isIsoDate, isLocalTime } from "./time.js";

/** The five classes, in the order of X p.5. */
export const EXCHANGE_CLASS_IDS = ["URGENT", "DAILY", "MONTHLY", "ADVANCE", "SEMI_ANNUAL"] as const;
export type ExchangeClassId = (typeof EXCHANGE_CLASS_IDS)[number];

/** The classes that recur on the calendar; the other two arise from an event or an oral notice. */
export const PERIODIC_CLASS_IDS = ["DAILY", "MONTHLY", "SEMI_ANNUAL"] as const;
export type PeriodicClassId = (typeof PERIODIC_CLASS_IDS)[number];

/** A clause of the checkpoint instruction: "X p.5.1", "X p.9". */
export const EXCHANGE_CLAUSE_PATTERN = /^X p\.\d+(?:\.\d+)*$/;

/** How the information travels: oral over duty-service lines, in writing, or oral then confirmed in writing. */
export const DELIVERY_MODES = ["ORAL", "WRITTEN", "ORAL_THEN_WRITTEN"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Kinds of value a topic field holds; "persons" is a list of identity records. */
export const FIELD_TYPES = [
  "text",
  "longText",
  "integer",
  "date",
  "time",
  "dateTime",
  "boolean",
  "choice",
  "country",
  "checkpoint",
  "persons",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const codeSchema = matching(/^[A-Z][A-Z0-9_]*$/, {
  kk: "UPPER_SNAKE түріндегі код болуы керек",
  ru: "должен быть код в стиле UPPER_SNAKE",
  en: "must be an UPPER_SNAKE code",
});
const fieldNameSchema = matching(/^[a-z][A-Za-z0-9]*$/, {
  kk: "camelCase түріндегі атау болуы керек",
  ru: "должно быть имя в стиле camelCase",
  en: "must be a camelCase name",
});

const translatedSchema = z.strictObject({
  kk: z.string().trim().min(1),
  ru: z.string().trim().min(1),
  en: z.string().trim().min(1),
});

const isoDateSchema = z.string().refine(
  isIsoDate,
  customMessage({
    kk: "нақты күн болуы керек, ЖЖЖЖ-АА-КК",
    ru: "должна быть существующая дата ГГГГ-ММ-ДД",
    en: "must be a real calendar date YYYY-MM-DD",
  }),
);
const localTimeSchema = z.string().refine(
  isLocalTime,
  customMessage({
    kk: "жергілікті уақыт болуы керек, СС:ММ",
    ru: "должно быть местное время ЧЧ:ММ",
    en: "must be a local time HH:MM",
  }),
);

/** A country as its ISO 3166 alpha-2 code. */
const countryCodeSchema = z.string().refine(
  (value) => /^[A-Z]{2}$/.test(value),
  customMessage({
    kk: "ISO 3166 екі әріпті ел коды болуы керек (мыс. KZ)",
    ru: "должен быть двухбуквенный код страны ISO 3166 (напр. KZ)",
    en: "must be an ISO 3166 alpha-2 code (e.g. KZ)",
  }),
);

const optionSchema = z.strictObject({ code: codeSchema, label: translatedSchema });

/** One structured field of a topic's message template. */
export const topicFieldSchema = z
  .strictObject({
    name: fieldNameSchema,
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    label: translatedSchema,
    // the choices of a "choice" field
    options: z.array(optionSchema).min(2).optional(),
    // the most persons a "persons" field may list (1 for messages sent per person)
    maxItems: z.number().int().min(1).optional(),
  })
  .refine((field) => (field.type === "choice") === (field.options !== undefined), {
    ...customMessage({
      kk: "нұсқалар тек choice өрістеріне және оларға міндетті түрде беріледі",
      ru: "варианты задаются только для полей choice, и для них обязательно",
      en: "options are required for, and only for, choice fields",
    }),
    path: ["options"],
  })
  .refine((field) => field.maxItems === undefined || field.type === "persons", {
    ...customMessage({
      kk: "maxItems тек persons өрістеріне қолданылады",
      ru: "maxItems применяется только к полям persons",
      en: "maxItems applies only to persons fields",
    }),
    path: ["maxItems"],
  });
export type TopicField = z.infer<typeof topicFieldSchema>;

/** One topic a class covers, e.g. detected or detained illegal migrants. */
export const topicSchema = z.strictObject({
  code: codeSchema,
  label: translatedSchema,
  // X p.5.4: information on each detained person handed over is sent separately
  onePerMessage: z.boolean().optional(),
  fields: z.array(topicFieldSchema).min(1),
});
export type Topic = z.infer<typeof topicSchema>;

const baseRule = {
  version: z.number().int().min(1),
  effectiveFrom: isoDateSchema,
  clause: z.string().regex(EXCHANGE_CLAUSE_PATTERN, 'must cite a clause like "X p.5.1"'),
  name: translatedSchema,
  explanation: translatedSchema,
  delivery: z.enum(DELIVERY_MODES),
  // whether a delivery before the window opens still discharges the obligation (see compliance.ts)
  earlyCountsAsOnTime: z.boolean(),
  // whether the sender's superior unit is an addressee besides the counterparts (X-8 "where the rules say")
  copyToSuperior: z.boolean().optional(),
  topics: z.array(topicSchema).min(1),
};

/** URGENT timing: the written confirmation is due this many minutes after the oral notice. */
export const urgentTimingSchema = z.strictObject({ confirmWithinMinutes: z.number().int().min(1).max(1440) });
/** DAILY timing: the local times of day the oral report window opens and closes. */
export const dailyTimingSchema = z
  .strictObject({ opensAt: localTimeSchema, dueAt: localTimeSchema })
  .refine((t) => t.opensAt < t.dueAt, {
    ...customMessage({
      kk: "мерзім жабылмас бұрын ашылуы керек",
      ru: "окно должно открываться раньше, чем закрывается",
      en: "the window must open before it closes",
    }),
    path: ["dueAt"],
  });
/**
 * MONTHLY timing: the window for month M opens at 00:00 on day `opensOnDay` of M and closes at
 * the end of day `dueOnDayOfNextMonth` of M+1. Days stop at 28 so every month (February too) has them.
 */
export const monthlyTimingSchema = z.strictObject({
  opensOnDay: z.number().int().min(1).max(28),
  dueOnDayOfNextMonth: z.number().int().min(1).max(28),
});
/** ADVANCE timing: due at the event itself, or this many minutes before it. */
export const advanceTimingSchema = z.strictObject({ leadMinutes: z.number().int().min(0) });
/** SEMI_ANNUAL timing: calendar halves; the window is the whole half, due by the end of its last day. */
export const semiAnnualTimingSchema = z.strictObject({ windowIsWholeHalf: z.literal(true) });

/** One version of one class's rule. */
export const exchangeClassRuleSchema = z.discriminatedUnion("id", [
  z.strictObject({ id: z.literal("URGENT"), ...baseRule, timing: urgentTimingSchema }),
  z.strictObject({ id: z.literal("DAILY"), ...baseRule, timing: dailyTimingSchema }),
  z.strictObject({ id: z.literal("MONTHLY"), ...baseRule, timing: monthlyTimingSchema }),
  z.strictObject({ id: z.literal("ADVANCE"), ...baseRule, timing: advanceTimingSchema }),
  z.strictObject({ id: z.literal("SEMI_ANNUAL"), ...baseRule, timing: semiAnnualTimingSchema }),
]);
export type ExchangeClassRule = z.infer<typeof exchangeClassRuleSchema>;
/** The rule of one class, narrowed by its id. */
export type ExchangeRuleOf<K extends ExchangeClassId> = Extract<ExchangeClassRule, { id: K }>;

/** All versions of all class rules; (id, version) is unique, and codes and names unique within their list. */
export const exchangeRulesSchema = z.array(exchangeClassRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const key = `${rule.id}@${rule.version}`;
    if (seen.has(key))
      ctx.addIssue({
        code: "custom",
        ...customMessage({
          kk: `нұсқа қайталанады: ${key}`,
          ru: `версия повторяется: ${key}`,
          en: `duplicate version ${key}`,
        }),
        path: [index, "version"],
      });
    seen.add(key);
    const codes = new Set<string>();
    rule.topics.forEach((topic, t) => {
      if (codes.has(topic.code)) {
        ctx.addIssue({
          code: "custom",
          ...customMessage({
            kk: "тақырып коды қайталанады",
            ru: "код темы повторяется",
            en: "duplicate topic code",
          }),
          path: [index, "topics", t, "code"],
        });
      }
      codes.add(topic.code);
      const names = new Set<string>();
      topic.fields.forEach((field, f) => {
        if (names.has(field.name)) {
          ctx.addIssue({
            code: "custom",
            ...customMessage({
              kk: "өріс атауы қайталанады",
              ru: "имя поля повторяется",
              en: "duplicate field name",
            }),
            path: [index, "topics", t, "fields", f, "name"],
          });
        }
        names.add(field.name);
      });
    });
  });
});

/** Validates admin-supplied rules; throws a 400 naming the offending path (e.g. "0.timing.dueAt"). */
export function parseExchangeRules(input: unknown): ExchangeClassRule[] {
  const result = exchangeRulesSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue)
    throw invalid("exchangeRules", {
      kk: "ақпарат алмасу ережелері дұрыс емес",
      ru: "некорректные правила обмена информацией",
      en: "invalid exchange rules",
    });
  // Unknown keys are reported on their object; name the key itself so the admin finds it.
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const field = path
    .map(String)
    .filter((part) => part !== "")
    .join(".");
  throw invalid(field || "exchangeRules", issueDetail(issue, field || "exchangeRules"));
}

/**
 * The version of a class's rule in force on a local date: the latest effectiveFrom on or before
 * it, the higher version on a tie; undefined when none is in force yet.
 */
export function exchangeRuleAt<K extends ExchangeClassId>(
  rules: readonly ExchangeClassRule[],
  id: K,
  date: string,
): ExchangeRuleOf<K> | undefined {
  let best: ExchangeRuleOf<K> | undefined;
  for (const rule of rules) {
    if (!isRuleOf(rule, id) || rule.effectiveFrom > date) continue;
    if (
      !best ||
      rule.effectiveFrom > best.effectiveFrom ||
      (rule.effectiveFrom === best.effectiveFrom && rule.version > best.version)
    ) {
      best = rule;
    }
  }
  return best;
}

function isRuleOf<K extends ExchangeClassId>(rule: ExchangeClassRule, id: K): rule is ExchangeRuleOf<K> {
  return rule.id === id;
}

// ---------------------------------------------------------------------------------------------
// Version 1: the instruction as registered by the Ministry of Justice on 2002-05-22 (N 1862),
// in force from registration (order p.4).

/** The date the checkpoint instruction came into force: its state registration (order p.4). */
export const INSTRUCTION_EFFECTIVE_FROM = "2002-05-22";

const t = (kk: string, ru: string, en: string): Translated => ({ kk, ru, en });

const summary = (required = true): TopicField => ({
  name: "summary",
  type: "longText",
  required,
  label: t("Мазмұны", "Содержание", "Summary"),
});
const checkpoint = (required: boolean): TopicField => ({
  name: "checkpoint",
  type: "checkpoint",
  required,
  label: t("Өткізу бекеті", "Пункт пропуска", "Checkpoint"),
});
const state = (name: string, label: Translated, required = true): TopicField => ({
  name,
  type: "country",
  required,
  label,
});
const persons = (required: boolean, maxItems?: number): TopicField => ({
  name: "persons",
  type: "persons",
  required,
  label: t("Тұлғалардың анықталған деректері", "Установочные данные лиц", "Identity data of the persons"),
  ...(maxItems === undefined ? {} : { maxItems }),
});
const choice = (
  name: string,
  label: Translated,
  options: [string, Translated][],
  required = true,
): TopicField => ({
  name,
  type: "choice",
  required,
  label,
  options: options.map(([code, optionLabel]) => ({ code, label: optionLabel })),
});
const stage = choice("stage", t("Кезеңі", "Стадия", "Stage"), [
  ["PREPARED", t("Дайындалып жатыр", "Готовится", "Being prepared")],
  ["COMMITTED", t("Жүзеге асырылды (әрекет)", "Совершено (попытка)", "Committed (attempted)")],
]);

const URGENT_V1: ExchangeRuleOf<"URGENT"> = {
  id: "URGENT",
  version: 1,
  effectiveFrom: INSTRUCTION_EFFECTIVE_FROM,
  clause: "X p.5.1",
  name: t("Жедел ақпарат", "Оперативная информация", "Urgent operational information"),
  explanation: t(
    "Кезекшілік қызметтерінің желілері бойынша кез келген байланыс құралымен дереу ауызша хабарланады және ауызша хабарлау сәтінен бастап 2 сағаттан кешіктірілмей жазбаша түрде расталады.",
    "Передаётся немедленно по линиям дежурных служб любыми средствами связи и подтверждается письменно не позднее 2 часов с момента устного сообщения.",
    "Passed at once by any means over duty-service lines and confirmed in writing no later than 2 hours after the oral notice.",
  ),
  delivery: "ORAL_THEN_WRITTEN",
  // A confirmation written before the oral notice is logged still confirms it in writing.
  earlyCountsAsOnTime: true,
  // Urgent information bears on security: the superior level learns it at once, not only on escalation.
  copyToSuperior: true,
  timing: { confirmWithinMinutes: 120 },
  topics: [
    {
      code: "NEIGHBOUR_CRISIS",
      label: t(
        "Шекаралас мемлекетте шекарадағы жағдайды тұрақсыздандыратын дағдарысты ахуалдың алғы шарттары",
        "Предпосылки кризисной обстановки в сопредельном государстве, дестабилизирующей обстановку на границе",
        "Preconditions of a crisis in a neighbouring state destabilizing the border",
      ),
      fields: [state("state", t("Мемлекет", "Государство", "State")), summary()],
    },
    {
      code: "NEIGHBOUR_ACTIONS",
      label: t(
        "Шекаралас мемлекеттердің қауіпсіздікке әсер ететін саяси және экономикалық акциялары, өзге де фактілер мен оқиғалар",
        "Политические и экономические акции сопредельных государств, иные факты и события, влияющие на безопасность",
        "Political or economic actions of neighbouring states and other events affecting security",
      ),
      fields: [
        state("state", t("Мемлекет", "Государство", "State")),
        { name: "eventDate", type: "date", required: false, label: t("Күні", "Дата", "Date") },
        summary(),
      ],
    },
    {
      code: "PROHIBITED_GOODS",
      label: t(
        "Қаруды, оқ-дәрілерді, есірткілерді, жарылғыш, радиоактивті, уландырғыш, психотроптық заттарды және тыйым салынған өзге де жүктерді заңсыз өткізу",
        "Незаконное перемещение оружия, боеприпасов, наркотиков, взрывчатых, радиоактивных, отравляющих, психотропных веществ и иных запрещённых грузов",
        "Illegal movement of weapons, ammunition, drugs, explosive, radioactive, poisonous, psychotropic substances and other prohibited goods",
      ),
      fields: [
        choice("goods", t("Заттар", "Предметы", "Goods"), [
          ["WEAPONS", t("Қару", "Оружие", "Weapons")],
          ["AMMUNITION", t("Оқ-дәрілер", "Боеприпасы", "Ammunition")],
          ["DRUGS", t("Есірткілер", "Наркотики", "Drugs")],
          ["EXPLOSIVES", t("Жарылғыш заттар", "Взрывчатые вещества", "Explosives")],
          ["RADIOACTIVE", t("Радиоактивті заттар", "Радиоактивные вещества", "Radioactive substances")],
          ["POISONOUS", t("Уландырғыш заттар", "Отравляющие вещества", "Poisonous substances")],
          ["PSYCHOTROPIC", t("Психотроптық заттар", "Психотропные вещества", "Psychotropic substances")],
          [
            "OTHER_PROHIBITED",
            t("Тыйым салынған өзге де заттар", "Иные запрещённые предметы", "Other prohibited goods"),
          ],
        ]),
        stage,
        checkpoint(false),
        summary(),
      ],
    },
    {
      code: "SMUGGLING_CHANNELS",
      label: t(
        "Контрабандашылар мен заңсыз қоныс аударушылар қолданатын арналар, әдістер, құралдар мен құлықтар",
        "Каналы, методы, средства и уловки контрабандистов и незаконных мигрантов",
        "Channels, methods, means and tricks of smugglers and illegal migrants",
      ),
      fields: [
        choice("actors", t("Кім қолданады", "Кем используются", "Used by"), [
          ["SMUGGLERS", t("Контрабандашылар", "Контрабандисты", "Smugglers")],
          ["ILLEGAL_MIGRANTS", t("Заңсыз қоныс аударушылар", "Незаконные мигранты", "Illegal migrants")],
        ]),
        { name: "channel", type: "text", required: true, label: t("Арна", "Канал", "Channel") },
        summary(),
      ],
    },
    {
      code: "WANTED_PERSONS",
      label: t(
        "Шекарада пайда болуы мүмкін, іздеу жарияланған адамдар (топтар)",
        "Разыскиваемые лица (группы), которые могут появиться на границе",
        "Wanted persons or groups who may appear at the border",
      ),
      fields: [
        persons(true),
        choice("involvement", t("Қатысы", "Причастность", "Involvement"), [
          [
            "DRUG_BUSINESS",
            t("Халықаралық есірткі бизнесі", "Международный наркобизнес", "International drug business"),
          ],
          ["TERRORISM", t("Терроризм", "Терроризм", "Terrorism")],
          [
            "OTHER_INTERNATIONAL_CRIME",
            t(
              "Халықаралық қылмыстың өзге түрлері",
              "Иные виды международной преступности",
              "Other international crime",
            ),
          ],
        ]),
        {
          name: "wantedBy",
          type: "text",
          required: false,
          label: t("Іздеу жариялаған орган", "Инициатор розыска", "Wanted by"),
        },
        summary(false),
      ],
    },
    {
      code: "ILLEGAL_MIGRANTS",
      label: t(
        "Анықталған және ұсталған заңсыз қоныс аударушылар және оларға қатысты қабылданған шаралар",
        "Выявленные и задержанные незаконные мигранты и принятые к ним меры",
        "Detected or detained illegal migrants and the measures taken",
      ),
      fields: [
        persons(true),
        choice("detection", t("Жағдайы", "Обстоятельство", "Circumstance"), [
          ["DETECTED", t("Анықталды", "Выявлены", "Detected")],
          ["DETAINED", t("Ұсталды", "Задержаны", "Detained")],
        ]),
        state("destinationState", t("Баратын мемлекеті", "Государство назначения", "Destination state")),
        {
          name: "route",
          type: "text",
          required: true,
          label: t("Сапарының бағыты", "Маршрут следования", "Route"),
        },
        {
          name: "declaredPurpose",
          type: "text",
          required: true,
          label: t("Мәлімдеген мақсаты", "Заявленная цель", "Declared purpose"),
        },
        checkpoint(true),
        choice("crossing", t("Өтуі", "Следование", "Travelling"), [
          ["ALONE", t("Жеке", "В одиночку", "Alone")],
          ["GROUP", t("Топтың құрамында", "В составе группы", "In a group")],
        ]),
        {
          name: "documentsObtained",
          type: "longText",
          required: false,
          label: t(
            "Визаларды, шақыруларды, лицензияларды алу тәсілдері мен әдістері",
            "Способы и методы получения виз, приглашений, лицензий",
            "How visas, invitations and licences were obtained",
          ),
        },
        {
          name: "measuresTaken",
          type: "longText",
          required: true,
          label: t("Қабылданған шаралар", "Принятые меры", "Measures taken"),
        },
      ],
    },
    {
      code: "FORGED_DOCUMENTS",
      label: t(
        "Шекарадан заңсыз өту үшін пайдаланылатын жасанды және ұрланған құжаттар",
        "Поддельные и похищенные документы, используемые для незаконного пересечения границы",
        "Forged and stolen documents used to cross the border illegally",
      ),
      fields: [
        choice("kind", t("Түрі", "Вид", "Kind"), [
          ["FORGED", t("Жасанды", "Поддельный", "Forged")],
          ["STOLEN", t("Ұрланған", "Похищенный", "Stolen")],
        ]),
        {
          name: "documentType",
          type: "text",
          required: true,
          label: t("Құжат түрі", "Тип документа", "Document type"),
        },
        {
          name: "documentNumber",
          type: "text",
          required: false,
          label: t("Құжат нөмірі", "Номер документа", "Document number"),
        },
        state("issuingState", t("Берген мемлекет", "Государство выдачи", "Issuing state"), false),
        persons(false),
      ],
    },
    {
      code: "ILLEGAL_CROSSING",
      label: t(
        "Өткізу бекеттерінен тыс шекарадан заңсыз өту (бұзып өту) фактілері",
        "Факты незаконного пересечения (прорыва) границы вне пунктов пропуска",
        "Illegal crossings (breakthroughs) outside checkpoints",
      ),
      fields: [
        { name: "place", type: "text", required: true, label: t("Орны", "Место", "Place") },
        { name: "occurredAt", type: "dateTime", required: true, label: t("Уақыты", "Время", "Time") },
        {
          name: "personCount",
          type: "integer",
          required: false,
          label: t("Адамдар саны", "Количество лиц", "Number of persons"),
        },
        summary(),
      ],
    },
    {
      code: "CULTURAL_VALUES",
      label: t(
        "Материалдық және мәдени құндылықтарды транзит арқылы заңсыз өткізу, арналар мен әдістер",
        "Незаконный транзит материальных и культурных ценностей, каналы и методы",
        "Illegal transit of material and cultural values, channels and methods",
      ),
      fields: [
        { name: "items", type: "longText", required: true, label: t("Құндылықтар", "Ценности", "Values") },
        stage,
        {
          name: "channels",
          type: "longText",
          required: false,
          label: t("Арналар мен әдістер", "Каналы и методы", "Channels and methods"),
        },
      ],
    },
  ],
};

const DAILY_V1: ExchangeRuleOf<"DAILY"> = {
  id: "DAILY",
  version: 1,
  effectiveFrom: INSTRUCTION_EFFECTIVE_FROM,
  clause: "X p.5.2",
  name: t("Күн сайынғы ақпарат", "Ежедневная информация", "Daily information"),
  explanation: t(
    "Кезекші қызметтер арқылы жергілікті уақыт бойынша 7.00-ден 9.00-ге дейін ауызша беріледі: шекарадағы және өткізу бекеттеріндегі жағдайдың тәулік бойындағы өзгерістері.",
    "Передаётся устно через дежурные службы с 7.00 до 9.00 по местному времени: изменения обстановки на границе и в пунктах пропуска за сутки.",
    "Passed orally through duty services between 07:00 and 09:00 local time: changes in the situation at the border and checkpoints over the past day.",
  ),
  delivery: "ORAL",
  // A report before 07:00 cannot yet cover the whole past day.
  earlyCountsAsOnTime: false,
  timing: { opensAt: "07:00", dueAt: "09:00" },
  topics: [
    {
      code: "SITUATION_CHANGES",
      label: t(
        "Шекарадағы және өткізу бекеттеріндегі жағдайдың тәулік бойындағы өзгерістері",
        "Изменения обстановки на границе и в пунктах пропуска за сутки",
        "Changes in the situation at the border and checkpoints over the past day",
      ),
      fields: [
        checkpoint(true),
        {
          name: "noChanges",
          type: "boolean",
          required: false,
          label: t("Өзгеріс жоқ", "Изменений нет", "No changes"),
        },
        summary(false),
      ],
    },
  ],
};

const MONTHLY_V1: ExchangeRuleOf<"MONTHLY"> = {
  id: "MONTHLY",
  version: 1,
  effectiveFrom: INSTRUCTION_EFFECTIVE_FROM,
  clause: "X p.5.3",
  name: t("Айлық ақпарат", "Ежемесячная информация", "Monthly information"),
  explanation: t(
    "Ағымдағы айдың 28-нен келесі айдың 5-не дейінгі кезеңде жазбаша жіберіледі: өткен айдағы жағдай, жаңа тактика, құқыққа қарсы әрекеттер, ерекшеленетін ұстау мысалдары.",
    "Направляется письменно в период с 28 числа текущего месяца до 5 числа следующего: обстановка за прошедший месяц, новая тактика, противоправные действия, характерные примеры задержаний.",
    "Sent in writing between the 28th of the month and the 5th of the next: the situation of the past month, new tactics, unlawful acts, notable detentions.",
  ),
  delivery: "WRITTEN",
  // A report before the 28th cannot cover the month it reports on; it must be sent again in the window.
  earlyCountsAsOnTime: false,
  timing: { opensOnDay: 28, dueOnDayOfNextMonth: 5 },
  topics: [
    {
      code: "MONTH_SITUATION",
      label: t(
        "Шекарадағы және өткізу бекеттеріндегі өткен айдағы жағдай",
        "Обстановка на границе и в пунктах пропуска за прошедший месяц",
        "The situation at the border and checkpoints over the past month",
      ),
      fields: [summary()],
    },
    {
      code: "INTERETHNIC_INCITEMENT",
      label: t(
        "Қызметі ұлтаралық жанжалдарды тұтатуды мақсат ететін ұйымдар мен топтар",
        "Организации и группы, деятельность которых направлена на разжигание межнациональных конфликтов",
        "Organizations and groups inciting interethnic conflict",
      ),
      fields: [
        {
          name: "organization",
          type: "text",
          required: true,
          label: t("Ұйым (топ)", "Организация (группа)", "Organization (group)"),
        },
        summary(),
      ],
    },
    {
      code: "VIOLATOR_TACTICS",
      label: t(
        "Шекараны бұзушылардың іс-қимыл тактикасындағы жаңа элементтер",
        "Новые элементы в тактике действий нарушителей границы",
        "New elements in the tactics of border violators",
      ),
      fields: [summary()],
    },
    {
      code: "CROSS_BORDER_DAMAGE",
      label: t(
        "Мемлекетке саяси, экономикалық және өзге де нұқсан келтіретін шекара арқылы жасалған құқыққа қарсы әрекеттер",
        "Противоправные действия через границу, наносящие государству политический, экономический и иной ущерб",
        "Unlawful acts across the border causing political, economic or other damage",
      ),
      fields: [
        choice("damage", t("Нұқсан түрі", "Вид ущерба", "Kind of damage"), [
          ["POLITICAL", t("Саяси", "Политический", "Political")],
          ["ECONOMIC", t("Экономикалық", "Экономический", "Economic")],
          ["OTHER", t("Өзге", "Иной", "Other")],
        ]),
        summary(),
      ],
    },
    {
      code: "PROTECTION_METHODS",
      label: t(
        "Шекараны қорғаудың жаңа тәсілдері, нысандары мен әдістері және бұзушыларды, контрабанданы ұстаудың ерекшеленетін мысалдары",
        "Новые способы, формы и методы охраны границы и характерные примеры задержания нарушителей и контрабанды",
        "New methods of border protection and notable detentions of violators and smugglers",
      ),
      fields: [summary()],
    },
  ],
};

const ADVANCE_V1: ExchangeRuleOf<"ADVANCE"> = {
  id: "ADVANCE",
  version: 1,
  effectiveFrom: INSTRUCTION_EFFECTIVE_FROM,
  clause: "X p.5.4",
  name: t(
    "Алдын ала жазбаша ақпарат",
    "Письменная информация (заблаговременно)",
    "Advance written information",
  ),
  explanation: t(
    "Оқиғаға дейін алдын ала жазбаша жіберіледі: құжаттардың жаңа үлгілері, шығарып жіберу шаралары, әкімшілік құқық бұзушылық үшін тапсырылған адамдар (әрқайсысы жеке).",
    "Направляется письменно заблаговременно, до события: новые образцы документов, меры по выдворению, лица, переданные за административные правонарушения (каждое отдельно).",
    "Sent in writing before the event: new document specimens, expulsion measures, persons handed over for administrative offences (each separately).",
  ),
  delivery: "WRITTEN",
  // "In advance" sets no earliest moment: the sooner the better.
  earlyCountsAsOnTime: true,
  timing: { leadMinutes: 0 },
  topics: [
    {
      code: "DOCUMENT_CHANGES",
      label: t(
        "Құжаттардың жаңа үлгілері, оларды ресімдеу тәртібіндегі өзгерістер, мөртаңбалардың жаңа түрлері, жоғалған немесе ұрланған қорғаныс құралдары",
        "Новые образцы документов, изменения порядка их оформления, новые виды штампов, утраченные или похищенные средства защиты",
        "New document specimens, changes in their processing, new stamps, lost or stolen protective means",
      ),
      fields: [
        choice("change", t("Өзгеріс түрі", "Вид изменения", "Kind of change"), [
          ["NEW_SPECIMEN", t("Құжаттың жаңа үлгісі", "Новый образец документа", "New document specimen")],
          [
            "PROCESSING_CHANGE",
            t("Ресімдеу тәртібінің өзгеруі", "Изменение порядка оформления", "Change in processing"),
          ],
          ["NEW_STAMP", t("Мөртаңбаның жаңа түрі", "Новый вид штампа", "New stamp")],
          [
            "LOST_PROTECTIVE_MEANS",
            t(
              "Жоғалған немесе ұрланған қорғаныс құралдары",
              "Утраченные или похищенные средства защиты",
              "Lost or stolen protective means",
            ),
          ],
        ]),
        {
          name: "effectiveFrom",
          type: "date",
          required: false,
          label: t("Қолданысқа енгізілетін күні", "Дата введения", "In use from"),
        },
        summary(),
      ],
    },
    {
      code: "EXPULSION",
      label: t(
        "Шетел азаматтарын шығарып жіберу жөнінде қабылданған (жоспарланған) әкімшілік шаралар",
        "Принятые (планируемые) административные меры по выдворению иностранцев",
        "Taken or planned administrative measures to expel foreigners",
      ),
      fields: [
        choice("status", t("Мәртебесі", "Статус", "Status"), [
          ["PLANNED", t("Жоспарланған", "Планируемые", "Planned")],
          ["TAKEN", t("Қабылданған", "Принятые", "Taken")],
        ]),
        { name: "place", type: "text", required: true, label: t("Қайда", "Где", "Where") },
        { name: "date", type: "date", required: true, label: t("Қашан", "Когда", "When") },
        // the Kazakh text asks "when and at what time" — the hour is part of the template
        {
          name: "time",
          type: "time",
          required: false,
          label: t("Қай уақытта", "В какое время", "At what time"),
        },
        {
          name: "personCount",
          type: "integer",
          required: true,
          label: t("Қанша адам", "Сколько человек", "How many"),
        },
      ],
    },
    {
      code: "ADMIN_OFFENCE_HANDOVER",
      label: t(
        "Өткізу бекеттерінде ұсталған және әрекеттері Әкімшілік құқық бұзушылықтар туралы кодекске жататын, ішкі істер органдарына тапсырылған адамдар",
        "Лица, задержанные в пунктах пропуска и переданные органам внутренних дел, действия которых подпадают под Кодекс об административных правонарушениях",
        "Persons detained at checkpoints and handed to internal affairs bodies for administrative offences",
      ),
      onePerMessage: true,
      fields: [
        persons(true, 1),
        checkpoint(true),
        {
          name: "detainedAt",
          type: "dateTime",
          required: true,
          label: t("Ұсталған уақыты", "Время задержания", "Detained at"),
        },
        {
          name: "handedTo",
          type: "text",
          required: true,
          label: t("Кімге тапсырылды", "Кому передан", "Handed to"),
        },
        {
          name: "offence",
          type: "text",
          required: true,
          label: t("Құқық бұзушылық (бап)", "Правонарушение (статья)", "Offence (article)"),
        },
      ],
    },
  ],
};

const SEMI_ANNUAL_V1: ExchangeRuleOf<"SEMI_ANNUAL"> = {
  id: "SEMI_ANNUAL",
  version: 1,
  effectiveFrom: INSTRUCTION_EFFECTIVE_FROM,
  clause: "X p.5.5",
  name: t(
    "Біртұтас деректер банкіне арналған анықтамалық материалдар",
    "Справочные материалы для единого банка данных",
    "Reference materials for the unified data bank",
  ),
  explanation: t(
    "Жартыжылда бір рет жіберіледі: өзара мүдделі мәселелер бойынша шолулар, нұсқаулар және оқу-әдістемелік материалдар. Жүйеде мерзімі — жартыжылдықтың соңғы күнінің соңы.",
    "Направляются один раз в полугодие: обзоры, инструкции и учебно-методические материалы по вопросам взаимного интереса. В системе срок — конец последнего дня полугодия.",
    "Sent once per half-year: reviews, instructions and methodological materials of mutual interest. The system sets the deadline at the end of the half-year's last day.",
  ),
  delivery: "WRITTEN",
  // Materials sent before the half begins belong to the previous half.
  earlyCountsAsOnTime: false,
  timing: { windowIsWholeHalf: true },
  topics: [
    {
      code: "REFERENCE_MATERIALS",
      label: t(
        "Өзара мүдделілік тудыратын мәселелер бойынша шолулар, нұсқаулар және оқу-әдістемелік материалдар",
        "Обзоры, инструкции и учебно-методические материалы по вопросам взаимного интереса",
        "Reviews, instructions and methodological materials of mutual interest",
      ),
      fields: [
        choice("material", t("Материал түрі", "Вид материала", "Kind of material"), [
          ["REVIEW", t("Шолу", "Обзор", "Review")],
          ["INSTRUCTION", t("Нұсқау", "Инструкция", "Instruction")],
          [
            "METHODOLOGICAL",
            t("Оқу-әдістемелік материал", "Учебно-методический материал", "Methodological material"),
          ],
        ]),
        { name: "title", type: "text", required: true, label: t("Атауы", "Название", "Title") },
        summary(false),
      ],
    },
  ],
};

/** The shipped version 1 of every class, in the order of X p.5. */
export const EXCHANGE_RULES_V1: ExchangeClassRule[] = [
  URGENT_V1,
  DAILY_V1,
  MONTHLY_V1,
  ADVANCE_V1,
  SEMI_ANNUAL_V1,
];

/** The rules shipped with the system; admins add later versions as data. */
export const DEFAULT_EXCHANGE_RULES: readonly ExchangeClassRule[] = EXCHANGE_RULES_V1;

// ---------------------------------------------------------------------------------------------
// Validating a message's topic fields against its template.

const personSchema = z.strictObject({
  fullName: z.string().trim().min(1).max(300),
  birthDate: isoDateSchema.optional(),
  citizenship: countryCodeSchema.optional(),
  documentNumber: z.string().trim().min(1).max(50).optional(),
});

function fieldValueSchema(field: TopicField): z.ZodType {
  switch (field.type) {
    case "text":
      return z.string().trim().min(1).max(500);
    case "longText":
      return z.string().trim().min(1).max(20_000);
    case "integer":
      return z.number().int().min(0);
    case "date":
      return isoDateSchema;
    case "time":
      return localTimeSchema;
    case "dateTime":
      return z.iso.datetime({ offset: true });
    case "boolean":
      return z.boolean();
    case "choice": {
      const codes = (field.options ?? []).map((option) => option.code);
      return z.string().refine(
        (value) => codes.includes(value),
        customMessage({
          kk: `мыналардың бірі болуы керек: ${codes.join(", ")}`,
          ru: `должно быть одним из: ${codes.join(", ")}`,
          en: `must be one of ${codes.join(", ")}`,
        }),
      );
    }
    case "country":
      return countryCodeSchema;
    case "checkpoint":
      return z.string().trim().min(1).max(100);
    case "persons":
      return z
        .array(personSchema)
        .min(1)
        .max(field.maxItems ?? 1000);
  }
}

/** A zod schema for a message's topic fields, built from the topic's template. */
export function topicPayloadSchema(topic: Topic): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of topic.fields) {
    const schema = fieldValueSchema(field);
    shape[field.name] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}
