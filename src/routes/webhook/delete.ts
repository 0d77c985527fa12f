import { Type } from "typebox";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses } from "../../schemas/common.ts";
import { WebhookIdParams } from "../../schemas/webhook.ts";
import { deleteSubscription } from "../../webhooks/subscriptions.ts";

/** `DELETE /webhook/{id}/`: the subscription and its pending deliveries; 200 `{}`. */
export function registerDeleteWebhook(app: App, services: Services): void {
  app.delete(
    "/webhook/:id/",
    {
      config: { safeWrites: { idempotent: true } },
      schema: {
        operationId: "deleteWebhook",
        summary: "Delete a webhook subscription",
        tags: ["webhooks"],
        params: WebhookIdParams,
        response: { 200: Type.Object({}), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return safeWrite(request, reply, services, {
        run: (tx) => deleteSubscription(tx, actor, request.params.id),
        present: () => ({}),
      });
    },
  );
}
