import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AGENCIES } from "../../core/access/agencies.js";
import { BANK_AUDIENCES, BANK_KINDS, BANK_MARKINGS } from "../../core/databank/catalog.js";
import { AppError, invalid } from "../../core/errors.js";
import type { Deps } from "../../services/context.js";
import {
  downloadDocumentFile,
  fileDocument,
  getDocument,
  listBankUnits,
  MAX_BODY_CHARS,
  searchDocuments,
} from "../../services/databank/databank.service.js";
import { MAX_FILE_BYTES } from "../../services/reference/regime.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const isoDate = z.iso.date();

const documentSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(BANK_KINDS),
    title: z.string(),
    excerpt: z.string(),
    language: z.string(),
    reference: z.string().nullable(),
    docDate: z.string(),
    agency: z.string(),
    unitId: z.uuid(),
    unitNameKk: z.string().nullable(),
    unitNameRu: z.string().nullable(),
    unitNameEn: z.string().nullable(),
    audience: z.enum(BANK_AUDIENCES),
    marking: z.enum(BANK_MARKINGS),
    fileName: z.string().nullable(),
    fileType: z.string().nullable(),
    fileSize: z.number().nullable(),
    isDemo: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "BankDocument" });

const fieldsSchema = z.strictObject({
  kind: z.enum(BANK_KINDS),
  title: z.string().trim().min(3).max(500),
  body: z.string().max(MAX_BODY_CHARS).default(""),
  language: z.enum(["kk", "ru", "kk+ru"]),
  reference: z.string().trim().max(100).optional(),
  docDate: isoDate,
  audience: z.enum(BANK_AUDIENCES),
  marking: z.enum(BANK_MARKINGS),
});

/** The unified data bank (X-15, X p.5.5, p.10.3): search, open, download, file. */
export function databankRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/databank/documents",
      {
        schema: {
          tags: ["databank"],
          summary:
            "Full-text search (Kazakh and Russian, any case, Kazakh letters folded, Russian stemming) with filters; audited",
          querystring: z.strictObject({
            q: z.string().max(300).optional(),
            kind: z.enum(BANK_KINDS).optional(),
            agency: z.enum(AGENCIES).optional(),
            unitId: z.uuid().optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            marking: z.enum(BANK_MARKINGS).optional(),
            sort: z.enum(["relevance", "newest"]).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            offset: z.coerce.number().int().min(0).max(10_000).default(0),
          }),
          response: {
            200: z
              .object({ items: z.array(documentSchema), hasMore: z.boolean() })
              .meta({ id: "BankSearchResult" }),
            ...errors,
          },
        },
        config: { permission: "databank.read" },
      },
      async (request) => searchDocuments(deps, request.actor, metaOf(request), request.query),
    );
    app.get(
      "/api/v1/databank/units",
      {
        schema: {
          tags: ["databank"],
          summary: "Units of the three checkpoint agencies, for the unit filter",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  agency: z.string(),
                  nameKk: z.string(),
                  nameRu: z.string(),
                  nameEn: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
        config: { permission: "databank.read" },
      },
      async (request) => ({ items: await listBankUnits(deps, request.actor) }),
    );
    app.get(
      "/api/v1/databank/documents/:id",
      {
        schema: {
          tags: ["databank"],
          summary: "Open one document (its full text); audited",
          params: z.strictObject({ id: z.uuid() }),
          response: {
            200: documentSchema.extend({ body: z.string() }).meta({ id: "BankDocumentFull" }),
            ...errors,
          },
        },
        config: { permission: "databank.read" },
      },
      async (request) => getDocument(deps, request.actor, metaOf(request), request.params.id),
    );
    app.get(
      "/api/v1/databank/documents/:id/file",
      {
        schema: {
          tags: ["databank"],
          summary: "Download a document's file; audited",
          params: z.strictObject({ id: z.uuid() }),
          produces: ["application/pdf", "image/png", "image/jpeg", "text/plain"],
          response: { 200: z.any(), ...errors },
        },
        config: { permission: "databank.read" },
      },
      async (request, reply) => {
        const file = await downloadDocumentFile(deps, request.actor, metaOf(request), request.params.id);
        return reply
          .type(file.type)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header("cache-control", "private, no-store")
          .send(file.bytes);
      },
    );
    app.post(
      "/api/v1/databank/documents",
      {
        schema: {
          tags: ["databank"],
          summary:
            "File a document for the caller's unit: JSON fields, or multipart with the fields and a `file` (PDF, PNG, JPEG or UTF-8 text, checked by content, ≤ 10 MB)",
          consumes: ["application/json", "multipart/form-data"],
          response: { 201: documentSchema, ...errors, 413: errorBodySchema },
        },
        config: { permission: "databank.file" },
      },
      async (request, reply) => {
        let fields: unknown = request.body;
        let file: { name: string; bytes: Buffer } | undefined;
        if (request.isMultipart()) {
          const collected: Record<string, string> = {};
          for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } })) {
            if (part.type === "file") {
              if (part.fieldname !== "file")
                throw invalid(part.fieldname, {
                  kk: "күтілмеген файл өрісі",
                  ru: "неожиданное поле файла",
                  en: "unexpected file field",
                });
              file = { name: part.filename, bytes: await part.toBuffer() };
            } else {
              collected[part.fieldname] = String(part.value);
            }
          }
          fields = collected;
        }
        const parsed = fieldsSchema.safeParse(fields ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(String(issue?.path[0] ?? "body"), issue?.message ?? "invalid");
        }
        if (parsed.data.body === "" && !file && !request.isMultipart() && fields === undefined) {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
            params: { type: String(request.headers["content-type"]) },
          });
        }
        const doc = await fileDocument(deps, request.actor, metaOf(request), parsed.data, file);
        return reply.status(201).send(doc);
      },
    );
  };
}
