// The timeline: events per day, week or month, stacked by PLOVER type (SVG). Dragging across it
// ("brushing") sets the date filter, which the map and the list follow; a click clears it.
import { get } from "./api.js";
import { typeColor } from "./colors.js";
import { clear, h, svg } from "./dom.js";
import { without } from "./filters.js";

const HEIGHT = 140;
const PAD = { l: 40, r: 10, t: 8, b: 22 };
const DAY = 86400000;

function parseDay(s) {
  return Date.parse(s.length === 7 ? s + "-01" : s.length === 4 ? s + "-01-01" : s);
}

function iso(t) {
  return new Date(t).toISOString().slice(0, 10);
}

function bucketEnd(key, by) {
  const t = parseDay(key);
  if (by === "day") return t + DAY;
  if (by === "week") return t + 7 * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export async function renderTimeline(el, filters, { onBrush }) {
  // the timeline shows every date, the selected range highlighted: drop the date filters
  const base = without(filters, "since", "until");
  const months = await get("/stats", { ...base, by: "month" });
  const span = months.rows.filter((r) => r.key).length;
  const by = span <= 4 ? "day" : span <= 60 ? "week" : "month";
  const data = by === "month" ? await get("/stats", { ...base, by: "month", split: "plover" })
    : await get("/stats", { ...base, by, split: "plover" });
  clear(el);
  const rows = data.rows.filter((r) => r.key);
  if (!rows.length) {
    el.append(h("p", { class: "muted" }, "No dated events match."));
    return { by, buckets: 0 };
  }
  const width = Math.max(320, (el.clientWidth || 800) - 20);
  const t0 = parseDay(rows[0].key);
  const t1 = bucketEnd(rows[rows.length - 1].key, by);
  const x = (t) => PAD.l + ((t - t0) / Math.max(1, t1 - t0)) * (width - PAD.l - PAD.r);
  const tAt = (px) => t0 + ((px - PAD.l) / (width - PAD.l - PAD.r)) * (t1 - t0);
  const totals = new Map();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) || 0) + r.n);
  const max = Math.max(...totals.values());
  const y = (n) => (n / max) * (HEIGHT - PAD.t - PAD.b);
  const root = svg("svg", { width, height: HEIGHT, class: "timeline", role: "img",
    "aria-label": `events per ${by}, by type` });
  const stack = new Map();
  for (const r of rows) {
    const below = stack.get(r.key) || 0;
    const x0 = x(parseDay(r.key));
    const x1 = x(bucketEnd(r.key, by));
    const hgt = y(r.n);
    root.append(svg("rect", { x: x0.toFixed(1), width: Math.max(1, x1 - x0 - 0.5).toFixed(1),
      y: (HEIGHT - PAD.b - below - hgt).toFixed(1), height: hgt.toFixed(1), fill: typeColor(r.split),
      class: "bar", "data-key": r.key, "data-type": r.split || "" },
    svg("title", {}, `${r.key} ${r.split || "no type"}: ${r.n}`)));
    stack.set(r.key, below + hgt);
  }
  // axis: a few dates and the top count
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: PAD.l, x2: width - PAD.r, y1: HEIGHT - PAD.b, y2: HEIGHT - PAD.b }));
  for (let i = 0; i <= 4; i++) {
    const t = t0 + ((t1 - t0) * i) / 4;
    axis.append(svg("text", { x: x(t).toFixed(1), y: HEIGHT - 6, "text-anchor": i === 0 ? "start" : i === 4 ? "end" : "middle" },
      iso(t).slice(0, by === "month" ? 7 : 10)));
  }
  axis.append(svg("text", { x: PAD.l - 4, y: PAD.t + 8, "text-anchor": "end" }, String(max)));
  root.append(axis);
  // the selected range and the brush
  const sel = svg("rect", { class: "selection", y: PAD.t, height: HEIGHT - PAD.t - PAD.b, x: 0, width: 0 });
  root.append(sel);
  if (filters.since || filters.until) {
    const a = filters.since ? x(parseDay(filters.since)) : PAD.l;
    const b = filters.until ? x(parseDay(filters.until) + DAY) : width - PAD.r;
    sel.setAttribute("x", Math.max(PAD.l, a).toFixed(1));
    sel.setAttribute("width", Math.max(0, Math.min(width - PAD.r, b) - Math.max(PAD.l, a)).toFixed(1));
  }
  let start = null;
  const px = (ev) => ev.clientX - root.getBoundingClientRect().left;
  root.addEventListener("mousedown", (ev) => {
    start = Math.max(PAD.l, Math.min(width - PAD.r, px(ev)));
    sel.setAttribute("x", start);
    sel.setAttribute("width", 0);
    ev.preventDefault();
  });
  root.addEventListener("mousemove", (ev) => {
    if (start === null) return;
    const cur = Math.max(PAD.l, Math.min(width - PAD.r, px(ev)));
    sel.setAttribute("x", Math.min(start, cur));
    sel.setAttribute("width", Math.abs(cur - start));
  });
  const finish = (ev) => {
    if (start === null) return;
    const end = Math.max(PAD.l, Math.min(width - PAD.r, px(ev)));
    const a = Math.min(start, end);
    const b = Math.max(start, end);
    start = null;
    if (b - a < 3) onBrush(null, null);
    else onBrush(iso(tAt(a)), iso(tAt(b) - 1));
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", (ev) => { if (start !== null) finish(ev); });
  el.append(root);
  el.dataset.buckets = String(totals.size);
  el.dataset.by = by;
  return { by, buckets: totals.size };
}
