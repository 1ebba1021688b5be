import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../services/context.js";
import { caseScreening, reviewCaseCandidate } from "../../services/passes/screening.service.js";
import { recordInputSchema } from "../../services/screening/records.service.js";
import { metaOf } from "../auth.js";
import { errorBodySchema } from "../errors.js";
import { idParams } from "../schemas.js";
import { checkResultSchema } from "./screening.js";

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

const reviewSchema = z.object({
  id: z.string(),
  recordId: z.string(),
  decision: z.enum(["CONFIRMED", "DISMISSED"]),
  reason: z.string(),
  createdAt: z.string(),
});

const caseScreeningSchema = z
  .object({
    exempt: z.boolean(),
    clause: z.string(),
    subject: z.object({
      name: z.string(),
      birthDate: z.string().optional(),
      iin: z.string().optional(),
      documentNumber: z.string().optional(),
    }),
    subjectHash: z.string(),
    candidates: checkResultSchema.shape.candidates,
    dismissed: z.number().int(),
    reviews: z.array(reviewSchema),
  })
  .meta({ id: "CaseScreening" });

/** The records check step of a pass case (Z-18, Z p.30): the applicant's candidates and reviews. */
export function caseScreeningRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/applications/:id/screening",
      {
        schema: {
          tags: ["passes", "screening"],
          summary:
            "Screen the applicant of a case: candidates best first with explanations, and reviews taken (children under 16 are not screened)",
          params: idParams,
          response: { 200: caseScreeningSchema, ...errors },
        },
        config: { permission: "applications.check" },
      },
      async (request) => caseScreening(deps, request.actor, metaOf(request), request.params.id),
    );
    app.post(
      "/api/v1/applications/:id/screening/reviews",
      {
        schema: {
          tags: ["passes", "screening"],
          summary: "Confirm or dismiss a candidate for the applicant of a case (a screening review)",
          params: idParams,
          body: z.strictObject({
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
          },
        },
        config: { permission: "applications.check" },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await reviewCaseCandidate(deps, request.actor, metaOf(request), request.params.id, request.body),
          ),
    );
  };
}
