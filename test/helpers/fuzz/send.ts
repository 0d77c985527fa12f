// Sends fuzzed requests over real sockets and judges each answer against Close's error contract.
import http from "node:http";
import { rawExchange } from "../raw-http.ts";
import type { FuzzRequest } from "./requests.ts";

/** What came back: a status (0 when nothing did) and the body's text. */
export interface FuzzAnswer {
  status: number;
  body: string;
  contentType: string;
  /** Why there is no answer (timeout, reset), when there is none. */
  failure?: string;
}

/** Longest a request may go unanswered before the fuzzer calls it a hang. */
export const ANSWER_TIMEOUT_MS = 15_000;

/** One keep-alive agent per target, so thousands of requests reuse a few sockets. */
export function fuzzAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency });
}

export async function sendFuzzRequest(
  origin: string,
  request: FuzzRequest,
  agent: http.Agent,
): Promise<FuzzAnswer> {
  const { hostname, port } = new URL(origin);
  if (request.raw !== undefined) {
    try {
      const exchange = await rawExchange(Number(port), Buffer.from(request.raw, "base64"), {
        waitMs: ANSWER_TIMEOUT_MS,
      });
      return {
        status: exchange.status,
        body: exchange.body,
        contentType: exchange.headers["content-type"] ?? "",
        ...(exchange.ending === "open" ? { failure: "the connection stayed open" } : {}),
      };
    } catch (error) {
      return { status: 0, body: "", contentType: "", failure: (error as Error).message };
    }
  }
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "base64");
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method: request.method,
        path: request.url,
        agent,
        headers: {
          ...request.headers,
          ...(body === undefined ? {} : { "content-length": String(body.length) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            contentType: String(res.headers["content-type"] ?? ""),
          });
        });
        res.on("error", (error) => done(`response: ${error.message}`));
      },
    );
    const done = (failure: string) => {
      clearTimeout(timer);
      req.destroy();
      resolve({ status: 0, body: "", contentType: "", failure });
    };
    const timer = setTimeout(() => done(`no answer in ${ANSWER_TIMEOUT_MS} ms`), ANSWER_TIMEOUT_MS);
    req.on("error", (error) => done(error.message));
    req.end(body);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Close's error bodies: `{"error": "..."}`, a validation body, or a 429's `{"error": {...}}`. */
function closeErrorShape(status: number, body: unknown): boolean {
  if (!isObject(body)) return false;
  const keys = Object.keys(body).sort().join(",");
  if (keys === "error") {
    return typeof body.error === "string" || (status === 429 && isObject(body.error));
  }
  return (
    keys === "errors,field-errors" && Array.isArray(body.errors) && isObject(body["field-errors"])
  );
}

/** RFC 6749's error body, which the OAuth endpoints answer with. */
function oauthErrorShape(body: unknown): boolean {
  return (
    isObject(body) &&
    typeof body.error === "string" &&
    Object.keys(body).every((key) => key === "error" || key === "error_description")
  );
}

/** Paths a browser visits (the web app, the OAuth consent page). */
const PAGES = /^\/(app\/|oauth2\/authorize)/;

/**
 * Why an answer breaks the contract, or undefined when it keeps it: it must come (no hang,
 * no dropped connection), never be a 5xx, and every error must be JSON in Close's shape
 * (RFC 6749's on the OAuth endpoints).
 */
export function problemWith(request: FuzzRequest, answer: FuzzAnswer): string | undefined {
  if (answer.failure !== undefined) {
    // A request over 16 KB of headers may be cut before the client finished writing it; and
    // the 431 carries a body even to a HEAD (the server never learnt the method), which a
    // client reading a HEAD answer takes for data after the response.
    if (
      request.raw === undefined &&
      /EPIPE|ECONNRESET|socket hang up|Data after/.test(answer.failure)
    ) {
      const size = Object.values(request.headers).reduce(
        (n, v) => n + v.length,
        request.url.length,
      );
      if (size > 16 * 1024) return undefined;
    }
    return answer.failure;
  }
  // `/ready` answers 503 when a check does not answer in time (a busy database): that is the
  // readiness probe's answer, not a fault.
  if (answer.status === 503 && /^\/ready\/?(\?|$)/.test(request.url)) {
    return /"status":"unavailable"/.test(answer.body) ? undefined : `/ready: ${answer.body}`;
  }
  if (answer.status >= 500) return `status ${answer.status}: ${answer.body.slice(0, 500)}`;
  if (answer.status < 400 || request.method === "HEAD") return undefined;
  const path = request.url.split("?")[0] ?? "";
  // Pages are for browsers: their errors are pages too.
  if (PAGES.test(path) && answer.contentType.startsWith("text/html")) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `status ${answer.status} with a body that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  const fits = path.startsWith("/oauth2/")
    ? oauthErrorShape(body) || closeErrorShape(answer.status, body)
    : closeErrorShape(answer.status, body);
  return fits
    ? undefined
    : `status ${answer.status} in another shape: ${answer.body.slice(0, 300)}`;
}

/** A request as one line of JSON, to paste into a replay. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined ? undefined : Buffer.from(request.body, "base64").toString("utf8");
  const text = JSON.stringify({
    ...request,
    ...(body !== undefined && body.length <= 2000 ? { bodyText: body } : {}),
  });
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}
