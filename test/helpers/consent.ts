import assert from "node:assert/strict";

/**
 * The consent flow as a browser without JavaScript walks it, over a real socket: open the
 * authorization URL, sign in with an API key when asked, then submit the consent form with
 * the button chosen. Returns where Roster finally sends the browser.
 */

function cookieOf(res: Response): string | undefined {
  const cookies = res.headers.getSetCookie();
  return cookies.map((c) => c.split(";")[0]).join("; ") || undefined;
}

/** The hidden inputs and buttons of the page's (only) form. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] as string] = (match[2] as string)
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  }
  return fields;
}

export async function consentWithoutBrowser(
  authorizationUrl: URL,
  apiKey: string,
  decision: "approve" | "deny",
): Promise<URL> {
  const origin = authorizationUrl.origin;
  const signInPage = await fetch(authorizationUrl, { redirect: "manual" });
  assert.equal(signInPage.status, 401, "a person not signed in is asked to sign in");
  const signInForm = formFields(await signInPage.text());
  const signedIn = await fetch(`${origin}/app/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ ...signInForm, api_key: apiKey }),
  });
  assert.equal(signedIn.status, 303, await signedIn.text());
  const cookie = cookieOf(signedIn);
  assert.ok(cookie, "signing in sets the session cookie");
  const back = new URL(signedIn.headers.get("location") as string, origin);
  assert.equal(back.pathname, "/oauth2/authorize/", "sign-in returns to the request");

  const consentPage = await fetch(back, { headers: { cookie }, redirect: "manual" });
  assert.equal(consentPage.status, 200);
  const consentForm = formFields(await consentPage.text());
  const answered = await fetch(`${origin}/oauth2/authorize/`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin },
    body: new URLSearchParams({ ...consentForm, decision }),
  });
  assert.equal(answered.status, 303, await answered.text());
  return new URL(answered.headers.get("location") as string);
}
