import { toPublicMembership } from "../../domain/memberships.ts";
import { principalOf } from "../../http/auth.ts";
import { ListOf, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { resolveRoleRef } from "../../operations/rules.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipSchema } from "../../schemas/membership.ts";
import { MembershipListQuery } from "../../schemas/membership-requests.ts";
import { listMemberships } from "../../store/memberships.ts";

/** `GET /membership/` — a Roster extension: the organization's members with their roles, filtered. */
export function registerListMemberships(app: App, { store }: Services): void {
  app.get(
    "/membership/",
    {
      schema: {
        summary: "List memberships (Roster extension)",
        tags: ["memberships"],
        querystring: MembershipListQuery,
        response: { 200: ListOf(MembershipSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { role_id, user_id, status } = request.query;
      const { organizationId } = principalOf(request);
      // Members store a predefined role as its slug: resolve a `role_...` ID to what is stored.
      // A reference to no role of this organization matches nothing.
      const role =
        role_id === undefined ? undefined : await resolveRoleRef(store.db, organizationId, role_id);
      const filter = {
        roleId: role_id === undefined ? undefined : (role?.roleId ?? role_id),
        userId: user_id,
        active: status === undefined ? undefined : status === "active",
      };
      const page = await paginate(parsePage(request.query), (offset, limit) =>
        listMemberships(store.db, organizationId, filter, offset, limit),
      );
      return { ...page, data: page.data.map(toPublicMembership) };
    },
  );
}
