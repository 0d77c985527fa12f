import { Type } from "typebox";
import { presentDomain } from "../../domains/ownership.ts";
import { listDomains } from "../../domains/store.ts";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import { ListOf } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { EmailDomainSchema } from "../../schemas/organization.ts";

/**
 * `GET /organization/{id}/email_domains/` — a Roster extension: every domain the organization
 * claims, verified or pending, with the TXT record that proves it. (The organization object's
 * `verified_email_domains` lists the verified ones only, as Close does.)
 */
export function registerListEmailDomains(app: App, { store }: Services): void {
  app.get(
    "/organization/:id/email_domains/",
    {
      config: { permission: "manage_organization" },
      schema: {
        operationId: "listEmailDomains",
        summary: "List the organization's email domains and their proof (Roster extension)",
        tags: ["organizations"],
        params: Type.Object({ id: Type.String() }),
        response: { 200: ListOf(EmailDomainSchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { organizationId } = principalOf(request);
      if (request.params.id !== organizationId) throw RosterError.notFound("Organization");
      const domains = await listDomains(store.db, organizationId);
      // At most 100 domains (the organization update's limit): one page holds them all.
      return { data: domains.map(presentDomain), has_more: false };
    },
  );
}
