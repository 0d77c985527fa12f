import { normalizeDomain } from "../../domain/emails.ts";
import { checkDomain, presentDomain } from "../../domains/ownership.ts";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { EmailDomainParams, EmailDomainSchema } from "../../schemas/organization.ts";

/**
 * `POST /organization/{id}/email_domains/{domain}/verify/` — a Roster extension: looks up the
 * domain's TXT records now and verifies the claim when one is the organization's
 * `roster-domain-verification=<token>`. 400 (saying why) when it is not there yet, or when
 * another organization has verified the domain.
 */
export function registerVerifyEmailDomain(app: App, { store, clock, config }: Services): void {
  app.post(
    "/organization/:id/email_domains/:domain/verify/",
    {
      config: { permission: "manage_organization" },
      schema: {
        operationId: "verifyEmailDomain",
        summary: "Verify an email domain by its DNS TXT record (Roster extension)",
        tags: ["organizations"],
        params: EmailDomainParams,
        response: { 200: EmailDomainSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { organizationId } = principalOf(request);
      const domain = normalizeDomain(request.params.domain);
      if (request.params.id !== organizationId) throw RosterError.notFound("Organization");
      if (domain === undefined) throw RosterError.notFound("Domain");
      const claim = await checkDomain(store, organizationId, domain, config.dnsResolver, () =>
        clock.now(),
      );
      return presentDomain(claim);
    },
  );
}
