import { randomFillSync } from "node:crypto";

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
  oauthGrant: ["oa2grant_", 22],
  event: ["ev_", 22],
  request: ["req_", 22],
  webhook: ["whsub_", 22],
  webhookDelivery: ["whdel_", 22],
  webhookAttempt: ["whatt_", 22],
} as const satisfies Record<string, readonly [string, number]>;

export type IdKind = keyof typeof ID_KINDS;

/**
 * CSPRNG bytes drawn from a buffer refilled 4 KiB at a time: a request makes two or three IDs,
 * and one `randomBytes` call per ID cost more than the rest of the ID's making. Each byte is
 * used once.
 */
const randomPool = { bytes: Buffer.alloc(4096), next: 4096 };

function randomByte(): number {
  if (randomPool.next === randomPool.bytes.length) {
    randomFillSync(randomPool.bytes);
    randomPool.next = 0;
  }
  return randomPool.bytes[randomPool.next++] as number;
}

/**
 * Uniform base62 from a CSPRNG: bytes ≥ 248 are rejected so that every character is equally
 * likely (248 = 4 × 62).
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

/** Characters of a time-ordered ID that encode its millisecond (62^8 ms ≈ 6,900 years). */
const TIME_CHARS = 8;

/**
 * A new ID. With `at`, its first characters encode that instant, so IDs made later sort after
 * (base62's digits are in ASCII order): events get these, and an index on a time-ordered key
 * grows at its end instead of touching a random page per insert. The rest stays random.
 */
export function newId(kind: IdKind, at?: Date): string {
  const [prefix, length] = ID_KINDS[kind];
  if (!at) return prefix + randomBase62(length);
  let time = "";
  for (let ms = Math.max(0, at.getTime()), i = 0; i < TIME_CHARS; i++, ms = Math.floor(ms / 62)) {
    time = BASE62[ms % 62] + time;
  }
  return prefix + time + randomBase62(length - TIME_CHARS);
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
