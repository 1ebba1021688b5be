import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { LANGS, pickLang } from "../../core/i18n.js";
import { PERIOD_PATTERN } from "../../core/statistics/indicators.js";
import { matching } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import {
  enterFigures,
  exportFiguresCsv,
  getFigures,
  listCheckpoints,
} from "../../services/statistics/statistics.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const period = matching(PERIOD_PATTERN, { kk: "ай, ЖЖЖЖ-АА", ru: "месяц в формате ГГГГ-ММ", en: "YYYY-MM" });
const translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

const checkpointSchema = z
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
    myAgency: z.string().nullable(),
  })
  .meta({ id: "StatisticsCheckpoint" });

const figuresSchema = z
  .object({
    checkpoint: checkpointSchema,
    period: z.string(),
    set: z.object({
      version: z.number().int(),
      effectiveFrom: z.string(),
      clause: z.string(),
      indicators: z.array(z.object({ code: z.string(), name: translated, clause: z.string() })).readonly(),
    }),
    agencies: z.array(z.string()).readonly(),
    rows: z.array(
      z.object({
        indicator: z.string(),
        clause: z.string(),
        values: z.record(z.string(), z.number()),
        status: z.enum(["AGREED", "MISMATCH", "SINGLE", "MISSING"]),
        spread: z.number(),
      }),
    ),
    entries: z.array(
      z.object({
        agency: z.string(),
        indicator: z.string(),
        value: z.number(),
        note: z.string().nullable(),
        enteredBy: z.string().nullable(),
        updatedAt: z.string(),
      }),
    ),
    mismatches: z.number().int(),
  })
  .meta({ id: "StatisticsFigures" });

/** Statistics of service results per checkpoint and month (X-14, X p.9.3). */
export function statisticsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/statistics/checkpoints",
      {
        schema: {
          tags: ["statistics"],
          summary: "Checkpoints (triads of counterpart units) whose statistics the caller may read",
          response: { 200: z.object({ items: z.array(checkpointSchema) }), ...errors },
        },
        config: { permission: "statistics.read" },
      },
      async (request) => ({ items: await listCheckpoints(deps, request.actor) }),
    );
    app.get(
      "/api/v1/statistics/figures",
      {
        schema: {
          tags: ["statistics"],
          summary: "The agencies' figures for a checkpoint and month, reconciled; mismatches flagged",
          querystring: z.strictObject({ triadId: z.uuid(), period }),
          response: { 200: figuresSchema, ...errors },
        },
        config: { permission: "statistics.read" },
      },
      async (request) => getFigures(deps, request.actor, request.query.triadId, request.query.period),
    );
    app.put(
      "/api/v1/statistics/figures",
      {
        schema: {
          tags: ["statistics"],
          summary: "Enter or correct the caller's agency's figures for a checkpoint and month (all or none)",
          body: z
            .strictObject({
              triadId: z.uuid(),
              period,
              values: z
                .array(
                  z.strictObject({
                    indicator: z.string().min(1).max(60),
                    value: z.number().int().min(0).max(100_000_000),
                  }),
                )
                .min(1)
                .max(100),
              note: z.string().trim().max(1000).optional(),
            })
            .meta({ id: "StatisticsEntry" }),
          response: { 200: figuresSchema, ...errors },
        },
        config: { permission: "statistics.enter" },
      },
      async (request) => enterFigures(deps, request.actor, metaOf(request), request.body),
    );
    app.get(
      "/api/v1/statistics/export.csv",
      {
        schema: {
          tags: ["statistics"],
          summary: "The reconciled figures of a checkpoint for a range of months, as CSV (UTF-8)",
          querystring: z.strictObject({
            triadId: z.uuid(),
            from: period,
            to: period,
            lang: z.enum(LANGS).optional(),
          }),
          produces: ["text/csv"],
          response: { 200: z.string(), ...errors },
        },
        config: { permission: "statistics.read" },
      },
      async (request, reply) => {
        const lang = request.query.lang ?? pickLang(request.headers["accept-language"]);
        const csv = await exportFiguresCsv(deps, request.actor, metaOf(request), { ...request.query, lang });
        return reply
          .type("text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="statistics-${request.query.from}-${request.query.to}.csv"`,
          )
          .send(csv);
      },
    );
  };
}
