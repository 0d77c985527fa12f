// Proof by DNS: the TXT records of a domain, looked up through the system resolver or DNS_RESOLVER.

import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";

/** The TXT record an organization publishes on its domain to prove it owns it. */
export const RECORD_PREFIX = "roster-domain-verification=";

export function verificationRecord(token: string): string {
  return `${RECORD_PREFIX}${token}`;
}

/** A fresh token: 24 random bytes, base64url (32 characters, safe in a TXT record). */
export function newVerificationToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The domain's TXT records, each joined from its strings (a long record arrives in chunks).
 * `server` (`host:port`, or a bare address) replaces the system's resolvers. A domain without
 * TXT records, or one that does not exist, has none; a resolver that cannot be reached
 * throws.
 */
export async function txtRecords(domain: string, server: string | undefined): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (server !== undefined) resolver.setServers([server]);
  try {
    const records = await resolver.resolveTxt(domain);
    return records.map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENODATA" || code === "ENOTFOUND" || code === "NXDOMAIN") return [];
    throw error;
  }
}
