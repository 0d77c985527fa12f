// The activity page: the event log, newest first, each change as before → after, with actor and time.
import { call, type Membership } from "./api.ts";
import { h, say, view, when } from "./dom.ts";

interface Event {
  id: string;
  date_created: string;
  user_id: string | null;
  object_id: string;
  action: string;
  changed_fields: string[];
  previous_data: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
}

const people = new Map<string, Promise<string>>();

/** A user's name for the log, looked up once per user. */
function personName(userId: string | null): Promise<string> {
  if (!userId) return Promise.resolve("Operator (CLI)");
  let found = people.get(userId);
  if (!found) {
    found = call<{ first_name: string; last_name: string; email: string }>(
      "GET",
      `/user/${userId}/`,
    )
      .then((u) => `${u.first_name} ${u.last_name}`.trim() || u.email)
      .catch(() => userId);
    people.set(userId, found);
  }
  return found;
}

/** A field's value as text; a list (permissions) as comma-separated words, so it wraps. */
function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return value.length === 0 ? "(none)" : value.join(", ");
  }
  return JSON.stringify(value);
}

export async function activityPage(): Promise<void> {
  const member = new URLSearchParams(location.search).get("member") ?? "";
  const list = h("ol", { class: "events" });
  const more = h("button", { type: "button", hidden: true }, "Older changes");
  let cursor: string | null = null;

  async function load(): Promise<void> {
    const params = new URLSearchParams({ object_type: "membership", _limit: "50" });
    if (member) params.set("object_id", member);
    if (cursor) params.set("_cursor", cursor);
    const page = await call<{ data: Event[]; cursor_next: string | null }>(
      "GET",
      `/event/?${params}`,
    );
    for (const event of page.data) list.append(await item(event));
    if (page.data.length === 0 && !cursor) list.append(h("li", {}, "No changes yet."));
    cursor = page.cursor_next;
    more.hidden = !cursor;
  }
  more.addEventListener("click", () => void load().catch((e: Error) => say(e.message, true)));

  const search = h("input", { id: "member-search", type: "search", placeholder: "Name or email" });
  const matches = h("ul", { class: "matches" });
  const filter = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter by member" },
    h("label", { for: "member-search" }, "Filter by member"),
    search,
    h("button", { type: "submit" }, "Find"),
    member ? h("a", { href: "/app/activity/" }, "Show everyone") : "",
  );
  filter.addEventListener("submit", async (event) => {
    event.preventDefault();
    const found = await call<{ data: Membership[] }>(
      "GET",
      `/membership/?_expand=user&_limit=10&query=${encodeURIComponent(search.value)}`,
    );
    matches.replaceChildren(
      ...found.data.map((m) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: `/app/activity/?member=${encodeURIComponent(m.id)}` },
            `${m.user?.first_name ?? ""} ${m.user?.last_name ?? ""} <${m.user?.email ?? m.id}>`,
          ),
        ),
      ),
    );
    if (found.data.length === 0) matches.append(h("li", {}, "No member matches."));
  });

  view().replaceChildren(
    filter,
    matches,
    member ? h("p", {}, `Changes to membership ${member}`) : "",
    list,
    more,
  );
  await load();
}

async function item(event: Event): Promise<HTMLElement> {
  const actor = await personName(event.user_id);
  const changes = h("table", { class: "diff" });
  const fields = event.action === "updated" ? event.changed_fields : [];
  if (fields.length > 0) {
    changes.append(
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Field"),
          h("th", { scope: "col" }, "Before"),
          h("th", { scope: "col" }, "After"),
        ),
      ),
    );
    const body = h("tbody");
    for (const field of fields)
      body.append(
        h(
          "tr",
          {},
          h("th", { scope: "row" }, field),
          h("td", { class: "before" }, show(event.previous_data?.[field])),
          h("td", { class: "after" }, show(event.data?.[field])),
        ),
      );
    changes.append(body);
  }
  return h(
    "li",
    { "data-event": event.id },
    h(
      "p",
      {},
      h("strong", {}, event.action),
      ` membership ${event.object_id} by ${actor}, `,
      h("time", { datetime: event.date_created }, when(event.date_created)),
    ),
    fields.length > 0 ? changes : "",
  );
}
