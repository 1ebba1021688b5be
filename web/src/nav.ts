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
  { to: "/plans", label: "nav.plans", permission: "coordination.read" },
  { to: "/joint", label: "nav.joint", permission: "coordination.read" },
  { to: "/handovers", label: "nav.handovers", permission: "coordination.read" },
];

/** The entries a user may see. */
export function visibleNav(permissions: readonly string[] | null) {
  return NAV_ITEMS.filter((item) => {
    if (item.permission) return permissions?.includes(item.permission) ?? false;
    if (item.signedIn) return permissions !== null;
    return true;
  });
}
