import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { WebhookIdParams, WebhookSchema } from "../../schemas/webhook.ts";
import { getSubscriptionRow, subscriptionFromRow } from "../../webhooks/subscriptions.ts";

/** `GET /webhook/{id}/`: one subscription, with its signature key. */
export function registerGetWebhook(app: App, { store }: Services): void {
  app.get(
    "/webhook/:id/",
    {
      schema: {
        operationId: "getWebhook",
        summary: "Retrieve a webhook subscription",
        tags: ["webhooks"],
        params: WebhookIdParams,
        querystring: ObjectQuery,
        response: { 200: WebhookSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) =>
      subscriptionFromRow(await getSubscriptionRow(store.db, actorOf(request), request.params.id)),
  );
}
