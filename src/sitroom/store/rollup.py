"""``event_rollup``: counts and fatalities of events grouped by the values the timeline and the
facets use, kept in step with ``event_facts`` on write, read by GET /stats when it can.

A row holds the events (not marked wrong or duplicate) that share a week, month, PLOVER type,
quad class, ACLED event type, country, certainty and flags; a store of 100,000 events has about
a tenth as many rows. Every write that changes facts goes through :func:`tracking` (the keys
of the touched events before and after are regrouped from ``event_facts``); bulk loads and
anything that bypasses it (articles deleted, so their facts cascade away) are caught by
:func:`check`, which rebuilds the table when its total no longer matches.

:func:`servable` says whether a stats request can be answered from the rollup: grouping and
filters on its columns only; date bounds take the rows wholly inside them
(each row knows the span of its events' days; the few weeks where a bound cuts through a row
are counted from ``event_facts``); anything else reads ``event_facts``.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.store.schema_serve import event_facts as f
from sitroom.store.schema_serve import event_rollup as r

KEY = ("week", "month", "plover", "quad_class", "acled_event_type", "country", "certainty", "hypothetical",
       "negated", "historical")
#: more touched events than this: rebuild the whole table (one GROUP BY) instead of key by key
REBUILD_AT = 500
BY = frozenset({"week", "month", "year", "country", "plover", "acled_event_type", "quad_class", "certainty"})


def _grouped(where=None):
    cols = [f.c[k] for k in KEY]
    # a missing day counts as after every date, a missing last day as before every date: a row
    # holding one is never "wholly inside" a date filter, which event_facts then answers exactly
    day, end = sa.func.coalesce(f.c.day, "9999-12-31"), sa.func.coalesce(f.c.day_end, "")
    q = (sa.select(*cols, sa.func.count().label("n"), sa.func.sum(f.c.fatalities).label("fatalities"),
                   sa.func.min(day), sa.func.max(day), sa.func.min(end), sa.func.max(end))
         .where(f.c.status.is_(None)))
    if where is not None:
        q = q.where(where)
    return q.group_by(*cols)


_NAMES = [*KEY, "n", "fatalities", "min_day", "max_day", "min_day_end", "max_day_end"]


def rebuild(conn: Connection) -> None:
    conn.execute(sa.delete(r))
    conn.execute(sa.insert(r).from_select(_NAMES, _grouped()))


def _match(table, key: tuple) -> Any:
    return sa.and_(*(table.c[k].is_(None) if v is None else table.c[k] == v for k, v in zip(KEY, key, strict=True)))


def keys_of(conn: Connection, pks: Iterable[int]) -> set[tuple]:
    out: set[tuple] = set()
    pks = sorted(set(pks))
    for i in range(0, len(pks), 500):
        out.update(tuple(row) for row in conn.execute(
            sa.select(*[f.c[k] for k in KEY]).where(f.c.event_pk.in_(pks[i:i + 500])).distinct()))
    return out


def regroup(conn: Connection, keys: Iterable[tuple]) -> None:
    """Recount these rows of the rollup from ``event_facts``."""
    for key in keys:
        conn.execute(sa.delete(r).where(_match(r, key)))
        conn.execute(sa.insert(r).from_select(_NAMES, _grouped(_match(f, key))))


@contextlib.contextmanager
def tracking(conn: Connection, pks: Iterable[int]) -> Iterator[None]:
    """Around a change of these events' facts: their rows of the rollup before and after are recounted."""
    pks = sorted(set(pks))
    if len(pks) > REBUILD_AT:
        yield
        rebuild(conn)
        return
    before = keys_of(conn, pks)
    yield
    regroup(conn, before | keys_of(conn, pks))


def check(conn: Connection) -> bool:
    """Rebuild the rollup when it no longer counts what ``event_facts`` holds; True if it did."""
    counted = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(r.c.n), 0))).scalar_one()
    actual = conn.execute(sa.select(sa.func.count()).select_from(f).where(f.c.status.is_(None))).scalar_one()
    if int(counted) == actual:
        return False
    rebuild(conn)
    return True


# ---- reading ----------------------------------------------------------------------------------

def servable(flt, by: str, split: str) -> bool:
    """Whether stats of this filter (a sitroom.server.query.EventFilter) can come from the rollup."""
    return (by in BY and split in ("none", *KEY)
            and not (flt.admin1 or flt.bbox or flt.acled_sub_event_type or flt.actor or flt.incident is not None
                     or flt.min_fatalities is not None or flt.q or flt.include_wrong or flt.corrected
                     or flt.article))


def _flag(col, mode: str):
    return {"exclude": col.is_(False), "only": col.is_(True)}.get(mode)


def conditions(conn: Connection, flt) -> tuple[list, list[str]]:
    """WHERE clauses over the rollup for a servable filter, and the weeks (few) where a date
    bound cuts through some row: those weeks are left out here, for ``event_facts`` to count."""
    cond: list = []
    straddled: list[str] = []
    if flt.since or flt.until:
        inside = [r.c.week.is_not(None)]
        outside = []
        if flt.since:
            inside.append(r.c.min_day_end >= flt.since)
            outside.append(r.c.max_day_end < flt.since)
        if flt.until:
            inside.append(r.c.max_day <= flt.until)
            outside.append(r.c.min_day > flt.until)
        straddled = [w for (w,) in conn.execute(sa.select(r.c.week).where(
            r.c.week.is_not(None), sa.not_(sa.and_(*inside)), sa.not_(sa.or_(*outside))).distinct())]
        cond.append(sa.and_(*inside))
        if straddled:
            cond.append(r.c.week.not_in(straddled))
    if flt.country:
        cond.append(r.c.country == flt.country)
    if flt.plover:
        cond.append(r.c.plover.in_(flt.plover))
    if flt.acled_event_type:
        cond.append(r.c.acled_event_type == flt.acled_event_type)
    if flt.certainty:
        cond.append(r.c.certainty.in_(flt.certainty))
    for name in ("hypothetical", "negated", "historical"):
        clause = _flag(r.c[name], getattr(flt, name))
        if clause is not None:
            cond.append(clause)
    return cond, straddled


def key_column(by: str):
    return sa.func.substr(r.c.month, 1, 4) if by == "year" else r.c[by]
