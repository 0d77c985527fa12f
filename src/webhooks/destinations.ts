// Where webhooks may be sent: http(s) URLs whose addresses are not the server's own network (SSRF).
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** `allowPrivate` (ROSTER_WEBHOOK_ALLOW_PRIVATE) lets loopback and private ranges through. */
export interface DestinationPolicy {
  allowPrivate: boolean;
}

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "reserved";

function blockList(v4: string[], v6: string[]): BlockList {
  const list = new BlockList();
  for (const entry of v4) {
    const [net, bits] = entry.split("/");
    list.addSubnet(net as string, Number(bits ?? 32), "ipv4");
  }
  for (const entry of v6) {
    const [net, bits] = entry.split("/");
    list.addSubnet(net as string, Number(bits ?? 128), "ipv6");
  }
  return list;
}

/** Checked in this order: the first list an address is on names its class. */
const CLASSES: Array<[AddressClass, BlockList]> = [
  // Cloud instance metadata services (AWS's IPv6 one sits inside fc00::/7, so it comes first).
  ["metadata", blockList(["169.254.169.254/32", "100.100.100.200/32"], ["fd00:ec2::254/128"])],
  ["link-local", blockList(["169.254.0.0/16"], ["fe80::/10"])],
  // 0.0.0.0 and :: reach the local host on Linux.
  ["loopback", blockList(["127.0.0.0/8", "0.0.0.0/8"], ["::1/128", "::/128"])],
  [
    "private",
    blockList(
      ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "198.18.0.0/15"],
      ["fc00::/7"],
    ),
  ],
  [
    "reserved",
    blockList(
      [
        "224.0.0.0/4",
        "240.0.0.0/4",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
      ],
      ["ff00::/8", "64:ff9b::/96", "2001:db8::/32", "::/96"],
    ),
  ],
];

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`). */
function mappedIpv4(address: string): string | undefined {
  const match = address.toLowerCase().match(/^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/);
  if (!match) return undefined;
  const rest = match[1] as string;
  if (isIP(rest) === 4) return rest;
  const hex = rest.match(/^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** What kind of network an IP address belongs to. */
export function classifyAddress(address: string): AddressClass {
  const unbracketed = address.replace(/^\[|\]$/g, "");
  const v4 = isIP(unbracketed) === 6 ? mappedIpv4(unbracketed) : undefined;
  const ip = v4 ?? unbracketed;
  const family = isIP(ip) === 4 ? "ipv4" : "ipv6";
  for (const [kind, list] of CLASSES) if (list.check(ip, family)) return kind;
  return "public";
}

/** Why `address` may not be a destination under `policy`, or undefined when it may. */
export function refusalOf(address: string, policy: DestinationPolicy): string | undefined {
  const kind = classifyAddress(address);
  if (kind === "public") return undefined;
  if ((kind === "loopback" || kind === "private") && policy.allowPrivate) return undefined;
  const hint =
    kind === "loopback" || kind === "private"
      ? " (set ROSTER_WEBHOOK_ALLOW_PRIVATE=true to allow loopback and private addresses)"
      : "";
  return `Destination ${address} is a ${kind} address and not allowed${hint}.`;
}

export class DestinationRefused extends Error {}

/** An http(s) URL a webhook may be sent to, or the reason it may not. */
export function parseDestinationUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a valid URL.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return "The URL must be http or https.";
  if (!url.hostname) return "Enter a valid URL.";
  return url;
}

export interface ResolvedDestination {
  url: URL;
  /** The host without IPv6 brackets, for TLS server name checks. */
  host: string;
  address: string;
  family: 4 | 6;
}

export type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves the URL's host and checks every address it resolves to: the one returned is the
 * one to connect to, so a name that resolves differently a moment later (DNS rebinding) cannot
 * redirect the request. Throws DestinationRefused with the reason.
 */
export async function resolveDestination(
  raw: string,
  policy: DestinationPolicy,
  lookup: Lookup = systemLookup,
): Promise<ResolvedDestination> {
  const url = parseDestinationUrl(raw);
  if (typeof url === "string") throw new DestinationRefused(url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host);
    } catch {
      throw new DestinationRefused(`The host ${host} cannot be resolved.`);
    }
    if (addresses.length === 0)
      throw new DestinationRefused(`The host ${host} cannot be resolved.`);
  }
  for (const { address } of addresses) {
    const refusal = refusalOf(address, policy);
    if (refusal) throw new DestinationRefused(refusal);
  }
  const chosen = addresses[0] as { address: string; family: number };
  return { url, host, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
