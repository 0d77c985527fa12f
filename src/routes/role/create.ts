import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { createRole } from "../../operations/roles.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { RoleCreateSchema, RoleSchema } from "../../schemas/role.ts";

/** `POST /role/`: a custom role; 201. */
export function registerCreateRole(app: App, { store, clock }: Services): void {
  app.post(
    "/role/",
    {
      config: { permission: "manage_organization" },
      schema: {
        summary: "Create a role",
        tags: ["roles"],
        querystring: ObjectQuery,
        body: RoleCreateSchema,
        response: { 201: RoleSchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const role = await store.write((tx) => createRole(tx, actor, request.body, clock.now()));
      return reply.code(201).send(role);
    },
  );
}
