import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import { ListOf, PageQuery, paginate, parsePage } from "../../http/pagination.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { WebhookAttemptSchema, WebhookIdParams } from "../../schemas/webhook.ts";
import { listAttempts } from "../../webhooks/deliveries.ts";
import { getSubscriptionRow } from "../../webhooks/subscriptions.ts";

/**
 * `GET /webhook/{id}/delivery/` (Roster extension): the subscription's delivery attempts,
 * newest first, with status code, error, duration and when the next retry is due.
 */
export function registerListWebhookDeliveries(app: App, { store }: Services): void {
  app.get(
    "/webhook/:id/delivery/",
    {
      schema: {
        operationId: "listWebhookDeliveries",
        summary: "List a webhook subscription's delivery attempts (Roster extension)",
        tags: ["webhooks"],
        params: WebhookIdParams,
        querystring: Type.Object({ ...PageQuery, _fields: Type.Optional(Type.String()) }),
        response: { 200: ListOf(WebhookAttemptSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const subscription = await getSubscriptionRow(store.db, actorOf(request), request.params.id);
      return paginate(parsePage(request.query), (offset, limit) =>
        listAttempts(store.db, subscription.id, offset, limit),
      );
    },
  );
}
