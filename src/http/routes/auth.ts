import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { login, logout } from "../../services/auth/session.service.js";
import type { Actor, Deps } from "../../services/context.js";
import { clearSessionCookie, metaOf, setSessionCookie } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { meSchema } from "../schemas.js";

/** The API view of the signed-in user. */
export function meView(actor: Actor): z.infer<typeof meSchema> {
  return {
    id: actor.userId,
    login: actor.login,
    fullName: actor.fullName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    unitId: actor.unitId,
    locale: actor.locale,
  };
}

/** Sign in, sign out, who am I. */
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/v1/auth/login",
      {
        schema: {
          tags: ["auth"],
          summary: "Sign in with login and password; sets the session cookie",
          security: [],
          body: z.strictObject({ login: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
          response: { 200: meSchema, 400: errorBodySchema, 401: errorBodySchema },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const session = await login(
          deps,
          { ...metaOf(request), userAgent: request.headers["user-agent"] },
          request.body,
        );
        setSessionCookie(reply, session.token, session.expiresAt, deps.config.secureCookies);
        return meView(session.actor);
      },
    );
    app.post(
      "/api/v1/auth/logout",
      {
        schema: {
          tags: ["auth"],
          summary: "Sign out: ends this session",
          response: { 204: z.null(), 401: errorBodySchema },
        },
      },
      async (request, reply) => {
        if (!request.actor || !request.sessionToken) throw new AppError("UNAUTHENTICATED");
        await logout(deps, request.actor, metaOf(request), request.sessionToken);
        clearSessionCookie(reply, deps.config.secureCookies);
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/api/v1/auth/me",
      {
        schema: {
          tags: ["auth"],
          summary: "The signed-in user, roles and permissions",
          response: { 200: meSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        if (!request.actor) throw new AppError("UNAUTHENTICATED");
        return meView(request.actor);
      },
    );
  };
}
