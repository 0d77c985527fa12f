import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { getPinnedViews } from "../../operations/pinned-views.ts";
import { errorResponses } from "../../schemas/common.ts";
import { MembershipIdParams } from "../../schemas/membership.ts";
import { PinnedViewsSchema } from "../../schemas/membership-requests.ts";

/** `GET /membership/{id}/pinned_views/`. */
export function registerGetPinnedViews(app: App, { store }: Services): void {
  app.get(
    "/membership/:id/pinned_views/",
    {
      schema: {
        operationId: "getPinnedViews",
        summary: "List a membership's pinned saved views",
        tags: ["memberships"],
        params: MembershipIdParams,
        response: { 200: PinnedViewsSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { saved_view_ids: await getPinnedViews(store.db, actor, request.params.id) };
    },
  );
}
