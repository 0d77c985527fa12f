// Where to send a person after sign-in: only a path on this server, never another site.

export const DEFAULT_RETURN_PATH = "/app/";

/**
 * `next` if it is a same-origin relative path (`/app/roles/?x=1`), else the team page. Refuses
 * `//evil.example`, `/\evil.example`, absolute URLs and anything with control characters, so
 * sign-in can never be used as an open redirect.
 */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000)
    return DEFAULT_RETURN_PATH;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || hasControl(next)) {
    return DEFAULT_RETURN_PATH;
  }
  const base = "http://roster.invalid";
  try {
    const url = new URL(next, base);
    if (url.origin !== base) return DEFAULT_RETURN_PATH;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_RETURN_PATH;
  }
}

/** The sign-in page's URL that returns to `next` afterwards. */
export function signInPath(next: string): string {
  return `/app/sign-in?next=${encodeURIComponent(safeReturnPath(next))}`;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
