import { RosterError } from "../../errors.ts";
import type { App, Services } from "../../http/types.ts";
import {
  AUTHORIZE_PARAMS,
  checkAuthorizeRequest,
  redirectWith,
} from "../../oauth/authorize-request.ts";
import { sendAuthorizeErrorPage } from "../../oauth/consent-page.ts";
import { issueCode } from "../../oauth/grants.ts";
import { readParams } from "../../oauth/params.ts";
import { sendSignInPage } from "../../sessions/page.ts";

/**
 * `POST /oauth2/authorize/`: the consent form's answer. The request it repeats is checked
 * again from scratch, the session and its CSRF token too; then "approve" sends the browser
 * back to the app with a code, "deny" with `access_denied` — both with the app's `state`.
 */
export function registerAuthorizeDecision(app: App, { store, clock, sessions }: Services): void {
  app.post(
    "/oauth2/authorize/",
    { config: { oauthErrors: true }, schema: { hide: true } },
    async (request, reply) => {
      const check = await checkAuthorizeRequest(store.db, request.body);
      if (!check.ok) {
        return "page" in check
          ? sendAuthorizeErrorPage(reply, check.page)
          : reply.redirect(check.redirect, 303);
      }
      const { request: authorization } = check;
      const principal = await sessions.current(request);
      if (!principal) {
        // The session ended while the form was open: sign in, then see the form again.
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(readParams(request.body, AUTHORIZE_PARAMS))) {
          if (value !== undefined) query.set(name, value);
        }
        return sendSignInPage(
          reply,
          { next: `/oauth2/authorize/?${query}`, purpose: "Your session ended. Sign in again." },
          401,
        );
      }
      try {
        sessions.assertCsrf(request);
      } catch (error) {
        if (!(error instanceof RosterError)) throw error;
        return sendAuthorizeErrorPage(
          reply,
          "This form was not sent from Roster's consent page (its CSRF token is missing or wrong).",
          403,
        );
      }
      let decision: string | undefined;
      try {
        decision = readParams(request.body, ["decision"]).decision;
      } catch {
        decision = undefined; // sent twice: neither answer counts
      }
      if (decision === "deny") {
        return reply.redirect(
          redirectWith(authorization.redirectUri, {
            error: "access_denied",
            error_description: "The person denied the request.",
            state: authorization.state,
          }),
          303,
        );
      }
      if (decision !== "approve") {
        return sendAuthorizeErrorPage(reply, "Choose Approve or Deny.");
      }
      let code: string;
      try {
        code = await store.write((tx) =>
          issueCode(
            tx,
            {
              clientId: authorization.app.client_id,
              membershipId: principal.membershipId,
              redirectUri: authorization.redirectUri,
              codeChallenge: authorization.codeChallenge,
            },
            clock.now(),
          ),
        );
      } catch (error) {
        if (!(error instanceof RosterError)) throw error;
        return sendAuthorizeErrorPage(reply, error.message);
      }
      return reply.redirect(
        redirectWith(authorization.redirectUri, { code, state: authorization.state }),
        303,
      );
    },
  );
}
