/** Navigation entries; each shows only to users holding its permission (or to everyone when none). */
export const NAV_ITEMS: { to: string; label: string; permission?: string; signedIn?: boolean }[] = [
  { to: "/", label: "nav.home", signedIn: true },
  { to: "/account", label: "nav.account", signedIn: true },
  { to: "/eligibility", label: "nav.eligibility" },
  { to: "/units", label: "nav.units", permission: "units.read" },
  { to: "/admin/users", label: "nav.users", permission: "users.read" },
  { to: "/admin/audit", label: "nav.audit", permission: "audit.read" },
  { to: "/reference", label: "nav.reference", permission: "units.read" },
  { to: "/rules", label: "nav.rules" },
  { to: "/my/apply", label: "nav.apply", permission: "applications.own" },
  { to: "/my/applications", label: "nav.myApplications", permission: "applications.own" },
  { to: "/cases", label: "nav.cases", permission: "applications.intake" },
  { to: "/register-book", label: "nav.registerBook", permission: "applications.intake" },
  { to: "/register-arrival", label: "nav.registerArrival", permission: "passes.register" },
  { to: "/verify", label: "nav.verify" },
  { to: "/pass-desk", label: "nav.passDesk", permission: "applications.intake" },
  { to: "/screening", label: "nav.screening", permission: "records.screen" },
  { to: "/screening/records", label: "nav.records", permission: "records.manage" },
  { to: "/exchange", label: "nav.exchangeMessages", permission: "exchange.send" },
  { to: "/exchange/duty", label: "nav.exchangeDuty", permission: "exchange.duty" },
  { to: "/exchange/compliance", label: "nav.exchangeCompliance", permission: "dashboards.read" },
  { to: "/foreigners", label: "nav.foreigners", permission: "applications.intake" },
  { to: "/nsc/foreigners", label: "nav.nscAgreement", permission: "foreigners.agree" },
  { to: "/my/foreigners", label: "nav.myForeigners", permission: "applications.own" },
  { to: "/special-works", label: "nav.specialWorksDecide", permission: "special_works.decide" },
  { to: "/my/special-works", label: "nav.specialWorks", permission: "petitions.own" },
  { to: "/statistics", label: "nav.statistics", permission: "statistics.read" },
  { to: "/databank", label: "nav.databank", permission: "databank.read" },
  { to: "/petitions", label: "nav.petitions", permission: "petitions.own" },
  { to: "/petitions", label: "nav.petitions", permission: "applications.check" },
  { to: "/petitions", label: "nav.petitions", permission: "strip_lists.check" },
  { to: "/plans", label: "nav.plans", permission: "coordination.read" },
  { to: "/joint", label: "nav.joint", permission: "coordination.read" },
  { to: "/handovers", label: "nav.handovers", permission: "coordination.read" },
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
