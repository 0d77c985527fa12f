import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "./helpers/backend.ts";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import { type RawExchange, rawExchange } from "./helpers/raw-http.ts";
import { type ServerProcess, startServer, stopAllServers } from "./helpers/server-process.ts";

/** Every log line the app writes, parsed. */
const logLines: Array<Record<string, unknown>> = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split("\n").filter(Boolean))
      logLines.push(JSON.parse(line));
    done();
  },
});

function assertCloseError(res: RawExchange, status: number, label: string): void {
  assert.equal(res.status, status, `${label}: ${res.body}`);
  assert.match(res.headers["content-type"] ?? "", /^application\/json/, label);
  assert.match(res.headers["x-request-id"] ?? "", /^req_[A-Za-z0-9]{22}$/, label);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["error"], `${label}: ${res.body}`);
  assert.equal(typeof body.error, "string", label);
}

/**
 * Errors Node's HTTP layer meets before a route does (oversized headers, an unknown
 * `Expect`, no `Host`, bytes that are not HTTP, a client that hangs up mid-body): each is
 * answered in Close's shape with a request ID, and none is logged as a server error.
 */
describe("client errors below the routes, over a real socket", () => {
  const h = useHarness({}, { logger: { level: "debug", stream: logStream } });
  let port: number;
  let base: string;

  before(async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    port = (h.app.server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  test("headers over 16 KB → 431 in Close's shape with Connection: close; the socket ends cleanly", async () => {
    const res = await rawExchange(
      port,
      `GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    assertCloseError(res, 431, "431");
    assert.equal(res.headers.connection, "close");
    assert.equal(res.ending, "end", "closed with FIN, not reset");
    const longLine = await rawExchange(
      port,
      `GET /api/v1/${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    assertCloseError(longLine, 431, "request line");
  });

  test("a keep-alive client's requests around a 431 all get answers", async () => {
    const org = await createOrg(h);
    const auth = { authorization: basic(org.admin.apiKey) };
    const first = await fetch(`${base}/api/v1/me/`, { headers: auth });
    assert.equal(first.status, 200);
    await first.text();
    const big = await fetch(`${base}/api/v1/me/`, {
      headers: { ...auth, "x-big": "a".repeat(20_000) },
    });
    assert.equal(big.status, 431);
    assert.deepEqual(Object.keys((await big.json()) as object), ["error"]);
    const next = await fetch(`${base}/api/v1/me/`, { headers: auth });
    assert.equal(next.status, 200);
    await next.text();
  });

  test("a HEAD with headers over 16 KB → 431 without a body, which a HEAD client reads cleanly", async () => {
    const big = await fetch(`${base}/api/v1/me/`, {
      method: "HEAD",
      headers: { "x-big": "a".repeat(20_000) },
    });
    assert.equal(big.status, 431);
    assert.equal(await big.text(), "");
    const res = await rawExchange(
      port,
      `HEAD /api/v1/me/ HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    assert.equal(res.status, 431);
    assert.equal(res.body, "", "nothing after the headers");
  });

  test("Expect: nonsense → 417 with a JSON body", async () => {
    const res = await rawExchange(
      port,
      "GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\nExpect: nonsense\r\n\r\n",
    );
    assertCloseError(res, 417, "417");
  });

  test("an HTTP/1.1 request without Host → 400 with a JSON body and Connection: close", async () => {
    const res = await rawExchange(port, "GET /api/v1/me/ HTTP/1.1\r\n\r\n");
    assertCloseError(res, 400, "no Host");
    assert.equal(res.headers.connection, "close");
  });

  test("bytes that are not HTTP → 400 with a JSON body", async () => {
    for (const garbage of [
      "HELLO\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
      "\u0000\u0001\u0002\r\n\r\n",
    ]) {
      const res = await rawExchange(port, garbage);
      assertCloseError(res, 400, JSON.stringify(garbage));
    }
  });

  test("a client that hangs up mid-body is logged as a client abort at info, never as an error", async () => {
    const until = async (condition: () => boolean) => {
      for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(condition(), "waited 30 s");
    };
    const aborted = () => logLines.filter((line) => line.msg === "client aborted the request");
    const incoming = () => logLines.filter((line) => line.msg === "incoming request");
    const before = { aborted: aborted().length, incoming: incoming().length };
    const socket = net.connect({ port, host: "127.0.0.1" });
    await new Promise((resolve) => socket.on("connect", resolve));
    // A path outside the API: no authentication to wait for, the body is read at once.
    socket.write(
      'POST /no-such-path HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name": "',
    );
    await until(() => incoming().length > before.incoming);
    socket.destroy();
    await until(() => aborted().length > before.aborted);
    assert.equal(aborted().at(-1)?.level, 30, "logged at info");
    assert.deepEqual(
      logLines.filter((line) => Number(line.level) >= 50),
      [],
      "nothing at error level",
    );
  });
});

/**
 * Node's parser, once it refuses a request, reports an error again for every later chunk of
 * it; answering the first must not turn the later ones into a reset while the body still
 * arrives. Seen only with the client in another process (a server process here).
 */
describe("a refused request's body, from another process", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url });
  });
  after(async () => {
    await stopAllServers();
    await database.drop();
  });

  test("bytes refused at the request line, then a large body: the client reads the 400 and a clean close", async () => {
    const size = 600 * 1024;
    const request = `DESCRIPTION /api/v1/me/ HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n${" ".repeat(size)}`;
    for (let round = 0; round < 60; round++) {
      const { text, failure } = await new Promise<{ text: string; failure?: string }>((resolve) => {
        const socket = net.connect({
          port: Number(new URL(server.origin).port),
          host: "127.0.0.1",
        });
        const received: Buffer[] = [];
        let failure: string | undefined;
        socket.on("data", (chunk: Buffer) => received.push(chunk));
        socket.on("error", (error: NodeJS.ErrnoException) => {
          failure = error.code ?? error.message;
        });
        socket.on("close", () =>
          resolve({ text: Buffer.concat(received).toString("utf8"), failure }),
        );
        socket.on("connect", () => socket.end(request));
      });
      assert.equal(failure, undefined, `round ${round}: closed with FIN, not reset`);
      assert.match(text, /^HTTP\/1\.1 400 [\s\S]*\r\n\r\n\{"error":"[^"]+"\}$/, `round ${round}`);
    }
  });
});
