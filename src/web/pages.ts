// The team page's server side: a small HTML shell per page; the browser bundle fills it from the API.
import type { FastifyReply, FastifyRequest } from "fastify";
import { MANAGE_ORGANIZATION } from "../domain/permissions.ts";
import type { App, Services } from "../http/types.ts";
import { csrfField, escapeHtml, PAGE_ROUTE, sendHtml } from "../sessions/page.ts";
import { type Asset, loadWebAssets } from "./assets.ts";

const PAGES = {
  team: { path: "/app/", title: "Team" },
  roles: { path: "/app/roles/", title: "Roles" },
  activity: { path: "/app/activity/", title: "Activity" },
} as const;

type PageName = keyof typeof PAGES;

function shell(page: PageName, data: Record<string, string>, csrf: string): string {
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join("");
  const nav = Object.entries(PAGES)
    .map(
      ([name, { path, title }]) =>
        `<a href="${path}"${name === page ? ' aria-current="page"' : ""}>${title}</a>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGES[page].title} · Roster</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app/assets/app.css">
<script type="module" src="/app/assets/app.js"></script>
</head>
<body data-page="${page}"${attributes}>
<a class="skip" href="#main">Skip to content</a>
<header>
<span class="brand">Roster</span>
<nav aria-label="Main">${nav}</nav>
<form method="post" action="/app/sign-out" class="sign-out">${csrfField(csrf)}<button type="submit">Sign out</button></form>
</header>
<main id="main" tabindex="-1">
<h1>${PAGES[page].title}</h1>
<p id="status" role="status" aria-live="polite"></p>
<div id="view"><noscript>This page needs JavaScript; the same data is at <code>/api/v1/</code>.</noscript></div>
</main>
</body>
</html>
`;
}

export function registerWebPages(app: App, { sessions }: Services): void {
  for (const [name, { path }] of Object.entries(PAGES) as Array<[PageName, { path: string }]>) {
    app.get(path, PAGE_ROUTE, async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = await sessions.require(request, reply);
      if (!principal) return reply;
      const csrf = sessions.csrfToken(request) as string;
      const data = {
        csrf,
        membership: principal.membershipId,
        organization: principal.organizationId,
        manage: String(principal.permissions.includes(MANAGE_ORGANIZATION)),
      };
      return sendHtml(reply, shell(name, data, csrf));
    });
  }

  let assets: Promise<Map<string, Asset>> | undefined;
  app.get("/app/assets/:name", PAGE_ROUTE, async (request, reply) => {
    assets ??= loadWebAssets();
    const found = (await assets).get((request.params as { name: string }).name);
    if (!found) return reply.code(404).send({ error: "Not found." });
    reply.header("ETag", found.etag).header("Cache-Control", "no-cache");
    if (request.headers["if-none-match"] === found.etag) return reply.code(304).send();
    return reply.type(found.type).send(found.body);
  });
}
