import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, type ErrorKind } from "../core/errors.js";
import { pickLang } from "../core/i18n.js";
import { describeIssue, type IssueFacts, issueDetail } from "../core/validation-messages.js";

/** The one error shape of the API. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      /** For a refusal about one field: what is wrong with it, without the field, to show at the field. */
      reason: z.string().optional(),
      clause: z.string().optional(),
      details: z.array(z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Turns whatever a route threw into an AppError; unknown failures become INTERNAL. */
export function toAppError(err: unknown, request: FastifyRequest, bodyLimit: number): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const params = (first?.params ?? {}) as Omit<IssueFacts, "code" | "field">;
    const keys = first?.keyword === "unrecognized_keys" ? (params.keys ?? []) : [];
    const segments = (first?.instancePath ?? "").split("/").filter(Boolean);
    const field = [err.validationContext, ...segments, ...keys.slice(0, 1)].filter(Boolean).join(".");
    // A custom check's own texts (customMessage) travel in its params; other issues are described.
    const own = (params as { params?: Record<string, unknown> }).params;
    const detail = own?.text
      ? issueDetail({ code: "custom", params: own }, field)
      : describeIssue({ ...params, code: first?.keyword ?? "custom", field });
    return new AppError("VALIDATION_FAILED", { field, params: { detail } });
  }
  const fe = err as Partial<FastifyError>;
  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("MALFORMED_JSON");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return new AppError("BODY_TOO_LARGE", { params: { limit: bodyLimit } });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", {
        params: { type: String(request.headers["content-type"] ?? "") },
      });
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("MALFORMED_JSON");
  }
  // A value the database refuses as data (class 22: impossible date, out-of-range number, bad
  // encoding) is the caller's mistake that a schema missed: a 400, logged so the schema gets fixed.
  const sqlState = databaseErrorCode(err);
  if (sqlState?.startsWith("22")) {
    request.log.warn(
      { sqlState, route: request.routeOptions.url },
      "database refused a value: tighten the schema",
    );
    return new AppError("VALUE_REJECTED_BY_DATABASE");
  }
  // A unique key taken by a write that ran at the same moment (two sends with one Idempotency-Key,
  // say): the caller's retry finds the first one, so this is a conflict to retry, not a failure.
  if (sqlState === "23505") return new AppError("CONCURRENT_CHANGE");
  // Fastify's own 4xx (e.g. a bad content-length) stay client errors, with a generic message.
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError("VALIDATION_FAILED", { params: { detail: fe.message ?? "bad request" } });
  }
  return new AppError("INTERNAL", { params: { requestId: request.id } });
}

/** The SQLSTATE of a database error, also when wrapped (drizzle puts the driver's error in `cause`). */
function databaseErrorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Sends an error in the one shape, translated by Accept-Language; never a stack trace. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply, bodyLimit: number) {
  const appError = toAppError(err, request, bodyLimit);
  if (appError.kind === "internal") request.log.error({ err }, "unhandled error");
  const lang = pickLang(request.headers["accept-language"]);
  const reason = appError.reasonIn(lang);
  return reply.status(STATUS[appError.kind]).send({
    error: {
      code: appError.code,
      message: appError.messageIn(lang),
      ...(appError.field ? { field: appError.field } : {}),
      ...(reason ? { reason } : {}),
      ...(appError.clause ? { clause: appError.clause } : {}),
      ...(appError.details ? { details: appError.detailsIn(lang) } : {}),
    },
  });
}
