import { Type } from "typebox";
import { principalOf } from "../../http/auth.ts";
import { ListOf, PageQuery, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { UserSchema } from "../../schemas/user.ts";
import { listUsersOfOrganization, USER_ORDERS } from "../../store/users.ts";

/** `GET /user/`: the active members' users of the caller's organization. */
export function registerListUsers(app: App, { store }: Services): void {
  app.get(
    "/user/",
    {
      schema: {
        operationId: "listUsers",
        summary: "List users",
        tags: ["users"],
        querystring: Type.Object({
          ...PageQuery,
          _fields: Type.Optional(Type.String()),
          _order_by: Type.Optional(Type.Enum([...USER_ORDERS])),
        }),
        response: { 200: ListOf(UserSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { organizationId } = principalOf(request);
      const order = request.query._order_by ?? "first_name,last_name";
      return paginate(parsePage(request.query), (offset, limit) =>
        listUsersOfOrganization(store.db, organizationId, order, offset, limit),
      );
    },
  );
}
