import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import { ListOf, PageQuery, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { WebhookSchema } from "../../schemas/webhook.ts";
import { listSubscriptions } from "../../webhooks/subscriptions.ts";

/** `GET /webhook/`: an admin sees every subscription of the organization, others their own. */
export function registerListWebhooks(app: App, { store }: Services): void {
  app.get(
    "/webhook/",
    {
      schema: {
        operationId: "listWebhooks",
        summary: "List webhook subscriptions",
        tags: ["webhooks"],
        querystring: Type.Object({ ...PageQuery, _fields: Type.Optional(Type.String()) }),
        response: { 200: ListOf(WebhookSchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return paginate(parsePage(request.query), (offset, limit) =>
        listSubscriptions(store.db, actor, offset, limit),
      );
    },
  );
}
