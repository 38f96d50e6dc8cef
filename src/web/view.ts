/**
 * The current view: every view is a URL on `/`, and the main region shows it. Links to `/` are followed without
 * reloading the page; the back and forward buttons render the URL they land on.
 */
import { append, type Child } from "./dom.js";

/**
 * What a view may be handed besides its URL: a secret typed into a form (an access code), kept in memory for this
 * one rendering and never put in the URL or the history's state.
 */
export type Secrets = Readonly<{ accessCode?: string }>;

type Renderer = (secrets?: Secrets) => Promise<void>;
let renderer: Renderer = async () => {};

const main = () => document.getElementById("main")!;

export function setTitle(text: string): void {
  document.title = `${text} — dipr`;
}

export function show(...children: Child[]): void {
  main().replaceChildren();
  append(main(), children);
}

/** Goes to `href` (pushed on the history with no state) and renders it; moves the focus to the main region so that keyboard and screen-reader users follow. */
export function navigate(href: string, secrets?: Secrets): void {
  history.pushState(null, "", href);
  void renderer(secrets);
  main().focus({ preventScroll: true });
}

/** Renders the current URL now, and again on every link to `/` followed and every move in the history. */
export function startNavigation(render: Renderer): Promise<void> {
  renderer = render;
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== "/") return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  addEventListener("popstate", () => void renderer());
  return renderer();
}
