import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.js";
import { actorFromSession } from "../services/auth/session.service.js";
import { actorFromApiToken } from "../services/auth/tokens.service.js";
import type { Deps } from "../services/context.js";
import { SESSION_COOKIE } from "./auth.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The API token this request authenticated with; undefined for cookie sessions and anonymous calls. */
    apiTokenId: string | undefined;
  }
}

/** The token of an `Authorization: Bearer …` header; undefined when there is none. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Resolves who is calling: an API token (`Authorization: Bearer`) takes precedence over the session
 * cookie. Returns the error to answer when a bearer token was presented but is not valid, so a client
 * learns its token is the problem rather than being told to sign in.
 */
export async function resolveCaller(
  deps: Pick<Deps, "database" | "clock" | "config">,
  request: FastifyRequest,
): Promise<AppError | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const bearer = bearerOf(header);
    const resolved = bearer ? await actorFromApiToken(deps, bearer) : null;
    if (!resolved) return new AppError("TOKEN_INVALID");
    request.actor = resolved.actor;
    request.apiTokenId = resolved.tokenId;
    return null;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    request.sessionToken = token;
    request.actor = await actorFromSession(deps, token);
  }
  return null;
}
