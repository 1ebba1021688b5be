import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { matching } from "../../core/validation-messages.js";
import {
  login,
  logout,
  type NewSession,
  PENDING_LOGIN_MINUTES,
} from "../../services/auth/session.service.js";
import { completeTotpLogin, setupPendingTotp } from "../../services/auth/totp.service.js";
import type { Actor, Deps } from "../../services/context.js";
import { clearSessionCookie, metaOf, setSessionCookie } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { meSchema } from "../schemas.js";

/** The cookie carrying a sign-in between the password and the second factor. */
export const PENDING_COOKIE = "shekara_login";
// The pending cookie only ever needs to reach the second-factor endpoints.
const PENDING_PATH = "/api/v1/auth";

/** The API view of the signed-in user. */
export function meView(actor: Actor): z.infer<typeof meSchema> {
  return {
    id: actor.userId,
    login: actor.login,
    fullName: actor.fullName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    unitId: actor.unitId,
    timeZone: actor.timeZone ?? null,
    locale: actor.locale,
  };
}

/** The answer to a correct password when a second factor is still needed. */
const secondFactorSchema = z
  .object({
    secondFactor: z
      .enum(["totp", "totp_enrol"])
      .describe("totp: enter a code; totp_enrol: set up an app first"),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "SecondFactorRequired" });

const codeSchema = matching(/^\d{6}$/, { kk: "6 цифр", ru: "6 цифр", en: "6 digits" });

/** Sign in (password, then the second factor where required), sign out, who am I. */
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  const secure = deps.config.secureCookies;
  const startSession = (reply: FastifyReply, session: NewSession) => {
    reply.clearCookie(PENDING_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: PENDING_PATH });
    setSessionCookie(reply, session.token, session.expiresAt, deps.clock.now(), secure);
    return meView(session.actor);
  };
  const pendingOf = (cookies: Record<string, string | undefined>): string => {
    const token = cookies[PENDING_COOKIE];
    if (!token) throw new AppError("LOGIN_STEP_EXPIRED");
    return token;
  };

  return async (app) => {
    app.post(
      "/api/v1/auth/login",
      {
        schema: {
          tags: ["auth"],
          summary: "Sign in with login and password; sets the session cookie, or asks for the second factor",
          description:
            "Heads and administrators (and anyone who enrolled an authenticator) get `secondFactor` and a " +
            "short-lived cookie instead of a session; they continue with POST /api/v1/auth/totp. " +
            "Failures are throttled per account (5) and per address (20) per 15 minutes: 429.",
          security: [],
          body: z.strictObject({ login: z.string().min(1).max(254), password: z.string().min(1).max(1024) }),
          response: {
            200: z.union([meSchema, secondFactorSchema]),
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
            429: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const result = await login(
          deps,
          { ...metaOf(request), userAgent: request.headers["user-agent"] },
          request.body,
        );
        if (result.kind === "session") return startSession(reply, result.session);
        reply.setCookie(PENDING_COOKIE, result.pendingToken, {
          httpOnly: true,
          sameSite: "strict",
          secure,
          path: PENDING_PATH,
          // Relative lifetime: a browser whose clock differs from the server's still keeps it 5 minutes.
          maxAge: PENDING_LOGIN_MINUTES * 60,
        });
        return {
          secondFactor: result.enrolled ? ("totp" as const) : ("totp_enrol" as const),
          expiresAt: result.expiresAt.toISOString(),
        };
      },
    );
    app.post(
      "/api/v1/auth/totp/setup",
      {
        schema: {
          tags: ["auth"],
          summary:
            "During sign-in, start setting up an authenticator (users who must have one and have none)",
          security: [],
          response: {
            200: z.object({ secret: z.string(), uri: z.string() }),
            401: errorBodySchema,
            409: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async (request) => setupPendingTotp(deps, metaOf(request), pendingOf(request.cookies)),
    );
    app.post(
      "/api/v1/auth/totp",
      {
        schema: {
          tags: ["auth"],
          summary: "Complete sign-in with the authenticator's 6-digit code; sets the session cookie",
          description: "Each code works once; 5 wrong codes in 15 minutes answer 429.",
          security: [],
          body: z.strictObject({ code: codeSchema }),
          response: {
            200: meSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            409: errorBodySchema,
            429: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const session = await completeTotpLogin(
          deps,
          { ...metaOf(request), userAgent: request.headers["user-agent"] },
          pendingOf(request.cookies),
          request.body.code,
        );
        return startSession(reply, session);
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
