import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { LANGS } from "../../core/i18n.js";
import { matching } from "../../core/validation-messages.js";
import {
  confirmRegistration,
  recentOutbox,
  registerCitizen,
} from "../../services/auth/registration.service.js";
import { endOtherSessions, endSession, listSessions } from "../../services/auth/session.service.js";
import {
  type ApiTokenView,
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from "../../services/auth/tokens.service.js";
import { confirmTotp, setupTotp, totpStatus } from "../../services/auth/totp.service.js";
import type { Actor, Deps } from "../../services/context.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";

const sessionSchema = z
  .object({
    id: z.string().describe("public id of the session (not its key)"),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    address: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: "Session" });

const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiToken" });

const outboxSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      channel: z.string(),
      recipient: z.string(),
      subject: z.string(),
      body: z.string(),
      lang: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const tokenView = (t: ApiTokenView) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The signed-in caller; managing credentials additionally requires a browser session, not an API token. */
function callerOf(request: FastifyRequest, sessionOnly = false): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED");
  // A leaked API token must not be able to mint more tokens, enrol a second factor or end sessions.
  if (sessionOnly && request.apiTokenId !== undefined) throw new AppError("SESSION_REQUIRED");
  return request.actor;
}

/** The signed-in user's own account (sessions, second factor, API tokens), citizen registration, dev outbox. */
export function accountRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/account/sessions",
      {
        schema: {
          tags: ["account"],
          summary: "My live sessions; `current` marks the one this request uses",
          response: { 200: z.object({ items: z.array(sessionSchema) }), ...errors },
        },
      },
      async (request) => {
        const items = await listSessions(deps, callerOf(request), request.sessionToken);
        return {
          items: items.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
          })),
        };
      },
    );
    app.delete(
      "/api/v1/account/sessions/:id",
      {
        schema: {
          tags: ["account"],
          summary: "End one of my sessions",
          params: z.object({
            id: matching(/^[0-9a-f]{16}$/, {
              kk: "16 он алтылық цифр",
              ru: "16 шестнадцатеричных цифр",
              en: "16 hexadecimal digits",
            }),
          }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await endSession(deps, callerOf(request, true), metaOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.delete(
      "/api/v1/account/sessions",
      {
        schema: {
          tags: ["account"],
          summary: "End all my sessions except this one",
          response: { 200: z.object({ ended: z.number().int() }), ...errors },
        },
      },
      async (request) => ({
        ended: await endOtherSessions(deps, callerOf(request, true), metaOf(request), request.sessionToken),
      }),
    );

    app.get(
      "/api/v1/account/totp",
      {
        schema: {
          tags: ["account"],
          summary: "Whether I have an authenticator (second factor) and whether my roles require one",
          response: {
            200: z.object({ enrolled: z.boolean(), required: z.boolean(), pending: z.boolean() }),
            ...errors,
          },
        },
      },
      async (request) => totpStatus(deps, callerOf(request)),
    );
    app.post(
      "/api/v1/account/totp/setup",
      {
        schema: {
          tags: ["account"],
          summary: "Start setting up an authenticator: a new secret and its otpauth:// URI",
          response: {
            200: z.object({ secret: z.string(), uri: z.string() }),
            409: errorBodySchema,
            ...errors,
          },
        },
      },
      async (request) => setupTotp(deps, callerOf(request, true), metaOf(request)),
    );
    app.post(
      "/api/v1/account/totp/confirm",
      {
        schema: {
          tags: ["account"],
          summary: "Finish setting up the authenticator with the code it shows",
          body: z.strictObject({
            code: matching(/^\d{6}$/, { kk: "6 цифр", ru: "6 цифр", en: "6 digits" }),
          }),
          response: { 204: z.null(), 409: errorBodySchema, 429: errorBodySchema, ...errors },
        },
      },
      async (request, reply) => {
        await confirmTotp(deps, callerOf(request, true), metaOf(request), request.body.code);
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/v1/account/tokens",
      {
        schema: {
          tags: ["account"],
          summary: "My API tokens (the secrets themselves are shown only once, at creation)",
          response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errors },
        },
      },
      async (request) => ({
        items: (await listApiTokens(deps, callerOf(request).userId)).map(tokenView),
      }),
    );
    app.post(
      "/api/v1/account/tokens",
      {
        schema: {
          tags: ["account"],
          summary: "Create an API token with my current permissions as its scopes; the token is shown once",
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
          }),
          response: { 201: apiTokenSchema.extend({ token: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request, true);
        const created = await createApiToken(deps, actor, metaOf(request), {
          userId: actor.userId,
          name: request.body.name,
          expiresInDays: request.body.expiresInDays,
        });
        return reply.status(201).send({ ...tokenView(created), token: created.token });
      },
    );
    app.delete(
      "/api/v1/account/tokens/:id",
      {
        schema: {
          tags: ["account"],
          summary: "Revoke one of my API tokens",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const actor = callerOf(request, true);
        await revokeApiToken(deps, actor, metaOf(request), request.params.id, actor.userId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/v1/account/register",
      {
        schema: {
          tags: ["account"],
          summary: "Register as a citizen with an e-mail or a phone; a 6-digit code is sent to it",
          description:
            "Exactly one of `email` and `phone`; it becomes the login. The IIN must carry a correct check " +
            "digit. The account signs in only after POST /api/v1/account/confirm. Registering again " +
            "before confirming replaces the details and sends a new code.",
          security: [],
          body: z.strictObject({
            fullName: z.string().min(1).max(200),
            iin: z.string().max(20),
            email: z.string().max(254).optional(),
            phone: z.string().max(32).optional(),
            password: z.string().min(1).max(1024),
            locale: z.enum(LANGS),
          }),
          response: {
            202: z.object({ channel: z.enum(["email", "sms"]), destination: z.string() }),
            409: errorBodySchema,
            429: errorBodySchema,
            ...errors,
          },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const sent = await registerCitizen(deps, metaOf(request), request.body);
        return reply.status(202).send({ channel: sent.channel, destination: sent.value });
      },
    );
    app.post(
      "/api/v1/account/confirm",
      {
        schema: {
          tags: ["account"],
          summary: "Confirm a registration with the code sent to the e-mail or phone",
          security: [],
          body: z.strictObject({ destination: z.string().min(1).max(254), code: z.string().max(12) }),
          response: { 204: z.null(), 429: errorBodySchema, ...errors },
        },
        config: { public: true },
      },
      async (request, reply) => {
        await confirmRegistration(deps, metaOf(request), request.body);
        return reply.status(204).send(null);
      },
    );

    // The dev outbox exists only in demo mode: elsewhere the route is not registered at all (404).
    if (deps.config.demo) {
      app.get(
        "/api/v1/dev/outbox",
        {
          schema: {
            tags: ["demo"],
            summary: "Demo mode only: the latest e-mails and SMS the system would have sent",
            security: [],
            response: { 200: outboxSchema },
          },
          config: { public: true },
        },
        async () => ({
          items: (await recentOutbox(deps)).map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
        }),
      );
    }
  };
}
