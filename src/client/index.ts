// `roster/client`: a typed client for Roster (and Close itself), generated from Roster's OpenAPI document.
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./openapi.ts";

export type { components, paths };

/** `Authorization` for an API key: HTTP Basic with the key as username and no password. */
export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
}

/** `Authorization` for an OAuth access token (or, on `/_roster/`, the control token). */
export function bearerAuth(token: string): string {
  return `Bearer ${token}`;
}

export interface RosterClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The server's origin: Roster's `url` from startRoster, or `https://api.close.com`. */
  baseUrl: string;
  /** Sent as HTTP Basic. */
  apiKey?: string;
  /** Sent as Bearer (an OAuth access token). */
  accessToken?: string;
}

export type RosterClient = Client<paths>;

/**
 * An openapi-fetch client whose paths, parameters, bodies and responses are Roster's, e.g.
 * `client.PUT("/api/v1/membership/{id}/", { params: { path: { id } }, body: { role_id: "user" } })`.
 */
export function createRosterClient(options: RosterClientOptions): RosterClient {
  const { apiKey, accessToken, headers, ...rest } = options;
  const authorization =
    apiKey !== undefined
      ? basicAuth(apiKey)
      : accessToken !== undefined
        ? bearerAuth(accessToken)
        : undefined;
  return createClient<paths>({
    ...rest,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(headers as Record<string, string>),
    },
  });
}
