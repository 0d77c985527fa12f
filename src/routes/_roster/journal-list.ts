import { RosterError } from "../../errors.ts";
import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import {
  CONTROL_SERVERS,
  CONTROL_TAG,
  JournalQuery,
  JournalResponse,
} from "../../testing/schemas.ts";

/** `GET /_roster/journal?method=&route=&since=`: the recorded /api/v1/ requests, oldest first. */
export const registerListJournal: ControlRoute = (app, double) => {
  app.get(
    "/_roster/journal",
    {
      schema: {
        operationId: "listJournal",
        summary: "Read the request journal",
        description:
          "Every request to /api/v1/ with its method, path, route, query, headers (credentials redacted), body, status and response.",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        querystring: JournalQuery,
        response: { 200: JournalResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { since } = request.query;
      if (since !== undefined && Number.isNaN(Date.parse(since)))
        throw RosterError.validation({ since: "Must be an RFC 3339 time." });
      return { data: double.journal.list(request.query) };
    },
  );
};
