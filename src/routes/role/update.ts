import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { updateRole } from "../../operations/roles.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { RoleIdParams, RoleSchema, RoleUpdateSchema } from "../../schemas/role.ts";

/** `PUT /role/{id}/`: partial update of a custom role; its members' permissions follow at once. */
export function registerUpdateRole(app: App, { store, clock }: Services): void {
  app.put(
    "/role/:id/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Update a role",
        tags: ["roles"],
        params: RoleIdParams,
        querystring: ObjectQuery,
        body: RoleUpdateSchema,
        response: { 200: RoleSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return store.write((tx) =>
        updateRole(tx, actor, request.params.id, request.body, clock.now()),
      );
    },
  );
}
