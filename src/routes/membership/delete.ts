import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { deactivateMembership } from "../../operations/membership-lifecycle.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipIdParams } from "../../schemas/membership.ts";

/** `DELETE /membership/{id}/`: deactivate; the member's data is kept, their credentials stop at once. */
export function registerDeleteMembership(app: App, { store, clock }: Services): void {
  app.delete(
    "/membership/:id/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Deactivate a membership",
        tags: ["memberships"],
        params: MembershipIdParams,
        response: { 200: Type.Object({}), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await store.write((tx) => deactivateMembership(tx, actor, request.params.id, clock.now()));
      return {};
    },
  );
}
