import type { Actor } from "../domain/actor.ts";
import { normalizeDomain } from "../domain/emails.ts";
import { formatTimestamp } from "../domain/time.ts";
import { type FieldErrors, RosterError } from "../errors.ts";
import {
  findOrganization,
  type Organization,
  updateOrganizationRow,
} from "../store/organizations.ts";
import type { OrganizationRow } from "../store/schema.ts";
import type { Tx } from "../store/store.ts";
import { beginOrganizationWrite } from "./rules.ts";

export interface OrganizationPatch {
  name?: string;
  /** Roster's names for the domain settings that membership create depends on. */
  verified_email_domains?: string[];
  restrict_new_users_to_verified_domains?: boolean;
}

/**
 * `PUT /organization/{id}/` and `roster org set`: the name and the email-domain settings.
 * Domains are stored canonical (lower case, punycode) and de-duplicated, in the order given.
 */
export async function updateOrganization(
  tx: Tx,
  actor: Actor,
  patch: OrganizationPatch,
  now: Date,
): Promise<Organization> {
  await beginOrganizationWrite(tx, actor);
  const errors: FieldErrors = {};
  const changes: Partial<OrganizationRow> = {};
  if (patch.name !== undefined) {
    changes.name = patch.name.trim();
    if (changes.name === "") errors.name = "This field may not be blank.";
  }
  if (patch.verified_email_domains !== undefined) {
    const domains = patch.verified_email_domains.map(
      (domain) => [domain, normalizeDomain(domain)] as const,
    );
    const invalid = domains
      .filter(([, normalized]) => normalized === undefined)
      .map(([raw]) => raw);
    if (invalid.length > 0)
      errors.verified_email_domains = `Not valid domains: ${invalid.slice(0, 10).join(", ")}.`;
    changes.verified_email_domains = JSON.stringify([
      ...new Set(domains.map(([, normalized]) => normalized)),
    ]);
  }
  if (patch.restrict_new_users_to_verified_domains !== undefined) {
    changes.restrict_new_users_to_verified_domains = patch.restrict_new_users_to_verified_domains
      ? 1
      : 0;
  }
  if (Object.keys(errors).length > 0) throw RosterError.validation(errors);
  if (Object.keys(changes).length > 0) {
    await updateOrganizationRow(tx, actor.organizationId, {
      ...changes,
      updated_by: actor.userId ?? undefined,
      date_updated: formatTimestamp(now),
    });
  }
  return (await findOrganization(tx, actor.organizationId)) as Organization;
}
