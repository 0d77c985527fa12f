import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { deleteRole } from "../../operations/roles.ts";
import { errorResponses } from "../../schemas/common.ts";
import { RoleIdParams } from "../../schemas/role.ts";

/** `DELETE /role/{id}/`: a custom role no membership uses; 200 `{}`. */
export function registerDeleteRole(app: App, { store }: Services): void {
  app.delete(
    "/role/:id/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Delete a role",
        tags: ["roles"],
        params: RoleIdParams,
        response: { 200: Type.Object({}), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await store.write((tx) => deleteRole(tx, actor, request.params.id));
      return {};
    },
  );
}
