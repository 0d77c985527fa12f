import type { FastifyInstance } from "fastify";
import FindMyWay, { type HTTPMethod } from "find-my-way";
import { RosterError } from "../errors.ts";
import { sendError } from "./errors.ts";

const METHODS: HTTPMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Close's answers for paths Roster does not route: 405 when the path exists under another
 * method, 404 otherwise, both with `{"error": ...}`. Every registered route is mirrored in a
 * method-agnostic index so the two cases can be told apart.
 */
export function registerUnroutedAnswers(app: FastifyInstance): void {
  const paths = FindMyWay({ ignoreTrailingSlash: true });
  const indexed = new Set<string>();
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat() as HTTPMethod[]) {
      const key = `${method} ${route.url.replace(/\/$/, "")}`;
      if (indexed.has(key)) continue;
      indexed.add(key);
      paths.on(method, route.url, () => {});
    }
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = METHODS.filter(
      (method) => method !== request.method && paths.find(method, path),
    );
    if (allowed.length > 0) {
      reply.header("Allow", allowed.join(", "));
      return sendError(
        reply,
        new RosterError("method_not_allowed", `Method "${request.method}" not allowed.`),
      );
    }
    return sendError(reply, new RosterError("not_found", "Not found."));
  });
}
