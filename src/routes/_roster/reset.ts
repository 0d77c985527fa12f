import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { CONTROL_SERVERS, CONTROL_TAG, EmptyObject } from "../../testing/schemas.ts";

/** `POST /_roster/reset`: the database as seeded, no faults, an empty journal, real time. */
export const registerReset: ControlRoute = (app, double) => {
  app.post(
    "/_roster/reset",
    {
      schema: {
        operationId: "resetDatabase",
        summary: "Reset the test double",
        description:
          "Puts the database back to its seeded state, clears fault rules and the journal, and returns the clock to real time.",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        response: { 200: EmptyObject, ...errorResponses(401) },
      },
    },
    async () => {
      await double.reset();
      return {};
    },
  );
};
