// Client authentication at the token and revocation endpoints: `client_secret_basic` or
// `client_secret_post` (RFC 6749 §2.3.1), exactly one of them.
import type { FastifyRequest } from "fastify";
import { RosterError } from "../errors.ts";
import type { Tx } from "../store/store.ts";
import { authenticateApp, type OAuthApp } from "./apps.ts";
import { readFormParams } from "./params.ts";

const INVALID_CLIENT = "Client authentication failed.";

function invalidClient(description = INVALID_CLIENT): RosterError {
  return new RosterError("oauth_invalid_client", description);
}

/** Basic credentials are form-urlencoded before base64 (RFC 6749 §2.3.1). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw invalidClient();
  }
}

function fromBasic(header: string): { clientId: string; clientSecret: string } {
  const decoded = Buffer.from(header.slice("basic ".length).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient();
  return {
    clientId: formDecode(decoded.slice(0, colon)),
    clientSecret: formDecode(decoded.slice(colon + 1)),
  };
}

/**
 * The app making a token or revocation request, or 401 `invalid_client`. Credentials in both
 * the header and the body are `invalid_request`; a body `client_id` beside Basic
 * credentials must name the same client.
 */
export async function authenticateClient(tx: Tx, request: FastifyRequest): Promise<OAuthApp> {
  const header = request.headers.authorization;
  const body = readFormParams(request.body, ["client_id", "client_secret"]);
  let credentials: { clientId: string; clientSecret: string };
  if (header !== undefined) {
    if (!/^basic /i.test(header)) throw invalidClient("Use HTTP Basic client authentication.");
    if (body.client_secret !== undefined) {
      throw new RosterError(
        "oauth_invalid_request",
        "Send the client credentials in the Authorization header or in the body, not both.",
      );
    }
    credentials = fromBasic(header);
    if (body.client_id !== undefined && body.client_id !== credentials.clientId) {
      throw invalidClient();
    }
  } else if (body.client_id !== undefined && body.client_secret !== undefined) {
    credentials = { clientId: body.client_id, clientSecret: body.client_secret };
  } else {
    throw invalidClient(
      "Client authentication is required: HTTP Basic, or client_id and client_secret in the body.",
    );
  }
  const app = await authenticateApp(tx, credentials.clientId, credentials.clientSecret);
  if (!app) throw invalidClient();
  return app;
}
