import { Type } from "typebox";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { OrganizationQuery, OrganizationSchema } from "../../schemas/organization.ts";
import { findOrganization } from "../../store/organizations.ts";
import { presentOrganization } from "./present.ts";

/** `GET /organization/{id}/`: the caller's organization with its active and inactive members. */
export function registerGetOrganization(app: App, { store }: Services): void {
  app.get(
    "/organization/:id/",
    {
      config: { safeWrites: { etag: true } },
      schema: {
        operationId: "getOrganization",
        summary: "Retrieve an organization",
        tags: ["organizations"],
        params: Type.Object({ id: Type.String() }),
        querystring: OrganizationQuery,
        response: { 200: OrganizationSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organizationId } = principalOf(request);
      const organization =
        request.params.id === organizationId && (await findOrganization(store.db, organizationId));
      if (!organization) throw RosterError.notFound("Organization");
      return presentOrganization(store.db, organization, request.query._expand);
    },
  );
}
