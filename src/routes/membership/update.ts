import { toPublicMembership } from "../../domain/memberships.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { updateMembership } from "../../operations/membership-update.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import {
  MembershipIdParams,
  MembershipPatchSchema,
  MembershipSchema,
} from "../../schemas/membership.ts";

/** `PUT /membership/{id}/`: change a member's role and call recording (the seed endpoint). */
export function registerUpdateMembership(app: App, { store, clock }: Services): void {
  app.put(
    "/membership/:id/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Update a membership",
        description:
          "Partial update. `role_id` is `admin`, `superuser`, `user`, `restricteduser` or a Role ID; `auto_record_calls` goes from `unset` to `enabled` or `disabled`.",
        tags: ["memberships"],
        params: MembershipIdParams,
        querystring: ObjectQuery,
        body: MembershipPatchSchema,
        response: { 200: MembershipSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const membership = await store.write((tx) =>
        updateMembership(tx, actor, request.params.id, request.body, clock.now()),
      );
      return toPublicMembership(membership);
    },
  );
}
