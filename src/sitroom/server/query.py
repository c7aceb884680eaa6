"""Event filters as SQL over ``event_facts`` (corrected values, indexed), cursors, stats.

Every read of events goes through :func:`conditions`, so the list, the map points, the
stats and the exports agree on what a filter means. Stats are ``GROUP BY`` in the
database; nothing here reads all rows into Python.
"""
from __future__ import annotations

import base64
import binascii
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import InvalidField
from sitroom.store import rollup
from sitroom.store import schema as t
from sitroom.store.schema_serve import event_facts as f

FLAG_MODES = ("include", "exclude", "only")


@dataclass(frozen=True)
class EventFilter:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    plover: tuple[str, ...] = ()
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: str | None = None
    incident: int | None = None
    certainty: tuple[str, ...] = ()
    min_fatalities: int | None = None
    hypothetical: str = "include"
    negated: str = "include"
    historical: str = "include"
    q: str | None = None
    include_wrong: bool = False
    corrected: bool = False
    article: str | None = None

    def as_query(self) -> dict[str, str]:
        """The filter as URL query parameters (what the web workspace puts in its URL)."""
        out: dict[str, str] = {}
        for fl in fields(self):
            v = getattr(self, fl.name)
            if v in (None, (), False) or (fl.name in ("hypothetical", "negated", "historical") and v == "include"):
                continue
            out[fl.name] = ",".join(str(x) for x in v) if isinstance(v, tuple) else str(v).lower() \
                if isinstance(v, bool) else str(v)
        return out


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[str, ...]]:
    """lower-case alias -> canonical actor names, from the built-in actor dictionary."""
    from sitroom.actors.dictionary import build_dictionary

    d = build_dictionary()
    index: dict[str, set[str]] = {}
    for entry in d.entries.values():
        for alias in (entry.name, *entry.aliases):
            index.setdefault(alias.lower(), set()).add(entry.name)
    for state in d.states.values():
        for alias in (state.name, *state.aliases, *state.government_aliases, *state.military_aliases):
            index.setdefault(alias.lower(), set()).add(state.name)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def actor_names(value: str) -> list[str]:
    """The name searched for and the canonical names it is an alias of ("IDF" -> Israel Defense Forces)."""
    names = [value.strip()]
    try:
        names += [n for n in _alias_index().get(value.strip().lower(), ()) if n not in names]
    except Exception:  # a broken user dictionary must not break search; the plain name still works
        pass
    return names


def _year_before(day: str) -> str:
    return f"{int(day[:4]) - 1:04d}{day[4:]}"


def _flag(col, mode: str):
    if mode == "exclude":
        return col.is_(False)
    if mode == "only":
        return col.is_(True)
    return None


def conditions(flt: EventFilter, *, ordered: bool = False) -> list:
    """WHERE clauses over ``event_facts`` for a filter. ``ordered``: for a newest-first page,
    where walking the (sort_day, id) index beats the stats indexes that lead with ``status``,
    so the status test is written in a form no index serves (SQLite's planner; PostgreSQL's
    weighs the indexes by their statistics and is given the plain test)."""
    cond: list = []
    if flt.since:
        cond.append(f.c.day_end >= flt.since)
        # an event's dates span a year at most: a bound on sort_day the index can range over
        cond.append(f.c.sort_day >= _year_before(flt.since))
    if flt.until:
        cond.append(f.c.day <= flt.until)
        cond.append(f.c.sort_day <= flt.until)
    if flt.country:
        cond.append(f.c.country == flt.country)
    if flt.admin1:
        cond.append(f.c.admin1 == flt.admin1)
    if flt.bbox:
        x0, y0, x1, y1 = flt.bbox
        cond.append(f.c.lat.between(y0, y1))
        cond.append(f.c.lon.between(x0, x1) if x0 <= x1 else sa.or_(f.c.lon >= x0, f.c.lon <= x1))
    if flt.plover:
        # several types on a newest-first page: walking the date index beats merging one
        # (plover, day) index range per type and sorting them
        several = ordered and len(flt.plover) > 1
        cond.append((sa.func.coalesce(f.c.plover, "") if several else f.c.plover).in_(flt.plover))
    if flt.acled_event_type:
        cond.append(f.c.acled_event_type == flt.acled_event_type)
    if flt.acled_sub_event_type:
        cond.append(f.c.acled_sub_event_type == flt.acled_sub_event_type)
    if flt.actor:
        keys = sorted({n.lower() for n in actor_names(flt.actor)})
        cond.append(sa.or_(f.c.source_key.in_(keys), f.c.target_key.in_(keys)))
    if flt.incident is not None:
        cond.append(f.c.incident_id == flt.incident)
    if flt.certainty:
        cond.append(f.c.certainty.in_(flt.certainty))
    if flt.min_fatalities is not None:
        cond.append(f.c.fatalities >= flt.min_fatalities)
    for name in ("hypothetical", "negated", "historical"):
        clause = _flag(f.c[name], getattr(flt, name))
        if clause is not None:
            cond.append(clause)
    if flt.q:
        a = t.articles
        words = [w for w in flt.q.split() if w][:8]
        text_cond = [sa.or_(sa.func.lower(a.c.text).like(_like(w), escape="\\"),
                            sa.func.lower(sa.func.coalesce(a.c.title, "")).like(_like(w), escape="\\"))
                     for w in words]
        cond.append(f.c.article_id.in_(sa.select(a.c.id).where(*text_cond)))
    if not flt.include_wrong:
        cond.append(sa.func.coalesce(f.c.status, "") == "" if ordered else f.c.status.is_(None))
    if flt.corrected:
        cond.append(f.c.corrected.is_not(None))
    if flt.article:
        cond.append(f.c.article_id == flt.article)
    return cond


# ---- cursors --------------------------------------------------------------------------------

def encode_cursor(sort_day: str, pk: int) -> str:
    raw = json.dumps([sort_day, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, pk = json.loads(raw)
        if not isinstance(day, str) or len(day) > 10 or isinstance(pk, bool) or not isinstance(pk, int):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidField("cursor: not a cursor this server gave out (use next_cursor as it is)",
                           field="cursor") from exc
    return day, pk


# ---- events ---------------------------------------------------------------------------------

LIST_COLUMNS = ("event_pk", "article_id", "day", "day_end", "plover", "quad_class", "acled_event_type",
                "acled_sub_event_type", "country", "admin1", "place_name", "lat", "lon", "source_actor",
                "target_actor", "certainty", "negated", "hypothetical", "historical", "fatalities", "incident_id",
                "status", "corrected")


def _list_select():
    e, a = t.events, t.articles
    return (sa.select(*[f.c[c] for c in LIST_COLUMNS], f.c.sort_day, e.c.event_id, e.c.trigger, e.c.cameo,
                      a.c.title, a.c.source, a.c.published, a.c.url)
            .join(e, e.c.id == f.c.event_pk).join(a, a.c.id == f.c.article_id))


def event_item(m: dict[str, Any]) -> dict[str, Any]:
    """An event as the API lists it."""
    return {
        "id": m["event_pk"], "article_id": m["article_id"], "event_id": m["event_id"],
        "date": m["day"], "date_end": m["day_end"], "plover": m["plover"], "quad_class": m["quad_class"],
        "cameo": m["cameo"],
        "acled": None if not m["acled_event_type"] else {"event_type": m["acled_event_type"],
                                                         "sub_event_type": m["acled_sub_event_type"]},
        "trigger": m["trigger"], "source_actor": m["source_actor"], "target_actor": m["target_actor"],
        "place": None if m["lat"] is None and not m["place_name"] else {
            "name": m["place_name"], "lat": m["lat"], "lon": m["lon"], "country": m["country"],
            "admin1": m["admin1"]},
        "country": m["country"], "fatalities": m["fatalities"], "certainty": m["certainty"],
        "negated": bool(m["negated"]), "hypothetical": bool(m["hypothetical"]), "historical": bool(m["historical"]),
        "incident": m["incident_id"], "status": m["status"] or "ok",
        "corrected": m["corrected"].split(",") if m["corrected"] else [],
        "article": {"title": m["title"], "source": m["source"], "published": m["published"], "url": m["url"]},
    }


def list_events(conn: Connection, flt: EventFilter, *, limit: int, cursor: str | None = None
                ) -> tuple[list[dict[str, Any]], str | None]:
    """One page, newest first (day, then id), and the cursor of the next page (None at the end).

    The page's ids are picked from ``event_facts`` alone (keyset: after the cursor's day and id),
    then joined to their events and articles: a planner never joins every match to sort them."""
    sqlite = conn.dialect.name == "sqlite"
    page = sa.select(f.c.event_pk).where(*conditions(flt, ordered=sqlite))
    if cursor:
        day, pk = decode_cursor(cursor)
        page = page.where(sa.or_(f.c.sort_day < day, sa.and_(f.c.sort_day == day, f.c.event_pk < pk)))
    order = [f.c.sort_day.desc(), f.c.event_pk.desc()]
    if sqlite and flt.min_fatalities is not None and _few(conn, f.c.fatalities >= flt.min_fatalities):
        # few events with that toll: read them by the fatalities index and sort them, rather than
        # walk the date index through every event (SQLite's planner, without statistics, walks)
        order = [(f.c.sort_day + "").desc(), (f.c.event_pk + 0).desc()]
    page = page.order_by(*order).limit(limit + 1).subquery()
    q = _list_select().join(page, page.c.event_pk == f.c.event_pk)
    rows = conn.execute(q.order_by(f.c.sort_day.desc(), f.c.event_pk.desc())).all()
    items = [event_item(dict(r._mapping)) for r in rows[:limit]]
    nxt = encode_cursor(rows[limit - 1].sort_day, rows[limit - 1].event_pk) if len(rows) > limit else None
    return items, nxt


def _few(conn: Connection, clause, n: int = 2000) -> bool:
    """Whether fewer than ``n`` facts meet ``clause`` (read through its index, stopping at ``n``)."""
    probe = sa.select(f.c.event_pk).where(clause).limit(n).subquery()
    return conn.execute(sa.select(sa.func.count()).select_from(probe)).scalar_one() < n


def event_item_by_id(conn: Connection, event_pk: int) -> dict[str, Any] | None:
    row = conn.execute(_list_select().where(f.c.event_pk == event_pk)).first()
    return event_item(dict(row._mapping)) if row else None


def count_events(conn: Connection, flt: EventFilter) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(f).where(*conditions(flt))).scalar_one()


def iter_events(conn: Connection, flt: EventFilter, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event, streamed in keyset pages of ``batch`` (constant memory, any back end)."""
    cursor = None
    while True:
        items, cursor = list_events(conn, flt, limit=batch, cursor=cursor)
        yield from items
        if cursor is None:
            return


def points(conn: Connection, flt: EventFilter, *, limit: int) -> tuple[list[list], bool]:
    """Located events as compact rows [id, lat, lon, plover, fatalities] (the map's markers)."""
    q = (sa.select(f.c.event_pk, f.c.lat, f.c.lon, f.c.plover, f.c.fatalities)
         .where(*conditions(flt, ordered=conn.dialect.name == "sqlite"), f.c.lat.is_not(None),
                f.c.lon.is_not(None))
         .order_by(f.c.sort_day.desc(), f.c.event_pk.desc()).limit(limit + 1))
    rows = [[r[0], round(r[1], 4), round(r[2], 4), r[3], r[4]] for r in conn.execute(q)]
    return rows[:limit], len(rows) > limit


# ---- stats ----------------------------------------------------------------------------------

By = Literal["day", "week", "month", "year", "country", "admin1", "plover", "acled_event_type", "quad_class",
             "certainty", "cell"]
Split = Literal["none", "plover", "country", "quad_class", "acled_event_type"]
BY, SPLIT = get_args(By), get_args(Split)


def stats(conn: Connection, flt: EventFilter, *, by: str, split: str = "none", cell: float = 1.0,
          limit: int = 20_000) -> dict[str, Any]:
    """Counts (and fatalities) grouped by ``by`` and optionally ``split``, in one GROUP BY query:
    over ``event_rollup`` when it can answer (sitroom.store.rollup), else over ``event_facts``."""
    if rollup.servable(flt, by, split):
        cond, straddled = rollup.conditions(conn, flt)
        out = _rows({"key": rollup.key_column(by)}, split, rollup.r, cond, by, cell, limit, conn,
                    count=sa.func.sum(rollup.r.c.n))
        if not straddled:
            return out
        # the weeks where a date bound cuts through some row: counted from event_facts, exactly
        rest = _rows({"key": sa.func.substr(f.c.day, 1, 4) if by == "year" else f.c[by]}, split, f,
                     [*conditions(flt), f.c.week.in_(straddled)], by, cell, limit, conn)
        return _merge(out, rest, limit)
    if by == "cell":
        # cells counted from the south-west corner so integer division floors on both back ends
        keys = {"gy": sa.cast((f.c.lat + 90.0) / cell, sa.Integer), "gx": sa.cast((f.c.lon + 180.0) / cell, sa.Integer)}
        extra = [sa.func.avg(f.c.lat).label("lat"), sa.func.avg(f.c.lon).label("lon")]
        cond = [f.c.lat.is_not(None), f.c.lon.is_not(None)]
    else:
        keys = {"key": sa.func.substr(f.c.day, 1, 4) if by == "year" else f.c[by]}
        extra, cond = [], []
    return _rows(keys, split, f, [*conditions(flt), *cond], by, cell, limit, conn, extra=extra)


def _rows(keys: dict, split: str, table, cond: list, by: str, cell: float, limit: int, conn: Connection, *,
          count=None, extra=()) -> dict[str, Any]:
    group = dict(keys)
    if split != "none":
        group["split"] = table.c[split]
    q = (sa.select(*[c.label(k) for k, c in group.items()], (count if count is not None else sa.func.count())
                   .label("n"), sa.func.sum(table.c.fatalities).label("fatalities"), *extra)
         .where(*cond).group_by(*group.values()).order_by(*keys.values()).limit(limit + 1))
    rows = []
    for r in conn.execute(q):
        m = r._mapping
        row: dict[str, Any] = {"n": int(m["n"]), "fatalities": int(m["fatalities"] or 0)}
        if by == "cell":
            row.update(key=[m["gy"], m["gx"]], lat=round(m["lat"], 4), lon=round(m["lon"], 4))
        else:
            row["key"] = m["key"]
        if split != "none":
            row["split"] = m["split"]
        rows.append(row)
    return {"by": by, "split": split, "cell": cell if by == "cell" else None, "rows": rows[:limit],
            "truncated": len(rows) > limit, "total": sum(r["n"] for r in rows[:limit])}


def _merge(a: dict[str, Any], b: dict[str, Any], limit: int) -> dict[str, Any]:
    """Two stats answers over disjoint events as one: counts and fatalities of equal keys added."""
    rows: dict[tuple, dict[str, Any]] = {}
    for row in (*a["rows"], *b["rows"]):
        k = (row["key"], row.get("split"))
        if k in rows:
            rows[k] = {**rows[k], "n": rows[k]["n"] + row["n"], "fatalities": rows[k]["fatalities"] + row["fatalities"]}
        else:
            rows[k] = row
    ordered = sorted(rows.values(), key=lambda r: (r["key"] is None, r["key"] or "", str(r.get("split"))))
    return {**a, "rows": ordered[:limit], "truncated": a["truncated"] or b["truncated"] or len(ordered) > limit,
            "total": sum(r["n"] for r in ordered[:limit])}
