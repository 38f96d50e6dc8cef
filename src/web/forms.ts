/** The page's form fields: each with its label, the office list to choose from, and a form's values. */
import { IP_TYPES } from "../domain/ip-types.js";
import { h, type Attrs } from "./dom.js";
import { IP_TYPE_WORDS, officeEntries } from "./names.js";

export function officeInput(name: string, label: string, value: string, attrs: Attrs = {}): HTMLElement {
  const id = `f-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name, value, required: true, maxlength: 2, autocomplete: "off", list: "offices", class: "office", title: "two letters: US, EP, JP …", ...attrs }),
  );
}

export function textInput(name: string, label: string, value: string, attrs: Attrs = {}): HTMLElement {
  const id = `f-${name}`;
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name, value, required: true, ...attrs }));
}

export function ipTypeSelect(name: string, label: string, value: string): HTMLElement {
  const id = `f-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name }, IP_TYPES.map((t) => h("option", { value: t, selected: t === (value || "patent") }, IP_TYPE_WORDS[t]))),
  );
}

export function officeList(): HTMLElement {
  return h("datalist", { id: "offices" }, officeEntries().map(([code, name]) => h("option", { value: code }, name)));
}

/** The named fields' values, trimmed (a field without a name, such as an access code, is not among them). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, name) => (values[name] = String(value).trim()));
  return values;
}
