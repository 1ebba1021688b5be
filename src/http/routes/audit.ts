import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { signAuditHead } from "../../services/audit/head.service.js";
import { exportAudit, listAudit, verifyAuditFor } from "../../services/audit/viewer.service.js";
import type { Deps } from "../../services/context.js";
import { errorBodySchema } from "../errors.js";

const filterSchema = z.strictObject({
  actorId: z.uuid().optional(),
  actorLogin: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
type Filter = z.infer<typeof filterSchema>;
const toFilter = (q: Filter) => ({
  ...q,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLogin: z.string().nullable(),
    actorRole: z.string().nullable(),
    unitId: z.string().nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    address: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.unknown(),
  })
  .meta({ id: "AuditEntry" });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The audit viewer (C-3): entries of the caller's subtree, CSV export, chain verification, signed head. */
export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/audit",
      {
        schema: {
          tags: ["audit"],
          summary: "Audit entries (who, what, when, where), newest first, filtered",
          querystring: filterSchema,
          response: { 200: z.object({ items: z.array(entrySchema) }), ...errors },
        },
        config: { permission: "audit.read" },
      },
      async (request) => listAudit(deps, request.actor, toFilter(request.query)),
    );
    app.get(
      "/api/v1/audit/export",
      {
        schema: {
          tags: ["audit"],
          summary: "The same entries as CSV",
          querystring: filterSchema,
          produces: ["text/csv"],
          response: { 200: z.string(), ...errors },
        },
        config: { permission: "audit.read" },
      },
      async (request, reply) =>
        reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="audit.csv"')
          .send(await exportAudit(deps, request.actor, toFilter(request.query))),
    );
    app.get(
      "/api/v1/audit/verify",
      {
        schema: {
          tags: ["audit"],
          summary: "Walk the hash chain and report the first bad entry (system administrators)",
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number().int(),
              unsealed: z.number().int(),
              headHash: z.string(),
              firstBad: z.object({ seq: z.string(), auditId: z.string(), problem: z.string() }).optional(),
            }),
            ...errors,
          },
        },
        config: { permission: "audit.verify" },
      },
      async (request) => verifyAuditFor(deps, request.actor),
    );
    app.get(
      "/api/v1/audit/head",
      {
        schema: {
          tags: ["audit"],
          summary: "The newest signed chain head, for safekeeping elsewhere (Ed25519)",
          response: {
            200: z.object({
              seq: z.string(),
              hash: z.string(),
              signedAt: z.string(),
              keyId: z.string(),
              publicKey: z.string(),
              signature: z.string(),
            }),
            ...errors,
            404: errorBodySchema,
          },
        },
        config: { permission: "audit.read" },
      },
      async () => {
        const head = await signAuditHead(deps);
        if (!head) throw new AppError("NOT_FOUND");
        return head;
      },
    );
  };
}
