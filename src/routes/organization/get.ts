import { Type } from "typebox";
import { type Membership, toPublicMembership } from "../../domain/memberships.ts";
import { RosterError } from "../../errors.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { OrganizationQuery, OrganizationSchema } from "../../schemas/organization.ts";
import { listMembershipsOfOrganization } from "../../store/memberships.ts";
import { findOrganization } from "../../store/organizations.ts";
import { findUsers, type User } from "../../store/users.ts";

/** A membership as nested in its organization: with its user flattened, or expanded. */
function nested(membership: Membership, user: User | undefined, expand: boolean) {
  const base = toPublicMembership(membership);
  if (!user) return base;
  if (expand) return { ...base, user };
  return {
    ...base,
    user_email: user.email,
    user_first_name: user.first_name,
    user_last_name: user.last_name,
    user_full_name: `${user.first_name} ${user.last_name}`.trim(),
  };
}

/** `GET /organization/{id}/`: the caller's organization with its active and inactive members. */
export function registerGetOrganization(app: App, { store }: Services): void {
  app.get(
    "/organization/:id/",
    {
      schema: {
        summary: "Retrieve an organization",
        tags: ["organizations"],
        params: Type.Object({ id: Type.String() }),
        querystring: OrganizationQuery,
        response: { 200: OrganizationSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (!principal || request.params.id !== principal.organizationId) {
        throw RosterError.notFound("Organization");
      }
      const organization = await findOrganization(store.db, principal.organizationId);
      if (!organization) throw RosterError.notFound("Organization");
      const memberships = await listMembershipsOfOrganization(store.db, organization.id);
      const users = await findUsers(store.db, [...new Set(memberships.map((m) => m.user_id))]);
      const expand = new Set((request.query._expand ?? "").split(","));
      const render = (list: Membership[], key: string) =>
        list.map((m) => nested(m, users.get(m.user_id), expand.has(`${key}__user`)));
      return {
        id: organization.id,
        name: organization.name,
        created_by: organization.created_by,
        updated_by: organization.updated_by,
        date_created: organization.date_created,
        date_updated: organization.date_updated,
        memberships: render(
          memberships.filter((m) => m.active),
          "memberships",
        ),
        inactive_memberships: render(
          memberships.filter((m) => !m.active),
          "inactive_memberships",
        ),
      };
    },
  );
}
