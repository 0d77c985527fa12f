/**
 * The one error type of Roster. Domain rules, the store and the HTTP layer all throw it;
 * `http/errors.ts` is the single place that turns a code into a status and a Close body.
 */
export const ERROR_CODES = [
  "invalid_json",
  "validation",
  "bad_request",
  "invariant",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "request_timeout",
  "idempotency_in_flight",
  "precondition_failed",
  "payload_too_large",
  "unsupported_media_type",
  "expectation_failed",
  "idempotency_mismatch",
  "rate_limited",
  "header_fields_too_large",
  "internal",
  // OAuth 2.0 endpoints answer with RFC 6749's error names (the part after `oauth_`).
  "oauth_invalid_request",
  "oauth_invalid_client",
  "oauth_invalid_grant",
  "oauth_unauthorized_client",
  "oauth_unsupported_grant_type",
  "oauth_invalid_scope",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors = Record<string, string>;

/** What a 429 tells the client about the limit it hit (its header and body say it). */
export interface RateLimitDetails {
  /** Whose budget ran out: the caller's credential (or address), or its organization's. */
  type: "key" | "organization";
  /** Requests per window. */
  limit: number;
  windowSeconds: number;
  /** Seconds until one more request would be admitted (fractional). */
  retryAfterSeconds: number;
  /** Seconds until the whole budget is back (fractional). */
  resetSeconds: number;
}

export class RosterError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly rateLimit: RateLimitDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    fieldErrors?: FieldErrors,
    rateLimit?: RateLimitDetails,
  ) {
    super(message);
    this.name = "RosterError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.rateLimit = rateLimit;
  }

  static validation(fieldErrors: FieldErrors, message = "Validation failed."): RosterError {
    return new RosterError("validation", message, fieldErrors);
  }

  static rateLimited(details: RateLimitDetails): RosterError {
    const message = `API call count exceeded for this ${details.windowSeconds} second window.`;
    return new RosterError("rate_limited", message, undefined, details);
  }

  static notFound(what = "Object"): RosterError {
    return new RosterError("not_found", `${what} does not exist.`);
  }
}

/**
 * `parse(input)`, or undefined when there is no input, or when it is refused with field errors:
 * those are added to `errors` (one field's check among others, so that one 400 names every
 * bad field). Any other error is thrown.
 */
export function collectFieldErrors<I, T>(
  errors: FieldErrors,
  input: I | undefined,
  parse: (input: I) => T,
): T | undefined {
  if (input === undefined) return undefined;
  try {
    return parse(input);
  } catch (error) {
    if (!(error instanceof RosterError) || !error.fieldErrors) throw error;
    Object.assign(errors, error.fieldErrors);
    return undefined;
  }
}

/** The field errors `check` refuses with; any other refusal (403, 404) is not a field's. */
export async function fieldErrorsOf(check: () => unknown): Promise<FieldErrors> {
  try {
    await check();
    return {};
  } catch (error) {
    if (!(error instanceof RosterError)) throw error;
    return error.code === "validation" ? (error.fieldErrors ?? {}) : {};
  }
}
