import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { JOINT_KIND_CODES, JOINT_STATUSES, memberSchema, PARTIES } from "../../core/coordination/index.js";
import { isLang, pickLang } from "../../core/i18n.js";
import { isoDateString } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import {
  addTask,
  completeTask,
  createActivity,
  createSector,
  getActivity,
  listActivities,
  listSectors,
  sectorsSvg,
  updateActivity,
  visibleTriads,
} from "../../services/coordination/joint.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const isoDate = isoDateString();

const activitySchema = z
  .object({
    id: z.uuid(),
    triadId: z.uuid(),
    kind: z.enum(JOINT_KIND_CODES),
    clause: z.string(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    status: z.enum(JOINT_STATUSES),
    members: z.array(z.object({ party: z.enum(PARTIES), name: z.string(), position: z.string() })),
    details: z.record(z.string(), z.unknown()),
    tasks: z.array(
      z.object({
        id: z.uuid(),
        text: z.string(),
        owner: z.enum(PARTIES),
        dueDate: z.string(),
        status: z.enum(["OPEN", "DONE"]),
        overdue: z.boolean(),
      }),
    ),
    isDemo: z.boolean(),
  })
  .meta({ id: "JointActivity" });
const sectorSchema = z
  .object({
    id: z.uuid(),
    triadId: z.uuid(),
    name: z.string(),
    controlledBy: z.enum(PARTIES),
    basis: z.string(),
    points: z.array(z.tuple([z.number(), z.number()])),
    validFrom: z.string(),
    isDemo: z.boolean(),
  })
  .meta({ id: "BorderSector" });
const triadSchema = z
  .object({
    id: z.uuid(),
    level: z.number().int(),
    nameKk: z.string(),
    nameRu: z.string(),
    nameEn: z.string().nullable(),
    parties: z.array(
      z.object({
        party: z.enum(PARTIES),
        unitId: z.uuid(),
        path: z.string(),
        code: z.string(),
        nameKk: z.string(),
        nameRu: z.string(),
        nameEn: z.string().nullable(),
        hasSuperior: z.boolean(),
      }),
    ),
  })
  .meta({ id: "CoordinationTriad" });

/** Joint activity: patrols, working groups, meetings, joint documents, sectors and their map. */
export function jointRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/coordination/triads",
      {
        schema: {
          tags: ["coordination"],
          summary: "Triads the actor takes part in or stands above",
          response: { 200: z.array(triadSchema), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => visibleTriads(deps, request.actor),
    );
    app.get(
      "/api/v1/joint",
      {
        schema: {
          tags: ["coordination"],
          summary: "Joint activities of the actor's triads",
          querystring: z.strictObject({ kind: z.enum(JOINT_KIND_CODES).optional() }),
          response: { 200: z.array(activitySchema), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => listActivities(deps, request.actor, request.query),
    );
    app.post(
      "/api/v1/joint",
      {
        schema: {
          tags: ["coordination"],
          summary: "Record a joint patrol, working group, meeting or joint document",
          body: z.strictObject({
            triadId: z.uuid(),
            kind: z.enum(JOINT_KIND_CODES),
            title: z.string().trim().min(1).max(300),
            startsOn: isoDate,
            endsOn: isoDate.nullable().optional(),
            members: z.array(memberSchema).max(100),
            details: z.record(z.string(), z.unknown()),
          }),
          response: { 200: activitySchema, ...errors },
        },
        config: { permission: "coordination.manage" },
      },
      async (request) => createActivity(deps, request.actor, metaOf(request), request.body),
    );
    app.get(
      "/api/v1/joint/:id",
      {
        schema: {
          tags: ["coordination"],
          summary: "One joint activity",
          params: idParams,
          response: { 200: activitySchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => getActivity(deps, request.actor, request.params.id),
    );
    app.patch(
      "/api/v1/joint/:id",
      {
        schema: {
          tags: ["coordination"],
          summary: "Update details and members (report, minutes, decisions) or close the activity",
          params: idParams,
          body: z.strictObject({
            details: z.record(z.string(), z.unknown()).optional(),
            members: z.array(memberSchema).max(100).optional(),
            status: z.enum(JOINT_STATUSES).optional(),
          }),
          response: { 200: activitySchema, ...errors },
        },
        config: { permission: "coordination.manage" },
      },
      async (request) =>
        updateActivity(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.post(
      "/api/v1/joint/:id/tasks",
      {
        schema: {
          tags: ["coordination"],
          summary: "Give a task to one party with a due date",
          params: idParams,
          body: z.strictObject({
            text: z.string().trim().min(1).max(1000),
            owner: z.enum(PARTIES),
            dueDate: isoDate,
          }),
          response: { 200: activitySchema, ...errors },
        },
        config: { permission: "coordination.manage" },
      },
      async (request) => addTask(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.post(
      "/api/v1/joint/:id/tasks/:taskId/done",
      {
        schema: {
          tags: ["coordination"],
          summary: "Mark a task done (the owning party)",
          params: idParams.extend({ taskId: z.uuid() }),
          response: { 200: activitySchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) =>
        completeTask(deps, request.actor, metaOf(request), request.params.id, request.params.taskId),
    );
    app.get(
      "/api/v1/coordination/triads/:id/sectors",
      {
        schema: {
          tags: ["coordination"],
          summary: "Border directions and sectors of a triad",
          params: idParams,
          response: { 200: z.array(sectorSchema), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => listSectors(deps, request.actor, request.params.id),
    );
    app.post(
      "/api/v1/coordination/triads/:id/sectors",
      {
        schema: {
          tags: ["coordination"],
          summary: "Assign a border direction or sector to the party controlling it (X p.10.1)",
          params: idParams,
          body: z.strictObject({
            name: z.string().trim().min(1).max(200),
            controlledBy: z.enum(PARTIES),
            basis: z.string().trim().min(1).max(1000),
            points: z
              .array(z.tuple([z.number(), z.number()]))
              .min(3)
              .max(500),
            validFrom: isoDate,
          }),
          response: { 200: sectorSchema, ...errors },
        },
        config: { permission: "coordination.manage" },
      },
      async (request) =>
        createSector(deps, request.actor, metaOf(request), { ...request.body, triadId: request.params.id }),
    );
    app.get(
      "/api/v1/coordination/triads/:id/sectors.svg",
      {
        schema: {
          tags: ["coordination"],
          summary: "Map of the triad's sectors drawn from their stored points (SVG, no external tiles)",
          params: idParams,
          querystring: z.strictObject({
            lang: z.enum(["kk", "ru", "en"]).optional(),
            // The page changes it when the sectors change, so the browser draws the map again.
            v: z.string().max(40).optional(),
          }),
          produces: ["image/svg+xml"],
        },
        config: { permission: "coordination.read" },
      },
      async (request, reply) => {
        const lang = request.query.lang ?? pickLang(request.headers["accept-language"]);
        const svg = await sectorsSvg(deps, request.actor, request.params.id, isLang(lang) ? lang : "kk");
        return reply.type("image/svg+xml").header("cache-control", "private, no-store").send(svg);
      },
    );
  };
}
