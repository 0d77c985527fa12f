import { Type } from "typebox";
import { actorOf, principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { createRole, roleFieldErrors } from "../../operations/roles.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { RoleCreateSchema, RoleSchema } from "../../schemas/role.ts";
import { DryRunParam, WithPermissionDiff } from "../../schemas/safe-writes.ts";

/** `POST /role/`: a custom role; 201. */
export function registerCreateRole(app: App, services: Services): void {
  app.post(
    "/role/",
    {
      config: {
        permission: "manage_organization",
        fieldChecks: (request, passed, failed) =>
          roleFieldErrors(
            services.store.db,
            principalOf(request).organizationId,
            undefined,
            passed,
            failed,
          ),
        safeWrites: { etag: true, idempotent: true, dryRun: true },
      },
      schema: {
        operationId: "createRole",
        summary: "Create a role",
        tags: ["roles"],
        querystring: Type.Object({ ...ObjectQuery.properties, ...DryRunParam }),
        body: RoleCreateSchema,
        response: {
          201: RoleSchema,
          200: WithPermissionDiff(RoleSchema),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return safeWrite(request, reply, services, {
        run: (tx) => createRole(tx, actor, request.body, services.clock.now()),
        present: (_tx, role) => role,
        status: 201,
      });
    },
  );
}
