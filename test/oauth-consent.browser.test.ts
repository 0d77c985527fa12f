import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./helpers/browser.ts";
import { createOrg, type Org, useHarness } from "./helpers/harness.ts";
import { exchange, pkcePair, registerApp, type TestApp, tokensOf } from "./helpers/oauth.ts";

/**
 * The consent page in real headless Chromium: a person signs in with their API key, sees
 * which app asks for what in which organization, and approves or denies; the browser lands
 * on the app's redirect URI (a real local server) with a code or access_denied, and the
 * state. A request naming an unregistered redirect URI shows an error and goes nowhere.
 */

const h = useHarness();

describe("the consent page in Chromium", () => {
  let browser: Browser;
  let roster: string;
  let callbackServer: Server;
  let redirectUri: string;
  let org: Org;
  let registered: TestApp;

  before(async () => {
    roster = await h.app.listen({ host: "127.0.0.1", port: 0 });
    // The app: any page at its redirect URI will do; the test reads the URL it was sent to.
    callbackServer = createServer((_req, res) => res.end("back at the app"));
    await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
    redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    org = await createOrg(h, "Chromium & Co");
    registered = await registerApp(h.store, org.id, h.clock.now(), [redirectUri]);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => callbackServer?.close(resolve));
  });

  function authorizeUrl(state: string, challenge: string, redirect = redirectUri): string {
    const url = new URL("/oauth2/authorize/", roster);
    url.search = new URLSearchParams({
      client_id: registered.clientId,
      redirect_uri: redirect,
      response_type: "code",
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).toString();
    return url.toString();
  }

  async function backAtTheApp(page: Page): Promise<URL> {
    await page.waitForURL((url) => url.toString().startsWith(redirectUri), { timeout: 60_000 });
    return new URL(page.url());
  }

  test("sign in, approve: the app gets a code and its state; deny: access_denied", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { verifier, challenge } = pkcePair();

    await page.goto(authorizeUrl("st-approve", challenge));
    await page.getByText("Test Integration asks for access to Roster").waitFor();
    await page.getByLabel("API key").fill(org.admin.apiKey);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("heading", { name: "Authorize Test Integration" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    assert.match(text, /Chromium & Co/);
    assert.match(text, /all\.full_access/);
    assert.match(text, /offline_access/);
    const axe = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(
      axe.violations.map((v) => v.id),
      [],
      "the consent page has no accessibility violations",
    );

    await page.getByRole("button", { name: "Approve" }).click();
    const approved = await backAtTheApp(page);
    assert.equal(approved.searchParams.get("state"), "st-approve");
    const code = approved.searchParams.get("code");
    assert.ok(code, approved.toString());
    const tokens = tokensOf(
      await exchange(h, registered, code, { redirect_uri: redirectUri, code_verifier: verifier }),
    );
    assert.equal(tokens.organization_id, org.id);

    // Signed in already: straight to the consent form.
    await page.goto(authorizeUrl("st-deny", pkcePair().challenge));
    await page.getByRole("button", { name: "Deny" }).click();
    const denied = await backAtTheApp(page);
    assert.equal(denied.searchParams.get("error"), "access_denied");
    assert.equal(denied.searchParams.get("state"), "st-deny");
    assert.equal(denied.searchParams.get("code"), null);
    await context.close();
  });

  test("an unregistered redirect URI shows an error and sends the browser nowhere", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const evil = "https://evil.example/steal";
    const res = await page.goto(authorizeUrl("s", pkcePair().challenge, evil));
    assert.equal(res?.status(), 400);
    assert.ok(page.url().startsWith(roster), page.url());
    await page.getByText("The redirect_uri is not registered for this app.").waitFor();
    await context.close();
  });
});
