/**
 * The rule set as data (C-1): every exemption, issuer, lead time, validity limit and
 * registration deadline of the border-zone instruction, with its clause and a translated
 * explanation. Admins schedule new versions as JSON; this schema is the gate they pass.
 */
import { z } from "zod";
import {
  ALL_DOCUMENT_CODES,
  CITIZENSHIPS,
  type Citizenship,
  isoDateSchema,
  PURPOSES,
  STATUS_FLAGS,
} from "../eligibility/facts.js";
import { invalid } from "../errors.js";
import { PETITION_BODIES, PETITION_KINDS } from "../petitions/kinds.js";
import { customMessage, issueDetail, matching } from "../validation-messages.js";

/** Bodies that issue passes and permits. */
export const ISSUERS = [
  // Z p.7, p.26, p.27: the IAB at the citizen's (or workers') permanent residence
  "IAB_OF_RESIDENCE",
  // Z p.17: foreigners and stateless persons, only after the NSC agrees
  "IAB_OF_RESIDENCE_WITH_NSC_AGREEMENT",
  // Z p.6: residents of other CIS states, the IAB at their permanent residence
  "IAB_OF_CIS_RESIDENCE",
  // Z p.22: persons released from correctional institutions
  "IAB_AT_INSTITUTION",
] as const;
export type Issuer = (typeof ISSUERS)[number];

/** Outcomes that mean a document must be obtained first. */
export const ISSUED_OUTCOMES = ["PASS_REQUIRED", "PERMIT_REQUIRED"] as const;

/** A clause reference: "Z p.26", "Z App.1 rule 2", "Z App.2". */
export const CLAUSE_PATTERN = /^Z (?:p\.\d+|App\.\d+(?: rule \d+)?)$/;

const translatedSchema = z.strictObject({
  kk: z.string().trim().min(1),
  ru: z.string().trim().min(1),
  en: z.string().trim().min(1),
});

/** A condition on the facts and the place; every given part must hold, an empty one always holds. */
export const conditionSchema = z.strictObject({
  citizenships: z.array(z.enum(CITIZENSHIPS)).min(1).optional(),
  purposes: z.array(z.enum(PURPOSES)).min(1).optional(),
  // any one of the listed flags
  statuses: z.array(z.enum(STATUS_FLAGS)).min(1).optional(),
  residesInZone: z.boolean().optional(),
  // the traveller is younger than this many years
  underAgeYears: z.number().int().min(1).max(131).optional(),
  // accompaniedByPassHolder, a missing value counting as false
  accompanied: z.boolean().optional(),
  inStrip: z.boolean().optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** Any one of these documents satisfies the group; a rule's groups must all be satisfied. */
const documentGroupSchema = z.array(z.enum(ALL_DOCUMENT_CODES)).min(1);

const flagSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

const base = {
  id: matching(/^[A-Z][A-Z0-9_]*$/, {
    kk: "ереже идентификаторлары UPPER_SNAKE_CASE түрінде жазылады",
    ru: "идентификаторы правил пишутся в стиле UPPER_SNAKE_CASE",
    en: "rule ids are UPPER_SNAKE_CASE",
  }),
  clauses: z.array(z.string().regex(CLAUSE_PATTERN, 'clauses look like "Z p.26" or "Z App.1 rule 2"')).min(1),
  explanation: translatedSchema,
};

const zoneExtentRule = z.strictObject({ kind: z.literal("ZONE_EXTENT"), ...base });
const stripRule = z.strictObject({
  kind: z.literal("STRIP"),
  ...base,
  // purposes that count as the production or service need of Z p.5 note
  productionPurposes: z.array(z.enum(PURPOSES)),
  // statuses that carry a service need whatever the purpose
  serviceStatuses: z.array(z.enum(STATUS_FLAGS)),
});
const stripSettlementRule = z.strictObject({ kind: z.literal("STRIP_SETTLEMENT"), ...base });
const exemptionRule = z.strictObject({
  kind: z.literal("EXEMPTION"),
  ...base,
  when: conditionSchema.extend({ citizenships: z.array(z.enum(CITIZENSHIPS)).min(1) }),
  requires: z.array(documentGroupSchema),
  flag: flagSchema.optional(),
});
const passRule = z.strictObject({
  kind: z.literal("PASS"),
  ...base,
  when: conditionSchema.extend({ citizenships: z.array(z.enum(CITIZENSHIPS)).min(1) }),
  outcome: z.enum(ISSUED_OUTCOMES),
  issuer: z.enum(ISSUERS),
  documents: z.array(documentGroupSchema),
});
const supportingDocumentsRule = z.strictObject({
  kind: z.literal("SUPPORTING_DOCUMENTS"),
  ...base,
  when: conditionSchema.optional(),
  documents: z.array(documentGroupSchema).min(1),
});
const leadTimeRule = z.strictObject({
  kind: z.literal("LEAD_TIME"),
  ...base,
  when: conditionSchema.optional(),
  // whole days before departure; never negative, so applyBy is never after departure
  days: z.number().int().min(0).max(366),
});
const validityRule = z.strictObject({
  kind: z.literal("VALIDITY"),
  ...base,
  when: conditionSchema.optional(),
  limit: z.union([
    z.strictObject({ days: z.number().int().min(1).max(3660) }),
    z.strictObject({ months: z.number().int().min(1).max(120) }),
  ]),
  // the validity is the stay itself when the traveller names one, but never more than the limit
  capByStay: z.boolean(),
});
const registrationRule = z.strictObject({
  kind: z.literal("REGISTRATION"),
  ...base,
  target: z.enum(["ARRIVAL", "HANDOVER"]),
  days: z.number().int().min(0).max(30),
});
const noticeRule = z.strictObject({
  kind: z.literal("NOTICE"),
  ...base,
  when: conditionSchema,
  flag: flagSchema,
});
const lateApplicationRule = z.strictObject({ kind: z.literal("LATE_APPLICATION"), ...base });
/** Where an organization's petition goes and who checks it (Z p.22, p.27); one per petition kind. */
const petitionRoutingRule = z.strictObject({
  kind: z.literal("PETITION_ROUTING"),
  ...base,
  petition: z.enum(PETITION_KINDS),
  filedWith: z.enum(PETITION_BODIES),
  // the body that may take it instead, only with a recorded reason
  exceptionallyWith: z.enum(PETITION_BODIES).optional(),
  // the body that checks every person and records a result (the NSC for strip lists)
  checkedBy: z.enum(PETITION_BODIES).optional(),
  // copies of the list and who holds each, in order (copy 1 first)
  copies: z
    .array(
      z.strictObject({
        holder: z.enum(["GROUP_LEADER", "IAB", "NSC"]),
        certified: z.boolean(),
        withResults: z.boolean(),
      }),
    )
    .max(10)
    .optional(),
  // whether one pass may go to the group leader with the certified list (Z p.10)
  groupPass: z.boolean(),
});

/** One rule of any kind. */
export const ruleSchema = z.discriminatedUnion("kind", [
  zoneExtentRule,
  stripRule,
  stripSettlementRule,
  exemptionRule,
  passRule,
  supportingDocumentsRule,
  leadTimeRule,
  validityRule,
  registrationRule,
  noticeRule,
  lateApplicationRule,
  petitionRoutingRule,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule["kind"];
/** The rule of one kind. */
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** True when a condition puts no constraint beyond citizenship: a fallback rule. */
function isFallback(when: Condition | undefined): boolean {
  if (!when) return true;
  return Object.entries(when).every(([key, value]) => key === "citizenships" || value === undefined);
}

/** Kinds that must occur exactly once. */
const SINGLETON_KINDS: readonly RuleKind[] = ["ZONE_EXTENT", "STRIP", "STRIP_SETTLEMENT", "LATE_APPLICATION"];
/** Kinds whose rules are tried in order and need an unconditional last resort. */
const FALLBACK_KINDS = ["SUPPORTING_DOCUMENTS", "LEAD_TIME", "VALIDITY"] as const;

/** A versioned rule set, checked for the structure the engine relies on. */
export const ruleSetSchema = z
  .strictObject({
    id: z.string().trim().min(1),
    version: z.number().int().min(1),
    effectiveFrom: isoDateSchema,
    basis: translatedSchema,
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({
          code: "custom",
          path: ["rules", index, "id"],
          ...customMessage({
            kk: `ереже идентификаторы қайталанады: ${rule.id}`,
            ru: `идентификатор правила повторяется: ${rule.id}`,
            en: `duplicate rule id ${rule.id}`,
          }),
        });
      seen.add(rule.id);
    });
    for (const kind of SINGLETON_KINDS) {
      const count = set.rules.filter((rule) => rule.kind === kind).length;
      if (count !== 1)
        ctx.addIssue({
          code: "custom",
          path: ["rules"],
          ...customMessage({
            kk: `${kind} ережесі дәл біреу болуы керек, табылғаны: ${count}`,
            ru: `нужно ровно одно правило ${kind}, найдено: ${count}`,
            en: `needs exactly one ${kind} rule, found ${count}`,
          }),
        });
    }
    for (const target of ["ARRIVAL", "HANDOVER"] as const) {
      const count = set.rules.filter((rule) => rule.kind === "REGISTRATION" && rule.target === target).length;
      if (count !== 1)
        ctx.addIssue({
          code: "custom",
          path: ["rules"],
          ...customMessage({
            kk: `${target} үшін REGISTRATION ережесі дәл біреу болуы керек, табылғаны: ${count}`,
            ru: `нужно ровно одно правило REGISTRATION для ${target}, найдено: ${count}`,
            en: `needs exactly one REGISTRATION rule for ${target}, found ${count}`,
          }),
        });
    }
    for (const kind of FALLBACK_KINDS) {
      const hasFallback = set.rules.some((rule) => rule.kind === kind && isFallback(rule.when));
      if (!hasFallback)
        ctx.addIssue({
          code: "custom",
          path: ["rules"],
          ...customMessage({
            kk: `соңғы тірек ретінде шартсыз ${kind} ережесі қажет`,
            ru: `нужно правило ${kind} без условий на крайний случай`,
            en: `needs a ${kind} rule without conditions as the last resort`,
          }),
        });
    }
    // Every citizenship must end somewhere: a pass or permit rule with no other condition.
    for (const citizenship of CITIZENSHIPS) {
      const covered = set.rules.some(
        (rule) =>
          rule.kind === "PASS" && rule.when.citizenships.includes(citizenship) && isFallback(rule.when),
      );
      if (!covered)
        ctx.addIssue({
          code: "custom",
          path: ["rules"],
          ...customMessage({
            kk: `${citizenship} үшін шартсыз PASS ережесі қажет`,
            ru: `нужно безусловное правило PASS для ${citizenship}`,
            en: `needs an unconditional PASS rule for ${citizenship}`,
          }),
        });
    }
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** Parses an admin-supplied rule set, or throws AppError("VALIDATION_FAILED") naming the path. */
export function parseRuleSet(input: unknown): RuleSet {
  const result = ruleSetSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue)
    throw invalid("ruleSet", {
      kk: "ережелер жинағы дұрыс емес",
      ru: "неверный набор правил",
      en: "invalid rule set",
    });
  // Unknown keys are reported on their object; name the key itself so the admin finds it.
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const field =
    path.length > 0
      ? path
          .map(String)
          .filter((part) => part !== "")
          .join(".")
      : "ruleSet";
  throw invalid(field || "ruleSet", issueDetail(issue, field || "ruleSet"));
}

/** The citizenships type, re-exported for rule authors. */
export type { Citizenship };
