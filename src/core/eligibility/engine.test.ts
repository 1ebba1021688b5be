import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { DEFAULT_RULE_SETS, RULE_SET_V1, type RuleSet, ruleSetAt } from "../rules/index.js";
import { addDays, daysBetween } from "./dates.js";
import {
  type EligibilityResult,
  evaluateEligibility,
  ISSUER_LABELS,
  type Place,
  validityLimitDays,
} from "./engine.js";
import {
  CITIZENSHIPS,
  DOCUMENT_CODES,
  findContradiction,
  PURPOSES,
  STATUS_FLAGS,
  type TravellerFacts,
  ZONE_PARTS,
} from "./facts.js";

const TODAY = "2030-06-01";
const DEPARTURE = "2030-06-20";

/** Facts of an adult Kazakh citizen going to the zone for a temporary stay; rows override parts. */
function facts(overrides: Partial<TravellerFacts> = {}): TravellerFacts {
  return {
    citizenship: "KZ",
    ageYears: 35,
    residesInZone: false,
    zonePart: "ZONE",
    departureDate: DEPARTURE,
    purpose: "TEMPORARY_STAY",
    status: [],
    documents: [],
    ...overrides,
  };
}

/** Runs the engine with the shipped rule set. */
function run(f: TravellerFacts, place?: Place, today = TODAY): EligibilityResult {
  return evaluateEligibility(f, { ruleSet: RULE_SET_V1, today, ...(place ? { place } : {}) });
}

interface Row {
  name: string;
  facts: Partial<TravellerFacts>;
  place?: Place;
  outcome: EligibilityResult["outcome"];
  clauses: string[];
  documents: string[];
  missing?: string[];
  issuer?: string;
  flags?: string[];
}

/** One category of SPEC Z-5..Z-8: with its documents, and without them. */
function category(
  name: string,
  base: Partial<TravellerFacts>,
  clauses: string[],
  documents: string[],
  without: { documents: Partial<TravellerFacts>["documents"]; shown: string[]; missing: string[] },
  extra: Pick<Row, "flags"> = {},
): Row[] {
  return [
    {
      name: `${name} — with documents`,
      facts: { ...base, documents: [...documents] as TravellerFacts["documents"] },
      outcome: "NO_PASS_NEEDED",
      clauses,
      documents,
      ...extra,
    },
    {
      name: `${name} — without documents`,
      facts: { ...base, documents: without.documents ?? [] },
      outcome: "MISSING_DOCUMENTS",
      clauses,
      documents: without.shown,
      missing: without.missing,
    },
  ];
}

const TABLE: Row[] = [
  ...category(
    "NSC-list official (Z p.3)",
    { status: ["OFFICIAL_ON_NSC_LIST"], purpose: "SERVICE_DUTY" },
    ["Z p.3"],
    ["SERVICE_ID"],
    {
      documents: [],
      shown: ["ID_CARD"],
      missing: ["ID_CARD"],
    },
  ),
  ...category(
    "business trip, KZ (Z p.5)",
    { purpose: "BUSINESS_TRIP" },
    ["Z p.5"],
    ["ID_CARD", "TRAVEL_CERTIFICATE"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "TRAVEL_CERTIFICATE"],
      missing: ["TRAVEL_CERTIFICATE"],
    },
  ),
  ...category(
    "business trip, CIS (Z p.5)",
    { citizenship: "CIS", purpose: "BUSINESS_TRIP" },
    ["Z p.5"],
    ["PASSPORT", "TRAVEL_CERTIFICATE"],
    {
      documents: ["PASSPORT"],
      shown: ["PASSPORT", "TRAVEL_CERTIFICATE"],
      missing: ["TRAVEL_CERTIFICATE"],
    },
  ),
  ...category("health institution (Z p.5)", { purpose: "HEALTH_RESORT" }, ["Z p.5"], ["ID_CARD", "VOUCHER"], {
    documents: ["ID_CARD"],
    shown: ["ID_CARD", "VOUCHER"],
    missing: ["VOUCHER"],
  }),
  ...category(
    "student returning home (Z p.5)",
    { purpose: "STUDENT_RETURNING_HOME", ageYears: 19 },
    ["Z p.5"],
    ["STUDENT_DOCUMENT", "LOCAL_EXEC_CERTIFICATE"],
    {
      documents: ["STUDENT_DOCUMENT"],
      shown: ["STUDENT_DOCUMENT", "LOCAL_EXEC_CERTIFICATE"],
      missing: ["LOCAL_EXEC_CERTIFICATE"],
    },
  ),
  ...category(
    "permanent resident (Z p.5, p.25)",
    { residesInZone: true },
    ["Z p.5", "Z p.25"],
    ["ID_CARD", "RESIDENCE_STAMP"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "RESIDENCE_STAMP"],
      missing: ["RESIDENCE_STAMP"],
    },
  ),
  ...category(
    "serviceman, KZ (Z p.11)",
    { status: ["SERVICEMAN"], purpose: "SERVICE_DUTY" },
    ["Z p.11"],
    ["MILITARY_ID", "SERVICE_ORDER"],
    {
      documents: ["MILITARY_ID"],
      shown: ["MILITARY_ID", "SERVICE_ORDER"],
      missing: ["SERVICE_ORDER"],
    },
  ),
  ...category(
    "serviceman on leave, CIS (Z p.11)",
    { citizenship: "CIS", status: ["SERVICEMAN"], purpose: "VISIT_RELATIVES" },
    ["Z p.11"],
    ["SERVICE_ID", "LEAVE_TICKET"],
    {
      documents: ["SERVICE_ID"],
      shown: ["SERVICE_ID", "SERVICE_ORDER"],
      missing: ["SERVICE_ORDER"],
    },
  ),
  ...category(
    "serviceman's family travelling with him (Z p.11)",
    { status: ["FAMILY_OF_SERVICEMAN"], accompaniedByPassHolder: true },
    ["Z p.11"],
    ["SERVICE_ORDER"],
    {
      documents: [],
      shown: ["SERVICE_ORDER"],
      missing: ["SERVICE_ORDER"],
    },
  ),
  ...category(
    "serviceman's family travelling alone (Z p.11)",
    { status: ["FAMILY_OF_SERVICEMAN"] },
    ["Z p.11"],
    ["ID_CARD", "SERVICE_PLACE_CERTIFICATE"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "SERVICE_PLACE_CERTIFICATE"],
      missing: ["SERVICE_PLACE_CERTIFICATE"],
    },
  ),
  ...category(
    "discharged serviceman (Z p.12)",
    { purpose: "DISCHARGED_RETURNING", ageYears: 20 },
    ["Z p.12"],
    ["PASS_CERTIFICATE"],
    {
      documents: [],
      shown: ["SERVICE_ORDER"],
      missing: ["SERVICE_ORDER"],
    },
  ),
  ...category(
    "conscript (Z p.12)",
    { purpose: "CONSCRIPT", ageYears: 18 },
    ["Z p.12"],
    ["COMMISSARIAT_LIST", "SERVICE_ORDER"],
    {
      documents: ["SERVICE_ORDER"],
      shown: ["COMMISSARIAT_LIST", "SERVICE_ORDER"],
      missing: ["COMMISSARIAT_LIST"],
    },
  ),
  ...category(
    "transport staff, KZ (Z p.13)",
    { status: ["TRANSPORT_STAFF"], purpose: "TRANSPORT_DUTY" },
    ["Z p.13"],
    ["SERVICE_ID"],
    {
      documents: [],
      shown: ["SERVICE_ID"],
      missing: ["SERVICE_ID"],
    },
  ),
  ...category(
    "transport staff, CIS driver (Z p.13, p.5)",
    { citizenship: "CIS", status: ["TRANSPORT_STAFF"], purpose: "TRANSPORT_DUTY" },
    ["Z p.13", "Z p.5"],
    ["SERVICE_ID", "TRANSPORT_PERMIT"],
    {
      documents: ["SERVICE_ID"],
      shown: ["SERVICE_ID", "TRANSPORT_PERMIT"],
      missing: ["TRANSPORT_PERMIT"],
    },
  ),
  ...category(
    "deputy or regional head (Z p.14)",
    { status: ["DEPUTY_OR_REGIONAL_HEAD"], purpose: "PERIODIC_BUSINESS" },
    ["Z p.14"],
    ["DEPUTY_ID"],
    {
      documents: ["ID_CARD"],
      shown: ["DEPUTY_ID"],
      missing: ["DEPUTY_ID"],
    },
  ),
  ...category(
    "children's health camp, organized group (Z p.15)",
    { purpose: "CHILDREN_HEALTH_CAMP", ageYears: 10, accompaniedByPassHolder: true },
    ["Z p.15"],
    ["VOUCHER"],
    {
      documents: [],
      shown: ["VOUCHER"],
      missing: ["VOUCHER"],
    },
  ),
  ...category(
    "parent visiting a camp (Z p.15)",
    { purpose: "PARENT_VISITING_CAMP" },
    ["Z p.15"],
    ["ID_CARD", "VOUCHER_ISSUER_CERTIFICATE"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "VOUCHER_ISSUER_CERTIFICATE"],
      missing: ["VOUCHER_ISSUER_CERTIFICATE"],
    },
  ),
  ...category(
    "war veteran or equal (Z p.16)",
    { status: ["WAR_VETERAN_OR_EQUAL"], ageYears: 90 },
    ["Z p.16"],
    ["ID_CARD", "VETERAN_CERTIFICATE"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "VETERAN_CERTIFICATE"],
      missing: ["VETERAN_CERTIFICATE"],
    },
  ),
  ...category(
    "seriously ill or dying relative (Z p.16)",
    { purpose: "RELATIVE_ILL_OR_DYING" },
    ["Z p.16"],
    ["PASSPORT", "TELEGRAM"],
    {
      documents: ["PASSPORT"],
      shown: ["PASSPORT", "TELEGRAM"],
      missing: ["TELEGRAM"],
    },
  ),
  ...category(
    "relative's funeral (Z p.16)",
    { purpose: "RELATIVE_FUNERAL" },
    ["Z p.16"],
    ["ID_CARD", "LOCAL_EXEC_CERTIFICATE"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "LOCAL_EXEC_CERTIFICATE"],
      missing: ["LOCAL_EXEC_CERTIFICATE"],
    },
  ),
  ...category(
    "visiting relatives with certified invitation (Z p.17)",
    { purpose: "VISIT_RELATIVES" },
    ["Z p.17"],
    ["ID_CARD", "CERTIFIED_INVITATION"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "CERTIFIED_INVITATION"],
      missing: ["CERTIFIED_INVITATION"],
    },
  ),
  ...category(
    "return from abroad (Z p.17)",
    { purpose: "RETURN_FROM_ABROAD", residesInZone: true },
    ["Z p.17"],
    ["PASSPORT", "RETURN_CERTIFICATE"],
    {
      documents: [],
      shown: ["PASSPORT", "RETURN_CERTIFICATE"],
      missing: ["PASSPORT", "RETURN_CERTIFICATE"],
    },
  ),
  ...category(
    "served by a zone institution (Z p.19)",
    { purpose: "ZONE_INSTITUTION" },
    ["Z p.19"],
    ["ID_CARD", "RESIDENCE_PROOF"],
    {
      documents: ["ID_CARD"],
      shown: ["ID_CARD", "RESIDENCE_PROOF"],
      missing: ["RESIDENCE_PROOF"],
    },
  ),
  ...category(
    "child under 16 with an accompanying pass holder (Z p.9)",
    { ageYears: 8, accompaniedByPassHolder: true, purpose: "VISIT_RELATIVES" },
    ["Z p.9"],
    ["BIRTH_CERTIFICATE"],
    { documents: [], shown: ["BIRTH_CERTIFICATE"], missing: ["BIRTH_CERTIFICATE"] },
    { flags: ["WRITTEN_INTO_ACCOMPANYING_PASS"] },
  ),
  ...category(
    "child of the zone returning alone (Z p.9)",
    { ageYears: 12, residesInZone: true },
    ["Z p.9"],
    ["LOCAL_EXEC_CERTIFICATE"],
    {
      documents: [],
      shown: ["BIRTH_CERTIFICATE"],
      missing: ["BIRTH_CERTIFICATE"],
    },
  ),
  // Z-6: residents of CIS states — a pass from the IAB of their residence, documents or not.
  {
    name: "CIS resident (Z p.6)",
    facts: { citizenship: "CIS", documents: ["PASSPORT"] },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.6", "Z p.26"],
    documents: ["PASSPORT", "APPLICATION"],
    issuer: "IAB_OF_CIS_RESIDENCE",
  },
  {
    name: "CIS resident without documents (Z p.6)",
    facts: { citizenship: "CIS" },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.6"],
    documents: ["PASSPORT", "APPLICATION"],
    issuer: "IAB_OF_CIS_RESIDENCE",
  },
  // Z-7: foreigners and stateless persons — always a permit agreed with the NSC.
  {
    name: "foreigner with business-trip documents (Z p.17)",
    facts: {
      citizenship: "FOREIGN",
      purpose: "BUSINESS_TRIP",
      documents: ["PASSPORT", "TRAVEL_CERTIFICATE"],
    },
    outcome: "PERMIT_REQUIRED",
    clauses: ["Z p.17"],
    documents: ["PASSPORT", "APPLICATION", "EMPLOYER_INVITATION"],
    issuer: "IAB_OF_RESIDENCE_WITH_NSC_AGREEMENT",
  },
  {
    name: "stateless resident of the zone (Z p.17)",
    facts: { citizenship: "STATELESS", residesInZone: true },
    outcome: "PERMIT_REQUIRED",
    clauses: ["Z p.17"],
    documents: ["PASSPORT", "APPLICATION"],
    issuer: "IAB_OF_RESIDENCE_WITH_NSC_AGREEMENT",
  },
  // Z-8: the strip.
  {
    name: "strip territory, visiting relatives (Z p.5 note)",
    facts: { zonePart: "STRIP", purpose: "VISIT_RELATIVES", documents: ["ID_CARD", "CERTIFIED_INVITATION"] },
    outcome: "NOT_ADMITTED",
    clauses: ["Z p.5"],
    documents: [],
  },
  {
    name: "strip territory, zone resident on a personal matter (Z p.5 note)",
    facts: { zonePart: "STRIP", residesInZone: true, documents: ["ID_CARD", "RESIDENCE_STAMP"] },
    outcome: "NOT_ADMITTED",
    clauses: ["Z p.5"],
    documents: [],
  },
  {
    name: "strip territory, foreigner on tourism (Z p.5 note)",
    facts: { zonePart: "STRIP", citizenship: "FOREIGN", purpose: "TOURISM" },
    outcome: "NOT_ADMITTED",
    clauses: ["Z p.5"],
    documents: [],
  },
  {
    name: "strip territory, work (Z p.5 note, p.27)",
    facts: { zonePart: "STRIP", purpose: "WORK" },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.5", "Z p.27"],
    documents: ["ID_CARD", "EMPLOYER_PETITION"],
    issuer: "IAB_OF_RESIDENCE",
    flags: ["STRIP_BORDER_TROOPS_ORDER"],
  },
  {
    name: "strip territory, serviceman on duty (Z p.5 note, p.11)",
    facts: {
      zonePart: "STRIP",
      status: ["SERVICEMAN"],
      purpose: "SERVICE_DUTY",
      documents: ["MILITARY_ID", "SERVICE_ORDER"],
    },
    outcome: "NO_PASS_NEEDED",
    clauses: ["Z p.5", "Z p.11"],
    documents: ["MILITARY_ID", "SERVICE_ORDER"],
    flags: ["STRIP_BORDER_TROOPS_ORDER"],
  },
  {
    name: "strip territory, resident of the strip (Z p.5)",
    facts: {
      zonePart: "STRIP",
      residesInZone: true,
      residesInStrip: true,
      documents: ["ID_CARD", "RESIDENCE_STAMP"],
    },
    outcome: "NO_PASS_NEEDED",
    clauses: ["Z p.5", "Z p.25"],
    documents: ["ID_CARD", "RESIDENCE_STAMP"],
  },
  {
    name: "settlement in the strip follows the zone's rules (Z p.5)",
    facts: {
      zonePart: undefined,
      destination: "395430100",
      purpose: "VISIT_RELATIVES",
      documents: ["ID_CARD", "CERTIFIED_INVITATION"],
    },
    place: { inZone: true, inStrip: true },
    outcome: "NO_PASS_NEEDED",
    clauses: ["Z p.5", "Z p.17"],
    documents: ["ID_CARD", "CERTIFIED_INVITATION"],
    flags: ["STRIP_SETTLEMENT"],
  },
  // Z p.1–2: outside the zone.
  {
    name: "destination outside the zone (Z p.1–2)",
    facts: { zonePart: undefined, destination: "751110000", citizenship: "FOREIGN" },
    place: { inZone: false, inStrip: false },
    outcome: "NO_PASS_NEEDED",
    clauses: ["Z p.1", "Z p.2"],
    documents: [],
  },
  // General passes (Z p.5, p.7, p.22, p.26, p.27).
  {
    name: "temporary stay, general pass (Z p.5, p.26)",
    facts: { documents: ["ID_CARD"] },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.5", "Z p.7", "Z p.26", "Z p.21"],
    documents: ["ID_CARD", "APPLICATION"],
    issuer: "IAB_OF_RESIDENCE",
  },
  {
    name: "released from custody (Z p.22)",
    facts: { purpose: "RELEASED_FROM_CUSTODY" },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.22"],
    documents: ["ID_CARD", "INSTITUTION_PETITION"],
    issuer: "IAB_AT_INSTITUTION",
  },
  {
    name: "special works (Z p.28)",
    facts: { purpose: "SPECIAL_WORKS" },
    outcome: "PASS_REQUIRED",
    clauses: ["Z p.28", "Z p.26"],
    documents: ["ID_CARD", "APPLICATION", "EMPLOYER_INVITATION"],
    issuer: "IAB_OF_RESIDENCE",
    flags: ["SPECIAL_WORKS_PERMISSION"],
  },
];

describe("evaluateEligibility — every category of SPEC Z-5..Z-8", () => {
  it.each(TABLE)("$name", (row) => {
    const result = run(facts(row.facts), row.place);
    expect(result.outcome).toBe(row.outcome);
    for (const clause of row.clauses) expect(result.clauses).toContain(clause);
    expect(result.documents).toEqual(row.documents);
    if (row.missing) expect(result.missingDocuments).toEqual(row.missing);
    else expect(result.missingDocuments).toBeUndefined();
    if (row.issuer) expect(result.issuer).toBe(row.issuer);
    for (const flag of row.flags ?? []) expect(result.flags).toContain(flag);
    if (row.outcome === "MISSING_DOCUMENTS") {
      // The traveller is told what happens otherwise: a pass, with its deadline.
      expect(result.fallback?.outcome).toBe("PASS_REQUIRED");
      expect(result.fallback?.applyBy).toBeDefined();
      expect(result.explanation.en).toContain("Without these documents");
    }
    expect(result.ruleSetVersion).toBe(1);
  });

  it("covers every purpose and every status flag somewhere in the table", () => {
    const purposes = new Set(TABLE.map((row) => row.facts.purpose ?? "TEMPORARY_STAY"));
    const missingPurposes = PURPOSES.filter(
      (p) =>
        !purposes.has(p) &&
        !["WORK", "STUDY", "PERIODIC_PERSONAL", "GROUP_WORK", "TOURISM", "PERMANENT_RESIDENCE"].includes(p),
    );
    expect(missingPurposes).toEqual([]);
    const statuses = new Set(TABLE.flatMap((row) => row.facts.status ?? []));
    expect(STATUS_FLAGS.filter((s) => !statuses.has(s))).toEqual([]);
  });
});

describe("evaluateEligibility — deadlines and validity", () => {
  it("asks for the application 10 days before departure (Z p.26)", () => {
    const result = run(facts());
    expect(result.applyBy).toBe("2030-06-10");
    expect(result.ruleIds).toContain("LEAD_APPLICATION");
    expect(result.flags).toBeUndefined();
  });

  it("asks employers 10 days ahead and strip group lists 30 days ahead (Z p.27)", () => {
    expect(run(facts({ purpose: "WORK" })).applyBy).toBe("2030-06-10");
    expect(run(facts({ purpose: "GROUP_WORK" })).applyBy).toBe("2030-06-10");
    const strip = run(facts({ purpose: "GROUP_WORK", zonePart: "STRIP" }), undefined, "2030-05-01");
    expect(strip.applyBy).toBe("2030-05-21");
    expect(strip.ruleIds).toContain("LEAD_STRIP_GROUP_LIST");
    expect(strip.flags).toContain("GROUP_PASS_POSSIBLE");
  });

  it("asks for the release petition 5 days before release (Z p.22)", () => {
    expect(run(facts({ purpose: "RELEASED_FROM_CUSTODY" })).applyBy).toBe("2030-06-15");
  });

  it("flags a late application and still answers (Z p.7)", () => {
    const result = run(facts(), undefined, "2030-06-15");
    expect(result.outcome).toBe("PASS_REQUIRED");
    expect(result.applyBy).toBe("2030-06-10");
    expect(result.flags).toContain("LATE_APPLICATION");
    expect(result.clauses).toContain("Z p.7");
  });

  it("applies the validity limits of Z p.21", () => {
    expect(run(facts({ purpose: "PERMANENT_RESIDENCE" })).maxValidityDays).toBe(30);
    expect(run(facts({ purpose: "PERIODIC_BUSINESS" })).maxValidityDays).toBe(365);
    expect(run(facts({ purpose: "PERIODIC_PERSONAL", stayDays: 90 })).maxValidityDays).toBe(90);
    // 20 June + 6 months = 20 December: 183 days.
    expect(run(facts({ stayDays: 3000 })).maxValidityDays).toBe(183);
    expect(run(facts({ stayDays: 14 })).maxValidityDays).toBe(14);
  });

  it("adds the registration deadlines for arrivals from outside the zone (Z p.18, App.1 rule 2)", () => {
    const pass = run(facts());
    expect(pass.registerWithinDays).toBe(3);
    expect(pass.handOverWithinDays).toBe(1);
    expect(pass.clauses).toEqual(expect.arrayContaining(["Z p.18", "Z App.1 rule 2"]));
    const resident = run(facts({ residesInZone: true, documents: ["ID_CARD", "RESIDENCE_STAMP"] }));
    expect(resident.registerWithinDays).toBeUndefined();
    expect(resident.handOverWithinDays).toBeUndefined();
  });

  it("exports a label for every issuer", () => {
    for (const label of Object.values(ISSUER_LABELS)) expect(label.kk && label.ru && label.en).toBeTruthy();
  });
});

describe("evaluateEligibility — contradictions throw AppError naming the field", () => {
  const cases: {
    name: string;
    facts: Partial<TravellerFacts>;
    place?: Place;
    today?: string;
    field: string;
  }[] = [
    { name: "conscript under 16", facts: { purpose: "CONSCRIPT", ageYears: 14 }, field: "ageYears" },
    { name: "serviceman aged 10", facts: { status: ["SERVICEMAN"], ageYears: 10 }, field: "ageYears" },
    {
      name: "foreigner on the NSC list",
      facts: { citizenship: "FOREIGN", status: ["OFFICIAL_ON_NSC_LIST"] },
      field: "status",
    },
    {
      name: "CIS deputy",
      facts: { citizenship: "CIS", status: ["DEPUTY_OR_REGIONAL_HEAD"] },
      field: "status",
    },
    {
      name: "adult at a children's camp",
      facts: { purpose: "CHILDREN_HEALTH_CAMP", ageYears: 30 },
      field: "ageYears",
    },
    {
      name: "return from abroad to a home outside the zone",
      facts: { purpose: "RETURN_FROM_ABROAD" },
      field: "residesInZone",
    },
    {
      name: "lives in the strip but not in the zone",
      facts: { residesInStrip: true },
      field: "residesInStrip",
    },
    { name: "departure before today", facts: { departureDate: "2030-05-31" }, field: "departureDate" },
    { name: "no destination and no zone part", facts: { zonePart: undefined }, field: "destination" },
    {
      name: "destination that was not resolved",
      facts: { zonePart: undefined, destination: "000000000" },
      field: "destination",
    },
    {
      name: "zone part STRIP for a place outside the strip",
      facts: { zonePart: "STRIP", destination: "1" },
      place: { inZone: true, inStrip: false },
      field: "zonePart",
    },
    {
      name: "zone part for a place outside the zone",
      facts: { zonePart: "ZONE", destination: "1" },
      place: { inZone: false, inStrip: false },
      field: "zonePart",
    },
    {
      name: "a strip outside the zone",
      facts: { zonePart: undefined, destination: "1" },
      place: { inZone: false, inStrip: true },
      field: "destination",
    },
    { name: "a malformed today", facts: {}, today: "2030-02-30", field: "today" },
  ];
  it.each(cases)("$name → $field", ({ facts: overrides, place, today, field }) => {
    const call = () => run(facts(overrides), place, today ?? TODAY);
    expect(call).toThrow(AppError);
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      if (error instanceof AppError) {
        expect(error.field).toBe(field);
        expect(error.code).toBe("VALIDATION_FAILED");
      }
    }
  });
});

// ---- Properties over random consistent facts

const dayOffset = fc.integer({ min: 0, max: 400 });
const subset = <T>(values: readonly T[]) => fc.subarray([...values]);

const factsArb: fc.Arbitrary<{ facts: TravellerFacts; place: Place | undefined; today: string }> = fc
  .record({
    citizenship: fc.constantFrom(...CITIZENSHIPS),
    ageYears: fc.integer({ min: 0, max: 100 }),
    residesInZone: fc.boolean(),
    residesInStrip: fc.option(fc.boolean(), { nil: undefined }),
    zonePart: fc.option(fc.constantFrom(...ZONE_PARTS), { nil: undefined }),
    destination: fc.option(fc.constantFrom("395430100", "751110000"), { nil: undefined }),
    purpose: fc.constantFrom(...PURPOSES),
    status: subset(STATUS_FLAGS),
    documents: subset(DOCUMENT_CODES),
    accompaniedByPassHolder: fc.option(fc.boolean(), { nil: undefined }),
    stayDays: fc.option(fc.integer({ min: 1, max: 3660 }), { nil: undefined }),
    todayOffset: dayOffset,
    lead: fc.integer({ min: 0, max: 60 }),
    place: fc.option(
      fc.record({
        inZone: fc.boolean(),
        inStrip: fc.boolean(),
        isSettlement: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ todayOffset, lead, place, ...rest }) => {
    const today = addDays("2030-01-01", todayOffset);
    const f: TravellerFacts = { ...rest, departureDate: addDays(today, lead) };
    // Keep the place consistent with the zone part, as a caller resolving the destination would.
    let resolved: Place | undefined;
    if (place && f.destination !== undefined) {
      const inZone = f.zonePart !== undefined ? true : place.inZone;
      const inStrip = f.zonePart !== undefined ? f.zonePart === "STRIP" : inZone && place.inStrip;
      resolved = {
        inZone,
        inStrip,
        ...(place.isSettlement !== undefined ? { isSettlement: place.isSettlement } : {}),
      };
    }
    return { facts: f, place: resolved, today };
  })
  .filter(
    ({ facts: f, place }) =>
      findContradiction(f) === undefined && (place !== undefined || f.zonePart !== undefined),
  );

/** Every result in an answer, the fallback included. */
function allResults(result: EligibilityResult): EligibilityResult[] {
  return result.fallback ? [result, ...allResults(result.fallback)] : [result];
}

describe("evaluateEligibility — properties", () => {
  it("cites at least one clause, without duplicates, in every outcome", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        for (const result of allResults(run(f, place, today))) {
          expect(result.clauses.length).toBeGreaterThan(0);
          expect(new Set(result.clauses).size).toBe(result.clauses.length);
          expect(result.ruleIds.length).toBeGreaterThan(0);
          for (const lang of ["kk", "ru", "en"] as const)
            expect(result.explanation[lang].length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same explanation object for the same sentences, with the text a fresh join gives", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        const ctx = { today, ...(place ? { place } : {}) };
        const first = evaluateEligibility(f, { ...ctx, ruleSet: RULE_SET_V1 });
        const again = evaluateEligibility(f, { ...ctx, ruleSet: RULE_SET_V1 });
        // A new copy of the rule set has equal texts that are new objects: its answer is joined anew.
        const fresh = evaluateEligibility(f, { ...ctx, ruleSet: structuredClone(RULE_SET_V1) });
        expect(again.explanation).toBe(first.explanation);
        expect(Object.isFrozen(first.explanation)).toBe(true);
        expect(fresh.explanation).not.toBe(first.explanation);
        expect(fresh.explanation).toEqual(first.explanation);
      }),
      { numRuns: 500 },
    );
  });

  it("never asks to apply after the departure date, and flags only truly late applications", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        for (const result of allResults(run(f, place, today))) {
          if (result.applyBy === undefined) continue;
          expect(result.applyBy <= f.departureDate).toBe(true);
          expect(result.flags?.includes("LATE_APPLICATION") ?? false).toBe(result.applyBy < today);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("has issuer, applyBy and maxValidityDays exactly when a pass or permit is required", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        for (const result of allResults(run(f, place, today))) {
          const issued = result.outcome === "PASS_REQUIRED" || result.outcome === "PERMIT_REQUIRED";
          expect(result.issuer !== undefined).toBe(issued);
          expect(result.applyBy !== undefined).toBe(issued);
          expect(result.maxValidityDays !== undefined).toBe(issued);
          expect(result.missingDocuments !== undefined).toBe(result.outcome === "MISSING_DOCUMENTS");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never gives a validity above the limit of the clause it cites, nor above the stay", () => {
    const validityRules = RULE_SET_V1.rules.filter((rule) => rule.kind === "VALIDITY");
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        for (const result of allResults(run(f, place, today))) {
          if (result.maxValidityDays === undefined) continue;
          const cited = validityRules.filter((rule) => result.ruleIds.includes(rule.id));
          expect(cited).toHaveLength(1);
          const rule = cited[0];
          if (rule?.kind !== "VALIDITY") continue;
          expect(result.maxValidityDays).toBeGreaterThan(0);
          expect(result.maxValidityDays).toBeLessThanOrEqual(validityLimitDays(rule.limit, f.departureDate));
          // Hard ceilings of Z p.21: a year (≤ 366 days), six months (≤ 184 days).
          expect(result.maxValidityDays).toBeLessThanOrEqual(366);
          if (rule.capByStay && f.stayDays !== undefined)
            expect(result.maxValidityDays).toBeLessThanOrEqual(f.stayDays);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never lets a foreigner or stateless person into the zone without a permit (Z p.17)", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        fc.pre(f.citizenship === "FOREIGN" || f.citizenship === "STATELESS");
        const result = run(f, place, today);
        const inZone = place ? place.inZone : true;
        if (inZone) expect(["PERMIT_REQUIRED", "NOT_ADMITTED"]).toContain(result.outcome);
      }),
      { numRuns: 1000 },
    );
  });

  it("answers NOT_ADMITTED only for the strip's territory", () => {
    fc.assert(
      fc.property(factsArb, ({ facts: f, place, today }) => {
        const result = run(f, place, today);
        if (result.outcome === "NOT_ADMITTED") {
          expect(result.ruleIds).toEqual(["STRIP_PRODUCTION_NEED"]);
          expect(result.documents).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("rule versions switch exactly at their effective date", () => {
  // A synthetic version 2 from 2031-01-01 that doubles the application lead time.
  const v2: RuleSet = {
    ...structuredClone(RULE_SET_V1),
    version: 2,
    effectiveFrom: "2031-01-01",
    rules: RULE_SET_V1.rules.map((rule) =>
      rule.id === "LEAD_APPLICATION" && rule.kind === "LEAD_TIME" ? { ...rule, days: 20 } : rule,
    ),
  };
  const sets = [...DEFAULT_RULE_SETS, v2];

  it("picks version 1 the day before and version 2 on the day", () => {
    expect(ruleSetAt(sets, "2030-12-31").version).toBe(1);
    expect(ruleSetAt(sets, "2031-01-01").version).toBe(2);
  });

  it("picks the version whose effectiveFrom is the latest on or before any date", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 40000 }), (offset) => {
        const date = addDays("1994-09-19", offset);
        if (date < "1994-09-19") {
          expect(() => ruleSetAt(sets, date)).toThrow(AppError);
          return;
        }
        expect(ruleSetAt(sets, date).version).toBe(date >= "2031-01-01" ? 2 : 1);
      }),
    );
  });

  it("answers by the version in force on the departure date", () => {
    const before = facts({ departureDate: "2030-12-31" });
    const after = facts({ departureDate: "2031-01-01" });
    const r1 = evaluateEligibility(before, { ruleSet: ruleSetAt(sets, before.departureDate), today: TODAY });
    const r2 = evaluateEligibility(after, { ruleSet: ruleSetAt(sets, after.departureDate), today: TODAY });
    expect(r1.ruleSetVersion).toBe(1);
    expect(r2.ruleSetVersion).toBe(2);
    expect(r1.applyBy && daysBetween(r1.applyBy, before.departureDate)).toBe(10);
    expect(r2.applyBy && daysBetween(r2.applyBy, after.departureDate)).toBe(20);
  });
});
