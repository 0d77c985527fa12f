// The roles page: list, create, rename, change permissions, delete (the API's rules and errors).
import { allRoles, call, type Role } from "./api.ts";
import { h, say, view } from "./dom.ts";

const manage = document.body.dataset.manage === "true";

export async function rolesPage(): Promise<void> {
  const roles = await allRoles();
  // The Admin role grants every permission there is.
  const every =
    roles.find((r) => !r.editable && r.permissions.includes("manage_organization"))?.permissions ??
    [];
  const reload = () => rolesPage().catch((e: Error) => say(e.message, true));

  const cards = roles.map((role) => card(role, every, reload));
  view().replaceChildren(...(manage ? [createForm(every, reload)] : []), ...cards);
}

function permissionBoxes(every: string[], granted: string[], idPrefix: string, locked: boolean) {
  return h(
    "fieldset",
    { class: "permissions" },
    h("legend", {}, "Permissions"),
    ...every.map((p) =>
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          value: p,
          id: `${idPrefix}-${p}`,
          checked: granted.includes(p),
          disabled: locked,
        }),
        ` ${p}`,
      ),
    ),
  );
}

function checked(root: HTMLElement): string[] {
  return [...root.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map(
    (i) => i.value,
  );
}

function card(role: Role, every: string[], reload: () => void): HTMLElement {
  const locked = !manage || !role.editable;
  const name = h("input", { id: `name-${role.id}`, value: role.name, disabled: locked });
  const boxes = permissionBoxes(every, role.permissions, role.id, locked);
  const section = h(
    "section",
    { class: "role", "aria-labelledby": `title-${role.id}` },
    h("h2", { id: `title-${role.id}` }, role.name, role.editable ? "" : " (predefined)"),
  );
  if (locked) {
    section.append(h("p", {}, role.permissions.join(", ") || "No permissions"));
    return section;
  }
  const form = h(
    "form",
    {},
    h("label", { for: `name-${role.id}` }, "Name"),
    name,
    boxes,
    h("button", { type: "submit" }, "Save"),
    h(
      "button",
      {
        type: "button",
        class: "danger",
        onclick: async () => {
          if (!confirm(`Delete the role ${role.name}?`)) return;
          try {
            await call("DELETE", `/role/${role.id}/`);
            say(`Deleted ${role.name}.`);
            reload();
          } catch (error) {
            say((error as Error).message, true);
          }
        },
      },
      "Delete",
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call("PUT", `/role/${role.id}/`, {
        name: name.value,
        permissions: checked(boxes),
        ...visibility(checked(boxes)),
      });
      say(`Saved ${name.value}.`);
      reload();
    } catch (error) {
      say((error as Error).message, true);
    }
  });
  section.append(form);
  return section;
}

/** Without `view_all_leads` a role must say which leads it sees; the page picks the open choice. */
function visibility(permissions: string[]) {
  return permissions.includes("view_all_leads")
    ? { visibility_user_lcf_ids: null, visibility_user_lcf_behavior: null }
    : { visibility_user_lcf_ids: [], visibility_user_lcf_behavior: "allow_unassigned" };
}

function createForm(every: string[], reload: () => void): HTMLElement {
  const name = h("input", { id: "new-role-name", required: true });
  const boxes = permissionBoxes(every, ["calling", "view_all_leads"], "new", false);
  const form = h(
    "form",
    { class: "role create", "aria-label": "Create a role" },
    h("h2", {}, "New role"),
    h("label", { for: "new-role-name" }, "Name"),
    name,
    boxes,
    h("button", { type: "submit" }, "Create role"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call("POST", "/role/", {
        name: name.value,
        permissions: checked(boxes),
        ...visibility(checked(boxes)),
      });
      say(`Created ${name.value}.`);
      reload();
    } catch (error) {
      say((error as Error).message, true);
    }
  });
  return form;
}
