import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ACT_STATUSES, HANDOVER_KIND_CODES } from "../../core/coordination/index.js";
import { isLang, pickLang } from "../../core/i18n.js";
import type { Deps } from "../../services/context.js";
import {
  actLineSchema,
  actOnAct,
  createAct,
  custodyChain,
  getAct,
  itemsInCustody,
  listActs,
  personSchema,
  receiverUnits,
} from "../../services/coordination/handovers.service.js";
import { actPdf } from "../../services/coordination/pdf.service.js";
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

const unitRef = z.object({
  unitId: z.uuid(),
  code: z.string(),
  nameKk: z.string(),
  nameRu: z.string(),
  nameEn: z.string().nullable(),
  agency: z.string(),
});
const signature = z.object({ name: z.string(), at: z.string() }).nullable();
const itemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(HANDOVER_KIND_CODES),
    description: z.string(),
    quantity: z.string(),
    person: personSchema.nullable(),
    custodianUnitId: z.uuid(),
    pendingActId: z.uuid().nullable(),
    discrepancy: z.string().nullable().optional(),
  })
  .meta({ id: "HandoverItem" });
const actBase = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(ACT_STATUSES),
  place: z.string(),
  basis: z.string(),
  clause: z.string(),
  giver: unitRef,
  receiver: unitRef,
  giverSignature: signature,
  receiverSignature: signature,
  contentHash: z.string().nullable(),
  closingNote: z.string().nullable(),
  createdAt: z.string(),
  isDemo: z.boolean(),
});
const actSchema = actBase
  .extend({ items: z.array(itemSchema), allowed: z.array(z.string()) })
  .meta({ id: "HandoverAct" });

/** Handover acts and the chain of custody (X-12, X p.9.6, p.10.3). */
export function handoverRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/handovers",
      {
        schema: {
          tags: ["coordination"],
          summary: "Acts the actor's unit subtree gave or received, newest first",
          querystring: z.strictObject({ status: z.enum(ACT_STATUSES).optional() }),
          response: { 200: z.array(actBase.meta({ id: "HandoverActSummary" })), ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => listActs(deps, request.actor, request.query),
    );
    app.post(
      "/api/v1/handovers",
      {
        schema: {
          tags: ["coordination"],
          summary: "Draw up an act from the actor's unit to another agency's unit, with its inventory",
          description:
            "Send an Idempotency-Key header: a retry with the same key returns the first act instead of drawing up a second.",
          headers: z.object({ "idempotency-key": z.string().min(8).max(100).optional() }),
          body: z.strictObject({
            receiverUnitId: z.uuid(),
            place: z.string().trim().min(1).max(300),
            basis: z.string().trim().min(1).max(1000),
            items: z.array(actLineSchema).min(1).max(200),
          }),
          response: { 200: actSchema, ...errors },
        },
        config: { permission: "handovers.manage" },
      },
      async (request) =>
        createAct(deps, request.actor, metaOf(request), {
          ...request.body,
          idempotencyKey: request.headers["idempotency-key"],
        }),
    );
    app.get(
      "/api/v1/handovers/receivers",
      {
        schema: {
          tags: ["coordination"],
          summary: "Units of the other checkpoint agencies an act may be addressed to",
          response: {
            200: z.array(
              z.object({
                id: z.uuid(),
                code: z.string(),
                agency: z.string(),
                nameKk: z.string(),
                nameRu: z.string(),
                nameEn: z.string().nullable(),
              }),
            ),
            ...errors,
          },
        },
        config: { permission: "handovers.manage" },
      },
      async (request) => receiverUnits(deps, request.actor),
    );
    app.get(
      "/api/v1/handovers/custody",
      {
        schema: {
          tags: ["coordination"],
          summary: "Persons and items in the custody of the actor's unit",
          response: { 200: z.array(itemSchema), ...errors },
        },
        config: { permission: "handovers.manage" },
      },
      async (request) => itemsInCustody(deps, request.actor),
    );
    app.get(
      "/api/v1/handovers/items/:id/chain",
      {
        schema: {
          tags: ["coordination"],
          summary: "The chain of custody of an item, as far as the actor's scope reaches",
          params: idParams,
          response: {
            200: z.object({
              item: itemSchema,
              chain: z.array(
                z.object({
                  seq: z.number().int(),
                  fromUnitId: z.uuid().nullable(),
                  toUnitId: z.uuid(),
                  toCode: z.string(),
                  actId: z.uuid().nullable(),
                  actNumber: z.string().nullable(),
                  at: z.string(),
                }),
              ),
            }),
            ...errors,
          },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => custodyChain(deps, request.actor, request.params.id),
    );
    app.get(
      "/api/v1/handovers/:id",
      {
        schema: {
          tags: ["coordination"],
          summary: "One act with its inventory",
          params: idParams,
          response: { 200: actSchema, ...errors },
        },
        config: { permission: "coordination.read" },
      },
      async (request) => getAct(deps, request.actor, metaOf(request), request.params.id),
    );
    app.get(
      "/api/v1/handovers/:id/pdf",
      {
        schema: {
          tags: ["coordination"],
          summary: "The act as a printable PDF",
          params: idParams,
          querystring: z.strictObject({ lang: z.enum(["kk", "ru", "en"]).optional() }),
          produces: ["application/pdf"],
        },
        config: { permission: "coordination.read" },
      },
      async (request, reply) => {
        const lang = request.query.lang ?? pickLang(request.headers["accept-language"]);
        const { pdf, number } = await actPdf(
          deps,
          request.actor,
          metaOf(request),
          request.params.id,
          isLang(lang) ? lang : "kk",
        );
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="act-${encodeURIComponent(number)}.pdf"`)
          .header("cache-control", "private, no-store")
          .send(pdf);
      },
    );
    const actions = [
      ["sign-give", "SIGN_GIVE", "The giving officer signs the act"],
      ["sign-receive", "SIGN_RECEIVE", "The receiving officer signs: custody moves to the receiving unit"],
      ["refuse", "REFUSE", "The receiving officer refuses the act, with a reason"],
      ["cancel", "CANCEL", "The giving unit cancels an act not yet received"],
    ] as const;
    for (const [path, action, summary] of actions) {
      app.post(
        `/api/v1/handovers/:id/${path}`,
        {
          schema: {
            tags: ["coordination"],
            summary,
            params: idParams,
            body: z.strictObject({
              contentHash: z
                .string()
                .regex(/^[0-9a-f]{64}$/)
                .optional(),
              reason: z.string().trim().max(2000).optional(),
              discrepancies: z
                .array(z.strictObject({ itemId: z.uuid(), note: z.string().trim().min(1).max(1000) }))
                .max(200)
                .optional(),
            }),
            response: { 200: actSchema, ...errors },
          },
          config: { permission: "handovers.manage" },
        },
        async (request) =>
          actOnAct(deps, request.actor, metaOf(request), request.params.id, { action, ...request.body }),
      );
    }
  };
}
