import { domainToASCII } from "node:url";
import { RosterError } from "../errors.ts";

/** One label of a host name: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The local part of an address: RFC 5322's dot-atom (letters, digits and
 * ``!#$%&'*+/=?^_`{|}~-``, dots only between them), plus non-ASCII letters, marks and digits
 * (RFC 6531). Quoted local parts, comments, spaces and control characters are refused: no
 * mail system a Close organization uses hands them out.
 */
const LOCAL_PART =
  /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;

/**
 * A domain in one canonical form: lower case, internationalized names as punycode, no
 * trailing dot. Undefined when it is not a host name of at least two labels, each made of
 * letters, digits and inner hyphens, with a top-level label that is not all digits (so no
 * IP addresses).
 */
export function normalizeDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, "")).toLowerCase();
  if (ascii === "" || ascii.length > 253) return undefined;
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  return /^\d+$/.test(labels.at(-1) as string) ? undefined : ascii;
}

/** Emails are compared case-insensitively and stored normalized (lower case, punycode domain). */
export function normalizeEmail(email: string, field = "email"): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  const local = trimmed.slice(0, Math.max(at, 0)).toLowerCase();
  const domain = at > 0 ? normalizeDomain(trimmed.slice(at + 1)) : undefined;
  const normalized = domain ? `${local}@${domain}` : "";
  if (!domain || local.length > 64 || !LOCAL_PART.test(local) || normalized.length > 254) {
    throw RosterError.validation({ [field]: "Enter a valid email address." });
  }
  return normalized;
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}
