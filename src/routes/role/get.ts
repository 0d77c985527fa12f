import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { RoleIdParams, RoleSchema } from "../../schemas/role.ts";
import { findRole } from "../../store/roles.ts";

/** `GET /role/{id}/`. */
export function registerGetRole(app: App, { store }: Services): void {
  app.get(
    "/role/:id/",
    {
      config: { safeWrites: { etag: true } },
      schema: {
        operationId: "getRole",
        summary: "Retrieve a role",
        tags: ["roles"],
        params: RoleIdParams,
        querystring: ObjectQuery,
        response: { 200: RoleSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const role = await findRole(store.db, principalOf(request).organizationId, request.params.id);
      if (!role) throw RosterError.notFound("Role");
      return role;
    },
  );
}
