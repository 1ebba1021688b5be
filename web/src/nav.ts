/** Navigation entries; each shows only to users holding its permission (or to everyone when none). */
export const NAV_ITEMS: { to: string; label: string; permission?: string; signedIn?: boolean }[] = [
  { to: "/", label: "nav.home", signedIn: true },
  { to: "/units", label: "nav.units", permission: "units.read" },
];

/** The entries a user may see. */
export function visibleNav(permissions: readonly string[] | null) {
  return NAV_ITEMS.filter((item) => {
    if (item.permission) return permissions?.includes(item.permission) ?? false;
    if (item.signedIn) return permissions !== null;
    return true;
  });
}
