import { isIP } from "node:net";
import { RATE_LIMIT_GROUPS, type RateLimitGroup } from "./ratelimit/groups.ts";
import { DatabaseUrlError, parseDatabaseUrl } from "./store/database-url.ts";

/**
 * Configuration from the environment, validated once at start. A bad value stops the
 * process with a message that names the variable.
 */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  /** Largest accepted request body, in bytes (Close: 1 MiB). */
  bodyLimit: number;
  logLevel: string;
  /** SQLite's `synchronous` pragma; FULL makes every acknowledged write survive power loss. */
  sqliteSynchronous: "FULL" | "NORMAL" | "OFF";
  /** Create a demo organization when the database is empty. */
  seedDemo: boolean;
  /** PostgreSQL connections per instance. */
  pgPoolSize: number;
  /**
   * The origin clients reach Roster at (e.g. `https://roster.example.com`): the OAuth issuer
   * and endpoint URLs. Unset: taken from each request's protocol and Host.
   */
  publicUrl: string | undefined;
  /** Webhooks may go to loopback and private addresses (never link-local or metadata ones). */
  webhookAllowPrivate: boolean;
  /** How long a dispatcher's claim on a delivery holds before another instance may take it. */
  webhookLeaseSeconds: number;
  /** Enables the test double's `/_roster/` controls, which require it as a Bearer token. */
  controlToken: string | undefined;
  /** Redis, when set: rate limits are shared by every instance that uses it. */
  redisUrl: string | undefined;
  rateLimits: RateLimitSettings;
  /** How long clients may take, and how many connections one address may hold open. */
  connections: ConnectionLimits;
  /** Count and time requests and units of work (`GET /metrics`). */
  metrics: boolean;
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** When set, `GET /metrics` is served on this port (on HOST) instead of the API's. */
  metricsPort: number | undefined;
  /** `auto`: JSON lines unless stdout is a terminal; `json`; `pretty` (human-readable). */
  logFormat: "auto" | "json" | "pretty";
  /**
   * The DNS server (`address` or `address:port`) that domain verification asks for TXT
   * records; unset: the system's resolvers.
   */
  dnsResolver: string | undefined;
  /** On SIGTERM, most milliseconds to finish in-flight requests before cutting connections. */
  shutdownTimeout: number;
  /** `ROSTER_WORKERS`: server processes sharing the port; unset: one per core. */
  workers: number | undefined;
}

/** Rate limits (`src/ratelimit/`); a limit of 0 is off. */
export interface RateLimitSettings {
  /** `ROSTER_RATE_LIMITS=off`: no limit at all, and no `RateLimit` header. */
  enabled: boolean;
  windowSeconds: number;
  /** Requests per window per credential (or per address), by endpoint group. */
  perWindow: Record<RateLimitGroup, number>;
  /** An organization's limit is this many times its credentials' limit (0: none). */
  organizationFactor: number;
  /** Prefix of every Redis key the limiter writes. */
  redisPrefix: string;
}

export interface ConnectionLimits {
  /** Whole request, headers and body, must arrive within this (408 after). */
  requestTimeoutMs: number;
  /** Headers must arrive within this; less than or equal to `requestTimeoutMs`. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections one client address may hold; more are closed at once. */
  maxPerAddress: number;
}

export const DEFAULT_DATABASE_URL = "sqlite:./data/roster.db";
/** Most server processes `ROSTER_WORKERS` / `--workers` may ask for. */
export const MAX_WORKERS = 256;

export class ConfigError extends Error {}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (value === undefined) {
    throw new ConfigError(`${name} must be one of ${allowed.join(", ")}, got "${raw}".`);
  }
  return value;
}

function origin(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new ConfigError(
      `${name} must be an http(s) URL without query or fragment, got "${raw}".`,
    );
  }
  return raw.replace(/\/+$/, "");
}

/** `DATABASE_URL`, refused at start when it names no database Roster can open. */
function databaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(raw);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(error.message);
    throw error;
  }
  return raw;
}

function controlToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.ROSTER_CONTROL_TOKEN;
  if (token === undefined || token === "") return undefined;
  if (token.length < 16 || /\s/.test(token))
    throw new ConfigError("ROSTER_CONTROL_TOKEN must be at least 16 characters, without spaces.");
  return token;
}

/** `DNS_RESOLVER`: an IP address with an optional port (`127.0.0.1:5353`, `[::1]:53`). */
function dnsResolver(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DNS_RESOLVER;
  if (raw === undefined || raw === "") return undefined;
  const match =
    /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(raw) ?? /^([0-9a-fA-F:]+)$/.exec(raw);
  const address = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? 53 : Number(match[3]);
  if (!address || isIP(address) === 0 || port < 1 || port > 65535) {
    throw new ConfigError(
      `DNS_RESOLVER must be an IP address with an optional port (127.0.0.1:5353), got "${raw}".`,
    );
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST || "127.0.0.1",
    port: integer(env, "PORT", 8080, 0, 65535),
    databaseUrl: databaseUrl(env),
    bodyLimit: integer(env, "BODY_LIMIT", 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel: oneOf(
      env,
      "LOG_LEVEL",
      ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
      "info",
    ),
    sqliteSynchronous: oneOf(env, "SQLITE_SYNCHRONOUS", ["FULL", "NORMAL", "OFF"], "FULL"),
    seedDemo: oneOf(env, "SEED_DEMO", ["true", "false"], "true") === "true",
    pgPoolSize: integer(env, "PG_POOL_SIZE", 10, 1, 1000),
    publicUrl: origin(env, "PUBLIC_URL"),
    webhookAllowPrivate:
      oneOf(env, "ROSTER_WEBHOOK_ALLOW_PRIVATE", ["true", "false"], "false") === "true",
    // Longer than a delivery's 10-second timeout, so a live claim never runs out mid-attempt.
    webhookLeaseSeconds: integer(env, "ROSTER_WEBHOOK_LEASE_SECONDS", 60, 15, 3600),
    controlToken: controlToken(env),
    redisUrl: env.REDIS_URL || undefined,
    rateLimits: loadRateLimitSettings(env),
    connections: connectionLimits(env),
    metrics: oneOf(env, "METRICS", ["true", "false"], "true") === "true",
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsPort: env.METRICS_PORT ? integer(env, "METRICS_PORT", 0, 1, 65535) : undefined,
    logFormat: oneOf(env, "LOG_FORMAT", ["auto", "json", "pretty"], "auto"),
    shutdownTimeout: integer(env, "SHUTDOWN_TIMEOUT", 10_000, 0, 3_600_000),
    workers: env.ROSTER_WORKERS ? integer(env, "ROSTER_WORKERS", 1, 1, MAX_WORKERS) : undefined,
    dnsResolver: dnsResolver(env),
  };
}

function loadRateLimitSettings(env: NodeJS.ProcessEnv): RateLimitSettings {
  const perWindow = {} as Record<RateLimitGroup, number>;
  for (const [group, { env: name, perWindow: fallback }] of Object.entries(RATE_LIMIT_GROUPS)) {
    perWindow[group as RateLimitGroup] = integer(env, name, fallback, 0, 1_000_000_000);
  }
  return {
    enabled: oneOf(env, "ROSTER_RATE_LIMITS", ["on", "off"], "on") === "on",
    windowSeconds: integer(env, "ROSTER_RATE_LIMIT_WINDOW", 1, 1, 3600),
    perWindow,
    organizationFactor: integer(env, "ROSTER_RATE_LIMIT_ORGANIZATION_FACTOR", 3, 0, 1000),
    redisPrefix: env.ROSTER_RATE_LIMIT_REDIS_PREFIX || "roster:ratelimit:",
  };
}

function connectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const requestTimeoutMs = integer(env, "REQUEST_TIMEOUT_MS", 30_000, 1000, 3_600_000);
  const headersTimeoutMs = integer(env, "HEADERS_TIMEOUT_MS", 10_000, 500, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`,
    );
  }
  return {
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: integer(env, "KEEP_ALIVE_TIMEOUT_MS", 65_000, 1000, 3_600_000),
    maxPerAddress: integer(env, "MAX_CONNECTIONS_PER_ADDRESS", 256, 1, 1_000_000),
  };
}
