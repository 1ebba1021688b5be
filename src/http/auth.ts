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

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure behind TLS. */
export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure, path: "/", expires });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
