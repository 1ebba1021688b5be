import {
  type EligibilityResult,
  evaluateEligibility,
  type Place,
  parseTravellerFacts,
} from "../core/eligibility/index.js";
import { invalid } from "../core/errors.js";
import type { ApplicationData } from "../core/passes/index.js";
import { ruleSetAt } from "../core/rules/index.js";
import { localDate } from "../core/time.js";
import type { Deps } from "./context.js";
import { cachedZoneEntry } from "./reference/zone-entries.js";
import { loadRuleSets } from "./rules/rules.service.js";

/** The engine's answer plus the resolved destination, for display. */
export interface EligibilityAnswer extends EligibilityResult {
  destination?: {
    kato: string;
    nameKk: string;
    nameRu: string;
    regionKk: string;
    regionRu: string;
    inStrip: boolean;
  };
}

/**
 * "Do I need a pass?" (Z-9): validates the facts, resolves the destination in the zone list in
 * force at the departure date, and runs the engine with the rule set in force then.
 */
export async function checkEligibility(
  deps: Pick<Deps, "database" | "clock">,
  input: unknown,
): Promise<EligibilityAnswer> {
  const facts = parseTravellerFacts(input);
  const today = localDate(deps.clock.now());
  const ruleSet = ruleSetAt(await loadRuleSets(deps.database), facts.departureDate);
  let place: Place | undefined;
  let destination: EligibilityAnswer["destination"];
  if (facts.destination !== undefined) {
    if (!/^\d{9}$/.test(facts.destination)) {
      throw invalid("destination", {
        kk: "елді мекеннің ӘАОЖ коды (9 цифр) керек",
        ru: "нужен код КАТО населённого пункта (9 цифр)",
        en: "a settlement's KATO code (9 digits) is expected",
      });
    }
    const code = facts.destination;
    // From the zone-list cache: every submission and every public check looks a place up.
    const entry = await cachedZoneEntry(deps.database, facts.departureDate, code);
    place = entry
      ? { inZone: true, inStrip: entry.inStrip, isSettlement: entry.kind !== "DISTRICT" }
      : { inZone: false, inStrip: false };
    if (entry) {
      destination = {
        kato: entry.kato,
        nameKk: entry.nameKk,
        nameRu: entry.nameRu,
        regionKk: entry.regionKk,
        regionRu: entry.regionRu,
        inStrip: entry.inStrip,
      };
    }
  }
  const result = evaluateEligibility(facts, { ruleSet, today, ...(place ? { place } : {}) });
  return destination ? { ...result, destination } : result;
}

/**
 * The engine's answer for an application (App.2), as the officer and the applicant see it (Z-9):
 * an adult or child of the declared birth year travelling from outside the zone, with `documents`.
 */
export function applicationEligibility(
  deps: Pick<Deps, "database" | "clock">,
  data: ApplicationData,
  documents: readonly string[],
): Promise<EligibilityAnswer> {
  return checkEligibility(deps, {
    citizenship: data.applicant.citizenship,
    ageYears: Math.max(0, Number(data.departureDate.slice(0, 4)) - data.applicant.birthYear),
    residesInZone: false,
    destination: data.destinations[0],
    departureDate: data.departureDate,
    ...(data.stayDays ? { stayDays: data.stayDays } : {}),
    purpose: data.purpose,
    status: [],
    documents: [...documents],
  });
}
