import type { Actor } from "../domain/actor.ts";
import { formatTimestamp } from "../domain/time.ts";
import { canonicalDomains, replaceDomains } from "../domains/ownership.ts";
import { collectFieldErrors, type FieldErrors, RosterError } from "../errors.ts";
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
  /**
   * Roster's names for the domain settings that membership create depends on. The list is
   * the organization's whole set of domains, verified and pending (see replaceDomains).
   */
  verified_email_domains?: string[];
  restrict_new_users_to_verified_domains?: boolean;
}

/**
 * `PUT /organization/{id}/` and `roster org set`: the name and the email-domain settings.
 * Domains are stored canonical (lower case, punycode); a new one is `pending` until proven,
 * except from the operator (`operator`: the CLI), who vouches for the domains it lists.
 */
export async function updateOrganization(
  tx: Tx,
  actor: Actor,
  patch: OrganizationPatch,
  now: Date,
  operator = false,
): Promise<Organization> {
  await beginOrganizationWrite(tx, actor);
  const domains = checkOrganizationPatch(patch);
  const changes: Partial<OrganizationRow> = {};
  if (patch.name !== undefined) changes.name = patch.name.trim();
  if (patch.restrict_new_users_to_verified_domains !== undefined) {
    changes.restrict_new_users_to_verified_domains = patch.restrict_new_users_to_verified_domains
      ? 1
      : 0;
  }
  if (domains !== undefined) {
    await replaceDomains(tx, actor.organizationId, domains, operator, now);
    changes.date_updated = formatTimestamp(now);
  }
  if (Object.keys(changes).length > 0) {
    await updateOrganizationRow(tx, actor.organizationId, {
      ...changes,
      updated_by: actor.userId ?? undefined,
      date_updated: formatTimestamp(now),
    });
  }
  return (await findOrganization(tx, actor.organizationId)) as Organization;
}

/**
 * The checks of an organization patch beyond its schema, all reported at once: a name that is
 * not blank and domains that are domains. Also run on the fields that passed their schema
 * when others did not (`config.fieldChecks`). Returns the domains in their stored (canonical) form.
 */
export function checkOrganizationPatch(patch: OrganizationPatch): string[] | undefined {
  const errors: FieldErrors = {};
  if (patch.name !== undefined && patch.name.trim() === "") {
    errors.name = "This field may not be blank.";
  }
  const domains = collectFieldErrors(errors, patch.verified_email_domains, canonicalDomains);
  if (Object.keys(errors).length > 0) throw RosterError.validation(errors);
  return domains;
}
