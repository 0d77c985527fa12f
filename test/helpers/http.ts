import assert from "node:assert/strict";
import { basic } from "./harness.ts";

/**
 * Close API calls over a real socket (global fetch), for tests that run the app with
 * `listen()` or as a separate process. A connection that dies before the response rejects.
 */

export interface ApiResponse {
  status: number;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** The `X-Request-Id` the server answered with. */
  requestId: string | null;
}

export async function callApi(
  api: string,
  apiKey: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: basic(apiKey),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: res.status, body: parsed, requestId: res.headers.get("x-request-id") };
}

/** Asserts Close's error body (docs/compatibility.md, Errors): `{"error": "..."}` or a validation body. */
export function assertCloseErrorBody(response: ApiResponse, context = ""): void {
  const body = response.body as Record<string, unknown>;
  assert.ok(body && typeof body === "object", `${context}: error body is not JSON`);
  if ("error" in body) {
    assert.equal(typeof body.error, "string", context);
    assert.deepEqual(Object.keys(body), ["error"], context);
  } else {
    assert.ok(Array.isArray(body.errors), `${context}: ${JSON.stringify(body)}`);
    assert.equal(typeof body["field-errors"], "object", context);
  }
}
