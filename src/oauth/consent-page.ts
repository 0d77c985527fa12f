// The pages of the authorization flow: the consent form, and the error page shown instead of
// a redirect when the app or its redirect URI cannot be trusted.
import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";
import { csrfField, escapeHtml } from "../sessions/page.ts";
import type { AuthorizeRequest } from "./authorize-request.ts";

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:30rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:8px;
box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1rem}
ul{padding-left:1.2rem}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{padding:.55rem 1.2rem;font:inherit;border-radius:4px;cursor:pointer;border:1px solid #1d4ed8}
button[value=approve]{background:#1d4ed8;color:#fff}
button[value=deny]{background:#fff;color:#1d4ed8}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem;border-radius:4px}
code{background:#eef0f3;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
p.help{color:#374151;font-size:.9rem}
`;

const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/** Where a form may send the browser: here, and (by the redirect that follows) the app. */
function formTargets(redirectUri: string | undefined): string {
  if (redirectUri === undefined) return "'self'";
  const url = new URL(redirectUri);
  const target = url.protocol === "http:" || url.protocol === "https:" ? url.origin : url.protocol;
  return `'self' ${target}`;
}

/**
 * Sends a page of the flow: not cached, not framed (no clickjacking of the approve button),
 * no script at all, and forms only to Roster and, once approved or denied, the app. The
 * referrer policy is same-origin, not no-referrer: under no-referrer the browser posts the
 * form with `Origin: null`, which the CSRF check must refuse; the app still learns nothing.
 */
function sendPage(reply: FastifyReply, body: string, status: number, redirectUri?: string) {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Authorize an app · Roster</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return reply
    .code(status)
    .header("Content-Type", "text/html; charset=utf-8")
    .header("Cache-Control", "no-store")
    .header(
      "Content-Security-Policy",
      `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; ` +
        `form-action ${formTargets(redirectUri)}; frame-ancestors 'none'`,
    )
    .header("X-Frame-Options", "DENY")
    .header("X-Content-Type-Options", "nosniff")
    .header("Referrer-Policy", "same-origin")
    .send(html);
}

export interface ConsentView {
  request: AuthorizeRequest;
  userEmail: string;
  organizationName: string;
  csrfToken: string;
}

function hidden(name: string, value: string | null | undefined): string {
  return value == null ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

/** The consent form: which app, as whom, in which organization, for what; approve or deny. */
export function sendConsentPage(reply: FastifyReply, view: ConsentView): FastifyReply {
  const { request } = view;
  const app = escapeHtml(request.app.name);
  const target = new URL(request.redirectUri);
  const body = `<h1>Authorize ${app}</h1>
<p><strong>${app}</strong> asks for access to Roster as <strong>${escapeHtml(view.userEmail)}</strong>
in the organization <strong>${escapeHtml(view.organizationName)}</strong>.</p>
<p>If you approve, it may:</p>
<ul>
<li>read and change memberships, roles, users and the organization through the API, with your
permissions (<code>all.full_access</code>);</li>
<li>keep that access without asking again until you revoke it, an admin removes you from the
organization, or the app is deleted (<code>offline_access</code>).</li>
</ul>
<p class="help">You will then return to <code>${escapeHtml(target.host || target.protocol)}</code>.</p>
<form method="post" action="/oauth2/authorize/">
${csrfField(view.csrfToken)}
${hidden("client_id", request.app.client_id)}
${hidden("redirect_uri", request.redirectUri)}
${hidden("response_type", "code")}
${hidden("state", request.state)}
${hidden("code_challenge", request.codeChallenge)}
${hidden("code_challenge_method", request.codeChallenge === null ? null : "S256")}
<div class="actions">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`;
  return sendPage(reply, body, 200, request.redirectUri);
}

/** The request cannot go back to any app: say why, and redirect nowhere. */
export function sendAuthorizeErrorPage(
  reply: FastifyReply,
  message: string,
  status = 400,
): FastifyReply {
  const body = `<h1>This authorization request cannot be completed</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="help">Nothing was shared with the app. If you followed a link from an app, tell its
developers; the request they send must name a registered app and one of its redirect URIs,
exactly.</p>`;
  return sendPage(reply, body, status);
}
