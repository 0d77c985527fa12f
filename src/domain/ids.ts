import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Object types and their Close prefixes; the number is how many random characters follow. */
export const ID_KINDS = {
  membership: ["memb_", 43],
  user: ["user_", 43],
  organization: ["orga_", 43],
  role: ["role_", 43],
  phone: ["phon_", 43],
  savedView: ["save_", 43],
  apiKey: ["api_", 22],
  accessToken: ["oa2at_", 22],
  oauthApp: ["oa2client_", 22],
  event: ["ev_", 22],
  request: ["req_", 22],
  webhook: ["whsub_", 22],
} as const satisfies Record<string, readonly [string, number]>;

export type IdKind = keyof typeof ID_KINDS;

/**
 * Uniform base62 from a CSPRNG: bytes ≥ 248 are rejected so that every character is equally
 * likely (248 = 4 × 62).
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function newId(kind: IdKind): string {
  const [prefix, length] = ID_KINDS[kind];
  return prefix + randomBase62(length);
}

/** True when `value` looks like an ID of that kind. Lengths are not enforced: Close's are not. */
export function isIdOf(kind: IdKind, value: string): boolean {
  const [prefix] = ID_KINDS[kind];
  return (
    value.length <= 100 &&
    value.startsWith(prefix) &&
    /^[A-Za-z0-9]+$/.test(value.slice(prefix.length))
  );
}
