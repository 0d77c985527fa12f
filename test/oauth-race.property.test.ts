import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { createOrganization } from "../src/operations/provisioning.ts";
import { hashSecret } from "../src/store/credentials.ts";
import type { Store } from "../src/store/store.ts";
import {
  createTestDatabase,
  openTestStore,
  type TestDatabase,
  testBackend,
} from "./helpers/backend.ts";
import {
  approve,
  clientBasic,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  type TestApp,
} from "./helpers/oauth.ts";
import { type RaceServer, type RaceServers, startRaceServers } from "./helpers/race-servers.ts";

/**
 * Single use under races: 50 parallel exchanges of one code, and 50 parallel uses of one
 * refresh token, spread over two Roster server processes on one database (SQLite file or
 * PostgreSQL; PGlite, being in-process, gets one in-process server). Each round is a fast-check
 * run: which server and which client authentication each request uses, and whether the code
 * carries PKCE. OAUTH_RACE_ROUNDS sets the rounds (default 5; the full run is 200 or more),
 * OAUTH_RACE_SEED replays a failing run.
 */

const ROUNDS = Number(process.env.OAUTH_RACE_ROUNDS ?? 5);
const SEED = Number(process.env.OAUTH_RACE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PARALLEL = 50;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one request to one of the servers: a path and a form, or an API read with a Bearer token. */
interface Target {
  token(form: Record<string, string>, app: TestApp, auth: "basic" | "post"): Promise<Answer>;
  me(accessToken: string): Promise<number>;
}

function serverTarget(server: RaceServer): Target {
  return {
    async token(form, app, auth) {
      const body = new URLSearchParams(form);
      if (auth === "post") {
        body.set("client_id", app.clientId);
        body.set("client_secret", app.clientSecret);
      }
      const res = await fetch(`${server.origin}/oauth2/token/`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(auth === "basic" ? { authorization: clientBasic(app) } : {}),
        },
        body,
        signal: AbortSignal.timeout(120_000),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async me(accessToken) {
      const res = await fetch(`${server.api}/me/`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(120_000),
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

const requestPlan = fc.array(
  fc.record({ target: fc.nat(1), auth: fc.constantFrom("basic" as const, "post" as const) }),
  { minLength: PARALLEL, maxLength: PARALLEL },
);
const roundPlan = fc.record({ pkce: fc.boolean(), requests: requestPlan });

/** Every answer is the winner's 200 or RFC 6749's invalid_grant; nothing else. */
function splitAnswers(answers: Answer[]) {
  const winners = answers.filter((a) => a.status === 200);
  const others = answers.filter((a) => a.status !== 200);
  for (const other of others) {
    assert.equal(other.status, 400, JSON.stringify(other.body));
    assert.equal(other.body.error, "invalid_grant", JSON.stringify(other.body));
  }
  return winners.map((w) => w.body as { access_token: string; refresh_token: string });
}

describe(`OAuth single use under races (${testBackend()})`, () => {
  let database: TestDatabase;
  let store: Store;
  let race: RaceServers;
  let targets: Target[] = [];
  let app: TestApp;
  let membershipId: string;

  before(async () => {
    database = await createTestDatabase();
    store = await openTestStore(database);
    const now = new Date();
    const org = await store.write((tx) =>
      createOrganization(
        tx,
        { name: "Race", admin: { email: `race-${now.getTime()}@example.com` } },
        now,
      ),
    );
    membershipId = org.membership_id;
    app = await registerApp(store, org.organization_id, now);
    race = await startRaceServers(database, store);
    targets = race.servers.map(serverTarget);
  });

  after(async () => {
    await race?.close();
    await store?.close();
    await database?.drop();
  });

  /** The grant's access tokens and refresh tokens as stored, and whether it is revoked. */
  async function family(grantCode: string) {
    const grant = await store.db
      .selectFrom("oauth_grants")
      .selectAll()
      .where("code_hash", "=", hashSecret(grantCode))
      .executeTakeFirstOrThrow();
    const accessTokens = await store.db
      .selectFrom("credentials")
      .select("date_revoked")
      .where("oauth_grant_id", "=", grant.id)
      .execute();
    const refreshTokens = await store.db
      .selectFrom("oauth_refresh_tokens")
      .select("date_used")
      .where("grant_id", "=", grant.id)
      .execute();
    return { grant, accessTokens, refreshTokens };
  }

  test(`${PARALLEL} parallel exchanges of one code: exactly one wins, then its tokens die`, async (t) => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(roundPlan, async (plan) => {
        const pkce = plan.pkce ? pkcePair() : undefined;
        const code = await approve(store, app, { membershipId }, new Date(), {
          codeChallenge: pkce?.challenge,
        });
        const form = {
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT_URI,
          ...(pkce ? { code_verifier: pkce.verifier } : {}),
        };
        const answers = await Promise.all(
          plan.requests.map((r) => (targets[r.target] as Target).token(form, app, r.auth)),
        );
        requests += answers.length;
        const winners = splitAnswers(answers);
        assert.equal(winners.length, 1, "exactly one exchange succeeds");
        const [winner] = winners as [{ access_token: string; refresh_token: string }];
        for (const target of targets) assert.equal(await target.me(winner.access_token), 401);
        const reuse = await (targets[0] as Target).token(
          { grant_type: "refresh_token", refresh_token: winner.refresh_token },
          app,
          "basic",
        );
        assert.equal(reuse.body.error, "invalid_grant");
        const stored = await family(code);
        assert.notEqual(stored.grant.date_revoked, null);
        assert.equal(stored.accessTokens.length, 1);
        assert.equal(stored.refreshTokens.length, 1);
        assert.ok(stored.accessTokens.every((c) => c.date_revoked !== null));
      }),
      { numRuns: ROUNDS, seed: SEED, endOnFailure: true },
    );
    t.diagnostic(
      `${testBackend()}: ${ROUNDS} rounds, ${requests} exchanges, 1 winner per round, 0 violations (OAUTH_RACE_SEED=${SEED})`,
    );
  });

  test(`${PARALLEL} parallel refreshes of one token: at most one new pair, then the family is revoked`, async (t) => {
    let requests = 0;
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(roundPlan, async (plan) => {
        const code = await approve(store, app, { membershipId }, new Date());
        const first = await (targets[1] as Target).token(
          { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI },
          app,
          "post",
        );
        assert.equal(first.status, 200, JSON.stringify(first.body));
        const tokens = first.body as { access_token: string; refresh_token: string };
        const form = { grant_type: "refresh_token", refresh_token: tokens.refresh_token };
        const answers = await Promise.all(
          plan.requests.map((r) => (targets[r.target] as Target).token(form, app, r.auth)),
        );
        requests += answers.length;
        const winners = splitAnswers(answers);
        assert.ok(winners.length <= 1, `${winners.length} new pairs`);
        pairs += winners.length;
        for (const token of [tokens, ...winners]) {
          for (const target of targets) assert.equal(await target.me(token.access_token), 401);
        }
        for (const winner of winners) {
          const reuse = await (targets[0] as Target).token(
            { grant_type: "refresh_token", refresh_token: winner.refresh_token },
            app,
            "basic",
          );
          assert.equal(reuse.body.error, "invalid_grant");
        }
        const stored = await family(code);
        assert.notEqual(stored.grant.date_revoked, null);
        assert.equal(stored.accessTokens.length, 1 + winners.length);
        assert.equal(stored.refreshTokens.length, 1 + winners.length);
        assert.ok(stored.accessTokens.every((c) => c.date_revoked !== null));
      }),
      { numRuns: ROUNDS, seed: SEED, endOnFailure: true },
    );
    t.diagnostic(
      `${testBackend()}: ${ROUNDS} rounds, ${requests} refreshes, ${pairs} new pairs in all, 0 violations (OAUTH_RACE_SEED=${SEED})`,
    );
  });
});
