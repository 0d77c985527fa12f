// The sign-in page, and how every server-rendered page is sent (escaping and security headers).
import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";
import { CSRF_FIELD } from "./csrf.ts";
import { safeReturnPath } from "./return-path.ts";

/** Route options for pages and their assets: not part of the API, so not in the OpenAPI document. */
export const PAGE_ROUTE = { schema: { hide: true } };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const SIGN_IN_STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:26rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:8px;
box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{width:100%;box-sizing:border-box;padding:.55rem;font:inherit;border:1px solid #6b7280;
border-radius:4px}
button{margin-top:1rem;padding:.55rem 1.2rem;font:inherit;background:#1d4ed8;color:#fff;
border:0;border-radius:4px;cursor:pointer}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.error{background:#fde8e8;color:#8a1c1c;padding:.6rem;border-radius:4px}
code{background:#eef0f3;padding:.1rem .3rem;border-radius:3px}
p.help{color:#374151;font-size:.9rem}
`;

/** Inline styles are allowed by hash only, so the page needs no asset and no `unsafe-inline`. */
const SIGN_IN_STYLE_HASH = `'sha256-${createHash("sha256").update(SIGN_IN_STYLE).digest("base64")}'`;

/**
 * Sends a server-rendered page: no caching (it shows private data), no framing, scripts and
 * styles only from this server (plus the listed inline-style hashes).
 */
export function sendHtml(
  reply: FastifyReply,
  html: string,
  status = 200,
  styleHashes: readonly string[] = [],
): FastifyReply {
  return reply
    .code(status)
    .header("Content-Type", "text/html; charset=utf-8")
    .header("Cache-Control", "no-store")
    .header(
      "Content-Security-Policy",
      `default-src 'self'; style-src 'self' ${styleHashes.join(" ")}; img-src 'self' data:; ` +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    .header("X-Frame-Options", "DENY")
    .header("X-Content-Type-Options", "nosniff")
    .header("Referrer-Policy", "same-origin")
    .send(html);
}

export interface SignInPageOptions {
  /** Where to go after signing in; anything but a same-origin path becomes the team page. */
  next?: string;
  /** Shown above the form, e.g. after a refused key. */
  error?: string;
  /** A line under the heading saying what the sign-in is for (e.g. an app asking for access). */
  purpose?: string;
}

export function renderSignInPage(options: SignInPageOptions = {}): string {
  const next = safeReturnPath(options.next);
  const error = options.error
    ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>`
    : "";
  const purpose = options.purpose ? `<p>${escapeHtml(options.purpose)}</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Roster</title>
<style>${SIGN_IN_STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to Roster</h1>
${purpose}${error}
<form method="post" action="/app/sign-in">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="api_key">API key</label>
<input id="api_key" name="api_key" type="password" autocomplete="off" required autofocus
${error ? 'aria-describedby="sign-in-error" aria-invalid="true"' : ""}>
<button type="submit">Sign in</button>
</form>
<p class="help">Sign in with your Roster API key, the same one you use with the API. An
operator creates one with <code>npx roster key create --membership memb_…</code>; the demo
prints one when the server starts.</p>
</main>
</body>
</html>
`;
}

export function sendSignInPage(
  reply: FastifyReply,
  options: SignInPageOptions,
  status = 200,
): FastifyReply {
  return sendHtml(reply, renderSignInPage(options), status, [SIGN_IN_STYLE_HASH]);
}

/** A hidden form field carrying the CSRF token, for server-rendered forms. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(token)}">`;
}
