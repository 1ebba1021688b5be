import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryHash } from "./audit.service.js";
import { canonicalJson } from "./canonical.js";

/** The first implementation, kept as the oracle: chains sealed with it must verify forever. */
function reference(prevHash: string, row: Parameters<typeof entryHash>[1]): string {
  const content = canonicalJson({
    id: row.id,
    at: row.at,
    actorId: row.actorId,
    actorRole: row.actorRole,
    unitId: row.unitId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    address: row.address,
    requestId: row.requestId,
    details: row.details,
  });
  return createHash("sha256").update(prevHash).update(content).digest("hex");
}

describe("entryHash", () => {
  it("gives the digest the first implementation gave, Kazakh and Russian details included", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 62n }),
        fc.string({ unit: "grapheme" }),
        fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: "grapheme" }), fc.integer(), fc.boolean())),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (id, objectId, details, prevHash) => {
          const row = {
            id,
            at: new Date(Date.UTC(2026, 11, 6, 12, 0, 0)),
            actorId: null,
            actorRole: "head",
            unitId: null,
            action: "application.submitted",
            objectType: "application",
            objectId: `Қорғас-Коргас-${objectId}`,
            address: "127.0.0.1",
            requestId: "req-1",
            details,
          } as Parameters<typeof entryHash>[1];
          expect(entryHash(prevHash, row)).toBe(reference(prevHash, row));
        },
      ),
    );
  });
});
