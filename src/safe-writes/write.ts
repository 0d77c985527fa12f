// The one path every write route takes: plain, keyed (Idempotency-Key), conditional (If-Match) or dry.
import type { FastifyReply, FastifyRequest } from "fastify";
import { RosterError } from "../errors.ts";
import { authenticateInUnit, principalOf } from "../http/auth.ts";
import type { Services } from "../http/types.ts";
import { lockOrganization } from "../store/organizations.ts";
import type { Tx } from "../store/store.ts";
import { DryRunRollback, effectivePermissions, permissionDiff } from "./dry-run.ts";
import { assertIfMatch } from "./etag.ts";
import {
  findStoredAnswer,
  fingerprintOf,
  holdKey,
  type KeyScope,
  parseIdempotencyKey,
  storeAnswer,
} from "./idempotency.ts";

/** A write route's part: its unit of work and its answer; the rest is the same for every route. */
export interface WriteSpec<T> {
  /** The unit of work (reads, rule checks, the write and its event), through `tx` only. */
  run(tx: Tx): Promise<T>;
  /**
   * The response body, built inside the same transaction: a keyed write stores it with the
   * change, so that both commit or neither does.
   */
  present(tx: Tx, result: T): unknown;
  /** The success status (default 200). */
  status?: number;
  /**
   * For `If-Match`: the object as it is now, read inside the transaction after taking the
   * organization's lock (the lock every write of it takes first), so no write can slip in
   * between the comparison and the change. Undefined when it does not exist: the unit then
   * answers its own 404.
   */
  current?(tx: Tx): Promise<unknown>;
  /** For dry runs: the members the write names, listed in `permission_diff` even when unchanged. */
  affectedMembers?(tx: Tx, result: T): Promise<readonly string[]> | readonly string[];
}

/** True for `?dry_run=true` (the route's query schema admits only `true` and `false`). */
export function isDryRun(request: FastifyRequest): boolean {
  return (request.query as { dry_run?: string } | undefined)?.dry_run === "true";
}

/**
 * Runs a write route's unit of work and answers it. Without `Idempotency-Key`, `If-Match` or
 * `?dry_run=true` it is exactly `store.write` plus the answer — no extra query; each
 * extension adds its steps to the same unit, inside the same transaction.
 */
export async function safeWrite<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  { store, clock }: Services,
  spec: WriteSpec<T>,
): Promise<FastifyReply> {
  const status = spec.status ?? 200;
  const ifMatch = request.headers["if-match"];
  const keyHeader = request.headers["idempotency-key"];
  const dryRun = isDryRun(request);
  if (ifMatch === undefined && keyHeader === undefined && !dryRun) {
    const body = await store.write(async (tx) => {
      await authenticateInUnit(tx, clock, request);
      return spec.present(tx, await spec.run(tx));
    });
    return reply.code(status).send(body);
  }

  const checkAndRun = async (tx: Tx): Promise<{ result: T; body: unknown }> => {
    if (ifMatch !== undefined && spec.current) {
      const current = await spec.current(tx);
      if (current !== undefined) assertIfMatch(ifMatch, current);
    }
    const result = await spec.run(tx);
    return { result, body: await spec.present(tx, result) };
  };

  const key = parseIdempotencyKey(keyHeader);
  if (dryRun) {
    // A dry run consumes no key: it neither replays an answer nor stores one.
    const { organizationId } = principalOf(request);
    try {
      await store.write(async (tx) => {
        // The organization's lock first, so that the before/after snapshots see only this unit.
        await lockOrganization(tx, organizationId);
        const before = await effectivePermissions(tx, organizationId);
        const { result, body } = await checkAndRun(tx);
        const after = await effectivePermissions(tx, organizationId);
        const listed = (await spec.affectedMembers?.(tx, result)) ?? [];
        throw new DryRunRollback({ body, permissionDiff: permissionDiff(before, after, listed) });
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      const { body, permissionDiff: diff } = error.answer;
      return reply.code(200).send({ ...(body as object), permission_diff: diff });
    }
    throw new RosterError("internal", "A dry run committed.");
  }

  if (key === undefined) {
    const { body } = await store.write(checkAndRun);
    return reply.code(status).send(body);
  }

  const { organizationId, userId } = principalOf(request);
  const scope: KeyScope = { organizationId, userId, key };
  const fingerprint = fingerprintOf(
    request.method,
    request.url.split("?")[0] ?? request.url,
    request.query,
    request.body,
  );
  const answer = await store.write(async (tx) => {
    await holdKey(tx, scope);
    const now = clock.now();
    const stored = await findStoredAnswer(tx, scope, now);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new RosterError(
          "idempotency_mismatch",
          "This Idempotency-Key was used with a different request (method, path, query or body). Use a new key for a new request.",
        );
      }
      return { statusCode: stored.status_code, body: JSON.parse(stored.body), replayed: true };
    }
    const { body } = await checkAndRun(tx);
    await storeAnswer(tx, scope, { fingerprint, statusCode: status, body }, now);
    return { statusCode: status, body, replayed: false };
  });
  if (answer.replayed) reply.header("Idempotent-Replayed", "true");
  return reply.code(answer.statusCode).send(answer.body);
}
