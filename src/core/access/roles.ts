/**
 * Roles and permissions as data (C-2). A user holds one or more roles within their unit;
 * a permission applies to the unit subtree of the user's unit unless the role is system-wide.
 */
export const ROLES = [
  "officer",
  "head",
  "nsc_reviewer",
  "works_approver",
  "registrar",
  "checkpoint_officer",
  "duty_officer",
  "analyst",
  "unit_admin",
  "system_admin",
  "org_representative",
  "citizen",
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "units.read",
  "units.manage",
  // A triad spans three agencies' trees (X-2): forming or changing one is above any unit's subtree.
  "triads.manage",
  "users.read",
  "users.manage",
  "audit.read",
  "audit.verify",
  "applications.intake",
  "applications.check",
  "passes.decide",
  "foreigners.agree",
  "strip_lists.check",
  "special_works.decide",
  "passes.register",
  "passes.verify",
  "exchange.duty",
  "exchange.send",
  "plans.approve",
  "dashboards.read",
  "rules.manage",
  "reference.manage",
  "officials.manage",
  "applications.own",
  "petitions.own",
  "records.screen",
  "records.manage",
  "plans.draft",
  "coordination.read",
  "coordination.manage",
  "handovers.manage",
  "statistics.read",
  "statistics.enter",
  "databank.read",
  "databank.file",
  "databank.official_use",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do; clauses name where the law gives the power. */
// Statistics (X-14, X p.9.3) and the data bank (X-15, X p.5.5, p.10.3): heads and duty officers enter
// figures and file material, officers read; "for official use" is for heads, NSC reviewers, duty officers.
export const ROLE_PERMISSIONS: Record<Role, { permissions: Permission[]; clause?: string }> = {
  officer: {
    permissions: [
      "units.read",
      "applications.intake",
      "applications.check",
      "passes.verify",
      "records.screen",
      "coordination.read",
      "handovers.manage",
      "statistics.read",
      "databank.read",
    ],
  },
  head: {
    permissions: [
      "units.read",
      "applications.intake",
      "applications.check",
      "passes.decide",
      "plans.approve",
      "records.screen",
      "plans.draft",
      "coordination.read",
      "coordination.manage",
      "handovers.manage",
      "statistics.read",
      "statistics.enter",
      "databank.read",
      "databank.file",
      "databank.official_use",
    ],
    clause: "Z p.31",
  },
  nsc_reviewer: {
    permissions: [
      "units.read",
      "foreigners.agree",
      "strip_lists.check",
      "officials.manage",
      "records.screen",
      "records.manage",
      "coordination.read",
      "statistics.read",
      "databank.read",
      "databank.official_use",
    ],
    clause: "Z p.3, p.17, p.27",
  },
  works_approver: { permissions: ["units.read", "special_works.decide"], clause: "Z p.28" },
  registrar: { permissions: ["passes.register", "passes.verify"], clause: "Z p.18, p.36" },
  checkpoint_officer: {
    permissions: [
      "units.read",
      "passes.verify",
      "records.screen",
      "coordination.read",
      "handovers.manage",
      "statistics.read",
      "databank.read",
    ],
  },
  duty_officer: {
    permissions: [
      "units.read",
      "exchange.duty",
      "exchange.send",
      "coordination.read",
      "handovers.manage",
      "statistics.read",
      "statistics.enter",
      "databank.read",
      "databank.file",
      "databank.official_use",
    ],
    clause: "X p.5.2",
  },
  analyst: {
    permissions: ["units.read", "dashboards.read", "coordination.read", "statistics.read", "databank.read"],
  },
  unit_admin: { permissions: ["units.read", "units.manage", "users.read", "users.manage", "audit.read"] },
  system_admin: {
    permissions: [
      "units.read",
      "units.manage",
      "triads.manage",
      "users.read",
      "users.manage",
      "audit.read",
      "audit.verify",
      "rules.manage",
      "reference.manage",
      "officials.manage",
      "dashboards.read",
      "records.manage",
      // Whoever maintains the registry must be able to read it and test a record (issue 6).
      "records.screen",
      "statistics.read",
      "databank.read",
    ],
  },
  org_representative: { permissions: ["petitions.own", "passes.verify"] },
  citizen: { permissions: ["applications.own"] },
};

/** True when the value names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Permission sets by their roles: every signed-in request resolves its caller's, and the few role
 * combinations in use share one set each instead of building one per request. Bounded all the
 * same, since roles come from stored users.
 */
const permissionSets = new Map<string, ReadonlySet<Permission>>();
const PERMISSION_SETS_MAX = 256;

/** The union of the permissions of the given roles (a shared set: never to be changed). */
export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  const key = roles.join(",");
  let set = permissionSets.get(key);
  if (!set) {
    if (permissionSets.size >= PERMISSION_SETS_MAX) permissionSets.clear();
    set = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role].permissions));
    permissionSets.set(key, set);
  }
  return set;
}
