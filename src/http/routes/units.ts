import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../services/context.js";
import { createTriad, listTriads, updateTriad } from "../../services/units/triads.service.js";
import {
  createUnit,
  getUnit,
  listUnits,
  type UnitView,
  updateUnit,
} from "../../services/units/units.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams, newUnitSchema, unitSchema } from "../schemas.js";

/** The API view of a unit. */
function unitView(unit: UnitView): z.infer<typeof unitSchema> {
  return {
    ...unit,
    agency: unit.agency as z.infer<typeof unitSchema>["agency"],
    isDemo: unit.isDemo === 1,
    createdAt: unit.createdAt.toISOString(),
  };
}

/** A triad's names: Kazakh and Russian required, English optional; trimmed, 2–200 characters. */
const triadNames = {
  nameKk: z.string().trim().min(2).max(200),
  nameRu: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
};

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
        config: { permission: "units.read" },
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
        config: { permission: "units.manage" },
      },
      async (request, reply) => {
        const unit = await createUnit(deps, request.actor, metaOf(request), request.body);
        return reply.status(201).send(unitView(unit));
      },
    );
    app.get(
      "/api/v1/units/:id",
      {
        schema: {
          tags: ["units"],
          summary: "A unit with its superiors and its counterparts at the same level (X-2)",
          params: idParams,
          response: {
            200: z.object({
              unit: unitSchema,
              superiors: z.array(unitSchema),
              counterparts: z.array(unitSchema),
            }),
            ...errors,
          },
        },
        config: { permission: "units.read" },
      },
      async (request) => {
        const detail = await getUnit(deps, request.actor, request.params.id);
        return {
          unit: unitView(detail.unit),
          superiors: detail.superiors.map(unitView),
          counterparts: detail.counterparts.map(unitView),
        };
      },
    );
    app.patch(
      "/api/v1/units/:id",
      {
        schema: {
          tags: ["units"],
          summary: "Change a unit's names, time zone or level (its agency, parent and path never change)",
          params: idParams,
          body: newUnitSchema
            .pick({ nameKk: true, nameRu: true, nameEn: true, timeZone: true, level: true })
            .partial()
            .strict(),
          response: { 200: unitSchema, ...errors },
        },
        config: { permission: "units.manage" },
      },
      async (request) =>
        unitView(await updateUnit(deps, request.actor, metaOf(request), request.params.id, request.body)),
    );
    const triadSchema = z
      .object({
        id: z.uuid(),
        level: z.number().int(),
        nameKk: z.string(),
        nameRu: z.string(),
        nameEn: z.string().nullable(),
        units: z.array(
          z.object({
            id: z.uuid(),
            agency: z.string(),
            code: z.string(),
            nameKk: z.string(),
            nameRu: z.string(),
            nameEn: z.string().nullable(),
          }),
        ),
      })
      .meta({ id: "Triad" });
    app.get(
      "/api/v1/triads",
      {
        schema: {
          tags: ["units"],
          summary: "Triads of counterpart units of the three checkpoint agencies, per level (X-2)",
          response: { 200: z.object({ items: z.array(triadSchema) }), ...errors },
        },
        config: { permission: "units.read" },
      },
      async (request) => ({ items: await listTriads(deps, request.actor) }),
    );
    app.post(
      "/api/v1/triads",
      {
        schema: {
          tags: ["units"],
          summary:
            "Form a triad: one unit each of internal affairs, NSC Border Service and Customs at one level",
          body: z.strictObject({
            level: z.number().int().min(1).max(5),
            ...triadNames,
            nameEn: triadNames.nameEn.optional(),
            unitIds: z.array(z.uuid()).length(3),
          }),
          response: { 201: triadSchema, ...errors },
        },
        config: { permission: "triads.manage" },
      },
      async (request, reply) =>
        reply.status(201).send(await createTriad(deps, request.actor, metaOf(request), request.body)),
    );
    app.patch(
      "/api/v1/triads/:id",
      {
        schema: {
          tags: ["units"],
          summary:
            "Change a triad's names (null removes the English one) or its units (the three it is to have: one per checkpoint agency at its level); its level stays",
          params: idParams,
          body: z.strictObject({
            nameKk: triadNames.nameKk.optional(),
            nameRu: triadNames.nameRu.optional(),
            nameEn: triadNames.nameEn.nullable().optional(),
            unitIds: z.array(z.uuid()).length(3).optional(),
          }),
          response: { 200: triadSchema, ...errors },
        },
        config: { permission: "triads.manage" },
      },
      async (request) => updateTriad(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
  };
}
