import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { newId } from "../domain/ids.ts";
import { PLAIN_TEXT_PATTERN } from "../domain/text.ts";
import { type ErrorCode, type FieldErrors, RosterError } from "../errors.ts";
import { rateLimitHeaders } from "../ratelimit/header.ts";
import { DEPRECATED_FIELDS } from "../schemas/membership.ts";
import { discardRestOfBody } from "./body.ts";
import { withFieldChecks } from "./fields.ts";

/** The one code → status table (docs/compatibility.md, Errors). */
const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation: 400,
  bad_request: 400,
  invariant: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  idempotency_in_flight: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  expectation_failed: 417,
  idempotency_mismatch: 422,
  rate_limited: 429,
  header_fields_too_large: 431,
  internal: 500,
  oauth_invalid_request: 400,
  oauth_invalid_client: 401,
  oauth_invalid_grant: 400,
  oauth_unauthorized_client: 400,
  oauth_unsupported_grant_type: 400,
  oauth_invalid_scope: 400,
};

const OAUTH_PREFIX = "oauth_";

/**
 * On the OAuth endpoints (route config `oauthErrors`) a malformed request is RFC 6749's
 * `invalid_request`, whatever layer noticed it (the body parser, a schema, a handler).
 */
const OAUTH_INVALID_REQUEST = new Set<ErrorCode>([
  "invalid_json",
  "validation",
  "bad_request",
  "unsupported_media_type",
]);

/** Fastify's own errors that are really the client's, and what Roster calls them. */
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ["invalid_json", "The request contains invalid JSON."],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["invalid_json", "The request contains invalid JSON."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    "unsupported_media_type",
    "Unsupported media type: send application/json.",
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: ["payload_too_large", "The request body is too large."],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["bad_request", "Invalid Content-Length."],
  FST_ERR_BAD_URL: ["not_found", "Not found."],
  FST_ERR_MAX_PARAM_LENGTH: ["not_found", "Not found."],
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/**
 * The Close body for an error: validation errors list fields, a rate limit says which limit
 * and when to come back (the object older Close clients read), everything else is one message.
 */
export function bodyOf(error: RosterError): Record<string, unknown> {
  if (error.code.startsWith(OAUTH_PREFIX)) {
    return { error: error.code.slice(OAUTH_PREFIX.length), error_description: error.message };
  }
  if (error.code === "validation") {
    return {
      errors: error.fieldErrors ? [] : [error.message],
      "field-errors": error.fieldErrors ?? {},
    };
  }
  if (error.rateLimit) {
    const limit = error.rateLimit;
    return {
      error: {
        message: error.message,
        rate_reset: Math.ceil(limit.retryAfterSeconds * 1000) / 1000,
        rate_limit: limit.limit,
        rate_window: limit.windowSeconds,
        rate_limit_type: limit.type,
      },
    };
  }
  return { error: error.message };
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** One message per field, in Close's wording where Close has one. */
function fieldMessage(error: AjvError): [string, string] | undefined {
  const field = error.instancePath.split("/")[1] ?? "";
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(error.params.additionalProperty);
      const replacement = DEPRECATED_FIELDS[name];
      return [
        name,
        replacement ? `This field is deprecated; use ${replacement} instead.` : "Unknown field.",
      ];
    }
    case "required":
      // Inside a nested object (a webhook's `events[0]`), the top-level field is at fault.
      return field
        ? [field, `This field is required: ${String(error.params.missingProperty)}.`]
        : [String(error.params.missingProperty), "This field is required."];
    case "type":
      return [field, `Must be of type ${[error.params.type].flat().join(" or ")}.`];
    case "enum":
      return [field, `Must be one of: ${(error.params.allowedValues as unknown[]).join(", ")}.`];
    case "minLength":
      return [field, "This field may not be blank."];
    case "pattern":
      return [
        field,
        error.params.pattern === PLAIN_TEXT_PATTERN
          ? "Must not contain control characters."
          : "Invalid value.",
      ];
    case "maxLength":
      return [field, `Ensure this field has no more than ${error.params.limit} characters.`];
    default:
      return field ? [field, "Invalid value."] : undefined;
  }
}

/**
 * Turns ajv's errors into Close's 400. A body that is not an object at all is not a field
 * error: it gets `{"error": ...}`.
 */
export function validationError(errors: readonly AjvError[], context: string): RosterError {
  const fieldErrors: FieldErrors = {};
  for (const error of errors) {
    const entry =
      error.instancePath === "" && error.keyword === "type" ? undefined : fieldMessage(error);
    if (!entry) {
      return new RosterError("bad_request", `The request ${context} must be a JSON object.`);
    }
    const [field, message] = entry;
    // Own properties only: a field named like an Object method ("constructor") is a field too.
    if (!Object.hasOwn(fieldErrors, field)) fieldErrors[field] = message;
  }
  return RosterError.validation(fieldErrors);
}

function toRosterError(error: FastifyError | RosterError | Error): RosterError | undefined {
  if (error instanceof RosterError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return validationError(
      fastifyError.validation as AjvError[],
      fastifyError.validationContext ?? "body",
    );
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return new RosterError(known[0], known[1]);
  return undefined;
}

export function sendError(reply: FastifyReply, given: RosterError): FastifyReply {
  let error = given;
  if (reply.request.routeOptions.config?.oauthErrors && OAUTH_INVALID_REQUEST.has(error.code)) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([f, m]) => `${f}: ${m}`);
    error = new RosterError("oauth_invalid_request", fields.join("; ") || error.message);
  }
  if (error.code === "unauthorized") {
    reply.header("WWW-Authenticate", 'Basic realm="Close API", Bearer realm="Close API"');
  }
  if (error.code === "oauth_invalid_client") {
    reply.header("WWW-Authenticate", 'Basic realm="Roster OAuth", error="invalid_client"');
  }
  if (error.rateLimit) reply.headers(rateLimitHeaders(error.rateLimit));
  return reply.code(statusOf(error.code)).send(bodyOf(error));
}

/**
 * The one error mapper. Everything thrown anywhere ends here; a client sees Close's body, and
 * anything unexpected is logged with its request ID and answered with a bare 500.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  /** A step before mapping, in a scope that needs one: it may answer another error instead. */
  before?: (request: FastifyRequest, error: FastifyError) => Promise<Error>,
): void {
  if (!before) {
    app.setErrorHandler(handleError);
    return;
  }
  app.setErrorHandler(async (error: FastifyError, request, reply) =>
    handleError((await before(request, error)) as FastifyError, request, reply),
  );
}

/**
 * True when the client went away mid-request (closed the socket while sending its body): a
 * client abort, not a server fault. Nobody is left to answer.
 */
function isClientAbort(error: Error, request: FastifyRequest): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === "ECONNRESET" ||
    code === "ECONNABORTED" ||
    (request.raw.destroyed && request.raw.socket?.destroyed === true)
  );
}

/** Refusals that Fastify gives before reading the body, closing the connection after. */
const UNREAD_BODY = new Set<ErrorCode>(["payload_too_large", "unsupported_media_type"]);

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isClientAbort(error, request)) {
    request.log.info({ reqId: request.id, reason: error.message }, "client aborted the request");
    reply.header("Connection", "close");
    return sendError(reply, new RosterError("bad_request", "The request was aborted."));
  }
  const mapped = toRosterError(error);
  if (mapped && UNREAD_BODY.has(mapped.code)) {
    // Refused before its body was read: let the client finish sending, then answer.
    // Each deferred answer resolves to the reply (a thenable settled once the answer is
    // written): resolving to nothing would make Fastify send a second answer while an async
    // onSend hook still runs.
    return discardRestOfBody(request.raw).then(() => sendError(reply, mapped));
  }
  if (mapped?.fieldErrors && (error as FastifyError).validationContext === "body") {
    // The body failed its schema: the fields that passed get their later checks too.
    return withFieldChecks(request, mapped.fieldErrors).then((fieldErrors) =>
      sendError(reply, RosterError.validation(fieldErrors)),
    );
  }
  if (mapped && mapped.code !== "internal") return sendError(reply, mapped);
  request.log.error({ err: error, reqId: request.id }, "unhandled error");
  return reply.code(500).send({ error: "Internal server error" });
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any hook runs (a URL that does
 * not decode, a path parameter over `maxParamLength`). The same mapper answers them.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  reply.header("X-Request-Id", request.id);
  return handleError(error, request, reply);
}

/** What Node's HTTP parser reports when it gives up on a request, and Close's answer. */
function clientErrorOf(error: NodeJS.ErrnoException): RosterError {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return new RosterError(
        "header_fields_too_large",
        "The request line or headers are too large.",
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new RosterError("request_timeout", "The request took too long to arrive.");
    default:
      return new RosterError("bad_request", "The request is not valid HTTP.");
  }
}

/** Sockets whose refused request was answered by `handleClientError`. */
const answered = new WeakSet<Socket>();

/** How long a closing socket may take to send us the rest of its request before it is cut. */
const LINGER_MS = 2_000;

/**
 * Writes an error straight onto a socket, for errors that happen before a request exists
 * (Node's parser gave up). The body is Close's; `Connection: close` tells a keep-alive client
 * not to send its next request here. The socket half-closes and is drained for a moment, so
 * the client reads the answer instead of a reset.
 */
export function writeErrorToSocket(
  socket: Socket,
  error: RosterError,
  requestId: string,
  toHead = false,
): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(bodyOf(error));
  const status = statusOf(error.code);
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
      "Connection: close",
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      "",
      // The answer to a HEAD has no body: a client would read one as a second, broken answer.
      toHead ? "" : body,
    ].join("\r\n"),
  );
  socket.resume();
  // An absolute deadline, not an idle one: a client that keeps dribbling bytes must not keep
  // the half-closed socket alive.
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the bytes (headers over 16 KB → 431,
 * malformed HTTP → 400, a request that took too long → 408). Logged at debug: any client can
 * cause these, so they must not fill the error log.
 */
export function handleClientError(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) {
    socket.destroy();
    return;
  }
  // Node's parser, once failed, reports every later chunk of the request again; the first
  // report was answered and the socket is draining until its deadline: destroying it now
  // would reset a client still sending its body before it reads the answer.
  if (answered.has(socket)) return;
  answered.add(socket);
  const requestId = newId("request");
  this.log.debug({ reqId: requestId, code: error.code }, "client error");
  writeErrorToSocket(socket, clientErrorOf(error), requestId, isHead(error));
}

/**
 * Whether the refused bytes are a HEAD request, as far as they show: Node hands over the chunk
 * it was parsing, which starts with the request line when the client wrote its request at once.
 */
function isHead(error: NodeJS.ErrnoException & { rawPacket?: unknown }): boolean {
  const packet = error.rawPacket;
  return Buffer.isBuffer(packet) && packet.subarray(0, 5).toString("latin1") === "HEAD ";
}

/**
 * An `Expect` header other than `100-continue`: Node would answer 417 with an empty body.
 * Registered as the server's `checkExpectation` listener.
 */
export function refuseExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const error = new RosterError("expectation_failed", "Expect: only 100-continue is supported.");
  const body = JSON.stringify(bodyOf(error));
  response.writeHead(statusOf(error.code), {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
    "X-Request-Id": newId("request"),
  });
  response.end(body);
}

/**
 * HTTP/1.1 requires `Host` (RFC 9112 §3.2). Node's own check answers with an empty body, so it
 * is switched off (`requireHostHeader: false`) and this hook answers in Close's shape.
 */
export async function requireHost(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.raw.httpVersion === "1.1" && request.headers.host === undefined) {
    reply.header("Connection", "close");
    throw new RosterError("bad_request", "The Host header is required.");
  }
}
