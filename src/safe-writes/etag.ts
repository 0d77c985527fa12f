// Entity tags: a strong validator for every membership, role and organization Roster serves.
import { createHash } from "node:crypto";
import { RosterError } from "../errors.ts";

/**
 * JSON with object keys sorted at every level, so that the same stored state gives the same
 * text however the object was assembled (read from the store, or derived inside a write).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    // An array of plain values (a membership's permissions) is canonical as it stands.
    return value.some(isObject) ? `[${value.map(canonicalJson).join(",")}]` : JSON.stringify(value);
  }
  const object = value as Record<string, unknown>;
  let fields = "";
  for (const key of Object.keys(object).sort()) {
    const field = object[key];
    if (field === undefined) continue;
    fields += `${fields === "" ? "" : ","}${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `{${fields}}`;
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === "object";
}

/**
 * The strong, quoted ETag of an object: SHA-256 of its canonical JSON as Roster serves it
 * (before `_fields` trims it). It is derived from stored state alone, so every instance on a
 * database computes the same tag, and it changes exactly when something it shows changes —
 * also a custom role's permissions, which a membership shows as `permissions_granted`.
 * Unlike `date_updated` (microseconds), two different versions cannot share a tag.
 */
export function etagOf(representation: unknown): string {
  return `"${createHash("sha256").update(canonicalJson(representation)).digest("base64url")}"`;
}

/** The entity tags of an `If-Match` / `If-None-Match` list, weak ones marked `W/`. */
function listedTags(header: string): string[] {
  return header
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * `If-Match` (strong comparison): true when the current tag is listed, or the list is `*` (any
 * existing object; the write answers 404 before asking when there is none).
 */
export function ifMatchAccepts(header: string, currentTag: string): boolean {
  const tags = listedTags(header);
  return tags.includes("*") || tags.includes(currentTag);
}

/** `If-None-Match` on a read (weak comparison): true when the client's copy is current. */
export function ifNoneMatchHolds(header: string, currentTag: string): boolean {
  return listedTags(header).some(
    (tag) => tag === "*" || tag === currentTag || tag === `W/${currentTag}`,
  );
}

/** Throws the 412 of a write whose `If-Match` names another version than the stored one. */
export function assertIfMatch(header: string, current: unknown): void {
  if (!ifMatchAccepts(header, etagOf(current))) {
    throw new RosterError(
      "precondition_failed",
      "The object has changed since you read it (If-Match does not match its current ETag). Read it again and retry.",
    );
  }
}
