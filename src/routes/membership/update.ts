import { Type } from "typebox";
import { toPublicMembership } from "../../domain/memberships.ts";
import { actorOf, principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { patchFieldErrors, updateMembership } from "../../operations/membership-update.ts";
import { currentMembership } from "../../safe-writes/current.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import {
  MembershipIdParams,
  MembershipPatchSchema,
  MembershipSchema,
} from "../../schemas/membership.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `PUT /membership/{id}/`: change a member's role and call recording (the seed endpoint). */
export function registerUpdateMembership(app: App, services: Services): void {
  app.put(
    "/membership/:id/",
    {
      config: {
        permission: "manage_organization",
        fieldChecks: async (request, passed) =>
          patchFieldErrors(services.store.db, principalOf(request).organizationId, passed),
        authInUnit: true,
        safeWrites: { etag: true, ifMatch: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "updateMembership",
        summary: "Update a membership",
        description:
          "Partial update. `role_id` is `admin`, `superuser`, `user`, `restricteduser` or a Role ID; `auto_record_calls` goes from `unset` to `enabled` or `disabled`.",
        tags: ["memberships"],
        params: MembershipIdParams,
        querystring: Type.Object({ ...ObjectQuery.properties, ...DryRunParam }),
        body: MembershipPatchSchema,
        response: {
          200: WithPermissionDiff(MembershipSchema),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // The caller is known inside the unit (the credential may be checked there: authInUnit).
      return safeWrite(request, reply, services, {
        run: (tx) => updateMembership(tx, actorOf(request), id, request.body, services.clock.now()),
        present: (_tx, membership) => toPublicMembership(membership),
        current: (tx) => currentMembership(tx, principalOf(request).organizationId, id),
        affectedMembers: () => [id],
      });
    },
  );
}
