/**
 * Row types as stored. The same types serve SQLite and PostgreSQL: booleans are integers
 * (0/1), timestamps are fixed-width Close-format text, lists are JSON text. That keeps every
 * query portable and every row → object mapping in one place (the repositories).
 */
export interface OrganizationRow {
  id: string;
  name: string;
  created_by: string | null;
  updated_by: string | null;
  restrict_new_users_to_verified_domains: number;
  date_created: string;
  date_updated: string;
}

export interface UserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  image: string | null;
  date_created: string;
  date_updated: string;
}

export interface RoleRow {
  id: string;
  organization_id: string;
  /** Set for the four predefined roles, null for custom ones. */
  slug: string | null;
  name: string;
  /** lower(name): the unique key that makes names case-insensitively unique per organization. */
  name_key: string;
  editable: number;
  permissions: string;
  visibility_user_lcf_ids: string | null;
  visibility_user_lcf_behavior: string | null;
  date_created: string;
  date_updated: string;
}

/**
 * An email domain an organization claims: `pending` until proven (DNS TXT record
 * `roster-domain-verification=<token>`, or the operator), then `verified`. A domain is
 * verified by at most one organization (a unique index on verified domains).
 */
export interface EmailDomainRow {
  organization_id: string;
  domain: string;
  status: "pending" | "verified";
  token: string;
  date_created: string;
  date_verified: string | null;
}

export interface MembershipRow {
  id: string;
  organization_id: string;
  user_id: string;
  /** A predefined role's slug, or a custom role's `role_...` ID. */
  role_id: string;
  active: number;
  auto_record_calls: string;
  default_caller_id: string | null;
  default_caller_id_mode: string;
  hangup_recording_url: string | null;
  may_workflows_impersonate: number;
  track_email_opens: number;
  primary_personal_number: string | null;
  is_free: number;
  onboarding_status: string;
  pinned_view_ids: string;
  /**
   * The user's names as this organization knows them (set when it enrolled them): what it
   * shows of the user, never another organization's (docs/compatibility.md, Users).
   */
  user_first_name: string;
  user_last_name: string;
  date_created: string;
  date_updated: string;
}

/** API keys and OAuth access tokens: a secret bound to one membership. */
export interface CredentialRow {
  id: string;
  kind: "api_key" | "access_token";
  membership_id: string;
  /** Access tokens only: the OAuth app the token was issued to. */
  oauth_app_id: string | null;
  secret_hash: string;
  /** Access tokens only. */
  expires_at: string | null;
  /** Access tokens issued through the OAuth flow: the grant (token family) they belong to. */
  oauth_grant_id: string | null;
  date_created: string;
  date_revoked: string | null;
}

export interface OAuthAppRow {
  id: string;
  name: string;
  client_secret_hash: string | null;
  redirect_uris: string;
  date_created: string;
  /** The organization that registered the app; null for the CLI's own app. */
  organization_id: string | null;
  date_deleted: string | null;
}

/**
 * One consent: the authorization code it gave, then the family of tokens exchanged for it.
 * Revoking the grant revokes the whole family.
 */
export interface OAuthGrantRow {
  id: string;
  oauth_app_id: string;
  membership_id: string;
  redirect_uri: string;
  /** PKCE S256 challenge, when the client sent one. */
  code_challenge: string | null;
  code_hash: string;
  code_expires_at: string;
  code_used_at: string | null;
  date_created: string;
  date_revoked: string | null;
}

/** A refresh token, found by its SHA-256; `date_used` is set when it is rotated. */
export interface OAuthRefreshTokenRow {
  token_hash: string;
  grant_id: string;
  date_created: string;
  date_used: string | null;
}

export interface EventRow {
  id: string;
  organization_id: string;
  user_id: string | null;
  api_key_id: string | null;
  oauth_app_id: string | null;
  request_id: string | null;
  object_type: string;
  object_id: string;
  action: string;
  changed_fields: string;
  previous_data: string | null;
  /**
   * Instead of `previous_data`, on an update: the changed fields' previous values (JSON); the
   * previous object is `data` with them put back.
   */
  previous_changes: string | null;
  data: string | null;
  meta: string;
  date_created: string;
  date_updated: string;
}

/** A webhook subscription (Close's `whsub_...`); `events` is JSON text. */
export interface WebhookSubscriptionRow {
  id: string;
  organization_id: string;
  /** The membership that manages it besides the organization's admins; null from the CLI. */
  owner_membership_id: string | null;
  url: string;
  events: string;
  verify_ssl: number;
  status: "active" | "paused";
  paused_reason: string | null;
  /** When the current run of failures began; null after any success. */
  failing_since: string | null;
  signature_key: string;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

/** One event owed to one subscription: the outbox, written with the event. */
export interface WebhookDeliveryRow {
  id: string;
  organization_id: string;
  subscription_id: string;
  event_id: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  /** When the next attempt is due; null once delivered or given up. */
  next_attempt_at: string | null;
  /** A claim by one dispatcher, valid until then. */
  lease_until: string | null;
  lease_owner: string | null;
  date_created: string;
  date_updated: string;
}

/** One try at a delivery, as the delivery log shows it. */
export interface WebhookAttemptRow {
  id: string;
  delivery_id: string;
  subscription_id: string;
  event_id: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_retry_at: string | null;
  date_created: string;
}

/**
 * A stored answer to a write sent with an `Idempotency-Key`, per organization and user,
 * written in the same transaction as the write it answers.
 */
export interface IdempotencyKeyRow {
  organization_id: string;
  user_id: string;
  idempotency_key: string;
  /** SHA-256 of the request (method, path and query, canonical body): a reuse must match it. */
  fingerprint: string;
  status_code: number;
  /** The response body as JSON text, before `_fields` (the replay applies them again). */
  body: string;
  date_created: string;
  expires_at: string;
}

export interface Database {
  organizations: OrganizationRow;
  users: UserRow;
  roles: RoleRow;
  memberships: MembershipRow;
  email_domains: EmailDomainRow;
  credentials: CredentialRow;
  oauth_apps: OAuthAppRow;
  oauth_grants: OAuthGrantRow;
  oauth_refresh_tokens: OAuthRefreshTokenRow;
  events: EventRow;
  webhook_subscriptions: WebhookSubscriptionRow;
  webhook_deliveries: WebhookDeliveryRow;
  webhook_attempts: WebhookAttemptRow;
  idempotency_keys: IdempotencyKeyRow;
}
