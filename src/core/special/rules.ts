/**
 * Rules of the special procedures as versioned data (C-1): the NSC's time to answer on a
 * foreigner's permit (Z p.17) and the routing table of special works (Z p.28). Each rule carries
 * its clause and a translated explanation; a later version is added with a later effectiveFrom.
 */
import { z } from "zod";
import { invalid } from "../errors.js";
import type { Translated } from "../i18n.js";

/** Kinds of special works of Z p.28: group (a) needs the Ministry of Defence, group (b) the Border troops. */
export const WORK_KINDS = [
  // Z p.28 (a)
  "FLIGHT",
  "AERIAL_PHOTOGRAPHY",
  "GEODETIC",
  "TOPOGRAPHIC",
  // Z p.28 (ә)/(b)
  "SURVEY",
  "WATER_REGIME",
  "FILMING",
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** The bodies that decide on special works. */
export const WORK_BODIES = ["MOD", "BORDER_TROOPS"] as const;
export type WorkBody = (typeof WORK_BODIES)[number];

/** The agency whose units act for a body (the Border troops are today the NSC Border Service). */
export const BODY_AGENCY: Record<WorkBody, "MOD" | "NSC"> = { MOD: "MOD", BORDER_TROOPS: "NSC" };

/** What a body's decision is in law: a permission, or an agreement to another body's permission. */
export const DECISION_ROLES = ["PERMISSION", "AGREEMENT"] as const;

const translated = z.strictObject({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) });
const clauses = z.array(z.string().regex(/^Z p\.\d+(?: [a-zа-яә]\))?$/u)).min(1);

const routeSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  kinds: z.array(z.enum(WORK_KINDS)).min(1),
  // undefined: whether or not the works touch the border strip
  inStrip: z.boolean().optional(),
  bodies: z.array(z.strictObject({ body: z.enum(WORK_BODIES), role: z.enum(DECISION_ROLES) })).min(1),
  clauses,
  explanation: translated,
});
export type WorksRoute = z.infer<typeof routeSchema>;

/** One version of the special-procedure rules. */
export const specialRuleSetSchema = z
  .strictObject({
    id: z.literal("special-procedures"),
    version: z.number().int().min(1),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    nscAgreement: z.strictObject({
      // calendar days from forwarding to the NSC answer
      days: z.number().int().min(1).max(90),
      clauses,
      explanation: translated,
    }),
    worksRoutes: z.array(routeSchema).min(1),
  })
  .superRefine((set, ctx) => {
    // Every kind × strip combination must find exactly one route: no gap, no ambiguity.
    for (const kind of WORK_KINDS) {
      for (const inStrip of [false, true]) {
        const n = set.worksRoutes.filter(
          (r) => r.kinds.includes(kind) && (r.inStrip === undefined || r.inStrip === inStrip),
        ).length;
        if (n !== 1)
          ctx.addIssue({
            code: "custom",
            path: ["worksRoutes"],
            message: `${kind} ${inStrip ? "in" : "outside"} the strip matches ${n} routes, needs exactly 1`,
          });
      }
    }
  });
export type SpecialRuleSet = z.infer<typeof specialRuleSetSchema>;

/** Version 1: the Instruction of 1994 as written. */
export const SPECIAL_RULES_V1: SpecialRuleSet = {
  id: "special-procedures",
  version: 1,
  effectiveFrom: "1994-09-19",
  nscAgreement: {
    // The law sets no term for the NSC's agreement; 10 days matches the applicant's own lead time
    // (Z p.26) so that an application made on time can still be decided before departure.
    days: 10,
    clauses: ["Z p.17"],
    explanation: {
      kk: "Шетел азаматтары мен азаматтығы жоқ адамдарға рұқсатты ішкі істер органдары Ұлттық қауіпсіздік комитетімен келісім бойынша береді; ҰҚК жауабы 10 күн ішінде күтіледі, мерзімі өткен жауап жоғары тұрған бөлімшеге жіберіледі.",
      ru: "Разрешение иностранцам и лицам без гражданства выдают органы внутренних дел по согласованию с Комитетом национальной безопасности; ответ КНБ ожидается в течение 10 дней, просроченный передаётся вышестоящему подразделению.",
      en: "Internal affairs bodies issue permits to foreigners and stateless persons in agreement with the National Security Committee; the NSC answers within 10 days, and an overdue answer is escalated to the superior unit.",
    },
  },
  worksRoutes: [
    {
      id: "WORKS_A_OUTSIDE_STRIP",
      kinds: ["FLIGHT", "AERIAL_PHOTOGRAPHY", "GEODETIC", "TOPOGRAPHIC"],
      inStrip: false,
      bodies: [{ body: "MOD", role: "PERMISSION" }],
      clauses: ["Z p.28 a)"],
      explanation: {
        kk: "Әуе кемелерінің ұшуы, аэрофотосуретке түсіру, геодезиялық және топографиялық жұмыстар Қорғаныс министрлігінің рұқсаты бойынша жүргізіледі.",
        ru: "Полёты воздушных судов, аэрофотосъёмка, геодезические и топографические работы проводятся с разрешения Министерства обороны.",
        en: "Flights of aircraft, aerial photography, geodetic and topographic works need the permission of the Ministry of Defence.",
      },
    },
    {
      id: "WORKS_A_IN_STRIP",
      kinds: ["FLIGHT", "AERIAL_PHOTOGRAPHY", "GEODETIC", "TOPOGRAPHIC"],
      inStrip: true,
      bodies: [
        { body: "MOD", role: "PERMISSION" },
        { body: "BORDER_TROOPS", role: "AGREEMENT" },
      ],
      clauses: ["Z p.28 a)"],
      explanation: {
        kk: "Шекаралық белдеуде және мемлекеттік шекара мен инженерлік бөгеттер желісі арасында бұл жұмыстарға Қорғаныс министрлігінің рұқсаты және Шекара әскерлерімен келісім қажет.",
        ru: "В пограничной полосе и между государственной границей и линией инженерных заграждений эти работы требуют разрешения Министерства обороны и согласования с Пограничными войсками.",
        en: "In the border strip and between the state border and the engineering barriers these works need the Ministry of Defence's permission and the Border troops' agreement.",
      },
    },
    {
      id: "WORKS_B",
      kinds: ["SURVEY", "WATER_REGIME", "FILMING"],
      bodies: [{ body: "BORDER_TROOPS", role: "PERMISSION" }],
      clauses: ["Z p.28 b)"],
      explanation: {
        kk: "Геологиялық, гидротехникалық, жол және басқа іздеулер, шекаралық суаттардың су режимін өзгертетін жұмыстар және жерді кинофотосуретке түсіру (шекаралық белдеуде де) Шекара әскерлерінің рұқсаты бойынша жүргізіледі.",
        ru: "Геологические, гидротехнические, дорожные и другие изыскания, работы, изменяющие водный режим пограничных водоёмов, и кино- и фотосъёмка местности (в том числе в пограничной полосе) проводятся с разрешения Пограничных войск.",
        en: "Geological, hydrotechnical, road and other surveys, works changing the water regime of border waters, and filming of terrain (also in the strip) need the Border troops' permission.",
      },
    },
  ],
};

/** The versions shipped with the code, oldest first. */
export const SPECIAL_RULE_SETS: readonly SpecialRuleSet[] = [SPECIAL_RULES_V1];

/** The version in force on a date (YYYY-MM-DD): the latest effectiveFrom on or before it. */
export function specialRulesAt(
  date: string,
  sets: readonly SpecialRuleSet[] = SPECIAL_RULE_SETS,
): SpecialRuleSet {
  let best: SpecialRuleSet | undefined;
  for (const set of sets) {
    if (set.effectiveFrom > date) continue;
    if (
      !best ||
      set.effectiveFrom > best.effectiveFrom ||
      (set.effectiveFrom === best.effectiveFrom && set.version > best.version)
    )
      best = set;
  }
  if (!best)
    throw invalid("date", {
      kk: `${date} күні ережелер жоқ`,
      ru: `на ${date} правил нет`,
      en: `no rules in force on ${date}`,
    });
  return best;
}

/** The route of a kind of work, inside or outside the strip (Z p.28); the schema guarantees exactly one. */
export function routeWorks(rules: SpecialRuleSet, kind: WorkKind, inStrip: boolean): WorksRoute {
  const route = rules.worksRoutes.find(
    (r) => r.kinds.includes(kind) && (r.inStrip === undefined || r.inStrip === inStrip),
  );
  if (!route)
    throw invalid("kind", {
      kk: "бұл жұмыс түрі үшін келісу бағыты белгіленбеген",
      ru: "для этого вида работ не определён маршрут согласования",
      en: "no route for this kind of works",
    });
  return route;
}

/** Names of the bodies, for screens and documents. */
export const BODY_NAMES: Record<WorkBody, Translated> = {
  MOD: { kk: "Қорғаныс министрлігі", ru: "Министерство обороны", en: "Ministry of Defence" },
  BORDER_TROOPS: { kk: "Шекара әскерлері", ru: "Пограничные войска", en: "Border troops" },
};
