// Cross-site request forgery defences for requests that a session cookie authenticates.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

/** The header a page's script sends its CSRF token in; forms send the field `_csrf`. */
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

/**
 * The session's CSRF token: an HMAC keyed by the session's own secret (a synchronizer token
 * that needs no storage). Only a page that was served to the session holder can know it; the
 * cookie itself is `HttpOnly`, so a script on another site can neither read nor derive it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("roster csrf v1").digest("base64url");
}

export function csrfTokenMatches(sessionToken: string, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The token a request presents: the header, else a form field. */
export function presentedCsrfToken(request: FastifyRequest): unknown {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === "string") return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  return body && typeof body === "object" ? body[CSRF_FIELD] : undefined;
}

/**
 * True when a browser says the request comes from another site: an `Origin` that is not this
 * server's, or `Sec-Fetch-Site: cross-site`. Clients that send neither (curl, SDKs) are not
 * browsers and carry no ambient cookie worth forging.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  if (request.headers["sec-fetch-site"] === "cross-site") return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    const ours = new URL(`${request.protocol}://${request.host}`);
    return new URL(origin).origin !== ours.origin;
  } catch {
    return true; // "null" and other opaque origins
  }
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
