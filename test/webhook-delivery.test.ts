import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { updateMembership } from "../src/operations/membership-update.ts";
import { operatorActor } from "../src/operations/provisioning.ts";
import { RETRY_WINDOW_MS, redeliver } from "../src/webhooks/deliveries.ts";
import { createDispatcher, startDispatcher, USER_AGENT } from "../src/webhooks/dispatcher.ts";
import { signatureMatches, signatureOf } from "../src/webhooks/signing.ts";
import { api } from "./helpers/api.ts";
import { createOrg, type Org, putMembership, useHarness } from "./helpers/harness.ts";
import { type Received, WebhookReceiver } from "./helpers/webhook-receiver.ts";

const ALL_MEMBERSHIP_EVENTS = ["created", "activated", "updated", "deactivated"].map((action) => ({
  object_type: "membership",
  action,
}));

describe("webhook delivery", () => {
  const h = useHarness({ ROSTER_WEBHOOK_ALLOW_PRIVATE: "true" });
  const receiver = new WebhookReceiver();
  const dispatcher = () =>
    createDispatcher({ store: h.store, clock: h.clock, policy: { allowPrivate: true } });

  before(() => receiver.start());
  after(() => receiver.stop());

  async function subscribe(org: Org, url = receiver.url, events = ALL_MEMBERSHIP_EVENTS) {
    const res = await api(h, org.admin.apiKey, "POST", "/webhook/", { url, events });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; signature_key: string };
  }

  function receivedFor(subscriptionId: string): Received[] {
    return receiver.received.filter((r) => r.json.subscription_id === subscriptionId);
  }

  test("POSTs the event exactly as GET /event/{id}/ shows it, signed over the raw bytes", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const sub = await subscribe(org);
    const changed = await putMembership(h, org.admin.apiKey, bob.membershipId, {
      role_id: "superuser",
    });
    assert.equal(changed.statusCode, 200);
    await dispatcher().runDue();

    const [delivery, ...more] = receivedFor(sub.id);
    assert.ok(delivery, "one delivery");
    assert.equal(more.length, 0);
    assert.equal(delivery.headers["content-type"], "application/json");
    assert.equal(delivery.headers["user-agent"], USER_AGENT);
    assert.match(delivery.headers["user-agent"] as string, /Roster/);
    const timestamp = delivery.headers["close-sig-timestamp"] as string;
    assert.equal(Number(timestamp), Math.floor(h.clock.now().getTime() / 1000));
    const hash = delivery.headers["close-sig-hash"] as string;
    assert.ok(signatureMatches(sub.signature_key, timestamp, delivery.raw, hash));
    // The check can fail: another key, another timestamp, one changed byte.
    const otherKey = sub.signature_key.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    assert.equal(signatureMatches(otherKey, timestamp, delivery.raw, hash), false);
    assert.equal(
      signatureMatches(sub.signature_key, `${Number(timestamp) + 1}`, delivery.raw, hash),
      false,
    );
    const tampered = Buffer.from(delivery.raw);
    tampered.writeUInt8((tampered.at(-2) as number) ^ 1, tampered.length - 2);
    assert.equal(signatureMatches(sub.signature_key, timestamp, tampered, hash), false);
    assert.equal(hash, signatureOf(sub.signature_key, timestamp, delivery.raw));

    const { event, subscription_id } = delivery.json;
    assert.deepEqual(Object.keys(delivery.json), ["event", "subscription_id"]);
    assert.equal(subscription_id, sub.id);
    assert.equal(event.action, "updated");
    assert.equal(event.object_id, bob.membershipId);
    assert.equal(event.request_id, changed.headers["x-request-id"]);
    const shown = await api(h, org.admin.apiKey, "GET", `/event/${event.id}/`);
    assert.equal(JSON.stringify(event), shown.body, "byte for byte what GET /event/{id}/ returns");
  });

  test("only matching active subscriptions of the event's organization get it", async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const bob = await org.add("user");
    const onlyCreated = await subscribe(org, receiver.url, [
      { object_type: "membership", action: "created" },
    ]);
    const paused = await subscribe(org);
    await api(h, org.admin.apiKey, "PUT", `/webhook/${paused.id}/`, { status: "paused" });
    const others = await subscribe(other);
    const updated = await subscribe(org, receiver.url, [
      { object_type: "membership", action: "updated" },
    ]);
    await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" });
    await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" }); // no change
    await dispatcher().runDue();
    assert.equal(receivedFor(onlyCreated.id).length, 0);
    assert.equal(receivedFor(paused.id).length, 0);
    assert.equal(receivedFor(others.id).length, 0);
    assert.equal(receivedFor(updated.id).length, 1);
  });

  test("a unit that rolls back leaves no delivery, also inside a group-committed batch", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const carl = await org.add("user");
    const sub = await subscribe(org);
    const actor = operatorActor(org.id, "test");
    const failing = h.store.write(async (tx) => {
      await updateMembership(tx, actor, bob.membershipId, { role_id: "superuser" }, h.clock.now());
      throw new Error("refused after its event was recorded");
    });
    const succeeding = h.store.write((tx) =>
      updateMembership(tx, actor, carl.membershipId, { role_id: "superuser" }, h.clock.now()),
    );
    await assert.rejects(failing, /refused/);
    await succeeding;
    const rows = await h.store.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("events as e", "e.id", "d.event_id")
      .select(["e.object_id"])
      .where("d.subscription_id", "=", sub.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.object_id),
      [carl.membershipId],
    );
    await dispatcher().runDue();
    assert.deepEqual(
      receivedFor(sub.id).map((r) => r.json.event.object_id),
      [carl.membershipId],
    );
  });

  test("a backlog goes out as fast as attempts finish, not a few deliveries per poll", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const sub = await subscribe(org);
    const actor = operatorActor(org.id, "test");
    const backlog = 200;
    for (let i = 0; i < backlog; i++) {
      const auto_record_calls = i % 2 === 0 ? "enabled" : "disabled";
      await h.store.write((tx) =>
        updateMembership(tx, actor, bob.membershipId, { auto_record_calls }, h.clock.now()),
      );
    }
    // One poll at start, the next an hour later: every delivery past the first claim's four
    // (the per-subscription limit) goes out only because a finished attempt claimed again.
    const running = startDispatcher({
      store: h.store,
      clock: h.clock,
      policy: { allowPrivate: true },
      pollMs: 3_600_000,
    });
    try {
      await receiver.waitFor(() => receivedFor(sub.id).length >= backlog);
    } finally {
      await running.stop();
    }
    const delivered = receivedFor(sub.id).map((r) => r.json.event.id);
    assert.equal(delivered.length, backlog);
    assert.equal(new Set(delivered).size, backlog, "no event delivered twice");
  });

  test("retries with growing backoff until the receiver answers 2xx, then exactly once", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const sub = await subscribe(org);
    let failuresLeft = 4;
    receiver.respond = (r) => (r.json.subscription_id === sub.id && failuresLeft-- > 0 ? 503 : 200);
    try {
      await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" });
      const d = dispatcher();
      await d.runDue();
      const waits: number[] = [];
      for (let round = 0; round < 10 && receivedFor(sub.id).length < 5; round++) {
        const log = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/delivery/`)).json();
        const [latest] = log.data as Array<{ next_retry: string; date_created: string }>;
        assert.ok(latest?.next_retry, "a failed attempt says when the next one is due");
        const wait = Date.parse(latest.next_retry) - Date.parse(latest.date_created);
        waits.push(wait);
        // Not yet due: nothing is sent.
        h.clock.advance(wait - 1000);
        await d.runDue();
        assert.equal(receivedFor(sub.id).length, round + 1);
        h.clock.advance(1000);
        await d.runDue();
      }
      assert.equal(receivedFor(sub.id).length, 5, "four failures, then the success");
      assert.ok(
        waits[0] !== undefined && waits[0] >= 1000 && waits[0] <= 10_000,
        `first retry within seconds: ${waits}`,
      );
      for (let i = 1; i < waits.length; i++) {
        assert.ok((waits[i] as number) >= (waits[i - 1] as number), `backoff grows: ${waits}`);
      }
      assert.ok((waits.at(-1) as number) > (waits[0] as number) * 2, `backoff grows: ${waits}`);
      const ids = new Set(receivedFor(sub.id).map((r) => r.json.event.id));
      assert.equal(ids.size, 1, "the same event each time");

      h.clock.advance(3_600_000);
      await d.runDue();
      assert.equal(receivedFor(sub.id).length, 5, "nothing after the success");
      const log = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/delivery/`)).json();
      assert.deepEqual(
        log.data.map((a: { status_code: number }) => a.status_code),
        [200, 503, 503, 503, 503],
      );
      assert.equal(log.data[0].next_retry, null);
      assert.equal(log.data[1].error, "HTTP 503");
      assert.ok(log.data.every((a: { duration_ms: number }) => Number.isInteger(a.duration_ms)));
    } finally {
      receiver.respond = () => 200;
    }
  });

  test("a receiver failing for 3 days: retries end, the subscription is paused; re-activation resumes", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const sub = await subscribe(org);
    receiver.respond = (r) => (r.json.subscription_id === sub.id ? 500 : 200);
    try {
      await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" });
      const d = dispatcher();
      let rounds = 0;
      for (; rounds < 120; rounds++) {
        await d.runDue();
        const got = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/`)).json();
        if (got.status === "paused") break;
        h.clock.advance(60 * 60_000); // past the 20-minute cap: every round retries
      }
      const got = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/`)).json();
      assert.equal(got.status, "paused");
      const attempts = receivedFor(sub.id).length;
      assert.ok(attempts >= 72 && attempts < 120, `retried for 72 hours: ${attempts}`);
      const [paused] = await h.store.db
        .selectFrom("webhook_subscriptions")
        .select("paused_reason")
        .where("id", "=", sub.id)
        .execute();
      assert.match(paused?.paused_reason ?? "", /HTTP 500/);

      // Paused: changes meanwhile are not queued for it (only active subscriptions get deliveries).
      await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "user" });
      h.clock.advance(60 * 60_000);
      await d.runDue();
      assert.equal(receivedFor(sub.id).length, attempts);
      receiver.respond = () => 200;
      await api(h, org.admin.apiKey, "PUT", `/webhook/${sub.id}/`, { status: "active" });
      await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "restricteduser" });
      await d.runDue();
      const last = receivedFor(sub.id).at(-1);
      assert.equal(receivedFor(sub.id).length, attempts + 1);
      const data = last?.json.event.data as { role_id?: string } | undefined;
      assert.equal(data?.role_id, "restricteduser");

      // The given-up delivery can be sent again by hand.
      const [failed] = await h.store.db
        .selectFrom("webhook_deliveries")
        .select("id")
        .where("subscription_id", "=", sub.id)
        .where("status", "=", "failed")
        .execute();
      assert.ok(failed, "the first delivery was given up after 72 hours");
      assert.ok(RETRY_WINDOW_MS === 72 * 3_600_000);
      await h.store.write((tx) => redeliver(tx, failed.id, h.clock.now()));
      await d.runDue();
      assert.equal(receivedFor(sub.id).length, attempts + 2);
    } finally {
      receiver.respond = () => 200;
    }
  });

  test("destinations are checked again at delivery; a slow receiver times out", async () => {
    const org = await createOrg(h);
    const bob = await org.add("user");
    const sub = await subscribe(org);
    await putMembership(h, org.admin.apiKey, bob.membershipId, { role_id: "superuser" });
    // The same subscription, seen by a dispatcher that does not allow private addresses.
    await createDispatcher({
      store: h.store,
      clock: h.clock,
      policy: { allowPrivate: false },
    }).runDue();
    assert.equal(receivedFor(sub.id).length, 0);
    let log = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/delivery/`)).json();
    assert.equal(log.data.length, 1);
    assert.equal(log.data[0].status_code, null);
    assert.match(log.data[0].error, /loopback/);

    receiver.respond = async () => {
      await sleep(2_000);
      return 200;
    };
    try {
      h.clock.advance(60 * 60_000);
      await createDispatcher({
        store: h.store,
        clock: h.clock,
        policy: { allowPrivate: true },
        timeoutMs: 200,
      }).runDue();
      log = (await api(h, org.admin.apiKey, "GET", `/webhook/${sub.id}/delivery/`)).json();
      assert.equal(log.data.length, 2);
      assert.equal(log.data[0].status_code, null);
      assert.match(log.data[0].error, /timed out/);
    } finally {
      receiver.respond = () => 200;
    }
  });
});
