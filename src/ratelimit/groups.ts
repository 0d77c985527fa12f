// Rate limits: which endpoint group a request belongs to, and each group's default limit.

/**
 * The endpoint groups, each with its own budget: a script busy with membership writes does
 * not eat into its own reads. `by` says whose budget a request spends: the caller's credential
 * (and, at three times the limit by default, its organization's), or the client's address for
 * endpoints reached before anyone is authenticated.
 */
export const RATE_LIMIT_GROUPS = {
  read: { env: "ROSTER_RATE_LIMIT_READ", perWindow: 40, by: "credential" },
  write: { env: "ROSTER_RATE_LIMIT_WRITE", perWindow: 20, by: "credential" },
  membership_write: { env: "ROSTER_RATE_LIMIT_MEMBERSHIP_WRITE", perWindow: 20, by: "credential" },
  oauth_token: { env: "ROSTER_RATE_LIMIT_OAUTH_TOKEN", perWindow: 10, by: "address" },
  sign_in: { env: "ROSTER_RATE_LIMIT_SIGN_IN", perWindow: 5, by: "address" },
  unauthenticated: { env: "ROSTER_RATE_LIMIT_UNAUTHENTICATED", perWindow: 10, by: "address" },
} as const;

export type RateLimitGroup = keyof typeof RATE_LIMIT_GROUPS;

export const RATE_LIMIT_GROUP_NAMES = Object.keys(RATE_LIMIT_GROUPS) as RateLimitGroup[];

/**
 * Endpoints outside `/api/v1` that are limited per address, by path prefix (POST only). Their
 * own routes may also say so with `config: { rateLimitGroup }`.
 */
export const ADDRESS_LIMITED_PATHS: ReadonlyArray<readonly [string, RateLimitGroup]> = [
  ["/oauth2/token", "oauth_token"],
  ["/oauth2/revoke", "oauth_token"],
  ["/app/sign-in", "sign_in"],
];

/** The group of an authenticated `/api/v1` request, from its method and route. */
export function apiGroupOf(method: string, routeUrl: string | undefined): RateLimitGroup {
  if (method === "GET" || method === "HEAD") return "read";
  return routeUrl?.startsWith("/api/v1/membership") ? "membership_write" : "write";
}

/** The address-limited group of a request outside `/api/v1`, if any. */
export function addressGroupOf(method: string, url: string): RateLimitGroup | undefined {
  if (method !== "POST") return undefined;
  for (const [prefix, group] of ADDRESS_LIMITED_PATHS) {
    if (url.startsWith(prefix)) return group;
  }
  return undefined;
}
