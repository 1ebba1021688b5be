import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor, RequestMeta } from "../services/context.js";

/** The session cookie's name. */
export const SESSION_COOKIE = "shekara_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, resolved by the auth hook; null for anonymous requests. */
    actor: Actor | null;
    /** The raw session token of this request, when one was presented. */
    sessionToken: string | undefined;
  }
}

/** Audit metadata of a request. */
export function metaOf(request: FastifyRequest): RequestMeta {
  return { address: request.ip, requestId: request.id };
}

/**
 * Sets the session cookie: httpOnly, SameSite=Strict, Secure behind TLS. Its lifetime is a Max-Age
 * relative to the server's clock rather than an Expires date, so a browser whose clock differs from
 * the server's neither drops a fresh session nor keeps one longer; the server enforces the timeouts.
 */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expires: Date,
  now: Date,
  secure: boolean,
): void {
  const maxAge = Math.max(0, Math.floor((expires.getTime() - now.getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
