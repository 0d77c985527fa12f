import type { Command } from "commander";
import { operatorActor } from "../../operations/provisioning.ts";
import { redeliver } from "../../webhooks/deliveries.ts";
import { listSubscriptions } from "../../webhooks/subscriptions.ts";
import { printResult, withStore } from "../context.ts";
import { listen } from "./webhook-listen.ts";

export function registerWebhookCommands(program: Command): void {
  const webhook = program.command("webhook").description("Webhook subscriptions and deliveries");
  webhook
    .command("list")
    .description("An organization's subscriptions, with why a paused one was paused")
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { org: string; json?: boolean }) => {
      const rows = await withStore(async (store) => {
        const subscriptions = await listSubscriptions(
          store.db,
          operatorActor(options.org, "roster webhook list"),
          0,
          1000,
        );
        const reasons = await store.db
          .selectFrom("webhook_subscriptions")
          .select(["id", "paused_reason"])
          .where("organization_id", "=", options.org)
          .execute();
        const pending = await store.db
          .selectFrom("webhook_deliveries")
          .select(["subscription_id", (eb) => eb.fn.countAll<number>().as("count")])
          .where("organization_id", "=", options.org)
          .where("status", "=", "pending")
          .groupBy("subscription_id")
          .execute();
        return subscriptions.map((s) => ({
          id: s.id,
          url: s.url,
          status: s.status,
          paused_reason: reasons.find((r) => r.id === s.id)?.paused_reason ?? null,
          events: s.events.map((e) => `${e.object_type}.${e.action}`),
          pending_deliveries: Number(pending.find((p) => p.subscription_id === s.id)?.count ?? 0),
        }));
      });
      if (options.json) {
        printResult({ data: rows }, true);
        return;
      }
      for (const row of rows) {
        const reason = row.paused_reason ? ` (${row.paused_reason})` : "";
        process.stdout.write(
          `${row.id}  ${row.status}${reason}  ${row.url}  ${row.events.join(",")}  pending: ${row.pending_deliveries}\n`,
        );
      }
    });
  webhook
    .command("redeliver")
    .description("Send a delivery again, now, whatever became of it")
    .argument("<delivery-id>", "the delivery's ID (whdel_..., from GET /webhook/{id}/delivery/)")
    .option("--json", "print one JSON object")
    .action(async (deliveryId: string, options: { json?: boolean }) => {
      const row = await withStore((store, now) =>
        store.write((tx) => redeliver(tx, deliveryId, now)),
      );
      printResult(
        {
          delivery_id: row.id,
          subscription_id: row.subscription_id,
          event_id: row.event_id,
          status: row.status,
        },
        options.json,
      );
    });
  webhook
    .command("listen")
    .description(
      "Receive webhooks on a local port, like `stripe listen`: a temporary subscription (deleted on exit), signatures verified, each event printed and/or forwarded",
    )
    .option("--print", "print each event in one line (the default without --forward-to)")
    .option("--json", "print each delivery as one JSON object per line")
    .option("--forward-to <url>", "POST each verified delivery, as received, to this URL")
    .option("--subscription <id>", "use this existing subscription (its URL must reach this port)")
    .option(
      "--events <list>",
      "comma-separated object_type.action (default: every membership event)",
    )
    .option("--port <n>", "local port to receive on (default: any free one)")
    .option("--public-url <url>", "the URL Roster should POST to, if not http://127.0.0.1:<port>/")
    .option("--server <url>", "Roster's address (default: $ROSTER_URL or http://127.0.0.1:8080)")
    .option("--api-key <key>", "an API key of the organization (default: $ROSTER_API_KEY)")
    .action(listen);
}
