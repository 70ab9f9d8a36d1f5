// Small helpers to build the page: elements, names of entries and roles, status lines.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";

/** An element with attributes (`on…` are listeners, `text` the text) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const pointerName = (p) => `${p.side}#${p.sequence}`;
export const samePointer = (a, b) => a.side === b.side && a.sequence === b.sequence;

/** A role name that may wrap after each "/". */
export function roleName(role) {
  const parts = role.split("/");
  return el("code", { class: "role" }, parts.flatMap((part, i) => (i ? ["/", document.createElement("wbr"), part] : [part])));
}

export function errorText(error) {
  if (error instanceof ApiError) return `${t("compose.error")} (${error.status}${error.code ? ", " + error.code : ""}): ${error.message}`;
  return `${t("error.generic")}: ${error.message}`;
}

export function showStatus(node, kind, text, code) {
  node.dataset.state = kind;
  if (code) node.dataset.code = code; else delete node.dataset.code;
  node.textContent = text;
}

/** Replaces `node`'s children, leaving out the absent ones (null, undefined, false). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

/**
 * Whether the official is typing in `section` (an input, select or textarea has the focus): then
 * a live update must not redraw it under their hands, and `redraw` runs once they leave the field.
 */
export function deferWhileEditing(section, redraw) {
  const active = document.activeElement;
  if (!active || !section.contains(active) || !active.matches("input, select, textarea")) return false;
  active.addEventListener("blur", () => setTimeout(redraw, 0), { once: true });
  return true;
}
