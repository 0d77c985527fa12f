import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { setPinnedViews } from "../../operations/pinned-views.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipIdParams } from "../../schemas/membership.ts";
import { PinnedViewsSchema } from "../../schemas/membership-requests.ts";

/** `PUT /membership/{id}/pinned_views/`: replaces the list (at most 100 `save_...` IDs, order kept). */
export function registerUpdatePinnedViews(app: App, services: Services): void {
  app.put(
    "/membership/:id/pinned_views/",
    {
      config: { safeWrites: { idempotent: true } },
      schema: {
        operationId: "updatePinnedViews",
        summary: "Replace a membership's pinned saved views",
        tags: ["memberships"],
        params: MembershipIdParams,
        body: PinnedViewsSchema,
        response: { 200: PinnedViewsSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ids = request.body.saved_view_ids;
      return safeWrite(request, reply, services, {
        run: (tx) => setPinnedViews(tx, actor, request.params.id, ids),
        present: (_tx, saved) => ({ saved_view_ids: saved }),
      });
    },
  );
}
