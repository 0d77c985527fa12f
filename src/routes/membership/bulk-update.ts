import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { bulkUpdateMemberships, parseIdList } from "../../operations/membership-update.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipPatchSchema } from "../../schemas/membership.ts";
import { BulkUpdateQuery, BulkUpdateResult } from "../../schemas/membership-requests.ts";

/** `PUT /membership/?id__in=...`: one patch on up to 1000 memberships, all or nothing. */
export function registerBulkUpdateMemberships(app: App, { store, clock }: Services): void {
  app.put(
    "/membership/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Bulk update memberships",
        description: "`id__in` in the query or in `_params` of the body. All or nothing.",
        tags: ["memberships"],
        querystring: BulkUpdateQuery,
        body: MembershipPatchSchema,
        response: { 200: BulkUpdateResult, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ids = parseIdList(request.query.id__in);
      return store.write((tx) => bulkUpdateMemberships(tx, actor, ids, request.body, clock.now()));
    },
  );
}
