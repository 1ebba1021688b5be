import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, invalid } from "../../core/errors.js";
import { isLang, pickLang } from "../../core/i18n.js";
import { applicationDataSchema, PASS_ACTION_TYPES } from "../../core/passes/index.js";
import type { Deps } from "../../services/context.js";
import { takeAction } from "../../services/passes/actions.service.js";
import {
  type CaseView,
  getCase,
  listCases,
  QUEUES,
  submitApplication,
} from "../../services/passes/applications.service.js";
import { attachFile, readFile } from "../../services/passes/files.service.js";
import {
  lookupPassByNumber,
  passesOf,
  passPdf,
  registerBook,
  registerBookPdf,
} from "../../services/passes/pass.service.js";
import { MAX_FILE_BYTES } from "../../services/reference/regime.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams, verificationSchema } from "../schemas.js";

const caseSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.string(),
    stage: z.string(),
    unitId: z.uuid(),
    applicantUserId: z.uuid().nullable(),
    data: z.record(z.string(), z.unknown()),
    eligibility: z.record(z.string(), z.unknown()),
    flags: z.array(z.string()),
    state: z.record(z.string(), z.unknown()),
    actions: z.array(
      z.object({
        type: z.string(),
        at: z.string(),
        by: z.string(),
        payload: z.record(z.string(), z.unknown()),
      }),
    ),
    allowed: z.array(z.string()),
    passes: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        status: z.string(),
        validFrom: z.string(),
        validUntil: z.string(),
        code: z.string(),
      }),
    ),
    files: z.array(z.object({ id: z.uuid(), name: z.string(), type: z.string(), size: z.number() })),
    createdAt: z.string(),
  })
  .meta({ id: "PassCase" });

type CaseJson = z.infer<typeof caseSchema>;

/** What a submission answers under `Prefer: return=minimal` (RFC 7240): enough to find the case. */
const receiptSchema = z
  .strictObject({
    id: z.uuid(),
    number: z.string(),
    status: z.string(),
    stage: z.string(),
    flags: z.array(z.string()),
  })
  .meta({ id: "PassCaseReceipt" });

/** Whether a Prefer header (RFC 7240) asks for the minimal representation. */
function prefersMinimal(prefer: string | undefined): boolean {
  return (prefer ?? "")
    .split(",")
    .some((part) => part.split(";")[0]?.trim().toLowerCase().replaceAll(" ", "") === "return=minimal");
}

function caseJson(view: CaseView): Omit<CaseJson, "passes"> {
  return {
    id: view.row.id,
    number: view.row.number,
    status: view.state.status,
    stage: view.state.stage,
    unitId: view.row.unitId,
    applicantUserId: view.row.applicantUserId,
    data: view.row.data as Record<string, unknown>,
    eligibility: view.row.eligibility as Record<string, unknown>,
    flags: [...new Set([...view.state.flags, ...view.row.flags])],
    state: view.state as unknown as Record<string, unknown>,
    actions: view.actions.map((a) => ({
      type: a.type,
      at: a.at,
      by: a.by,
      payload: a.payload as Record<string, unknown>,
    })),
    allowed: view.allowed,
    files: view.files,
    createdAt: view.row.createdAt.toISOString(),
  };
}

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const actionBody = z.strictObject({
  type: z.enum(PASS_ACTION_TYPES.filter((t) => t !== "SUBMITTED") as [string, ...string[]]),
  payload: z.record(z.string(), z.unknown()).default({}),
});

/** The action count an If-Match header names (`3` or `"3"`), if any. */
function ifMatchCount(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header.replaceAll('"', ""));
}

/** The pass lifecycle (Z-10 … Z-30): applications, their steps, passes, PDFs and the register book. */
export function applicationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const full = async (request: Parameters<typeof metaOf>[0], id: string): Promise<CaseJson> => {
      const view = await getCase(deps, request.actor, metaOf(request), id);
      const json = caseJson(view);
      const actor = request.actor;
      return { ...json, passes: actor ? await passesOf(deps, actor, id) : [] };
    };

    app.post(
      "/api/v1/applications",
      {
        schema: {
          tags: ["passes"],
          summary: "Apply for a pass (App.2): a citizen online, or an officer at the counter",
          description:
            "Send an Idempotency-Key header: a retry with the same key returns the first application instead of creating a second. " +
            "With `Prefer: return=minimal` the answer is the case's receipt (id, number, status, stage, flags) instead of the whole case; " +
            "either way the Location header names the case.",
          headers: z.object({
            "idempotency-key": z.string().min(8).max(100).optional(),
            prefer: z.string().max(200).optional(),
          }),
          body: z.strictObject({
            data: applicationDataSchema,
            unitId: z.uuid().optional(),
            lang: z.enum(["kk", "ru", "en"]).optional(),
          }),
          // The receipt first: strict, it refuses a whole case at its first extra key.
          response: {
            200: z.union([receiptSchema, caseSchema]),
            201: z.union([receiptSchema, caseSchema]),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const lang = request.body.lang ?? pickLang(request.headers["accept-language"]);
        const result = await submitApplication(deps, request.actor, metaOf(request), {
          data: request.body.data,
          unitId: request.body.unitId,
          idempotencyKey: request.headers["idempotency-key"],
          lang: isLang(lang) ? lang : "kk",
        });
        // A new case is answered from what was written (it has no passes yet); a replay is read back.
        const body = result.view ? { ...caseJson(result.view), passes: [] } : await full(request, result.id);
        reply.status(result.created ? 201 : 200).header("location", `/api/v1/applications/${result.id}`);
        if (!prefersMinimal(request.headers.prefer)) return reply.send(body);
        const { id, number, status, stage, flags } = body;
        return reply
          .header("preference-applied", "return=minimal")
          .send({ id, number, status, stage, flags });
      },
    );
    app.get(
      "/api/v1/applications",
      {
        schema: {
          tags: ["passes"],
          summary: "Work queues (officers) or my applications (citizens)",
          querystring: z.strictObject({
            queue: z.enum(QUEUES).default("all"),
            q: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  number: z.string(),
                  status: z.string(),
                  surname: z.string(),
                  givenName: z.string(),
                  patronymic: z.string().nullable(),
                  birthYear: z.number(),
                  destinationKato: z.string(),
                  departureDate: z.string(),
                  purpose: z.string(),
                  flags: z.array(z.string()),
                  createdAt: z.string(),
                }),
              ),
              clauses: z
                .array(z.string())
                .describe("The clauses of the rule that draws the queue (overdue_registration: Z p.18)"),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const result = await listCases(deps, request.actor, request.query);
        return {
          items: result.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
          clauses: result.clauses,
        };
      },
    );
    app.get(
      "/api/v1/applications/:id",
      {
        schema: {
          tags: ["passes"],
          summary: "A case: application, derived state, full history, allowed next steps, passes",
          params: idParams,
          response: { 200: caseSchema, ...errors },
        },
      },
      async (request) => full(request, request.params.id),
    );
    app.post(
      "/api/v1/applications/:id/actions",
      {
        schema: {
          tags: ["passes"],
          summary:
            "Take a step: check, decide, issue, register, extend, report loss, replace, return, revoke",
          description:
            "An illegal step answers 409 with the rule and its clause. Send If-Match with the number of actions the case showed: if the case has moved on (another officer, or this very step already recorded before a lost answer), the step answers 409 CONCURRENT_CHANGE instead of being recorded twice.",
          params: idParams,
          headers: z.object({
            "if-match": z
              .string()
              .regex(/^"?\d{1,6}"?$/)
              .optional(),
          }),
          body: actionBody,
          response: { 200: caseSchema, ...errors },
        },
      },
      async (request) => {
        await takeAction(
          deps,
          request.actor,
          metaOf(request),
          { applicationId: request.params.id },
          {
            type: request.body.type as never,
            payload: request.body.payload,
            expectedActions: ifMatchCount(request.headers["if-match"]),
          },
        );
        return full(request, request.params.id);
      },
    );
    app.get(
      "/api/v1/passes/by-number/:number",
      {
        schema: {
          tags: ["passes"],
          summary:
            "A pass found by its typed number, for a registrar or an IAB desk: the verdict its code gets, with holder, places and validity",
          description:
            "For those who may take a step on any pass by its number (register, extend, loss, return). Others verify the code itself (GET /api/v1/verify/{code}).",
          params: z.strictObject({ number: z.string().min(3).max(40) }),
          response: { 200: verificationSchema, ...errors },
        },
      },
      async (request) => lookupPassByNumber(deps, request.actor, metaOf(request), request.params.number),
    );
    app.post(
      "/api/v1/passes/by-number/:number/actions",
      {
        schema: {
          tags: ["passes"],
          summary:
            "A step any IAB or registrar may take on a pass by its number (register, extend, loss, return)",
          description:
            "Send an Idempotency-Key header, new for each step: a retry with the same key (its answer lost) answers the step already taken instead of taking it twice; the same key on another step or pass answers 409 IDEMPOTENCY_KEY_REUSED.",
          params: z.strictObject({ number: z.string().min(3).max(40) }),
          headers: z.object({ "idempotency-key": z.string().min(8).max(100).optional() }),
          body: actionBody,
          response: { 200: z.object({ id: z.uuid(), status: z.string() }), ...errors },
        },
      },
      async (request) => {
        const result = await takeAction(
          deps,
          request.actor,
          metaOf(request),
          { passNumber: request.params.number },
          {
            type: request.body.type as never,
            payload: request.body.payload,
            idempotencyKey: request.headers["idempotency-key"],
          },
        );
        return { id: result.id, status: result.state.status };
      },
    );
    app.get(
      "/api/v1/passes/:id/pdf",
      {
        schema: {
          tags: ["passes"],
          summary: "The pass as PDF (App.1, front and back, Kazakh and Russian, with its signed QR code)",
          params: idParams,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, number } = await passPdf(deps, request.actor, metaOf(request), request.params.id);
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="pass-${encodeURIComponent(number)}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
    const bookQuery = z.strictObject({ unitId: z.uuid(), year: z.coerce.number().int().min(1994).max(9999) });
    app.get(
      "/api/v1/register-book",
      {
        schema: {
          tags: ["passes"],
          summary: "The register book of passes of a unit and year (Z-21, App.3)",
          querystring: bookQuery,
          response: { 200: z.object({ lines: z.array(z.record(z.string(), z.unknown())) }), ...errors },
        },
        config: { permission: "applications.intake" },
      },
      async (request) => {
        const book = await registerBook(
          deps,
          request.actor,
          metaOf(request),
          request.query.unitId,
          request.query.year,
        );
        return { lines: book.lines as unknown as Record<string, unknown>[] };
      },
    );
    app.get(
      "/api/v1/register-book/pdf",
      {
        schema: {
          tags: ["passes"],
          summary: "The register book as PDF",
          querystring: bookQuery,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
        config: { permission: "applications.intake" },
      },
      async (request, reply) => {
        const pdf = await registerBookPdf(
          deps,
          request.actor,
          metaOf(request),
          request.query.unitId,
          request.query.year,
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="register-book-${request.query.year}.pdf"`)
          .send(pdf);
      },
    );
    app.post(
      "/api/v1/applications/:id/files",
      {
        schema: {
          tags: ["passes"],
          summary: "Attach a basis document (multipart `file`: PDF, JPEG or PNG checked by content, ≤ 10 MB)",
          params: idParams,
          consumes: ["multipart/form-data"],
          response: {
            201: z.object({ id: z.uuid(), name: z.string(), type: z.string(), size: z.number() }),
            ...errors,
            413: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
            params: { type: String(request.headers["content-type"]) },
          });
        }
        const part = await request.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
        if (!part)
          throw invalid("file", {
            kk: "пішінде файл жоқ",
            ru: "в форме нет файла",
            en: "no file in the form",
          });
        const bytes = await part.toBuffer();
        const row = await attachFile(deps, request.actor, metaOf(request), request.params.id, {
          name: part.filename,
          bytes,
        });
        return reply.status(201).send(row);
      },
    );
    app.get(
      "/api/v1/applications/:id/files/:fileId",
      {
        schema: {
          tags: ["passes"],
          summary: "Download an attached document (its applicant, or officers of the handling unit)",
          params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
          produces: ["application/pdf", "image/png", "image/jpeg"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const file = await readFile(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          request.params.fileId,
        );
        return reply
          .type(file.type)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header("cache-control", "private, no-store")
          .send(file.bytes);
      },
    );
  };
}
