import { Type } from "typebox";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { EventSchema } from "../../schemas/event.ts";
import { findEvent } from "../../store/events.ts";

/** `GET /event/{id}/`. */
export function registerGetEvent(app: App, { store, clock }: Services): void {
  app.get(
    "/event/:id/",
    {
      schema: {
        operationId: "getEvent",
        summary: "Retrieve an event",
        tags: ["events"],
        params: Type.Object({ id: Type.String() }),
        querystring: ObjectQuery,
        response: { 200: EventSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const event = await findEvent(
        store.db,
        principalOf(request).organizationId,
        request.params.id,
        clock.now(),
      );
      if (!event) throw RosterError.notFound("Event");
      return event;
    },
  );
}
