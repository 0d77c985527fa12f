// Tiny DOM helpers: elements are built with text nodes only, so API data is never parsed as HTML.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === "function") el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, "");
    else if (value !== false) el.setAttribute(name, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

const status = () => document.getElementById("status") as HTMLElement;

/** Says what happened in the page's live region (announced by screen readers). */
export function say(message: string, isError = false): void {
  const region = status();
  region.textContent = message;
  region.className = isError ? "error" : "ok";
  region.setAttribute("role", isError ? "alert" : "status");
}

export function view(): HTMLElement {
  return document.getElementById("view") as HTMLElement;
}

export function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
