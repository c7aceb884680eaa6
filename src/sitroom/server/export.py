"""Streamed exports of filtered events: CSV, JSONL, GeoJSON (events) and ACLED-style CSV (incidents).

Each is a generator of text chunks read in keyset pages on a connection of its own, so a
million-event export holds one page in memory, never the whole result. Corrected values
are used and named (``corrected`` column or property; ACLED: ``tags``).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sitroom.server.query import EventFilter, conditions, iter_events
from sitroom.store.schema_serve import event_facts as f

CSV_COLUMNS = (
    "id", "article_id", "event_id", "date", "date_end", "plover", "quad_class", "cameo", "acled_event_type",
    "acled_sub_event_type", "trigger", "source_actor", "target_actor", "place_name", "admin1", "country", "lat",
    "lon", "fatalities", "certainty", "negated", "hypothetical", "historical", "incident_id", "status",
    "corrected", "title", "source", "published", "url",
)
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
           "geojson": "application/geo+json", "acled": "text/csv; charset=utf-8"}
#: rows per chunk written to the response
CHUNK_ROWS = 200


def _flat(item: dict) -> dict:
    place = item.get("place") or {}
    acled = item.get("acled") or {}
    art = item.get("article") or {}
    return {
        "id": item["id"], "article_id": item["article_id"], "event_id": item["event_id"], "date": item["date"],
        "date_end": item["date_end"], "plover": item["plover"], "quad_class": item["quad_class"],
        "cameo": item["cameo"], "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"), "trigger": item["trigger"],
        "source_actor": item["source_actor"], "target_actor": item["target_actor"],
        "place_name": place.get("name"), "admin1": place.get("admin1"), "country": item["country"],
        "lat": place.get("lat"), "lon": place.get("lon"), "fatalities": item["fatalities"],
        "certainty": item["certainty"], "negated": item["negated"], "hypothetical": item["hypothetical"],
        "historical": item["historical"], "incident_id": item["incident"], "status": item["status"],
        "corrected": ",".join(item["corrected"]), "title": art.get("title"), "source": art.get("source"),
        "published": art.get("published"), "url": art.get("url"),
    }


def _csv_chunks(rows: Iterator[dict], columns) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
        if n % CHUNK_ROWS == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _events(engine: Engine, flt: EventFilter) -> Iterator[dict]:
    with engine.connect() as conn:
        yield from iter_events(conn, flt)


def stream(engine: Engine, flt: EventFilter, fmt: str) -> Iterator[str]:
    """The export of ``flt`` in ``fmt`` as text chunks."""
    if fmt == "csv":
        yield from _csv_chunks((_flat(i) for i in _events(engine, flt)), CSV_COLUMNS)
    elif fmt == "jsonl":
        lines: list[str] = []
        for item in _events(engine, flt):
            lines.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
            if len(lines) >= CHUNK_ROWS:
                yield "\n".join(lines) + "\n"
                lines = []
        if lines:
            yield "\n".join(lines) + "\n"
    elif fmt == "geojson":
        yield '{"type":"FeatureCollection","features":['
        first = True
        for item in _events(engine, flt):
            place = item.get("place") or {}
            if place.get("lat") is None or place.get("lon") is None:
                continue
            props = {k: v for k, v in _flat(item).items() if k not in ("lat", "lon")}
            feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                       "properties": props}
            yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
            first = False
        yield "]}\n"
    elif fmt == "acled":
        yield from _csv_chunks(acled(engine, flt), _acled_columns())
    else:  # the route validates the format; a caller of this function gets told
        raise ValueError(f"unknown export format {fmt!r}")


def _acled_columns():
    from sitroom.store.export import ACLED_COLUMNS

    return ACLED_COLUMNS


def incident_ids(engine: Engine, flt: EventFilter, *, batch: int = 1000) -> Iterator[int]:
    """Ids of incidents with at least one matching event, ascending, in keyset pages."""
    last = 0
    with engine.connect() as conn:
        while True:
            ids = [r[0] for r in conn.execute(
                sa.select(f.c.incident_id).where(*conditions(flt), f.c.incident_id > last)
                .group_by(f.c.incident_id).order_by(f.c.incident_id).limit(batch))]
            yield from ids
            if len(ids) < batch:
                return
            last = ids[-1]


def acled(engine: Engine, flt: EventFilter) -> Iterator[dict]:
    """ACLED-style rows (sitroom.store.export) of the incidents of the matching events, corrected."""
    from sitroom.store import corrections
    from sitroom.store import export as store_export

    with engine.connect() as conn:
        for row in store_export.acled_rows(conn, incident_ids=incident_ids(engine, flt)):
            row = corrections.overlay_acled(conn, row)
            if row is not None:
                yield row
