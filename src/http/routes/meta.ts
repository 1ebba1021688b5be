import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../services/context.js";

/** What the web app needs to know before sign-in. */
export function metaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/meta",
      {
        schema: {
          tags: ["meta"],
          summary: "Deployment facts for the web app: version, database kind, demo mode",
          security: [],
          response: {
            200: z.object({
              name: z.literal("Shekara"),
              version: z.string(),
              database: z.string(),
              demo: z.boolean(),
            }),
          },
        },
        config: { public: true },
      },
      async () => ({
        name: "Shekara" as const,
        version: "0.1.0",
        database: deps.database.kind,
        demo: deps.config.demo,
      }),
    );
  };
}
