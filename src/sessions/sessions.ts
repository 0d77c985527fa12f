// Browser sessions: sign in with an API key, then a cookie stands for that key (see docs/sessions.md).
import type { FastifyReply, FastifyRequest } from "fastify";
import { randomBase62 } from "../domain/ids.ts";
import { type Clock, formatTimestamp } from "../domain/time.ts";
import { RosterError } from "../errors.ts";
import { type Principal, verifyCredential } from "../http/auth.ts";
import { storedRolePermissions } from "../store/memberships.ts";
import type { Store } from "../store/store.ts";
import {
  csrfTokenFor,
  csrfTokenMatches,
  isCrossSite,
  isSafeMethod,
  presentedCsrfToken,
} from "./csrf.ts";
import { sendSignInPage } from "./page.ts";
import {
  deleteIdleSessions,
  deleteSession,
  deleteSessionsOfMembership,
  findSession,
  hashSessionToken,
  insertSession,
  touchSession,
} from "./store.ts";

export const SESSION_COOKIE = "roster_session";
/** A session unused for this long is over. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** `last_used_at` is rewritten at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;
/** ~256 bits, like API keys. */
const TOKEN_LENGTH = 43;

export interface SignedIn {
  principal: Principal;
  csrfToken: string;
}

/**
 * The sessions service that `buildApp` creates and hands to every room through `Services`.
 * Each request's session is looked up once and re-read from the store on every request.
 */
export class Sessions {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<Principal | null>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs in with an API key (not an OAuth token): creates a session and sets its cookie.
   * A bad, revoked or inactive key → 401, and nothing is stored.
   */
  async signIn(request: FastifyRequest, reply: FastifyReply, apiKey: string): Promise<SignedIn> {
    const principal = await verifyCredential(this.store, this.clock, "api_key", apiKey.trim());
    const apiKeyId = principal.apiKeyId as string;
    const token = randomBase62(TOKEN_LENGTH);
    const now = formatTimestamp(this.clock.now());
    await this.store.write((tx) =>
      insertSession(tx, {
        token_hash: hashSessionToken(token),
        membership_id: principal.membershipId,
        api_key_id: apiKeyId,
        date_created: now,
        last_used_at: now,
      }),
    );
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
      path: "/",
    });
    return { principal, csrfToken: csrfTokenFor(token) };
  }

  /** Ends the request's session (if any) and clears its cookie. */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await this.store.write((tx) => deleteSession(tx, hashSessionToken(token)));
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
  }

  /** Deletes the rows of sessions idle past SESSION_IDLE_MS; returns how many. */
  deleteIdle(): Promise<number> {
    const cutoff = formatTimestamp(new Date(this.clock.now().getTime() - SESSION_IDLE_MS));
    return this.store.write((tx) => deleteIdleSessions(tx, cutoff));
  }

  /** The signed-in principal of this request, or null. Reads only; checks no CSRF token. */
  current(request: FastifyRequest): Promise<Principal | null> {
    let found = this.resolved.get(request);
    if (!found) {
      found = this.lookup(request.cookies[SESSION_COOKIE]);
      this.resolved.set(request, found);
    }
    return found;
  }

  /**
   * For pages: the principal, or null after answering with the sign-in page (401), which
   * returns to this request's URL once signed in.
   */
  async require(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const principal = await this.current(request);
    if (!principal) sendSignInPage(reply, { next: request.url }, 401);
    return principal;
  }

  /** The CSRF token of this request's session, to embed in a page; null without a cookie. */
  csrfToken(request: FastifyRequest): string | null {
    const token = request.cookies[SESSION_COOKIE];
    return token ? csrfTokenFor(token) : null;
  }

  /**
   * Refuses (403) a state-changing request made with the session cookie unless it is
   * same-site and carries the session's CSRF token (`X-CSRF-Token`, or the form field
   * `_csrf`). Safe methods pass.
   */
  assertCsrf(request: FastifyRequest): void {
    if (isSafeMethod(request.method)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (isCrossSite(request) || !token || !csrfTokenMatches(token, presentedCsrfToken(request))) {
      throw new RosterError(
        "forbidden",
        "This request needs a valid CSRF token (send the X-CSRF-Token header from the page).",
      );
    }
  }

  /**
   * The `/api/v1` authenticator: a session stands for the key it was made with, with the same
   * permissions, and writes must pass the CSRF check.
   */
  readonly authenticateApi = async (request: FastifyRequest): Promise<Principal | null> => {
    const principal = await this.current(request);
    if (principal) this.assertCsrf(request);
    return principal;
  };

  /** Ends every session of a membership (the CLI's `session revoke`); returns how many. */
  revokeMembership(membershipId: string): Promise<number> {
    return this.store.write((tx) => deleteSessionsOfMembership(tx, membershipId));
  }

  private async lookup(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length !== TOKEN_LENGTH) return null;
    const tokenHash = hashSessionToken(token);
    const row = await findSession(this.store.db, tokenHash);
    if (!row || row.date_revoked !== null || row.active !== 1) return null;
    const now = this.clock.now();
    const idleSince = now.getTime() - Date.parse(row.last_used_at);
    if (!(idleSince < SESSION_IDLE_MS)) {
      await this.store.write((tx) => deleteSession(tx, tokenHash));
      return null;
    }
    if (idleSince >= TOUCH_INTERVAL_MS) {
      await this.store.write((tx) => touchSession(tx, tokenHash, formatTimestamp(now)));
    }
    return {
      userId: row.user_id,
      organizationId: row.organization_id,
      membershipId: row.membership_id,
      roleId: row.role_id,
      permissions: storedRolePermissions(row.role_id, row.custom_role_permissions),
      apiKeyId: row.api_key_id,
      oauthAppId: null,
    };
  }
}
