import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyRequest, type FastifyServerOptions } from "fastify";
import type { Config } from "./config.ts";
import { newId } from "./domain/ids.ts";
import { assertGranted } from "./domain/permissions.ts";
import type { Clock } from "./domain/time.ts";
import { Readiness, type ReadinessCheck, storeReadinessChecks } from "./health/readiness.ts";
import { authenticateRequest, credentialErrorFirst, deferCredential } from "./http/auth.ts";
import { registerJsonBodies } from "./http/body.ts";
import { limitConnectionsPerAddress, serverTimeouts } from "./http/connections.ts";
import {
  handleClientError,
  handleFrameworkError,
  refuseExpectation,
  registerErrorHandling,
  requireHost,
} from "./http/errors.ts";
import { registerFieldConventions } from "./http/fields.ts";
import { registerUnroutedAnswers } from "./http/routing.ts";
import type { App, Services } from "./http/types.ts";
import { registerGetMetrics } from "./metrics/exposition.ts";
import { Metrics } from "./metrics/metrics.ts";
import { registerOAuthEndpoints } from "./oauth/http.ts";
import { finishOpenApiDocument } from "./openapi/document.ts";
import { registerRateLimits } from "./ratelimit/hooks.ts";
import type { RateLimitStore } from "./ratelimit/store.ts";
import { registerGetEvent } from "./routes/event/get.ts";
import { registerListEvents } from "./routes/event/list.ts";
import { registerGetMe } from "./routes/me/get.ts";
import { registerBulkUpdateMemberships } from "./routes/membership/bulk-update.ts";
import { registerCreateMembership } from "./routes/membership/create.ts";
import { registerDeleteMembership } from "./routes/membership/delete.ts";
import { registerGetMembership } from "./routes/membership/get.ts";
import { registerListMemberships } from "./routes/membership/list.ts";
import { registerGetPinnedViews } from "./routes/membership/pinned-views-get.ts";
import { registerUpdatePinnedViews } from "./routes/membership/pinned-views-update.ts";
import { registerUpdateMembership } from "./routes/membership/update.ts";
import { registerGetOpenApi } from "./routes/openapi.ts";
import { registerListEmailDomains } from "./routes/organization/domains-list.ts";
import { registerVerifyEmailDomain } from "./routes/organization/domains-verify.ts";
import { registerGetOrganization } from "./routes/organization/get.ts";
import { registerUpdateOrganization } from "./routes/organization/update.ts";
import { registerCreateRole } from "./routes/role/create.ts";
import { registerDeleteRole } from "./routes/role/delete.ts";
import { registerGetRole } from "./routes/role/get.ts";
import { registerListRoles } from "./routes/role/list.ts";
import { registerUpdateRole } from "./routes/role/update.ts";
import { registerGetHealth } from "./routes/service/health.ts";
import { registerGetReady } from "./routes/service/ready.ts";
import { registerGetUser } from "./routes/user/get.ts";
import { registerListUsers } from "./routes/user/list.ts";
import { registerCreateWebhook } from "./routes/webhook/create.ts";
import { registerDeleteWebhook } from "./routes/webhook/delete.ts";
import { registerListWebhookDeliveries } from "./routes/webhook/deliveries.ts";
import { registerGetWebhook } from "./routes/webhook/get.ts";
import { registerListWebhooks } from "./routes/webhook/list.ts";
import { registerUpdateWebhook } from "./routes/webhook/update.ts";
import { registerSafeWrites } from "./safe-writes/http.ts";
import { documentSafeWrites } from "./safe-writes/openapi.ts";
import { registerSessions } from "./sessions/register.ts";
import { Sessions } from "./sessions/sessions.ts";
import type { Store } from "./store/store.ts";
import { registerControlRoutes } from "./testing/controls.ts";
import type { TestDouble } from "./testing/double.ts";
import { VERSION } from "./version.ts";
import { registerWebPages } from "./web/pages.ts";

export interface AppOptions {
  config: Config;
  store: Store;
  clock: Clock;
  logger?: FastifyServerOptions["logger"];
  /** Readiness checks besides the store's own (database reachable, migrations current). */
  readinessChecks?: ReadinessCheck[];
  /** Faults, journal and `/_roster/` controls (startRoster, or ROSTER_CONTROL_TOKEN). */
  testDouble?: TestDouble;
  /** Rate-limit buckets kept without Redis: this process's memory unless given (a worker's primary). */
  rateLimitStore?: RateLimitStore;
}

/** Close's REST resources, each registered from its own file. */
const API_ROUTES: Array<(app: App, services: Services) => void> = [
  registerUpdateMembership,
  registerBulkUpdateMemberships,
  registerCreateMembership,
  registerDeleteMembership,
  registerGetMembership,
  registerListMemberships,
  registerGetPinnedViews,
  registerUpdatePinnedViews,
  registerGetMe,
  registerListUsers,
  registerGetUser,
  registerGetOrganization,
  registerUpdateOrganization,
  registerListEmailDomains,
  registerVerifyEmailDomain,
  registerListEvents,
  registerGetEvent,
  registerListRoles,
  registerCreateRole,
  registerGetRole,
  registerUpdateRole,
  registerDeleteRole,
  registerListWebhooks,
  registerCreateWebhook,
  registerGetWebhook,
  registerUpdateWebhook,
  registerDeleteWebhook,
  registerListWebhookDeliveries,
];

/** A caller's `X-Request-Id` worth keeping: Roster's own shape, `req_` and base62, bounded. */
const WELL_FORMED_REQUEST_ID = /^req_[0-9A-Za-z]{8,64}$/;

/**
 * The request's ID: the caller's `X-Request-Id` when well-formed (so a request can be followed
 * from the caller's log into Roster's logs and events), otherwise a new one.
 */
function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && WELL_FORMED_REQUEST_ID.test(given) ? given : newId("request");
}

/**
 * Builds the Roster HTTP application without listening: the server listens on it, tests
 * `inject()` into it. Everything it uses comes in through `options`.
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, clock } = options;
  const metrics = new Metrics(options.store);
  const store = config.metrics ? metrics.measureUnits(options.store) : options.store;
  const app: App = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimit,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // During a graceful shutdown a request that still arrives on an open connection is served
    // (and its connection closed after), not refused with a body that is not Close's.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    requestTimeout: config.connections.requestTimeoutMs,
    keepAliveTimeout: config.connections.keepAliveTimeoutMs,
    // Node's own Host check answers with an empty body; `requireHost` answers in Close's shape.
    http: { requireHostHeader: false, ...serverTimeouts(config.connections) },
    ajv: {
      // Close rejects unknown fields, does not coerce `"true"` into `true`, and reports
      // every bad field at once.
      // (Fastify's ajv already carries ajv-formats, which `format: "uri"` uses.)
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.removeContentTypeParser("text/plain");
  registerJsonBodies(app);
  app.decorateRequest("principal", null);
  app.decorateRequest("deferredCredential", null);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Request-Id", request.id);
  });
  app.addHook("onRequest", requireHost);
  app.server.on("checkExpectation", refuseExpectation);
  limitConnectionsPerAddress(app.server, config.connections.maxPerAddress);
  registerErrorHandling(app);
  registerUnroutedAnswers(app);
  registerFieldConventions(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Roster — Close-compatible memberships API", version: VERSION },
      servers: [{ url: "/api/v1" }],
      components: {
        securitySchemes: {
          ApiKeyAuth: { type: "http", scheme: "basic" },
          OAuth2: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ ApiKeyAuth: [] }, { OAuth2: [] }],
    },
    transform: documentSafeWrites,
    transformObject: finishOpenApiDocument,
  });

  const readiness = new Readiness([
    ...storeReadinessChecks(store),
    ...(options.readinessChecks ?? []),
  ]);
  app.decorate("readiness", readiness);
  app.decorate("metrics", metrics);
  if (config.metrics) metrics.measureRequests(app);
  const sessions = new Sessions(store, clock);
  const services: Services = { store, clock, config, readiness, sessions, metrics };
  await registerSessions(app, services);
  const rateLimits = registerRateLimits(app, services, options.rateLimitStore);
  registerWebPages(app, services);
  await app.register(
    async (api: App) => {
      // A hot write may have its credential checked inside its unit of work instead (one
      // statement there); a test double's faults and the rate limits need the caller first.
      const mayDefer = (request: FastifyRequest) =>
        !options.testDouble && rateLimits.exempts(request) && deferCredential(request);
      registerErrorHandling(api, (request, error) =>
        credentialErrorFirst(store, clock, request, error),
      );
      api.addHook("onRequest", async (request) => {
        if (mayDefer(request)) return;
        request.principal = await authenticateRequest(
          store,
          clock,
          request,
          sessions.authenticateApi,
        );
      });
      options.testDouble?.install(api);
      rateLimits.limitApi(api);
      api.addHook("preValidation", async (request) => {
        const permission = request.routeOptions.config.permission;
        if (permission && request.principal)
          assertGranted(request.principal.permissions, permission);
      });
      registerSafeWrites(api, services);
      for (const register of API_ROUTES) register(api, services);
    },
    { prefix: "/api/v1" },
  );
  await registerOAuthEndpoints(app, services);
  if (options.testDouble) await registerControlRoutes(app, options.testDouble);
  registerGetOpenApi(app);
  registerGetHealth(app);
  registerGetReady(app, readiness);
  if (config.metricsPort === undefined) registerGetMetrics(app, metrics, config.metricsToken);
  return app;
}
