import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { OUTCOMES } from "../../core/eligibility/index.js";
import { ISSUERS } from "../../core/rules/index.js";
import type { Deps } from "../../services/context.js";
import { checkEligibility } from "../../services/eligibility.service.js";
import { errorBodySchema } from "../errors.js";

const translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

/** The engine's answer as the API documents it. */
const eligibilityAnswerSchema: z.ZodType = z
  .object({
    outcome: z.enum(OUTCOMES),
    documents: z.array(z.string()),
    missingDocuments: z.array(z.string()).optional(),
    missingOptions: z.array(z.array(z.string())).optional(),
    issuer: z.enum(ISSUERS).optional(),
    applyBy: z.iso.date().optional(),
    maxValidityDays: z.number().int().optional(),
    registerWithinDays: z.number().int().optional(),
    handOverWithinDays: z.number().int().optional(),
    clauses: z.array(z.string()).min(1),
    explanation: translated,
    ruleSetVersion: z.number().int(),
    ruleIds: z.array(z.string()),
    flags: z.array(z.string()).optional(),
    fallback: z.lazy(() => eligibilityAnswerSchema).optional(),
    destination: z
      .object({
        kato: z.string(),
        nameKk: z.string(),
        nameRu: z.string(),
        regionKk: z.string(),
        regionRu: z.string(),
        inStrip: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: "EligibilityAnswer" });

/** "Do I need a pass?" — public, no sign-in (Z-9). */
export function eligibilityRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/v1/eligibility",
      {
        schema: {
          tags: ["eligibility"],
          summary: "Does this traveller need a pass or permit for this trip? (Z-9)",
          description:
            "Body: the traveller facts of SPEC Z-9 (citizenship, ageYears, residesInZone, destination KATO code or zonePart, departureDate, stayDays, purpose, status, documents, accompaniedByPassHolder). Unknown or contradictory facts answer 400 naming the field.",
          security: [],
          // The facts are validated by the core's own schema so that the engine, the web page and
          // the API share one vocabulary and one set of contradiction checks.
          body: z.record(z.string(), z.unknown()),
          response: { 200: eligibilityAnswerSchema, 400: errorBodySchema },
        },
        config: { public: true },
      },
      async (request) => checkEligibility(deps, request.body),
    );
  };
}
