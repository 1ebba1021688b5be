/**
 * The engine's input vocabulary (SPEC Z-9): a description of the traveller and the trip.
 * Names are those of the SPEC; additions are marked "extension" and are optional or additive,
 * so the SPEC vocabulary keeps working unchanged.
 */
import { z } from "zod";
import { invalid } from "../errors.js";
import type { Translated } from "../i18n.js";
import { CALENDAR_DATE, customMessage, describeIssue, type IssueFacts } from "../validation-messages.js";
import { isIsoDate } from "./dates.js";

/** Citizenship classes that the instruction treats differently (Z p.5, p.6, p.17). */
export const CITIZENSHIPS = ["KZ", "CIS", "FOREIGN", "STATELESS"] as const;
export type Citizenship = (typeof CITIZENSHIPS)[number];

/** Part of the zone when no settlement is named. */
export const ZONE_PARTS = ["ZONE", "STRIP"] as const;
export type ZonePart = (typeof ZONE_PARTS)[number];

/** Purposes of the trip (SPEC Z-9). */
export const PURPOSES = [
  "PERMANENT_RESIDENCE",
  "TEMPORARY_STAY",
  "WORK",
  "STUDY",
  "BUSINESS_TRIP",
  "PERIODIC_BUSINESS",
  "PERIODIC_PERSONAL",
  "VISIT_RELATIVES",
  "HEALTH_RESORT",
  "STUDENT_RETURNING_HOME",
  "RELATIVE_ILL_OR_DYING",
  "RELATIVE_FUNERAL",
  "RETURN_FROM_ABROAD",
  "SERVICE_DUTY",
  "DISCHARGED_RETURNING",
  "CONSCRIPT",
  "TRANSPORT_DUTY",
  "CHILDREN_HEALTH_CAMP",
  "PARENT_VISITING_CAMP",
  "ZONE_INSTITUTION",
  "RELEASED_FROM_CUSTODY",
  "GROUP_WORK",
  "TOURISM",
  "SPECIAL_WORKS",
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Status flags of the traveller (SPEC Z-9). */
export const STATUS_FLAGS = [
  "OFFICIAL_ON_NSC_LIST",
  "SERVICEMAN",
  "FAMILY_OF_SERVICEMAN",
  "DEPUTY_OR_REGIONAL_HEAD",
  "WAR_VETERAN_OR_EQUAL",
  "TRANSPORT_STAFF",
] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number];

/**
 * Documents a traveller can hold. The first 17 are the SPEC's; the rest are an extension for
 * documents the law names but the SPEC list lacks (Z p.5, p.11, p.12, p.15, p.19).
 */
export const DOCUMENT_CODES = [
  "ID_CARD",
  "PASSPORT",
  "BIRTH_CERTIFICATE",
  "MILITARY_ID",
  "SERVICE_ID",
  "SERVICE_ORDER",
  "TRAVEL_CERTIFICATE",
  "VOUCHER",
  "STUDENT_DOCUMENT",
  "LOCAL_EXEC_CERTIFICATE",
  "TELEGRAM",
  "VETERAN_CERTIFICATE",
  "CERTIFIED_INVITATION",
  "RETURN_CERTIFICATE",
  "DEPUTY_ID",
  "RESIDENCE_STAMP",
  "COMMISSARIAT_LIST",
  // extension: pass certificate of servicemen and discharged servicemen (Z p.11, p.12)
  "PASS_CERTIFICATE",
  // extension: leave ticket of servicemen, into which their family is written (Z p.11)
  "LEAVE_TICKET",
  // extension: certificate from the place of service for a family travelling alone (Z p.11)
  "SERVICE_PLACE_CERTIFICATE",
  // extension: certificate of the organization that issued a child's voucher (Z p.15)
  "VOUCHER_ISSUER_CERTIFICATE",
  // extension: a document proving residence in the area a zone institution serves (Z p.19)
  "RESIDENCE_PROOF",
  // extension: CIS international road transport permit under bilateral agreements (Z p.5)
  "TRANSPORT_PERMIT",
] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

/**
 * Documents submitted to the issuing body rather than carried by the traveller (Z p.22, p.26,
 * p.27, App.2). They appear in the engine's answer for PASS_REQUIRED and PERMIT_REQUIRED.
 */
export const APPLICATION_DOCUMENT_CODES = [
  "APPLICATION",
  "EMPLOYER_PETITION",
  "EMPLOYER_INVITATION",
  "STUDY_INVITATION",
  "UNIT_COMMANDER_CERTIFICATE",
  "GROUP_LIST",
  "INSTITUTION_PETITION",
] as const;
export type ApplicationDocumentCode = (typeof APPLICATION_DOCUMENT_CODES)[number];

/** Every document code the rules may name. */
export const ALL_DOCUMENT_CODES = [...DOCUMENT_CODES, ...APPLICATION_DOCUMENT_CODES] as const;
export type AnyDocumentCode = DocumentCode | ApplicationDocumentCode;

/** Highest age accepted; anything above is a typing error. */
export const MAX_AGE_YEARS = 130;
/** Longest stay accepted (ten years); validity limits are far shorter anyway. */
export const MAX_STAY_DAYS = 3660;
/** Age below which a person is a child written into an accompanying adult's pass (Z p.9). */
export const CHILD_AGE_LIMIT = 16;
/** Upper bound of "children" sent to children's health institutions (Z p.15): minors. */
export const MINOR_AGE_LIMIT = 18;

/** A "YYYY-MM-DD" string that names a real calendar day. */
export const isoDateSchema = z.string().refine((value) => isIsoDate(value), customMessage(CALENDAR_DATE));

const baseFactsSchema = z.strictObject({
  citizenship: z.enum(CITIZENSHIPS),
  ageYears: z.number().int().min(0).max(MAX_AGE_YEARS),
  residesInZone: z.boolean(),
  // extension: Z p.5 note speaks of people who live in the strip itself, not only in the zone
  residesInStrip: z.boolean().optional(),
  destination: z.string().trim().min(1).max(64).optional(),
  zonePart: z.enum(ZONE_PARTS).optional(),
  departureDate: isoDateSchema,
  stayDays: z.number().int().min(1).max(MAX_STAY_DAYS).optional(),
  purpose: z.enum(PURPOSES),
  status: z.array(z.enum(STATUS_FLAGS)).default([]),
  documents: z.array(z.enum(DOCUMENT_CODES)).default([]),
  accompaniedByPassHolder: z.boolean().optional(),
});

/** A contradiction in the facts: the field to blame and why. */
export interface FactsContradiction {
  field: string;
  detail: Translated;
}

/** Flags that only an adult can carry: an official, a serviceman, a deputy, a transport employee. */
const ADULT_STATUSES: readonly StatusFlag[] = [
  "OFFICIAL_ON_NSC_LIST",
  "SERVICEMAN",
  "DEPUTY_OR_REGIONAL_HEAD",
  "TRANSPORT_STAFF",
];
/** Purposes that only an adult can have: conscription and discharge from service. */
const ADULT_PURPOSES: readonly Purpose[] = ["CONSCRIPT", "DISCHARGED_RETURNING"];
/** Statuses granted only to citizens of Kazakhstan: the NSC list and p.14 are Kazakh offices. */
const KZ_ONLY_STATUSES: readonly StatusFlag[] = ["OFFICIAL_ON_NSC_LIST", "DEPUTY_OR_REGIONAL_HEAD"];

type FactsShape = z.output<typeof baseFactsSchema>;

/** Finds the first contradiction in otherwise well-formed facts, or undefined when consistent. */
export function findContradiction(facts: FactsShape): FactsContradiction | undefined {
  if (facts.destination === undefined && facts.zonePart === undefined) {
    return {
      field: "destination",
      detail: {
        kk: "баратын елді мекенді немесе аймақ бөлігін (ZONE не STRIP) көрсетіңіз",
        ru: "укажите место назначения или часть зоны (ZONE или STRIP)",
        en: "name a destination or a zone part (ZONE or STRIP)",
      },
    };
  }
  if (facts.residesInStrip === true && !facts.residesInZone) {
    return {
      field: "residesInStrip",
      detail: {
        kk: "шекаралық белдеу аймақтың бөлігі, сондықтан residesInZone true болуы керек",
        ru: "пограничная полоса входит в зону, поэтому residesInZone должно быть true",
        en: "the border strip is part of the zone, so residesInZone must be true",
      },
    };
  }
  for (const flag of KZ_ONLY_STATUSES) {
    if (facts.status.includes(flag) && facts.citizenship !== "KZ") {
      return {
        field: "status",
        detail: {
          kk: `${flag} тек Қазақстан азаматтарына қолданылады (Z p.3, Z p.14)`,
          ru: `${flag} относится только к гражданам Казахстана (Z p.3, Z p.14)`,
          en: `${flag} applies to citizens of Kazakhstan only (Z p.3, Z p.14)`,
        },
      };
    }
  }
  if (facts.ageYears < CHILD_AGE_LIMIT) {
    const status = facts.status.find((flag) => ADULT_STATUSES.includes(flag));
    if (status !== undefined) {
      return {
        field: "ageYears",
        detail: {
          kk: `${CHILD_AGE_LIMIT} жасқа толмаған адам ${status} бола алмайды`,
          ru: `лицо младше ${CHILD_AGE_LIMIT} лет не может быть ${status}`,
          en: `a person under ${CHILD_AGE_LIMIT} cannot be ${status}`,
        },
      };
    }
    if (ADULT_PURPOSES.includes(facts.purpose)) {
      return {
        field: "ageYears",
        detail: {
          kk: `${CHILD_AGE_LIMIT} жасқа толмаған адам ${facts.purpose} мақсатымен бара алмайды`,
          ru: `лицо младше ${CHILD_AGE_LIMIT} лет не может ехать с целью ${facts.purpose}`,
          en: `a person under ${CHILD_AGE_LIMIT} cannot travel as ${facts.purpose}`,
        },
      };
    }
  }
  if (facts.purpose === "CHILDREN_HEALTH_CAMP" && facts.ageYears >= MINOR_AGE_LIMIT) {
    return {
      field: "ageYears",
      detail: {
        kk: `CHILDREN_HEALTH_CAMP ${MINOR_AGE_LIMIT} жасқа толмаған балаларға арналған`,
        ru: `CHILDREN_HEALTH_CAMP — для детей младше ${MINOR_AGE_LIMIT} лет`,
        en: `CHILDREN_HEALTH_CAMP is for children under ${MINOR_AGE_LIMIT}`,
      },
    };
  }
  if (facts.purpose === "RETURN_FROM_ABROAD" && !facts.residesInZone) {
    return {
      field: "residesInZone",
      detail: {
        kk: "RETURN_FROM_ABROAD — аймақтағы тұрақты тұратын жерге оралу",
        ru: "RETURN_FROM_ABROAD означает возвращение к месту постоянного жительства в зоне",
        en: "RETURN_FROM_ABROAD means returning to a permanent residence in the zone",
      },
    };
  }
  return undefined;
}

/** The traveller facts schema: shape, ranges, real dates, and no contradictions. */
export const travellerFactsSchema = baseFactsSchema.superRefine((facts, ctx) => {
  const contradiction = findContradiction(facts);
  if (contradiction)
    ctx.addIssue({ code: "custom", path: [contradiction.field], message: contradiction.detail.en });
});

/** Facts after parsing (defaults applied). */
export type TravellerFacts = z.output<typeof travellerFactsSchema>;
/** Facts as sent by a client (status and documents may be omitted). */
export type TravellerFactsInput = z.input<typeof travellerFactsSchema>;

/** Throws the AppError naming the first contradicting field, if any. */
export function assertConsistentFacts(facts: TravellerFacts): void {
  const contradiction = findContradiction(facts);
  if (contradiction) throw invalid(contradiction.field, contradiction.detail);
}

/** Parses untrusted input into facts, or throws AppError("VALIDATION_FAILED") naming the field in kk/ru/en. */
export function parseTravellerFacts(input: unknown): TravellerFacts {
  const result = baseFactsSchema.safeParse(input);
  if (result.success) {
    assertConsistentFacts(result.data);
    return result.data;
  }
  const issue = result.error.issues[0];
  if (!issue)
    throw invalid("facts", {
      kk: "жолаушы туралы мәліметтер дұрыс емес",
      ru: "неверные сведения о путешественнике",
      en: "invalid traveller facts",
    });
  // Unknown keys are reported on the object itself; blame the first unknown key instead.
  const field =
    issue.code === "unrecognized_keys"
      ? (issue.keys[0] ?? "facts")
      : issue.path.length > 0
        ? issue.path.map(String).join(".")
        : "facts";
  throw invalid(field, describeIssue({ ...(issue as unknown as Omit<IssueFacts, "field">), field }));
}
