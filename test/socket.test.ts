import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { before, describe, test } from "node:test";
import { MEMBERSHIP_FIELDS } from "./helpers/assertions.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
  localPort: number | undefined;
}

/** One request through node:http, so that socket reuse can be observed. */
function request(
  agent: http.Agent,
  base: URL,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: options.method,
        path: options.path,
        headers: {
          ...options.headers,
          ...(options.body !== undefined
            ? { "content-length": String(Buffer.byteLength(options.body)) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            reusedSocket: req.reusedSocket,
            localPort: req.socket?.localPort,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe("over a real HTTP socket", () => {
  const h = useHarness();
  let base: URL;

  before(async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = h.app.server.address() as AddressInfo;
    base = new URL(`http://127.0.0.1:${port}`);
  });

  test("the seed request: PUT a role and call recording, read it back", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user");
    const res = await fetch(new URL(`/api/v1/membership/${alice.membershipId}/`, base), {
      method: "PUT",
      headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
      body: JSON.stringify({ role_id: "superuser", auto_record_calls: "enabled" }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.match(res.headers.get("x-request-id") ?? "", /^req_[A-Za-z0-9]{22}$/);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), MEMBERSHIP_FIELDS);
    assert.equal(body.role_id, "superuser");
    assert.equal(body.auto_record_calls, "enabled");

    const org2 = await fetch(new URL(`/api/v1/organization/${org.id}/`, base), {
      headers: { authorization: basic(org.admin.apiKey) },
    });
    assert.equal(org2.status, 200);
    const members = ((await org2.json()) as { memberships: Array<Record<string, unknown>> })
      .memberships;
    const stored = members.find((m) => m.id === alice.membershipId);
    assert.equal(stored?.role_id, "superuser");
    assert.equal(stored?.auto_record_calls, "enabled");
  });

  test("paths answer the same with and without the trailing slash", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user");
    const auth = { authorization: basic(org.admin.apiKey) };
    const put = await fetch(new URL(`/api/v1/membership/${alice.membershipId}`, base), {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ role_id: "restricteduser" }),
    });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as { role_id: string }).role_id, "restricteduser");

    for (const path of ["/api/v1/me", `/api/v1/organization/${org.id}`]) {
      const without = await fetch(new URL(path, base), { headers: auth });
      const withSlash = await fetch(new URL(`${path}/`, base), { headers: auth });
      assert.equal(without.status, 200, path);
      assert.equal(withSlash.status, 200, path);
      assert.deepEqual(await without.json(), await withSlash.json(), path);
    }
  });

  test("401 carries WWW-Authenticate and {error}; odd URLs get Close's 404", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user");
    for (const authorization of [undefined, "Basic !!!", `Bearer ${"x".repeat(10 * 1024)}`]) {
      const res = await fetch(new URL(`/api/v1/membership/${alice.membershipId}/`, base), {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ role_id: "admin" }),
      });
      assert.equal(res.status, 401);
      assert.match(res.headers.get("www-authenticate") ?? "", /basic/i);
      const body = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), ["error"]);
    }
    for (const id of ["%ZZ", "%ED%A0%80", "a".repeat(500)]) {
      const res = await fetch(new URL(`/api/v1/membership/${id}/`, base), {
        method: "PUT",
        headers: { authorization: basic(org.admin.apiKey), "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(res.status, 404, id.slice(0, 20));
      assert.deepEqual(Object.keys((await res.json()) as object), ["error"]);
      assert.match(res.headers.get("x-request-id") ?? "", /^req_/);
    }
  });

  test("keep-alive: one connection serves several requests, errors included", async () => {
    const org = await createOrg(h);
    const alice = await org.add("user");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const auth = { authorization: basic(org.admin.apiKey) };
      const json = { ...auth, "content-type": "application/json" };
      const path = `/api/v1/membership/${alice.membershipId}/`;
      const sequence = [
        { method: "GET", path: "/api/v1/me/", headers: auth, expect: 200 },
        { method: "PUT", path, headers: json, body: '{"role_id": "superuser"}', expect: 200 },
        {
          method: "PUT",
          path,
          headers: { "content-type": "application/json" },
          body: "{}",
          expect: 401,
        },
        { method: "PUT", path, headers: json, body: '{"nope": 1}', expect: 400 },
        { method: "GET", path: "/api/v1/nothing/", headers: auth, expect: 404 },
        { method: "PATCH", path, headers: json, body: "{}", expect: 405 },
        {
          method: "PUT",
          path,
          headers: json,
          body: '{"auto_record_calls": "disabled"}',
          expect: 200,
        },
      ];
      const responses: RawResponse[] = [];
      for (const step of sequence) {
        const res = await request(agent, base, step);
        assert.equal(res.status, step.expect, `${step.method} ${step.path}: ${res.body}`);
        assert.notEqual(res.headers.connection, "close", `${step.method} ${step.expect}`);
        responses.push(res);
      }
      assert.equal(responses[0]?.reusedSocket, false);
      for (const res of responses.slice(1)) {
        assert.equal(res.reusedSocket, true, "the same connection was reused");
        assert.equal(res.localPort, responses[0]?.localPort);
      }
      const last = JSON.parse(responses.at(-1)?.body ?? "{}") as Record<string, unknown>;
      assert.equal(last.role_id, "superuser");
      assert.equal(last.auto_record_calls, "disabled");

      // A body that fails to parse ends the connection (Fastify cannot tell where the next
      // request would start); the client reconnects and carries on.
      const broken = await request(agent, base, {
        method: "PUT",
        path,
        headers: json,
        body: "{bad",
      });
      assert.equal(broken.status, 400);
      assert.deepEqual(JSON.parse(broken.body), { error: "The request contains invalid JSON." });
      const next = await request(agent, base, {
        method: "GET",
        path: "/api/v1/me/",
        headers: auth,
      });
      assert.equal(next.status, 200);
    } finally {
      agent.destroy();
    }
  });
});
