import { fieldErrorsOf } from "../../errors.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { WebhookIdParams, WebhookSchema, WebhookUpdateSchema } from "../../schemas/webhook.ts";
import {
  checkSubscriptionFields,
  storedSelectors,
  updateSubscription,
} from "../../webhooks/subscriptions.ts";

/** `PUT /webhook/{id}/`: change `url`, `events`, `status` (re-activate a paused one) or `verify_ssl`. */
export function registerUpdateWebhook(app: App, services: Services): void {
  const { clock, config } = services;
  app.put(
    "/webhook/:id/",
    {
      config: {
        safeWrites: { idempotent: true },
        fieldChecks: (_request, passed) =>
          fieldErrorsOf(() =>
            checkSubscriptionFields(passed, { allowPrivate: config.webhookAllowPrivate }),
          ),
      },
      schema: {
        operationId: "updateWebhook",
        summary: "Update a webhook subscription",
        tags: ["webhooks"],
        params: WebhookIdParams,
        querystring: ObjectQuery,
        body: WebhookUpdateSchema,
        response: { 200: WebhookSchema, ...errorResponses(400, 401, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { events, ...rest } = request.body;
      await checkSubscriptionFields(request.body, { allowPrivate: config.webhookAllowPrivate });
      const patch = { ...rest, ...(events ? { events: storedSelectors(events) } : {}) };
      return safeWrite(request, reply, services, {
        run: (tx) => updateSubscription(tx, actor, request.params.id, patch, clock.now()),
        present: (_tx, subscription) => subscription,
      });
    },
  );
}
