import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { errorResponses } from "../../schemas/common.ts";
import { WebhookIdParams } from "../../schemas/webhook.ts";
import { deleteSubscription } from "../../webhooks/subscriptions.ts";

/** `DELETE /webhook/{id}/`: the subscription and its pending deliveries; 200 `{}`. */
export function registerDeleteWebhook(app: App, { store }: Services): void {
  app.delete(
    "/webhook/:id/",
    {
      schema: {
        summary: "Delete a webhook subscription",
        tags: ["webhooks"],
        params: WebhookIdParams,
        response: { 200: Type.Object({}), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await store.write((tx) => deleteSubscription(tx, actor, request.params.id));
      return {};
    },
  );
}
