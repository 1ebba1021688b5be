/**
 * Organizations' petitions (SPEC Z-13, Z-14, Z-15): the kinds, the statuses of a petition, the
 * per-person results entered by the IAB and the NSC, and the five copies of a border-strip list.
 * Pure data: the routing and lead-time rules themselves live in the rule set (C-1).
 */

/** EMPLOYER — Z p.27 (and Z p.10 group pass); STRIP_LIST — Z p.27 border-strip work list; RELEASE — Z p.22. */
export const PETITION_KINDS = ["EMPLOYER", "STRIP_LIST", "RELEASE"] as const;
/** One petition kind. */
export type PetitionKind = (typeof PETITION_KINDS)[number];

/** Where a petition stands; derived from its members' results after every step. */
export const PETITION_STATUSES = [
  // filed with the IAB; a strip list is at the same time with the NSC
  "FILED",
  // strip list: the NSC has recorded a result for every person (Z p.27)
  "NSC_CHECKED",
  // the IAB head has decided (Z p.31)
  "DECIDED",
  // passes handed over
  "ISSUED",
  // every person refused or excluded
  "REFUSED",
] as const;
/** One petition status. */
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** The NSC territorial body's result for one person on a strip list (Z p.27). */
export const NSC_RESULTS = ["CLEARED", "REFUSED"] as const;
/** One NSC result. */
export type NscResult = (typeof NSC_RESULTS)[number];

/** The IAB officer's police-records result for one person (Z p.30), as on a pass case. */
export const MEMBER_CHECK_RESULTS = ["CLEAR", "POSSIBLE_MATCH", "CONFIRMED_MATCH"] as const;
/** One records-check result. */
export type MemberCheckResult = (typeof MEMBER_CHECK_RESULTS)[number];

/** How the IAB issues: one pass each, or one pass to the group leader with the certified list (Z p.10). */
export const PASS_MODES = ["INDIVIDUAL", "GROUP"] as const;
/** One pass mode. */
export type PassMode = (typeof PASS_MODES)[number];

/** Bodies a petition is filed with or checked by, as the routing rules name them. */
export const PETITION_BODIES = [
  // Z p.27: the IAB at the workers' permanent residence
  "IAB_OF_RESIDENCE",
  // Z p.22: the IAB where the correctional institution is located
  "IAB_AT_INSTITUTION",
  // Z p.27: exceptionally, the IAB where the enterprise is located
  "IAB_AT_ENTERPRISE",
  // Z p.27: the territorial body of the NSC that checks a strip list
  "NSC_TERRITORIAL",
] as const;
/** One body. */
export type PetitionBody = (typeof PETITION_BODIES)[number];

/** Who holds a copy of a strip list (Z p.27). */
export const COPY_HOLDERS = ["GROUP_LEADER", "IAB", "NSC"] as const;
/** One holder kind. */
export type CopyHolder = (typeof COPY_HOLDERS)[number];
