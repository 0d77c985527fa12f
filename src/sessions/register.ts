// Wires sessions into the app: cookie parsing, the sign-in and sign-out routes.
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import { repeatWhileOpen } from "../http/periodic.ts";
import type { App, Services } from "../http/types.ts";
import { SESSION_COOKIE } from "./sessions.ts";
import { registerSignIn } from "./sign-in.ts";
import { registerSignOut } from "./sign-out.ts";

const SWEEP_EVERY_MS = 60 * 60 * 1000;

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
  // An idle session is dead already (see Sessions); this only reclaims its row.
  repeatWhileOpen(app, SWEEP_EVERY_MS, () => services.sessions.deleteIdle());
  await app.register(async (pages: App) => {
    // Forms post `application/x-www-form-urlencoded`; only here, the API still answers 415.
    await pages.register(formbody);
    registerSignIn(pages, services);
    registerSignOut(pages, services);
  });
}
