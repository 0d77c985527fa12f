// The request journal of the test double: what an integration sent to /api/v1/ and what it got back, secrets removed.

export interface JournalEntry {
  method: string;
  path: string;
  /** The matched route in OpenAPI form (`/api/v1/membership/{id}/`); null when none matched. */
  route: string | null;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  body: unknown;
  /** The status sent; null when the connection was dropped instead. */
  status: number | null;
  response: unknown;
  /** When the request arrived, by the double's clock (RFC 3339). */
  date: string;
  /** The fault rule that changed this answer, if any. */
  fault_id: string | null;
}

export interface JournalQuery {
  method?: string;
  /** A route in OpenAPI form, or a concrete path. */
  route?: string;
  /** Entries at or after this time. */
  since?: Date | string;
}

const REDACTED = "[redacted]";
/** Headers that carry credentials or session state. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-csrf-token",
]);
/** Roster's credential shape (`<id>.<secret>`, an API key or an access token) wherever it appears. */
const CREDENTIAL = /\b((?:api|oa2at|oa2rt)_[A-Za-z0-9]+)\.[A-Za-z0-9]+/g;
/** Body fields whose values are secret by name. */
const SECRET_FIELDS = /(^|_)(secret|password|token|api_key|credential)$/i;

/** Headers with credentials replaced: `Basic [redacted]`, `Bearer [redacted]`, `[redacted]`. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!SECRET_HEADERS.has(name.toLowerCase())) {
      out[name] = Array.isArray(value) ? value.map(redactText) : redactText(value);
      continue;
    }
    const first = Array.isArray(value) ? (value[0] ?? "") : value;
    const scheme = /^(basic|bearer)\s/i.exec(first)?.[1];
    out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  return out;
}

function redactText(text: string): string {
  return text.replace(CREDENTIAL, (_, id: string) => `${id}.${REDACTED}`);
}

/** A JSON value with secret-named fields blanked and credentials cut to their public ID. */
export function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_FIELDS.test(key) && inner !== null && inner !== "" ? REDACTED : redactValue(inner),
      ]),
    );
  }
  return value;
}

/**
 * A bounded ring of entries: past `capacity`, the oldest go first. Entries are redacted on
 * the way in, so nothing secret is ever held, let alone served.
 */
export class Journal {
  private readonly capacity: number;
  private entries: JournalEntry[] = [];

  constructor(capacity = 1000) {
    this.capacity = capacity;
  }

  record(entry: JournalEntry): void {
    this.entries.push({
      ...entry,
      headers: redactHeaders(entry.headers),
      query: redactValue(entry.query) as JournalEntry["query"],
      body: redactValue(entry.body),
      response: redactValue(entry.response),
    });
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Entries oldest first, filtered by method, route (pattern or path) and time. */
  list(query: JournalQuery = {}): JournalEntry[] {
    const method = query.method?.toUpperCase();
    const route = query.route?.replace(/\/+$/, "");
    const since = query.since === undefined ? undefined : new Date(query.since).getTime();
    return this.entries.filter(
      (entry) =>
        (method === undefined || entry.method === method) &&
        (route === undefined ||
          entry.route?.replace(/\/+$/, "") === route ||
          entry.path.replace(/\/+$/, "") === route) &&
        (since === undefined || new Date(entry.date).getTime() >= since),
    );
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }
}
