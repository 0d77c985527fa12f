import { Type } from "typebox";
import { toPublicMembership } from "../../domain/memberships.ts";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { MembershipSchema } from "../../schemas/membership.ts";
import { OrganizationSummarySchema } from "../../schemas/organization.ts";
import { UserSchema } from "../../schemas/user.ts";
import { listMembershipsOfUser } from "../../store/memberships.ts";
import { findOrganization, type Organization } from "../../store/organizations.ts";
import { findUser } from "../../store/users.ts";

const MeSchema = Type.Object({
  ...UserSchema.properties,
  memberships: Type.Array(MembershipSchema),
  organizations: Type.Array(OrganizationSummarySchema),
});

/** `GET /me/`: the caller's user, with their active memberships and organizations. */
export function registerGetMe(app: App, { store }: Services): void {
  app.get(
    "/me/",
    {
      schema: {
        operationId: "getMe",
        summary: "Retrieve your own user",
        tags: ["users"],
        querystring: ObjectQuery,
        response: { 200: MeSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = await findUser(store.db, principalOf(request).userId);
      if (!user) throw RosterError.notFound("User");
      const memberships = (await listMembershipsOfUser(store.db, user.id)).filter((m) => m.active);
      const organizations: Organization[] = [];
      for (const membership of memberships) {
        const organization = await findOrganization(store.db, membership.organization_id);
        if (organization) organizations.push(organization);
      }
      return {
        ...user,
        memberships: memberships.map(toPublicMembership),
        organizations,
      };
    },
  );
}
