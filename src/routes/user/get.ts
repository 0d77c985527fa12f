import { Type } from "typebox";
import { RosterError } from "../../errors.ts";
import { principalOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { UserSchema } from "../../schemas/user.ts";
import { findUserInOrganization } from "../../store/users.ts";

/** `GET /user/{id}/`: a user who is an active member of the caller's organization; others are 404. */
export function registerGetUser(app: App, { store }: Services): void {
  app.get(
    "/user/:id/",
    {
      schema: {
        operationId: "getUser",
        summary: "Retrieve a user",
        tags: ["users"],
        params: Type.Object({ id: Type.String() }),
        querystring: ObjectQuery,
        response: { 200: UserSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const user = await findUserInOrganization(
        store.db,
        principalOf(request).organizationId,
        request.params.id,
      );
      if (!user) throw RosterError.notFound("User");
      return user;
    },
  );
}
