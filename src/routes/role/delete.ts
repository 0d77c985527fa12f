import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { deleteRole } from "../../operations/roles.ts";
import { currentRole } from "../../safe-writes/current.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import { RoleIdParams } from "../../schemas/role.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `DELETE /role/{id}/`: a custom role no membership uses; 200 `{}`. */
export function registerDeleteRole(app: App, services: Services): void {
  app.delete(
    "/role/:id/",
    {
      config: {
        permission: "manage_organization",
        safeWrites: { ifMatch: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "deleteRole",
        summary: "Delete a role",
        tags: ["roles"],
        params: RoleIdParams,
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
        run: (tx) => deleteRole(tx, actor, id),
        present: () => ({}),
        current: (tx) => currentRole(tx, actor.organizationId, id),
      });
    },
  );
}
