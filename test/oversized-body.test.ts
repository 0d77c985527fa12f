import assert from "node:assert/strict";
import net, { type AddressInfo } from "node:net";
import { before, describe, test } from "node:test";
import { basic, createOrg, useHarness } from "./helpers/harness.ts";
import { parseResponse } from "./helpers/raw-http.ts";

/** Repeats per size; ROSTER_OVERSIZE_REPEATS raises it for a longer hunt. */
const REPEATS = Number(process.env.ROSTER_OVERSIZE_REPEATS ?? 20);
const MiB = 1024 * 1024;

interface WholeExchange {
  status: number | undefined;
  body: string;
  headers: Record<string, string>;
  /** The socket error the client saw while sending or reading (EPIPE, ECONNRESET), if any. */
  error: string | undefined;
}

/**
 * A client that sends its whole request, as most HTTP clients do, honouring backpressure,
 * and only then reads: the server's answer must still be there when it looks.
 */
function sendWhole(
  port: number,
  head: string,
  body: Buffer,
  chunked = false,
): Promise<WholeExchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on("close", () => {
      const parsed = parseResponse(Buffer.concat(received).toString("utf8"));
      resolve({
        status: parsed?.status,
        body: parsed?.body ?? "",
        headers: parsed?.headers ?? {},
        error,
      });
    });
    socket.on("connect", async () => {
      const write = (data: string | Buffer) =>
        new Promise<void>((done) => {
          if (socket.write(data)) done();
          else socket.once("drain", () => done());
        });
      await write(head);
      const piece = 64 * 1024;
      for (let at = 0; at < body.length && !socket.destroyed; at += piece) {
        const slice = body.subarray(at, at + piece);
        await write(
          chunked
            ? Buffer.concat([
                Buffer.from(`${slice.length.toString(16)}\r\n`),
                slice,
                Buffer.from("\r\n"),
              ])
            : slice,
        );
      }
      if (chunked && !socket.destroyed) await write("0\r\n\r\n");
      // Finished sending; the answer is read from here on (a keep-alive server would wait).
      socket.end();
    });
  });
}

/** A JSON body of exactly `size` bytes. */
function jsonOf(size: number): Buffer {
  const head = '{"role_id": "superuser", "pad": "';
  return Buffer.from(`${head}${"x".repeat(size - head.length - 2)}"}`);
}

describe("an oversized body over a real socket: the client reads the 413", () => {
  const h = useHarness();
  let port: number;
  let url: string;
  let authorization: string;

  before(async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    port = (h.app.server.address() as AddressInfo).port;
    const org = await createOrg(h);
    const member = await org.add("user");
    url = `/api/v1/membership/${member.membershipId}/`;
    authorization = basic(org.admin.apiKey);
  });

  for (const size of [MiB + 1, 2 * MiB, 6 * MiB]) {
    test(`${size} bytes with Content-Length, ${REPEATS} times → 413 {error} every time`, async () => {
      const body = jsonOf(size);
      for (let run = 0; run < REPEATS; run++) {
        const head = `PUT ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
        const res = await sendWhole(port, head, body);
        assert.equal(res.status, 413, `run ${run}: ${res.error ?? ""} ${res.body}`);
        assert.equal(res.error, undefined, `run ${run}: the client saw ${res.error}`);
        assert.equal(res.headers.connection, "close", `run ${run}`);
        assert.deepEqual(Object.keys(JSON.parse(res.body)), ["error"], `run ${run}`);
      }
    });
  }

  test(`2 MiB of a type that is not JSON, ${REPEATS} times → 415 {error} every time`, async () => {
    const body = jsonOf(2 * MiB);
    for (let run = 0; run < REPEATS; run++) {
      const head = `PUT ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`;
      const res = await sendWhole(port, head, body);
      assert.equal(res.status, 415, `run ${run}: ${res.error ?? ""} ${res.body}`);
      assert.equal(res.error, undefined, `run ${run}: the client saw ${res.error}`);
    }
  });

  test("the membership was never changed, and the server still answers", async () => {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { authorization } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { role_id: string }).role_id, "user");
  });
});
