import { isIdOf } from "../../domain/ids.ts";
import { isPlainText } from "../../domain/text.ts";
import { isStoredTimestamp, parseTimestamp } from "../../domain/time.ts";
import { type FieldErrors, RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import { parseLimit } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { EVENT_PAGE_MAX, EventListQuery, EventPageSchema } from "../../schemas/event.ts";
import { type EventCursor, type EventFilter, listEvents } from "../../store/events.ts";

/** `older` pages on past `at`, `newer` pages back from it; older cursors have no third entry. */
function encodeCursor(at: { date_created: string; id: string }, direction: "older" | "newer") {
  const position = [at.date_created, at.id, ...(direction === "newer" ? ["newer"] : [])];
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** A cursor this server gave out, or a 400: what it decodes to goes into a query. */
function decodeCursor(raw: string): EventCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    const [date_created, id, direction] = Array.isArray(decoded) ? decoded : [];
    if (
      typeof date_created === "string" &&
      typeof id === "string" &&
      isStoredTimestamp(date_created) &&
      isIdOf("event", id) &&
      (direction === undefined || direction === "newer")
    )
      return { date_created, id, direction: direction ?? "older" };
  } catch {
    // fall through to the 400
  }
  throw RosterError.validation({ _cursor: "Invalid cursor." });
}

const DATE_FILTERS = [
  "date_updated__gt",
  "date_updated__gte",
  "date_updated__lt",
  "date_updated__lte",
] as const;

/** Filters compared for equality; a value with a control character matches no stored event. */
const EQUALITY_FILTERS = ["object_type", "object_id", "action", "user_id", "request_id"] as const;

const EMPTY_PAGE = { data: [], cursor_next: null, cursor_previous: null };

/**
 * `GET /event/`: the organization's event log, newest first, paged by cursor both ways:
 * `cursor_next` to older events, `cursor_previous` back to newer ones.
 */
export function registerListEvents(app: App, { store, clock }: Services): void {
  app.get(
    "/event/",
    {
      schema: {
        operationId: "listEvents",
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
      const badDates: FieldErrors = {};
      for (const key of DATE_FILTERS) {
        const value = given[key];
        if (value === undefined) continue;
        const stamp = parseTimestamp(value);
        if (stamp === undefined) badDates[key] = "Not a valid date and time.";
        else filter[key] = stamp;
      }
      if (Object.keys(badDates).length > 0) throw RosterError.validation(badDates);
      const limit = parseLimit(_limit, EVENT_PAGE_MAX);
      const cursor = _cursor === undefined ? undefined : decodeCursor(_cursor);
      if (EQUALITY_FILTERS.some((key) => !isPlainText(given[key] ?? ""))) return EMPTY_PAGE;
      const events = await listEvents(
        store.db,
        principalOf(request).organizationId,
        filter,
        cursor,
        limit + 1,
        clock.now(),
      );
      const more = events.length > limit;
      // A `newer` page is read oldest first; every page is shown newest first.
      const newer = cursor?.direction === "newer";
      const page = newer ? events.slice(0, limit).reverse() : events.slice(0, limit);
      const first = page[0];
      const last = page.at(-1);
      // Past an `older` cursor there is a page before it; before a `newer` one, a page after.
      const olderExist = newer || more;
      const newerExist = newer ? more : cursor !== undefined;
      return {
        data: page,
        cursor_next: olderExist && last ? encodeCursor(last, "older") : null,
        cursor_previous: newerExist && first ? encodeCursor(first, "newer") : null,
      };
    },
  );
}
