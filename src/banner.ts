import type { Config } from "./config.ts";
import type { DemoOrganization } from "./operations/demo.ts";
import { redact } from "./store/database-url.ts";
import { VERSION } from "./version.ts";

/** How many processes serve, and why one when more were possible. */
export interface ServingProcesses {
  workers: number;
  singleBecause?: string;
}

/**
 * What `serve` prints once listening: where, on which database, with how many workers, and
 * the demo organization's key when one was just made (the only time it is shown).
 */
export function startupBanner(
  address: string,
  config: Config,
  processes: ServingProcesses,
  demo: DemoOrganization | undefined,
): string {
  const base = `${address}/api/v1`;
  const workers = processes.workers === 1 ? "1 worker" : `${processes.workers} workers`;
  const lines = [
    `Roster ${VERSION} is listening on ${base} (database: ${redact(config.databaseUrl)}; ${workers})`,
    `Team page: ${address}/app/`,
  ];
  if (processes.singleBecause) {
    lines.push(`One worker only: ${processes.singleBecause}.`);
  }
  if (config.webhookAllowPrivate) {
    lines.push(
      "Webhooks may be delivered to loopback and private addresses (ROSTER_WEBHOOK_ALLOW_PRIVATE=true): for local development.",
    );
  }
  if (demo) {
    lines.push(
      "",
      "A demo organization was created (its key is shown only this once):",
      `  organization ID:    ${demo.organization_id}`,
      `  admin API key:      ${demo.admin_api_key}`,
      `  admin membership:   ${demo.admin_membership_id}`,
      "",
      `Or open the team page, sign in with that key and change it there: ${address}/app/`,
      "",
      "Make Alice a superuser and record her calls:",
      `  curl -u '${demo.admin_api_key}:' -X PUT ${base}/membership/${demo.member_id}/ \\`,
      `    -H 'Content-Type: application/json' -d '{"role_id": "superuser", "auto_record_calls": "enabled"}'`,
      "",
      "Watch the change arrive as a signed webhook (run this first, in another terminal):",
      `  ROSTER_API_KEY='${demo.admin_api_key}' ROSTER_URL=${address} npx roster webhook listen --print`,
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
