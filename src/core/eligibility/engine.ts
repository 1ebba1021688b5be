/**
 * "Do I need a pass?" (SPEC Z-9): one pure engine for the public page, intake officers and
 * checkpoints. It reads nothing but its arguments: the facts, the rule set in force and today's
 * date. Every part of the answer cites the rules, and so the clauses, it came from (C-1).
 */
import { invalid } from "../errors.js";
import type { LANGS, Translated } from "../i18n.js";
import type { Condition, Issuer, Rule, RuleKind, RuleOf, RuleSet } from "../rules/schema.js";
import { addDays, addMonths, daysBetween, isIsoDate } from "./dates.js";
import { assertConsistentFacts, type TravellerFacts } from "./facts.js";

export { DOCUMENT_LABELS, FLAG_LABELS, ISSUER_LABELS, OUTCOME_LABELS } from "./labels.js";

/** The detail for a date that is not a real calendar date. */
const REAL_DATE: Translated = {
  kk: "нақты күн болуы керек (ЖЖЖЖ-АА-КК)",
  ru: "должна быть реальной датой (ГГГГ-ММ-ДД)",
  en: "must be a real calendar date YYYY-MM-DD",
};

/** The engine's possible answers (SPEC Z-9). */
export const OUTCOMES = [
  "NO_PASS_NEEDED",
  "PASS_REQUIRED",
  "PERMIT_REQUIRED",
  "NOT_ADMITTED",
  "MISSING_DOCUMENTS",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where the destination lies, as resolved by the caller from the zone reference data (Z-1). */
export interface Place {
  inZone: boolean;
  inStrip: boolean;
  /**
   * Whether the destination is a settlement. Settlements in the strip follow the zone's rules
   * (Z p.5, last paragraph); only the strip's open territory needs a production or service need.
   * Defaults to true when the facts name a destination, false when only a zone part is given.
   */
  isSettlement?: boolean;
}

/** What the engine needs besides the facts. */
export interface EligibilityContext {
  ruleSet: RuleSet;
  /** Today's date, "YYYY-MM-DD", in the caller's legal time zone. */
  today: string;
  place?: Place;
}

/** The engine's answer. */
export interface EligibilityResult {
  outcome: Outcome;
  /** What to present: at the checkpoint when no pass is needed, to the issuing body otherwise. */
  documents: string[];
  /** For MISSING_DOCUMENTS: the preferred document of each unmet requirement. */
  missingDocuments?: string[];
  /** For MISSING_DOCUMENTS: each unmet requirement with every document that would satisfy it. */
  missingOptions?: string[][];
  /** Present exactly when a pass or permit is required. */
  issuer?: Issuer;
  /** Present exactly when a pass or permit is required; never after the departure date. */
  applyBy?: string;
  /** Present exactly when a pass or permit is required; never above the clause's limit. */
  maxValidityDays?: number;
  /** Days after arrival to register (Z p.18), for travellers who do not live in the zone. */
  registerWithinDays?: number;
  /** Days after arrival to hand the pass to the registrar (Z App.1 rule 2), when a pass or permit is required. */
  handOverWithinDays?: number;
  /** The clauses behind the answer; never empty, no duplicates. */
  clauses: string[];
  explanation: Translated;
  ruleSetVersion: number;
  ruleIds: string[];
  flags?: string[];
  /** For MISSING_DOCUMENTS: the answer that applies if the documents cannot be produced. */
  fallback?: EligibilityResult;
}

/** The place after defaults. */
interface ResolvedPlace {
  inZone: boolean;
  inStrip: boolean;
  isSettlement: boolean;
}

/** Everything a rule condition may look at. */
interface Situation {
  facts: TravellerFacts;
  place: ResolvedPlace;
}

/** A cited rule: its id, clauses and explanation. */
interface Citable {
  id: string;
  clauses: string[];
  explanation: Translated;
}

/** Said when an exempt traveller lacks the category's documents. */
const OTHERWISE_PASS: Translated = {
  kk: "Осы құжаттар болмаса, рұқсаттаманы жалпы тәртіппен алу керек.",
  ru: "Без этих документов пропуск нужно получать в общем порядке.",
  en: "Without these documents a pass must be obtained in the general order.",
};

/** Collects the rules an answer rests on, keeping clauses and flags unique and in order. */
class Trail {
  readonly ruleIds: string[] = [];
  readonly clauses: string[] = [];
  readonly texts: Translated[] = [];
  readonly flags: string[] = [];

  /** Records a rule; its explanation joins the answer's unless told otherwise. */
  cite(rule: Citable, withExplanation = true): void {
    if (!this.ruleIds.includes(rule.id)) this.ruleIds.push(rule.id);
    for (const clause of rule.clauses) if (!this.clauses.includes(clause)) this.clauses.push(clause);
    if (withExplanation) this.say(rule.explanation);
  }

  /** Adds a sentence to the explanation. */
  say(text: Translated): void {
    if (!this.texts.includes(text)) this.texts.push(text);
  }

  /** Raises a flag once. */
  flag(flag: string): void {
    if (!this.flags.includes(flag)) this.flags.push(flag);
  }

  /** A copy, so an alternative answer can be built without touching this one. */
  clone(): Trail {
    const copy = new Trail();
    copy.ruleIds.push(...this.ruleIds);
    copy.clauses.push(...this.clauses);
    copy.texts.push(...this.texts);
    copy.flags.push(...this.flags);
    return copy;
  }

  /**
   * The explanation in every language. The same sentences in the same order give the same
   * (frozen) object, joined once: every text is a rule's own, and rule sets never change once
   * parsed, so an answer's explanation was joined anew, three languages of it, on every request.
   */
  explanation(): Translated {
    let node = JOINED;
    for (const text of this.texts) {
      let next = node.next.get(text);
      if (!next) {
        next = { next: new WeakMap() };
        node.next.set(text, next);
      }
      node = next;
    }
    if (!node.joined) {
      const join = (lang: (typeof LANGS)[number]) => this.texts.map((text) => text[lang]).join(" ");
      node.joined = Object.freeze({ kk: join("kk"), ru: join("ru"), en: join("en") });
    }
    return node.joined;
  }
}

/** Explanations joined so far, by their sentences in order (weakly: a retired rule set's go). */
interface Joined {
  next: WeakMap<Translated, Joined>;
  joined?: Translated;
}
const JOINED: Joined = { next: new WeakMap() };

// Rule sets are immutable once parsed, so each set's rules are grouped by kind once: an answer
// asks for a kind about ten times, and filtering the whole set each time was a tenth of a
// submission's server time.
const byKind = new WeakMap<RuleSet, Map<RuleKind, readonly Rule[]>>();

/** The rules of one kind, in their order. */
function rulesOf<K extends RuleKind>(set: RuleSet, kind: K): readonly RuleOf<K>[] {
  let groups = byKind.get(set);
  if (!groups) {
    groups = new Map();
    for (const rule of set.rules) groups.set(rule.kind, [...(groups.get(rule.kind) ?? []), rule]);
    byKind.set(set, groups);
  }
  return (groups.get(kind) ?? []) as readonly RuleOf<K>[];
}

/** The first rule whose condition holds; the schema guarantees each kind has a fallback. */
function firstMatching<R extends { id: string; when?: Condition | undefined }>(
  rules: readonly R[],
  situation: Situation,
  kind: string,
): R {
  const rule = rules.find((candidate) => matches(candidate.when, situation));
  // Unreachable for a set that passed ruleSetSchema; a hand-built broken set is a programming error.
  if (!rule) throw new Error(`The rule set has no ${kind} rule for these facts`);
  return rule;
}

/** The single rule of a kind the schema requires exactly once. */
function single<K extends "ZONE_EXTENT" | "STRIP" | "STRIP_SETTLEMENT" | "LATE_APPLICATION">(
  set: RuleSet,
  kind: K,
): RuleOf<K> {
  const rule = rulesOf(set, kind)[0];
  if (!rule) throw new Error(`Rule set ${set.id} v${set.version} has no ${kind} rule`);
  return rule;
}

/** The registration rule for a target. */
function registration(set: RuleSet, target: "ARRIVAL" | "HANDOVER"): RuleOf<"REGISTRATION"> {
  const rule = rulesOf(set, "REGISTRATION").find((candidate) => candidate.target === target);
  if (!rule) throw new Error(`Rule set ${set.id} v${set.version} has no REGISTRATION rule for ${target}`);
  return rule;
}

/** True when every part of the condition holds for the situation. */
function matches(when: Condition | undefined, { facts, place }: Situation): boolean {
  if (!when) return true;
  if (when.citizenships && !when.citizenships.includes(facts.citizenship)) return false;
  if (when.purposes && !when.purposes.includes(facts.purpose)) return false;
  if (when.statuses && !when.statuses.some((flag) => facts.status.includes(flag))) return false;
  if (when.residesInZone !== undefined && when.residesInZone !== facts.residesInZone) return false;
  if (when.underAgeYears !== undefined && facts.ageYears >= when.underAgeYears) return false;
  if (when.accompanied !== undefined && when.accompanied !== (facts.accompaniedByPassHolder ?? false))
    return false;
  if (when.inStrip !== undefined && when.inStrip !== place.inStrip) return false;
  return true;
}

/** Documents for a list of "any one of" groups: the one held, else the first (preferred) one. */
function pickDocuments(
  groups: readonly (readonly string[])[],
  held: readonly string[],
): { documents: string[]; missing: string[]; missingOptions: string[][] } {
  const documents: string[] = [];
  const missing: string[] = [];
  const missingOptions: string[][] = [];
  for (const group of groups) {
    const have = group.find((code) => held.includes(code));
    const chosen = have ?? group[0];
    if (chosen !== undefined && !documents.includes(chosen)) documents.push(chosen);
    if (have === undefined && chosen !== undefined) {
      if (!missing.includes(chosen)) missing.push(chosen);
      missingOptions.push([...group]);
    }
  }
  return { documents, missing, missingOptions };
}

/** Resolves the destination to a place; the caller looks settlements up, the engine checks consistency. */
function resolvePlace(facts: TravellerFacts, place: Place | undefined): ResolvedPlace {
  if (place) {
    if (place.inStrip && !place.inZone)
      throw invalid("destination", {
        kk: "шекаралық белдеудегі жер аймақтың ішінде болады",
        ru: "место в пограничной полосе находится в зоне",
        en: "a place in the border strip lies in the zone",
      });
    if (facts.zonePart !== undefined) {
      const wantsStrip = facts.zonePart === "STRIP";
      if (!place.inZone || place.inStrip !== wantsStrip) {
        throw invalid("zonePart", {
          kk: `${facts.zonePart} баратын жерге сәйкес келмейді`,
          ru: `${facts.zonePart} противоречит месту назначения`,
          en: `${facts.zonePart} contradicts the destination`,
        });
      }
    }
    return {
      inZone: place.inZone,
      inStrip: place.inStrip,
      isSettlement: place.isSettlement ?? facts.destination !== undefined,
    };
  }
  // Without a resolved place the zone part decides; an unresolved destination is treated by it too.
  if (facts.zonePart !== undefined) {
    return { inZone: true, inStrip: facts.zonePart === "STRIP", isSettlement: false };
  }
  throw invalid("destination", {
    kk: "баратын жер аймақтың ішінде не сыртында екені анықталмады",
    ru: "не удалось определить, находится ли место назначения в зоне",
    en: "the destination could not be resolved to a place in or outside the zone",
  });
}

/** Optional parts of a result, set only when defined so "present exactly when" holds. */
interface Extras {
  documents: string[];
  missingDocuments?: string[];
  missingOptions?: string[][];
  issuer?: Issuer;
  applyBy?: string;
  maxValidityDays?: number;
  registerWithinDays?: number;
  handOverWithinDays?: number;
  fallback?: EligibilityResult;
}

/** Assembles the answer from the trail. */
function finish(trail: Trail, set: RuleSet, outcome: Outcome, extras: Extras): EligibilityResult {
  const result: EligibilityResult = {
    outcome,
    documents: extras.documents,
    clauses: [...trail.clauses],
    explanation: trail.explanation(),
    ruleSetVersion: set.version,
    ruleIds: [...trail.ruleIds],
  };
  if (extras.missingDocuments !== undefined) result.missingDocuments = extras.missingDocuments;
  if (extras.missingOptions !== undefined) result.missingOptions = extras.missingOptions;
  if (extras.issuer !== undefined) result.issuer = extras.issuer;
  if (extras.applyBy !== undefined) result.applyBy = extras.applyBy;
  if (extras.maxValidityDays !== undefined) result.maxValidityDays = extras.maxValidityDays;
  if (extras.registerWithinDays !== undefined) result.registerWithinDays = extras.registerWithinDays;
  if (extras.handOverWithinDays !== undefined) result.handOverWithinDays = extras.handOverWithinDays;
  if (trail.flags.length > 0) result.flags = [...trail.flags];
  if (extras.fallback !== undefined) result.fallback = extras.fallback;
  return result;
}

/** The 3-day registration applies to everyone arriving from outside the zone (Z p.18). */
function arrivalDays(trail: Trail, set: RuleSet, facts: TravellerFacts): number | undefined {
  if (facts.residesInZone) return undefined;
  const rule = registration(set, "ARRIVAL");
  trail.cite(rule);
  return rule.days;
}

/** Days the validity rule allows from the departure date; months are calendar months. */
export function validityLimitDays(limit: RuleOf<"VALIDITY">["limit"], departureDate: string): number {
  return "days" in limit ? limit.days : daysBetween(departureDate, addMonths(departureDate, limit.months));
}

/** The pass or permit answer: issuer, documents, deadline and validity. */
function issued(trail: Trail, set: RuleSet, situation: Situation, today: string): EligibilityResult {
  const { facts } = situation;
  const pass = firstMatching(rulesOf(set, "PASS"), situation, "PASS");
  trail.cite(pass);
  const support = firstMatching(rulesOf(set, "SUPPORTING_DOCUMENTS"), situation, "SUPPORTING_DOCUMENTS");
  trail.cite(support);
  const lead = firstMatching(rulesOf(set, "LEAD_TIME"), situation, "LEAD_TIME");
  trail.cite(lead);
  const validity = firstMatching(rulesOf(set, "VALIDITY"), situation, "VALIDITY");
  trail.cite(validity);

  const applyBy = addDays(facts.departureDate, -lead.days);
  if (applyBy < today) {
    trail.cite(single(set, "LATE_APPLICATION"));
    trail.flag("LATE_APPLICATION");
  }
  const limitDays = validityLimitDays(validity.limit, facts.departureDate);
  const maxValidityDays =
    validity.capByStay && facts.stayDays !== undefined ? Math.min(facts.stayDays, limitDays) : limitDays;

  const registerWithinDays = arrivalDays(trail, set, facts);
  const handOver = registration(set, "HANDOVER");
  trail.cite(handOver);

  const { documents } = pickDocuments([...pass.documents, ...support.documents], facts.documents);
  return finish(trail, set, pass.outcome, {
    documents,
    issuer: pass.issuer,
    applyBy,
    maxValidityDays,
    registerWithinDays,
    handOverWithinDays: handOver.days,
  });
}

/** Decides whether the traveller needs a pass or permit, and everything that follows from it. */
export function evaluateEligibility(facts: TravellerFacts, ctx: EligibilityContext): EligibilityResult {
  assertConsistentFacts(facts);
  if (!isIsoDate(ctx.today)) throw invalid("today", REAL_DATE);
  if (!isIsoDate(facts.departureDate)) throw invalid("departureDate", REAL_DATE);
  // The engine plans trips; a departure already past cannot be planned, so it is a contradiction.
  if (facts.departureDate < ctx.today)
    throw invalid("departureDate", {
      kk: `${facts.departureDate} бүгіннен (${ctx.today}) бұрын`,
      ru: `${facts.departureDate} раньше сегодняшней даты (${ctx.today})`,
      en: `${facts.departureDate} is before today (${ctx.today})`,
    });

  const set = ctx.ruleSet;
  const place = resolvePlace(facts, ctx.place);
  const situation: Situation = { facts, place };
  const trail = new Trail();

  if (!place.inZone) {
    trail.cite(single(set, "ZONE_EXTENT"));
    return finish(trail, set, "NO_PASS_NEEDED", { documents: [] });
  }

  if (place.inStrip) {
    if (place.isSettlement) {
      trail.cite(single(set, "STRIP_SETTLEMENT"));
      trail.flag("STRIP_SETTLEMENT");
    } else if (facts.residesInStrip !== true) {
      const strip = single(set, "STRIP");
      trail.cite(strip);
      const need =
        strip.productionPurposes.includes(facts.purpose) ||
        facts.status.some((flag) => strip.serviceStatuses.includes(flag));
      if (!need) return finish(trail, set, "NOT_ADMITTED", { documents: [] });
      trail.flag("STRIP_BORDER_TROOPS_ORDER");
    }
  }

  for (const notice of rulesOf(set, "NOTICE")) {
    if (!matches(notice.when, situation)) continue;
    trail.cite(notice);
    trail.flag(notice.flag);
  }

  const candidates = rulesOf(set, "EXEMPTION")
    .filter((rule) => matches(rule.when, situation))
    .map((rule) => ({ rule, ...pickDocuments(rule.requires, facts.documents) }));

  const satisfied = candidates.find((candidate) => candidate.missing.length === 0);
  if (satisfied) {
    trail.cite(satisfied.rule);
    if (satisfied.rule.flag !== undefined) trail.flag(satisfied.rule.flag);
    const registerWithinDays = arrivalDays(trail, set, facts);
    return finish(trail, set, "NO_PASS_NEEDED", { documents: satisfied.documents, registerWithinDays });
  }

  const fallback = issued(trail.clone(), set, situation, ctx.today);
  // The category closest to being met is the one to name; ties go to the earlier (more specific) rule.
  const closest = candidates.reduce<(typeof candidates)[number] | undefined>(
    (best, candidate) => (!best || candidate.missing.length < best.missing.length ? candidate : best),
    undefined,
  );
  if (!closest) return fallback;

  trail.cite(closest.rule);
  trail.say(OTHERWISE_PASS);
  // Cite the rule that would apply instead, so the "otherwise" sentence has its clause too.
  const passRule = firstMatching(rulesOf(set, "PASS"), situation, "PASS");
  trail.cite(passRule, false);
  return finish(trail, set, "MISSING_DOCUMENTS", {
    documents: closest.documents,
    missingDocuments: closest.missing,
    missingOptions: closest.missingOptions,
    fallback,
  });
}
