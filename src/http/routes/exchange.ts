import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  COMPLIANCE_STATUSES,
  DEFAULT_EXCHANGE_RULES,
  EXCHANGE_CLASS_IDS,
} from "../../core/exchange/index.js";
import type { Deps } from "../../services/context.js";
import { complianceDashboard, dutyDay, markAlertRead } from "../../services/exchange/compliance.service.js";
import { receiveDelivery } from "../../services/exchange/inbound.service.js";
import {
  acknowledgeMessage,
  createMessage,
  getAttachment,
  getMessage,
  listMessages,
  requireExchangeReader,
} from "../../services/exchange/messages.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const translated = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const unitRef = z.object({
  unitId: z.string(),
  code: z.string(),
  agency: z.string(),
  nameKk: z.string(),
  nameRu: z.string(),
  nameEn: z.string().nullable(),
});
const obligationRef = z.object({
  id: z.string(),
  classId: z.string(),
  period: z.string(),
  clause: z.string(),
  opensAt: z.string(),
  dueAt: z.string(),
  deliveredAt: z.string().nullable(),
  role: z.enum(["CREATED", "DISCHARGED"]),
});
const messageSchema = z
  .object({
    id: z.string(),
    classId: z.string(),
    topic: z.string(),
    clause: z.string(),
    ruleVersion: z.number().int(),
    mode: z.string(),
    payload: z.record(z.string(), z.unknown()),
    freeText: z.string().nullable(),
    officialUse: z.boolean(),
    period: z.string().nullable(),
    eventAt: z.string().nullable(),
    confirmsId: z.string().nullable(),
    passedTo: z.string().nullable(),
    sentAt: z.string(),
    authorName: z.string().nullable(),
    origin: z.string(),
    isDemo: z.boolean(),
    sender: unitRef,
    addressees: z.array(
      unitRef.extend({
        kind: z.string(),
        acknowledgedAt: z.string().nullable(),
        acknowledgedByName: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int() }),
    ),
    obligations: z.array(obligationRef),
  })
  .meta({ id: "ExchangeMessage" });

const composeSchema = z
  .strictObject({
    classId: z.enum(EXCHANGE_CLASS_IDS),
    topic: z.string().min(1).max(100),
    mode: z.enum(["ORAL", "WRITTEN"]).default("WRITTEN"),
    payload: z.record(z.string(), z.unknown()),
    freeText: z.string().max(20_000).optional(),
    officialUse: z.boolean().optional(),
    period: z.string().max(20).optional(),
    eventAt: z.iso.datetime({ offset: true }).optional(),
    confirmsId: z.uuid().optional(),
    passedTo: z.string().max(300).optional(),
    passedAt: z.iso.datetime({ offset: true }).optional(),
    attachments: z
      .array(
        z.strictObject({
          fileName: z.string().trim().min(1).max(200),
          contentType: z.string().min(1).max(100),
          dataBase64: z.string().min(1),
        }),
      )
      .max(5)
      .optional(),
  })
  .meta({ id: "ExchangeCompose" });

const counts = z.object({
  total: z.number().int(),
  counts: z.record(z.enum(COMPLIANCE_STATUSES), z.number().int()),
  onTimeRate: z.number().nullable(),
});
const obligationItem = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitCode: z.string(),
    unitName: translated,
    agency: z.string(),
    level: z.number().int().nullable(),
    classId: z.string(),
    period: z.string(),
    clause: z.string(),
    opensAt: z.string(),
    dueAt: z.string(),
    deliveredAt: z.string().nullable(),
    deliveredMessageId: z.string().nullable(),
    sourceMessageId: z.string().nullable(),
    status: z.enum(COMPLIANCE_STATUSES),
    minutesOverdue: z.number().int().nullable(),
    escalatedAt: z.string().nullable(),
  })
  .meta({ id: "ExchangeObligation" });
const complianceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    asOf: z.string(),
    summary: counts,
    byUnit: z.array(
      counts.extend({
        unitId: z.string(),
        code: z.string(),
        agency: z.string(),
        level: z.number().int().nullable(),
        name: translated,
      }),
    ),
    byAgency: z.array(counts.extend({ agency: z.string() })),
    byLevel: z.array(counts.extend({ level: z.number().int().nullable() })),
    byClass: z.array(counts.extend({ classId: z.string() })),
    series: z.array(
      z.object({
        date: z.string(),
        onTime: z.number().int(),
        late: z.number().int(),
        missing: z.number().int(),
        onTimeRate: z.number().nullable(),
      }),
    ),
    late: z.array(obligationItem),
    missing: z.array(obligationItem),
  })
  .meta({ id: "ExchangeCompliance" });

const dutyDaySchema = z
  .object({
    unit: z.object({ id: z.string(), code: z.string(), name: translated, timeZone: z.string() }),
    localDate: z.string(),
    obligations: z.array(obligationItem),
    openConfirmations: z.array(obligationItem),
    alerts: z.array(
      z.object({ id: z.string(), kind: z.string(), createdAt: z.string(), obligation: obligationItem }),
    ),
  })
  .meta({ id: "ExchangeDutyDay" });

/** Inter-agency information exchange (X p.5): templates, messages, receipts, duty log, compliance, peer inbound. */
export function exchangeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/exchange/classes",
      {
        schema: {
          tags: ["exchange"],
          summary:
            "The five classes of X p.5 with their clauses, timings and message templates (rules as data)",
          response: {
            200: z
              .object({ items: z.array(z.record(z.string(), z.unknown())) })
              .meta({ id: "ExchangeClasses" }),
            ...errors,
          },
        },
      },
      async (request) => {
        requireExchangeReader(request.actor);
        return { items: DEFAULT_EXCHANGE_RULES.map((r) => ({ ...r })) };
      },
    );
    app.get(
      "/api/v1/exchange/messages",
      {
        schema: {
          tags: ["exchange"],
          summary:
            "Inbox (addressed to the actor's units), outbox (sent by them) or duty log (their oral entries)",
          querystring: z.strictObject({
            box: z.enum(["inbox", "outbox", "duty"]).default("inbox"),
            classId: z.enum(EXCHANGE_CLASS_IDS).optional(),
            before: z.iso.datetime({ offset: true }).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({ items: z.array(messageSchema), next: z.string().nullable() }),
            ...errors,
          },
        },
      },
      async (request) => listMessages(deps, request.actor, request.query),
    );
    app.post(
      "/api/v1/exchange/messages",
      {
        schema: {
          tags: ["exchange"],
          summary:
            "Send a written message, or record an oral one in the duty log (mode ORAL); an oral urgent notice creates its 2-hour written-confirmation obligation",
          description:
            "Send an Idempotency-Key header: a retry with the same key returns the first message (200) instead of sending a second.",
          headers: z.object({ "idempotency-key": z.string().min(8).max(100).optional() }),
          body: composeSchema,
          response: { 200: messageSchema, 201: messageSchema, ...errors },
        },
        bodyLimit: 40 * 1024 * 1024,
      },
      async (request, reply) => {
        const { message, created } = await createMessage(deps, request.actor, metaOf(request), {
          ...request.body,
          idempotencyKey: request.headers["idempotency-key"],
        });
        return reply.status(created ? 201 : 200).send(message);
      },
    );
    app.get(
      "/api/v1/exchange/messages/:id",
      {
        schema: {
          tags: ["exchange"],
          summary: "One message with its receipts and obligations (other units' messages answer 404)",
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: messageSchema, ...errors },
        },
      },
      async (request) => getMessage(deps, request.actor, request.params.id),
    );
    app.post(
      "/api/v1/exchange/messages/:id/ack",
      {
        schema: {
          tags: ["exchange"],
          summary: "Acknowledge receipt for the actor's unit (X-8)",
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: messageSchema, ...errors },
        },
      },
      async (request) => acknowledgeMessage(deps, request.actor, metaOf(request), request.params.id),
    );
    app.get(
      "/api/v1/exchange/messages/:id/attachments/:attachmentId",
      {
        schema: {
          tags: ["exchange"],
          summary: "Download an attachment of a visible message",
          params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const file = await getAttachment(deps, request.actor, request.params.id, request.params.attachmentId);
        return reply
          .type(file.contentType)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header("cache-control", "private, no-store")
          .send(file.bytes);
      },
    );
    app.get(
      "/api/v1/exchange/compliance",
      {
        schema: {
          tags: ["exchange"],
          summary:
            "Compliance dashboard of the actor's subtree: on time, late, missing per unit, agency, level and class, over local dates",
          querystring: z.strictObject({
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
            classId: z.enum(EXCHANGE_CLASS_IDS).optional(),
            unitId: z.uuid().optional(),
          }),
          response: { 200: complianceSchema, ...errors },
        },
      },
      async (request) => complianceDashboard(deps, request.actor, request.query),
    );
    app.get(
      "/api/v1/exchange/duty-day",
      {
        schema: {
          tags: ["exchange"],
          summary: "The duty officer's day: today's windows, open urgent confirmations and overdue alerts",
          response: { 200: dutyDaySchema, ...errors },
        },
      },
      async (request) => dutyDay(deps, request.actor),
    );
    app.post(
      "/api/v1/exchange/alerts/:id/read",
      {
        schema: {
          tags: ["exchange"],
          summary: "Mark an overdue alert of the actor's unit as read (X-8); it stays on the dashboards",
          params: z.strictObject({ id: z.uuid() }),
          response: {
            200: z.object({ id: z.uuid(), readAt: z.iso.datetime() }).meta({ id: "ExchangeAlertRead" }),
            ...errors,
          },
        },
      },
      async (request) => markAlertRead(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/exchange/inbound",
      {
        schema: {
          tags: ["exchange"],
          summary:
            "Receive a delivery from a peer system: Ed25519-signed (x-shekara-peer, x-shekara-signature), applied once per message id",
          security: [],
          body: z.record(z.string(), z.unknown()),
          response: {
            200: z
              .object({ status: z.enum(["applied", "duplicate"]), id: z.string() })
              .meta({ id: "ExchangeReceipt" }),
            ...errors,
          },
        },
        // Five attachments of 5 MB travel inline as base64.
        bodyLimit: 40 * 1024 * 1024,
        config: { public: true },
      },
      async (request) =>
        receiveDelivery(
          deps,
          metaOf(request),
          {
            peer: headerOf(request.headers["x-shekara-peer"]),
            signature: headerOf(request.headers["x-shekara-signature"]),
          },
          request.body,
        ),
    );
  };
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
