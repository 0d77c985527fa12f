import { RosterError } from "../../errors.ts";
import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { FaultRuleError } from "../../testing/faults.ts";
import {
  CONTROL_SERVERS,
  CONTROL_TAG,
  FaultRulesBody,
  FaultRulesResponse,
} from "../../testing/schemas.ts";

/** `PUT /_roster/faults`: replaces the fault rules; answers the stored rules with their IDs. */
export const registerReplaceFaults: ControlRoute = (app, double) => {
  app.put(
    "/_roster/faults",
    {
      schema: {
        operationId: "replaceFaults",
        summary: "Set the fault rules",
        description:
          "Each rule matches a method and a route (OpenAPI `{param}` form) and answers with a status, adds latency, or drops the connection, before or after the write commits, `count` times or with a `probability` (drawn from `seed` when given).",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        body: FaultRulesBody,
        response: { 200: FaultRulesResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      try {
        return { rules: double.faults.set(request.body.rules, { seed: request.body.seed }) };
      } catch (error) {
        if (error instanceof FaultRuleError)
          throw RosterError.validation({ [error.field]: error.message });
        throw error;
      }
    },
  );
};
