/** What a `DATABASE_URL` names: which backend, and where its data lives. */
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `dataDir` undefined: in memory. */
  | { kind: "pglite"; dataDir: string | undefined }
  /** `path` is `:memory:` or a file path. */
  | { kind: "sqlite"; path: string };

/** The forms `DATABASE_URL` takes, as every refusal states them. */
export const DATABASE_URL_FORMS =
  "sqlite:<path>, sqlite::memory:, postgres://user@host:5432/db (or postgresql://), pglite:<dir> or pglite:memory";

/** A `DATABASE_URL` that names no database Roster can open. */
export class DatabaseUrlError extends Error {
  constructor(reason: string) {
    super(`DATABASE_URL ${reason} Accepted forms: ${DATABASE_URL_FORMS}.`);
    this.name = "DatabaseUrlError";
  }
}

/** A URL scheme (`mysql:`, `file:`, `http:`) at the start of a value; one letter is a drive. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;

/**
 * Reads a `DATABASE_URL`. A bare path (no scheme) is a SQLite file, as `sqlite:<path>` is;
 * anything else with a scheme Roster does not speak is refused rather than taken as a file
 * name (`mysql://x` once created a file called `mysql:/x`).
 */
export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const shown = JSON.stringify(raw);
  if (raw.trim() === "") throw new DatabaseUrlError("is empty.");
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    // No host is fine when a `host=` parameter names a Unix socket directory.
    const host = url?.hostname || url?.searchParams.get("host");
    if (!url || !raw.slice(scheme.length + 1).startsWith("//") || !host) {
      throw new DatabaseUrlError(`is not a valid PostgreSQL URL: ${redact(raw)}.`);
    }
    return { kind: "postgres", url: raw };
  }
  if (scheme === "pglite") {
    const dir = raw.slice("pglite:".length);
    return { kind: "pglite", dataDir: dir === "memory" || dir === "" ? undefined : dir };
  }
  if (scheme === "sqlite") {
    const path = raw.slice("sqlite:".length);
    if (path === "") throw new DatabaseUrlError(`names no file: ${shown}.`);
    return { kind: "sqlite", path };
  }
  if (scheme !== undefined) {
    throw new DatabaseUrlError(`has an unknown scheme "${scheme}:" (${redact(raw)}).`);
  }
  return { kind: "sqlite", path: raw };
}

/** A URL with its password hidden, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
