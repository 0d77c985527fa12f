// The team page: members with role and call recording, searchable, paged by the server.
import { allRoles, call, type Membership, type Role, roleRef } from "./api.ts";
import { h, say, view, when } from "./dom.ts";

const PAGE = 100;
const manage = document.body.dataset.manage === "true";

interface State {
  query: string;
  role: string;
  status: "active" | "inactive" | "";
  skip: number;
}

export async function teamPage(): Promise<void> {
  const state: State = { query: "", role: "", status: "active", skip: 0 };
  // The roles and the first page of members are fetched at once: one round trip, not two.
  const firstPage = fetchPage(state);
  const roles = await allRoles();
  const roleName = (ref: string) =>
    roles.find((r) => roleRef(r) === ref || r.id === ref)?.name ?? ref;

  const body = h("tbody");
  const pager = h("p", { class: "pager" });
  const search = h("input", { id: "search", type: "search", placeholder: "Name or email" });
  const roleFilter = h("select", { id: "role-filter" }, h("option", { value: "" }, "Any role"));
  for (const role of roles) roleFilter.append(h("option", { value: roleRef(role) }, role.name));
  const statusFilter = h(
    "select",
    { id: "status-filter" },
    h("option", { value: "active" }, "Active"),
    h("option", { value: "inactive" }, "Inactive"),
    h("option", { value: "" }, "Any status"),
  );

  let pending: ReturnType<typeof fetchPage> | undefined = firstPage;
  async function load(): Promise<void> {
    const page = await (pending ?? fetchPage(state));
    pending = undefined;
    body.replaceChildren(...page.data.map((m) => row(m)));
    if (page.data.length === 0)
      body.append(h("tr", {}, h("td", { colspan: "7" }, "No members match.")));
    const first = page.data.length ? state.skip + 1 : 0;
    pager.replaceChildren(
      h(
        "button",
        { type: "button", disabled: state.skip === 0, onclick: () => go(-PAGE) },
        "Previous",
      ),
      ` Members ${first}–${state.skip + page.data.length} `,
      h("button", { type: "button", disabled: !page.has_more, onclick: () => go(PAGE) }, "Next"),
    );
  }

  function go(delta: number): void {
    state.skip = Math.max(0, state.skip + delta);
    void load().catch((e: Error) => say(e.message, true));
  }

  function row(m: Membership): HTMLTableRowElement {
    const name = m.user ? `${m.user.first_name} ${m.user.last_name}`.trim() : m.user_id;
    const inactive = state.status === "inactive";
    const label = `for ${name || m.user?.email}`;
    let roleCell: Node = document.createTextNode(roleName(m.role_id));
    let recordingCell: Node = document.createTextNode(m.auto_record_calls);
    if (manage && !inactive) {
      const select = h("select", { "aria-label": `Role ${label}`, "data-field": "role" });
      for (const role of roles) {
        const ref = roleRef(role);
        select.append(
          h(
            "option",
            { value: ref, selected: ref === m.role_id || role.id === m.role_id },
            role.name,
          ),
        );
      }
      select.addEventListener("change", () =>
        update(m, { role_id: select.value }, select, m.role_id),
      );
      roleCell = select;
      const recording = h("select", {
        "aria-label": `Call recording ${label}`,
        "data-field": "recording",
      });
      if (m.auto_record_calls === "unset")
        recording.append(h("option", { value: "unset", selected: true, disabled: true }, "unset"));
      for (const value of ["enabled", "disabled"])
        recording.append(h("option", { value, selected: value === m.auto_record_calls }, value));
      recording.addEventListener("change", () =>
        update(m, { auto_record_calls: recording.value }, recording, m.auto_record_calls),
      );
      recordingCell = recording;
    }
    const actions = h("td", { class: "actions" });
    if (manage && !inactive)
      actions.append(
        h("button", { type: "button", onclick: () => deactivate(m, name) }, "Deactivate"),
      );
    if (manage && inactive && m.user)
      actions.append(
        h("button", { type: "button", onclick: () => reactivate(m, name) }, "Re-activate"),
      );
    actions.append(
      h("a", { href: `/app/activity/?member=${encodeURIComponent(m.id)}` }, "Activity"),
    );
    return h(
      "tr",
      { "data-membership": m.id },
      h("td", {}, name || "—"),
      h("td", {}, m.user?.email ?? ""),
      h("td", {}, roleCell),
      h("td", {}, recordingCell),
      h("td", {}, inactive ? "inactive" : "active"),
      h("td", {}, when(m.date_updated)),
      actions,
    );
  }

  async function update(
    m: Membership,
    change: Record<string, string>,
    control: HTMLSelectElement,
    before: string,
  ) {
    control.disabled = true;
    try {
      const updated = await call<Membership>("PUT", `/membership/${m.id}/`, change);
      Object.assign(m, updated);
      say(`Saved: ${Object.keys(change).join(", ")} of ${m.user?.email ?? m.id}.`);
    } catch (error) {
      control.value = before;
      say((error as Error).message, true);
    } finally {
      control.disabled = false;
    }
  }

  async function deactivate(m: Membership, name: string) {
    if (
      !confirm(`Deactivate ${name || m.user?.email}? They lose access at once; their data is kept.`)
    )
      return;
    try {
      await call("DELETE", `/membership/${m.id}/`);
      say(`Deactivated ${m.user?.email ?? m.id}.`);
      await load();
    } catch (error) {
      say((error as Error).message, true);
    }
  }

  async function reactivate(m: Membership, name: string) {
    try {
      await call("POST", "/membership/", { email: m.user?.email, role_id: m.role_id });
      say(`Re-activated ${name || m.user?.email}.`);
      await load();
    } catch (error) {
      say((error as Error).message, true);
    }
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.query = search.value.trim();
      go(-state.skip);
    }, 200);
  });
  roleFilter.addEventListener("change", () => {
    state.role = roleFilter.value;
    go(-state.skip);
  });
  statusFilter.addEventListener("change", () => {
    state.status = statusFilter.value as State["status"];
    go(-state.skip);
  });

  const filters = h(
    "div",
    { class: "filters" },
    h("label", { for: "search" }, "Search"),
    search,
    h("label", { for: "role-filter" }, "Role"),
    roleFilter,
    h("label", { for: "status-filter" }, "Status"),
    statusFilter,
  );
  const table = h(
    "table",
    {},
    h("caption", { class: "visually-hidden" }, "Members of the organization"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["Name", "Email", "Role", "Call recording", "Status", "Last change", "Actions"].map(
          (t) => h("th", { scope: "col" }, t),
        ),
      ),
    ),
    body,
  );
  view().replaceChildren(
    manage
      ? invite(roles, load)
      : h(
          "p",
          { class: "note" },
          "You can see the team; changing it needs the manage_organization permission.",
        ),
    filters,
    table,
    pager,
  );
  await load();
}

function invite(roles: Role[], reload: () => Promise<void>): HTMLElement {
  const email = h("input", {
    id: "invite-email",
    type: "email",
    required: true,
    autocomplete: "off",
  });
  const role = h("select", { id: "invite-role" });
  for (const r of roles)
    if (!r.permissions.includes("manage_organization"))
      role.append(h("option", { value: roleRef(r), selected: roleRef(r) === "user" }, r.name));
  const form = h(
    "form",
    { class: "invite", "aria-label": "Invite a member" },
    h("label", { for: "invite-email" }, "Invite by email"),
    email,
    h("label", { for: "invite-role" }, "as"),
    role,
    h("button", { type: "submit" }, "Invite"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call("POST", "/membership/", { email: email.value, role_id: role.value });
      say(`Invited ${email.value}.`);
      email.value = "";
      await reload();
    } catch (error) {
      say((error as Error).message, true);
    }
  });
  return form;
}

function fetchPage(state: State) {
  const params = new URLSearchParams({
    _skip: String(state.skip),
    _limit: String(PAGE),
    _expand: "user",
  });
  if (state.query) params.set("query", state.query);
  if (state.role) params.set("role_id", state.role);
  if (state.status) params.set("status", state.status);
  return call<{ data: Membership[]; has_more: boolean }>("GET", `/membership/?${params}`);
}
