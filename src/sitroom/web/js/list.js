// The event list: one page at a time (cursor pagination), each row a link to the event page.
import { get } from "./api.js";
import { typeColor } from "./colors.js";
import { clear, fmt, h } from "./dom.js";

export function flags(ev) {
  const out = [];
  if (ev.negated) out.push("negated");
  if (ev.hypothetical) out.push("hypothetical");
  if (ev.historical) out.push("historical");
  if (ev.status && ev.status !== "ok") out.push(ev.status);
  if (ev.corrected && ev.corrected.length) out.push("corrected");
  return out.map((f) => h("span", { class: "flag flag-" + f }, f));
}

function row(ev) {
  const actors = [ev.source_actor, ev.target_actor].filter(Boolean);
  return h("tr", { "data-id": ev.id },
    h("td", { class: "nowrap" }, ev.date || "–"),
    h("td", {}, h("span", { class: "chip", "data-type": ev.plover || "" }, ev.plover || "–")),
    h("td", {}, h("a", { href: `/events/${ev.id}`, class: "event-link" }, ev.trigger || "(event)")),
    h("td", {}, actors.length ? actors.join(" → ") : "–"),
    h("td", {}, (ev.place && ev.place.name) || "–"),
    h("td", { class: "num" }, ev.fatalities === null ? "" : fmt(ev.fatalities)),
    h("td", {}, flags(ev)));
}

export async function renderList(el, filters, { title = "Events" } = {}) {
  clear(el);
  const body = h("tbody");
  const more = h("button", { type: "button", class: "more", hidden: true }, "More");
  const heading = h("h2", {}, title);
  el.append(heading, h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["Date", "Type", "Trigger", "Actors", "Place", "Killed", ""].map((c) => h("th", {}, c)))),
    body), more);
  let cursor = null;
  const load = async () => {
    const page = await get("/events", { ...filters, limit: 50, cursor });
    for (const ev of page.items) {
      const tr = row(ev);
      const chip = tr.querySelector(".chip");
      if (chip) chip.style.background = typeColor(ev.plover);
      body.append(tr);
    }
    cursor = page.next_cursor;
    more.hidden = !cursor;
    el.dataset.rows = String(body.children.length);
    if (!body.children.length) body.append(h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No event matches.")));
  };
  more.addEventListener("click", () => load());
  await load();
  return { rows: body.children.length };
}
