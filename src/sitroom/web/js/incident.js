// The incident page: its reports side by side, and how each figure moved from source to source
// over time (the claims the store tracks), as a chart per kind of figure.
import { get } from "./api.js";
import { QUAD_COLORS } from "./colors.js";
import { fmt, h, safeHref, svg } from "./dom.js";
import { renderList } from "./list.js";

const PALETTE = ["#c0392b", "#2874a6", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7d6608", "#2c3e50"];

function claimChart(kind, claims) {
  const pts = claims.map((c) => ({ ...c, v: c.value ?? c.low ?? c.high, t: Date.parse(c.reported || "") }))
    .filter((c) => c.v !== null && c.v !== undefined);
  if (!pts.length) return null;
  const W = 520;
  const H = 180;
  const P = { l: 50, r: 110, t: 10, b: 24 };
  const dated = pts.filter((p) => !Number.isNaN(p.t));
  const t0 = dated.length ? Math.min(...dated.map((p) => p.t)) : 0;
  const t1 = dated.length ? Math.max(...dated.map((p) => p.t)) : 1;
  const vmax = Math.max(...pts.map((p) => p.v), 1);
  const order = new Map();
  pts.forEach((p, i) => order.set(p, i));
  const x = (p) => (Number.isNaN(p.t) || t1 === t0
    ? P.l + ((order.get(p) + 0.5) / pts.length) * (W - P.l - P.r)
    : P.l + ((p.t - t0) / (t1 - t0)) * (W - P.l - P.r));
  const y = (v) => H - P.b - (v / vmax) * (H - P.t - P.b);
  const root = svg("svg", { width: W, height: H, class: "claims-chart", "data-kind": kind, role: "img",
    "aria-label": `${kind} figures over time by source` });
  root.append(svg("line", { x1: P.l, x2: W - P.r, y1: H - P.b, y2: H - P.b, class: "axis-line" }),
    svg("text", { x: P.l - 4, y: P.t + 8, "text-anchor": "end", class: "axis" }, fmt(vmax)),
    svg("text", { x: P.l - 4, y: H - P.b, "text-anchor": "end", class: "axis" }, "0"));
  const bySource = new Map();
  for (const p of pts) {
    const s = p.claimed_by || p.outlet || p.document;
    if (!bySource.has(s)) bySource.set(s, []);
    bySource.get(s).push(p);
  }
  [...bySource.entries()].forEach(([source, list], i) => {
    const color = PALETTE[i % PALETTE.length];
    const sorted = list.sort((a, b) => x(a) - x(b));
    if (sorted.length > 1) {
      root.append(svg("polyline", { points: sorted.map((p) => `${x(p).toFixed(1)},${y(p.v).toFixed(1)}`).join(" "),
        fill: "none", stroke: color, "stroke-width": 2 }));
    }
    for (const p of sorted) {
      root.append(svg("circle", { cx: x(p).toFixed(1), cy: y(p.v).toFixed(1), r: p.disputed ? 6 : 4, fill: color,
        class: p.disputed ? "disputed" : "" }, svg("title", {}, `${source}: ${p.text} (${p.reported || "undated"})`)));
    }
    root.append(svg("text", { x: W - P.r + 6, y: P.t + 12 + i * 14, fill: color, class: "axis" },
      source.length > 18 ? source.slice(0, 17) + "…" : source));
  });
  if (dated.length) {
    root.append(svg("text", { x: P.l, y: H - 6, class: "axis" }, new Date(t0).toISOString().slice(0, 10)),
      svg("text", { x: W - P.r, y: H - 6, "text-anchor": "end", class: "axis" }, new Date(t1).toISOString().slice(0, 10)));
  }
  return root;
}

export async function renderIncident(view, id) {
  const inc = await get(`/incidents/${id}`);
  view.append(h("h1", {}, `Incident I${inc.id}: ${inc.plover || "no type"}`,
    inc.status !== "ok" ? h("span", { class: "flag" }, inc.status) : null),
  h("p", { class: "muted" }, [inc.date, inc.place && inc.place.name, inc.country,
    `${inc.n_documents} articles, ${inc.n_events} events`,
    inc.corrected.length ? `corrected: ${inc.corrected.join(", ")}` : null].filter(Boolean).join(" · ")));
  view.append(h("h2", {}, "Reports"));
  view.append(h("div", { class: "reports" }, inc.reports.map((r) => {
    const url = safeHref(r.url || "");
    return h("div", { class: "report" },
      h("h3", {}, h("a", { href: `/articles/${encodeURIComponent(r.document)}` }, r.title || r.document)),
      h("p", { class: "muted" }, `${r.source || ""} ${r.published || ""}`),
      h("p", {}, "Trigger: ", h("b", {}, r.trigger || "–"), ` (score ${Number(r.score).toFixed(2)})`),
      url ? h("p", {}, h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url)) : null);
  })));
  view.append(h("h2", {}, "Figures over time"));
  const charts = h("div", { class: "charts", id: "claims" });
  for (const [kind, block] of Object.entries(inc.claims || {})) {
    const chart = claimChart(kind, block.claims);
    charts.append(h("figure", {}, h("figcaption", {}, `${kind}: ${block.summary}`), chart,
      h("table", { class: "claims" }, h("thead", {}, h("tr", {}, ["Reported", "Figure", "Value", "Source", "Latest", "Disputed"]
        .map((c) => h("th", {}, c)))), h("tbody", {}, block.claims.map((c) => h("tr", {},
        h("td", {}, c.reported || "–"), h("td", {}, c.text), h("td", { class: "num" }, fmt(c.value ?? c.low)),
        h("td", {}, c.claimed_by || c.outlet || c.document), h("td", {}, c.latest ? "yes" : ""),
        h("td", {}, c.disputed ? "yes" : "")))))));
  }
  if (!charts.children.length) charts.append(h("p", { class: "muted" }, "No figure reported."));
  view.append(charts);
  const list = h("div", { class: "panel" });
  view.append(list);
  await renderList(list, { incident: String(id), include_wrong: "true" }, { title: "Events" });
  void QUAD_COLORS;
  return null;
}
