// The /_roster/ control routes: the test double's controls over HTTP, behind the control token.
import { createHash, timingSafeEqual } from "node:crypto";
import { RosterError } from "../errors.ts";
import type { App } from "../http/types.ts";
import { registerSetClock } from "../routes/_roster/clock.ts";
import { registerClearFaults } from "../routes/_roster/faults-clear.ts";
import { registerListFaults } from "../routes/_roster/faults-list.ts";
import { registerReplaceFaults } from "../routes/_roster/faults-replace.ts";
import { registerClearJournal } from "../routes/_roster/journal-clear.ts";
import { registerListJournal } from "../routes/_roster/journal-list.ts";
import { registerReset } from "../routes/_roster/reset.ts";
import { registerCreateSnapshot } from "../routes/_roster/snapshot-create.ts";
import { registerRestoreSnapshot } from "../routes/_roster/snapshot-restore.ts";
import type { TestDouble } from "./double.ts";

/** One control endpoint, registered from its own file under `routes/_roster/`. */
export type ControlRoute = (app: App, double: TestDouble) => void;

const CONTROL_ROUTES: ControlRoute[] = [
  registerReset,
  registerCreateSnapshot,
  registerRestoreSnapshot,
  registerReplaceFaults,
  registerListFaults,
  registerClearFaults,
  registerListJournal,
  registerClearJournal,
  registerSetClock,
];

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** True when `header` is `Bearer <token>`; compared in constant time (as digests, so lengths leak nothing). */
export function controlTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return timingSafeEqual(digest(match?.[1]?.trim() ?? ""), digest(token)) && match !== null;
}

/**
 * Registers `/_roster/*` when the double has a control token (ROSTER_CONTROL_TOKEN); without
 * one the routes do not exist (404), so a production server never exposes them.
 */
export async function registerControlRoutes(app: App, double: TestDouble): Promise<void> {
  const token = double.controlToken;
  if (!token) return;
  await app.register(async (controls: App) => {
    controls.addHook("onRequest", async (request) => {
      if (!controlTokenMatches(request.headers.authorization, token))
        throw new RosterError("unauthorized", "The Roster control token is missing or wrong.");
    });
    for (const register of CONTROL_ROUTES) register(controls, double);
  });
}
