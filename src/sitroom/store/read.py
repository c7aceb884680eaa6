"""Reading a store: filtered events and incidents, one incident in full, records for export.

Filters (all optional, combined with AND): ``since``/``until`` (ISO dates; an event or
incident matches when its date range overlaps them, an undated one by its article's
publication date), ``country`` (ISO alpha-3, alpha-2 or a name), ``actor`` (part of a
source/target actor name, case-insensitive), ``type`` (a PLOVER type, or an ACLED
event type or sub-event type), ``text`` (words in the article's title or text).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.errors import InvalidField
from sitroom.incidents.claims import Claim, summarise
from sitroom.store import schema as t


@dataclass(frozen=True, slots=True)
class Filters:
    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    text: str | None = None
    limit: int | None = None


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-3 of an alpha-3/alpha-2 code or a country name."""
    import pycountry

    v = value.strip()
    try:
        found = pycountry.countries.lookup(v)
    except LookupError as exc:
        raise InvalidField(f"unknown country {value!r}: give an ISO code or an English name") from exc
    return found.alpha_3


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"


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


def events(conn: Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Events matching the filters, newest first, with their article and incident."""
    e, a, ie = t.events, t.articles, t.incident_events
    q = (sa.select(e.c.article_id, e.c.event_id, e.c.date, e.c.plover, e.c.acled_event_type,
                   e.c.acled_sub_event_type, e.c.trigger, e.c.source_actor, e.c.target_actor, e.c.place_name,
                   e.c.country, e.c.lat, e.c.lon, e.c.certainty, e.c.negated, e.c.hypothetical, e.c.historical,
                   a.c.published, a.c.source, a.c.title, a.c.url, ie.c.incident_id)
         .join(a, a.c.id == e.c.article_id)
         .outerjoin(ie, ie.c.event_pk == e.c.id))
    cond = _date_clause(e.c.date_start, e.c.date_end, a.c.published_date, f)
    if f.country:
        cond.append(e.c.country == country_code(f.country))
    if f.actor:
        pattern = _like(f.actor)
        cond.append(sa.or_(sa.func.lower(e.c.source_actor).like(pattern, escape="\\"),
                           sa.func.lower(e.c.target_actor).like(pattern, escape="\\")))
    if f.type:
        cond.append(_type_clause(e.c.plover, e.c.acled_event_type, e.c.acled_sub_event_type, f.type))
    if f.text:
        cond.append(_text_clause(f, e.c.article_id))
    q = q.where(*cond).order_by(sa.func.coalesce(e.c.date_start, a.c.published_date).desc().nulls_last(),
                                e.c.article_id, e.c.id)
    if f.limit:
        q = q.limit(f.limit)
    for row in conn.execute(q):
        yield dict(row._mapping)


def incidents(conn: Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Incidents matching the filters (an actor or text filter matches any of their reports)."""
    i, ie, e = t.incidents, t.incident_events, t.events
    q = sa.select(i.c.id, i.c.plover, i.c.acled_event_type, i.c.acled_sub_event_type, i.c.date, i.c.date_start,
                  i.c.date_end, i.c.place_name, i.c.lat, i.c.lon, i.c.country, i.c.n_documents, i.c.n_events,
                  i.c.updated)
    first_report = (sa.select(sa.func.min(t.articles.c.published_date))
                    .join(ie, ie.c.article_id == t.articles.c.id).where(ie.c.incident_id == i.c.id)
                    .scalar_subquery())
    cond = _date_clause(i.c.date_start, i.c.date_end, first_report, f)
    if f.country:
        cond.append(i.c.country == country_code(f.country))
    if f.type:
        cond.append(_type_clause(i.c.plover, i.c.acled_event_type, i.c.acled_sub_event_type, f.type))
    if f.actor:
        pattern = _like(f.actor)
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).join(e, e.c.id == ie.c.event_pk).where(
            sa.or_(sa.func.lower(e.c.source_actor).like(pattern, escape="\\"),
                   sa.func.lower(e.c.target_actor).like(pattern, escape="\\")))))
    if f.text:
        cond.append(i.c.id.in_(sa.select(ie.c.incident_id).where(_text_clause(f, ie.c.article_id))))
    q = q.where(*cond).order_by(i.c.date_start.desc().nulls_last(), i.c.id)
    if f.limit:
        q = q.limit(f.limit)
    for row in conn.execute(q):
        yield dict(row._mapping)


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
    claims = [Claim(kind=r.kind, value=r.value, low=r.low, high=r.high, qualifier=r.qualifier or "exact",
                    text=r.text, document=r.article_id, figure=r.figure_id, claimed_by=r.claimed_by,
                    outlet=r.outlet, certainty=r.certainty, reported=r.reported, order=n)
              for n, r in enumerate(claim_rows)]
    m = row._mapping
    return {
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


def incident_ids(conn: Connection) -> list[int]:
    return [r[0] for r in conn.execute(sa.select(t.incidents.c.id).order_by(t.incidents.c.id))]


def records(conn: Connection, *, with_text: bool = False, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every stored record (CONTRACT.md), in the order the articles were stored."""
    x, a = t.extractions, t.articles
    cols = [x.c.record, a.c.text] if with_text else [x.c.record]
    q = (sa.select(*cols).join(a, a.c.id == x.c.article_id).order_by(a.c.ingested, a.c.id)
         .execution_options(yield_per=batch))
    for row in conn.execute(q):
        record = dict(row.record)
        if with_text:
            record["text"] = row.text
        yield record
