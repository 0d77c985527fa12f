import { Type } from "typebox";
import { fieldErrorsOf, RosterError } from "../../errors.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { checkOrganizationPatch, updateOrganization } from "../../operations/organization.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import {
  OrganizationQuery,
  OrganizationSchema,
  OrganizationUpdateSchema,
} from "../../schemas/organization.ts";
import { findOrganization, lockOrganization } from "../../store/organizations.ts";
import { presentOrganization } from "./present.ts";

/** `PUT /organization/{id}/`: the name and the email-domain settings that membership create uses. */
export function registerUpdateOrganization(app: App, services: Services): void {
  app.put(
    "/organization/:id/",
    {
      config: {
        permission: "manage_organization",
        fieldChecks: async (_request, passed) =>
          fieldErrorsOf(() => checkOrganizationPatch(passed)),
        safeWrites: { etag: true, ifMatch: true, idempotent: true },
      },
      schema: {
        operationId: "updateOrganization",
        summary: "Update an organization",
        tags: ["organizations"],
        params: Type.Object({ id: Type.String() }),
        querystring: OrganizationQuery,
        body: OrganizationUpdateSchema,
        response: { 200: OrganizationSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.params.id !== actor.organizationId) throw RosterError.notFound("Organization");
      const expand = request.query._expand;
      return safeWrite(request, reply, services, {
        run: (tx) => updateOrganization(tx, actor, request.body, services.clock.now()),
        present: (tx, organization) => presentOrganization(tx, organization, expand),
        // The organization as this request would see it (its `_expand` included).
        current: async (tx) => {
          await lockOrganization(tx, actor.organizationId);
          const organization = await findOrganization(tx, actor.organizationId);
          return organization && presentOrganization(tx, organization, expand);
        },
      });
    },
  );
}
