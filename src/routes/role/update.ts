import { Type } from "typebox";
import { actorOf, principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { roleFieldErrors, updateRole } from "../../operations/roles.ts";
import { currentRole } from "../../safe-writes/current.ts";
import { activeMembersOnRole } from "../../safe-writes/dry-run.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { RoleIdParams, RoleSchema, RoleUpdateSchema } from "../../schemas/role.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `PUT /role/{id}/`: partial update of a custom role; its members' permissions follow at once. */
export function registerUpdateRole(app: App, services: Services): void {
  app.put(
    "/role/:id/",
    {
      config: {
        permission: "manage_organization",
        fieldChecks: (request, passed, failed) =>
          roleFieldErrors(
            services.store.db,
            principalOf(request).organizationId,
            (request.params as { id: string }).id,
            passed,
            failed,
          ),
        safeWrites: { etag: true, ifMatch: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "updateRole",
        summary: "Update a role",
        tags: ["roles"],
        params: RoleIdParams,
        querystring: Type.Object({ ...ObjectQuery.properties, ...DryRunParam }),
        body: RoleUpdateSchema,
        response: {
          200: WithPermissionDiff(RoleSchema),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return safeWrite(request, reply, services, {
        run: (tx) => updateRole(tx, actor, id, request.body, services.clock.now()),
        present: (_tx, role) => role,
        current: (tx) => currentRole(tx, actor.organizationId, id),
        affectedMembers: (tx) => activeMembersOnRole(tx, actor.organizationId, id),
      });
    },
  );
}
