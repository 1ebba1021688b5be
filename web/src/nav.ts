/** Navigation entries; each shows only to users holding its permission (or to everyone when none). */
/** Sections of the menu, in display order; each entry names its section. */
export const NAV_GROUPS = [
  "general",
  "mine",
  "passes",
  "special",
  "screening",
  "exchange",
  "coordination",
  "admin",
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export const NAV_ITEMS: {
  to: string;
  group: NavGroup;
  label: string;
  permission?: string;
  signedIn?: boolean;
}[] = [
  { to: "/", group: "general", label: "nav.home", signedIn: true },
  { to: "/account", group: "general", label: "nav.account", signedIn: true },
  { to: "/eligibility", group: "general", label: "nav.eligibility" },
  { to: "/units", group: "admin", label: "nav.units", permission: "units.read" },
  { to: "/admin/users", group: "admin", label: "nav.users", permission: "users.read" },
  { to: "/admin/audit", group: "admin", label: "nav.audit", permission: "audit.read" },
  { to: "/reference", group: "admin", label: "nav.reference", permission: "units.read" },
  { to: "/rules", group: "general", label: "nav.rules" },
  { to: "/my/apply", group: "mine", label: "nav.apply", permission: "applications.own" },
  { to: "/my/applications", group: "mine", label: "nav.myApplications", permission: "applications.own" },
  { to: "/cases", group: "passes", label: "nav.cases", permission: "applications.intake" },
  { to: "/register-book", group: "passes", label: "nav.registerBook", permission: "applications.intake" },
  { to: "/register-arrival", group: "passes", label: "nav.registerArrival", permission: "passes.register" },
  { to: "/verify", group: "general", label: "nav.verify" },
  { to: "/pass-desk", group: "passes", label: "nav.passDesk", permission: "applications.intake" },
  { to: "/screening", group: "screening", label: "nav.screening", permission: "records.screen" },
  { to: "/screening/records", group: "screening", label: "nav.records", permission: "records.manage" },
  { to: "/exchange", group: "exchange", label: "nav.exchangeMessages", permission: "exchange.send" },
  { to: "/exchange/duty", group: "exchange", label: "nav.exchangeDuty", permission: "exchange.duty" },
  {
    to: "/exchange/compliance",
    group: "exchange",
    label: "nav.exchangeCompliance",
    permission: "dashboards.read",
  },
  { to: "/foreigners", group: "special", label: "nav.foreigners", permission: "applications.intake" },
  { to: "/nsc/foreigners", group: "special", label: "nav.nscAgreement", permission: "foreigners.agree" },
  { to: "/my/foreigners", group: "mine", label: "nav.myForeigners", permission: "applications.own" },
  {
    to: "/special-works",
    group: "special",
    label: "nav.specialWorksDecide",
    permission: "special_works.decide",
  },
  { to: "/my/special-works", group: "mine", label: "nav.specialWorks", permission: "petitions.own" },
  { to: "/statistics", group: "coordination", label: "nav.statistics", permission: "statistics.read" },
  { to: "/databank", group: "coordination", label: "nav.databank", permission: "databank.read" },
  { to: "/petitions", group: "special", label: "nav.petitions", permission: "petitions.own" },
  { to: "/petitions", group: "special", label: "nav.petitions", permission: "applications.check" },
  { to: "/petitions", group: "special", label: "nav.petitions", permission: "strip_lists.check" },
  { to: "/plans", group: "coordination", label: "nav.plans", permission: "coordination.read" },
  { to: "/joint", group: "coordination", label: "nav.joint", permission: "coordination.read" },
  { to: "/handovers", group: "coordination", label: "nav.handovers", permission: "coordination.read" },
];

/** The entries a user may see. */
export function visibleNav(permissions: readonly string[] | null) {
  // A page reachable through several permissions is listed once per permission; show it once.
  const seen = new Set<string>();
  return NAV_ITEMS.filter((item) => {
    if (item.permission) return permissions?.includes(item.permission) ?? false;
    if (item.signedIn) return permissions !== null;
    return true;
  }).filter((item) => !seen.has(item.to) && Boolean(seen.add(item.to)));
}

/** The visible entries by section, in menu order; empty sections left out. */
export function groupedNav(permissions: readonly string[] | null) {
  const items = visibleNav(permissions);
  return NAV_GROUPS.map((group) => ({ group, items: items.filter((item) => item.group === group) })).filter(
    (section) => section.items.length > 0,
  );
}
