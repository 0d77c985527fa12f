// Fault rules for the test double: which requests to fail, slow down or drop, and how often.
import { randomBytes } from "node:crypto";
import { formatRateLimit } from "../ratelimit/header.ts";

export type FaultDrop = "before_body" | "after_body";
export type FaultPhase = "before_commit" | "after_commit";

/** A rule as a test writes it: `method` and `route` are required, the rest has defaults. */
export interface FaultRuleInput {
  /** An HTTP method, or `*` for any. */
  method: string;
  /** A route in OpenAPI form (`/api/v1/membership/{id}/`), a concrete path, or `*` for any. */
  route: string;
  /** The status to answer with (default 503); null: no answer of its own (latency or drop only). */
  status?: number | null;
  latency_ms?: number;
  drop?: FaultDrop | null;
  phase?: FaultPhase;
  /** How many times the rule fires before it is spent (default 1); null: without end. */
  count?: number | null;
  /** The chance that a matching request is faulted (default 1). */
  probability?: number;
  /** Only requests authenticated in this organization. */
  organization_id?: string | null;
  /** Only requests made with this API key (its `api_...` ID). */
  credential_id?: string | null;
  /** For a 429: the seconds in `Retry-After` and the `RateLimit` reset (default 1). */
  retry_after_seconds?: number;
}

export interface FaultRule extends Required<FaultRuleInput> {
  id: string;
  /** How many times it has fired so far. */
  fired: number;
}

/** The statuses a fault may answer with, each with Close's body for it. */
const FAULT_BODIES: Record<number, string> = {
  400: "Bad request.",
  401: "Invalid or missing credentials.",
  403: "You do not have permission to perform this action.",
  404: "Not found.",
  409: "Conflict.",
  429: "API call count exceeded for this window",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

export const FAULT_STATUSES = Object.keys(FAULT_BODIES).map(Number);

/** A rule that does not make sense; `field` names it (e.g. `rules[0].status`). */
export class FaultRuleError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Status, headers and body of a faulted answer, shaped as Close shapes its own. */
export function faultAnswer(rule: FaultRule): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  const status = rule.status as number;
  const message = FAULT_BODIES[status] ?? "Service unavailable";
  if (status !== 429) return { status, headers: {}, body: { error: message } };
  const window = rule.retry_after_seconds;
  const limit = 20;
  return {
    status,
    headers: {
      RateLimit: formatRateLimit(limit, 0, window),
      "Retry-After": String(Math.ceil(window)),
    },
    body: {
      error: {
        message: `${message} (${window} s)`,
        rate_reset: window,
        rate_limit: limit,
        rate_window: window,
        rate_limit_type: "key",
      },
    },
  };
}

/** The route as a rule names it: OpenAPI's `{param}`, no trailing slash. */
export function normalizeRoute(route: string): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, "{$1}").replace(/\/+$/, "") || "/";
}

/** What a request looks like to the rules. */
export interface FaultTarget {
  method: string;
  /** The matched route in OpenAPI form. */
  route: string;
  path: string;
  organizationId: string | null;
  credentialId: string | null;
}

/**
 * The current fault rules. Rules are tried in order; the first that matches and wins its
 * draw (probability) fires. Draws come from a seeded generator, so a test that sets a seed
 * sees the same requests faulted on every run.
 */
export class Faults {
  private rules: FaultRule[] = [];
  private random: () => number = seededRandom(randomBytes(4).readUInt32LE());

  /** Replaces every rule (and, if given, reseeds the draws). Returns the stored rules. */
  set(inputs: FaultRuleInput[], options: { seed?: number } = {}): FaultRule[] {
    const rules = inputs.map((input, i) => toRule(input, `rules[${i}]`));
    if (options.seed !== undefined) this.random = seededRandom(options.seed);
    this.rules = rules;
    return this.list();
  }

  /** Adds one rule after the others. */
  add(input: FaultRuleInput): FaultRule {
    const rule = toRule(input, "rule");
    this.rules.push(rule);
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  seed(seed: number): void {
    this.random = seededRandom(seed);
  }

  /** The rule that fires for this request, if any (counting it as fired). */
  decide(target: FaultTarget): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, target)) continue;
      if (rule.count !== null && rule.fired >= rule.count) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.fired++;
      return { ...rule };
    }
    return undefined;
  }
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method !== "*" && rule.method !== target.method) return false;
  if (rule.route !== "*") {
    const route = normalizeRoute(rule.route);
    if (route !== normalizeRoute(target.route) && route !== normalizeRoute(target.path))
      return false;
  }
  if (rule.organization_id !== null && rule.organization_id !== target.organizationId) return false;
  if (rule.credential_id !== null && rule.credential_id !== target.credentialId) return false;
  return true;
}

function toRule(input: FaultRuleInput, at: string): FaultRule {
  if (typeof input !== "object" || input === null)
    throw new FaultRuleError(at, "must be an object");
  const method = typeof input.method === "string" ? input.method.toUpperCase() : "";
  if (!/^([A-Z]+|\*)$/.test(method))
    throw new FaultRuleError(`${at}.method`, "must be an HTTP method or *");
  if (typeof input.route !== "string" || !(input.route === "*" || input.route.startsWith("/")))
    throw new FaultRuleError(
      `${at}.route`,
      "must be a path such as /api/v1/membership/{id}/, or *",
    );
  const status = input.status === undefined ? 503 : input.status;
  if (status !== null && !FAULT_STATUSES.includes(status))
    throw new FaultRuleError(`${at}.status`, `must be one of ${FAULT_STATUSES.join(", ")} or null`);
  const latency = input.latency_ms ?? 0;
  if (!Number.isInteger(latency) || latency < 0 || latency > 60_000)
    throw new FaultRuleError(`${at}.latency_ms`, "must be an integer from 0 to 60000");
  const drop = input.drop ?? null;
  if (drop !== null && drop !== "before_body" && drop !== "after_body")
    throw new FaultRuleError(`${at}.drop`, "must be null, before_body or after_body");
  const phase = input.phase ?? "before_commit";
  if (phase !== "before_commit" && phase !== "after_commit")
    throw new FaultRuleError(`${at}.phase`, "must be before_commit or after_commit");
  if (phase === "after_commit" && drop === "before_body")
    throw new FaultRuleError(
      `${at}.drop`,
      "before_body cannot happen after the commit: use after_body",
    );
  const count = input.count === undefined ? 1 : input.count;
  if (count !== null && (!Number.isInteger(count) || count < 1))
    throw new FaultRuleError(`${at}.count`, "must be a positive integer or null (no limit)");
  const probability = input.probability ?? 1;
  if (typeof probability !== "number" || !(probability > 0 && probability <= 1))
    throw new FaultRuleError(`${at}.probability`, "must be a number above 0 and at most 1");
  const retryAfter = input.retry_after_seconds ?? 1;
  if (!Number.isInteger(retryAfter) || retryAfter < 1 || retryAfter > 86_400)
    throw new FaultRuleError(`${at}.retry_after_seconds`, "must be an integer from 1 to 86400");
  if (status === null && drop === null && latency === 0)
    throw new FaultRuleError(at, "does nothing: set a status, a drop or latency_ms");
  for (const field of ["organization_id", "credential_id"] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== "string")
      throw new FaultRuleError(`${at}.${field}`, "must be a string or null");
  }
  return {
    id: `fault_${randomBytes(9).toString("base64url")}`,
    method,
    route: input.route,
    status,
    latency_ms: latency,
    drop,
    phase,
    count,
    probability,
    organization_id: input.organization_id ?? null,
    credential_id: input.credential_id ?? null,
    retry_after_seconds: retryAfter,
    fired: 0,
  };
}

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
