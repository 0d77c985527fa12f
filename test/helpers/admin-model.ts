/**
 * A model of what docs/compatibility.md allows (permissions, memberships, roles), written apart from src/ (so a bug there is not copied
 * here), and a checker that decides whether what a set of concurrent requests did could have
 * come from running them one after another.
 *
 * The model knows who is an admin (an active member whose role grants
 * `manage_organization`), which requests the rules refuse and with which status, and which
 * `updated`/`deactivated` events a request writes. The checker looks for a serial order of
 * the requests in which every request gets the status it really got, every request that
 * wrote events sits where its events sit in the event log (ordered by date_created, id), its
 * events are the ones the model predicts from the state before it, and the final state is
 * the one in the database. A request's permission is checked in the state before it, so an
 * admin demoted earlier in the order must fail.
 */

export const MANAGE_ORGANIZATION = "manage_organization";
export const PREDEFINED_SLUGS = ["admin", "superuser", "user", "restricteduser"] as const;

export interface MemberState {
  roleId: string;
  active: boolean;
}

export interface OrgState {
  /** By membership ID. */
  members: Record<string, MemberState>;
  /** Custom roles by ID: their sorted permissions. */
  roles: Record<string, string[]>;
}

export type Op =
  | { kind: "update"; actor: string; target: string; roleId: string }
  | { kind: "bulk"; actor: string; targets: string[]; roleId: string }
  | { kind: "deactivate"; actor: string; target: string }
  | { kind: "createRole"; actor: string; permissions: string[] }
  | { kind: "editRole"; actor: string; roleId: string; permissions: string[] }
  | { kind: "deleteRole"; actor: string; roleId: string };

/** One membership event a request writes. */
export interface Effect {
  objectId: string;
  action: "updated" | "deactivated";
  before: MemberState;
  after: MemberState;
}

export interface Outcome {
  status: number;
  state: OrgState;
  effects: Effect[];
}

export function cloneState(state: OrgState): OrgState {
  return {
    members: Object.fromEntries(Object.entries(state.members).map(([id, m]) => [id, { ...m }])),
    roles: Object.fromEntries(Object.entries(state.roles).map(([id, p]) => [id, [...p]])),
  };
}

function isPredefined(roleId: string): boolean {
  return (PREDEFINED_SLUGS as readonly string[]).includes(roleId);
}

export function grantsManage(state: OrgState, roleId: string): boolean {
  if (roleId === "admin") return true;
  return state.roles[roleId]?.includes(MANAGE_ORGANIZATION) ?? false;
}

/** Active members whose role grants manage_organization. */
export function activeAdmins(state: OrgState): string[] {
  return Object.entries(state.members)
    .filter(([, m]) => m.active && grantsManage(state, m.roleId))
    .map(([id]) => id);
}

function refuse(state: OrgState, status: number): Outcome {
  return { status, state, effects: [] };
}

/** What one request does to `state` when it runs alone. `state` is not modified. */
export function applyOp(state: OrgState, op: Op): Outcome {
  const actor = state.members[op.actor];
  // A deactivated member's keys are revoked: 401. A member without the permission: 403.
  if (!actor?.active) return refuse(state, 401);
  if (!grantsManage(state, actor.roleId)) return refuse(state, 403);
  const next = cloneState(state);

  switch (op.kind) {
    case "update":
    case "bulk": {
      const targets = op.kind === "update" ? [op.target] : op.targets;
      if (targets.some((id) => !next.members[id])) return refuse(state, 404);
      if (!isPredefined(op.roleId) && !next.roles[op.roleId]) return refuse(state, 400);
      if (targets.some((id) => !next.members[id]?.active)) return refuse(state, 400);
      const effects: Effect[] = [];
      for (const id of targets) {
        const member = next.members[id] as MemberState;
        if (member.roleId === op.roleId) continue;
        const before = { ...member };
        member.roleId = op.roleId;
        effects.push({ objectId: id, action: "updated", before, after: { ...member } });
      }
      if (effects.length > 0 && activeAdmins(next).length === 0) return refuse(state, 400);
      return { status: 200, state: effects.length > 0 ? next : state, effects };
    }
    case "deactivate": {
      const member = next.members[op.target];
      if (!member) return refuse(state, 404);
      if (!member.active) return { status: 200, state, effects: [] };
      const before = { ...member };
      member.active = false;
      if (activeAdmins(next).length === 0) return refuse(state, 400);
      return {
        status: 200,
        state: next,
        effects: [{ objectId: op.target, action: "deactivated", before, after: { ...member } }],
      };
    }
    case "createRole":
      // The caller learns the new role's ID from the response and adds it to the state.
      return { status: 201, state, effects: [] };
    case "editRole": {
      const current = next.roles[op.roleId];
      if (!current) return refuse(state, 404);
      const permissions = [...new Set(op.permissions)].sort();
      if (JSON.stringify(permissions) === JSON.stringify(current)) {
        return { status: 200, state, effects: [] };
      }
      next.roles[op.roleId] = permissions;
      if (activeAdmins(next).length === 0) return refuse(state, 400);
      return { status: 200, state: next, effects: [] };
    }
    case "deleteRole": {
      if (!next.roles[op.roleId]) return refuse(state, 404);
      if (Object.values(next.members).some((m) => m.roleId === op.roleId)) {
        return refuse(state, 400);
      }
      delete next.roles[op.roleId];
      return { status: 200, state: next, effects: [] };
    }
  }
}

export interface ObservedRequest {
  op: Op;
  status: number;
  requestId: string | null;
}

/** An event row as stored (the fields the checker reads). */
export interface LoggedEvent {
  id: string;
  request_id: string | null;
  object_id: string;
  action: string;
  previous_data: string | null;
  data: string | null;
}

export type SerialCheck = { ok: true; order: number[] } | { ok: false; reason: string };

function sameState(a: OrgState, b: OrgState): boolean {
  const norm = (s: OrgState) =>
    JSON.stringify({
      members: Object.entries(s.members).sort(([x], [y]) => x.localeCompare(y)),
      roles: Object.entries(s.roles)
        .map(([id, p]) => [id, [...p].sort()])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    });
  return norm(a) === norm(b);
}

function effectMatches(effect: Effect, event: LoggedEvent): boolean {
  if (event.object_id !== effect.objectId || event.action !== effect.action) return false;
  const previous = event.previous_data ? JSON.parse(event.previous_data) : null;
  const data = event.data ? JSON.parse(event.data) : null;
  if (previous?.role_id !== effect.before.roleId) return false;
  if (effect.action === "deactivated") return data === null;
  return data?.role_id === effect.after.roleId;
}

/** Whether the events of one request are exactly the effects the model predicts (any order). */
function effectsMatch(effects: Effect[], events: LoggedEvent[]): boolean {
  if (effects.length !== events.length) return false;
  const remaining = [...events];
  for (const effect of effects) {
    const index = remaining.findIndex((event) => effectMatches(effect, event));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}

/**
 * Finds a serial order of `requests` that explains their statuses, the event log (`events`,
 * in date_created/id order, only the events these requests may have written) and `final`;
 * or says why there is none. The search is exhaustive over the orders the event log allows,
 * with a node budget that keeps it bounded.
 */
export function findSerialOrder(
  initial: OrgState,
  requests: readonly ObservedRequest[],
  events: readonly LoggedEvent[],
  final: OrgState,
  budget = 2_000_000,
): SerialCheck {
  const byRequestId = new Map<string, number>();
  requests.forEach((request, index) => {
    if (request.requestId) byRequestId.set(request.requestId, index);
  });

  // The event log, cut into one block per request (a request's events are written in one
  // transaction, under the organization's lock, so they must be contiguous).
  const blocks: Array<{ request: number; events: LoggedEvent[] }> = [];
  for (const event of events) {
    const index = event.request_id === null ? undefined : byRequestId.get(event.request_id);
    if (index === undefined) {
      return { ok: false, reason: `event ${event.id} comes from no request of this round` };
    }
    const last = blocks[blocks.length - 1];
    if (last && last.request === index) last.events.push(event);
    else blocks.push({ request: index, events: [event] });
  }
  const blockOf = new Map<number, number>();
  for (const [position, block] of blocks.entries()) {
    if (blockOf.has(block.request)) {
      return { ok: false, reason: `the events of request ${block.request} are not contiguous` };
    }
    const request = requests[block.request] as ObservedRequest;
    if (request.status < 200 || request.status > 299) {
      return {
        ok: false,
        reason: `request ${block.request} (${request.op.kind}) failed with ${request.status} but left ${block.events.length} event(s)`,
      };
    }
    blockOf.set(block.request, position);
  }

  let nodes = 0;
  let deepest: number[] = [];
  const order: number[] = [];
  const placed = new Array<boolean>(requests.length).fill(false);

  const search = (state: OrgState, nextBlock: number): boolean => {
    if (order.length === requests.length) return sameState(state, final);
    if (++nodes > budget) return false;
    if (order.length > deepest.length) deepest = [...order];
    const candidates: number[] = [];
    const next = blocks[nextBlock];
    if (next) candidates.push(next.request);
    for (let i = 0; i < requests.length; i++) if (!placed[i] && !blockOf.has(i)) candidates.push(i);
    for (const index of candidates) {
      const request = requests[index] as ObservedRequest;
      const outcome = applyOp(state, request.op);
      if (outcome.status !== request.status) continue;
      const block = blockOf.has(index) ? blocks[blockOf.get(index) as number] : undefined;
      if (block ? !effectsMatch(outcome.effects, block.events) : outcome.effects.length > 0) {
        continue;
      }
      placed[index] = true;
      order.push(index);
      if (search(outcome.state, block ? nextBlock + 1 : nextBlock)) return true;
      order.pop();
      placed[index] = false;
    }
    return false;
  };

  if (search(initial, 0)) return { ok: true, order: [...order] };
  const why =
    nodes > budget
      ? `the search budget (${budget} nodes) ran out`
      : `no serial order explains them; the longest consistent prefix was [${deepest.join(", ")}]`;
  return { ok: false, reason: why };
}

/** A small seeded PRNG (mulberry32), so that a failing round can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
