"""Routes over events: list, map points, one event with its evidence, corrections, stats, export."""
from __future__ import annotations

from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from sitroom.errors import NotFound
from sitroom.server import query
from sitroom.server.app import Author, Conn, Json, state
from sitroom.server.evidence import event_evidence
from sitroom.server.params import event_filter
from sitroom.server.query import EventFilter
from sitroom.store import corrections
from sitroom.store import schema as t
from sitroom.store.db import write_transaction

router = APIRouter()
Filter = Annotated[EventFilter, Depends(event_filter)]
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The event's id (as /events lists it).")]


def _limit(request: Request, limit: int) -> int:
    return min(limit, state(request).config.max_page)


@router.get("/events", summary="Events matching the filters, newest first, one page at a time",
            response_model=dict[str, Any], response_class=Json)
def list_events(conn: Conn, request: Request, flt: Filter,
                limit: Annotated[int, Query(ge=1, le=500, description="Page size (at most 500).")] = 50,
                cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page.")
                                  ] = None,
                count: Annotated[bool, Query(description="Also count every matching event.")] = False
                ) -> Json:
    items, nxt = query.list_events(conn, flt, limit=_limit(request, limit), cursor=cursor)
    out: dict[str, Any] = {"items": items, "next_cursor": nxt}
    if count:
        out["total"] = query.count_events(conn, flt)
    return Json(out)


@router.get("/events/points", summary="Located events as compact rows for the map",
            response_model=dict[str, Any], response_class=Json)
def event_points(conn: Conn, request: Request, flt: Filter,
                 limit: Annotated[int, Query(ge=1, le=20_000)] = 5000) -> Json:
    rows, truncated = query.points(conn, flt, limit=min(limit, state(request).config.max_points))
    return Json({"columns": ["id", "lat", "lon", "plover", "fatalities"], "rows": rows, "truncated": truncated})


def _event_detail(conn, event_pk: int) -> dict[str, Any]:
    e, x, a = t.events, t.extractions, t.articles
    row = conn.execute(sa.select(e.c.id, e.c.article_id, e.c.event_id, e.c.data, x.c.record, a.c.text)
                       .join(a, a.c.id == e.c.article_id).outerjoin(x, x.c.article_id == e.c.article_id)
                       .where(e.c.id == event_pk)).first()
    if row is None:
        raise NotFound(f"no event {event_pk}")
    item = query.event_item_by_id(conn, event_pk)
    if item is None:  # facts not built yet for a brand-new event: the next refresh adds them
        raise NotFound(f"event {event_pk} is being indexed; try again in a moment")
    record = row.record or {}
    extracted, _, fields = corrections.event_values(conn, event_pk)
    item.update(
        extracted={k: extracted[k] for k in fields} if fields else {},
        data=row.data, evidence=event_evidence(row.text, record, row.data or {}),
        quotes=[q for q in record.get("quotes") or ()],
        actors={a["id"]: {"name": a.get("name"), "kind": a.get("kind"), "country": a.get("country")}
                for a in record.get("actors") or () if a.get("id")},
    )
    item["conflicts"] = [c["conflict"] for c in corrections.history(conn, event_pk=event_pk) if c["conflict"]]
    return item


@router.get("/events/{event_id}", summary="One event with its evidence, codes, flags and attribution")
def get_event(conn: Conn, event_id: EventId) -> dict[str, Any]:
    return _event_detail(conn, event_id)


class EventPatch(BaseModel):
    """Fields to correct (only those given change) and why."""

    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000, description="Why: kept in the audit trail.")
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source_actor: str | None = Field(None, max_length=300)
    target_actor: str | None = Field(None, max_length=300)
    date: str | None = Field(None, max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY")
    place: dict[str, Any] | None = Field(None, description="{name, lat, lon, country?, admin1?}")
    fatalities: int | None = Field(None, ge=0, le=10_000_000)
    status: Literal["ok", "wrong", "duplicate"] | None = None
    duplicate_of: int | None = Field(None, ge=1)
    incident: int | Literal["new"] | None = Field(None, description='An incident id to move it to, or "new"')


def _changes(body: BaseModel) -> dict[str, Any]:
    return {k: v for k, v in body.model_dump(exclude_unset=True).items() if k != "reason"}


@router.patch("/events/{event_id}", summary="Correct an event (write token)", status_code=200)
def patch_event(request: Request, event_id: EventId, body: EventPatch, author: Author) -> dict[str, Any]:
    st = state(request)
    with write_transaction(st.engine) as conn:
        st.refresher(conn)
        correction = corrections.correct_event(conn, event_id, _changes(body), reason=body.reason, author=author)
    with st.engine.connect() as conn:
        return {"correction": correction, "event": _event_detail(conn, event_id)}


@router.get("/events/{event_id}/history", summary="Every correction of an event, oldest first")
def event_history(conn: Conn, event_id: EventId) -> dict[str, Any]:
    if conn.execute(sa.select(t.events.c.id).where(t.events.c.id == event_id)).first() is None:
        raise NotFound(f"no event {event_id}")
    return {"items": corrections.history(conn, event_pk=event_id)}


@router.get("/stats", summary="Counts and fatalities grouped in the database (timeline, map, facets)",
            response_model=dict[str, Any], response_class=Json)
def get_stats(conn: Conn, flt: Filter,
              by: Annotated[query.By, Query(description="What to group by.")] = "week",
              split: Annotated[query.Split, Query(description="A second grouping.")] = "none",
              cell: Annotated[float, Query(gt=0.01, le=90, description="Cell size in degrees (by=cell).")] = 1.0,
              ) -> Json:
    return Json(query.stats(conn, flt, by=by, split=split, cell=cell))


@router.get("/export", summary="The matching events (or their incidents, ACLED-style), streamed")
def export(request: Request, flt: Filter,
           format: Annotated[Literal["acled", "csv", "geojson", "jsonl"], Query()] = "csv") -> StreamingResponse:
    from sitroom.server.export import FORMATS, stream

    st = state(request)
    st.refresh()
    ext = {"acled": "csv", "geojson": "geojson", "csv": "csv", "jsonl": "jsonl"}[format]
    name = f"sitroom-{'acled' if format == 'acled' else 'events'}.{ext}"
    return StreamingResponse(stream(st.engine, flt, format), media_type=FORMATS[format],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
