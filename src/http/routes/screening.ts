import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DEFAULT_THRESHOLD } from "../../core/names/match.js";
import { IIN_FORMAT, matching } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import {
  checkBatch,
  checkSubject,
  MAX_BATCH,
  reviewCandidate,
} from "../../services/screening/check.service.js";
import {
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  recordInputSchema,
  updateRecord,
} from "../../services/screening/records.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

const subjectSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(300),
    // The registry's own rule (a real calendar day, years 1880–2100): an impossible date is a 400,
    // never a database cast error.
    birthDate: recordInputSchema.shape.birthDate,
    iin: matching(/^\d{12}$/, IIN_FORMAT, z.string().trim()).optional(),
    documentNumber: z.string().trim().min(1).max(50).optional(),
  })
  .meta({ id: "ScreeningSubject" });

// Below 0.05 the birth-year filter of the candidate query would no longer be exact (check.service).
const threshold = z.number().min(0.05).max(1).default(DEFAULT_THRESHOLD);

const explanationLine = z.object({ code: z.string(), kk: z.string(), ru: z.string(), en: z.string() });
export const checkResultSchema = z
  .object({
    candidates: z.array(
      z.object({
        recordId: z.string(),
        score: z.number(),
        explanation: z.array(explanationLine),
        record: z.object({
          names: z.array(z.string()),
          birthDate: z.string().nullable(),
          reason: z.string(),
          source: z.string(),
        }),
      }),
    ),
    dismissed: z.number().int(),
    scored: z.number().int(),
  })
  .meta({ id: "ScreeningResult" });

const recordSchema = z
  .object({
    id: z.string(),
    names: z.array(z.string()),
    birthDate: z.string().nullable(),
    documentNumber: z.string().nullable(),
    iin: z.string().nullable(),
    reason: z.string(),
    source: z.string(),
    validUntil: z.string().nullable(),
    isDemo: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: "ScreeningRecord" });

const recordIdParams = z.object({ id: recordInputSchema.shape.id });
const patchSchema = z
  .strictObject({
    names: recordInputSchema.shape.names.optional(),
    birthDate: recordInputSchema.shape.birthDate.nullable(),
    documentNumber: recordInputSchema.shape.documentNumber.nullable(),
    iin: recordInputSchema.shape.iin.nullable(),
    reason: recordInputSchema.shape.reason.optional(),
    source: recordInputSchema.shape.source.optional(),
    validUntil: recordInputSchema.shape.validUntil.nullable(),
  })
  .meta({ id: "ScreeningRecordPatch" });

/** Records screening (issue 6): checks against police and NSC lists, reviews, and the registry itself. */
export function screeningRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/v1/screening/check",
      {
        schema: {
          tags: ["screening"],
          summary: "Screen one person: the records scoring at or above the threshold, best first, explained",
          body: subjectSchema.extend({ threshold }),
          response: { 200: checkResultSchema, ...errors },
        },
        config: { permission: "records.screen" },
      },
      async (request) => {
        const { threshold: t, ...subject } = request.body;
        return checkSubject(deps, request.actor, metaOf(request), subject, t);
      },
    );
    app.post(
      "/api/v1/screening/batch",
      {
        schema: {
          tags: ["screening"],
          summary: `Screen up to ${MAX_BATCH} people at once; results in the order given`,
          body: z.strictObject({ people: z.array(subjectSchema).min(1).max(MAX_BATCH), threshold }),
          response: { 200: z.object({ results: z.array(checkResultSchema) }), ...errors },
        },
        bodyLimit: 16 * 1024 * 1024,
        config: { permission: "records.screen" },
      },
      async (request) => ({
        results: await checkBatch(
          deps,
          request.actor,
          metaOf(request),
          request.body.people,
          request.body.threshold,
        ),
      }),
    );
    app.post(
      "/api/v1/screening/reviews",
      {
        schema: {
          tags: ["screening"],
          summary:
            "Confirm or dismiss a candidate; a dismissed pair is not raised again until either side changes",
          body: z.strictObject({
            subject: subjectSchema,
            recordId: recordInputSchema.shape.id,
            decision: z.enum(["CONFIRMED", "DISMISSED"]),
            reason: z.string().trim().min(3).max(2000),
          }),
          response: {
            201: z.object({
              id: z.uuid(),
              subjectHash: z.string(),
              recordHash: z.string(),
              createdAt: z.string(),
            }),
            ...errors,
            404: errorBodySchema,
          },
        },
        config: { permission: "records.screen" },
      },
      async (request, reply) =>
        reply.status(201).send(await reviewCandidate(deps, request.actor, metaOf(request), request.body)),
    );
    app.get(
      "/api/v1/screening/records",
      {
        schema: {
          tags: ["screening"],
          summary: "Records of the registry, by id or name in any script, in id order (keyset paging)",
          querystring: z.strictObject({
            q: z.string().max(200).optional(),
            after: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({ items: z.array(recordSchema), next: z.string().nullable() }),
            ...errors,
          },
        },
        config: { permission: "records.screen" },
      },
      async (request) => listRecords(deps, request.actor, metaOf(request), request.query),
    );
    app.get(
      "/api/v1/screening/records/:id",
      {
        schema: {
          tags: ["screening"],
          summary: "One record",
          params: recordIdParams,
          response: { 200: recordSchema, ...errors, 404: errorBodySchema },
        },
        config: { permission: "records.screen" },
      },
      async (request) => getRecord(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/screening/records",
      {
        schema: {
          tags: ["screening"],
          summary: "Add a record",
          body: recordInputSchema,
          response: { 201: recordSchema, ...errors, 409: errorBodySchema },
        },
        config: { permission: "records.manage" },
      },
      async (request, reply) =>
        reply.status(201).send(await createRecord(deps, request.actor, metaOf(request), request.body)),
    );
    app.patch(
      "/api/v1/screening/records/:id",
      {
        schema: {
          tags: ["screening"],
          summary: "Change a record (null clears an optional field); its dismissals lapse",
          params: recordIdParams,
          body: patchSchema,
          response: { 200: recordSchema, ...errors, 404: errorBodySchema },
        },
        config: { permission: "records.manage" },
      },
      async (request) => updateRecord(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.delete(
      "/api/v1/screening/records/:id",
      {
        schema: {
          tags: ["screening"],
          summary: "Delete a record",
          params: recordIdParams,
          response: { 204: z.null(), ...errors, 404: errorBodySchema },
        },
        config: { permission: "records.manage" },
      },
      async (request, reply) => {
        await deleteRecord(deps, request.actor, metaOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
