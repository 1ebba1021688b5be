import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { appliedMigrationCount, expectedMigrationCount } from "../../adapters/db/migrate.js";
import { AppError } from "../../core/errors.js";
import type { Deps } from "../../services/context.js";
import { errorBodySchema } from "../errors.js";

/** Liveness and readiness probes (public). */
export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          tags: ["health"],
          summary: "The process is up",
          security: [],
          response: { 200: z.object({ status: z.literal("ok") }) },
        },
        config: { public: true },
      },
      async () => ({ status: "ok" as const }),
    );
    app.get(
      "/readyz",
      {
        schema: {
          tags: ["health"],
          summary: "The database is reachable and every migration is applied",
          security: [],
          response: {
            200: z.object({ status: z.literal("ready"), database: z.string(), migrations: z.number() }),
            503: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async () => {
        const expected = expectedMigrationCount();
        let applied = -1;
        try {
          applied = await appliedMigrationCount(deps.database);
        } catch {
          applied = -1;
        }
        if (applied < 0) throw new AppError("DATABASE_UNAVAILABLE");
        if (applied !== expected) throw new AppError("MIGRATIONS_PENDING", { params: { applied, expected } });
        return { status: "ready" as const, database: deps.database.kind, migrations: applied };
      },
    );
  };
}
