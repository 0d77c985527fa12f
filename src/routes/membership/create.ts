import { Type } from "typebox";
import { toPublicMembership } from "../../domain/memberships.ts";
import { fieldErrorsOf } from "../../errors.ts";
import { actorOf, principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import {
  checkNewMember,
  createOrActivateMembership,
} from "../../operations/membership-lifecycle.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { MembershipSchema } from "../../schemas/membership.ts";
import { MembershipCreateSchema } from "../../schemas/membership-requests.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";
import { findOrganization } from "../../store/organizations.ts";

/** `POST /membership/`: add a user by email, or re-activate a former member. */
export function registerCreateMembership(app: App, services: Services): void {
  app.post(
    "/membership/",
    {
      config: {
        permission: "manage_organization",
        fieldChecks: async (request, passed) => {
          const organization = await findOrganization(
            services.store.db,
            principalOf(request).organizationId,
          );
          return organization
            ? fieldErrorsOf(() => checkNewMember(services.store.db, organization, passed))
            : {};
        },
        safeWrites: { etag: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "createMembership",
        summary: "Create or re-activate a membership",
        description:
          "Needs the organization to restrict new users to its verified email domains, an email on one of them, and a role without manage_organization.",
        tags: ["memberships"],
        querystring: Type.Object({ ...ObjectQuery.properties, ...DryRunParam }),
        body: MembershipCreateSchema,
        response: {
          200: WithPermissionDiff(MembershipSchema),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return safeWrite(request, reply, services, {
        run: (tx) => createOrActivateMembership(tx, actor, request.body, services.clock.now()),
        present: (_tx, membership) => toPublicMembership(membership),
        affectedMembers: (_tx, membership) => [membership.id],
      });
    },
  );
}
