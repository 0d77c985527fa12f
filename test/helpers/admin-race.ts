import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { randomBase62 } from "../../src/domain/ids.ts";
import { addMember, createOrganization } from "../../src/operations/provisioning.ts";
import { eventFromRow } from "../../src/store/events.ts";
import type { Database } from "../../src/store/schema.ts";
import type { Store } from "../../src/store/store.ts";
import {
  activeAdmins,
  findSerialOrder,
  type LoggedEvent,
  MANAGE_ORGANIZATION,
  type ObservedRequest,
  type Op,
  type OrgState,
  pick,
  shuffle,
} from "./admin-model.ts";
import { assertCloseErrorBody, callApi } from "./http.ts";

/**
 * Rounds of the admin-demotion race (The admin invariant (docs/compatibility.md) under concurrency): an organization
 * with K admins, every admin firing one request at once that would take admin rights away
 * from someone, over real sockets to one or more servers. Then the result is checked against
 * the serial model (`admin-model.ts`) and the event log.
 */

export interface RaceMember {
  membershipId: string;
  apiKey: string;
}

export interface RaceOrg {
  id: string;
  admins: RaceMember[];
  /** Members that start as plain users. */
  others: RaceMember[];
}

export function keyOf(org: RaceOrg, membershipId: string): string {
  const member = [...org.admins, ...org.others].find((m) => m.membershipId === membershipId);
  assert.ok(member, `no member ${membershipId}`);
  return member.apiKey;
}

function email(label: string): string {
  return `${label}-${randomBase62(16).toLowerCase()}@race.example.com`;
}

/** An organization with `admins` admins and `others` users, made as the CLI makes them. */
export async function provisionRaceOrg(
  store: Store,
  now: Date,
  admins: number,
  others: number,
): Promise<RaceOrg> {
  const created = await store.write((tx) =>
    createOrganization(tx, { name: "Race Org", admin: { email: email("admin") } }, now),
  );
  const org: RaceOrg = {
    id: created.organization_id,
    admins: [{ membershipId: created.membership_id, apiKey: created.api_key }],
    others: [],
  };
  for (let i = 1; i < admins; i++) {
    const m = await store.write((tx) =>
      addMember(tx, org.id, { email: email("admin"), role: "admin" }, now),
    );
    org.admins.push({ membershipId: m.membership_id, apiKey: m.api_key });
  }
  for (let i = 0; i < others; i++) {
    const m = await store.write((tx) =>
      addMember(tx, org.id, { email: email("user"), role: "user" }, now),
    );
    org.others.push({ membershipId: m.membership_id, apiKey: m.api_key });
  }
  return org;
}

/** Which requests a round fires. */
export type Variant =
  /** Every admin demotes one admin (a random permutation: someone may demote themselves). */
  | "demote"
  /**
   * Admins sit on `admin` or on custom roles that grant manage_organization; requests demote,
   * strip those roles of manage_organization, or move admins onto them.
   */
  | "roles"
  /** Only the moves onto custom roles and the strips of those roles, which race with each other. */
  | "reassign"
  /**
   * As `roles`, plus deactivation (DELETE /membership/{id}/), bulk updates
   * (PUT /membership/?id__in=) and role deletion (DELETE /role/{id}/), also of a role that
   * only the round's own moves may be assigning.
   */
  | "lifecycle";

const STRIPPED = ["calling", "view_all_leads"];
const MANAGER_PERMISSIONS = [MANAGE_ORGANIZATION, "view_all_leads", "calling"];

/**
 * Prepares a round over HTTP as a client would: for the custom-role variants, creates two
 * roles that grant manage_organization (POST /role/) and moves admins onto them (PUT
 * /membership/{id}/); `lifecycle` adds a third such role that nobody is on yet. Returns the
 * custom roles' IDs.
 */
export async function setUpRound(
  api: string,
  org: RaceOrg,
  variant: Variant,
  random: () => number,
): Promise<string[]> {
  if (variant === "demote") return [];
  const owner = (org.admins[0] as RaceMember).apiKey;
  const roles: string[] = [];
  const names = variant === "lifecycle" ? ["Managers", "Owners", "Spare"] : ["Managers", "Owners"];
  for (const name of names) {
    const res = await callApi(api, owner, "POST", "/role/", {
      name: `${name} ${randomBase62(6)}`,
      permissions: MANAGER_PERMISSIONS,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    roles.push((res.body as { id: string }).id);
  }
  // Every admin but the first (who still acts for the setup) lands on a random role; then
  // the first one does, last, so that the setup itself never needs the invariant.
  const order = [...org.admins.slice(1), org.admins[0] as RaceMember];
  let onCustom = 0;
  for (const [i, admin] of order.entries()) {
    const last = i === order.length - 1;
    const used = roles.slice(0, 2);
    const role = last && onCustom === 0 ? pick(random, used) : pick(random, ["admin", ...used]);
    if (role === "admin") continue;
    onCustom++;
    const res = await callApi(api, owner, "PUT", `/membership/${admin.membershipId}/`, {
      role_id: role,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  return roles;
}

/** Which requests each variant draws from (see `planRound`'s switch). */
const CHOICES: Record<Variant, number[]> = {
  demote: [0],
  roles: [0, 1, 4],
  reassign: [1, 4],
  lifecycle: [0, 1, 2, 3, 4, 5],
};

/** One request per admin, each taking admin rights away from someone, or racing with those that do. */
export function planRound(
  org: RaceOrg,
  variant: Variant,
  customRoles: readonly string[],
  random: () => number,
): Op[] {
  const admins = org.admins.map((a) => a.membershipId);
  const targets = shuffle(random, admins);
  const everyone = [...admins, ...org.others.map((m) => m.membershipId)];
  const ops = admins.map((actor, i): Op => {
    const target = targets[i] as string;
    const choice = variant === "demote" ? 0 : pick(random, CHOICES[variant]);
    switch (choice) {
      case 1:
        return {
          kind: "editRole",
          actor,
          roleId: pick(random, customRoles),
          permissions: STRIPPED,
        };
      case 2:
        return { kind: "deactivate", actor, target };
      case 3: {
        const extra = pick(
          random,
          everyone.filter((id) => id !== target),
        );
        return { kind: "bulk", actor, targets: shuffle(random, [target, extra]), roleId: "user" };
      }
      case 4:
        return { kind: "update", actor, target, roleId: pick(random, customRoles) };
      case 5:
        return { kind: "deleteRole", actor, roleId: pick(random, customRoles) };
      default:
        return { kind: "update", actor, target, roleId: "user" };
    }
  });
  if (variant !== "demote" && !ops.some((op) => op.kind === "editRole")) {
    const actor = pick(random, admins);
    ops.push({ kind: "editRole", actor, roleId: pick(random, customRoles), permissions: STRIPPED });
  }
  return ops;
}

/** The HTTP request a Close client sends for `op`. */
export function requestOf(op: Op): {
  method: "PUT" | "DELETE" | "POST";
  path: string;
  body?: unknown;
} {
  switch (op.kind) {
    case "update":
      return { method: "PUT", path: `/membership/${op.target}/`, body: { role_id: op.roleId } };
    case "bulk":
      return {
        method: "PUT",
        path: `/membership/?id__in=${op.targets.join(",")}`,
        body: { role_id: op.roleId },
      };
    case "deactivate":
      return { method: "DELETE", path: `/membership/${op.target}/` };
    case "editRole":
      return { method: "PUT", path: `/role/${op.roleId}/`, body: { permissions: op.permissions } };
    case "deleteRole":
      return { method: "DELETE", path: `/role/${op.roleId}/` };
    case "createRole":
      return { method: "POST", path: "/role/", body: { permissions: op.permissions } };
  }
}

/**
 * Fires every op at once (Promise.all); op `i` goes to `apis[i % apis.length]`, so with two
 * servers the race spans both.
 */
export async function fireRound(
  apis: readonly string[],
  org: RaceOrg,
  ops: readonly Op[],
): Promise<Array<ObservedRequest & { body: unknown }>> {
  return Promise.all(
    ops.map(async (op, i) => {
      const { method, path, body } = requestOf(op);
      const res = await callApi(
        apis[i % apis.length] as string,
        keyOf(org, op.actor),
        method,
        path,
        body,
      );
      return { op, status: res.status, requestId: res.requestId, body: res.body };
    }),
  );
}

/** The organization's memberships and custom roles as stored. */
export async function readOrgState(
  db: Kysely<Database>,
  organizationId: string,
): Promise<OrgState> {
  const members = await db
    .selectFrom("memberships")
    .select(["id", "role_id", "active"])
    .where("organization_id", "=", organizationId)
    .execute();
  const roles = await db
    .selectFrom("roles")
    .select(["id", "permissions"])
    .where("organization_id", "=", organizationId)
    .where("slug", "is", null)
    .execute();
  return {
    members: Object.fromEntries(
      members.map((m) => [m.id, { roleId: m.role_id, active: Number(m.active) === 1 }]),
    ),
    roles: Object.fromEntries(
      roles.map((r) => [r.id, [...(JSON.parse(r.permissions) as string[])].sort()]),
    ),
  };
}

/** The organization's membership `updated`/`deactivated` events, in log order (date_created, id). */
export async function readMembershipEvents(
  db: Kysely<Database>,
  organizationId: string,
): Promise<LoggedEvent[]> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("object_type", "=", "membership")
    .where("action", "in", ["updated", "deactivated"])
    .orderBy("date_created")
    .orderBy("id")
    .execute();
  // Read as the API reads them: an update's row stores only the changed fields' old values.
  return rows.map(eventFromRow).map((event) => ({
    id: event.id,
    request_id: event.request_id,
    object_id: event.object_id,
    action: event.action,
    previous_data: event.previous_data && JSON.stringify(event.previous_data),
    data: event.data && JSON.stringify(event.data),
  }));
}

export interface RoundContext {
  db: Kysely<Database>;
  org: RaceOrg;
  variant: Variant;
  /** State and event IDs right before the round was fired. */
  initial: OrgState;
  eventsBefore: ReadonlySet<string>;
  observed: Array<ObservedRequest & { body: unknown }>;
  /** Printed with every failure, so the round can be replayed. */
  label: string;
}

/**
 * Everything a round must satisfy: an admin remains; every refusal is a 400/403 (401 once a
 * member can be deactivated, 404 once a role can be deleted) with Close's body; every event belongs to a request that got a
 * 200 and no failed request left one; each membership's final role is its last event's; and
 * some serial order of the requests explains statuses, event log and final state.
 */
export async function verifyRound(context: RoundContext): Promise<{ successes: number }> {
  const { db, org, variant, initial, eventsBefore, observed, label } = context;
  const describe = () =>
    `${label}\nrequests:\n${observed
      .map((o, i) => `  #${i} ${JSON.stringify(o.op)} → ${o.status} ${JSON.stringify(o.body)}`)
      .join("\n")}`;

  // Once members can be deactivated their keys stop (401); once roles can be deleted, a strip of a
  // deleted role is a 404.
  const allowed = variant === "lifecycle" ? [200, 400, 401, 403, 404] : [200, 400, 403];
  for (const [i, o] of observed.entries()) {
    assert.ok(allowed.includes(o.status), `#${i} got ${o.status}\n${describe()}`);
    assert.match(o.requestId ?? "", /^req_[A-Za-z0-9]{22}$/, `#${i} has no X-Request-Id`);
    if (o.status !== 200) {
      assertCloseErrorBody({ status: o.status, body: o.body, requestId: o.requestId }, `#${i}`);
    }
  }

  const final = await readOrgState(db, org.id);
  assert.ok(
    activeAdmins(final).length >= 1,
    `no active admin is left\n${JSON.stringify(final)}\n${describe()}`,
  );

  const all = await readMembershipEvents(db, org.id);
  const events = all.filter((e) => !eventsBefore.has(e.id));
  const failedIds = new Set(observed.filter((o) => o.status !== 200).map((o) => o.requestId));
  for (const event of events) {
    assert.ok(
      !failedIds.has(event.request_id),
      `a refused request left event ${event.id}\n${describe()}`,
    );
  }

  // The event log agrees with the final state: each membership's last event is its state.
  for (const [id, member] of Object.entries(final.members)) {
    const last = all.filter((e) => e.object_id === id).at(-1);
    if (!last) continue;
    if (last.action === "deactivated") {
      assert.equal(member.active, false, `${id} is active after its last event deactivated it`);
    } else {
      const data = JSON.parse(last.data ?? "null") as { role_id?: string } | null;
      assert.equal(member.roleId, data?.role_id, `${id}'s role ≠ its last event`);
    }
  }

  const serial = findSerialOrder(initial, observed, events, final);
  assert.ok(
    serial.ok,
    `${serial.ok ? "" : serial.reason}\nevents:\n${events
      .map((e) => `  ${e.action} ${e.object_id} by ${e.request_id}`)
      .join(
        "\n",
      )}\ninitial: ${JSON.stringify(initial)}\nfinal: ${JSON.stringify(final)}\n${describe()}`,
  );

  const successes = observed.filter((o) => o.status === 200).length;
  if (variant === "demote") {
    // Serially, the first demotion always succeeds and the last admin can never be demoted.
    assert.ok(successes >= 1 && successes <= org.admins.length - 1, describe());
    assert.equal(activeAdmins(final).length, org.admins.length - successes, describe());
  }
  return { successes };
}

/** Snapshot before firing: the state and the IDs of the events already logged. */
export async function snapshot(
  db: Kysely<Database>,
  organizationId: string,
): Promise<{ initial: OrgState; eventsBefore: Set<string> }> {
  const initial = await readOrgState(db, organizationId);
  const eventsBefore = new Set((await readMembershipEvents(db, organizationId)).map((e) => e.id));
  return { initial, eventsBefore };
}
