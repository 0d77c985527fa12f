import { RosterError } from "../../errors.ts";
import { errorResponses } from "../../schemas/common.ts";
import type { ControlRoute } from "../../testing/controls.ts";
import { ClockBody, ClockResponse, CONTROL_SERVERS, CONTROL_TAG } from "../../testing/schemas.ts";

/**
 * `POST /_roster/clock`: `{"advance_seconds": N}`, `{"set": "<RFC 3339>"}` or `{"real": true}`
 * moves the clock that expiries, rate-limit windows and webhook retries read; `{"now": ...}`.
 */
export const registerSetClock: ControlRoute = (app, double) => {
  app.post(
    "/_roster/clock",
    {
      schema: {
        operationId: "setClock",
        summary: "Move the clock",
        tags: [CONTROL_TAG],
        servers: CONTROL_SERVERS,
        body: ClockBody,
        response: { 200: ClockResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const body = request.body;
      const given = Object.keys(body);
      if (given.length !== 1)
        throw new RosterError("bad_request", "Send exactly one of advance_seconds, set, real.");
      let now: Date;
      if (body.advance_seconds !== undefined) {
        now = double.clock.advance(body.advance_seconds);
      } else if (body.set !== undefined) {
        if (
          !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(body.set) ||
          Number.isNaN(Date.parse(body.set))
        )
          throw RosterError.validation({ set: "Must be an RFC 3339 time." });
        now = double.clock.set(body.set);
      } else {
        now = double.clock.real();
      }
      return { now: now.toISOString() };
    },
  );
};
