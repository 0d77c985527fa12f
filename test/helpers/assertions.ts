import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { Harness } from "./harness.ts";

/**
 * Everything a request can change in one organization: its organization row, its membership
 * rows and its events. Two equal snapshots mean nothing was written.
 */
export async function snapshotOrg(h: Harness, organizationId: string) {
  const organization = await h.store.db
    .selectFrom("organizations")
    .selectAll()
    .where("id", "=", organizationId)
    .executeTakeFirst();
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
  return { organization, memberships, events: events.map((e) => e.id) };
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
  assert.ok(Array.isArray(body.errors), label);
  const fieldErrors = body["field-errors"] as Record<string, unknown>;
  assert.deepEqual(Object.keys(fieldErrors).sort(), [...fields].sort(), `${label}: ${res.body}`);
  for (const field of fields) {
    assert.equal(typeof fieldErrors[field], "string", `${label}: ${field}`);
    assert.ok((fieldErrors[field] as string).length > 0, `${label}: ${field}`);
  }
  return fieldErrors as Record<string, string>;
}

/** Every field of a membership object (SPEC §3), sorted. */
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
