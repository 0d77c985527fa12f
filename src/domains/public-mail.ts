// Public mail domains: anyone can get an address there, so no organization may claim one.

/**
 * Free mail providers' domains. Small on purpose: it stops the obvious claim (an organization
 * taking `gmail.com` and with it every Gmail user); proof by DNS stops the rest, since no
 * organization can publish a TXT record on a provider's domain.
 */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "aol.com",
  "fastmail.com",
  "gmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "googlemail.com",
  "hey.com",
  "hotmail.com",
  "icloud.com",
  "live.com",
  "mac.com",
  "mail.com",
  "mail.ru",
  "me.com",
  "msn.com",
  "outlook.com",
  "pm.me",
  "proton.me",
  "protonmail.com",
  "qq.com",
  "tutanota.com",
  "web.de",
  "yahoo.com",
  "yandex.com",
  "yandex.ru",
  "zoho.com",
]);

/** Whether `domain` (canonical, see normalizeDomain) is a public mail domain or below one. */
export function isPublicMailDomain(domain: string): boolean {
  const labels = domain.split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    if (PUBLIC_MAIL_DOMAINS.has(labels.slice(i).join("."))) return true;
  }
  return false;
}
