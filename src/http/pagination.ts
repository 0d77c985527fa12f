import { type TSchema, Type } from "typebox";
import { RosterError } from "../errors.ts";

export const MAX_LIMIT = 100;

/** `_skip`/`_limit` arrive as query strings (bodies are never coerced, and neither is this). */
export const PageQuery = {
  _skip: Type.Optional(Type.String({ description: "How many objects to skip (default 0)" })),
  _limit: Type.Optional(
    Type.String({ description: `How many objects to return (default and max ${MAX_LIMIT})` }),
  ),
};

export interface Page {
  skip: number;
  limit: number;
}

function integerParam(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw RosterError.validation({ [name]: `Must be an integer from ${min} to ${max}.` });
  }
  return value;
}

/** A `_limit` from 1 to `max` (default `max`), or a 400 naming it. */
export function parseLimit(raw: string | undefined, max: number): number {
  return integerParam("_limit", raw, max, 1, max);
}

/**
 * Close's list paging: `_skip` ≥ 0, `_limit` 1..100 (default 100); anything else → 400
 * naming it. (`_limit=0` would answer an empty page with `has_more: true` forever.)
 */
export function parsePage(query: { _skip?: string; _limit?: string }): Page {
  return {
    skip: integerParam("_skip", query._skip, 0, 0, 1_000_000_000),
    limit: parseLimit(query._limit, MAX_LIMIT),
  };
}

/**
 * Runs a query for one page: asks for one row more than the limit to learn `has_more`
 * without a second query.
 */
export async function paginate<T>(
  page: Page,
  fetch: (offset: number, limit: number) => Promise<T[]>,
) {
  const rows = await fetch(page.skip, page.limit + 1);
  return { data: rows.slice(0, page.limit), has_more: rows.length > page.limit };
}

/** `{"data": [...], "has_more": bool}` of one item schema. */
export function ListOf<T extends TSchema>(item: T) {
  return Type.Object({ data: Type.Array(item), has_more: Type.Boolean() });
}
