import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { CONTROL_SERVERS, CONTROL_TAG, FaultRulesResponse } from "../../testing/schemas.ts";

/** `GET /_roster/faults`: the rules in force, with how often each has fired. */
export const registerListFaults: ControlRoute = (app, double) => {
  app.get(
    "/_roster/faults",
    {
      schema: {
        operationId: "listFaults",
        summary: "List the fault rules",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        response: { 200: FaultRulesResponse, ...errorResponses(401) },
      },
    },
    async () => ({ rules: double.faults.list() }),
  );
};
