// Wires sessions into the app: cookie parsing, the sign-in and sign-out routes.
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { App, Services } from "../http/types.ts";
import { SESSION_COOKIE } from "./sessions.ts";
import { registerSignIn } from "./sign-in.ts";
import { registerSignOut } from "./sign-out.ts";

export async function registerSessions(app: App, services: Services): Promise<void> {
  await app.register(cookie);
  // A browser answers a Basic challenge with its own password dialog; a page whose session
  // ended handles the 401 itself (it shows the sign-in page). API clients send no cookie.
  app.addHook("onSend", async (request, reply) => {
    // `cookies` is unset when the request was answered before the cookie parser ran (a
    // URL that does not decode, a missing Host): those answers must not turn into a crash.
    if (request.headers.authorization === undefined && request.cookies?.[SESSION_COOKIE]) {
      reply.removeHeader("WWW-Authenticate");
    }
  });
  await app.register(async (pages: App) => {
    // Forms post `application/x-www-form-urlencoded`; only here, the API still answers 415.
    await pages.register(formbody);
    registerSignIn(pages, services);
    registerSignOut(pages, services);
  });
}
