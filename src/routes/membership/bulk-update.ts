import { Type } from "typebox";
import { actorOf, principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import {
  bulkUpdateMemberships,
  parseIdList,
  patchFieldErrors,
} from "../../operations/membership-update.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import {
  BulkUpdateBodySchema,
  BulkUpdateQuery,
  BulkUpdateResult,
} from "../../schemas/membership-requests.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `PUT /membership/?id__in=...`: one patch on up to 1000 memberships, all or nothing. */
export function registerBulkUpdateMemberships(app: App, services: Services): void {
  app.put(
    "/membership/",
    {
      // No If-Match: one tag cannot name the versions of many members (400 if sent).
      config: {
        permission: "manage_organization",
        fieldChecks: async (request, passed) =>
          patchFieldErrors(services.store.db, principalOf(request).organizationId, passed),
        safeWrites: { idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "bulkUpdateMemberships",
        summary: "Bulk update memberships",
        description: "`id__in` in the query or in `_params` of the body. All or nothing.",
        tags: ["memberships"],
        querystring: Type.Object({ ...BulkUpdateQuery.properties, ...DryRunParam }),
        body: BulkUpdateBodySchema,
        response: {
          200: WithPermissionDiff(BulkUpdateResult),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ids = parseIdList(request.query.id__in);
      return safeWrite(request, reply, services, {
        run: (tx) => bulkUpdateMemberships(tx, actor, ids, request.body, services.clock.now()),
        present: (_tx, result) => result,
        affectedMembers: () => ids,
      });
    },
  );
}
