import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import { basic, type Harness } from "./harness.ts";

/**
 * Helpers for the Roles API tests: requests as a Close client sends them, the
 * permission table written out literally (not imported from src, so a change there is caught),
 * and a snapshot of an organization's stored roles and memberships for "nothing changed" checks.
 */

export const ALL_PERMISSIONS = [
  "bulk_delete",
  "bulk_edit",
  "bulk_email",
  "bulk_import",
  "bulk_sequence_subscriptions",
  "calling",
  "delete_leads",
  "delete_own_activities",
  "delete_own_opportunities",
  "delete_own_tasks",
  "export",
  "manage_customizations",
  "manage_group_numbers",
  "manage_organization",
  "manage_others_activities",
  "manage_others_opportunities",
  "manage_others_tasks",
  "manage_team_smart_views",
  "merge_leads",
  "view_all_leads",
];

const RESTRICTED = [
  "calling",
  "delete_own_activities",
  "delete_own_opportunities",
  "delete_own_tasks",
  "view_all_leads",
];
const USER = [
  ...RESTRICTED,
  "bulk_email",
  "bulk_import",
  "bulk_sequence_subscriptions",
  "delete_leads",
  "manage_others_activities",
  "manage_others_opportunities",
  "manage_others_tasks",
  "merge_leads",
];
const SUPERUSER = [
  ...USER,
  "bulk_delete",
  "bulk_edit",
  "export",
  "manage_customizations",
  "manage_group_numbers",
  "manage_team_smart_views",
];

/** The predefined-role table of docs/compatibility.md: slug → name and sorted permissions. */
export const PREDEFINED: Record<string, { name: string; permissions: string[] }> = {
  restricteduser: { name: "Restricted User", permissions: [...RESTRICTED].sort() },
  user: { name: "User", permissions: [...USER].sort() },
  superuser: { name: "Super User", permissions: [...SUPERUSER].sort() },
  admin: { name: "Admin", permissions: [...ALL_PERMISSIONS].sort() },
};

export const ROLE_FIELDS = [
  "date_created",
  "date_updated",
  "editable",
  "id",
  "name",
  "organization_id",
  "permissions",
  "visibility_user_lcf_behavior",
  "visibility_user_lcf_ids",
];

export const ROLE_ID = /^role_[A-Za-z0-9]{43}$/;

/** One request to `/api/v1{path}` with an API key (HTTP Basic); a body is sent as JSON. */
export function call(
  h: Harness,
  apiKey: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: {
      authorization: basic(apiKey),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** A valid custom role body: sees all leads, so no visibility fields are needed. */
export function roleBody(name: string, permissions: string[] = ["calling", "view_all_leads"]) {
  return { name, permissions };
}

/** `POST /role/`, asserting 201; returns the role. */
export async function createRole(
  h: Harness,
  apiKey: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: string; permissions: string[] }> {
  const res = await call(h, apiKey, "POST", "/role/", body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** Every role of an organization as `GET /role/` lists them (one page of 100). */
export async function listRoles(h: Harness, apiKey: string) {
  const res = await call(h, apiKey, "GET", "/role/");
  assert.equal(res.statusCode, 200, res.body);
  return res.json().data as Array<Record<string, unknown> & { id: string; name: string }>;
}

/** The `role_...` ID of a predefined role in this organization, found through `GET /role/`. */
export async function predefinedRoleId(h: Harness, apiKey: string, name: string): Promise<string> {
  const role = (await listRoles(h, apiKey)).find((r) => r.name === name && r.editable === false);
  assert.ok(role, `predefined role ${name}`);
  return role.id;
}
