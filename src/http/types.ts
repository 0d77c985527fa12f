import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Config } from "../config.ts";
import type { Permission } from "../domain/permissions.ts";
import type { Clock } from "../domain/time.ts";
import type { Readiness } from "../health/readiness.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Sessions } from "../sessions/sessions.ts";
import type { Store } from "../store/store.ts";
import type { DeferredCredential, Principal } from "./auth.ts";

/** The Fastify instance every route registers on, typed by its TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What routes may use. Passed in, never imported: tests build the app with their own. */
export interface Services {
  store: Store;
  clock: Clock;
  config: Config;
  /** `GET /ready`'s checks: a room that needs something to serve adds its check here. */
  readiness: Readiness;
  /** Browser sign-in: the current session, CSRF tokens, the sign-in page (docs/sessions.md). */
  sessions: Sessions;
  /** The app's metrics: a room registers its own counters on `metrics.registry`. */
  metrics: Metrics;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The app's readiness checks (`GET /ready`); the server drains them on shutdown. */
    readiness: Readiness;
    /** The app's metrics registry (`GET /metrics`, or METRICS_PORT). */
    metrics: Metrics;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The `Authorization` header, parsed and left for the write's unit to check (see
     * `deferCredential`); null when the request was authenticated on arrival. */
    deferredCredential: DeferredCredential | null;
  }
  interface FastifyContextConfig {
    /** The permission a caller needs for this route; checked before the body is validated. */
    permission?: Permission;
    /** An OAuth 2.0 endpoint: errors are answered in RFC 6749's form. */
    oauthErrors?: boolean;
    /** A hot write whose credential may be checked inside its unit of work (`deferCredential`). */
    authInUnit?: boolean;
  }
}
