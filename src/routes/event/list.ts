import { formatTimestamp } from "../../domain/time.ts";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import { parseLimit } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { EVENT_PAGE_MAX, EventListQuery, EventPageSchema } from "../../schemas/event.ts";
import { type EventCursor, type EventFilter, listEvents } from "../../store/events.ts";

function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.date_created, cursor.id])).toString("base64url");
}

function decodeCursor(raw: string): EventCursor {
  try {
    const [date_created, id] = JSON.parse(
      Buffer.from(raw, "base64url").toString("utf8"),
    ) as unknown[];
    if (typeof date_created === "string" && typeof id === "string") return { date_created, id };
  } catch {
    // fall through to the 400
  }
  throw RosterError.validation({ _cursor: "Invalid cursor." });
}

/** `GET /event/`: the organization's event log, newest first, paged by cursor. */
export function registerListEvents(app: App, { store, clock }: Services): void {
  app.get(
    "/event/",
    {
      schema: {
        summary: "List events",
        tags: ["events"],
        querystring: EventListQuery,
        response: { 200: EventPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { _cursor, _limit, _fields: _ignored, ...given } = request.query;
      const filter: EventFilter = { ...given };
      // Stored timestamps are fixed-width text; compare against the same form.
      for (const key of [
        "date_updated__gt",
        "date_updated__gte",
        "date_updated__lt",
        "date_updated__lte",
      ] as const) {
        const value = given[key];
        if (value !== undefined) filter[key] = formatTimestamp(new Date(value));
      }
      const limit = parseLimit(_limit, EVENT_PAGE_MAX);
      const events = await listEvents(
        store.db,
        principalOf(request).organizationId,
        filter,
        _cursor === undefined ? undefined : decodeCursor(_cursor),
        limit + 1,
        clock.now(),
      );
      const page = events.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page,
        cursor_next: events.length > limit && last ? encodeCursor(last) : null,
        cursor_previous: null,
      };
    },
  );
}
