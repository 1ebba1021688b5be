import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isLang, pickLang } from "../../core/i18n.js";
import {
  FOREIGNER_STAGES,
  FOREIGNER_STEPS,
  SPECIAL_RULE_SETS,
  WORK_BODIES,
  WORK_DECISIONS,
  WORK_KINDS,
} from "../../core/special/index.js";
import type { Deps } from "../../services/context.js";
import {
  foreignerInputSchema,
  foreignerStepSchema,
  getForeigner,
  listForeigners,
  nscUnits,
  stepForeigner,
  submitForeigner,
} from "../../services/special/foreigners.service.js";
import { permitPdf } from "../../services/special/permits.service.js";
import {
  decideWorks,
  getWorks,
  listWorks,
  previewRoute,
  submitWorks,
  worksDecisionSchema,
  worksInputSchema,
  worksPdf,
} from "../../services/special/works.service.js";
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
const translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const unitRef = z
  .object({ id: z.string(), nameKk: z.string(), nameRu: z.string(), nameEn: z.string() })
  .nullable();

const foreignerSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  stage: z.enum(FOREIGNER_STAGES),
  fullName: z.string(),
  citizenship: z.string(),
  destinationKato: z.string(),
  stayFrom: z.string(),
  stayUntil: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  createdAt: z.string(),
});
const foreignerCaseSchema = foreignerSummarySchema
  .extend({
    version: z.number(),
    surname: z.string(),
    givenName: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    documentKind: z.string(),
    documentNumber: z.string(),
    residence: z.string(),
    purpose: z.string(),
    unit: unitRef,
    nscUnit: unitRef,
    escalatedTo: unitRef,
    escalatedAt: z.string().nullable(),
    nscReason: z.string().nullable(),
    refusalReason: z.string().nullable(),
    deadline: z.object({ days: z.number(), clauses: z.array(z.string()), explanation: translated }),
    steps: z.array(
      z.object({
        step: z.string(),
        at: z.string(),
        reason: z.string().nullable(),
        clause: z.string(),
        unit: unitRef,
      }),
    ),
    permit: z
      .object({
        id: z.string(),
        number: z.string(),
        validFrom: z.string(),
        validUntil: z.string(),
        status: z.string(),
        code: z.string(),
      })
      .nullable(),
    allowedSteps: z.array(z.enum(FOREIGNER_STEPS)),
  })
  .meta({ id: "ForeignerCase" });

const worksSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    organization: z.string(),
    contactName: z.string(),
    kind: z.enum(WORK_KINDS),
    inStrip: z.boolean(),
    places: z.array(z.string()),
    area: z.string(),
    description: z.string(),
    periodFrom: z.string(),
    periodUntil: z.string(),
    routeId: z.string(),
    clauses: z.array(z.string()),
    outcome: z.enum(["PENDING", "APPROVED", "REFUSED"]),
    outcomeAt: z.string().nullable(),
    createdAt: z.string(),
    routes: z.array(
      z.object({
        body: z.enum(WORK_BODIES),
        role: z.string(),
        unitId: z.string(),
        decision: z.enum(WORK_DECISIONS).nullable(),
        reason: z.string().nullable(),
        decidedAt: z.string().nullable(),
      }),
    ),
    awaiting: z.array(z.enum(WORK_BODIES)),
  })
  .meta({ id: "SpecialWorks" });

const langOf = (body: { lang?: string | undefined }, header: string | undefined) => {
  const lang = body.lang ?? pickLang(header);
  return isLang(lang) ? lang : "kk";
};

/** Special procedures: foreigners' permits with NSC agreement (Z p.17) and special works (Z p.28). */
export function specialRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/special/rules",
      {
        schema: {
          tags: ["special"],
          summary:
            "The special-procedure rule sets: NSC answer time (Z p.17) and the works routing table (Z p.28)",
          security: [],
          response: { 200: z.object({ versions: z.array(z.any()) }) },
        },
        config: { public: true },
      },
      async () => ({ versions: [...SPECIAL_RULE_SETS] }),
    );

    // ---- Foreigners and stateless persons (Z p.17)
    app.post(
      "/api/v1/foreigners",
      {
        schema: {
          tags: ["special"],
          summary: "Apply for a foreigner's permit: an IAB officer at the counter, or the applicant online",
          body: foreignerInputSchema
            .extend({ lang: z.enum(["kk", "ru", "en"]).optional() })
            .meta({ id: "ForeignerApplicationForm" }),
          response: { 201: z.object({ id: z.string(), number: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const result = await submitForeigner(deps, request.actor, metaOf(request), {
          ...request.body,
          lang: langOf(request.body, request.headers["accept-language"]),
        });
        return reply.status(201).send(result);
      },
    );
    app.get(
      "/api/v1/foreigners",
      {
        schema: {
          tags: ["special"],
          summary: "Foreigners' cases visible to the caller (IAB subtree, NSC subtree, or own), newest first",
          querystring: z.strictObject({
            stage: z.enum(FOREIGNER_STAGES).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(foreignerSummarySchema) }), ...errors },
        },
      },
      async (request) => ({
        items: await listForeigners(deps, request.actor, request.query),
      }),
    );
    app.get(
      "/api/v1/foreigners/nsc-units",
      {
        schema: {
          tags: ["special"],
          summary: "NSC units a foreigner's case can be forwarded to for agreement (Z p.17)",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  code: z.string(),
                  nameKk: z.string(),
                  nameRu: z.string(),
                  nameEn: z.string().nullable(),
                  triadId: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
        config: { permission: "applications.intake" },
      },
      async (request) => ({ items: await nscUnits(deps, request.actor) }),
    );
    app.get(
      "/api/v1/foreigners/:id",
      {
        schema: {
          tags: ["special"],
          summary:
            "One foreigner's case with its history, deadline (with clause), permit and the caller's steps",
          params: idParams,
          response: { 200: foreignerCaseSchema, ...errors },
        },
      },
      async (request) => getForeigner(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/foreigners/:id/steps",
      {
        schema: {
          tags: ["special"],
          summary: "Take a step: FORWARD to the NSC, AGREE / NSC_REFUSE (NSC), ISSUE / REFUSE (IAB head)",
          params: idParams,
          body: foreignerStepSchema,
          response: {
            200: z.object({ stage: z.enum(FOREIGNER_STAGES), permitId: z.string().optional() }),
            ...errors,
          },
        },
      },
      async (request) => stepForeigner(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.get(
      "/api/v1/permits/:id/pdf",
      {
        schema: {
          tags: ["special"],
          summary: "The permit as PDF (Kazakh and Russian, with its signed QR code)",
          params: idParams,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, number } = await permitPdf(deps, request.actor, metaOf(request), request.params.id);
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="permit-${encodeURIComponent(number)}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );

    // ---- Special works (Z p.28)
    app.get(
      "/api/v1/special-works/route",
      {
        schema: {
          tags: ["special"],
          summary: "Which bodies decide on a kind of works inside or outside the strip, with the clause",
          security: [],
          querystring: z.strictObject({
            kind: z.enum(WORK_KINDS),
            inStrip: z.enum(["true", "false"]).transform((v) => v === "true"),
          }),
          response: { 200: z.any(), ...errors },
        },
        config: { public: true },
      },
      async (request) => previewRoute(deps, request.query.kind, request.query.inStrip),
    );
    app.post(
      "/api/v1/special-works",
      {
        schema: {
          tags: ["special"],
          summary: "Apply for special works; routed to the Ministry of Defence and/or the Border troops",
          body: worksInputSchema
            .extend({ lang: z.enum(["kk", "ru", "en"]).optional() })
            .meta({ id: "SpecialWorksForm" }),
          response: { 201: z.object({ id: z.string(), number: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const result = await submitWorks(deps, request.actor, metaOf(request), {
          ...request.body,
          lang: langOf(request.body, request.headers["accept-language"]),
        });
        return reply.status(201).send(result);
      },
    );
    app.get(
      "/api/v1/special-works",
      {
        schema: {
          tags: ["special"],
          summary: "Special-works applications: the applicant's own, or those routed to the approver's unit",
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ items: z.array(worksSchema) }), ...errors },
        },
      },
      async (request) => ({ items: await listWorks(deps, request.actor, request.query.limit) }),
    );
    app.get(
      "/api/v1/special-works/:id",
      {
        schema: {
          tags: ["special"],
          summary: "One special-works application with every body's decision",
          params: idParams,
          response: { 200: worksSchema, ...errors },
        },
      },
      async (request) => getWorks(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/special-works/:id/decisions",
      {
        schema: {
          tags: ["special"],
          summary: "Record a routed body's decision (one refusal refuses the application)",
          params: idParams,
          body: worksDecisionSchema,
          response: {
            200: z.object({ outcome: z.enum(["PENDING", "APPROVED", "REFUSED"]), body: z.enum(WORK_BODIES) }),
            ...errors,
          },
        },
        config: { permission: "special_works.decide" },
      },
      async (request) => decideWorks(deps, request.actor, metaOf(request), request.params.id, request.body),
    );
    app.get(
      "/api/v1/special-works/:id/pdf",
      {
        schema: {
          tags: ["special"],
          summary: "The combined outcome as a document (permission or refusal), Kazakh and Russian",
          params: idParams,
          produces: ["application/pdf"],
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, number } = await worksPdf(deps, request.actor, metaOf(request), request.params.id);
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="special-works-${encodeURIComponent(number)}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
  };
}
