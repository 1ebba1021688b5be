import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, invalid } from "../../core/errors.js";
import { localDate } from "../../core/time.js";
import { describeIssue, type IssueFacts } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import {
  exportReference,
  importReferenceList,
  listReference,
} from "../../services/reference/lists.service.js";
import {
  addRegimeDecision,
  listRegimeDecisions,
  MAX_FILE_BYTES,
  regimeDecisionFile,
  regimeDecisionInput,
} from "../../services/reference/regime.service.js";
import {
  exportZoneList,
  importZoneList,
  listZoneVersions,
  searchZone,
  ZONE_KINDS,
} from "../../services/reference/zone.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";

const zoneEntrySchema = z
  .object({
    kato: z.string(),
    kind: z.enum(ZONE_KINDS).or(z.string()),
    nameKk: z.string(),
    nameRu: z.string(),
    regionKato: z.string(),
    regionKk: z.string(),
    regionRu: z.string(),
    districtKato: z.string().nullable(),
    districtKk: z.string().nullable(),
    districtRu: z.string().nullable(),
    inStrip: z.boolean(),
  })
  .meta({ id: "ZoneEntry" });

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The border-zone list (Z-1): public to read (it is a published decree), imported by reference administrators. */
export function referenceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/reference/zone",
      {
        schema: {
          tags: ["reference"],
          summary: "Units of the border-zone list in force at a date, searchable by name or KATO prefix",
          security: [],
          querystring: z.strictObject({
            at: z.iso.date().optional(),
            q: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: {
            200: z.object({
              effectiveFrom: z.string().nullable(),
              total: z.number().int(),
              items: z.array(zoneEntrySchema),
            }),
            400: errorBodySchema,
          },
        },
        config: { public: true },
      },
      async (request) => {
        const { at, q, limit, offset } = request.query;
        const result = await searchZone(deps, { date: at ?? localDate(deps.clock.now()), q, limit, offset });
        return { ...result, items: result.items.map(({ listId: _listId, ...entry }) => entry) };
      },
    );
    app.get(
      "/api/v1/reference/zone/versions",
      {
        schema: {
          tags: ["reference"],
          summary: "Versions of the border-zone list with their legal basis",
          security: [],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  effectiveFrom: z.string(),
                  basisKk: z.string(),
                  basisRu: z.string(),
                  isDemo: z.boolean(),
                  entries: z.number().int(),
                }),
              ),
            }),
          },
        },
        config: { public: true },
      },
      async () => ({ items: await listZoneVersions(deps) }),
    );
    app.get(
      "/api/v1/reference/zone/export",
      {
        schema: {
          tags: ["reference"],
          summary: "The list in force at a date as CSV (the import's columns)",
          security: [],
          querystring: z.strictObject({ at: z.iso.date().optional() }),
          produces: ["text/csv"],
          response: { 200: z.string(), 400: errorBodySchema },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const at = request.query.at ?? localDate(deps.clock.now());
        const csv = await exportZoneList(deps, at);
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="border-zone-${at}.csv"`)
          .send(csv);
      },
    );
    app.post(
      "/api/v1/reference/zone/import",
      {
        schema: {
          tags: ["reference"],
          summary: "Import a version of the border-zone list from CSV, all or nothing",
          body: z.strictObject({
            csv: z.string().min(1).max(20_000_000),
            effectiveFrom: z.iso.date(),
            basisKk: z.string().trim().min(3).max(1000),
            basisRu: z.string().trim().min(3).max(1000),
          }),
          response: {
            200: z.object({
              listId: z.uuid(),
              effectiveFrom: z.string(),
              rows: z.number().int(),
              added: z.number().int(),
              removed: z.number().int(),
              changed: z.number().int(),
              unchanged: z.number().int(),
            }),
            ...errors,
          },
        },
        bodyLimit: 25 * 1024 * 1024,
        config: { permission: "reference.manage" },
      },
      async (request) => importZoneList(deps, request.actor, metaOf(request), request.body),
    );
  };
}

const officialSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    titleKk: z.string(),
    titleRu: z.string(),
    basis: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    isDemo: z.boolean(),
  })
  .meta({ id: "NscOfficial" });
const servicePlaceSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kato: z.string(),
    kind: z.string(),
    nameKk: z.string(),
    nameRu: z.string(),
    basis: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    isDemo: z.boolean(),
  })
  .meta({ id: "ServicePlace" });
const regimeDecisionSchema = z
  .object({
    id: z.uuid(),
    regionKato: z.string(),
    authority: z.string(),
    number: z.string(),
    decidedOn: z.string(),
    titleKk: z.string(),
    titleRu: z.string(),
    fileName: z.string().nullable(),
    fileType: z.string().nullable(),
    fileSize: z.number().int().nullable(),
    isDemo: z.boolean(),
  })
  .meta({ id: "RegimeDecision" });

/** Officials on the NSC list (Z p.3), places serving non-residents (Z p.19), regime decisions (Z p.4). */
export function referenceListRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const listKinds = [
      {
        kind: "officials" as const,
        schema: officialSchema,
        what: "Officials entitled to enter on their identity document (Z p.3)",
      },
      {
        kind: "places" as const,
        schema: servicePlaceSchema,
        what: "Places in the zone serving people from outside it (Z p.19)",
      },
    ];
    for (const { kind, schema, what } of listKinds) {
      app.get(
        `/api/v1/reference/${kind}`,
        {
          schema: {
            tags: ["reference"],
            summary: what,
            response: { 200: z.object({ items: z.array(schema) }), ...errors },
          },
          config: { permission: "units.read" },
        },
        async (request) => ({
          items: (await listReference(deps, request.actor, kind)).map(({ createdAt: _c, ...row }) => row),
        }),
      );
      app.get(
        `/api/v1/reference/${kind}/export`,
        {
          schema: {
            tags: ["reference"],
            summary: `${what}: CSV export`,
            produces: ["text/csv"],
            response: { 200: z.string(), ...errors },
          },
          config: { permission: "units.read" },
        },
        async (request, reply) =>
          reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="${kind}.csv"`)
            .send(await exportReference(deps, request.actor, kind)),
      );
      app.post(
        `/api/v1/reference/${kind}/import`,
        {
          schema: {
            tags: ["reference"],
            summary: `${what}: import from CSV (all or nothing, upsert by code)`,
            body: z.strictObject({ csv: z.string().min(1).max(10_000_000) }),
            response: {
              200: z.object({ rows: z.number().int(), added: z.number().int(), updated: z.number().int() }),
              ...errors,
            },
          },
          bodyLimit: 12 * 1024 * 1024,
          config: { permission: kind === "officials" ? "officials.manage" : "reference.manage" },
        },
        async (request) => importReferenceList(deps, request.actor, metaOf(request), kind, request.body.csv),
      );
    }

    const decisionView = (row: Awaited<ReturnType<typeof listRegimeDecisions>>[number]) => ({
      id: row.id,
      regionKato: row.regionKato,
      authority: row.authority,
      number: row.number,
      decidedOn: row.decidedOn,
      titleKk: row.titleKk,
      titleRu: row.titleRu,
      fileName: row.fileName,
      fileType: row.fileType,
      fileSize: row.fileSize,
      isDemo: row.isDemo,
    });
    app.get(
      "/api/v1/reference/regime-decisions",
      {
        schema: {
          tags: ["reference"],
          summary: "Regional border-regime decisions of the Government or akims (Z p.4)",
          response: { 200: z.object({ items: z.array(regimeDecisionSchema) }), ...errors },
        },
        config: { permission: "units.read" },
      },
      async (request) => ({ items: (await listRegimeDecisions(deps, request.actor)).map(decisionView) }),
    );
    app.post(
      "/api/v1/reference/regime-decisions",
      {
        schema: {
          tags: ["reference"],
          summary: "Record a regime decision with its document (multipart/form-data: the fields and `file`)",
          consumes: ["multipart/form-data"],
          response: { 201: regimeDecisionSchema, ...errors, 413: errorBodySchema },
        },
        config: { permission: "reference.manage" },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
            params: { type: String(request.headers["content-type"]) },
          });
        }
        const fields: Record<string, string> = {};
        let file: { name: string; bytes: Buffer } | undefined;
        for await (const part of request.parts({
          limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 },
        })) {
          if (part.type === "file") {
            const bytes = await part.toBuffer();
            file = { name: part.filename, bytes };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        const parsed = regimeDecisionInput.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field =
            issue?.path.map(String).join(".") ||
            (issue?.code === "unrecognized_keys" ? issue.keys[0] : "") ||
            "body";
          throw invalid(
            field ?? "body",
            describeIssue({ ...(issue as unknown as IssueFacts), field: field ?? "body" }),
          );
        }
        const row = await addRegimeDecision(deps, request.actor, metaOf(request), parsed.data, file);
        return reply.status(201).send(decisionView(row));
      },
    );
    app.get(
      "/api/v1/reference/regime-decisions/:id/file",
      {
        schema: {
          tags: ["reference"],
          summary: "Download a decision's document (signed-in users)",
          params: idParams,
          produces: ["application/pdf", "image/png", "image/jpeg"],
          response: { 200: z.any(), ...errors, 404: errorBodySchema },
        },
        config: { permission: "units.read" },
      },
      async (request, reply) => {
        const file = await regimeDecisionFile(deps, request.actor, request.params.id);
        return reply
          .type(file.type)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header("cache-control", "private, no-store")
          .send(file.bytes);
      },
    );
  };
}
