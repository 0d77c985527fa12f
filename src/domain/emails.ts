import { domainToASCII } from "node:url";
import { RosterError } from "../errors.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A domain in one canonical form: lower case, internationalized names as punycode, no
 * trailing dot. Undefined when it is not a valid host name.
 */
export function normalizeDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, "")).toLowerCase();
  return ascii !== "" && ascii.includes(".") && ascii.length <= 253 ? ascii : undefined;
}

/** Emails are compared case-insensitively and stored normalized (lower case, punycode domain). */
export function normalizeEmail(email: string, field = "email"): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  const domain = at > 0 ? normalizeDomain(trimmed.slice(at + 1)) : undefined;
  const normalized = domain ? `${trimmed.slice(0, at).toLowerCase()}@${domain}` : "";
  if (!EMAIL.test(normalized) || normalized.length > 254) {
    throw RosterError.validation({ [field]: "Enter a valid email address." });
  }
  return normalized;
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}
