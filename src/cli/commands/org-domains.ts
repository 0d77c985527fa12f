import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { systemClock } from "../../domain/time.ts";
import { verificationRecord } from "../../domains/dns.ts";
import {
  canonicalDomains,
  checkDomain,
  presentDomain,
  verifyDomain,
} from "../../domains/ownership.ts";
import { listDomains } from "../../domains/store.ts";
import { RosterError } from "../../errors.ts";
import { findOrganization, lockOrganization } from "../../store/organizations.ts";
import { printResult, withStore } from "../context.ts";

/** `roster org domains` and `roster org verify-domain`: proof of domain ownership, operator side. */
export function registerDomainCommands(org: Command): void {
  org
    .command("domains")
    .description("List an organization's email domains, their state and the TXT record each needs")
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .option("--json", "print one JSON object")
    .action(async (options: { org: string; json?: boolean }) => {
      const domains = await withStore(async (store) => {
        if (!(await findOrganization(store.db, options.org)))
          throw RosterError.notFound("Organization");
        return listDomains(store.db, options.org);
      });
      if (options.json) {
        printResult({ domains: domains.map(presentDomain) }, true);
        return;
      }
      for (const domain of domains) {
        process.stdout.write(
          `${domain.domain}: ${domain.status} (TXT ${verificationRecord(domain.token)})\n`,
        );
      }
    });
  org
    .command("verify-domain")
    .description(
      "Verify an email domain of an organization: as the operator, or with --check by its DNS TXT record",
    )
    .requiredOption("--org <id>", "organization ID (orga_...)")
    .requiredOption("--domain <domain>", "the email domain")
    .option("--check", "verify only if the domain's TXT record holds the organization's token")
    .option("--json", "print one JSON object")
    .action(async (options: { org: string; domain: string; check?: boolean; json?: boolean }) => {
      const [domain] = canonicalDomains([options.domain], "domain") as [string];
      const { dnsResolver } = loadConfig();
      const verified = await withStore(async (store, now) => {
        if (options.check) {
          return checkDomain(store, options.org, domain, dnsResolver, () => systemClock.now());
        }
        return store.write(async (tx) => {
          if (!(await lockOrganization(tx, options.org)))
            throw RosterError.notFound("Organization");
          return verifyDomain(tx, options.org, domain, now);
        });
      });
      printResult(presentDomain(verified), options.json);
    });
}
