"""Query parameters shared by the event routes: parsed and validated into an EventFilter."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Query

from sitroom.errors import InvalidField
from sitroom.model.vocab import Certainty, Plover
from sitroom.server.query import EventFilter

Flag = Literal["include", "exclude", "only"]


def _list(value: str | None, allowed: set[str], name: str, upper: bool = False) -> tuple[str, ...]:
    if not value:
        return ()
    items = tuple(dict.fromkeys((v.strip().upper() if upper else v.strip().lower()) for v in value.split(",")
                                if v.strip()))
    bad = [v for v in items if v not in allowed]
    if bad:
        raise InvalidField(f"{name}: unknown value {bad[0]!r}; one or more of {', '.join(sorted(allowed))}",
                           field=name)
    return items


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise InvalidField("bbox: four numbers min_lon,min_lat,max_lon,max_lat", field="bbox") from exc
    if not (-180 <= x0 <= 180 and -180 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise InvalidField("bbox: longitudes in [-180, 180], latitudes in [-90, 90], min_lat <= max_lat",
                           field="bbox")
    return x0, y0, x1, y1


def _country(value: str | None) -> str | None:
    if not value:
        return None
    from sitroom.store.read import country_code

    return country_code(value)


def event_filter(
    since: Annotated[dt.date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this day.")] = None,
    country: Annotated[str | None, Query(max_length=60, description="ISO 3166 code (SYR, SY) or name.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="First-level area, as in /stats?by=admin1.")
                      ] = None,
    bbox: Annotated[str | None, Query(max_length=120, description="min_lon,min_lat,max_lon,max_lat.")] = None,
    plover: Annotated[str | None, Query(max_length=300, description="PLOVER types, comma-separated.")] = None,
    acled_event_type: Annotated[str | None, Query(max_length=80)] = None,
    acled_sub_event_type: Annotated[str | None, Query(max_length=80)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="An actor by name or any alias of it.")
                     ] = None,
    incident: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    certainty: Annotated[str | None, Query(max_length=120, description="Certainties, comma-separated.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    hypothetical: Flag = "include",
    negated: Flag = "include",
    historical: Flag = "include",
    q: Annotated[str | None, Query(max_length=200, description="Words of the article's title or text.")] = None,
    include_wrong: Annotated[bool, Query(description="Also events marked wrong or duplicate.")] = False,
    corrected: Annotated[bool, Query(description="Only events an analyst corrected.")] = False,
    article: Annotated[str | None, Query(max_length=255, description="Only this article's events.")] = None,
) -> EventFilter:
    if since and until and since > until:
        raise InvalidField("since is after until", field="since")
    return EventFilter(
        since=since.isoformat() if since else None, until=until.isoformat() if until else None,
        country=_country(country), admin1=admin1 or None, bbox=_bbox(bbox),
        plover=_list(plover, set(Plover.__members__), "plover", upper=True),
        acled_event_type=acled_event_type or None, acled_sub_event_type=acled_sub_event_type or None,
        actor=actor.strip() or None if actor else None, incident=incident,
        certainty=_list(certainty, {c.value for c in Certainty}, "certainty"),
        min_fatalities=min_fatalities, hypothetical=hypothetical, negated=negated, historical=historical,
        q=q.strip() or None if q else None, include_wrong=include_wrong, corrected=corrected, article=article,
    )
