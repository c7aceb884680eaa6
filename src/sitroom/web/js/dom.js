// Building the page from data without ever parsing data as HTML: text goes in text nodes,
// attributes are set one by one, links only to this server or to http(s) addresses.

const SAFE_URL = /^(https?:\/\/|\/(?!\/))/i;

export function safeHref(url) {
  return typeof url === "string" && SAFE_URL.test(url.trim()) ? url.trim() : null;
}

// h("a", {href: "/x", class: "c", onclick: fn}, "text", child)
export function h(tag, attrs = {}, ...children) {
  const ns = attrs && attrs.svg ? "http://www.w3.org/2000/svg" : null;
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false || key === "svg") continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "href") {
      const href = safeHref(String(value));
      if (href) el.setAttribute("href", href);
    } else if (key === "class") {
      el.setAttribute("class", String(value));
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (/^[a-zA-Z][\w:-]*$/.test(key)) {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  return h(tag, { ...attrs, svg: true }, ...children);
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmt(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

export function status(message, kind = "") {
  const el = document.getElementById("status");
  if (el) {
    el.textContent = message || "";
    el.className = kind;
  }
}
