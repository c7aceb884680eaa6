// The actor page: counts, aliases and affiliations, its events, and a small network of the
// actors it acts on and is acted on by, edges coloured by quad class.
import { get } from "./api.js";
import { QUAD_COLORS } from "./colors.js";
import { append, fmt, h, svg } from "./dom.js";
import { renderList } from "./list.js";

function network(name, edges) {
  const W = 560;
  const H = 360;
  const cx = W / 2;
  const cy = H / 2;
  const partners = [...new Set(edges.map((e) => (e.source === name ? e.target : e.source)))];
  const pos = new Map([[name, [cx, cy]]]);
  partners.forEach((p, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, partners.length) - Math.PI / 2;
    pos.set(p, [cx + Math.cos(a) * (W / 2 - 90), cy + Math.sin(a) * (H / 2 - 40)]);
  });
  const max = Math.max(1, ...edges.map((e) => e.n));
  const root = svg("svg", { width: W, height: H, class: "network", role: "img", "aria-label": `actors ${name} acts with` });
  const defs = svg("defs", {});
  for (const [quad, color] of Object.entries(QUAD_COLORS)) {
    defs.append(svg("marker", { id: `arrow-${quad}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color })));
  }
  root.append(defs);
  for (const e of edges) {
    const [x1, y1] = pos.get(e.source);
    const [x2, y2] = pos.get(e.target);
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const shorten = 12 / len;
    root.append(svg("line", { x1, y1, x2: x2 - (x2 - x1) * shorten, y2: y2 - (y2 - y1) * shorten,
      stroke: QUAD_COLORS[e.quad_class] || QUAD_COLORS.UNKNOWN, "stroke-width": 1 + (4 * e.n) / max,
      "marker-end": `url(#arrow-${QUAD_COLORS[e.quad_class] ? e.quad_class : "UNKNOWN"})`, class: "edge" },
    svg("title", {}, `${e.source} → ${e.target}: ${e.n} ${e.quad_class}`)));
  }
  for (const [n, [x, y]] of pos) {
    const link = svg("a", { href: `/actors/${encodeURIComponent(n)}` },
      svg("circle", { cx: x, cy: y, r: n === name ? 10 : 7, class: n === name ? "node center" : "node" }),
      svg("text", { x, y: y - 12, "text-anchor": "middle", class: "node-label" }, n.length > 24 ? n.slice(0, 23) + "…" : n));
    root.append(link);
  }
  return root;
}

export async function renderActor(view, name) {
  const a = await get(`/actors/${encodeURIComponent(name)}`);
  append(view, [h("h1", {}, a.name),
    h("p", { class: "muted" }, [a.kind, a.country, `${fmt(a.n_articles)} articles`,
      `${fmt(a.n_events.as_source)} events as source, ${fmt(a.n_events.as_target)} as target`].filter(Boolean).join(" · ")),
    a.aliases.length ? h("p", {}, "Also known as: ", a.aliases.join(", ")) : null,
    a.affiliations.length ? h("p", {}, "Affiliations: ", a.affiliations.map((x) => `${x.relation.replace("_", " ")} ${x.actor}`).join("; ")) : null,
    h("h2", {}, "Who it acts with"),
    a.network.length ? network(a.name, a.network) : h("p", { class: "muted" }, "No event with another actor."),
    h("p", { class: "legend-inline" }, Object.entries(QUAD_COLORS).map(([q]) => h("span", { class: `quad quad-${q}` }, q)))]);
  const list = h("div", { class: "panel" });
  view.append(list);
  await renderList(list, { actor: a.name }, { title: "Events" });
  return null;
}
