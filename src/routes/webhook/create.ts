import { fieldErrorsOf } from "../../errors.ts";
import { actorOf } from "../../http/auth.ts";
import type { App, Services } from "../../http/types.ts";
import { safeWrite } from "../../safe-writes/write.ts";
import { errorResponses, ObjectQuery } from "../../schemas/common.ts";
import { WebhookCreateSchema, WebhookSchema } from "../../schemas/webhook.ts";
import {
  checkSubscriptionFields,
  createSubscription,
  storedSelectors,
} from "../../webhooks/subscriptions.ts";

/** `POST /webhook/`: subscribe a URL to events; 201 with the signature key. */
export function registerCreateWebhook(app: App, services: Services): void {
  const { clock, config } = services;
  app.post(
    "/webhook/",
    {
      config: {
        safeWrites: { idempotent: true },
        fieldChecks: (_request, passed) =>
          fieldErrorsOf(() =>
            checkSubscriptionFields(passed, { allowPrivate: config.webhookAllowPrivate }),
          ),
      },
      schema: {
        operationId: "createWebhook",
        summary: "Create a webhook subscription",
        description:
          "Events are POSTed to `url`, signed with `close-sig-hash` (hex HMAC-SHA256 keyed with the hex-decoded `signature_key`, over `close-sig-timestamp` + the raw body).",
        tags: ["webhooks"],
        querystring: ObjectQuery,
        body: WebhookCreateSchema,
        response: { 201: WebhookSchema, ...errorResponses(400, 401, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { url, events, verify_ssl } = request.body;
      await checkSubscriptionFields(request.body, { allowPrivate: config.webhookAllowPrivate });
      return safeWrite(request, reply, services, {
        run: (tx) =>
          createSubscription(
            tx,
            actor,
            { url, events: storedSelectors(events), verify_ssl },
            clock.now(),
          ),
        present: (_tx, subscription) => subscription,
        status: 201,
      });
    },
  );
}
