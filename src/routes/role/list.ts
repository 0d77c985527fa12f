import { Type } from "typebox";
import { principalOf } from "../../http/auth.ts";
import { ListOf, PageQuery, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { RoleSchema } from "../../schemas/role.ts";
import { listRoles } from "../../store/roles.ts";

/** `GET /role/`: the organization's roles, the four predefined ones first. */
export function registerListRoles(app: App, { store }: Services): void {
  app.get(
    "/role/",
    {
      schema: {
        operationId: "listRoles",
        summary: "List roles",
        tags: ["roles"],
        querystring: Type.Object({ ...PageQuery, _fields: Type.Optional(Type.String()) }),
        response: { 200: ListOf(RoleSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const organizationId = principalOf(request).organizationId;
      return paginate(parsePage(request.query), (offset, limit) =>
        listRoles(store.db, organizationId, offset, limit),
      );
    },
  );
}
