// `GET /app/sign-in` shows the sign-in form; `POST /app/sign-in` turns an API key into a session.
import type { FastifyRequest } from "fastify";
import { RosterError } from "../errors.ts";
import type { App, Services } from "../http/types.ts";
import { isCrossSite } from "./csrf.ts";
import { PAGE_ROUTE, sendSignInPage } from "./page.ts";
import { safeReturnPath } from "./return-path.ts";

function isForm(request: FastifyRequest): boolean {
  return (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
}

export function registerSignIn(app: App, { sessions }: Services): void {
  app.get("/app/sign-in", PAGE_ROUTE, async (request, reply) => {
    const next = (request.query as Record<string, unknown>).next;
    if (await sessions.current(request)) return reply.redirect(safeReturnPath(next), 303);
    return sendSignInPage(reply, { next: typeof next === "string" ? next : undefined });
  });

  app.post("/app/sign-in", PAGE_ROUTE, async (request, reply) => {
    // A forged sign-in would put the victim into the attacker's account ("login CSRF").
    if (isCrossSite(request)) throw new RosterError("forbidden", "Cross-site sign-in refused.");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = isForm(request);
    const next = safeReturnPath(body.next);
    const apiKey = body.api_key;
    if (typeof apiKey !== "string" || apiKey.trim() === "") {
      if (form) return sendSignInPage(reply, { next, error: "Enter your API key." }, 400);
      throw RosterError.validation({ api_key: "This field is required." });
    }
    try {
      const { principal, csrfToken } = await sessions.signIn(request, reply, apiKey);
      if (form) return reply.redirect(next, 303);
      return {
        membership_id: principal.membershipId,
        organization_id: principal.organizationId,
        user_id: principal.userId,
        csrf_token: csrfToken,
      };
    } catch (error) {
      if (!form || !(error instanceof RosterError) || error.code !== "unauthorized") throw error;
      return sendSignInPage(
        reply,
        { next, error: `That API key was not accepted. ${error.message}` },
        401,
      );
    }
  });
}
