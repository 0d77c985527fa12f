import type { Permission } from "./permissions.ts";

/**
 * Who is acting, and through what: recorded on every event. The HTTP layer builds it from
 * the authenticated principal and the request; the CLI builds one of its own.
 */
export interface Actor {
  organizationId: string;
  /** The acting user; null for the CLI, which acts as the operator of the installation. */
  userId: string | null;
  /** The acting membership, whose permissions are re-checked inside each write. */
  membershipId: string | null;
  /**
   * The membership's permissions when the actor was authenticated inside the write's own
   * unit of work (its credential and membership read there, and locked on PostgreSQL): that
   * read is the re-check, and is not repeated.
   */
  permissions?: readonly Permission[];
  apiKeyId: string | null;
  oauthAppId: string | null;
  requestId: string | null;
  requestMethod: string;
  requestPath: string;
}
