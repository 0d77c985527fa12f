// Request bodies: what an empty one means, and how a refused one is let go of.
import type { IncomingMessage } from "node:http";
import { RosterError } from "../errors.ts";
import type { App } from "./types.ts";

/** Deepest nesting of arrays and objects a body may have: far past any body a route takes. */
const MAX_BODY_DEPTH = 32;

/**
 * JSON bodies, parsed as Fastify does (prototype poisoning refused), except that an empty body
 * is no body: many clients send `Content-Type: application/json` on every request, a `DELETE`
 * included. Where a route takes no body that is fine; where it needs one, the answer is the
 * one for a missing body.
 *
 * A body nested deeper than MAX_BODY_DEPTH is refused here, once, so that nothing that walks a
 * body recursively (an Idempotency-Key's fingerprint, validation, field checks) can run out of
 * stack on one: `JSON.parse` takes thousands of levels, a recursive walk does not.
 */
export function registerJsonBodies(app: App): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "") return done(null, undefined);
    parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (nestedDeeperThan(value, MAX_BODY_DEPTH)) {
        return done(
          new RosterError(
            "invalid_json",
            `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`,
          ),
          undefined,
        );
      }
      done(null, value);
    });
  });
}

/** Whether arrays and objects in `value` nest deeper than `max`; without recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Most bytes of a refused body read and thrown away before answering (then the socket is cut). */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
/** Most time spent on that. */
const DISCARD_MAX_MS = 10_000;

/**
 * Reads and throws away what is left of a body the server refused without reading (too large,
 * not JSON). The refusal closes the connection; closing it while the client is still sending
 * makes the kernel answer the unread bytes with a reset, and a client that is still writing
 * sees EPIPE instead of the answer. Once its body is in, the close is a clean one. Bounded in
 * bytes and time: past either, the socket is closed as before.
 */
export function discardRestOfBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off("data", onData);
      raw.off("end", finish);
      raw.off("close", finish);
      raw.off("error", finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_MAX_BYTES) finish();
    };
    const timer = setTimeout(finish, DISCARD_MAX_MS);
    raw.on("data", onData);
    raw.once("end", finish);
    raw.once("close", finish);
    raw.once("error", finish);
    raw.resume();
  });
}
