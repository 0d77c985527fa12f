// Which events a webhook subscription may ask for: the object types and actions Roster records.

/** Every (object_type, action) pair Roster emits; a subscription naming another is refused. */
export const SUBSCRIBABLE_EVENTS = {
  membership: ["created", "activated", "updated", "deactivated"],
} as const satisfies Record<string, readonly string[]>;

export interface EventSelector {
  object_type: string;
  action: string;
}

export function isSubscribable(selector: EventSelector): boolean {
  const table: Record<string, readonly string[]> = SUBSCRIBABLE_EVENTS;
  // Own keys only: an object_type of "constructor" or "__proto__" names no event type.
  if (!Object.hasOwn(table, selector.object_type)) return false;
  return table[selector.object_type]?.includes(selector.action) ?? false;
}

/** Whether any of `selectors` asks for an event of this type and action. */
export function selects(
  selectors: readonly EventSelector[],
  event: { object_type: string; action: string },
): boolean {
  return selectors.some((s) => s.object_type === event.object_type && s.action === event.action);
}
