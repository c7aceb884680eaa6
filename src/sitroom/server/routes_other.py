"""Routes over articles, incidents, actors and corrections; server settings and CSP reports."""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sitroom import __version__
from sitroom.errors import InvalidField, NotFound
from sitroom.server import actors as actor_reads
from sitroom.server import query
from sitroom.server.app import Author, Conn, state
from sitroom.server.evidence import article_spans
from sitroom.server.query import EventFilter
from sitroom.store import corrections
from sitroom.store import schema as t
from sitroom.store.db import write_transaction

log = logging.getLogger(__name__)
router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (at most 500).")]
Cursor = Annotated[str | None, Query(max_length=600, description="next_cursor of the previous page.")]
IncidentId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _encode(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str, n: int) -> list:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != n:
            raise ValueError(cursor)
    except (ValueError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidField("cursor: not a cursor this server gave out", field="cursor") from exc
    return values


# ---- articles -------------------------------------------------------------------------------

@router.get("/articles", summary="Stored articles, newest first")
def list_articles(conn: Conn, since: dt.date | None = None, until: dt.date | None = None,
                  q: Annotated[str | None, Query(max_length=200)] = None,
                  source: Annotated[str | None, Query(max_length=500)] = None,
                  limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    a, e = t.articles, t.events
    day = sa.func.coalesce(a.c.published_date, "")
    n_events = sa.select(sa.func.count()).where(e.c.article_id == a.c.id).scalar_subquery()
    sel = sa.select(a.c.id, a.c.title, a.c.source, a.c.url, a.c.published, day.label("day"),
                    n_events.label("n_events"))
    if since:
        sel = sel.where(a.c.published_date >= since.isoformat())
    if until:
        sel = sel.where(a.c.published_date <= until.isoformat())
    if source:
        sel = sel.where(a.c.source == source)
    for word in (q or "").split()[:8]:
        pattern = query._like(word)
        sel = sel.where(sa.or_(sa.func.lower(a.c.text).like(pattern, escape="\\"),
                               sa.func.lower(sa.func.coalesce(a.c.title, "")).like(pattern, escape="\\")))
    if cursor:
        d, aid = _decode(cursor, 2)
        sel = sel.where(sa.or_(day < d, sa.and_(day == d, a.c.id < aid)))
    rows = conn.execute(sel.order_by(day.desc(), a.c.id.desc()).limit(limit + 1)).all()
    items = [{k: v for k, v in r._mapping.items() if k != "day"} for r in rows[:limit]]
    nxt = _encode([rows[limit - 1].day, rows[limit - 1].id]) if len(rows) > limit else None
    return {"items": items, "next_cursor": nxt}


@router.get("/articles/{article_id:path}", summary="One article: text, record (with corrections), events, spans")
def get_article(conn: Conn, article_id: str) -> dict[str, Any]:
    a, x = t.articles, t.extractions
    row = conn.execute(sa.select(a, x.c.record, x.c.pipeline_version).outerjoin(x, x.c.article_id == a.c.id)
                       .where(a.c.id == article_id)).first()
    if row is None:
        raise NotFound(f"no article {article_id!r}")
    m = dict(row._mapping)
    record = corrections.overlay_record(conn, dict(m.pop("record") or {}))
    items, _ = query.list_events(conn, EventFilter(article=article_id, include_wrong=True), limit=500)
    for key in ("fetched", "ingested"):
        m[key] = m[key].isoformat() if isinstance(m[key], dt.datetime) else m[key]
    m.pop("content_hash", None)
    m.pop("url_hash", None)
    return {**m, "record": record, "events": items, "spans": article_spans(m["text"], record)}


class ArticleIn(BaseModel):
    """An article to extract and store: its text, or a URL to fetch (public hosts only)."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=1_000_000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    id: str | None = Field(None, max_length=255)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or datetime")
    source: str | None = Field(None, max_length=500)

    @model_validator(mode="after")
    def _one(self):
        if (self.text is None) == (self.url is None):
            raise ValueError("give either text or url")
        return self


@router.post("/articles", summary="Extract and store one article or URL (write token)", status_code=201)
def post_article(request: Request, body: ArticleIn, author: Author) -> dict[str, Any]:
    from sitroom.store.repository import Store

    st = state(request)
    store = Store(st.engine)
    if body.url is not None:
        from sitroom.ingest.fetch import Fetcher
        from sitroom.ingest.run import ingest
        from sitroom.ingest.sources import url_id

        with Fetcher(allow_private=False) as fetcher:
            report = ingest([body.url], store, fetcher=fetcher, published=body.published)
        status = "stored" if report.stored else "duplicate" if report.duplicates else "rejected"
        result = {"id": url_id(body.url), "status": status, "rejected": dict(report.rejected)}
    else:
        from sitroom.api import default_pipeline, make_document

        doc = make_document(body.text, published=body.published, id=body.id, title=body.title,
                            source=body.source)
        extraction = default_pipeline()(doc)
        stored = store.add(extraction, origin=f"api:{author}")
        result = {"id": stored.article_id, "status": stored.status, "reason": stored.reason,
                  "incidents": list(stored.incidents)}
    st.refresh(force=True)
    log.info("article %s %s by %s", result["id"], result["status"], author)
    return result


# ---- incidents ------------------------------------------------------------------------------

def _incident_item(m: dict[str, Any], values: dict[str, Any] | None) -> dict[str, Any]:
    out = {"id": m["id"], "plover": m["plover"], "acled_event_type": m["acled_event_type"],
           "acled_sub_event_type": m["acled_sub_event_type"], "date": m["date"], "date_start": m["date_start"],
           "date_end": m["date_end"],
           "place": None if m["lat"] is None else {"name": m["place_name"], "lat": m["lat"], "lon": m["lon"]},
           "country": m["country"], "n_documents": m["n_documents"], "n_events": m["n_events"],
           "fatalities": None, "status": "ok", "corrected": sorted(values or {})}
    for k, v in (values or {}).items():
        if k == "place":
            out["place"] = v
            out["country"] = (v or {}).get("country")
        elif k in out:
            out[k] = v
    return out


@router.get("/incidents", summary="Incidents (reports of one event merged across articles), newest first")
def list_incidents(conn: Conn, since: dt.date | None = None, until: dt.date | None = None,
                   country: Annotated[str | None, Query(max_length=60)] = None,
                   plover: Annotated[str | None, Query(max_length=20)] = None,
                   min_documents: Annotated[int, Query(ge=1, le=100_000)] = 1,
                   limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    i = t.incidents
    day = sa.func.coalesce(i.c.date_start, "")
    sel = sa.select(i, day.label("day")).where(i.c.n_documents >= min_documents)
    if since:
        sel = sel.where(i.c.date_end >= since.isoformat())
    if until:
        sel = sel.where(i.c.date_start <= until.isoformat())
    if country:
        from sitroom.store.read import country_code

        sel = sel.where(i.c.country == country_code(country))
    if plover:
        sel = sel.where(i.c.plover == plover.upper())
    if cursor:
        d, iid = _decode(cursor, 2)
        sel = sel.where(sa.or_(day < d, sa.and_(day == d, i.c.id < int(iid))))
    rows = conn.execute(sel.order_by(day.desc(), i.c.id.desc()).limit(limit + 1)).all()
    overrides = corrections.incident_overrides(conn, [r.id for r in rows[:limit]])
    items = [_incident_item(dict(r._mapping), overrides.get(r.id)) for r in rows[:limit]]
    nxt = _encode([rows[limit - 1].day, rows[limit - 1].id]) if len(rows) > limit else None
    return {"items": items, "next_cursor": nxt}


@router.get("/incidents/{incident_id}", summary="One incident: its reports, events and every figure over time")
def get_incident(conn: Conn, incident_id: IncidentId) -> dict[str, Any]:
    from sitroom.store import read

    detail = read.incident(conn, incident_id)
    if detail is None:
        raise NotFound(f"no incident {incident_id}")
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.id == incident_id)).one()
    values = corrections.incident_overrides(conn, [incident_id]).get(incident_id)
    events, _ = query.list_events(conn, EventFilter(incident=incident_id, include_wrong=True), limit=500)
    item = _incident_item(dict(row._mapping), values)
    return {**item, "reports": detail["reports"], "documents": detail["documents"], "claims": detail["claims"],
            "basis": detail["basis"], "events": events}


class IncidentPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000)
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = Field(None, max_length=10)
    place: dict[str, Any] | None = None
    fatalities: int | None = Field(None, ge=0, le=10_000_000)
    status: Literal["ok", "wrong"] | None = None


@router.patch("/incidents/{incident_id}", summary="Correct an incident (write token)")
def patch_incident(request: Request, incident_id: IncidentId, body: IncidentPatch, author: Author) -> dict:
    st = state(request)
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if k != "reason"}
    with write_transaction(st.engine) as conn:
        correction = corrections.correct_incident(conn, incident_id, changes, reason=body.reason, author=author)
    with st.engine.connect() as conn:
        return {"correction": correction, "incident": get_incident(conn, incident_id)}


@router.get("/incidents/{incident_id}/history", summary="Every correction of an incident, oldest first")
def incident_history(conn: Conn, incident_id: IncidentId) -> dict[str, Any]:
    return {"items": corrections.history(conn, incident_id=incident_id)}


# ---- corrections ----------------------------------------------------------------------------

class RevertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000)


@router.post("/corrections/{correction_id}/revert", summary="Undo a correction (write token)")
def revert(request: Request, correction_id: Annotated[int, Path(ge=1, le=2**31 - 1)], body: RevertIn,
           author: Author) -> dict[str, Any]:
    st = state(request)
    with write_transaction(st.engine) as conn:
        return {"correction": corrections.revert(conn, correction_id, reason=body.reason, author=author)}


@router.get("/corrections", summary="The audit trail, newest first (conflicts only on request)")
def list_corrections(conn: Conn, conflicts: bool = False, limit: Limit = 50,
                     before: Annotated[int | None, Query(ge=1)] = None) -> dict[str, Any]:
    from sitroom.store.schema_serve import corrections as c

    sel = sa.select(c)
    if conflicts:
        sel = sel.where(c.c.conflict.is_not(None), c.c.state.in_(("active", "conflict")))
    if before:
        sel = sel.where(c.c.id < before)
    rows = conn.execute(sel.order_by(c.c.id.desc()).limit(limit + 1)).all()
    items = [corrections._as_dict(r) for r in rows[:limit]]
    return {"items": items, "next_before": rows[limit - 1].id if len(rows) > limit else None}


# ---- actors ---------------------------------------------------------------------------------

@router.get("/actors", summary="Actors with their article and event counts and affiliations")
def list_actors(conn: Conn, q: Annotated[str | None, Query(max_length=200)] = None,
                kind: Annotated[str | None, Query(max_length=24)] = None,
                country: Annotated[str | None, Query(max_length=60)] = None,
                limit: Limit = 50, offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> dict[str, Any]:
    return actor_reads.list_actors(conn, q=q, kind=kind, country=country, limit=limit, offset=offset)


@router.get("/actors/{name:path}", summary="One actor: counts, affiliations and who it acts on, by quad class")
def get_actor(conn: Conn, name: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    return actor_reads.actor(conn, name)


# ---- the server itself ------------------------------------------------------------------------

@router.get("/config", summary="What the workspace needs to know about this server")
def get_config(request: Request) -> dict[str, Any]:
    config = state(request).config
    return {"version": __version__, "read_only": config.read_only, "tile_url": config.tile_url,
            "max_page": config.max_page, "max_points": config.max_points}


@router.get("/health", summary="The server answers and its store can be read")
def health(conn: Conn) -> dict[str, Any]:
    n = conn.execute(sa.select(sa.func.count()).select_from(t.events)).scalar_one()
    return {"status": "ok", "events": n}


@router.post("/csp-report", include_in_schema=False, status_code=204)
async def csp_report(request: Request) -> None:
    body = (await request.body())[:16_384]
    try:
        report = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        report = {"unparsed": body[:500].decode("utf-8", "replace")}
    reports = state(request).csp_reports
    if len(reports) < 1000:
        reports.append(report)
    log.warning("content security policy violation: %s", str(report)[:500])


@router.get("/csp-report", include_in_schema=False)
def csp_reports(request: Request) -> dict[str, Any]:
    reports = state(request).csp_reports
    return {"count": len(reports), "reports": reports[-50:]}
