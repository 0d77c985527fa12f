// The page's only way to the server: the public /api/v1 routes, with the session cookie and CSRF token.

const csrf = document.body.dataset.csrf ?? "";

export class ApiError extends Error {}

/** Close's error body as one line: `{"error"}` or each field error. */
function messageOf(status: number, body: unknown): string {
  const b = body as {
    error?: unknown;
    errors?: unknown[];
    "field-errors"?: Record<string, string>;
  };
  if (typeof b?.error === "string") return b.error;
  const fields = Object.entries(b?.["field-errors"] ?? {}).map(([f, m]) => `${f}: ${m}`);
  const all = [...(b?.errors ?? []).map(String), ...fields];
  return all.length > 0 ? all.join("; ") : `Request failed (${status}).`;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign(`/app/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError("Your session has ended; sign in again.");
  }
  const parsed = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(messageOf(response.status, parsed));
  return parsed as T;
}

export interface Role {
  id: string;
  name: string;
  editable: boolean;
  permissions: string[];
}

export interface Membership {
  id: string;
  user_id: string;
  role_id: string;
  auto_record_calls: "unset" | "enabled" | "disabled";
  date_updated: string;
  user?: { id: string; email: string; first_name: string; last_name: string };
}

/** Every role of the organization (predefined first, as the API lists them). */
export async function allRoles(): Promise<Role[]> {
  const roles: Role[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await call<{ data: Role[]; has_more: boolean }>(
      "GET",
      `/role/?_skip=${skip}&_limit=100`,
    );
    roles.push(...page.data);
    if (!page.has_more) return roles;
  }
}

/** A predefined role is stored as its slug; its role object has its own `role_...` ID. */
export const PREDEFINED: Record<string, string> = {
  Admin: "admin",
  "Super User": "superuser",
  User: "user",
  "Restricted User": "restricteduser",
};

export function roleRef(role: Role): string {
  return !role.editable && PREDEFINED[role.name] ? (PREDEFINED[role.name] as string) : role.id;
}
