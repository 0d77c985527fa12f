import { Type } from "typebox";
import { RosterError } from "../../errors.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { updateOrganization } from "../../operations/organization.ts";
import { errorResponses } from "../../schemas/common.ts";
import {
  OrganizationQuery,
  OrganizationSchema,
  OrganizationUpdateSchema,
} from "../../schemas/organization.ts";
import { presentOrganization } from "./present.ts";

/** `PUT /organization/{id}/`: the name and the email-domain settings that membership create uses. */
export function registerUpdateOrganization(app: App, { store, clock }: Services): void {
  app.put(
    "/organization/:id/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Update an organization",
        tags: ["organizations"],
        params: Type.Object({ id: Type.String() }),
        querystring: OrganizationQuery,
        body: OrganizationUpdateSchema,
        response: { 200: OrganizationSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (request.params.id !== actor.organizationId) throw RosterError.notFound("Organization");
      const organization = await store.write((tx) =>
        updateOrganization(tx, actor, request.body, clock.now()),
      );
      return presentOrganization(store.db, organization, request.query._expand);
    },
  );
}
