import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Permission } from "../core/access/roles.js";
import { AppError } from "../core/errors.js";
import { requirePermission } from "../services/access.js";
import type { Deps } from "../services/context.js";
import { SESSION_COOKIE } from "./auth.js";
import { resolveCaller } from "./bearer.js";
import { sendError } from "./errors.js";
import { nulAt } from "./nul.js";
import { accountRoutes } from "./routes/account.js";
import { applicationRoutes } from "./routes/applications.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { caseScreeningRoutes } from "./routes/case-screening.js";
import { databankRoutes } from "./routes/databank.js";
import { eligibilityRoutes } from "./routes/eligibility.js";
import { exchangeRoutes } from "./routes/exchange.js";
import { handoverRoutes } from "./routes/handovers.js";
import { healthRoutes } from "./routes/health.js";
import { jointRoutes } from "./routes/joint.js";
import { metaRoutes } from "./routes/meta.js";
import { petitionRoutes } from "./routes/petitions.js";
import { planRoutes } from "./routes/plans.js";
import { referenceListRoutes, referenceRoutes } from "./routes/reference.js";
import { ruleRoutes } from "./routes/rules.js";
import { screeningRoutes } from "./routes/screening.js";
import { specialRoutes } from "./routes/special.js";
import { statisticsRoutes } from "./routes/statistics.js";
import { unitRoutes } from "./routes/units.js";
import { userRoutes } from "./routes/users.js";
import { verifyRoutes } from "./routes/verify.js";
import { securityHeaders } from "./security-headers.js";
import { serializerCompiler } from "./serializer.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Routes that answer without signing in (health, login, public portal, verification). */
    public?: boolean;
    /** The permission a route requires, checked before the body is even read (C-2). */
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every route with its access rule, for the authorization matrix and the docs. */
    routeTable: RouteAccess[];
  }
}

/** How a route is protected. */
export interface RouteAccess {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | undefined;
}

/** The built web app (vite build output), served by this same server. */
export const WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Builds the HTTP application over the given adapters; listening is the caller's business. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    return503OnClosing: true,
    // Pass codes travel in the verification URL; they are a few hundred characters long.
    routerOptions: { maxParamLength: 2048 },
    // Errors raised before routing (bad URLs, oversized parameters) get the same shape as all others.
    frameworkErrors: (err, request, reply) => sendError(err, request, reply, deps.config.bodyLimit),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply, deps.config.bodyLimit));

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  const headers = securityHeaders();
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Shekara API",
        version: "1",
        description:
          "Border-zone passes and permits (Instruction No 92, 1994) and interaction at border checkpoints (2002). " +
          'Errors always have the shape {"error": {"code", "message", "field"?, "clause"?}}; messages follow Accept-Language (kk, ru, en).',
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });

  const routeTable: RouteAccess[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    if (route.method === "HEAD" || !route.url.startsWith("/api/")) return;
    for (const method of [route.method].flat()) {
      routeTable.push({
        method,
        url: route.url,
        public: route.config?.public === true,
        permission: route.config?.permission,
      });
    }
  });
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", undefined);
  app.decorateRequest("apiTokenId", undefined);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // An API token (Authorization: Bearer) takes precedence over the session cookie.
    const refused = await resolveCaller(deps, request);
    const config = request.routeOptions.config;
    // Every API route requires a signed-in caller unless it is declared public; pages and assets are public.
    const isPublic =
      config?.public === true || !request.url.startsWith("/api/") || request.routeOptions.url === undefined;
    if (!isPublic && refused) throw refused;
    if (!isPublic && !request.actor) throw new AppError("UNAUTHENTICATED");
    if (config?.permission) requirePermission(request.actor, config.permission);
  });

  // PostgreSQL text cannot hold U+0000: refuse it at the edge for every route, naming the field.
  app.addHook("preValidation", async (request) => {
    const field =
      nulAt(request.params, "params") ?? nulAt(request.query, "querystring") ?? nulAt(request.body, "body");
    if (field) throw new AppError("TEXT_NUL_CHARACTER", { field });
  });

  app.get("/openapi.json", { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  await app.register(healthRoutes(deps));
  await app.register(metaRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(accountRoutes(deps));
  await app.register(unitRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(eligibilityRoutes(deps));
  await app.register(ruleRoutes(deps));
  await app.register(referenceRoutes(deps));
  await app.register(referenceListRoutes(deps));
  await app.register(applicationRoutes(deps));
  await app.register(verifyRoutes(deps));
  await app.register(screeningRoutes(deps));
  await app.register(specialRoutes(deps));
  await app.register(planRoutes(deps));
  await app.register(handoverRoutes(deps));
  await app.register(petitionRoutes(deps));
  await app.register(statisticsRoutes(deps));
  await app.register(databankRoutes(deps));
  await app.register(caseScreeningRoutes(deps));
  await app.register(exchangeRoutes(deps));
  await app.register(jointRoutes(deps));

  const hasWeb = fs.existsSync(path.join(WEB_DIR, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: false });
    const assets = path.join(WEB_DIR, "assets");
    if (fs.existsSync(assets)) {
      await app.register(fastifyStatic, { root: assets, prefix: "/assets/", decorateReply: false });
    }
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === "GET" && !request.url.startsWith("/api/");
    if (wantsPage && hasWeb) {
      // The web app routes on the client; its own 404 page covers unknown paths.
      return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html", WEB_DIR);
    }
    return sendError(
      new AppError("ROUTE_NOT_FOUND", {
        params: { method: request.method, url: request.url.split("?")[0] ?? "" },
      }),
      request,
      reply,
      deps.config.bodyLimit,
    );
  });
  return app;
}
