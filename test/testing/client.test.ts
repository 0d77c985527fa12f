import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { basicAuth, bearerAuth, createRosterClient } from "roster/client";
import { startRoster } from "roster/testing";
import { CLIENT_TYPES_FILE, renderClientTypes } from "../../scripts/generate-client.ts";
import { testBackend } from "../helpers/backend.ts";

const once = testBackend() !== "sqlite" && "runs on the sqlite backend";

test("the committed client types match Roster's OpenAPI document (else: npm run generate:client)", {
  skip: once,
}, async () => {
  const committed = readFileSync(CLIENT_TYPES_FILE, "utf8");
  assert.ok(
    committed === (await renderClientTypes()),
    "src/client/openapi.ts is stale: run `npm run generate:client`",
  );
});

test("auth helpers", () => {
  assert.equal(basicAuth("api_x.y"), `Basic ${Buffer.from("api_x.y:").toString("base64")}`);
  assert.equal(bearerAuth("tok"), "Bearer tok");
});

test("the typed client talks to a started Roster, with API key and control token", {
  skip: once,
}, async () => {
  const roster = await startRoster({ controlToken: "client-test-control-token" });
  try {
    const client = createRosterClient({ baseUrl: roster.url, apiKey: roster.adminKey });
    const updated = await client.PUT("/api/v1/membership/{id}/", {
      params: { path: { id: roster.adminMembershipId } },
      body: { auto_record_calls: "enabled" },
    });
    assert.equal(updated.response.status, 200);
    assert.equal(updated.data?.auto_record_calls, "enabled");
    const refused = await client.PUT("/api/v1/membership/{id}/", {
      params: { path: { id: roster.adminMembershipId } },
      body: { role_id: "nope" },
    });
    assert.equal(refused.response.status, 400);
    const controls = createRosterClient({
      baseUrl: roster.url,
      headers: { authorization: bearerAuth("client-test-control-token") },
    });
    const journal = await controls.GET("/_roster/journal", {
      params: { query: { method: "PUT" } },
    });
    assert.equal(journal.data?.data.length, 2);
    const reset = await controls.POST("/_roster/reset");
    assert.equal(reset.response.status, 200);
  } finally {
    await roster.close();
  }
});
