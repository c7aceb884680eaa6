"""Reading a store: filtered events and incidents, one incident in full, records for export.

Filters (all optional, combined with AND): ``since``/``until`` (ISO dates; an event or
incident matches when its date range overlaps them, an undated one by its article's
publication date), ``country`` (ISO alpha-3, alpha-2 or a name), ``actor`` (part of a
source/target actor's name, case-insensitive; a name or alias of the actor dictionary
matches the actor under each of its names: "Ansar Allah" finds the Houthis), ``type``
(a PLOVER type, or an ACLED event type or sub-event type), ``text`` (words in the
article's title or text), ``outlet`` (part of the article's source or URL),
``certainty`` (asserted, reported, claimed, alleged, denied, unverified) and
``min_fatalities``. Results come newest first (``sort="oldest"`` or ``"fatalities"``
for others), ``offset`` rows skipped and at most ``limit`` given; :func:`count_events`
and :func:`count_incidents` say how many match in all.

An event's fatalities are the largest "killed" figure the article ties to it (two figures
of one event are a total and its parts, "40 killed, including 12 children"); an
incident's are the most conservative of the latest reports: each article's largest
"killed" claim of the last day anything was reported, then the lowest of those, as ACLED
codes conflicting tolls.
"""
from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import InvalidField
from sitroom.incidents.claims import Claim, summarise
from sitroom.model.vocab import Certainty
from sitroom.store import schema as t

SORTS = ("newest", "oldest", "fatalities")
CERTAINTIES = tuple(c.value for c in Certainty)


@dataclass(frozen=True, slots=True)
class Filters:
    """What ``events``/``incidents`` select (see the module docstring)."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    text: str | None = None
    outlet: str | None = None
    certainty: str | None = None
    min_fatalities: int | None = None
    limit: int | None = None
    offset: int = 0
    sort: str = "newest"


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-3 of an alpha-3/alpha-2 code or a country name."""
    import pycountry

    v = value.strip()
    try:
        found = pycountry.countries.lookup(v)
    except LookupError as exc:
        raise InvalidField(f"unknown country {value!r}: give an ISO code or an English name") from exc
    return found.alpha_3


def event_types() -> dict[str, str]:
    """Every value ``type`` accepts, lower-cased -> as written: PLOVER types, ACLED event
    and sub-event types."""
    import json
    from importlib import resources

    from sitroom.model.vocab import Plover

    names = {p.value.lower(): p.value for p in Plover}
    codes = json.loads(resources.files("sitroom").joinpath("data", "events", "codes.json").read_text("utf-8"))
    for value in _strings(codes.get("acled_types") or {}):  # event type -> its sub-event types
        names.setdefault(value.lower(), value)
    return names


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def check_type(value: str) -> str:
    """``value`` if it is a known event type; a coded error with the nearest ones otherwise."""
    known = event_types()
    v = " ".join(value.split())
    if v.lower() in known:
        return v
    near = difflib.get_close_matches(v.lower(), list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(known[n]) for n in near)}?" if near else (
        "; give a PLOVER type (ASSAULT, PROTEST, ...) or an ACLED event or sub-event type (Battles, ...)")
    raise InvalidField(f"unknown event type {value!r}{hint}")


def _fold(s: str) -> str:
    """Names compared without case, hyphens or repeated spaces: "al Shabaab" = "Al-Shabaab"."""
    return " ".join(re.sub(r"[-‐‑‒–—_]", " ", s.casefold()).split())


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[str, ...]]:
    """Folded name or alias -> every name of that actor in the built-in actor dictionary."""
    from sitroom.actors.dictionary import build_dictionary

    d = build_dictionary()
    index: dict[str, set[str]] = defaultdict(set)
    groups = [(e.name, *e.aliases) for e in d.entries.values()]
    groups += [(s.name, *s.aliases) for s in d.states.values()]
    for names in groups:
        for name in names:
            index[_fold(name)].update(names)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def actor_names(value: str) -> tuple[str, ...]:
    """The names an ``actor`` filter looks for: what was typed, and when it is a name or alias
    of the actor dictionary, every other name of that actor."""
    names = {value.strip(), *_alias_index().get(_fold(value), ())}
    return tuple(sorted(n for n in names if n))


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"


def _folded_col(col):
    return sa.func.lower(sa.func.replace(sa.func.coalesce(col, ""), "-", " "))


def _actor_clause(cols, value: str):
    conds = []
    for name in actor_names(value):
        pattern = _like(_fold(name))
        conds.extend(_folded_col(c).like(pattern, escape="\\") for c in cols)
    return sa.or_(*conds)


def _date_clause(start, end, fallback, f: Filters) -> list:
    out = []
    if f.since:
        out.append(sa.or_(end >= f.since, sa.and_(end.is_(None), fallback >= f.since)))
    if f.until:
        out.append(sa.or_(start <= f.until, sa.and_(start.is_(None), fallback <= f.until)))
    return out


def _type_clause(plover, acled_type, acled_sub, value: str):
    v = value.strip()
    return sa.or_(plover == v.upper(), sa.func.lower(acled_type) == v.lower(), sa.func.lower(acled_sub) == v.lower())


def _text_clause(f: Filters, article_id):
    a = t.articles
    words = [w for w in (f.text or "").split() if w]
    cond = [sa.or_(sa.func.lower(a.c.text).like(_like(w), escape="\\"),
                   sa.func.lower(sa.func.coalesce(a.c.title, "")).like(_like(w), escape="\\")) for w in words]
    return article_id.in_(sa.select(a.c.id).where(*cond))


def _outlet_clause(value: str):
    a = t.articles
    pattern = _like(value.strip())
    return sa.or_(sa.func.lower(sa.func.coalesce(a.c.source, "")).like(pattern, escape="\\"),
                  sa.func.lower(sa.func.coalesce(a.c.url, "")).like(pattern, escape="\\"))


def _check(f: Filters) -> None:
    if f.sort not in SORTS:
        raise InvalidField(f"unknown sort {f.sort!r}: give one of {', '.join(SORTS)}")
    if f.certainty is not None and f.certainty.lower() not in CERTAINTIES:
        raise InvalidField(f"unknown certainty {f.certainty!r}: give one of {', '.join(CERTAINTIES)}")


def _event_fatalities(e):
    fz = t.figures
    return (sa.select(sa.func.max(sa.func.coalesce(fz.c.value, fz.c.low)))
            .where(fz.c.article_id == e.c.article_id, fz.c.event_id == e.c.event_id, fz.c.kind == "killed")
            .scalar_subquery())


def _corrected_columns():
    """Each event column as read: the analyst's value where the event was corrected (its
    ``event_facts`` row names corrected fields), the extracted one otherwise. Corrected
    events always have a facts row (a correction writes it), so the outer join is enough."""
    from sitroom.store.schema_serve import event_facts as ef

    e, a = t.events, t.articles
    fixed = ef.c.corrected.is_not(None)

    def pick(fact_col, extracted):
        return sa.case((fixed, fact_col), else_=extracted)

    return ef, {
        "plover": pick(ef.c.plover, e.c.plover),
        "acled_event_type": pick(ef.c.acled_event_type, e.c.acled_event_type),
        "acled_sub_event_type": pick(ef.c.acled_sub_event_type, e.c.acled_sub_event_type),
        "source_actor": pick(ef.c.source_actor, e.c.source_actor),
        "target_actor": pick(ef.c.target_actor, e.c.target_actor),
        "place_name": pick(ef.c.place_name, e.c.place_name),
        "country": pick(ef.c.country, e.c.country),
        "lat": pick(ef.c.lat, e.c.lat),
        "lon": pick(ef.c.lon, e.c.lon),
        # a corrected date is the facts' first and last day; the undated fall back to publication
        "date_start": pick(ef.c.day, e.c.date_start),
        "date_end": pick(ef.c.day_end, e.c.date_end),
        "fatalities": pick(ef.c.fatalities, _event_fatalities(e)),
        "published_date": a.c.published_date,
    }


def _events_query(f: Filters):
    _check(f)
    e, a, ie = t.events, t.articles, t.incident_events
    ef, col = _corrected_columns()
    fatalities = col["fatalities"].label("fatalities")
    q = (sa.select(e.c.article_id, e.c.event_id, e.c.date, col["plover"].label("plover"),
                   col["acled_event_type"].label("acled_event_type"),
                   col["acled_sub_event_type"].label("acled_sub_event_type"), e.c.trigger,
                   col["source_actor"].label("source_actor"), col["target_actor"].label("target_actor"),
                   col["place_name"].label("place_name"), col["country"].label("country"), col["lat"].label("lat"),
                   col["lon"].label("lon"), e.c.certainty, e.c.negated, e.c.hypothetical, e.c.historical,
                   a.c.published, a.c.source, a.c.title, a.c.url, ie.c.incident_id, fatalities,
                   ef.c.corrected.label("corrected"), ef.c.day.label("_day"), ef.c.day_end.label("_day_end"))
         .join(a, a.c.id == e.c.article_id)
         .outerjoin(ie, ie.c.event_pk == e.c.id)
         .outerjoin(ef, ef.c.event_pk == e.c.id))
    # events an analyst marked wrong or a duplicate are left out, as in the API and the exports
    cond = [ef.c.status.is_(None)]
    cond += _date_clause(col["date_start"], col["date_end"], a.c.published_date, f)
    if f.country:
        cond.append(col["country"] == country_code(f.country))
    if f.actor:
        cond.append(_actor_clause((col["source_actor"], col["target_actor"]), f.actor))
    if f.type:
        cond.append(_type_clause(col["plover"], col["acled_event_type"], col["acled_sub_event_type"], f.type))
    if f.text:
        cond.append(_text_clause(f, e.c.article_id))
    if f.outlet:
        cond.append(_outlet_clause(f.outlet))
    if f.certainty:
        cond.append(e.c.certainty == f.certainty.lower())
    if f.min_fatalities is not None:
        cond.append(col["fatalities"] >= f.min_fatalities)
    return q.where(*cond), fatalities, col


def _corrected_date(out: dict[str, Any]) -> None:
    """The ``date`` of a row whose date was corrected: the day, month or year its facts span."""
    day, end = out.pop("_day"), out.pop("_day_end")
    if out["corrected"] and "date" in out["corrected"].split(","):
        out["date"] = day if not day or day == end else day[:7] if end and day[:7] == end[:7] else day[:4]


def events(conn: Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Events matching the filters (newest first by default), with their article, incident
    and fatalities. Analysts' corrections apply (filters match the corrected values; events
    marked wrong or duplicate are left out); ``corrected`` names the corrected fields, "" for none."""
    q, fatalities, col = _events_query(f)
    e = t.events
    when = sa.func.coalesce(col["date_start"], col["published_date"])
    order = {"newest": [when.desc().nulls_last()], "oldest": [when.asc().nulls_last()],
             "fatalities": [sa.desc(fatalities).nulls_last(), when.desc().nulls_last()]}[f.sort]
    q = q.order_by(*order, e.c.article_id, e.c.id)
    if f.offset:
        q = q.offset(f.offset)
    if f.limit:
        q = q.limit(f.limit)
    for row in conn.execute(q.execution_options(yield_per=1000)):  # an export of every event streams
        out = dict(row._mapping)
        if out["fatalities"] is not None:
            out["fatalities"] = int(out["fatalities"])
        _corrected_date(out)
        out["corrected"] = out["corrected"] or ""
        yield out


def count_events(conn: Connection, f: Filters) -> int:
    """How many events match the filters (ignoring ``limit``/``offset``)."""
    q, _, _ = _events_query(f)
    return conn.execute(sa.select(sa.func.count()).select_from(q.subquery())).scalar_one()


def _corrected_incidents(conn: Connection) -> dict[int, dict[str, Any]]:
    """{incident id: its corrected values} for every incident an analyst corrected (few)."""
    from sitroom.store.schema_serve import corrections as c

    out: dict[int, dict[str, Any]] = {}
    for iid, after in conn.execute(sa.select(c.c.incident_id, c.c.after).where(
            c.c.target == "incident", c.c.state.in_(("active", "conflict")), c.c.incident_id.is_not(None))
            .order_by(c.c.id)):
        out.setdefault(iid, {}).update(after)
    return out


def _incidents_query(f: Filters, corrected: Iterable[int] = ()):
    """The incidents query; the conditions on fields an analyst can correct (date, country,
    type, fatalities) let the ``corrected`` incidents through, to be checked on their corrected
    values in Python (:func:`_matches`)."""
    _check(f)
    i, ie, e = t.incidents, t.incident_events, t.events
    q = sa.select(i.c.id, i.c.plover, i.c.acled_event_type, i.c.acled_sub_event_type, i.c.date, i.c.date_start,
                  i.c.date_end, i.c.place_name, i.c.lat, i.c.lon, i.c.country, i.c.n_documents, i.c.n_events,
                  i.c.updated)
    first_report = (sa.select(sa.func.min(t.articles.c.published_date))
                    .join(ie, ie.c.article_id == t.articles.c.id).where(ie.c.incident_id == i.c.id)
                    .scalar_subquery())
    fixed = sorted(corrected)

    def unless_corrected(clause):
        return sa.or_(clause, i.c.id.in_(fixed)) if fixed else clause

    cond = [unless_corrected(c) for c in _date_clause(i.c.date_start, i.c.date_end, first_report, f)]
    if f.country:
        cond.append(unless_corrected(i.c.country == country_code(f.country)))
    if f.type:
        cond.append(unless_corrected(_type_clause(i.c.plover, i.c.acled_event_type, i.c.acled_sub_event_type,
                                                  f.type)))
    if f.actor:
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).join(e, e.c.id == ie.c.event_pk).where(
            _actor_clause((e.c.source_actor, e.c.target_actor), f.actor))))
    if f.certainty:
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).join(e, e.c.id == ie.c.event_pk).where(
            e.c.certainty == f.certainty.lower())))
    if f.text:
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).where(_text_clause(f, ie.c.article_id))))
    if f.outlet:
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).join(t.articles, t.articles.c.id == ie.c.article_id)
                               .where(_outlet_clause(f.outlet))))
    if f.min_fatalities is not None:  # necessary, not sufficient: refined in Python below
        c = t.claims
        cond.append(unless_corrected(i.c.id.in_(sa.select(c.c.incident_id).where(
            c.c.kind == "killed", sa.func.coalesce(c.c.value, c.c.low) >= f.min_fatalities))))
    return q.add_columns(first_report.label("first_report")).where(*cond), first_report


def _overlay(row: dict[str, Any], values: dict[str, Any] | None) -> dict[str, Any] | None:
    """An incident row with an analyst's corrected values (None when marked wrong);
    ``corrected`` names the corrected fields, "" for none."""
    if not values:
        return {**row, "corrected": ""}
    if values.get("status") == "wrong":
        return None
    out = dict(row)
    for k in ("plover", "acled_event_type", "acled_sub_event_type", "fatalities"):
        if k in values:
            out[k] = values[k]
    if "date" in values:
        from sitroom.incidents.match import date_range

        rng = date_range(values["date"]) if values["date"] else None
        out.update(date=values["date"], date_start=rng[0].isoformat() if rng else None,
                   date_end=rng[1].isoformat() if rng else None)
    if "place" in values:
        p = values["place"] or {}
        out.update(place_name=p.get("name"), lat=p.get("lat"), lon=p.get("lon"), country=p.get("country"))
    out["corrected"] = ",".join(sorted(values))
    return out


def _matches(r: dict[str, Any], f: Filters) -> bool:
    """A corrected incident checked against the filters on the fields a correction changes."""
    if f.country and r["country"] != country_code(f.country):
        return False
    if f.type:
        v = f.type.strip()
        if not (r["plover"] == v.upper() or (r["acled_event_type"] or "").lower() == v.lower()
                or (r["acled_sub_event_type"] or "").lower() == v.lower()):
            return False
    if f.since and r["date_end"] and r["date_end"] < f.since:
        return False
    return not (f.until and r["date_start"] and r["date_start"] > f.until)


def _incident_order(f: Filters, first_report) -> list:
    i = t.incidents
    when = sa.func.coalesce(i.c.date_start, first_report)
    return ([when.asc().nulls_last(), i.c.id] if f.sort == "oldest"
            else [when.desc().nulls_last(), i.c.id.desc()])


def incidents(conn: Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Incidents matching the filters (an actor, text, outlet or certainty filter matches any
    of their reports), newest first by default, each with its ``fatalities``. Analysts'
    corrections apply: corrected values are matched and shown (``corrected`` names the
    fields), incidents marked wrong are left out."""
    fixed = _corrected_incidents(conn)
    q, first_report = _incidents_query(f, fixed)
    q = q.order_by(*_incident_order(f, first_report))
    if f.min_fatalities is None and f.sort != "fatalities" and not fixed:
        if f.offset:
            q = q.offset(f.offset)
        if f.limit:
            q = q.limit(f.limit)
        rows = [dict(r._mapping) for r in conn.execute(q)]
        tolls = incident_fatalities(conn, [r["id"] for r in rows])
        for r in rows:
            r["fatalities"] = tolls.get(r["id"])
            r["corrected"] = ""
            r.pop("first_report")
        yield from rows
        return
    rows = _with_fatalities(conn, q, f, fixed)
    end = None if not f.limit else f.offset + f.limit
    yield from rows[f.offset:end]


def _with_fatalities(conn: Connection, q, f: Filters, fixed: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [dict(r._mapping) for r in conn.execute(q)]
    tolls = incident_fatalities(conn, [r["id"] for r in rows])
    out = []
    for r in rows:
        r["fatalities"] = tolls.get(r["id"])
        o = _overlay(r, fixed.get(r["id"]))
        if o is not None and (not o["corrected"] or _matches(o, f)):
            out.append(o)
    rows = out
    if f.min_fatalities is not None:
        rows = [r for r in rows if (r["fatalities"] or 0) >= f.min_fatalities]
    if f.sort == "fatalities":
        rows.sort(key=lambda r: -(r["fatalities"] if r["fatalities"] is not None else -1))  # stable
    elif any("date" in v for v in fixed.values()):  # a corrected date moves an incident in the order
        dated = [r for r in rows if r["date_start"] or r["first_report"]]
        dated.sort(key=lambda r: (r["date_start"] or r["first_report"], r["id"]), reverse=f.sort != "oldest")
        rows = dated + [r for r in rows if not (r["date_start"] or r["first_report"])]
    for r in rows:
        r.pop("first_report", None)
    return rows


def count_incidents(conn: Connection, f: Filters) -> int:
    """How many incidents match the filters (ignoring ``limit``/``offset``)."""
    fixed = _corrected_incidents(conn)
    q, _ = _incidents_query(f, fixed)
    if f.min_fatalities is None and not fixed:
        return conn.execute(sa.select(sa.func.count()).select_from(q.subquery())).scalar_one()
    return len(_with_fatalities(conn, q, replace(f, sort="newest"), fixed))


def fatalities(claims: dict[str, Any]) -> int | None:
    """An incident's fatalities from its summarised claims (see the module docstring); None
    when no report gives a "killed" figure."""
    latest = [c for c in (claims.get("killed") or {}).get("claims", ()) if c["latest"]]
    per_article: dict[str, float] = {}
    for c in latest:
        v = c["value"] if c["value"] is not None else c["low"]
        if v is not None:
            per_article[c["document"]] = max(per_article.get(c["document"], 0), v)
    return int(min(per_article.values())) if per_article else None


def _claims(rows: Iterable[Any]) -> list[Claim]:
    return [Claim(kind=r.kind, value=r.value, low=r.low, high=r.high, qualifier=r.qualifier or "exact",
                  text=r.text, document=r.article_id, figure=r.figure_id, claimed_by=r.claimed_by,
                  outlet=r.outlet, certainty=r.certainty, reported=r.reported, order=n)
            for n, r in enumerate(rows)]


def incident_fatalities(conn: Connection, ids: list[int]) -> dict[int, int | None]:
    """Fatalities of each incident of ``ids`` (see :func:`fatalities`)."""
    c = t.claims
    out: dict[int, int | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        by_incident: dict[int, list[Any]] = defaultdict(list)
        for r in conn.execute(sa.select(c).where(c.c.incident_id.in_(chunk), c.c.kind == "killed")
                              .order_by(c.c.id)):
            by_incident[r.incident_id].append(r)
        for iid in chunk:
            out[iid] = fatalities(summarise(_claims(by_incident.get(iid, ())))) if iid in by_incident else None
    return out


def incident(conn: Connection, incident_id: int) -> dict[str, Any] | None:
    """One incident as in ``sitroom incidents`` output: documents, events, reports with
    their evidence, and claims by kind over time."""
    i, ie, a = t.incidents, t.incident_events, t.articles
    row = conn.execute(sa.select(i).where(i.c.id == incident_id)).first()
    if row is None:
        return None
    reports = conn.execute(
        sa.select(ie.c.article_id, ie.c.event_id, ie.c.trigger, ie.c.score, ie.c.evidence, a.c.published,
                  a.c.source, a.c.title)
        .join(a, a.c.id == ie.c.article_id).where(ie.c.incident_id == incident_id).order_by(ie.c.id)).all()
    c = t.claims
    claim_rows = conn.execute(sa.select(c).where(c.c.incident_id == incident_id).order_by(c.c.id)).all()
    claims = _claims(claim_rows)
    m = dict(row._mapping)
    values = _corrected_incidents_of(conn, incident_id)
    # a wrong incident is still shown when asked for by id, saying so
    m = _overlay(m, {k: v for k, v in values.items() if k != "status"}) or m
    out = {
        "id": f"I{m['id']}",
        "documents": list(dict.fromkeys(r.article_id for r in reports)),
        "events": [[r.article_id, r.event_id] for r in reports if r.event_id is not None],
        "plover": m["plover"], "date": m["date"],
        "place": None if m["lat"] is None else {"name": m["place_name"], "lat": m["lat"], "lon": m["lon"]},
        "acled": None if m["acled_event_type"] is None else {
            "event_type": m["acled_event_type"], "sub_event_type": m["acled_sub_event_type"]},
        "country": m["country"],
        "basis": "events" if m["n_events"] else "text",
        "reports": [{"document": r.article_id, "event": r.event_id, "trigger": r.trigger, "score": r.score,
                     "evidence": r.evidence, "published": r.published, "source": r.source, "title": r.title}
                    for r in reports],
        "claims": summarise(claims),
    }
    if values:  # what an analyst changed (sitroom.store.corrections)
        out.update(corrected=sorted(values), status=values.get("status", "ok"))
        if "fatalities" in values:
            out["fatalities"] = values["fatalities"]
    return out


def _corrected_incidents_of(conn: Connection, incident_id: int) -> dict[str, Any]:
    from sitroom.store.schema_serve import corrections as c

    values: dict[str, Any] = {}
    for (after,) in conn.execute(sa.select(c.c.after).where(
            c.c.target == "incident", c.c.incident_id == incident_id, c.c.state.in_(("active", "conflict")))
            .order_by(c.c.id)):
        values.update(after)
    return values


def incident_ids(conn: Connection) -> list[int]:
    return [r[0] for r in conn.execute(sa.select(t.incidents.c.id).order_by(t.incidents.c.id))]


def records(conn: Connection, *, with_text: bool = False, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every stored record (output-format.md), in the order the articles were stored."""
    x, a = t.extractions, t.articles
    cols = [x.c.record, a.c.text] if with_text else [x.c.record]
    q = (sa.select(*cols).join(a, a.c.id == x.c.article_id).order_by(a.c.ingested, a.c.id)
         .execution_options(yield_per=batch))
    for row in conn.execute(q):
        record = dict(row.record)
        if with_text:
            record["text"] = row.text
        yield record


def store_summary(conn: Connection, *, top: int = 10) -> dict[str, Any]:
    """What a store holds: counts, the publication date range, rejections by code, events by
    type, incidents, the most frequent countries."""
    a, e, i, r = t.articles, t.events, t.incidents, t.rejections
    first, last = conn.execute(sa.select(sa.func.min(a.c.published_date), sa.func.max(a.c.published_date))).one()

    def counted(col, table, n=top):
        q = (sa.select(col, sa.func.count()).select_from(table).group_by(col)
             .order_by(sa.func.count().desc(), col).limit(n))
        return [(k, v) for k, v in conn.execute(q)]

    return {
        "articles": conn.execute(sa.select(sa.func.count()).select_from(a)).scalar_one(),
        "published": (first, last),
        "rejections": conn.execute(sa.select(sa.func.count()).select_from(r)).scalar_one(),
        "rejected_by_code": counted(r.c.code, r, 50),
        "events": conn.execute(sa.select(sa.func.count()).select_from(e)).scalar_one(),
        "events_by_type": counted(e.c.plover, e),
        "events_by_acled": counted(e.c.acled_event_type, e),
        "incidents": conn.execute(sa.select(sa.func.count()).select_from(i)).scalar_one(),
        "countries": counted(e.c.country, e),
    }
