// The event page: the article with every layer highlighted (this event's evidence emphasised),
// its codes, flags, certainty and attribution, and, with a write token, corrections and history.
import { config, get, send, setToken, token } from "./api.js";
import { typeColor } from "./colors.js";
import { clear, fmt, h, safeHref, status } from "./dom.js";
import { flags } from "./list.js";

const PRIORITY = { trigger: 9, figure: 8, source: 7, target: 7, place: 6, time: 5, cue: 4, attribution: 4,
  actor: 3, quote: 1 };

// Non-overlapping segments of text, each with the span that wins where several cover it.
export function highlight(text, spans, evidence) {
  const all = [...spans.map((s) => ({ ...s, ev: false })), ...evidence.map((s) => ({ ...s, ev: true }))];
  const cuts = new Set([0, text.length]);
  for (const s of all) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    let best = null;
    for (const s of all) {
      if (s.start <= a && s.end >= b) {
        const rank = (s.ev ? 100 : 0) + (PRIORITY[s.kind] || 0);
        if (!best || rank > best.rank) best = { ...s, rank };
      }
    }
    if (!best) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    frag.append(h("mark", { class: `k-${best.kind}${best.ev ? " ev" : ""}`, title: `${best.kind}: ${best.label || best.text}`,
      "data-kind": best.kind, "data-ev": best.ev ? "1" : null }, piece));
  }
  return frag;
}

function dl(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function actorLink(name) {
  return name ? h("a", { href: `/actors/${encodeURIComponent(name)}` }, name) : null;
}

export async function renderEvent(view, id) {
  const ev = await get(`/events/${id}`);
  const art = await get(`/articles/${encodeURIComponent(ev.article_id)}`);
  const cfg = await config();
  const url = safeHref(art.url || "");
  const title = h("h1", {}, h("span", { class: "chip", "data-type": ev.plover || "" }, ev.plover || "no type"), " ",
    ev.trigger || "", " ", flags(ev));
  title.querySelector(".chip").style.background = typeColor(ev.plover);
  const att = (ev.data && ev.data.attribution) || {};
  view.append(h("article", { class: "event-page" },
    title,
    h("p", { class: "muted" }, `${art.title || ev.article_id} — ${art.source || ""} ${art.published || ""}`),
    dl([
      ["Date", ev.date], ["Place", ev.place ? `${ev.place.name || ""} (${ev.place.country || "?"})` : "–"],
      ["Admin1", ev.place && ev.place.admin1], ["Source", actorLink(ev.source_actor)],
      ["Target", actorLink(ev.target_actor)], ["Killed", ev.fatalities === null ? "–" : fmt(ev.fatalities)],
      ["PLOVER", ev.plover], ["Quad class", ev.quad_class], ["CAMEO", ev.cameo],
      ["ACLED", ev.acled ? `${ev.acled.event_type} / ${ev.acled.sub_event_type}` : "–"],
      ["Certainty", ev.certainty], ["Attribution", att.source ? att.source.text : null],
      ["Cue", att.cue ? att.cue.text : null],
      ["Incident", ev.incident ? h("a", { href: `/incidents/${ev.incident}` }, `I${ev.incident}`) : "–"],
      ["Article", art.id], ["URL", url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : art.url],
      ["Corrected", ev.corrected.length ? ev.corrected.join(", ") : null],
    ]),
    ev.conflicts.length ? h("p", { class: "warning" }, "Re-extraction: ", ev.conflicts.join("; ")) : null,
    h("h2", {}, "Evidence"),
    h("blockquote", { class: "evidence", id: "evidence" },
      highlight(ev.evidence.sentence.text, [], ev.evidence.spans
        .filter((s) => s.start >= ev.evidence.sentence.start && s.end <= ev.evidence.sentence.end)
        .map((s) => ({ ...s, start: s.start - ev.evidence.sentence.start, end: s.end - ev.evidence.sentence.start })))),
    h("p", { class: "legend-inline" }, ["trigger", "source", "target", "place", "time", "figure", "cue", "actor", "quote"]
      .map((k) => h("mark", { class: `k-${k} ev` }, k))),
    h("h2", {}, "Article"),
    h("div", { class: "article-text", id: "article-text" }, highlight(art.text, art.spans, ev.evidence.spans)),
  ));
  const side = h("aside", { class: "corrections" });
  view.append(side);
  await renderCorrections(side, ev, cfg);
  return null;
}

const FIELDS = [
  ["plover", "PLOVER type"], ["acled_event_type", "ACLED type"], ["acled_sub_event_type", "ACLED sub-type"],
  ["source_actor", "Source"], ["target_actor", "Target"], ["date", "Date (YYYY-MM-DD)"],
  ["fatalities", "Killed"], ["status", "Status (ok, wrong, duplicate)"], ["duplicate_of", "Duplicate of (event id)"],
  ["incident", 'Incident (id or "new")'], ["place_name", "Place name"], ["place_lat", "Lat"], ["place_lon", "Lon"],
  ["place_country", "Country"],
];

function value(ev, key) {
  const p = ev.place || {};
  return { plover: ev.plover, acled_event_type: ev.acled && ev.acled.event_type,
    acled_sub_event_type: ev.acled && ev.acled.sub_event_type, source_actor: ev.source_actor,
    target_actor: ev.target_actor, date: ev.date, fatalities: ev.fatalities, status: ev.status,
    duplicate_of: null, incident: ev.incident, place_name: p.name, place_lat: p.lat, place_lon: p.lon,
    place_country: p.country }[key];
}

async function renderCorrections(side, ev, cfg) {
  clear(side);
  const history = await get(`/events/${ev.id}/history`);
  side.append(h("h2", {}, "Corrections"));
  if (cfg.read_only) {
    side.append(h("p", { class: "muted" }, "This server is read-only (started without a write token)."));
  } else {
    const form = h("form", { id: "correct-form", class: "correct" });
    form.append(h("label", {}, "Write token ", h("input", { type: "password", name: "token", value: token(), autocomplete: "off" })));
    for (const [key, label] of FIELDS) {
      const v = value(ev, key);
      form.append(h("label", {}, label, " ", h("input", { name: key, value: v === null || v === undefined ? "" : v, "data-was": v === null || v === undefined ? "" : v })));
    }
    form.append(h("label", {}, "Why ", h("input", { name: "reason", required: true, size: 30 })),
      h("button", { type: "submit" }, "Save correction"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      setToken(form.elements.token.value.trim());
      const body = { reason: form.elements.reason.value };
      const place = {};
      for (const [key] of FIELDS) {
        const el = form.elements[key];
        if (el.value === el.dataset.was) continue;
        let v = el.value.trim() === "" ? null : el.value.trim();
        if (["fatalities", "duplicate_of"].includes(key) && v !== null) v = Number(v);
        if (key === "incident" && v !== null && v !== "new") v = Number(v);
        if (key.startsWith("place_")) place[key.slice(6)] = v;
        else body[key] = v;
      }
      if (Object.keys(place).length) {
        body.place = { name: form.elements.place_name.value || null, lat: Number(form.elements.place_lat.value),
          lon: Number(form.elements.place_lon.value), country: form.elements.place_country.value || null };
      }
      try {
        await send("PATCH", `/events/${ev.id}`, body);
        status("saved");
        window.dispatchEvent(new Event("sitroom:navigate"));
      } catch (err) {
        status(err.message, "error");
        form.append(h("p", { class: "error" }, err.message));
      }
    });
    side.append(form);
  }
  side.append(h("h3", {}, "History"));
  const list = h("ol", { class: "history", id: "history" });
  for (const c of history.items) {
    const li = h("li", { "data-state": c.state },
      h("b", {}, c.author), ` ${c.created.slice(0, 19).replace("T", " ")} `, h("em", {}, c.state), ": ",
      Object.keys(c.after).map((k) => `${k}: ${JSON.stringify(c.before[k])} → ${JSON.stringify(c.after[k])}`).join("; "),
      " — ", c.reason, c.conflict ? h("span", { class: "warning" }, ` (${c.conflict})`) : null);
    if (!cfg.read_only && (c.state === "active" || c.state === "conflict") && c.reverts === null) {
      li.append(" ", h("button", { type: "button", class: "revert", onclick: async () => {
        try {
          await send("POST", `/corrections/${c.id}/revert`, { reason: "reverted in the workspace" });
          window.dispatchEvent(new Event("sitroom:navigate"));
        } catch (err) {
          status(err.message, "error");
        }
      } }, "Revert"));
    }
    list.append(li);
  }
  if (!history.items.length) list.append(h("li", { class: "muted" }, "No correction yet."));
  side.append(list);
}

// An article on its own: the text with every layer highlighted, and its events.
export async function renderArticle(view, id) {
  const { renderList } = await import("./list.js");
  const art = await get(`/articles/${encodeURIComponent(id)}`);
  const url = safeHref(art.url || "");
  view.append(h("article", { class: "event-page" }, h("h1", {}, art.title || art.id),
    h("p", { class: "muted" }, `${art.source || ""} ${art.published || ""}`, " ",
      url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : art.url || ""),
    h("div", { class: "article-text", id: "article-text" }, highlight(art.text, art.spans, []))));
  const list = h("div", { class: "panel" });
  view.append(list);
  await renderList(list, { article: art.id, include_wrong: "true" }, { title: "Events" });
  return null;
}
