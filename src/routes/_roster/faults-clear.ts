import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { CONTROL_SERVERS, CONTROL_TAG, EmptyObject } from "../../testing/schemas.ts";

/** `DELETE /_roster/faults`: no more faults; `{}`. */
export const registerClearFaults: ControlRoute = (app, double) => {
  app.delete(
    "/_roster/faults",
    {
      schema: {
        operationId: "clearFaults",
        summary: "Clear the fault rules",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        response: { 200: EmptyObject, ...errorResponses(401) },
      },
    },
    async () => {
      double.faults.clear();
      return {};
    },
  );
};
