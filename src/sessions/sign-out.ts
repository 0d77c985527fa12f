// `POST /app/sign-out` ends the browser's session.

import type { App, Services } from "../http/types.ts";
import { PAGE_ROUTE } from "./page.ts";

export function registerSignOut(app: App, { sessions }: Services): void {
  app.post("/app/sign-out", PAGE_ROUTE, async (request, reply) => {
    // Only the page itself may sign its holder out; without a live session there is nothing
    // to protect, and the cookie is cleared all the same.
    if (await sessions.current(request)) sessions.assertCsrf(request);
    await sessions.signOut(request, reply);
    if ((request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      return reply.redirect("/app/", 303);
    }
    return {};
  });
}
