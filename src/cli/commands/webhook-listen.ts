import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RosterError } from "../../errors.ts";
import { SUBSCRIBABLE_EVENTS } from "../../webhooks/event-types.ts";
import { signatureMatches } from "../../webhooks/signing.ts";

export interface ListenOptions {
  print?: boolean;
  json?: boolean;
  forwardTo?: string;
  subscription?: string;
  events?: string;
  port?: string;
  publicUrl?: string;
  server?: string;
  apiKey?: string;
}

interface Subscription {
  id: string;
  url: string;
  signature_key: string;
}

/** A call to Roster's API as any Close client makes it: the API key as the Basic username. */
async function callRoster(
  server: string,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/+$/, "")}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new RosterError(
      "bad_request",
      `Cannot reach Roster at ${server} (${(error as Error).message}); is it running? Set --server or ROSTER_URL.`,
    );
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: reported by status below
  }
  return { status: res.status, json };
}

function failure(what: string, response: { status: number; json: Record<string, unknown> }) {
  const fields = response.json["field-errors"] as Record<string, string> | undefined;
  const detail = fields
    ? Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join("; ")
    : String(response.json.error ?? `HTTP ${response.status}`);
  return new RosterError("bad_request", `${what} failed (${response.status}): ${detail}`);
}

function selectors(events: string | undefined) {
  if (!events) {
    return Object.entries(SUBSCRIBABLE_EVENTS).flatMap(([object_type, actions]) =>
      actions.map((action) => ({ object_type, action })),
    );
  }
  return events.split(",").map((entry) => {
    const [object_type = "", action = ""] = entry.trim().split(".");
    return { object_type, action };
  });
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** One readable line per event: when, what, which object, what changed. */
function describeEvent(event: Record<string, unknown>, verified: boolean, forward: string): string {
  const changed = Array.isArray(event.changed_fields) ? event.changed_fields.join(", ") : "";
  const data = (event.data ?? event.previous_data ?? {}) as Record<string, unknown>;
  const role = typeof data.role_id === "string" ? `  role_id=${data.role_id}` : "";
  return [
    `${event.date_created}  ${event.object_type}.${event.action}  ${event.object_id}`,
    `${role}${changed ? `  changed: ${changed}` : ""}`,
    `  [${event.id}, ${verified ? "signature verified" : "SIGNATURE INVALID"}]${forward}`,
  ].join("");
}

/**
 * `roster webhook listen`: receives on a local port, through a temporary subscription made
 * over Roster's HTTP API (as a developer on another machine would), verifies each
 * delivery's signature from the raw bytes, prints it, forwards it, and deletes the temporary
 * subscription on exit. A forwarded delivery is answered with the forward target's status,
 * so a failing handler makes Roster retry, as it would if Roster called it directly.
 */
export async function listen(options: ListenOptions): Promise<void> {
  const apiKey = options.apiKey ?? process.env.ROSTER_API_KEY;
  if (!apiKey) {
    throw new RosterError(
      "bad_request",
      "An API key is needed: --api-key or ROSTER_API_KEY (npm start prints the demo admin's).",
    );
  }
  const server = options.server ?? process.env.ROSTER_URL ?? "http://127.0.0.1:8080";
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const note = (line: string) => process.stderr.write(`${line}\n`);

  let subscription: Subscription | undefined;
  const receiver: Server = createServer(async (request, response) => {
    const raw = await readBody(request);
    const verified =
      subscription !== undefined &&
      signatureMatches(
        subscription.signature_key,
        request.headers["close-sig-timestamp"] as string | undefined,
        raw,
        request.headers["close-sig-hash"] as string | undefined,
      );
    let payload: { event?: Record<string, unknown>; subscription_id?: string } = {};
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      // reported as unverified below
    }
    let status = verified ? 200 : 400;
    let forward = "";
    if (verified && options.forwardTo) {
      try {
        const res = await fetch(options.forwardTo, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "close-sig-timestamp": String(request.headers["close-sig-timestamp"]),
            "close-sig-hash": String(request.headers["close-sig-hash"]),
          },
          body: new Uint8Array(raw),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        status = res.status;
        forward = `  → ${options.forwardTo} ${res.status}`;
      } catch (error) {
        status = 502;
        forward = `  → ${options.forwardTo} failed: ${(error as Error).message}`;
      }
    }
    if (options.json) {
      out(
        JSON.stringify({
          verified,
          subscription_id: payload.subscription_id ?? null,
          event: payload.event ?? null,
          ...(options.forwardTo ? { forward_status: status } : {}),
        }),
      );
    } else if (payload.event) {
      out(describeEvent(payload.event, verified, forward));
    } else {
      out(`received a body that is not a webhook delivery (${raw.length} bytes), rejected`);
    }
    response
      .writeHead(status, { "content-type": "text/plain" })
      .end(verified ? "ok" : "bad signature");
  });
  await new Promise<void>((resolve, reject) => {
    receiver.once("error", reject);
    receiver.listen(Number(options.port ?? 0), "127.0.0.1", () => resolve());
  });
  const port = (receiver.address() as AddressInfo).port;

  let temporary = false;
  try {
    if (options.subscription) {
      const got = await callRoster(server, apiKey, "GET", `/webhook/${options.subscription}/`);
      if (got.status !== 200) throw failure("Reading the subscription", got);
      subscription = got.json as unknown as Subscription;
    } else {
      const url = options.publicUrl ?? `http://127.0.0.1:${port}/`;
      const created = await callRoster(server, apiKey, "POST", "/webhook/", {
        url,
        events: selectors(options.events),
      });
      if (created.status !== 201) {
        const hint =
          created.status === 400 && /loopback|private/.test(JSON.stringify(created.json))
            ? " (start Roster with ROSTER_WEBHOOK_ALLOW_PRIVATE=true, as npm start does)"
            : "";
        throw failure(`Creating a subscription to ${url}${hint}`, created);
      }
      subscription = created.json as unknown as Subscription;
      temporary = true;
    }
  } catch (error) {
    receiver.close();
    throw error;
  }

  const active = subscription;
  note(
    `Ready: ${temporary ? "temporary " : ""}subscription ${active.id} delivers to ${active.url} ` +
      `(listening on 127.0.0.1:${port}); signatures are verified. Ctrl-C to stop.`,
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      if (temporary) {
        const deleted = await callRoster(server, apiKey, "DELETE", `/webhook/${active.id}/`).catch(
          (error: Error) => ({ status: 0, json: { error: error.message } }),
        );
        note(
          deleted.status === 200
            ? `Deleted temporary subscription ${active.id}.`
            : `Could not delete subscription ${active.id}: ${String(deleted.json.error ?? deleted.status)}`,
        );
      }
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  });
}
