"""Do two reports describe the same incident? The signals and how they combine.

An article's typed events are first grouped into *units*: events whose places and dates
do not rule each other out (the shooting, the arrest and the vigil in a report on one
town are one unit; an earlier attack elsewhere it recalls is another). A unit (or, for an
article in which no typed event was found, the article itself as a *pseudo-event*) is
compared with an incident built so far. Some signals can rule a match out (a
``conflict``); the others add evidence, or count against it (-1 times their weight):

=========  ==========================================================================
type       a PLOVER type in common (or, without PLOVER, an ACLED event type): evidence;
           only related types (the same PLOVER quad class: ASSAULT, COERCE, MOBILIZE,
           PROTEST and SANCTION are all material conflict): no evidence; nothing
           related: conflict.
date       the two dates (what most of the events say: an event's ``date``, or its
           time's value: a day, a month, a year): a shared day is evidence, a shared
           month or year little. Days more than ``window_days`` apart: conflict when
           each date is what most of its side's events say, or a date the text states
           for one of them (``date_source`` text), else against; months apart:
           against; years apart: nothing (a year is most often background).
place      the two places (what most events say, a town before its country): near
           (within ``radius_km``, haversine): evidence; one containing the other (a
           country, province or region and a place in it; same ISO code): a little.
           Two towns further apart: conflict when both sides date the happening firmly
           to the same days (two shootings on one day in two towns), else against (one
           of them may be a misread name); other countries: against. Other days *and*
           other towns together: always a conflict.
actors     names or actor codes in common (Jaccard): evidence.
lexical    TF-IDF cosine of the article with the incident's other articles; for the
           article's main unit only (the one with most events).
=========  ==========================================================================

``score = lexical + type + date + place + actors`` (weighted by ``MatchConfig``); a
unit joins the best-scoring incident without a conflict when the score is above the
``threshold``, and starts a new incident otherwise. Two wire reports of one bombing
merge on type, day and place alone (0.3); two shootings on the same day in different
towns stay apart however alike they read.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

#: PLOVER types that one incident is often reported as (an abduction is an attack,
#: a protest a mobilisation): comparing them neither conflicts nor adds evidence
RELATED_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION"}),   # material conflict
    frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST"}),               # verbal conflict
    frozenset({"AGREE", "CONSULT", "SUPPORT"}),                           # verbal cooperation
    frozenset({"COOPERATE", "AID", "RETREAT", "CONCEDE"}),                # material cooperation
)
#: features that contain other places
CONTAINERS = frozenset({"country", "admin1", "admin2", "region"})
EARTH_KM = 6371.0088
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class MatchConfig:
    window_days: int = 3        # dates further apart than this are different incidents
    radius_km: float = 50.0     # places further apart than this (neither containing the other) too
    threshold: float = 0.2      # a unit joins an incident when its score is above this
    stated_dates: bool = True   # days the texts state for events (date_source text) rule a match out
    # weights tuned with the threshold on ECB+ train and dev (the extraction of 2026-11)
    w_type: float = 0.1
    w_date: float = 0.1
    w_place: float = 0.1
    w_actors: float = 0.1
    w_lexical: float = 1.0


@dataclass(frozen=True, slots=True)
class PlaceView:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    """One event of one article, reduced to what matching compares."""

    doc: str
    event: str | None                 # None for a pseudo-event (an article with no event)
    plover: str | None = None
    acled: str | None = None          # ACLED event_type
    acled_sub: str | None = None
    trigger: str = ""
    date: str | None = None           # as coded
    date_source: str | None = None    # text, scope, dateline, publication (None: not said)
    start: date | None = None
    end: date | None = None
    place: PlaceView | None = None
    actors: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()       # negated / hypothetical / historical
    figures: tuple[dict[str, Any], ...] = ()
    reported: str | None = None       # the article's publication date
    outlet: str | None = None         # the article's source

    @property
    def pseudo(self) -> bool:
        return self.event is None

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.doc, self.event)


@dataclass(slots=True)
class Signals:
    """What one comparison found: values for the evidence, a reason when it conflicts."""

    conflict: str | None = None
    values: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    def as_evidence(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), **{k: round(v, 4) for k, v in self.values.items()}}


# ---- building views from records ----------------------------------------------------

def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held within date.min .. date.max (a window round 9999-12-31
    or 0001-01-01 never overflows)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, inclusive, up to date.max."""
    d = first
    while d <= last:
        yield d
        if d == date.max:
            return
        d += timedelta(days=1)


def date_range(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 calendar value (``2023-10-07``, ``2023-10``, ``2023``)."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return day, day
        if mo:
            first = date(y, int(mo), 1)
            nxt = date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def _actor_keys(ref: dict | None, actors: dict[str, dict]) -> set[str]:
    from sitroom.incidents.lexical import normalise

    if not ref:
        return set()
    keys = set()
    actor = actors.get(ref.get("actor") or "")
    if actor:
        keys.add(normalise(str(actor.get("name", ""))))
        if actor.get("code"):
            keys.add("code:" + str(actor["code"]).upper())
    elif ref.get("text"):
        keys.add(normalise(str(ref["text"])))
    keys.discard("")
    return keys


def event_views(record: dict[str, Any]) -> list[EventView]:
    """The events of one output-format.md record as EventViews (empty for an error record)."""
    if "error" in record:
        return []
    doc = str(record["id"])
    places = {p.get("id"): p for p in record.get("places") or ()}
    times = {t.get("id"): t for t in record.get("times") or ()}
    actors = {a.get("id"): a for a in record.get("actors") or ()}
    figures = {f.get("id"): f for f in record.get("figures") or ()}
    reported, outlet = record.get("published"), record.get("source")
    views = []
    for e in record.get("events") or ():
        value = e.get("date") or (times.get(e.get("time")) or {}).get("value")
        rng = date_range(value)
        place = places.get(e.get("place"))
        pv = None
        if place:
            pv = PlaceView(str(place.get("name") or ""), place.get("lat"), place.get("lon"),
                           place.get("country"), place.get("feature"))
        linked = [figures[f] for f in e.get("figures") or () if f in figures]
        linked += [f for f in figures.values() if f.get("event") == e.get("id") and f not in linked]
        linked = [_with_claimant(f, actors) for f in linked]
        acled = e.get("acled") or {}
        views.append(EventView(
            doc=doc, event=str(e.get("id")), plover=e.get("plover"),
            acled=acled.get("event_type"), acled_sub=acled.get("sub_event_type"),
            trigger=str((e.get("trigger") or {}).get("text") or ""),
            date=value if rng else None, start=rng[0] if rng else None, end=rng[1] if rng else None,
            date_source=e.get("date_source") if rng else None,
            place=pv,
            actors=frozenset(_actor_keys(e.get("source"), actors) | _actor_keys(e.get("target"), actors)),
            flags=tuple(f for f in ("negated", "hypothetical", "historical") if e.get(f)),
            figures=tuple(linked), reported=reported, outlet=outlet,
        ))
    return views


def _with_claimant(figure: dict[str, Any], actors: dict[str, dict]) -> dict[str, Any]:
    """A copy of a figure with ``claimed_by``: the attributed actor's name, else the source text."""
    source = (figure.get("attribution") or {}).get("source") or {}
    actor = actors.get(source.get("actor") or "")
    return {**figure, "claimed_by": (actor or {}).get("name") or source.get("text")}


def pseudo_event(record: dict[str, Any]) -> EventView:
    """An article with no event, as one typeless, dateless event matched on its text only."""
    return EventView(doc=str(record["id"]), event=None, reported=record.get("published"),
                     outlet=record.get("source"))


# ---- units: an article's events grouped by what they report -------------------------

def representative_place(places: Counter) -> PlaceView | None:
    """The place most events give, with coordinates; a town before the country it is in."""
    located = [(p, n) for p, n in places.items() if p.lat is not None and p.lon is not None]
    if not located:
        return None
    return max(located, key=lambda pn: (pn[0].feature not in CONTAINERS, pn[1], pn[0].name,
                                        pn[0].lat, pn[0].lon, pn[0].country or ""))[0]


def representative_date(dates: Counter) -> tuple[date, date] | None:
    """The date range most events give; the more precise, then the earlier, on a tie."""
    if not dates:
        return None
    return max(dates.items(), key=lambda kv: (kv[1], -(kv[0][1] - kv[0][0]).days, -kv[0][0].toordinal()))[0]


def types_related(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in RELATED_TYPES)


@dataclass(slots=True)
class Unit:
    """Events of one article that report the same thing, compared with incidents as one."""

    doc: str
    views: list[EventView]
    plovers: set[str] = field(default_factory=set)
    acled: set[str] = field(default_factory=set)
    dates: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, views: list[EventView]) -> Unit:
        unit = cls(doc=views[0].doc, views=[])
        for v in views:
            unit.add(v)
        return unit

    def add(self, v: EventView) -> None:
        self.views.append(v)
        if v.plover:
            self.plovers.add(v.plover)
        if v.acled:
            self.acled.add(v.acled)
        if v.start:
            self.dates[(v.start, v.end)] += 1
        if v.place:
            self.places[v.place] += 1
        self.actors |= v.actors

    @property
    def pseudo(self) -> bool:
        return self.views[0].pseudo

    @property
    def date(self) -> tuple[date, date] | None:
        return representative_date(self.dates)

    @property
    def date_support(self) -> float:
        """Share of its events that give its date."""
        rep = self.date
        return self.dates[rep] / len(self.views) if rep else 0.0

    @property
    def date_stated(self) -> bool:
        """Its date is one the text states for one of its events (``date_source`` text)."""
        rep = self.date
        return rep is not None and any(v.date_source == "text" and (v.start, v.end) == rep for v in self.views)

    @property
    def place(self) -> PlaceView | None:
        return representative_place(self.places) or next(iter(self.places), None)

    def fits(self, v: EventView, config: MatchConfig) -> bool:
        """Whether an event of the same article happened where and when this unit did: the
        article tells one happening through events of several types (the attack, the
        arrests, the talks that followed), so types do not split a unit; places and dates do."""
        if date_signal((v.start, v.end) if v.start else None, self.date, config.window_days)[0]:
            return False
        return place_signal(v.place, self.place, config.radius_km)[0] is None


def document_units(views: list[EventView], config: MatchConfig) -> list[Unit]:
    """Group one article's events, in order, into units (each event joins the first unit
    it fits, else starts one)."""
    units: list[Unit] = []
    for v in views:
        for unit in units:
            if unit.fits(v, config):
                unit.add(v)
                break
        else:
            units.append(Unit.of([v]))
    return units


def type_signal_sets(a_plovers: set[str], a_acled: set[str], b_plovers, b_acled) -> tuple[str | None, float | None]:
    """Type evidence of two groups of events: a type in common 1.0, only related types 0.0."""
    if a_plovers and b_plovers:
        if set(a_plovers) & set(b_plovers):
            return None, 1.0
        if any(types_related(x, y) for x in a_plovers for y in b_plovers):
            return None, 0.0
        return f"types {'/'.join(sorted(a_plovers))} vs {'/'.join(sorted(b_plovers))}", None
    if a_acled and b_acled:
        if set(a_acled) & set(b_acled):
            return None, 1.0
        return f"ACLED types {'/'.join(sorted(a_acled))} vs {'/'.join(sorted(b_acled))}", None
    return None, None


# ---- signals ------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def type_signal(a_plover, a_acled, b_plover, b_acled) -> tuple[str | None, float | None]:
    """(conflict reason, evidence) of two event types; evidence None when nothing to compare."""
    if a_plover and b_plover:
        if a_plover == b_plover:
            return None, 1.0
        if any(a_plover in g and b_plover in g for g in RELATED_TYPES):
            return None, 0.0
        return f"type {a_plover} vs {b_plover}", None
    if a_acled and b_acled:
        return (None, 1.0) if a_acled == b_acled else (f"ACLED type {a_acled} vs {b_acled}", None)
    return None, None


def date_signal(a: tuple[date, date] | None, b: tuple[date, date] | None,
                window: int) -> tuple[str | None, float | None]:
    if not a or not b:
        return None, None
    gap = max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)
    width = max((a[1] - a[0]).days, (b[1] - b[0]).days) + 1  # the vaguer date says how much
    if gap > window:
        if width <= 1:
            return f"dates {gap} days apart", None
        # months apart count against; years apart say little (a year is most often background)
        return None, (-1.0 if width <= 31 else None)
    # a shared day says much, a shared month little, a shared year almost nothing
    precision = 1.0 if width <= 1 else 0.6 if width <= 7 else 0.25 if width <= 31 else 0.05
    return None, precision * (1.0 - gap / (window + 1))


def place_signal(a: PlaceView | None, b: PlaceView | None, radius: float) -> tuple[str | None, float | None]:
    if not a or not b:
        return None, None
    km = None
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    same_name = bool(a.name) and a.name.casefold() == b.name.casefold()
    if a.feature in CONTAINERS or b.feature in CONTAINERS:
        if same_name or (a.country and a.country == b.country):
            return None, 0.2  # a country (province, region) contains its towns
        if a.country and b.country and (km is None or km > 3 * radius):
            return None, -1.0  # other countries: against, but a country is often named in passing
        return None, None  # neighbouring areas: says nothing either way
    if km is not None:
        if km <= radius:
            return None, 1.0 - 0.5 * km / radius
        return f"places {km:.0f} km apart", None
    if same_name:
        return None, 1.0
    if a.country and b.country and a.country != b.country:
        return None, -1.0
    return None, None


def actor_signal(a: frozenset[str], b: set[str] | frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / len(a | b)
