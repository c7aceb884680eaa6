// The workspace: map, timeline and event list of everything the filters select.
import { config } from "./api.js";
import { PLOVER_COLORS } from "./colors.js";
import { clear, fmt, h, status } from "./dom.js";
import { current, update } from "./filters.js";
import { renderList } from "./list.js";
import { MapView } from "./map.js";
import { renderTimeline } from "./timeline.js";

export async function renderWorkspace(view) {
  const t0 = performance.now();
  const filters = current();
  delete document.body.dataset.ready;
  delete document.body.dataset.listReady;
  clear(view);
  const canvas = h("canvas", { id: "map", "aria-label": "map of the events" });
  const legend = h("div", { class: "legend" }, Object.entries(PLOVER_COLORS).map(([k]) =>
    h("span", { class: "chip", "data-type": k }, k)));
  const summary = h("p", { class: "summary", id: "summary" });
  const timeline = h("div", { id: "timeline", class: "panel" });
  const list = h("div", { id: "list", class: "panel" });
  view.append(h("section", { class: "workspace" },
    h("div", { class: "map-wrap panel" }, canvas, legend), summary, timeline, list));
  for (const chip of legend.querySelectorAll(".chip")) chip.style.background = PLOVER_COLORS[chip.dataset.type];
  const cfg = await config();
  const timing = { started: t0 };
  window.__sitroomTiming = timing;
  const map = new MapView(canvas, {
    filters, tileUrl: cfg.tile_url,
    onSelect: (id) => { history.pushState({}, "", `/events/${id}`); window.dispatchEvent(new Event("sitroom:navigate")); },
    onDrawn: (layer) => {
      if (!timing.map) timing.map = performance.now() - t0;
      summary.textContent = `${fmt(layer.total)} events in view` + (filters.since || filters.until
        ? ` from ${filters.since || "the start"} to ${filters.until || "the end"}` : "");
    },
  });
  status("loading…");
  const mapDone = map.load();
  const timelineDone = renderTimeline(timeline, filters, {
    onBrush: (since, until) => update({ since, until }),
  }).then((r) => { timing.timeline = performance.now() - t0; return r; });
  await Promise.all([mapDone, timelineDone]);
  timing.ready = performance.now() - t0;
  document.body.dataset.ready = "workspace";
  status("");
  renderList(list, filters).then(() => { timing.list = performance.now() - t0; document.body.dataset.listReady = "1"; });
  return map;
}
