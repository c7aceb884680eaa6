"""Writing a store out: records (JSONL), events (CSV), incidents (JSONL, GeoJSON, ACLED CSV).

The ACLED-style CSV has ACLED's column names, in ACLED's order, one row per incident
(ACLED codes one event per incident, day and location, merging its reports), so
scripts written for ACLED exports read it. What sitroom cannot know is left empty
(``region``, ``admin2``/``admin3``, ``source_scale``); ``event_type`` and
``sub_event_type`` come only from the events' ACLED coding, never guessed from PLOVER;
``inter1``/``inter2`` are ACLED's numeric actor-type codes from the actors' kinds;
``fatalities`` is the most conservative (lowest) figure among the latest reported
"killed" claims, as ACLED codes conflicting tolls; ``tags`` carries sitroom's
incident id.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.store import corrections, read
from sitroom.store import schema as t

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
EVENT_COLUMNS = (
    "article_id", "event_id", "incident_id", "date", "plover", "acled_event_type", "acled_sub_event_type",
    "trigger", "source_actor", "target_actor", "place_name", "country", "lat", "lon", "certainty", "negated",
    "hypothetical", "historical", "published", "source", "title", "url",
)
#: ACLED "inter" codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
#: 5 rioters, 6 protesters, 7 civilians, 8 external/other forces
INTER = {"state": 1, "government": 1, "military": 1, "police": 1, "armed_group": 2, "political_party": 3,
         "civilians": 7, "person": 7, "media": 8, "organization": 8, "other": 8}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
GEO_PRECISION = {"city": 1, "other": 1, "water": 2, "admin2": 2, "region": 2, "admin1": 3, "country": 3}


def write_records(conn: Connection, out: IO[str], *, with_text: bool = False) -> int:
    n = 0
    for record in read.records(conn, with_text=with_text):
        record = corrections.overlay_record(conn, record)  # corrected events carry "correction"
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def write_incidents_jsonl(conn: Connection, out: IO[str]) -> int:
    n = 0
    for iid in read.incident_ids(conn):
        inc = read.incident(conn, iid)
        if inc is not None:
            out.write(json.dumps(inc, ensure_ascii=False, separators=(",", ":"), default=str) + "\n")
            n += 1
    return n


def write_events_csv(conn: Connection, out: IO[str], filters: read.Filters | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=(*EVENT_COLUMNS, "corrected"), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in corrections.overlay_event_rows(conn, read.events(conn, filters or read.Filters())):
        writer.writerow(row)
        n += 1
    return n


def write_geojson(conn: Connection, out: IO[str]) -> int:
    """Incidents with a located place as GeoJSON points (a FeatureCollection)."""
    out.write('{"type":"FeatureCollection","features":[\n')
    n = 0
    for inc in _incident_rows(conn):
        if inc["lat"] is None or inc["lon"] is None:
            continue
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [inc["lon"], inc["lat"]]},
                   "properties": {"id": f"I{inc['id']}", "plover": inc["plover"],
                                  "acled_event_type": inc["acled_event_type"], "date": inc["date"],
                                  "place": inc["place_name"], "country": inc["country"],
                                  "documents": inc["n_documents"], "events": inc["n_events"]}}
        out.write(("," if n else "") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    out.write("]}\n")
    return n


def _incident_rows(conn: Connection, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """Incidents in id order (only ``ids``, ascending, when given), with analysts' corrections."""
    if ids is None:
        rows = conn.execute(sa.select(t.incidents).order_by(t.incidents.c.id))
    else:
        rows = (r for chunk in _batches(ids) for r in conn.execute(
            sa.select(t.incidents).where(t.incidents.c.id.in_(chunk)).order_by(t.incidents.c.id)))
    for row in rows:
        inc = corrections.overlay_incident(conn, dict(row._mapping))
        if inc is not None:  # None: marked wrong
            yield inc


def _batches(ids: Iterable[int], n: int = 500) -> Iterator[list[int]]:
    batch: list[int] = []
    for i in ids:
        batch.append(i)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def _country(alpha3: str | None) -> tuple[str, str]:
    """(ISO numeric, name) of an alpha-3 code; blanks when unknown."""
    if not alpha3:
        return "", ""
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return (str(int(c.numeric)), c.name) if c else ("", "")


def _side(members: list[dict[str, Any]], role: str) -> tuple[str, str, int | None]:
    """(main actor, associated actors, inter code) of one side of an incident's events."""
    names: Counter = Counter()
    kinds: dict[str, str | None] = {}
    for m in members:
        name, kind = m.get(f"{role}_name"), m.get(f"{role}_kind")
        if name:
            names[name] += 1
            kinds.setdefault(name, kind)
    if not names:
        return "", "", None
    ranked = [n for n, _ in names.most_common()]
    return ranked[0], "; ".join(ranked[1:]), INTER.get(kinds.get(ranked[0]) or "", 8)


def _members(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    ie, e, a, x = t.incident_events, t.events, t.articles, t.extractions
    rows = conn.execute(sa.select(e.c.data, x.c.record, a.c.source, a.c.url)
                        .join(ie, ie.c.event_pk == e.c.id).join(a, a.c.id == e.c.article_id)
                        .join(x, x.c.article_id == e.c.article_id)
                        .where(ie.c.incident_id == incident_id).order_by(ie.c.id)).all()
    out = []
    for data, record, source, url in rows:
        actors = {ac["id"]: ac for ac in record.get("actors") or ()}
        m = {"trigger": (data.get("trigger") or {}).get("text"), "source": source or url or record.get("id")}
        for role in ("source", "target"):
            ref = data.get(role) or {}
            actor = actors.get(ref.get("actor") or "")
            m[f"{role}_name"] = (actor or {}).get("name") or ref.get("text")
            m[f"{role}_kind"] = (actor or {}).get("kind")
        out.append(m)
    return out


def _fatalities(claims: dict[str, Any]) -> int:
    latest = [c for c in (claims.get("killed") or {}).get("claims", ()) if c["latest"]]
    values = [c["value"] if c["value"] is not None else c["low"] for c in latest]
    values = [v for v in values if v is not None]
    return int(min(values)) if values else 0


def acled_rows(conn: Connection, incident_ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per incident with at least one event (only ``incident_ids`` when given)."""
    for inc in _incident_rows(conn, incident_ids):
        if not inc["n_events"]:
            continue  # articles grouped by text only: no event to code
        members = _members(conn, inc["id"])
        detail = read.incident(conn, inc["id"]) or {}
        iso, country = _country(inc["country"])
        a1, assoc1, inter1 = _side(members, "source")
        a2, assoc2, inter2 = _side(members, "target")
        date = inc["date"] or ""
        feature = next((f for name, _, _, _, f, _ in (inc["profile"] or {}).get("places") or ()
                        if name == inc["place_name"]), None)
        precision = {10: 1, 7: 3, 4: 3}.get(len(date), "")
        updated = inc["updated"]
        yield {
            "event_id_cnty": f"{inc['country'] or 'XXX'}{inc['id']}",
            "event_date": date if len(date) == 10 else "", "year": date[:4],
            "time_precision": precision, "disorder_type": DISORDER.get(inc["acled_event_type"] or "", ""),
            "event_type": inc["acled_event_type"] or "", "sub_event_type": inc["acled_sub_event_type"] or "",
            "actor1": a1, "assoc_actor_1": assoc1, "inter1": inter1 or "",
            "actor2": a2, "assoc_actor_2": assoc2, "inter2": inter2 or "",
            "interaction": "".join(str(x) for x in sorted(v for v in (inter1, inter2) if v)) or "",
            "civilian_targeting": "Civilian targeting" if any(m.get("target_kind") == "civilians" for m in members)
            else "",
            "iso": iso, "region": "", "country": country,
            "admin1": inc["place_name"] if feature == "admin1" else "", "admin2": "", "admin3": "",
            "location": inc["place_name"] or "", "latitude": inc["lat"] if inc["lat"] is not None else "",
            "longitude": inc["lon"] if inc["lon"] is not None else "",
            "geo_precision": GEO_PRECISION.get(feature or "", "") if inc["lat"] is not None else "",
            "source": "; ".join(dict.fromkeys(str(m["source"]) for m in members)), "source_scale": "",
            "notes": " | ".join(dict.fromkeys(str(m["trigger"]) for m in members if m["trigger"]))[:1000],
            "fatalities": _fatalities(detail.get("claims") or {}),
            "tags": f"sitroom:I{inc['id']}",
            "timestamp": int(updated.timestamp()) if isinstance(updated, datetime) else "",
        }


def write_acled(conn: Connection, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in filter(None, (corrections.overlay_acled(conn, r) for r in acled_rows(conn))):
        writer.writerow(row)
        n += 1
    return n
