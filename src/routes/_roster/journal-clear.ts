import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { CONTROL_SERVERS, CONTROL_TAG, EmptyObject } from "../../testing/schemas.ts";

/** `DELETE /_roster/journal`: empties the journal; `{}`. */
export const registerClearJournal: ControlRoute = (app, double) => {
  app.delete(
    "/_roster/journal",
    {
      schema: {
        operationId: "clearJournal",
        summary: "Empty the request journal",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        response: { 200: EmptyObject, ...errorResponses(401) },
      },
    },
    async () => {
      double.journal.clear();
      return {};
    },
  );
};
