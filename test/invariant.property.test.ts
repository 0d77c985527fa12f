import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  activeAdmins,
  applyOp,
  MANAGE_ORGANIZATION,
  type Op,
  type OrgState,
  PREDEFINED_SLUGS,
} from "./helpers/admin-model.ts";
import { readOrgState, requestOf } from "./helpers/admin-race.ts";
import { basic, createOrg, type Harness, type Member, useHarness } from "./helpers/harness.ts";
import { ALL_PERMISSIONS } from "./helpers/roles.ts";

/**
 * Property: whatever sequence of role and membership operations clients send (custom roles
 * with random permissions created, edited and deleted; members moved between predefined and
 * custom roles, demoted, promoted, deactivated, bulk-updated; by admins and by members who may
 * not), the organization keeps an active member whose role grants manage_organization, no
 * request gets a 500, every status is the one the rules give (helpers/admin-model.ts), and the
 * stored state is the model's after every step. FC_SEED=<n> replays a failure.
 */

const NUM_RUNS = 30;
const MAX_STEPS = 20;

const PERMISSIONS = ALL_PERMISSIONS;

/** Random permissions; half of them grant manage_organization, so roles flip admin status often. */
const permissionsArb = fc
  .tuple(fc.subarray(PERMISSIONS), fc.boolean())
  .map(([permissions, manage]) =>
    manage
      ? [...new Set([...permissions, MANAGE_ORGANIZATION])]
      : permissions.filter((p) => p !== MANAGE_ORGANIZATION),
  );

/** Steps name members and roles by index; they are resolved against the run's current lists. */
const stepArb = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("createRole" as const),
      actor: fc.nat(),
      permissions: permissionsArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("editRole" as const),
      actor: fc.nat(),
      role: fc.nat(),
      permissions: permissionsArb,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("update" as const),
      actor: fc.nat(),
      target: fc.nat(),
      role: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bulk" as const),
      actor: fc.nat(),
      targets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      role: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deactivate" as const),
      actor: fc.nat(),
      target: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deleteRole" as const),
      actor: fc.nat(),
      role: fc.nat(),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const initialRolesArb = fc.array(fc.constantFrom(...PREDEFINED_SLUGS), {
  minLength: 2,
  maxLength: 4,
});

function at<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

/** Lead visibility that agrees with view_all_leads (docs/compatibility.md, Roles), so only the rules under test can refuse. */
function visibility(permissions: readonly string[]) {
  return permissions.includes("view_all_leads")
    ? { visibility_user_lcf_ids: null, visibility_user_lcf_behavior: null }
    : {
        visibility_user_lcf_ids: ["cf_property1"],
        visibility_user_lcf_behavior: "require_assignment",
      };
}

interface Run {
  members: Member[];
  /** Every custom role created in this run, deleted ones included (they must then be refused). */
  roles: string[];
  names: number;
}

/** The step as a model operation and the request a client sends for it. */
function resolve(step: Step, run: Run): { op: Op; body?: unknown; method: string; path: string } {
  const actor = at(run.members, step.actor).membershipId;
  const roleChoices = [...PREDEFINED_SLUGS, ...run.roles];
  switch (step.kind) {
    case "createRole": {
      run.names += 1;
      return {
        op: { kind: "createRole", actor, permissions: step.permissions },
        method: "POST",
        path: "/role/",
        body: {
          name: `Property role ${run.names}`,
          permissions: step.permissions,
          ...(step.permissions.includes("view_all_leads") ? {} : visibility(step.permissions)),
        },
      };
    }
    case "editRole": {
      if (run.roles.length === 0) return resolve({ ...step, kind: "createRole" }, run);
      const op: Op = {
        kind: "editRole",
        actor,
        roleId: at(run.roles, step.role),
        permissions: step.permissions,
      };
      const request = requestOf(op);
      return {
        op,
        ...request,
        body: { permissions: step.permissions, ...visibility(step.permissions) },
      };
    }
    case "deleteRole": {
      if (run.roles.length === 0) return resolve({ ...step, kind: "update", target: 0 }, run);
      const op: Op = { kind: "deleteRole", actor, roleId: at(run.roles, step.role) };
      return { op, ...requestOf(op) };
    }
    case "update": {
      const op: Op = {
        kind: "update",
        actor,
        target: at(run.members, step.target).membershipId,
        roleId: at(roleChoices, step.role),
      };
      return { op, ...requestOf(op) };
    }
    case "bulk": {
      const targets = [...new Set(step.targets.map((i) => at(run.members, i).membershipId))];
      const op: Op = { kind: "bulk", actor, targets, roleId: at(roleChoices, step.role) };
      return { op, ...requestOf(op) };
    }
    case "deactivate": {
      const op: Op = {
        kind: "deactivate",
        actor,
        target: at(run.members, step.target).membershipId,
      };
      return { op, ...requestOf(op) };
    }
  }
}

async function send(h: Harness, member: Member, method: string, path: string, body?: unknown) {
  return h.app.inject({
    method: method as "GET",
    url: `/api/v1${path}`,
    headers: {
      authorization: basic(member.apiKey),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

describe("the admin invariant holds for any sequence of role and membership operations", () => {
  const h = useHarness();

  test(`random sequences through app.inject (${NUM_RUNS} runs of up to ${MAX_STEPS} steps)`, async () => {
    const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
    await fc.assert(
      fc.asyncProperty(
        initialRolesArb,
        fc.array(stepArb, { minLength: 1, maxLength: MAX_STEPS }),
        async (initialRoles, steps) => {
          const org = await createOrg(h, "Property Org");
          const run: Run = { members: [org.admin], roles: [], names: 0 };
          for (const role of initialRoles) run.members.push(await org.add(role));
          let model: OrgState = await readOrgState(h.store.db, org.id);

          for (const [index, step] of steps.entries()) {
            const { op, method, path, body } = resolve(step, run);
            const actor = run.members.find((m) => m.membershipId === op.actor) as Member;
            const expected = applyOp(model, op);
            const res = await send(h, actor, method, path, body);
            const context = `step ${index}: ${JSON.stringify(op)} → ${res.statusCode} ${res.body}`;
            assert.notEqual(res.statusCode, 500, context);
            assert.equal(res.statusCode, expected.status, context);
            if (res.statusCode >= 400) {
              const error = res.json();
              assert.ok(typeof error.error === "string" || "field-errors" in error, context);
            }
            model = expected.state;
            if (op.kind === "createRole" && res.statusCode === 201) {
              const created = res.json() as { id: string; permissions: string[] };
              assert.deepEqual(created.permissions, [...new Set(op.permissions)].sort(), context);
              run.roles.push(created.id);
              model = { ...model, roles: { ...model.roles, [created.id]: created.permissions } };
            }

            const stored = await readOrgState(h.store.db, org.id);
            assert.ok(activeAdmins(stored).length >= 1, `no admin is left after ${context}`);
            assert.deepEqual(stored, model, `stored state ≠ model after ${context}`);
          }
        },
      ),
      { numRuns: NUM_RUNS, ...(seed === undefined ? {} : { seed }) },
    );
  });
});
