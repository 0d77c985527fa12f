// Close's webhook signature: hex HMAC-SHA256, keyed with the hex-decoded signature key, over timestamp + raw body.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new subscription's signing key: 32 random bytes as 64 hex characters. */
export function newSignatureKey(): string {
  return randomBytes(32).toString("hex");
}

/** The `close-sig-hash` of a body sent at `timestamp` (unix seconds, as sent in `close-sig-timestamp`). */
export function signatureOf(
  signatureKey: string,
  timestamp: string,
  body: string | Buffer,
): string {
  return createHmac("sha256", Buffer.from(signatureKey, "hex"))
    .update(timestamp)
    .update(body)
    .digest("hex");
}

/** Checks a received signature in constant time; false for any malformed input. */
export function signatureMatches(
  signatureKey: string,
  timestamp: string | undefined,
  body: Buffer,
  hash: string | undefined,
): boolean {
  if (!timestamp || !hash || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(signatureOf(signatureKey, timestamp, body), "hex");
  return timingSafeEqual(expected, Buffer.from(hash, "hex"));
}
