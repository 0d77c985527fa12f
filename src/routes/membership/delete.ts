import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { deactivateMembership } from "../../operations/membership-lifecycle.ts";
import { currentMembership } from "../../safe-writes/current.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipIdParams } from "../../schemas/membership.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `DELETE /membership/{id}/`: deactivate; the member's data is kept, their credentials stop at once. */
export function registerDeleteMembership(app: App, services: Services): void {
  app.delete(
    "/membership/:id/",
    {
      config: {
        permission: "manage_organization",
        safeWrites: { ifMatch: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "deleteMembership",
        summary: "Deactivate a membership",
        tags: ["memberships"],
        params: MembershipIdParams,
        querystring: Type.Object(DryRunParam),
        response: {
          200: WithPermissionDiff(Type.Object({})),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return safeWrite(request, reply, services, {
        run: (tx) => deactivateMembership(tx, actor, id, services.clock.now()),
        present: () => ({}),
        current: (tx) => currentMembership(tx, actor.organizationId, id),
        affectedMembers: () => [id],
      });
    },
  );
}
