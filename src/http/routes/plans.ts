import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DIRECTION_CODES, PARTIES, PLAN_STATUSES } from "../../core/coordination/index.js";
import { isLang, pickLang } from "../../core/i18n.js";
import { isoDateString } from "../../core/validation-messages.js";
import type { Deps } from "../../services/context.js";
import { planPdf } from "../../services/coordination/pdf.service.js";
import {
  actOnPlan,
  createPlan,
  diffPlanVersions,
  getPlan,
  getPlanVersion,
  listPlans,
  reportPlanTask,
  TASK_STATUSES,
} from "../../services/coordination/plans.service.js";
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

const task = z.object({
  key: z.string(),
  text: z.string(),
  direction: z.string(),
  owner: z.enum(PARTIES),
  dueDate: z.string(),
});
const variant = z.object({
  key: z.string(),
  situation: z.string(),
  actions: z.object({ IAB: z.string(), NSC: z.string(), CUSTOMS: z.string() }),
});
const contentSchema = z
  .object({
    title: z.string(),
    summary: z.string(),
    directions: z.array(z.string()),
    variants: z.array(variant),
    tasks: z.array(task),
  })
  .meta({ id: "PlanContent" });
// The request body is checked by the core's own schema (with field paths and duplicate keys).
const contentInput = z
  .record(z.string(), z.unknown())
  .describe(
    `title, summary, directions (${DIRECTION_CODES.join(", ")}), variants[{key, situation, actions{IAB,NSC,CUSTOMS}}], tasks[{key, text, direction, owner, dueDate}]`,
  );

const summary = z.object({
  id: z.uuid(),
  triadId: z.uuid(),
  triadNameKk: z.string(),
  triadNameRu: z.string(),
  triadNameEn: z.string().nullable(),
  title: z.string(),
  orderRef: z.string(),
  orderDate: z.string(),
  dueDate: z.string(),
  dueClause: z.string(),
  overdue: z.boolean(),
  status: z.enum(PLAN_STATUSES),
  version: z.number().int(),
  approvedVersion: z.number().int().nullable(),
  agreedBy: z.array(z.enum(PARTIES)),
  approvedBy: z.array(z.enum(PARTIES)),
  isDemo: z.boolean(),
});
const planSchema = summary
  .extend({
    content: contentSchema,
    parties: z.array(
      z.object({
        party: z.enum(PARTIES),
        unitId: z.uuid(),
        path: z.string(),
        code: z.string(),
        nameKk: z.string(),
        nameRu: z.string(),
        nameEn: z.string().nullable(),
        hasSuperior: z.boolean(),
      }),
    ),
    versions: z.array(
      z.object({
        version: z.number().int(),
        note: z.string(),
        createdByName: z.string(),
        createdAt: z.string(),
      }),
    ),
    events: z.array(
      z.object({
        version: z.number().int(),
        action: z.string(),
        party: z.string().nullable(),
        actorName: z.string(),
        reason: z.string().nullable(),
        at: z.string(),
      }),
    ),
    tasks: z.array(
      task.extend({
        status: z.enum(TASK_STATUSES),
        note: z.string(),
        overdue: z.boolean(),
        reportedAt: z.string().nullable(),
      }),
    ),
    approvalClause: z.string(),
    agreementClause: z.string(),
    allowed: z.array(z.string()),
  })
  .meta({ id: "Plan" });
const changeSchema = z
  .object({
    kind: z.enum(["changed", "added", "removed"]),
    path: z.string(),
    from: z.unknown().optional(),
    to: z.unknown().optional(),
  })
  .meta({ id: "PlanChange" });

const versionBody = z.strictObject({ expectedVersion: z.number().int().min(1) });

/** Interaction plans: drafting by the three heads, approval by the higher instances, versions. */
export function planRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/plans",
      {
        schema: {
          tags: ["coordination"],
          summary: "Interaction plans of the actor's triads",
          response: { 200: z.array(summary.meta({ id: "PlanSummary" })), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => listPlans(deps, request.actor),
    );
    app.post(
      "/api/v1/plans",
      {
        schema: {
          tags: ["coordination"],
          summary: "Start a plan of a triad; due one month after the order (X order p.2)",
          body: z.strictObject({
            triadId: z.uuid(),
            orderRef: z.string().trim().min(1).max(300),
            orderDate: isoDateString(),
            content: contentInput,
          }),
          response: { 200: planSchema, ...errors },
        },
        config: { permission: "plans.draft" },
      },
      async (request) => createPlan(deps, request.actor, metaOf(request), request.body),
    );
    app.get(
      "/api/v1/plans/:id",
      {
        schema: {
          tags: ["coordination"],
          summary: "A plan with its newest version, history and tasks",
          params: idParams,
          response: { 200: planSchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => getPlan(deps, request.actor, request.params.id),
    );
    app.get(
      "/api/v1/plans/:id/versions/:version",
      {
        schema: {
          tags: ["coordination"],
          summary: "The content of one version",
          params: idParams.extend({ version: z.coerce.number().int().min(1) }),
          response: { 200: contentSchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => getPlanVersion(deps, request.actor, request.params.id, request.params.version),
    );
    app.get(
      "/api/v1/plans/:id/diff",
      {
        schema: {
          tags: ["coordination"],
          summary: "Differences between two versions",
          params: idParams,
          querystring: z.strictObject({
            from: z.coerce.number().int().min(1),
            to: z.coerce.number().int().min(1),
          }),
          response: { 200: z.array(changeSchema), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) =>
        diffPlanVersions(deps, request.actor, request.params.id, request.query.from, request.query.to),
    );
    app.get(
      "/api/v1/plans/:id/pdf",
      {
        schema: {
          tags: ["coordination"],
          summary: "The plan (newest version) as a printable PDF",
          params: idParams,
          querystring: z.strictObject({ lang: z.enum(["kk", "ru", "en"]).optional() }),
          produces: ["application/pdf"],
        },
        config: { permission: "coordination.read" },
      },
      async (request, reply) => {
        const lang = request.query.lang ?? pickLang(request.headers["accept-language"]);
        const pdf = await planPdf(deps, request.actor, request.params.id, isLang(lang) ? lang : "kk");
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="plan-${request.params.id}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
    app.post(
      "/api/v1/plans/:id/versions",
      {
        schema: {
          tags: ["coordination"],
          summary: "Write a new version (refinement when the situation changes, X p.3.1); clears agreements",
          params: idParams,
          body: versionBody.extend({ content: contentInput, note: z.string().trim().max(2000).optional() }),
          response: { 200: planSchema, ...errors },
        },
        config: { permission: "plans.draft" },
      },
      async (request) =>
        actOnPlan(deps, request.actor, metaOf(request), request.params.id, {
          action: "EDIT",
          ...request.body,
        }),
    );
    app.post(
      "/api/v1/plans/:id/tasks/:key/progress",
      {
        schema: {
          tags: ["coordination"],
          summary: "Report progress on a plan task (the owning party's officers or any party's head)",
          params: idParams.extend({ key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
          body: z.strictObject({
            status: z.enum(TASK_STATUSES),
            note: z.string().trim().max(2000).optional(),
          }),
          response: { 200: planSchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) =>
        reportPlanTask(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          request.params.key,
          request.body,
        ),
    );
    for (const [path, action, permission, summaryText] of [
      ["agree", "AGREE", "plans.draft", "A party's head agrees the newest version"],
      ["submit", "SUBMIT", "plans.draft", "Submit the agreed version to the higher instances"],
      ["approve", "APPROVE", "plans.approve", "A party's higher instance approves the submitted version"],
      ["return", "RETURN", "plans.approve", "A higher instance returns the plan for rework, with a reason"],
    ] as const) {
      app.post(
        `/api/v1/plans/:id/${path}`,
        {
          schema: {
            tags: ["coordination"],
            summary: summaryText,
            params: idParams,
            body: versionBody.extend({ reason: z.string().trim().max(2000).optional() }),
            response: { 200: planSchema, ...errors },
          },
          config: { permission },
        },
        async (request) =>
          actOnPlan(deps, request.actor, metaOf(request), request.params.id, { action, ...request.body }),
      );
    }
  };
}
