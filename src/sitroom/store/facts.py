"""Event facts: one row per event with the values the API filters, sorts and counts on.

``event_facts`` (schema_serve) copies the queryable columns of ``events`` and adds what
the events table does not carry: the day used for sorting and the timeline (the event's
date, else its article's), its ISO week and month, the admin1 area of its place, its
fatalities (the largest "killed" figure linked to it) and its incident. Analysts'
corrections (sitroom.store.corrections) are applied on top. The table is derived:
:func:`refresh` adds rows for new events (one ``INSERT ... SELECT``, computed in the
database) and re-applies corrections to events that were extracted again, and
:func:`recompute` rebuilds given rows.
"""
from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources as importlib_resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.store import rollup
from sitroom.store import schema as t
from sitroom.store.schema_serve import event_facts

log = logging.getLogger(__name__)

CHUNK = 500


def _chunks(items: Sequence, n: int = CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


# ---- vocabularies --------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """The events code map (PLOVER, quad classes, ACLED types): sitroom/data/events/codes.json."""
    path = importlib_resources.files("sitroom").joinpath("data", "events", "codes.json")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def plover_quad() -> dict[str, str]:
    """PLOVER type -> quad class, from the CAMEO roots the code map gives each type."""
    data = codes()
    root_quad = {root: quad for quad, roots in data["quad_class"].items() for root in roots}
    votes: dict[str, dict[str, int]] = {}
    for code, entry in data["codes"].items():
        plover = entry.get("plover")
        quad = root_quad.get(code[:2])
        if plover and quad:
            votes.setdefault(plover, {}).setdefault(quad, 0)
            votes[plover][quad] += 1
    return {p: max(sorted(v), key=v.get) for p, v in votes.items()}


@functools.lru_cache(maxsize=1)
def acled_types() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in codes()["acled_types"].items()}


def monday(day: str | None) -> str | None:
    """The Monday of ``day``'s ISO week (YYYY-MM-DD), None for no or a malformed day."""
    try:
        d = date.fromisoformat(day or "")
    except ValueError:
        return None
    return date.fromordinal(d.toordinal() - d.weekday()).isoformat()


# ---- building rows in SQL --------------------------------------------------------------------

def _week_expr(conn: Connection, day):
    if conn.dialect.name == "postgresql":
        valid = day.op("~")(r"^\d{4}-\d{2}-\d{2}$")
        return sa.case((valid, sa.func.to_char(sa.func.date_trunc("week", sa.cast(day, sa.Date)), "YYYY-MM-DD")),
                       else_=None)
    # SQLite: six days back, then forward to the next Monday (the day itself when it is one)
    return sa.func.date(day, "-6 days", "weekday 1")


def _base_select(conn: Connection, where):
    """SELECT of event_facts columns (corrections not applied) for the events ``where`` picks."""
    e, a, f, ie = t.events, t.articles, t.figures, t.incident_events
    day = sa.func.coalesce(e.c.date_start, a.c.published_date)
    fatalities = (sa.select(sa.func.max(sa.func.coalesce(f.c.value, f.c.low)))
                  .where(f.c.article_id == e.c.article_id, f.c.event_id == e.c.event_id, f.c.kind == "killed")
                  .scalar_subquery())
    incident = sa.select(ie.c.incident_id).where(ie.c.event_pk == e.c.id).limit(1).scalar_subquery()
    cols = {
        "event_pk": e.c.id, "article_id": e.c.article_id, "day": day,
        "day_end": sa.func.coalesce(e.c.date_end, a.c.published_date),
        "sort_day": sa.func.coalesce(day, ""), "week": _week_expr(conn, day), "month": sa.func.substr(day, 1, 7),
        "plover": e.c.plover, "quad_class": e.c.quad_class, "acled_event_type": e.c.acled_event_type,
        "acled_sub_event_type": e.c.acled_sub_event_type, "country": e.c.country, "admin1": sa.null(),
        "place_name": e.c.place_name, "lat": e.c.lat, "lon": e.c.lon, "source_actor": e.c.source_actor,
        "target_actor": e.c.target_actor, "source_key": sa.func.lower(e.c.source_actor),
        "target_key": sa.func.lower(e.c.target_actor), "certainty": e.c.certainty, "negated": e.c.negated,
        "hypothetical": e.c.hypothetical, "historical": e.c.historical,
        "fatalities": sa.cast(fatalities, sa.Integer), "incident_id": incident,
        "status": sa.null(), "corrected": sa.null(),
    }
    query = sa.select(*[c.label(k) for k, c in cols.items()]).join(a, a.c.id == e.c.article_id).where(where)
    return list(cols), query


def _insert(conn: Connection, where) -> None:
    names, query = _base_select(conn, where)
    conn.execute(sa.insert(event_facts).from_select(names, query))


# ---- admin1 ---------------------------------------------------------------------------------

class Admin1:
    """The admin1 area of a place: its own name for an admin1 place, else the gazetteer's
    admin1 of its GeoNames id. The gazetteer is loaded on first need (about a second)."""

    def __init__(self) -> None:
        self._gaz = None
        self._failed = False

    def _gazetteer(self):
        if self._gaz is None and not self._failed:
            try:
                from pathlib import Path

                from sitroom.geo import cache
                from sitroom.geo.gazetteer import Gazetteer

                self._gaz = Gazetteer(cache.read_index(Path(cache.ensure_index())))
            except Exception as exc:  # no gazetteer: admin1 stays unknown, everything else works
                log.warning("admin1 areas unavailable: %s", exc)
                self._failed = True
        return self._gaz

    def of(self, feature: str | None, name: str | None, geonames_id: int | None) -> str | None:
        if feature == "admin1":
            return name
        if not geonames_id or feature not in ("city", "admin2", "other"):
            return None
        gaz = self._gazetteer()
        if gaz is None:
            return None
        i = gaz.entry_by_gid(int(geonames_id))
        if i is None:
            return None
        j = gaz.admin1_entry.get(gaz.adm1[i])
        return gaz.names[j] if j is not None else None


_ADMIN1 = Admin1()


def _fill_admin1(conn: Connection, pks: Sequence[int], admin1: Admin1) -> None:
    e, p = t.events, t.places
    by_value: dict[str, list[int]] = {}
    for chunk in _chunks(list(pks)):
        rows = conn.execute(
            sa.select(e.c.id, p.c.feature, p.c.name, p.c.geonames_id)
            # by the event's place id: the unique (article, place id) index, not the name
            .join(p, sa.and_(p.c.article_id == e.c.article_id, p.c.place_id == e.c.data["place"].as_string()))
            .where(e.c.id.in_(chunk)))
        seen: set[int] = set()
        for pk, feature, name, gid in rows:
            if pk in seen:
                continue
            seen.add(pk)
            value = admin1.of(feature, name, gid)
            if value:
                by_value.setdefault(value[:200], []).append(pk)
    for value, ids in by_value.items():
        for chunk in _chunks(ids):
            conn.execute(sa.update(event_facts).where(event_facts.c.event_pk.in_(chunk)).values(admin1=value))


# ---- refresh --------------------------------------------------------------------------------

@dataclass
class Refresher:
    """Keeps ``event_facts`` in step with ``events`` and ``incident_events``; cheap when nothing
    changed (two aggregate reads). One per server; thread-safe use is the caller's lock."""

    admin1: Admin1 = _ADMIN1
    _events_sig: tuple | None = None
    _members_sig: tuple | None = None

    def __call__(self, conn: Connection) -> int:
        e, ie = t.events, t.incident_events
        events_sig = tuple(conn.execute(sa.select(sa.func.max(e.c.id), sa.func.count()).select_from(e)).one())
        facts_n = conn.execute(sa.select(sa.func.count()).select_from(event_facts)).scalar_one()
        added = 0
        if events_sig != self._events_sig or facts_n != events_sig[1]:
            added = refresh(conn, admin1=self.admin1)
            rollup.check(conn)  # facts of deleted articles cascade away without passing through tracking
            self._events_sig = events_sig
        members_sig = tuple(conn.execute(sa.select(sa.func.max(ie.c.id), sa.func.count()).select_from(ie)).one())
        if members_sig != self._members_sig:
            sync_incidents(conn)
            self._members_sig = members_sig
        return added


def refresh(conn: Connection, *, admin1: Admin1 | None = None) -> int:
    """Add facts for events that have none, re-anchor corrections of events extracted again,
    and apply corrections to them. Returns how many rows were added."""
    from sitroom.store import corrections

    e, f = t.events, event_facts
    missing = (sa.select(e.c.id).outerjoin(f, f.c.event_pk == e.c.id).where(f.c.event_pk.is_(None)))
    new = [r[0] for r in conn.execute(missing)]
    if not new:
        corrections.reanchor(conn, set())
        return 0
    with rollup.tracking(conn, new):
        if len(new) > CHUNK:
            _insert(conn, ~sa.exists().where(f.c.event_pk == e.c.id))
        else:
            _insert(conn, e.c.id.in_(new))
        _fill_admin1(conn, new, admin1 or _ADMIN1)
        corrections.reanchor(conn, set(new))
    log.info("event facts: %d rows added", len(new))
    return len(new)


def vacuum(engine) -> None:
    """After a bulk of new facts on PostgreSQL: VACUUM ANALYZE the serving tables (outside any
    transaction). Statistics make the planner see the rows; the visibility map lets the stats
    read their covering indexes alone (an index-only scan, several times faster than reading
    the table). Autovacuum does this in time, where it is on; this does not wait for it."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM (ANALYZE) events, articles, event_facts, event_rollup"))


def sync_incidents(conn: Connection) -> None:
    """Set each fact's incident to its event's current incident (after clustering or a rebuild)."""
    ie, f = t.incident_events, event_facts
    current = sa.select(ie.c.incident_id).where(ie.c.event_pk == f.c.event_pk).limit(1).scalar_subquery()
    if conn.dialect.name == "postgresql":
        stale = f.c.incident_id.is_distinct_from(current)
    else:
        stale = f.c.incident_id.op("IS NOT")(current)
    conn.execute(sa.update(f).where(stale).values(incident_id=current))


def recompute(conn: Connection, event_pks: Iterable[int], *, admin1: Admin1 | None = None) -> None:
    """Rebuild the facts of these events from their extracted rows, then apply their corrections."""
    from sitroom.store import corrections

    pks = sorted(set(event_pks))
    with rollup.tracking(conn, pks):
        for chunk in _chunks(pks):
            conn.execute(sa.delete(event_facts).where(event_facts.c.event_pk.in_(chunk)))
            _insert(conn, t.events.c.id.in_(chunk))
        _fill_admin1(conn, pks, admin1 or _ADMIN1)
        corrections.apply_to_facts(conn, pks)


def fact(conn: Connection, event_pk: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(event_facts).where(event_facts.c.event_pk == event_pk)).first()
    return dict(row._mapping) if row else None
