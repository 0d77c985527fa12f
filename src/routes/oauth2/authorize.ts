import type { App, Services } from "../../http/types.ts";
import { checkAuthorizeRequest } from "../../oauth/authorize-request.ts";
import { sendAuthorizeErrorPage, sendConsentPage } from "../../oauth/consent-page.ts";
import { sendSignInPage } from "../../sessions/page.ts";
import { findOrganization } from "../../store/organizations.ts";
import { findUser } from "../../store/users.ts";

/**
 * `GET /oauth2/authorize/`: an app sends a person here. A request that names no known app,
 * or a redirect URI not registered for it exactly, gets an error page (never a redirect);
 * other problems go back to the app as RFC 6749 errors. A person not signed in signs in
 * first (and comes back here); a signed-in one sees the consent form.
 */
export function registerAuthorize(app: App, { store, sessions }: Services): void {
  app.get(
    "/oauth2/authorize/",
    { config: { oauthErrors: true }, schema: { hide: true } },
    async (request, reply) => {
      const check = await checkAuthorizeRequest(store.db, request.query);
      if (!check.ok) {
        return "page" in check
          ? sendAuthorizeErrorPage(reply, check.page)
          : reply.redirect(check.redirect, 302);
      }
      const principal = await sessions.current(request);
      const csrfToken = sessions.csrfToken(request);
      if (!principal || csrfToken === null) {
        return sendSignInPage(
          reply,
          {
            next: request.url,
            purpose: `${check.request.app.name} asks for access to Roster. Sign in to choose whether to allow it.`,
          },
          401,
        );
      }
      const [user, organization] = await Promise.all([
        findUser(store.db, principal.userId),
        findOrganization(store.db, principal.organizationId),
      ]);
      return sendConsentPage(reply, {
        request: check.request,
        userEmail: user?.email ?? principal.userId,
        organizationName: organization?.name ?? principal.organizationId,
        csrfToken,
      });
    },
  );
}
