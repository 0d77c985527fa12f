import { toPublicMembership } from "../../domain/memberships.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { createOrActivateMembership } from "../../operations/membership-lifecycle.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { MembershipSchema } from "../../schemas/membership.ts";
import { MembershipCreateSchema } from "../../schemas/membership-requests.ts";

/** `POST /membership/`: add a user by email, or re-activate a former member. */
export function registerCreateMembership(app: App, { store, clock }: Services): void {
  app.post(
    "/membership/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Create or re-activate a membership",
        description:
          "Needs the organization to restrict new users to its verified email domains, an email on one of them, and a role without manage_organization.",
        tags: ["memberships"],
        querystring: ObjectQuery,
        body: MembershipCreateSchema,
        response: { 200: MembershipSchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const membership = await store.write((tx) =>
        createOrActivateMembership(tx, actor, request.body, clock.now()),
      );
      return toPublicMembership(membership);
    },
  );
}
