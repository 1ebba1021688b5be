import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../services/context.js";
import { createUnit, listUnits, type UnitView } from "../../services/units/units.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { newUnitSchema, unitSchema } from "../schemas.js";

/** The API view of a unit. */
function unitView(unit: UnitView): z.infer<typeof unitSchema> {
  return {
    ...unit,
    agency: unit.agency as z.infer<typeof unitSchema>["agency"],
    isDemo: unit.isDemo === 1,
    createdAt: unit.createdAt.toISOString(),
  };
}

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Units of agencies, scoped to the actor's subtree. */
export function unitRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/units",
      {
        schema: {
          tags: ["units"],
          summary: "Units of the caller's subtree",
          response: { 200: z.object({ items: z.array(unitSchema) }), ...errors },
        },
      },
      async (request) => ({ items: (await listUnits(deps, request.actor)).map(unitView) }),
    );
    app.post(
      "/api/v1/units",
      {
        schema: {
          tags: ["units"],
          summary: "Create a unit under a parent in the caller's subtree",
          body: newUnitSchema,
          response: { 201: unitSchema, 409: errorBodySchema, ...errors },
        },
      },
      async (request, reply) => {
        const unit = await createUnit(deps, request.actor, metaOf(request), request.body);
        return reply.status(201).send(unitView(unit));
      },
    );
  };
}
