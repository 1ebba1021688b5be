/**
 * The case of a pass application as an append-only action log (Z-10 … Z-30). The state is never
 * stored on its own: it is derived by replaying the actions (OpenCRVS style), so the history is the
 * truth and any projection (work queues, the passes table) can be rebuilt from it. Pure: the date is
 * always a parameter or the action's own instant; no clock, no I/O.
 *
 * EXPIRED is not an action: it is derived from the validity end and a date. Each action is judged as
 * of its own date (its instant in the legal time zone), so a late registration or an extension of an
 * already expired pass is judged by the day it happened, not by the day the log is read.
 */
import { z } from "zod";
import type { Permission } from "../access/roles.js";
import { addDays, daysBetween, isIsoDate } from "../eligibility/dates.js";
import { validityLimitDays } from "../eligibility/engine.js";
import { PURPOSES } from "../eligibility/facts.js";
import { AppError } from "../errors.js";
import type { Lang, Translated } from "../i18n.js";
import { DEFAULT_RULE_SETS, type RuleOf, type RuleSet, ruleSetAt } from "../rules/index.js";
import { DEFAULT_ZONE, localDate } from "../time.js";
import { CALENDAR_DATE, customMessage, KATO_FORMAT, matching } from "../validation-messages.js";
import { CASE_STATUS_NAMES, PASS_ACTION_NAMES } from "./names.js";
import { parsePassNumber, parseRegisterLine } from "./numbering.js";
import { REFUSAL_REASONS, type RefusalReason } from "./refusal-reasons.js";

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

const isoDate = z.string().refine(isIsoDate, customMessage(CALENDAR_DATE));
const kato = matching(/^\d{9}$/, KATO_FORMAT);
const note = z.string().max(4000);

/** Z App.2: what the citizen writes on the application. */
export const applicationDataSchema = z.strictObject({
  applicant: z.strictObject({
    surname: z.string().min(1).max(100),
    givenName: z.string().min(1).max(100),
    patronymic: z.string().max(100).optional(),
    birthYear: z.number().int().min(1900).max(9999),
    /** Known from the IIN; without it a child's age is only known to within a year (Z p.30). */
    birthDate: isoDate.optional(),
    placeOfBirth: z.string().max(200).optional(),
    citizenship: z.enum(["KZ", "CIS"]),
    identityDocument: z.strictObject({
      kind: z.enum(["ID_CARD", "PASSPORT", "BIRTH_CERTIFICATE", "MILITARY_ID"]),
      series: z.string().max(20).optional(),
      number: z.string().min(1).max(30),
      issuedOn: isoDate.optional(),
      issuedBy: z.string().max(200).optional(),
    }),
    residence: z.string().max(300).optional(),
    workplace: z.string().max(300).optional(),
  }),
  /** Children under 16 travelling with the applicant, written into the pass (Z p.9, p.34 ә). */
  children: z
    .array(z.strictObject({ name: z.string().min(1).max(200), age: z.number().int().min(0) }))
    .max(20),
  purpose: z.enum(PURPOSES),
  /** Requested settlements (Z App.2 "destination"). */
  destinations: z.array(kato).min(1).max(12),
  departureDate: isoDate,
  stayDays: z.number().int().min(1).max(3660).optional(),
  /** Whether the destination lies in the border strip (selects the 30-day list rule, Z p.27). */
  inStrip: z.boolean().optional(),
  /** The exceptional reason for a late application (Z p.7: illness, death of a relative …). */
  lateReason: z.string().max(2000).optional(),
});
/** The application data of a SUBMITTED action. */
export type ApplicationData = z.infer<typeof applicationDataSchema>;

/** The officer's records-check result on the screening candidates (Z p.30, Z-18). */
export const CHECK_RESULTS = ["CLEAR", "POSSIBLE_MATCH", "CONFIRMED_MATCH"] as const;
/** One records-check result. */
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Who registered the arrival (App.1 rule 2, Z p.18). */
export const REGISTRAR_KINDS = [
  "IAB",
  "LOCAL_AUTHORITY",
  "HOUSE_MANAGER",
  "HOSTEL",
  "HOTEL",
  "SANATORIUM",
  "OTHER",
] as const;

/** Kinds of violations of the entry, stay and registration rules (Z p.39–41). */
export const VIOLATION_KINDS = ["ENTRY", "STAY", "REGISTRATION", "ACCEPTED_WITHOUT_PASS", "OTHER"] as const;

const base = {
  /** ISO instant with offset. */
  at: z.iso.datetime({ offset: true }),
  /** The acting user's id. */
  by: z.string().min(1),
  /** The unit the user acted for. */
  unitId: z.string().min(1),
};

/** One entry of a case's action log, as stored and as accepted from clients. */
export const passActionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("SUBMITTED"), ...base, payload: applicationDataSchema }),
  z.strictObject({
    type: z.literal("CHECK_RECORDED"),
    ...base,
    payload: z.strictObject({
      result: z.enum(CHECK_RESULTS),
      /** What was compared and found: record ids, notes. Required for a match. */
      evidence: note,
      /** Filled by the server: the screening candidates the officer was shown and the reviews taken. */
      screening: z
        .strictObject({
          subjectHash: z.string().max(200),
          candidates: z.array(z.strictObject({ recordId: z.string(), score: z.number() })).max(1000),
          dismissed: z.number().int().min(0),
          reviews: z
            .array(
              z.strictObject({
                id: z.string(),
                recordId: z.string(),
                decision: z.enum(["CONFIRMED", "DISMISSED"]),
              }),
            )
            .max(1000),
        })
        .optional(),
    }),
  }),
  z.strictObject({
    type: z.literal("CHECK_SKIPPED"),
    ...base,
    payload: z.strictObject({ reason: z.literal("CHILD_UNDER_16") }),
  }),
  z.strictObject({
    type: z.literal("APPROVED"),
    ...base,
    payload: z.strictObject({
      validFrom: isoDate,
      validUntil: isoDate,
      places: z.array(kato).max(12),
      /** Why more than one place (Z p.20): a petition, or a special case (power, railway, construction crews). */
      severalPlacesBasis: z.enum(["PETITION", "SPECIAL_CASE"]).optional(),
      clauses: z.array(z.string().min(1)).max(20),
      /** Required when the check found a possible or confirmed match (Z-18). */
      note: note.optional(),
    }),
  }),
  z.strictObject({
    type: z.literal("REFUSED"),
    ...base,
    payload: z.strictObject({ reason: note, clauses: z.array(z.string().min(1)).max(20) }),
  }),
  z.strictObject({
    type: z.literal("ISSUED"),
    ...base,
    payload: z.strictObject({
      identityChecked: z.boolean(),
      rulesAcknowledged: z.boolean(),
      passNumber: z.string(),
      registerLine: z.string(),
    }),
  }),
  z.strictObject({
    type: z.literal("REGISTERED"),
    ...base,
    payload: z.strictObject({
      arrivedOn: isoDate,
      place: kato,
      registrar: z.enum(REGISTRAR_KINDS),
      /** When the holder handed pass and document to the registrar (App.1 rule 2). */
      handedOverOn: isoDate.optional(),
      /** The IAB keeps the pass with the basis documents (permanent residents, Z p.36). */
      passKept: z.boolean(),
    }),
  }),
  z.strictObject({
    type: z.literal("EXTENDED"),
    ...base,
    payload: z.strictObject({ newValidUntil: isoDate, note: note.optional() }),
  }),
  z.strictObject({
    type: z.literal("LOSS_REPORTED"),
    ...base,
    payload: z.strictObject({ circumstances: note.optional() }),
  }),
  z.strictObject({
    type: z.literal("REPLACED"),
    ...base,
    payload: z.strictObject({
      /** The issuing IAB confirmed it issued the lost pass (Z p.24). */
      originalConfirmed: z.boolean(),
      identityChecked: z.boolean(),
      rulesAcknowledged: z.boolean(),
      passNumber: z.string(),
      registerLine: z.string(),
    }),
  }),
  z.strictObject({
    type: z.literal("RETURNED"),
    ...base,
    payload: z.strictObject({ unused: z.boolean(), note: note.optional() }),
  }),
  z.strictObject({ type: z.literal("REVOKED"), ...base, payload: z.strictObject({ reason: note }) }),
  z.strictObject({
    type: z.literal("VIOLATION_RECORDED"),
    ...base,
    payload: z.strictObject({
      kind: z.enum(VIOLATION_KINDS),
      description: note,
      place: kato.optional(),
      /** Diplomats and others with immunities: decided through the diplomatic channel (Z p.41). */
      diplomatic: z.boolean(),
    }),
  }),
]);
/** One action of a case log. */
export type PassAction = z.infer<typeof passActionSchema>;
/** The name of an action. */
export type PassActionType = PassAction["type"];
/** The action of one type. */
export type ActionOf<T extends PassActionType> = Extract<PassAction, { type: T }>;

/** Every action type, in the order of a case's life. */
export const PASS_ACTION_TYPES = [
  "SUBMITTED",
  "CHECK_RECORDED",
  "CHECK_SKIPPED",
  "APPROVED",
  "REFUSED",
  "ISSUED",
  "REGISTERED",
  "EXTENDED",
  "LOSS_REPORTED",
  "REPLACED",
  "RETURNED",
  "REVOKED",
  "VIOLATION_RECORDED",
] as const satisfies readonly PassActionType[];

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Case states; NEW is the empty log, EXPIRED is derived from the validity end and a date. */
export const CASE_STATUSES = [
  "NEW",
  "SUBMITTED",
  "CHECKED",
  "APPROVED",
  "REFUSED",
  "ISSUED",
  "REGISTERED",
  "EXPIRED",
  "LOST",
  "REPLACED",
  "RETURNED",
  "REVOKED",
] as const;
/** One case state. */
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A state reached by an action (everything but the derived EXPIRED). */
export type Stage = Exclude<CaseStatus, "EXPIRED">;

/** Markers on a case for queues, notices (C-5) and the officer's attention. */
export const CASE_FLAGS = [
  "LATE_APPLICATION",
  "CHECK_SKIPPED_CHILD",
  "CHECK_HIT",
  "CHECK_CONFIRMED_MATCH",
  "SEVERAL_PLACES",
  "MILITARY_NOTICE",
  "REGISTRATION_LATE",
  "HANDOVER_LATE",
  "EXTENDED",
  "RETURN_DUE",
  "RETURN_OVERDUE",
  "RETURNED_LATE",
  "VIOLATION",
  "DIPLOMATIC_CHANNEL",
] as const;
/** One case flag. */
export type CaseFlag = (typeof CASE_FLAGS)[number];

/** Flags that depend on the date the case is looked at, recomputed on every derivation. */
const DATED_FLAGS: readonly CaseFlag[] = ["RETURN_DUE", "RETURN_OVERDUE"];

/**
 * Days after the validity end before a pass not yet returned counts as overdue (Z p.36 says "as soon
 * as it expires"; the grace covers the trip back and the post). Chosen where the law is silent.
 */
export const RETURN_GRACE_DAYS = 10;

/** Age below which children are not checked against the records (Z p.30). */
export const CHECK_EXEMPT_UNDER_AGE = 16;

/** The pass as issued, extended or replaced. */
export interface PassRecord {
  number: string;
  registerLine: string;
  issuedOn: string;
  /** The day the first pass of the case was handed over; a replacement keeps it (arrivals before it). */
  firstIssuedOn: string;
  issuedByUnit: string;
  validFrom: string;
  validUntil: string;
  places: string[];
  /** The lost pass this one replaces (Z p.24). */
  replaces?: string;
  /** The IAB keeps the pass with the registration documents (Z p.36); nothing to return or lose. */
  keptByIab: boolean;
  extensions: { on: string; byUnit: string; from: string; to: string }[];
}

/** A pass number on the revocation list of C-6, and why. */
export interface Revocation {
  passNumber: string;
  reason: "LOST" | "RETURNED" | "REVOKED";
  on: string;
}

/** Everything the log says about the case, derived by replay. */
export interface CaseState {
  /** The state as of the date the case was derived at (EXPIRED included). */
  status: CaseStatus;
  /** The state reached by the last state-changing action. */
  stage: Stage;
  /** The unit that took the application. */
  unitId?: string;
  application?: ApplicationData & {
    submittedAt: string;
    submittedOn: string;
    /** Last day to apply under the lead-time rule (Z p.26, p.27, p.22). */
    applyBy: string;
    leadClauses: string[];
  };
  check?: { result: CheckResult | "SKIPPED"; at: string; by: string; evidence?: string };
  decision?:
    | {
        outcome: "APPROVED";
        at: string;
        by: string;
        unitId: string;
        validFrom: string;
        validUntil: string;
        places: string[];
        severalPlacesBasis?: "PETITION" | "SPECIAL_CASE";
        clauses: string[];
        note?: string;
      }
    | { outcome: "REFUSED"; at: string; by: string; unitId: string; reason: string; clauses: string[] };
  pass?: PassRecord;
  registrations: {
    on: string;
    arrivedOn: string;
    place: string;
    registrar: (typeof REGISTRAR_KINDS)[number];
    unitId: string;
    late: boolean;
    handoverLate: boolean;
  }[];
  revocations: Revocation[];
  violations: {
    on: string;
    kind: (typeof VIOLATION_KINDS)[number];
    description: string;
    place?: string;
    diplomatic: boolean;
  }[];
  returnedOn?: string;
  closingReason?: string;
  flags: CaseFlag[];
  /** Instant of the last action; actions must not go back in time. */
  lastAt?: string;
  actionCount: number;
}

/** The rules and time zone the machine judges by; defaults are the shipped rule sets and Kazakhstan. */
export interface MachineContext {
  ruleSets?: readonly RuleSet[];
  /** IANA zone turning action instants into legal dates. */
  zone?: string;
}

/** The state of an empty log. */
export const NEW_CASE: CaseState = Object.freeze({
  status: "NEW",
  stage: "NEW",
  registrations: [],
  revocations: [],
  violations: [],
  flags: [],
  actionCount: 0,
}) as CaseState;

// ---------------------------------------------------------------------------------------------
// The transition table
// ---------------------------------------------------------------------------------------------

/**
 * Where a permission applies: UNIT — the case's unit subtree (C-2); ANY — any IAB in the country,
 * because the law lets any of them act (extension en route Z p.23, loss at the nearest IAB App.1
 * rule 3, registration where the holder arrives Z p.18). The server enforces permission and scope.
 */
export type PermissionScope = "UNIT" | "ANY";

/** One row of the transition table. */
export interface TransitionRule {
  type: PassActionType;
  /** States (as of the action's date) in which the action is legal. */
  from: readonly CaseStatus[];
  /** The stage reached, or null when the action leaves it unchanged. */
  to: Stage | null;
  permission: Permission;
  scope: PermissionScope;
  clause: string;
}

const LIVE_PASS: readonly CaseStatus[] = ["ISSUED", "REGISTERED", "REPLACED"];

/**
 * Which actions are legal in which states, who may take them and why. "passes.extend" is
 * passes.decide with scope ANY: a head of any IAB may extend (Z p.23, p.31).
 */
export const TRANSITIONS: Readonly<Record<PassActionType, TransitionRule>> = {
  SUBMITTED: {
    type: "SUBMITTED",
    from: ["NEW"],
    to: "SUBMITTED",
    permission: "applications.intake",
    scope: "UNIT",
    clause: "Z p.26",
  },
  CHECK_RECORDED: {
    type: "CHECK_RECORDED",
    from: ["SUBMITTED", "CHECKED"],
    to: "CHECKED",
    permission: "applications.check",
    scope: "UNIT",
    clause: "Z p.30",
  },
  CHECK_SKIPPED: {
    type: "CHECK_SKIPPED",
    from: ["SUBMITTED"],
    to: "CHECKED",
    permission: "applications.check",
    scope: "UNIT",
    clause: "Z p.30",
  },
  APPROVED: {
    type: "APPROVED",
    from: ["CHECKED"],
    to: "APPROVED",
    permission: "passes.decide",
    scope: "UNIT",
    clause: "Z p.31",
  },
  REFUSED: {
    type: "REFUSED",
    from: ["CHECKED"],
    to: "REFUSED",
    permission: "passes.decide",
    scope: "UNIT",
    clause: "Z p.31",
  },
  ISSUED: {
    type: "ISSUED",
    from: ["APPROVED"],
    to: "ISSUED",
    permission: "applications.intake",
    scope: "UNIT",
    clause: "Z p.32",
  },
  REGISTERED: {
    type: "REGISTERED",
    from: LIVE_PASS,
    to: "REGISTERED",
    permission: "passes.register",
    scope: "ANY",
    clause: "Z p.18",
  },
  EXTENDED: {
    type: "EXTENDED",
    from: [...LIVE_PASS, "EXPIRED"],
    to: null,
    permission: "passes.decide",
    scope: "ANY",
    clause: "Z p.23",
  },
  LOSS_REPORTED: {
    type: "LOSS_REPORTED",
    from: [...LIVE_PASS, "EXPIRED"],
    to: "LOST",
    permission: "applications.intake",
    scope: "ANY",
    clause: "Z App.1 rule 3",
  },
  REPLACED: {
    type: "REPLACED",
    from: ["LOST"],
    to: "REPLACED",
    permission: "passes.decide",
    scope: "ANY",
    clause: "Z p.24",
  },
  RETURNED: {
    type: "RETURNED",
    from: [...LIVE_PASS, "EXPIRED"],
    to: "RETURNED",
    permission: "applications.intake",
    scope: "ANY",
    clause: "Z p.36",
  },
  REVOKED: {
    type: "REVOKED",
    from: ["APPROVED", ...LIVE_PASS, "EXPIRED", "LOST"],
    to: "REVOKED",
    permission: "passes.decide",
    scope: "UNIT",
    clause: "Z p.31",
  },
  VIOLATION_RECORDED: {
    type: "VIOLATION_RECORDED",
    from: CASE_STATUSES.filter((status) => status !== "NEW"),
    to: null,
    permission: "applications.intake",
    scope: "ANY",
    clause: "Z p.39",
  },
};

// ---------------------------------------------------------------------------------------------
// Derivation
// ---------------------------------------------------------------------------------------------

/** The last day of validity in force: the pass's, else the approval's. */
function validityEnd(state: CaseState): string | undefined {
  if (state.pass) return state.pass.validUntil;
  return state.decision?.outcome === "APPROVED" ? state.decision.validUntil : undefined;
}

const EXPIRING_STAGES: readonly Stage[] = ["APPROVED", "ISSUED", "REGISTERED", "REPLACED"];

/** The status as of a date: the stage, or EXPIRED once the validity has ended. */
export function statusOn(state: CaseState, date: string): CaseStatus {
  const end = validityEnd(state);
  if (EXPIRING_STAGES.includes(state.stage) && end !== undefined && date > end) return "EXPIRED";
  return state.stage;
}

/** The first day a pass not yet back at the IAB must be returned (Z p.36), or undefined. */
export function returnDueFrom(state: CaseState): string | undefined {
  const pass = state.pass;
  if (!pass || pass.keptByIab || !LIVE_PASS.includes(state.stage)) return undefined;
  return addDays(pass.validUntil, 1);
}

/** The case as seen on a date: EXPIRED derived, return reminders (C-5, Z-27) recomputed. */
export function deriveOn(state: CaseState, today: string): CaseState {
  const flags = state.flags.filter((flag) => !DATED_FLAGS.includes(flag));
  const due = returnDueFrom(state);
  if (due !== undefined && today >= due) {
    flags.push("RETURN_DUE");
    if (daysBetween(due, today) >= RETURN_GRACE_DAYS) flags.push("RETURN_OVERDUE");
  }
  return { ...state, status: statusOn(state, today), flags: sortFlags(flags) };
}

function sortFlags(flags: readonly CaseFlag[]): CaseFlag[] {
  return CASE_FLAGS.filter((flag) => flags.includes(flag));
}

function withFlags(state: CaseState, add: readonly CaseFlag[], remove: readonly CaseFlag[] = []): CaseFlag[] {
  return sortFlags([...state.flags.filter((flag) => !remove.includes(flag)), ...add]);
}

/** Replays a log into the case state; with `today`, EXPIRED and return reminders are derived too. */
export function replay(actions: readonly PassAction[], today?: string, ctx: MachineContext = {}): CaseState {
  const state = actions.reduce<CaseState>((current, action) => apply(current, action, ctx), NEW_CASE);
  return today === undefined ? state : deriveOn(state, today);
}

// ---------------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------------

/** Why a move is refused: the clause and a machine-readable reason. */
interface Refusal {
  clause: string;
  reason: RefusalReason;
}

/** The refusal of a step: its clause, and its reason as a code and as a sentence in every language. */
function illegal(type: PassActionType, status: CaseStatus, refusal: Refusal): AppError {
  // A step out of its state says in which states it is taken; its reason would only repeat the message.
  const text =
    refusal.reason === "NOT_ALLOWED_IN_STATE"
      ? allowedIn(TRANSITIONS[type].from)
      : REFUSAL_REASONS[refusal.reason];
  return new AppError("ILLEGAL_TRANSITION", {
    params: {
      action: PASS_ACTION_NAMES[type],
      state: CASE_STATUS_NAMES[status],
      clause: refusal.clause,
      because: text,
    },
    clause: refusal.clause,
    // The codes are the stable keys for a client; the message names them in the reader's language.
    details: [{ reason: refusal.reason, text, action: type, state: status }],
  });
}

/** "Taken in the states: …", naming the states in each language. */
function allowedIn(states: readonly CaseStatus[]): Translated {
  const names = (lang: Lang) =>
    states
      .map((state) =>
        lang === "en" ? `“${CASE_STATUS_NAMES[state].en}”` : `«${CASE_STATUS_NAMES[state][lang]}»`,
      )
      .join(", ");
  return {
    kk: `Бұл қадам мына күйлерде жасалады: ${names("kk")}.`,
    ru: `Этот шаг делается в состояниях: ${names("ru")}.`,
    en: `This step is taken in the states: ${names("en")}.`,
  };
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0;

/** Age in whole years on a date. */
function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * True only when the applicant is surely under 16 on the departure date (Z p.30). With only the birth
 * year the age is uncertain by one year, so the check may be skipped only when even the oldest
 * possible age is under 16: skipping a required check is the worse mistake.
 */
export function isCheckExemptChild(application: CaseState["application"]): boolean {
  if (!application) return false;
  const { birthDate, birthYear } = application.applicant;
  if (birthDate !== undefined) return ageOn(birthDate, application.departureDate) < CHECK_EXEMPT_UNDER_AGE;
  return Number(application.departureDate.slice(0, 4)) - birthYear < CHECK_EXEMPT_UNDER_AGE;
}

/**
 * True when a KATO area covers a place: equal codes, or the area is a region ("XX0000000"),
 * district ("XXXX00000") or rural district ("XXXXXX000") containing the place (Z p.20 special cases).
 */
export function katoCovers(area: string, place: string): boolean {
  if (area === place) return true;
  const prefix =
    /^(\d{2})0{7}$/.exec(area)?.[1] ?? /^(\d{4})0{5}$/.exec(area)?.[1] ?? /^(\d{6})000$/.exec(area)?.[1];
  return prefix !== undefined && place.startsWith(prefix);
}

/** The facts a rule condition can be judged on from an application. */
function ruleMatches(when: RuleOf<"LEAD_TIME">["when"], app: ApplicationData): boolean {
  if (!when) return true;
  // Conditions the application does not describe (statuses, residence, age, company) cannot be
  // confirmed, so such rules are passed over in favour of the general rule after them.
  if (
    when.statuses !== undefined ||
    when.residesInZone !== undefined ||
    when.underAgeYears !== undefined ||
    when.accompanied !== undefined
  ) {
    return false;
  }
  if (when.citizenships && !when.citizenships.includes(app.applicant.citizenship)) return false;
  if (when.purposes && !when.purposes.includes(app.purpose)) return false;
  if (when.inStrip !== undefined && when.inStrip !== (app.inStrip ?? false)) return false;
  return true;
}

function firstRule<K extends "LEAD_TIME" | "VALIDITY">(
  set: RuleSet,
  kind: K,
  app: ApplicationData,
): RuleOf<K> {
  const rule = set.rules.find(
    (candidate): candidate is RuleOf<K> => candidate.kind === kind && ruleMatches(candidate.when, app),
  );
  // The rule-set schema requires an unconditional last rule of each of these kinds.
  if (!rule) throw new Error(`Rule set ${set.id} v${set.version} has no ${kind} rule for ${app.purpose}`);
  return rule;
}

function registrationRule(set: RuleSet, target: "ARRIVAL" | "HANDOVER"): RuleOf<"REGISTRATION"> {
  const rule = set.rules.find(
    (candidate): candidate is RuleOf<"REGISTRATION"> =>
      candidate.kind === "REGISTRATION" && candidate.target === target,
  );
  if (!rule) throw new Error(`Rule set ${set.id} v${set.version} has no ${target} registration rule`);
  return rule;
}

/**
 * The last allowed day of validity for a pass starting on `from` (Z p.21): the limit of the
 * purpose's VALIDITY rule, capped by the declared stay where the rule says so.
 */
export function maxValidUntil(
  app: ApplicationData,
  from: string,
  set: RuleSet,
): { until: string; clause: string } {
  const rule = firstRule(set, "VALIDITY", app);
  const limit = validityLimitDays(rule.limit, from);
  const days = rule.capByStay && app.stayDays !== undefined ? Math.min(app.stayDays, limit) : limit;
  return { until: addDays(from, days), clause: rule.clauses.join(", ") };
}

/** Legal dates of an action: its instant in the legal time zone. */
function actionDate(at: string, ctx: MachineContext): string {
  return localDate(new Date(at), ctx.zone ?? DEFAULT_ZONE);
}

function rulesOn(date: string, ctx: MachineContext): RuleSet {
  return ruleSetAt(ctx.ruleSets ?? DEFAULT_RULE_SETS, date);
}

/** Guards that need no payload; shared by apply and allowedActions. */
function precondition(type: PassActionType, state: CaseState, date: string): Refusal | undefined {
  const pass = state.pass;
  switch (type) {
    case "CHECK_SKIPPED":
      return isCheckExemptChild(state.application)
        ? undefined
        : { clause: "Z p.30", reason: "ONLY_CHILDREN_UNDER_16_SKIP_CHECK" };
    case "REGISTERED":
      if (!pass) return { clause: "Z p.18", reason: "NO_PASS" };
      return pass.keptByIab ? { clause: "Z p.36", reason: "PASS_KEPT_BY_IAB" } : undefined;
    case "EXTENDED":
      return pass ? undefined : { clause: "Z p.23", reason: "NO_PASS" };
    case "LOSS_REPORTED":
    case "RETURNED":
      if (!pass) return { clause: TRANSITIONS[type].clause, reason: "NO_PASS" };
      return pass.keptByIab ? { clause: "Z p.36", reason: "PASS_KEPT_BY_IAB" } : undefined;
    case "REPLACED":
      // A new pass replaces the lost one for the rest of its validity; an expired one needs a new application.
      return pass && date <= pass.validUntil ? undefined : { clause: "Z p.24", reason: "ORIGINAL_EXPIRED" };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// apply
// ---------------------------------------------------------------------------------------------

/**
 * Applies one action to the state, or throws AppError("ILLEGAL_TRANSITION") naming the action, the
 * state as of the action's date and the clause that forbids it.
 */
export function apply(state: CaseState, action: PassAction, ctx: MachineContext = {}): CaseState {
  const date = actionDate(action.at, ctx);
  const status = statusOn(state, date);
  const rule = TRANSITIONS[action.type];
  const refuse = (clause: string, reason: RefusalReason): AppError =>
    illegal(action.type, status, { clause, reason });

  if (state.lastAt !== undefined && Date.parse(action.at) < Date.parse(state.lastAt)) {
    // The log is a history: an entry dated before the previous one would rewrite it (C-3).
    throw refuse("C-3", "ACTION_BEFORE_PREVIOUS");
  }
  if (!rule.from.includes(status)) throw refuse(rule.clause, "NOT_ALLOWED_IN_STATE");
  const pre = precondition(action.type, state, date);
  if (pre) throw illegal(action.type, status, pre);

  const next = applyChecked(state, action, date, ctx, refuse);
  const stage = rule.to ?? next.stage;
  const result: CaseState = { ...next, stage, lastAt: action.at, actionCount: state.actionCount + 1 };
  return deriveOn(result, date);
}

type Refuse = (clause: string, reason: RefusalReason) => AppError;

/** The per-action rules on the payload, and the new facts it records. Status is already checked. */
function applyChecked(
  state: CaseState,
  action: PassAction,
  date: string,
  ctx: MachineContext,
  refuse: Refuse,
): CaseState {
  switch (action.type) {
    case "SUBMITTED":
      return submitted(state, action, date, ctx, refuse);
    case "CHECK_RECORDED": {
      const { result, evidence } = action.payload;
      // A match must say what matched: the officer, not the screening engine, decides (Z-18).
      if (result !== "CLEAR" && blank(evidence)) throw refuse("Z p.30", "MATCH_NEEDS_EVIDENCE");
      const hit: CaseFlag[] = result === "CLEAR" ? [] : ["CHECK_HIT"];
      if (result === "CONFIRMED_MATCH") hit.push("CHECK_CONFIRMED_MATCH");
      return {
        ...state,
        check: { result, at: action.at, by: action.by, evidence },
        flags: withFlags(state, hit, ["CHECK_HIT", "CHECK_CONFIRMED_MATCH", "CHECK_SKIPPED_CHILD"]),
      };
    }
    case "CHECK_SKIPPED":
      return {
        ...state,
        check: { result: "SKIPPED", at: action.at, by: action.by },
        flags: withFlags(state, ["CHECK_SKIPPED_CHILD"]),
      };
    case "APPROVED":
      return approved(state, action, date, ctx, refuse);
    case "REFUSED": {
      // The refusal is communicated with its reason (Z p.31, C-5).
      if (blank(action.payload.reason)) throw refuse("Z p.31", "REFUSAL_NEEDS_REASON");
      return {
        ...state,
        decision: {
          outcome: "REFUSED",
          at: action.at,
          by: action.by,
          unitId: action.unitId,
          reason: action.payload.reason,
          clauses: action.payload.clauses,
        },
        closingReason: action.payload.reason,
      };
    }
    case "ISSUED":
      return issued(state, action, date, refuse);
    case "REGISTERED":
      return registered(state, action, date, ctx, refuse);
    case "EXTENDED":
      return extended(state, action, date, ctx, refuse);
    case "LOSS_REPORTED": {
      const pass = mustHavePass(state, refuse);
      return { ...state, revocations: revoke(state, pass.number, "LOST", date) };
    }
    case "REPLACED":
      return replaced(state, action, date, refuse);
    case "RETURNED": {
      const pass = mustHavePass(state, refuse);
      const late = daysBetween(pass.validUntil, date) > RETURN_GRACE_DAYS;
      return {
        ...state,
        returnedOn: date,
        revocations: revoke(state, pass.number, "RETURNED", date),
        flags: withFlags(state, late ? ["RETURNED_LATE"] : []),
      };
    }
    case "REVOKED": {
      if (blank(action.payload.reason)) throw refuse("Z p.31", "REVOCATION_NEEDS_REASON");
      const revocations = state.pass ? revoke(state, state.pass.number, "REVOKED", date) : state.revocations;
      return { ...state, revocations, closingReason: action.payload.reason };
    }
    case "VIOLATION_RECORDED": {
      const { kind, description, place, diplomatic } = action.payload;
      if (blank(description)) throw refuse("Z p.39", "VIOLATION_NEEDS_DESCRIPTION");
      const violation: CaseState["violations"][number] = { on: date, kind, description, diplomatic };
      if (place !== undefined) violation.place = place;
      return {
        ...state,
        violations: [...state.violations, violation],
        flags: withFlags(state, diplomatic ? ["VIOLATION", "DIPLOMATIC_CHANNEL"] : ["VIOLATION"]),
      };
    }
  }
}

function mustHavePass(state: CaseState, refuse: Refuse): PassRecord {
  // Unreachable after precondition(); kept so the types need no assertion.
  if (!state.pass) throw refuse("Z p.32", "NO_PASS");
  return state.pass;
}

/** Adds a pass number to the revocation list once; the first reason stays (C-6). */
function revoke(
  state: CaseState,
  passNumber: string,
  reason: Revocation["reason"],
  on: string,
): Revocation[] {
  if (state.revocations.some((entry) => entry.passNumber === passNumber)) return state.revocations;
  return [...state.revocations, { passNumber, reason, on }];
}

function submitted(
  state: CaseState,
  action: ActionOf<"SUBMITTED">,
  date: string,
  ctx: MachineContext,
  refuse: Refuse,
): CaseState {
  const app = action.payload;
  if (app.departureDate < date) throw refuse("Z p.26", "DEPARTURE_IN_THE_PAST");
  // Older children need their own pass; only under-16s are written into the holder's (Z p.9).
  if (app.children.some((child) => child.age >= 16)) throw refuse("Z p.9", "CHILD_16_OR_OLDER");
  const set = rulesOn(date, ctx);
  const lead = firstRule(set, "LEAD_TIME", app);
  const applyBy = addDays(app.departureDate, -lead.days);
  const late = date > applyBy;
  // A late application is taken only with a recorded exceptional reason, and flagged (Z p.7).
  if (late && blank(app.lateReason)) throw refuse("Z p.7", "LATE_WITHOUT_REASON");
  return {
    ...state,
    unitId: action.unitId,
    application: {
      ...app,
      submittedAt: action.at,
      submittedOn: date,
      applyBy,
      leadClauses: lead.clauses,
    },
    flags: withFlags(state, late ? ["LATE_APPLICATION"] : []),
  };
}

function approved(
  state: CaseState,
  action: ActionOf<"APPROVED">,
  date: string,
  ctx: MachineContext,
  refuse: Refuse,
): CaseState {
  const app = state.application;
  const check = state.check;
  // Unreachable: CHECKED implies both; the guard keeps the types honest.
  if (!app || !check) throw refuse("Z p.31", "NO_CHECK");
  const { validFrom, validUntil, places, severalPlacesBasis, clauses } = action.payload;
  // A hit never decides by itself (Z-18), but deciding over one needs the head's written reasoning.
  if (
    (check.result === "POSSIBLE_MATCH" || check.result === "CONFIRMED_MATCH") &&
    blank(action.payload.note)
  ) {
    throw refuse("Z p.31", "MATCH_NEEDS_DECISION_NOTE");
  }
  if (validFrom < date) throw refuse("Z p.21", "VALID_FROM_IN_THE_PAST");
  if (validUntil < validFrom) throw refuse("Z p.21", "VALIDITY_REVERSED");
  const limit = maxValidUntil(app, validFrom, rulesOn(date, ctx));
  if (validUntil > limit.until) throw refuse(limit.clause, "VALIDITY_OVER_LIMIT");
  if (places.length === 0) throw refuse("Z p.20", "NO_PLACES");
  if (new Set(places).size !== places.length) throw refuse("Z p.20", "DUPLICATE_PLACES");
  // Normally one settlement; several only on a petition or in the special cases (Z p.20).
  if (places.length > 1 && severalPlacesBasis === undefined)
    throw refuse("Z p.20", "SEVERAL_PLACES_NEED_BASIS");
  const decision: NonNullable<CaseState["decision"]> = {
    outcome: "APPROVED",
    at: action.at,
    by: action.by,
    unitId: action.unitId,
    validFrom,
    validUntil,
    places: [...places],
    clauses,
  };
  if (severalPlacesBasis !== undefined) decision.severalPlacesBasis = severalPlacesBasis;
  if (action.payload.note !== undefined) decision.note = action.payload.note;
  return { ...state, decision, flags: withFlags(state, places.length > 1 ? ["SEVERAL_PLACES"] : []) };
}

/** The in-person steps of handing over a pass (Z p.32) and a well-formed number and register line (Z-21). */
function handOverChecks(
  payload: { identityChecked: boolean; rulesAcknowledged: boolean; passNumber: string; registerLine: string },
  refuse: Refuse,
): void {
  if (!payload.identityChecked) throw refuse("Z p.32", "IDENTITY_NOT_CHECKED");
  if (!payload.rulesAcknowledged) throw refuse("Z p.32", "RULES_NOT_ACKNOWLEDGED");
  if (!parsePassNumber(payload.passNumber)) throw refuse("Z p.33", "BAD_PASS_NUMBER");
  if (!parseRegisterLine(payload.registerLine)) throw refuse("Z p.32", "BAD_REGISTER_LINE");
}

function issued(state: CaseState, action: ActionOf<"ISSUED">, date: string, refuse: Refuse): CaseState {
  const decision = state.decision;
  if (decision?.outcome !== "APPROVED" || !state.application) throw refuse("Z p.31", "NOT_APPROVED");
  handOverChecks(action.payload, refuse);
  const pass: PassRecord = {
    number: action.payload.passNumber,
    registerLine: action.payload.registerLine,
    issuedOn: date,
    firstIssuedOn: date,
    issuedByUnit: action.unitId,
    validFrom: decision.validFrom,
    validUntil: decision.validUntil,
    places: [...decision.places],
    keptByIab: false,
    extensions: [],
  };
  // Leaving for permanent residence: military deregistration only after the pass is received (Z p.32).
  const military: CaseFlag[] = state.application.purpose === "PERMANENT_RESIDENCE" ? ["MILITARY_NOTICE"] : [];
  return { ...state, pass, flags: withFlags(state, military) };
}

function registered(
  state: CaseState,
  action: ActionOf<"REGISTERED">,
  date: string,
  ctx: MachineContext,
  refuse: Refuse,
): CaseState {
  const pass = mustHavePass(state, refuse);
  const { arrivedOn, place, handedOverOn, passKept, registrar } = action.payload;
  if (arrivedOn > date) throw refuse("Z p.18", "ARRIVAL_AFTER_REGISTRATION");
  // Entry needs a valid pass (Z p.5); an arrival outside the validity is a violation to record, not register.
  if (arrivedOn < pass.validFrom || arrivedOn > pass.validUntil || arrivedOn < pass.firstIssuedOn) {
    throw refuse("Z p.5", "ARRIVAL_OUTSIDE_VALIDITY");
  }
  // Visitors may stay only in the places written in the pass (Z p.38).
  if (!pass.places.some((area) => katoCovers(area, place))) throw refuse("Z p.38", "PLACE_NOT_ON_PASS");
  if (handedOverOn !== undefined && (handedOverOn < arrivedOn || handedOverOn > date)) {
    throw refuse("Z App.1 rule 2", "HANDOVER_DATE_OUT_OF_RANGE");
  }
  const set = rulesOn(date, ctx);
  // Lateness is a fact to record and follow up (Z p.39), never a reason to refuse registration.
  const late = daysBetween(arrivedOn, date) > registrationRule(set, "ARRIVAL").days;
  const handoverLate =
    handedOverOn !== undefined &&
    daysBetween(arrivedOn, handedOverOn) > registrationRule(set, "HANDOVER").days;
  const add: CaseFlag[] = [];
  if (late) add.push("REGISTRATION_LATE");
  if (handoverLate) add.push("HANDOVER_LATE");
  return {
    ...state,
    pass: { ...pass, keptByIab: passKept },
    registrations: [
      ...state.registrations,
      { on: date, arrivedOn, place, registrar, unitId: action.unitId, late, handoverLate },
    ],
    flags: withFlags(state, add),
  };
}

function extended(
  state: CaseState,
  action: ActionOf<"EXTENDED">,
  date: string,
  ctx: MachineContext,
  refuse: Refuse,
): CaseState {
  const pass = mustHavePass(state, refuse);
  const app = state.application;
  if (!app) throw refuse("Z p.23", "NO_APPLICATION");
  const { newValidUntil } = action.payload;
  if (newValidUntil <= pass.validUntil) throw refuse("Z p.23", "EXTENSION_NOT_LATER");
  if (newValidUntil < date) throw refuse("Z p.23", "EXTENSION_IN_THE_PAST");
  // An extension grants at most one new period of the purpose's limit, counted from the day of extension.
  const limit = maxValidUntil(app, date > pass.validFrom ? date : pass.validFrom, rulesOn(date, ctx));
  if (newValidUntil > limit.until) throw refuse(limit.clause, "VALIDITY_OVER_LIMIT");
  return {
    ...state,
    pass: {
      ...pass,
      validUntil: newValidUntil,
      extensions: [
        ...pass.extensions,
        { on: date, byUnit: action.unitId, from: pass.validUntil, to: newValidUntil },
      ],
    },
    flags: withFlags(state, ["EXTENDED"]),
  };
}

function replaced(state: CaseState, action: ActionOf<"REPLACED">, date: string, refuse: Refuse): CaseState {
  const pass = mustHavePass(state, refuse);
  if (!action.payload.originalConfirmed) throw refuse("Z p.24", "ORIGINAL_NOT_CONFIRMED");
  handOverChecks(action.payload, refuse);
  const used = new Set([pass.number, ...state.revocations.map((entry) => entry.passNumber)]);
  if (used.has(action.payload.passNumber)) throw refuse("Z p.24", "PASS_NUMBER_REUSED");
  return {
    ...state,
    pass: {
      ...pass,
      number: action.payload.passNumber,
      registerLine: action.payload.registerLine,
      issuedOn: date,
      issuedByUnit: action.unitId,
      replaces: pass.number,
      keptByIab: false,
    },
    revocations: revoke(state, pass.number, "LOST", date),
  };
}

// ---------------------------------------------------------------------------------------------
// allowedActions
// ---------------------------------------------------------------------------------------------

/**
 * The actions that may be taken on a date, with the permission and scope each needs. Payload rules
 * (dates, reasons, places) are checked by apply; this drives the buttons and the work queues.
 */
export function allowedActions(state: CaseState, today: string): TransitionRule[] {
  const status = statusOn(state, today);
  return PASS_ACTION_TYPES.map((type) => TRANSITIONS[type]).filter(
    (rule) => rule.from.includes(status) && precondition(rule.type, state, today) === undefined,
  );
}

/** The pass numbers of this case on the revocation list (C-6). */
export function revokedPassNumbers(state: CaseState): string[] {
  return state.revocations.map((entry) => entry.passNumber);
}
