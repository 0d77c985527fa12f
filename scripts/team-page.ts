// Screenshots of the team, roles and activity pages (`npm run screenshots` → docs/*.png) and
// their load time in headless Chromium (`npm run measure:page -- --members 10000`).
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/domain/time.ts";
import { seedDemoIfEmpty } from "../src/operations/demo.ts";
import { addMember } from "../src/operations/provisioning.ts";
import { openStore } from "../src/store/open.ts";
import { launchChromium } from "../test/helpers/browser.ts";

const mode = process.argv[2] === "measure" ? "measure" : "screenshots";
const membersFlag = process.argv.indexOf("--members");
const extraMembers = membersFlag > 0 ? Number(process.argv[membersFlag + 1]) : 0;

const dir = mkdtempSync(join(tmpdir(), "roster-page-"));
const store = await openStore(`sqlite:${join(dir, "roster.db")}`);
const demo = await seedDemoIfEmpty(store, systemClock.now());
if (!demo) throw new Error("the fresh database was not empty");
if (extraMembers > 0) {
  await store.write(async (tx) => {
    for (let i = 0; i < extraMembers; i++) {
      const role = ["user", "restricteduser", "superuser"][i % 3] as string;
      await addMember(
        tx,
        demo.organization_id,
        { email: `person${i}@demo.example`, firstName: `Person${i}`, lastName: "Example", role },
        systemClock.now(),
      );
    }
  });
}
const { members } = await store.db
  .selectFrom("memberships")
  .where("organization_id", "=", demo.organization_id)
  .select((eb) => eb.fn.countAll<number>().as("members"))
  .executeTakeFirstOrThrow();
const app = await buildApp({
  config: loadConfig({ SEED_DEMO: "false" }),
  store,
  clock: systemClock,
});
await app.listen({ host: "127.0.0.1", port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launchChromium();

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${base}/app/`);
  await page.getByLabel("API key").fill(demo.admin_api_key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("tbody tr").first().waitFor();
  if (mode === "measure") await measure(page);
  else await screenshots(page);
} finally {
  await browser.close();
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** From navigation to the members table filled: the median of 7 loads after a warm-up. */
async function measure(page: Page): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 8; i++) {
    const started = performance.now();
    await page.goto(`${base}/app/`);
    await page.locator("tbody tr[data-membership]").first().waitFor();
    if (i > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  process.stdout.write(
    `team page with ${Number(members)} members: median ${median.toFixed(0)} ms ` +
      `(min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)}) over ${times.length} loads\n`,
  );
}

async function screenshots(page: Page): Promise<void> {
  const alice = page.locator("tr", { hasText: "alice@demo.example" });
  await alice.getByLabel(/^Role for/).selectOption("superuser");
  await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
  await alice.getByLabel(/^Call recording/).selectOption("enabled");
  await page.getByRole("status").filter({ hasText: "auto_record_calls" }).waitFor();
  await page.screenshot({ path: "docs/team-page.png" });
  await page.goto(`${base}/app/roles/`);
  await page.locator("section.role").first().waitFor();
  await page.screenshot({ path: "docs/roles-page.png" });
  await page.goto(`${base}/app/activity/`);
  await page.locator("table.diff").first().waitFor();
  await page.screenshot({ path: "docs/activity-page.png" });
  process.stdout.write("wrote docs/team-page.png, docs/roles-page.png, docs/activity-page.png\n");
}
