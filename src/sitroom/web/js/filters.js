// Filters live in the URL (?country=SYR&since=...), so a view can be shared by its address.
// The form mirrors them; the map, timeline and list read them through current().

export const KEYS = ["since", "until", "country", "admin1", "bbox", "plover", "acled_event_type", "actor", "q",
  "min_fatalities", "certainty", "hypothetical", "negated", "historical", "include_wrong", "corrected", "incident"];
const DEFAULTS = { hypothetical: "include", negated: "include", historical: "include" };
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const ACLED = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const CERTAINTY = ["asserted", "reported", "claimed", "alleged", "denied", "unverified"];

export function current() {
  const params = new URLSearchParams(location.search);
  const out = {};
  for (const key of KEYS) {
    const v = params.get(key);
    if (v !== null && v !== "" && v !== DEFAULTS[key]) out[key] = v;
  }
  return out;
}

export function without(filters, ...keys) {
  const out = { ...filters };
  for (const k of keys) delete out[k];
  return out;
}

// Replace some filters; null removes one. Navigates to the workspace when asked.
export function update(changes, { path = null, push = true } = {}) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "" || v === DEFAULTS[k]) params.delete(k);
    else params.set(k, String(v));
  }
  const q = params.toString();
  const target = (path || location.pathname) + (q ? "?" + q : "");
  if (push) history.pushState({}, "", target);
  else history.replaceState({}, "", target);
  window.dispatchEvent(new Event("sitroom:navigate"));
}

function fillSelect(select, values) {
  for (const v of values) {
    const opt = document.createElement("option");
    opt.value = v;
    opt.textContent = v;
    select.append(opt);
  }
}

export function bindForm(form) {
  fillSelect(form.elements.plover, PLOVER);
  fillSelect(form.elements.acled_event_type, ACLED);
  fillSelect(form.elements.certainty, CERTAINTY);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const changes = {};
    for (const key of KEYS) {
      const el = form.elements[key];
      if (!el) continue;
      changes[key] = el.type === "checkbox" ? (el.checked ? "true" : null) : el.value.trim();
    }
    update(changes, { path: "/" });
  });
  document.getElementById("clear-filters").addEventListener("click", () => {
    const changes = {};
    for (const key of KEYS) changes[key] = null;
    update(changes, { path: "/" });
  });
}

export function showInForm(form) {
  const f = current();
  for (const key of KEYS) {
    const el = form.elements[key];
    if (!el) continue;
    if (el.type === "checkbox") el.checked = f[key] === "true";
    else el.value = f[key] || DEFAULTS[key] || "";
  }
  const link = document.getElementById("export-link");
  if (link) {
    const q = new URLSearchParams({ ...f, format: "acled" });
    link.setAttribute("href", "/api/v1/export?" + q.toString());
  }
}
