import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { revokeKey } from "../../src/operations/provisioning.ts";
import { api } from "../helpers/api.ts";
import { testBackend } from "../helpers/backend.ts";
import { launchChromium, seriousViolations, signInThroughForm } from "../helpers/browser.ts";
import { createOrg, type Org, useHarness } from "../helpers/harness.ts";

// The page is the same on every backend, and the API it calls is tested on all three; in a
// real browser it runs once (SQLite), which keeps CI within its time budget.
const skip = testBackend() === "sqlite" ? false : "browser tests run on the sqlite backend";

describe("the team page in headless Chromium", { skip }, () => {
  const h = useHarness();
  let browser: Browser;
  let base: string;
  const consoleErrors: string[] = [];

  before(async () => {
    await h.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function open(apiKey: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    page.on("dialog", (d) => void d.accept());
    page.setDefaultTimeout(30_000);
    await signInThroughForm(page, base, apiKey);
    return { context, page };
  }

  async function roleOf(org: Org, membershipId: string): Promise<string> {
    return (await api(h, org.admin.apiKey, "GET", `/membership/${membershipId}/`)).json().role_id;
  }

  const rowOf = (page: Page, membershipId: string) =>
    page.locator(`tr[data-membership="${membershipId}"]`);

  test("sign in with a key; the sign-in and team pages pass axe", async () => {
    const org = await createOrg(h);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/app/`);
    assert.deepEqual(await seriousViolations(page), [], "sign-in page");
    await page.getByLabel("API key").fill(`${org.admin.apiKey}x`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("API key").fill(org.admin.apiKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await rowOf(page, org.admin.membershipId).waitFor();
    assert.equal(new URL(page.url()).pathname, "/app/");
    assert.deepEqual(await seriousViolations(page), [], "team page");
    await context.close();
  });

  test("change a role and call recording from the table; the API shows them stored", async () => {
    const org = await createOrg(h);
    const member = await org.add("user", { firstName: "Grace", lastName: "Hopper" });
    const { context, page } = await open(org.admin.apiKey);
    const row = rowOf(page, member.membershipId);
    await row.getByLabel(/^Role for/).selectOption("superuser");
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    assert.equal(await roleOf(org, member.membershipId), "superuser");
    assert.equal(await row.getByLabel(/^Call recording/).inputValue(), "unset");
    await row.getByLabel(/^Call recording/).selectOption("enabled");
    await page.getByRole("status").filter({ hasText: "auto_record_calls" }).waitFor();
    const stored = await api(h, org.admin.apiKey, "GET", `/membership/${member.membershipId}/`);
    assert.equal(stored.json().auto_record_calls, "enabled");
    await context.close();
  });

  test("demoting the last admin shows Close's error and changes nothing", async () => {
    const org = await createOrg(h);
    const { context, page } = await open(org.admin.apiKey);
    const select = rowOf(page, org.admin.membershipId).getByLabel(/^Role for/);
    await select.selectOption("user");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const direct = await api(h, org.admin.apiKey, "PUT", `/membership/${org.admin.membershipId}/`, {
      role_id: "user",
    });
    assert.equal(direct.statusCode, 400);
    assert.equal(await alert.textContent(), direct.json().error, "the API's own words");
    assert.equal(await roleOf(org, org.admin.membershipId), "admin");
    await page.waitForFunction(
      () =>
        (document.querySelector("select[data-field=role]") as HTMLSelectElement)?.value === "admin",
    );
    await context.close();
  });

  test("a member without manage_organization sees no controls, and a forged write is refused", async () => {
    const org = await createOrg(h);
    const reader = await org.add("user");
    const { context, page } = await open(reader.apiKey);
    assert.equal(
      await page.locator("main select[data-field], .actions button, form.invite").count(),
      0,
    );
    const forged = await page.evaluate(async (id) => {
      const csrf = document.body.dataset.csrf as string;
      const res = await fetch(`/api/v1/membership/${id}/`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ role_id: "admin" }),
      });
      return res.status;
    }, reader.membershipId);
    assert.equal(forged, 403);
    assert.equal(await roleOf(org, reader.membershipId), "user");
    await context.close();
  });

  test("a write with the cookie but without the CSRF token is refused", async () => {
    const org = await createOrg(h);
    const member = await org.add("user");
    const { context, page } = await open(org.admin.apiKey);
    const status = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/membership/${id}/`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ role_id: "superuser" }),
      });
      return res.status;
    }, member.membershipId);
    assert.equal(status, 403);
    assert.equal(await roleOf(org, member.membershipId), "user");
    await context.close();
  });

  test("the roles and activity pages work and pass axe", async () => {
    const org = await createOrg(h);
    const member = await org.add("user", { firstName: "Alan", lastName: "Turing" });
    const { context, page } = await open(org.admin.apiKey);
    await rowOf(page, member.membershipId)
      .getByLabel(/^Role for/)
      .selectOption("restricteduser");
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();

    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("Name", { exact: true }).first().fill("Support");
    await page.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("heading", { name: "Support", exact: true }).waitFor();
    const roles = await api(h, org.admin.apiKey, "GET", "/role/");
    assert.ok(roles.json().data.some((r: { name: string }) => r.name === "Support"));
    assert.deepEqual(await seriousViolations(page), [], "roles page");

    await page.getByRole("link", { name: "Activity" }).click();
    const diff = page.locator(`li:has(table.diff)`).first();
    await diff.waitFor();
    assert.match((await diff.textContent()) ?? "", /user.*restricteduser/s);
    assert.match((await diff.textContent()) ?? "", /Ada Admin/);
    assert.deepEqual(await seriousViolations(page), [], "activity page");
    await context.close();
  });

  test("sign out, and a revoked key's session stops working", async () => {
    const org = await createOrg(h);
    const { context, page } = await open(org.admin.apiKey);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    assert.equal((await page.request.get(`${base}/api/v1/me/`)).status(), 401);

    const other = await open(org.admin.apiKey);
    await h.store.write((tx) =>
      revokeKey(tx, org.admin.apiKey.split(".")[0] as string, h.clock.now()),
    );
    await other.page.reload();
    await other.page.getByLabel("API key").waitFor();
    assert.equal((await other.page.request.get(`${base}/api/v1/me/`)).status(), 401);
    await context.close();
    await other.context.close();
  });

  test("no console errors on any page", () => {
    // Chromium logs every refused fetch; the refusals above (400 last admin, 401 after
    // sign-out, 403 forged writes) are provoked on purpose. Anything else is a defect.
    const unexpected = consoleErrors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 40[013]/.test(e),
    );
    assert.deepEqual(unexpected, []);
  });
});
