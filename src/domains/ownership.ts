// Proof of domain ownership: which domains an organization claims, and how a claim becomes verified.
import { normalizeDomain } from "../domain/emails.ts";
import { formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import type { Store, Tx } from "../store/store.ts";
import { newVerificationToken, RECORD_PREFIX, txtRecords, verificationRecord } from "./dns.ts";
import { isPublicMailDomain } from "./public-mail.ts";
import {
  deleteDomains,
  type EmailDomain,
  findDomain,
  insertDomains,
  listDomains,
  lockDomain,
  markVerified,
  verifiedBy,
} from "./store.ts";

const FIELD = "verified_email_domains";

/** A claim as the API and the CLI show it: the TXT record to publish instead of the bare token. */
export function presentDomain(claim: EmailDomain) {
  return {
    domain: claim.domain,
    status: claim.status,
    verification_record: verificationRecord(claim.token),
    date_created: claim.date_created,
    date_verified: claim.date_verified,
  };
}

/**
 * The requested domains in canonical form, de-duplicated in the order given. Names that are
 * not domains, and public mail domains (never anyone's to claim), are a field error.
 */
export function canonicalDomains(requested: readonly string[], field = FIELD): string[] {
  const canonical = requested.map((raw) => [raw, normalizeDomain(raw)] as const);
  const invalid = canonical.filter(([, domain]) => domain === undefined).map(([raw]) => raw);
  if (invalid.length > 0) {
    throw RosterError.validation({
      [field]: `Not valid domains: ${invalid.slice(0, 10).join(", ")}.`,
    });
  }
  const domains = [...new Set(canonical.map(([, domain]) => domain as string))];
  const publicOnes = domains.filter(isPublicMailDomain);
  if (publicOnes.length > 0) {
    throw RosterError.validation({
      [field]: `Public mail domains cannot be verified: ${publicOnes.slice(0, 10).join(", ")}.`,
    });
  }
  return domains;
}

/**
 * Makes `domains` the organization's whole list: domains it already has keep their state (and
 * token), new ones start `pending` with a fresh token, the rest are removed (a verified one is
 * released). With `operator` (the CLI), every listed domain is verified at once: the operator
 * vouches for it. The caller holds the organization's write lock.
 */
export async function replaceDomains(
  tx: Tx,
  organizationId: string,
  domains: readonly string[],
  operator: boolean,
  now: Date,
): Promise<void> {
  const existing = await listDomains(tx, organizationId);
  const wanted = new Set(domains);
  const stamp = formatTimestamp(now);
  await deleteDomains(
    tx,
    organizationId,
    existing.filter((row) => !wanted.has(row.domain)).map((row) => row.domain),
  );
  const known = new Set(existing.map((row) => row.domain));
  await insertDomains(
    tx,
    domains
      .filter((domain) => !known.has(domain))
      .map((domain) => ({
        organization_id: organizationId,
        domain,
        status: "pending" as const,
        token: newVerificationToken(),
        date_created: stamp,
        date_verified: null,
      })),
  );
  if (operator) {
    for (const domain of domains) await verifyDomain(tx, organizationId, domain, now);
  }
}

/**
 * Marks the organization's claim on `domain` verified, unless another organization has
 * verified it (400, naming the field). `token`, when given, must still be the claim's token
 * (the one the DNS record proved). Adds the claim first if the organization has none (the
 * operator's `roster org verify-domain`). Checked and written under the domain's lock.
 */
export async function verifyDomain(
  tx: Tx,
  organizationId: string,
  domain: string,
  now: Date,
  token?: string,
): Promise<EmailDomain> {
  await lockDomain(tx, domain);
  let claim = await findDomain(tx, organizationId, domain);
  if (claim?.status === "verified") return claim;
  if (claim && token !== undefined && claim.token !== token) {
    throw new RosterError(
      "bad_request",
      `The verification token of ${domain} changed; look it up again.`,
    );
  }
  const owner = await verifiedBy(tx, domain);
  if (owner !== undefined && owner !== organizationId) {
    throw RosterError.validation({
      [FIELD]: `${domain} is already verified by another organization.`,
    });
  }
  if (!claim) {
    if (token !== undefined) throw RosterError.notFound("Domain");
    claim = {
      organization_id: organizationId,
      domain,
      status: "pending",
      token: newVerificationToken(),
      date_created: formatTimestamp(now),
      date_verified: null,
    };
    await insertDomains(tx, [claim]);
  }
  await markVerified(tx, organizationId, domain, formatTimestamp(now));
  return (await findDomain(tx, organizationId, domain)) as EmailDomain;
}

/**
 * The DNS check: looks up the domain's TXT records (outside any transaction: a slow resolver
 * must not hold the write lock) and verifies the claim if one of them is
 * `roster-domain-verification=<its token>`. A claim already verified is returned as it is.
 */
export async function checkDomain(
  store: Store,
  organizationId: string,
  domain: string,
  resolver: string | undefined,
  now: () => Date,
): Promise<EmailDomain> {
  const claim = await findDomain(store.db, organizationId, domain);
  if (!claim) throw RosterError.notFound("Domain");
  if (claim.status === "verified") return claim;
  let records: string[];
  try {
    records = await txtRecords(domain, resolver);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new RosterError(
      "bad_request",
      `The TXT records of ${domain} could not be looked up (${code}); try again later.`,
    );
  }
  if (!records.includes(verificationRecord(claim.token))) {
    const seen = records.some((record) => record.startsWith(RECORD_PREFIX));
    throw new RosterError(
      "bad_request",
      seen
        ? `${domain} has a ${RECORD_PREFIX} TXT record, but not with this organization's token.`
        : `${domain} has no TXT record ${verificationRecord(claim.token)} yet.`,
    );
  }
  return store.write((tx) => verifyDomain(tx, organizationId, domain, now(), claim.token));
}
