import { Type } from "typebox";
import { isIdOf } from "../../domain/ids.ts";
import { toPublicMembership } from "../../domain/memberships.ts";
import { isPlainText } from "../../domain/text.ts";
import { principalOf } from "../../http/auth.ts";
import { ListOf, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { resolveRoleRef } from "../../operations/rules.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipSchema } from "../../schemas/membership.ts";
import { MembershipListQuery } from "../../schemas/membership-requests.ts";
import { findUsersByIds, listMemberships } from "../../store/memberships.ts";

/** With `_expand=user`, the member's user, for a list that shows names and emails. */
const MembershipWithUser = Type.Object({
  ...MembershipSchema.properties,
  user: Type.Optional(
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      first_name: Type.String(),
      last_name: Type.String(),
    }),
  ),
});

/** `GET /membership/` — a Roster extension: the organization's members with their roles, filtered. */
export function registerListMemberships(app: App, { store }: Services): void {
  app.get(
    "/membership/",
    {
      schema: {
        operationId: "listMemberships",
        summary: "List memberships (Roster extension)",
        tags: ["memberships"],
        querystring: MembershipListQuery,
        response: { 200: ListOf(MembershipWithUser), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { role_id, user_id, status, query, _expand } = request.query;
      const { organizationId } = principalOf(request);
      const page = parsePage(request.query);
      // Members store a predefined role as its slug: resolve a `role_...` ID to what is stored.
      // A reference to no role of this organization matches nothing.
      // A user ID that cannot be one matches nothing either, and never reaches the database.
      const role =
        role_id === undefined ? undefined : await resolveRoleRef(store.db, organizationId, role_id);
      // Nor does a search with control characters: stored names and emails hold none (and a
      // NUL would upset PostgreSQL).
      if (
        (role_id !== undefined && !role) ||
        (user_id !== undefined && !isIdOf("user", user_id)) ||
        (query !== undefined && !isPlainText(query))
      )
        return { data: [], has_more: false };
      const filter = {
        roleId: role?.roleId,
        userId: user_id,
        active: status === undefined ? undefined : status === "active",
        query: query === undefined || query.trim() === "" ? undefined : query.trim(),
      };
      const found = await paginate(page, (offset, limit) =>
        listMemberships(store.db, organizationId, filter, offset, limit),
      );
      const data = found.data.map(toPublicMembership);
      if (_expand !== "user") return { ...found, data };
      const users = await findUsersByIds(store.db, organizationId, [
        ...new Set(data.map((m) => m.user_id)),
      ]);
      return {
        ...found,
        data: data.map((membership) => {
          const user = users.get(membership.user_id);
          if (!user) return membership;
          const { id, email, first_name, last_name } = user;
          return { ...membership, user: { id, email, first_name, last_name } };
        }),
      };
    },
  );
}
