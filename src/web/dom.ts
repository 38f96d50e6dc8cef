/**
 * Building the page's DOM: elements from tag, attributes and children; tables; the API's problems as messages.
 */
import { isDiprError } from "../errors.js";

export type Child = Node | string | number | false | null | undefined | readonly Child[];
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === "object" ? (child as Node) : document.createTextNode(String(child)));
  }
}

/** A date that never breaks across lines. */
export const date = (text: string) => h("span", { class: "date" }, text);

/** A block time (ISO 8601) as `2026-03-03 09:30:12` UTC. */
export const blockTimeText = (iso: string | undefined) => (iso ? iso.replace("T", " ").replace(/(\.\d+)?Z$/, "") : "—");

/** The shared words mark property names with backticks (for Markdown); here they become code. */
export function words(text: string): Child[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

export function table(head: readonly string[], rows: readonly Child[][], caption?: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption && h("caption", {}, caption),
      h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))),
    ),
  );
}

/** An API problem (or an unreachable node) as a message: title, detail, code and each field's problem. */
export function problemMessage(error: unknown): HTMLElement {
  if (isDiprError(error)) {
    const problem = error.details.problem as { title: string; detail?: string; code: string; errors?: { target: string; message: string; code: string }[] } | undefined;
    if (problem) {
      return h(
        "div",
        { class: "problem", role: "alert" },
        h("p", { class: "problem-title" }, problem.title),
        problem.detail && h("p", {}, problem.detail),
        // The field problems, unless there is one and the detail already says it.
        problem.errors?.length &&
          !(problem.errors.length === 1 && problem.errors[0]!.message === problem.detail) &&
          h("ul", {}, problem.errors.map((e) => h("li", {}, h("code", {}, e.target || "(request)"), ": ", e.message, " ", h("span", { class: "code" }, `(${e.code})`)))),
        h("p", { class: "code" }, "code ", h("code", {}, problem.code)),
      );
    }
    return h("div", { class: "problem", role: "alert" }, h("p", { class: "problem-title" }, error.message), h("p", { class: "code" }, "code ", h("code", {}, error.code)));
  }
  return h("div", { class: "problem", role: "alert" }, h("p", { class: "problem-title" }, String(error)));
}
