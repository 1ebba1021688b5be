import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, invalid } from "../../core/errors.js";
import {
  MAX_MEMBERS,
  MEMBER_CHECK_RESULTS,
  memberInputSchema,
  NSC_RESULTS,
  PASS_MODES,
  PETITION_KINDS,
  PETITION_STATUSES,
} from "../../core/petitions/index.js";
import { isoDateString, KATO_FORMAT, matching } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import { certifyCopy, handOverCopy, petitionListPdf } from "../../services/petitions/copies.service.js";
import {
  filePetition,
  getPetition,
  listPetitions,
  organizationOf,
  previewRules,
} from "../../services/petitions/petitions.service.js";
import {
  decidePetition,
  issuePetition,
  recordChecks,
  recordNscResults,
  screenPetition,
} from "../../services/petitions/review.service.js";
import { MAX_LIST_BYTES, readWorkerFile } from "../../services/petitions/worker-file.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const isoDate = isoDateString();
const kato = matching(/^\d{9}$/, KATO_FORMAT);
const translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const unitName = z
  .object({ id: z.uuid(), nameKk: z.string(), nameRu: z.string(), nameEn: z.string().nullable() })
  .nullable();

const petitionSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(PETITION_KINDS),
    status: z.string(),
    createdAt: z.string(),
    departureDate: z.string(),
    organization: unitName,
    iab: unitName,
    nsc: unitName,
    rules: z.record(z.string(), z.unknown()),
    data: z.record(z.string(), z.unknown()),
    flags: z.array(z.string()),
    passMode: z.string().nullable(),
    groupPassNumber: z.string().nullable(),
    viewers: z.array(z.string()),
    members: z.array(
      z.object({
        id: z.uuid(),
        seq: z.number(),
        surname: z.string(),
        givenName: z.string(),
        patronymic: z.string().nullable(),
        birthYear: z.number(),
        address: z.string(),
        documentSeries: z.string().nullable(),
        documentNumber: z.string(),
        documentIssuedOn: z.string(),
        documentIssuedBy: z.string(),
        isLeader: z.boolean(),
        outcome: z.string(),
        screening: z.unknown(),
        checkResult: z.string().nullable(),
        checkEvidence: z.string().nullable(),
        nscResult: z.string().nullable(),
        nscReason: z.string().nullable(),
        decision: z.string().nullable(),
        decisionReason: z.string().nullable(),
        applicationId: z.string().nullable(),
        passNumber: z.string().nullable(),
      }),
    ),
    copies: z.array(
      z.object({
        copyNo: z.number(),
        holder: z.string(),
        holderUnit: unitName,
        certified: z.boolean(),
        withResults: z.boolean(),
        certifiedAt: z.string().nullable(),
        handedAt: z.string().nullable(),
        receivedBy: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Petition" });

const rowReportSchema = z
  .object({
    line: z.number(),
    ok: z.boolean(),
    problems: z.array(z.object({ field: z.string(), message: translated })),
    member: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "PetitionRowReport" });

const fileBody = z
  .strictObject({
    kind: z.enum(PETITION_KINDS),
    iabUnitId: z.uuid().optional(),
    atEnterpriseReason: z.string().max(2000).optional(),
    destinations: z.array(kato).min(1).max(12),
    departureDate: isoDate,
    returnDate: isoDate.optional(),
    workDescription: z.string().trim().min(1).max(2000),
    groupPass: z.boolean().default(false),
    lateReason: z.string().max(2000).optional(),
    members: z.array(memberInputSchema).min(1).max(MAX_MEMBERS),
    release: z
      .strictObject({
        convictedOn: isoDate,
        convictedWhere: z.string().trim().min(1).max(300),
        article: z.string().trim().min(1).max(100),
        releaseGrounds: z.string().trim().min(1).max(1000),
        livedInZoneBefore: z.boolean(),
        familyInZone: z.string().max(1000),
        opinion: z.string().trim().min(1).max(4000),
      })
      .optional(),
  })
  .meta({ id: "PetitionFiling" });

/**
 * A body recording one result per person of a petition: the result from its set, and the note a
 * result other than the clearing one needs, under its own name (`note`: the shape of that one
 * optional field). `id` names the OpenAPI component, one name per body.
 */
function memberResultsBody<R extends readonly [string, ...string[]], N extends z.ZodRawShape>(
  id: string,
  results: R,
  note: N,
) {
  return z
    .strictObject({
      results: z
        .array(z.strictObject({ memberId: z.uuid(), result: z.enum(results), ...note }))
        .min(1)
        .max(MAX_MEMBERS),
    })
    .meta({ id });
}

/** The IAB officer's records check per person (Z p.30): a match carries its evidence. */
const checkResultsBody = memberResultsBody("PetitionCheckResults", MEMBER_CHECK_RESULTS, {
  evidence: z.string().max(4000).optional(),
});
/** The NSC territorial body's result per person (Z p.27): a refusal carries its reason. */
const nscResultsBody = memberResultsBody("PetitionNscResults", NSC_RESULTS, {
  reason: z.string().max(2000).optional(),
});

const copyParams = z.strictObject({ id: z.uuid(), copyNo: z.coerce.number().int().min(1).max(10) });

/** Organizations' petitions (Z-13, Z-14, Z-15): filing, lists, checks, NSC results, decisions, passes, copies. */
export function petitionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/organization",
      {
        schema: {
          tags: ["petitions"],
          summary: "My organization account: where it is located and the IABs a petition can go to",
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
        config: { permission: "petitions.own" },
      },
      async (request) => organizationOf(deps, request.actor),
    );
    app.get(
      "/api/v1/petitions/rules",
      {
        schema: {
          tags: ["petitions"],
          summary: "The filing deadline and routing a petition filed today would get, with clauses",
          querystring: z.strictObject({ kind: z.enum(PETITION_KINDS), departureDate: isoDate }),
          response: { 200: z.record(z.string(), z.unknown()), ...errors },
        },
        config: { permission: "petitions.own" },
      },
      async (request) => previewRules(deps, request.query.kind, request.query.departureDate),
    );
    app.post(
      "/api/v1/petitions/list-file",
      {
        schema: {
          tags: ["petitions"],
          summary: "Validate a worker list (multipart `file`: CSV or XLSX, header row first) row by row",
          description:
            "Columns: surname, givenName, patronymic, birthYear, address, documentSeries, documentNumber, documentIssuedOn, documentIssuedBy, isLeader (Russian and Kazakh headers accepted). Nothing is stored.",
          consumes: ["multipart/form-data"],
          response: { 200: z.object({ rows: z.array(rowReportSchema) }), ...errors, 413: errorBodySchema },
        },
        config: { permission: "petitions.own" },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
            params: { type: String(request.headers["content-type"]) },
          });
        const part = await request.file({ limits: { fileSize: MAX_LIST_BYTES, files: 1 } });
        if (!part)
          throw invalid("file", {
            kk: "пішінде файл жоқ",
            ru: "в форме нет файла",
            en: "no file in the form",
          });
        const bytes = await part.toBuffer();
        const rows = await readWorkerFile(part.filename, bytes);
        return { rows: rows.map((r) => ({ ...r, ...(r.member ? { member: { ...r.member } } : {}) })) };
      },
    );
    app.post(
      "/api/v1/petitions",
      {
        schema: {
          tags: ["petitions"],
          summary: "File a petition: employer (Z p.27), border-strip list (Z p.27), released person (Z p.22)",
          description:
            "The lead time and routing come from the rule set in force; a late petition needs lateReason (409-free 400 PETITION_LATE otherwise). Send an Idempotency-Key header to make retries safe.",
          headers: z.object({ "idempotency-key": z.string().min(8).max(100).optional() }),
          body: fileBody,
          response: { 200: petitionSchema, 201: petitionSchema, ...errors },
        },
        config: { permission: "petitions.own" },
      },
      async (request, reply) => {
        const result = await filePetition(deps, request.actor, metaOf(request), {
          ...request.body,
          idempotencyKey: request.headers["idempotency-key"],
        });
        const view = await getPetition(deps, request.actor, metaOf(request), result.id);
        return reply.status(result.created ? 201 : 200).send(view as never);
      },
    );
    app.get(
      "/api/v1/petitions",
      {
        schema: {
          tags: ["petitions"],
          summary: "Petitions I may see: my organization's, my IAB's, my NSC body's",
          querystring: z.strictObject({
            status: z.enum(PETITION_STATUSES).optional(),
            kind: z.enum(PETITION_KINDS).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  number: z.string(),
                  kind: z.string(),
                  status: z.string(),
                  departureDate: z.string(),
                  flags: z.array(z.string()),
                  createdAt: z.string(),
                  people: z.number(),
                  orgName: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({ items: await listPetitions(deps, request.actor, request.query) }),
    );
    app.get(
      "/api/v1/petitions/:id",
      {
        schema: {
          tags: ["petitions"],
          summary: "A petition with its people, their outcomes, the copies and the rules with clauses",
          params: idParams,
          response: { 200: petitionSchema, ...errors },
        },
      },
      async (request) =>
        (await getPetition(deps, request.actor, metaOf(request), request.params.id)) as never,
    );
    app.post(
      "/api/v1/petitions/:id/screen",
      {
        schema: {
          tags: ["petitions"],
          summary:
            "Screen every person against the records (Z p.30); candidates are shown to the IAB officer",
          params: idParams,
          response: { 200: z.object({ screened: z.number(), withCandidates: z.number() }), ...errors },
        },
        config: { permission: "applications.check" },
      },
      async (request) => screenPetition(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/petitions/:id/checks",
      {
        schema: {
          tags: ["petitions"],
          summary: "Record the records-check result per person (Z p.30); a match needs its evidence",
          params: idParams,
          body: checkResultsBody,
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
        config: { permission: "applications.check" },
      },
      async (request) =>
        recordChecks(deps, request.actor, metaOf(request), request.params.id, request.body.results),
    );
    app.post(
      "/api/v1/petitions/:id/nsc-results",
      {
        schema: {
          tags: ["petitions"],
          summary:
            "The NSC territorial body's result per person of a strip list (Z p.27); refusals need reasons",
          params: idParams,
          body: nscResultsBody,
          response: { 200: z.object({ status: z.string() }), ...errors },
        },
        config: { permission: "strip_lists.check" },
      },
      async (request) =>
        recordNscResults(deps, request.actor, metaOf(request), request.params.id, request.body.results),
    );
    app.post(
      "/api/v1/petitions/:id/decision",
      {
        schema: {
          tags: ["petitions"],
          summary:
            "The head's decision (Z p.31): refusals with reasons, individual passes or one group pass (Z p.10)",
          params: idParams,
          body: z.strictObject({
            passMode: z.enum(PASS_MODES),
            validFrom: isoDate,
            validUntil: isoDate,
            refusals: z
              .array(z.strictObject({ memberId: z.uuid(), reason: z.string().max(2000) }))
              .max(MAX_MEMBERS)
              .default([]),
            note: z.string().max(4000).optional(),
          }),
          response: { 200: z.object({ status: z.string(), cases: z.number() }), ...errors },
        },
        config: { permission: "passes.decide" },
      },
      async (request) =>
        decidePetition(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.post(
      "/api/v1/petitions/:id/issue",
      {
        schema: {
          tags: ["petitions"],
          summary: "Hand over the passes of a decided petition (Z p.32) through the pass cases",
          params: idParams,
          body: z.strictObject({ identityChecked: z.boolean(), rulesAcknowledged: z.boolean() }),
          response: { 200: z.object({ status: z.string(), passes: z.array(z.string()) }), ...errors },
        },
        config: { permission: "applications.intake" },
      },
      async (request) => issuePetition(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.get(
      "/api/v1/petitions/:id/list/pdf",
      {
        schema: {
          tags: ["petitions"],
          summary: "The certified list of the people admitted, for a group pass (Z p.10)",
          params: idParams,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, number } = await petitionListPdf(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          null,
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="list-${encodeURIComponent(number)}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
    app.get(
      "/api/v1/petitions/:id/copies/:copyNo/pdf",
      {
        schema: {
          tags: ["petitions"],
          summary: "One of the five copies of a strip list as PDF (Z p.27)",
          params: copyParams,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, number } = await petitionListPdf(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          request.params.copyNo,
        );
        return reply
          .type("application/pdf")
          .header(
            "content-disposition",
            `inline; filename="list-${encodeURIComponent(number)}-copy-${request.params.copyNo}.pdf"`,
          )
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
    app.post(
      "/api/v1/petitions/:id/copies/:copyNo/certify",
      {
        schema: {
          tags: ["petitions"],
          summary: "Certify copy 1 for the group leader (Z p.27): the person entitled to sign passes",
          params: copyParams,
          response: { 200: z.object({ copyNo: z.number(), certifiedAt: z.string() }), ...errors },
        },
        config: { permission: "passes.decide" },
      },
      async (request) =>
        certifyCopy(deps, request.actor, metaOf(request), request.params.id, request.params.copyNo),
    );
    app.post(
      "/api/v1/petitions/:id/copies/:copyNo/handover",
      {
        schema: {
          tags: ["petitions"],
          summary: "Record who received a copy (Z p.27)",
          params: copyParams,
          body: z.strictObject({ receivedBy: z.string().max(300) }),
          response: {
            200: z.object({ copyNo: z.number(), handedAt: z.string(), receivedBy: z.string() }),
            ...errors,
          },
        },
        config: { permission: "applications.intake" },
      },
      async (request) =>
        handOverCopy(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          request.params.copyNo,
          request.body.receivedBy,
        ),
    );
  };
}
