// Reading OAuth 2.0 request parameters (query or form body) the way RFC 6749 §3.1 wants.
import { RosterError } from "../errors.ts";

export type Params = Record<string, string | undefined>;

/** Why a set of parameters cannot be read: which one, and what is wrong with it. */
export class ParamError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

/**
 * The named parameters of a parsed query string or form body. A parameter sent without a
 * value counts as omitted; one sent more than once is refused ("MUST NOT be included more
 * than once"). Parameters not named are ignored.
 */
export function readParams<N extends string>(
  source: unknown,
  names: readonly N[],
): Record<N, string | undefined> {
  const object =
    source !== null && typeof source === "object" ? (source as Record<string, unknown>) : {};
  const params = {} as Record<N, string | undefined>;
  for (const name of names) {
    const value = Object.hasOwn(object, name) ? object[name] : undefined;
    if (Array.isArray(value)) throw new ParamError(name, `${name} was sent more than once.`);
    params[name] = typeof value === "string" && value !== "" ? value : undefined;
  }
  return params;
}

/** As `readParams`, but a problem is the token endpoint's `invalid_request`. */
export function readFormParams<N extends string>(
  body: unknown,
  names: readonly N[],
): Record<N, string | undefined> {
  try {
    return readParams(body, names);
  } catch (error) {
    if (error instanceof ParamError) throw new RosterError("oauth_invalid_request", error.message);
    throw error;
  }
}

/** The value of a required parameter, or `invalid_request` naming it. */
export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined) throw new RosterError("oauth_invalid_request", `${name} is required.`);
  return value;
}
