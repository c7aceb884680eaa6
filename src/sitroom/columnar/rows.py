"""output-format.md records as rows of the columnar tables (plain Python, no pyarrow here).

The queryable columns come from the store's own row builder (sitroom.store.rows), so a
Parquet file and a database hold the same dates, names and codes for the same record.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sitroom.columnar.schema import RECORD_TABLES
from sitroom.store.rows import layer_rows


def day(value: Any) -> date | None:
    """The calendar day of an ISO date or datetime string (None when it has none)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _span(obj: dict | None) -> dict[str, Any] | None:
    if not obj:
        return None
    return {"start": obj.get("start"), "end": obj.get("end"), "text": obj.get("text")}


def _spans(items) -> list[dict[str, Any]]:
    return [s for s in (_span(m) for m in items or ()) if s is not None]


def record_rows(record: dict[str, Any], *, incident_of: dict[str, str] | None = None,
                ingested=None) -> dict[str, list[dict[str, Any]]]:
    """The rows one record adds to each of RECORD_TABLES (an error record: one articles row)."""
    aid = str(record.get("id"))
    published_date = day(record.get("published"))
    err = record.get("error") if isinstance(record.get("error"), dict) else None
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLES}
    out["articles"].append({
        "article_id": aid, "schema_version": record.get("schema_version"), "published": record.get("published"),
        "published_date": published_date, "title": record.get("title"), "source": record.get("source"),
        "url": record.get("url"), "language": record.get("language"),
        "error_code": err.get("code") if err else None, "error_message": err.get("message") if err else None,
        **{f"n_{layer}": None if err else len(record.get(layer) or ())
           for layer in ("entities", "actors", "places", "times", "events", "figures", "quotes")},
        "text": record.get("text"), "ingested": ingested,
    })
    if err:
        return out
    rows = layer_rows(aid, record)
    for e, row in zip(record.get("events") or (), rows["events"]):
        trigger = e.get("trigger") or {}
        src, tgt = e.get("source") or {}, e.get("target") or {}
        attribution = e.get("attribution") or {}
        out["events"].append({
            **{k: row[k] for k in ("article_id", "event_id", "plover", "quad_class", "cameo", "acled_event_type",
                                   "acled_sub_event_type", "trigger", "date", "place_name", "lat", "lon", "country",
                                   "negated", "hypothetical", "historical", "certainty")},
            "trigger_start": trigger.get("start"), "trigger_end": trigger.get("end"),
            "source_actor_id": src.get("actor"), "source_actor": row["source_actor"],
            "target_actor_id": tgt.get("actor"), "target_actor": row["target_actor"],
            "time_id": e.get("time"), "date_start": day(row["date_start"]), "date_end": day(row["date_end"]),
            "place_id": e.get("place"), "figure_ids": [str(f) for f in e.get("figures") or ()],
            "attributed_to": (attribution.get("source") or {}).get("text"),
            "incident_id": (incident_of or {}).get(row["event_id"]), "published_date": published_date,
        })
    for a in record.get("actors") or ():
        out["actors"].append({
            "article_id": aid, "actor_id": str(a.get("id")), "name": a.get("name"), "kind": a.get("kind"),
            "country": a.get("country"), "code": a.get("code"), "mentions": _spans(a.get("mentions")),
            "affiliations": [f"{x.get('relation')}:{x.get('actor')}" for x in a.get("affiliations") or ()],
            "published_date": published_date,
        })
    for p in record.get("places") or ():
        out["places"].append({
            "article_id": aid, "place_id": str(p.get("id")), "name": p.get("name"), "lat": p.get("lat"),
            "lon": p.get("lon"), "country": p.get("country"), "geonames_id": p.get("geonames_id"),
            "feature": p.get("feature"), "mentions": _spans(p.get("mentions")), "published_date": published_date,
        })
    for f, row in zip(record.get("figures") or (), rows["figures"]):
        out["figures"].append({
            **{k: row[k] for k in ("article_id", "figure_id", "event_id", "kind", "qualifier", "text", "certainty",
                                   "claimed_by")},
            **{k: None if f.get(k) is None else float(f[k]) for k in ("value", "low", "high")},
            "start": f.get("start"), "end": f.get("end"), "subject": (f.get("subject") or {}).get("text"),
            "published_date": published_date,
        })
    for q, row in zip(record.get("quotes") or (), rows["quotes"]):
        content, speaker = q.get("content") or {}, q.get("speaker") or {}
        out["quotes"].append({
            "article_id": aid, "quote_id": row["quote_id"], "kind": q.get("kind"), "content": row["content"],
            "content_start": content.get("start"), "content_end": content.get("end"), "speaker": row["speaker"],
            "speaker_actor_id": speaker.get("actor"), "cue": (q.get("cue") or {}).get("text"),
            "certainty": q.get("certainty"), "published_date": published_date,
        })
    return out


def records_rows(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLES}
    for record in records:
        for name, rows in record_rows(record).items():
            out[name].extend(rows)
    return out
