import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import { rawExchange } from "./helpers/raw-http.ts";

/** Attacker sockets come from another loopback address than the normal client's. */
const ATTACKER = "127.0.0.2";
const SOCKETS = 300;
const CAP = 50;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), `waited 60 s for: ${what}`);
}

/**
 * A slowloris (hundreds of sockets that send headers a byte at a time and never finish)
 * from one address: the per-address cap closes all but a few at once, the headers timeout
 * closes the rest, and a normal client is served throughout.
 */
describe("slow and abusive connections", () => {
  const h = useHarness({
    MAX_CONNECTIONS_PER_ADDRESS: String(CAP),
    HEADERS_TIMEOUT_MS: "2000",
    REQUEST_TIMEOUT_MS: "3000",
  });
  let port: number;
  const sockets: net.Socket[] = [];

  before(async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    port = (h.app.server.address() as AddressInfo).port;
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
  });

  test(`a slowloris of ${SOCKETS} sockets from one address does not stop a normal client being served`, async () => {
    const org = await createOrg(h);
    const closed = new Set<net.Socket>();
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < SOCKETS; i++) {
      const socket = net.connect({ port, host: "127.0.0.1", localAddress: ATTACKER });
      sockets.push(socket);
      socket.on("error", () => {});
      socket.on("close", () => closed.add(socket));
      socket.on("connect", () => {
        socket.write("GET /api/v1/me/ HTTP/1.1\r\nHost: x\r\n");
        // One header byte now and then, never the blank line that ends the headers.
        timers.push(setInterval(() => socket.writable && socket.write("X"), 500));
      });
    }
    try {
      // The cap: all but CAP sockets of the attacker are closed as soon as they connect.
      await until(() => closed.size >= SOCKETS - CAP, "the per-address cap");
      // The normal client, meanwhile, is served.
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/me/`, {
          headers: { authorization: basic(org.admin.apiKey) },
        });
        assert.equal(res.status, 200);
        await res.text();
      }
      // The headers timeout: the attacker's remaining sockets are closed too.
      await until(() => closed.size === SOCKETS, "the headers timeout");
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });

  test("a body sent too slowly is cut by the request timeout with a 408 in Close's shape", async () => {
    const org = await createOrg(h);
    const socket = net.connect({ port, host: "127.0.0.1" });
    sockets.push(socket);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {});
    const ended = new Promise((resolve) => socket.on("close", resolve));
    await new Promise((resolve) => socket.on("connect", resolve));
    socket.write(
      `POST /api/v1/role/ HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(org.admin.apiKey)}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
    );
    const drip = setInterval(() => socket.writable && socket.write(" "), 300);
    await ended;
    clearInterval(drip);
    const text = Buffer.concat(chunks).toString();
    assert.match(text, /^HTTP\/1\.1 408 /, text);
    assert.match(text, /\r\n\r\n\{"error":"[^"]+"\}$/, text);
  });

  test("an idle connection that never sends a byte is closed by the headers timeout", async () => {
    const res = await rawExchange(port, "", { waitMs: 60_000 }).catch((error: Error) => error);
    // Nothing was asked, so there may be no answer; what matters is that the server hung up.
    if (res instanceof Error) assert.match(res.message, /no HTTP response \((end|reset)\)/);
    else assert.notEqual(res.ending, "open");
  });
});
