import { toPublicMembership } from "../../domain/memberships.ts";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { MembershipIdParams, MembershipSchema } from "../../schemas/membership.ts";
import { findMembership } from "../../store/memberships.ts";

/** `GET /membership/{id}/` — a Roster extension: one membership of the caller's organization. */
export function registerGetMembership(app: App, { store }: Services): void {
  app.get(
    "/membership/:id/",
    {
      config: { safeWrites: { etag: true } },
      schema: {
        operationId: "getMembership",
        summary: "Retrieve a membership (Roster extension)",
        tags: ["memberships"],
        params: MembershipIdParams,
        querystring: ObjectQuery,
        response: { 200: MembershipSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const membership = await findMembership(
        store.db,
        principalOf(request).organizationId,
        request.params.id,
      );
      if (!membership) throw RosterError.notFound("Membership");
      return toPublicMembership(membership);
    },
  );
}
