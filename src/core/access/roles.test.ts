import { describe, expect, it } from "vitest";
import { permissionsOf, ROLE_PERMISSIONS, ROLES } from "./roles.js";

describe("permissionsOf", () => {
  it("is the union of the roles' permissions", () => {
    for (const a of ROLES) {
      for (const b of ROLES) {
        const expected = new Set([...ROLE_PERMISSIONS[a].permissions, ...ROLE_PERMISSIONS[b].permissions]);
        expect([...permissionsOf([a, b])].sort()).toEqual([...expected].sort());
      }
    }
    expect(permissionsOf([]).size).toBe(0);
  });

  it("gives the same roles the same set, without building it again", () => {
    expect(permissionsOf(["officer", "head"])).toBe(permissionsOf(["officer", "head"]));
    expect(permissionsOf(["officer"])).not.toBe(permissionsOf(["head"]));
  });
});
