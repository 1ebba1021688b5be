import { asc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { units } from "../../db/schema.js";
import type { Deps } from "../../services/context.js";
import { publicKeys, revocationList, verifyCode } from "../../services/passes/pass.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { verificationSchema } from "../schemas.js";

/** Public verification of passes (C-6) and the public facts a citizen needs to apply. */
export function verifyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/.well-known/shekara-keys.json",
      {
        schema: {
          tags: ["verification"],
          summary: "Public keys that verify pass codes offline (Ed25519)",
          security: [],
          response: {
            200: z.object({
              keys: z.array(z.object({ keyId: z.string(), alg: z.string(), publicKey: z.string() })),
            }),
          },
        },
        config: { public: true },
      },
      async () => publicKeys(deps),
    );
    app.get(
      "/api/v1/passes/revocations",
      {
        schema: {
          tags: ["verification"],
          summary:
            "The revocation list: lost, replaced, returned and withdrawn passes, for offline verifiers",
          security: [],
          response: {
            200: z.object({
              generatedAt: z.string(),
              revoked: z.array(z.object({ number: z.string(), status: z.string() })),
            }),
          },
        },
        config: { public: true },
      },
      async () => revocationList(deps),
    );
    app.get(
      "/api/v1/verify/:code",
      {
        schema: {
          tags: ["verification"],
          summary: "Verify a pass code: valid, expired, revoked or forged, with holder and places",
          security: [],
          params: z.strictObject({ code: z.string().min(1).max(2000) }),
          response: {
            200: verificationSchema,
            400: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async (request) => verifyCode(deps, metaOf(request), request.params.code),
    );
    app.get(
      "/api/v1/public/iab-units",
      {
        schema: {
          tags: ["passes"],
          summary: "Internal affairs bodies that take applications (where a citizen applies, Z p.26)",
          security: [],
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.uuid(), code: z.string(), nameKk: z.string(), nameRu: z.string() }),
              ),
            }),
          },
        },
        config: { public: true },
      },
      async () => ({
        items: await deps.database.tx({ unitPaths: [] }, (tx) =>
          tx
            .select({ id: units.id, code: units.code, nameKk: units.nameKk, nameRu: units.nameRu })
            .from(units)
            .where(eq(units.agency, "IAB"))
            .orderBy(asc(units.path)),
        ),
      }),
    );
  };
}
