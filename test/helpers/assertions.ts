import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { Harness } from "./harness.ts";

/**
 * Everything a request can change in one organization: its organization row, its membership
 * rows and its events, and with `roles` its roles. Two equal snapshots mean nothing was
 * written. (The shared security suite leaves roles out: its role fixtures are created on first
 * use, between two snapshots.)
 */
export async function snapshotOrg(
  h: Harness,
  organizationId: string,
  { roles: withRoles = false }: { roles?: boolean } = {},
) {
  const organization = await h.store.db
    .selectFrom("organizations")
    .selectAll()
    .where("id", "=", organizationId)
    .executeTakeFirst();
  const roles = withRoles
    ? await h.store.db
        .selectFrom("roles")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .orderBy("id")
        .execute()
    : undefined;
  const memberships = await h.store.db
    .selectFrom("memberships")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();
  const events = await h.store.db
    .selectFrom("events")
    .select("id")
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .execute();
  return { organization, roles, memberships, events: events.map((e) => e.id) };
}

/** One membership row as stored. */
export async function membershipRow(h: Harness, id: string) {
  return h.store.db.selectFrom("memberships").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Close's non-validation error body: exactly `{"error": "<non-empty message>"}`. */
export function assertErrorBody(res: LightMyRequestResponse, label = ""): void {
  assert.match(String(res.headers["content-type"]), /^application\/json/, label);
  const body = res.json() as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["error"], `${label}: ${res.body}`);
  assert.equal(typeof body.error, "string", label);
  assert.ok((body.error as string).length > 0, label);
}

/** `{"error": "..."}` with the given status; returns the message. */
export function assertError(res: LightMyRequestResponse, status: number, label = ""): string {
  assert.equal(res.statusCode, status, `${label}: ${res.body}`);
  assertErrorBody(res, label);
  return (res.json() as { error: string }).error;
}

/**
 * Close's validation error: 400 `{"errors": [...], "field-errors": {...}}` with exactly the
 * given fields, each with a non-empty message. Returns the field errors.
 */
export function assertFieldErrors(
  res: LightMyRequestResponse,
  fields: readonly string[],
  label = "",
): Record<string, string> {
  assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
  const body = res.json() as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ["errors", "field-errors"], `${label}: ${res.body}`);
  assert.deepEqual(body.errors, [], label);
  const fieldErrors = body["field-errors"] as Record<string, unknown>;
  assert.deepEqual(Object.keys(fieldErrors).sort(), [...fields].sort(), `${label}: ${res.body}`);
  for (const field of fields) {
    assert.equal(typeof fieldErrors[field], "string", `${label}: ${field}`);
    assert.ok((fieldErrors[field] as string).length > 0, `${label}: ${field}`);
  }
  return fieldErrors as Record<string, string>;
}

/** The settings a membership starts with (docs/compatibility.md, Memberships), untouched. */
export function assertDefaultSettings(body: Record<string, unknown>): void {
  assert.equal(body.auto_record_calls, "unset");
  assert.equal(body.default_caller_id, null);
  assert.equal(body.default_caller_id_mode, "fixed");
  assert.equal(body.hangup_recording_url, null);
  assert.equal(body.may_workflows_impersonate, false);
  assert.equal(body.track_email_opens, true);
  assert.equal(body.primary_personal_number, null);
  assert.equal(body.is_free, false);
  assert.equal(body.onboarding_status, "in-progress");
}

/** Close's timestamp: UTC, microseconds, `+00:00`. */
export const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

/** Every field of a user object, sorted. */
export const USER_FIELDS = [
  "date_created",
  "date_updated",
  "email",
  "first_name",
  "id",
  "image",
  "last_name",
];

/** Every field of a membership object (docs/compatibility.md, Memberships), sorted. */
export const MEMBERSHIP_FIELDS = [
  "auto_record_calls",
  "date_created",
  "date_updated",
  "default_caller_id",
  "default_caller_id_mode",
  "hangup_recording_url",
  "id",
  "is_free",
  "may_workflows_impersonate",
  "onboarding_status",
  "organization_id",
  "permissions_granted",
  "primary_personal_number",
  "role",
  "role_id",
  "track_email_opens",
  "user_id",
];
