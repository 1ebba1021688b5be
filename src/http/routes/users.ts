import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ROLES } from "../../core/access/roles.js";
import { LANGS } from "../../core/i18n.js";
import type { Deps } from "../../services/context.js";
import {
  createUserInUnit,
  getUser,
  listUsers,
  type UserView,
  updateUser,
} from "../../services/users.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";

const userSchema = z
  .object({
    id: z.uuid(),
    login: z.string(),
    fullName: z.string(),
    unitId: z.uuid().nullable(),
    unitCode: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    locale: z.string(),
    disabled: z.boolean(),
    isDemo: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "User" });

const view = (u: UserView) => ({ ...u, createdAt: u.createdAt.toISOString() });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** User administration, scoped to the administrator's unit subtree. */
export function userRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/users",
      {
        schema: {
          tags: ["users"],
          summary: "Users of the caller's unit subtree (the read is audited)",
          querystring: z.strictObject({
            q: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: { 200: z.object({ items: z.array(userSchema), total: z.number().int() }), ...errors },
        },
        config: { permission: "users.read" },
      },
      async (request) => {
        const result = await listUsers(deps, request.actor, metaOf(request), request.query);
        return { items: result.items.map(view), total: result.total };
      },
    );
    app.get(
      "/api/v1/users/:id",
      {
        schema: {
          tags: ["users"],
          summary: "One user (the read is audited)",
          params: idParams,
          response: { 200: userSchema, ...errors },
        },
        config: { permission: "users.read" },
      },
      async (request) => view(await getUser(deps, request.actor, metaOf(request), request.params.id)),
    );
    app.post(
      "/api/v1/users",
      {
        schema: {
          tags: ["users"],
          summary: "Create an officer account in a unit of the caller's subtree",
          body: z.strictObject({
            login: z.string().min(3).max(64),
            password: z.string().min(10).max(1024),
            fullName: z.string().trim().min(2).max(200),
            unitId: z.uuid(),
            roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
            locale: z.enum(LANGS).optional(),
          }),
          response: { 201: userSchema, 409: errorBodySchema, ...errors },
        },
        config: { permission: "users.manage" },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(view(await createUserInUnit(deps, request.actor, metaOf(request), request.body))),
    );
    app.patch(
      "/api/v1/users/:id",
      {
        schema: {
          tags: ["users"],
          summary: "Change a user's name, roles, unit or language, or disable them (ends every session)",
          params: idParams,
          body: z.strictObject({
            fullName: z.string().trim().min(2).max(200).optional(),
            roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
            unitId: z.uuid().optional(),
            locale: z.enum(LANGS).optional(),
            disabled: z.boolean().optional(),
          }),
          response: { 200: userSchema, ...errors },
        },
        config: { permission: "users.manage" },
      },
      async (request) =>
        view(await updateUser(deps, request.actor, metaOf(request), request.params.id, request.body)),
    );
  };
}
