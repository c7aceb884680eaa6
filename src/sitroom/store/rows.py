"""An output-format.md record as rows of the layer tables (queryable columns + the item's JSON)."""
from __future__ import annotations

from typing import Any

from sitroom.incidents.match import date_range


def _actor_name(ref: dict | None, actors: dict[str, dict]) -> str | None:
    if not ref:
        return None
    actor = actors.get(ref.get("actor") or "")
    return _clip((actor or {}).get("name") or ref.get("text"), 300)


def _clip(value: Any, n: int) -> str | None:
    if value is None:
        return None
    s = str(value)
    return s if len(s) <= n else s[: n - 1] + "…"


def event_date(event: dict[str, Any], times: dict[str, dict]) -> str | None:
    """The event's calendar date: its ``date``, else the value of its time expression
    when that is a calendar value."""
    value = event.get("date") or (times.get(event.get("time") or "") or {}).get("value")
    return value[:10] if value and date_range(value) else None


def layer_rows(article_id: str, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    places = {p.get("id"): p for p in record.get("places") or ()}
    actors = {a.get("id"): a for a in record.get("actors") or ()}
    times = {t.get("id"): t for t in record.get("times") or ()}
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in ("events", "actors", "places", "figures", "quotes")}
    for e in record.get("events") or ():
        value = event_date(e, times)
        rng = date_range(value)
        place = places.get(e.get("place") or "") or {}
        acled = e.get("acled") or {}
        rows["events"].append({
            "article_id": article_id, "event_id": str(e["id"]), "plover": e.get("plover"),
            "quad_class": e.get("quad_class"), "cameo": e.get("cameo"),
            "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
            "trigger": str((e.get("trigger") or {}).get("text") or ""),
            "date": value, "date_start": rng[0].isoformat() if rng else None,
            "date_end": rng[1].isoformat() if rng else None,
            "place_name": _clip(place.get("name"), 300), "lat": place.get("lat"), "lon": place.get("lon"),
            "country": place.get("country"),
            "source_actor": _actor_name(e.get("source"), actors), "target_actor": _actor_name(e.get("target"), actors),
            "certainty": (e.get("attribution") or {}).get("certainty"),
            "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
            "historical": bool(e.get("historical")), "data": e,
        })
    for a in record.get("actors") or ():
        rows["actors"].append({
            "article_id": article_id, "actor_id": str(a["id"]), "name": _clip(a.get("name") or "", 300),
            "kind": a.get("kind"), "country": a.get("country"), "code": a.get("code"), "data": a,
        })
    for p in record.get("places") or ():
        rows["places"].append({
            "article_id": article_id, "place_id": str(p["id"]), "name": _clip(p.get("name") or "", 300),
            "lat": p.get("lat"), "lon": p.get("lon"), "country": p.get("country"),
            "geonames_id": p.get("geonames_id"), "feature": p.get("feature"), "data": p,
        })
    for f in record.get("figures") or ():
        attribution = f.get("attribution") or {}
        rows["figures"].append({
            "article_id": article_id, "figure_id": str(f["id"]), "event_id": f.get("event"),
            "kind": f.get("kind") or "other", "value": f.get("value"), "low": f.get("low"), "high": f.get("high"),
            "qualifier": f.get("qualifier"), "text": str(f.get("text") or ""),
            "certainty": attribution.get("certainty"),
            "claimed_by": _actor_name(attribution.get("source"), actors), "data": f,
        })
    for q in record.get("quotes") or ():
        speaker = q.get("speaker") or {}
        rows["quotes"].append({
            "article_id": article_id, "quote_id": str(q["id"]), "kind": q.get("kind"),
            "speaker": _clip(speaker.get("name") or _actor_name(speaker, actors), 300),
            "content": str((q.get("content") or {}).get("text") or ""), "certainty": q.get("certainty"),
            "data": q,
        })
    return rows
