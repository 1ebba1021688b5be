import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../services/context.js";
import {
  compareRuleSets,
  getRuleSet,
  listRuleSets,
  scheduleRuleSet,
} from "../../services/rules/rules.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";

const summary = z
  .object({
    version: z.number().int(),
    effectiveFrom: z.iso.date(),
    rules: z.number().int(),
    inForce: z.boolean(),
    scheduled: z.boolean(),
  })
  .meta({ id: "RuleSetSummary" });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Rule-set versions (C-1): public to read — they are the law — and scheduled by rule administrators. */
export function ruleRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/rules",
      {
        schema: {
          tags: ["rules"],
          summary: "Versions of the border-zone rule set",
          security: [],
          response: { 200: z.object({ items: z.array(summary) }) },
        },
        config: { public: true },
      },
      async () => ({ items: await listRuleSets(deps) }),
    );
    app.get(
      "/api/v1/rules/compare",
      {
        schema: {
          tags: ["rules"],
          summary: "Differences between two versions",
          security: [],
          querystring: z.strictObject({
            a: z.coerce.number().int().min(1),
            b: z.coerce.number().int().min(1),
          }),
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
        config: { public: true },
      },
      async (request) => ({ ...(await compareRuleSets(deps, request.query.a, request.query.b)) }),
    );
    app.get(
      "/api/v1/rules/:version",
      {
        schema: {
          tags: ["rules"],
          summary: "One version, with every rule, its clauses and explanations",
          security: [],
          params: z.strictObject({ version: z.coerce.number().int().min(1).max(100_000) }),
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
        config: { public: true },
      },
      async (request) => ({ ...(await getRuleSet(deps, request.params.version)) }),
    );
    app.post(
      "/api/v1/rules",
      {
        schema: {
          tags: ["rules"],
          summary: "Schedule a new version from a future date (rule administrators)",
          body: z.record(z.string(), z.unknown()),
          response: { 201: summary, 409: errorBodySchema, ...errors },
        },
        config: { permission: "rules.manage" },
      },
      async (request, reply) =>
        reply.status(201).send(await scheduleRuleSet(deps, request.actor, metaOf(request), request.body)),
    );
  };
}
