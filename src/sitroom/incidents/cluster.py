"""Incremental assignment of events to incidents, in memory or on a store.

Articles arrive one at a time (``Clusterer.add``). An article's typed events are
grouped into units (match.document_units); each unit is compared (match.py) with the
incidents an *index* proposes as candidates and joins the best one whose score reaches
the threshold, or starts a new incident. Events with no type (neutral statements) are
not incidents. An article with no typed event takes part as one pseudo-event matched
on its text alone, so every article appears in an incident (docs/output-format.md) and articles
without extracted events still group by story.

The same ``Clusterer`` runs on :class:`MemoryIndex` (``sitroom incidents --input``)
and on the store's index (``sitroom.store.repository``), so incidents built in batch
and incidents kept up to date as articles arrive follow one rule. The result depends
on arrival order (articles are never re-clustered); batch input is taken in file order.
"""
from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from sitroom.incidents import lexical
from sitroom.incidents.match import (
    EventView,
    MatchConfig,
    PlaceView,
    Signals,
    Unit,
    actor_signal,
    date_range,
    date_signal,
    days_between,
    document_units,
    event_views,
    place_signal,
    pseudo_event,
    representative_place,
    shift,
    type_signal_sets,
)

#: the strongest terms of an incident and of a new article that candidate lookup uses
LOOKUP_TERMS = 40
#: how many lexical candidates (most shared strong terms first) an event is scored against
LEXICAL_CANDIDATES = 60
#: how many terms an incident's lexical profile keeps
PROFILE_TERMS = 400


@dataclass(slots=True)
class Member:
    """One report of an incident: the event (or pseudo-event) and why it joined."""

    view: EventView
    score: float
    evidence: dict[str, Any]


@dataclass(eq=False)
class Incident:
    """An incident built so far: its reports and the profile new reports are compared with.

    ``members`` holds the reports added in this session; an incident loaded from a
    store carries its profile (counts) and only the new members.
    """

    id: Any = None
    members: list[Member] = field(default_factory=list)
    docs: Counter = field(default_factory=Counter)          # document -> reports in it
    lex: dict[str, float] = field(default_factory=dict)      # sum of its documents' tf vectors
    plovers: Counter = field(default_factory=Counter)
    acled: Counter = field(default_factory=Counter)          # (event_type, sub_event_type)
    dates: Counter = field(default_factory=Counter)          # (value, start iso, end iso)
    places: Counter = field(default_factory=Counter)         # PlaceView
    actors: Counter = field(default_factory=Counter)
    reported: Counter = field(default_factory=Counter)       # publication dates of its articles
    stated: Counter = field(default_factory=Counter)         # dates its events' texts state
    n_events: int = 0
    version: int = 0

    # ---- what an incident says ----------------------------------------------------
    @property
    def plover(self) -> str | None:
        return _mode(self.plovers)

    @property
    def acled_type(self) -> tuple[str, str | None] | None:
        return _mode(self.acled)

    @property
    def date(self) -> str | None:
        """The date most of its reports give, the most precise first."""
        if not self.dates:
            return None
        return max(self.dates.items(), key=lambda kv: (kv[1], len(kv[0][0]), _neg(kv[0][1])))[0][0]

    @property
    def date_support(self) -> float:
        """Share of its events that give its date."""
        value = self.date
        if value is None or not self.n_events:
            return 0.0
        return sum(n for k, n in self.dates.items() if k[0] == value) / self.n_events

    @property
    def date_stated(self) -> bool:
        """Its date is one its reports' texts state for an event."""
        return self.date is not None and self.stated[self.date] > 0

    @property
    def date_span(self) -> tuple[str, str] | None:
        if not self.dates:
            return None
        return min(k[1] for k in self.dates), max(k[2] for k in self.dates)

    @property
    def place(self) -> PlaceView | None:
        """The place most of its reports give; a town before the country it is in."""
        return representative_place(self.places)

    @property
    def is_pseudo(self) -> bool:
        return self.n_events == 0

    # ---- growing ------------------------------------------------------------------
    def add(self, view: EventView, tf: Mapping[str, float], score: float, evidence: dict[str, Any]) -> None:
        self.members.append(Member(view, score, evidence))
        if view.doc not in self.docs:
            lexical.add_into(self.lex, tf)
            if len(self.lex) > PROFILE_TERMS * 1.5:
                keep = lexical.top_terms(self.lex, PROFILE_TERMS)
                self.lex = {t: self.lex[t] for t in keep}
            if view.reported:
                self.reported[str(view.reported)[:10]] += 1
        self.docs[view.doc] += 1
        if not view.pseudo:
            self.n_events += 1
            if view.plover:
                self.plovers[view.plover] += 1
            if view.acled:
                self.acled[(view.acled, view.acled_sub)] += 1
            if view.start:
                self.dates[(view.date, view.start.isoformat(), view.end.isoformat())] += 1
                if view.date_source == "text":
                    self.stated[view.date] += 1
            if view.place:
                self.places[view.place] += 1
            self.actors.update(view.actors)
        self.version += 1

    # ---- store round trip ---------------------------------------------------------
    def profile(self) -> dict[str, Any]:
        return {
            "docs": dict(self.docs), "lex": self.lex, "plovers": dict(self.plovers),
            "acled": [[t, s, n] for (t, s), n in self.acled.items()],
            "dates": [[v, a, b, n] for (v, a, b), n in self.dates.items()],
            "places": [[p.name, p.lat, p.lon, p.country, p.feature, n] for p, n in self.places.items()],
            "actors": dict(self.actors), "reported": dict(self.reported), "n_events": self.n_events,
            "stated": dict(self.stated),
        }

    @classmethod
    def from_profile(cls, incident_id: Any, profile: Mapping[str, Any]) -> Incident:
        return cls(
            id=incident_id, docs=Counter(profile.get("docs") or {}), lex=dict(profile.get("lex") or {}),
            plovers=Counter(profile.get("plovers") or {}),
            acled=Counter({(t, s): n for t, s, n in profile.get("acled") or ()}),
            dates=Counter({(v, a, b): n for v, a, b, n in profile.get("dates") or ()}),
            places=Counter({PlaceView(nm, la, lo, c, f): n for nm, la, lo, c, f, n in profile.get("places") or ()}),
            actors=Counter(profile.get("actors") or {}), reported=Counter(profile.get("reported") or {}),
            n_events=int(profile.get("n_events") or 0), stated=Counter(profile.get("stated") or {}),
        )


def _same_days(a: tuple[date, date] | None, b: tuple[date, date] | None, window: int) -> bool:
    """Both dated to the day (or a few days) and within the window of each other."""
    if not a or not b or (a[1] - a[0]).days > 6 or (b[1] - b[0]).days > 6:
        return False
    return (max(a[0], b[0]) - min(a[1], b[1])).days <= window


def _mode(counter: Counter):
    """The most frequent key; on a tie the first in sorted order, not in insertion order
    (a profile read back from PostgreSQL's JSONB has its keys in another order)."""
    if not counter:
        return None
    return max(sorted(counter.items(), key=lambda kv: str(kv[0])), key=lambda kv: kv[1])[0]


def _neg(iso: str) -> int:
    return -date.fromisoformat(iso).toordinal()


class Index(Protocol):
    """Where incidents live: proposes candidates for an event and keeps new ones."""

    def candidates(self, unit: Unit, lookup: list[str]) -> Iterable[Incident]: ...

    def create(self) -> Incident: ...

    def touched(self, incident: Incident) -> None: ...


class MemoryIndex:
    """Incidents in memory, found by shared strong terms, by date and by document."""

    def __init__(self, config: MatchConfig | None = None) -> None:
        self.config = config or MatchConfig()
        self.incidents: list[Incident] = []
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._by_day: dict[date, set[int]] = defaultdict(set)
        self._by_doc: dict[str, set[int]] = defaultdict(set)
        self._indexed_terms: dict[int, set[str]] = defaultdict(set)

    def create(self) -> Incident:
        incident = Incident(id=len(self.incidents))
        self.incidents.append(incident)
        return incident

    def touched(self, incident: Incident) -> None:
        i = incident.id
        member = incident.members[-1].view
        self._by_doc[member.doc].add(i)
        if member.start and (member.end - member.start).days <= 31:
            for d in days_between(member.start, member.end):
                self._by_day[d].add(i)
        new_terms = set(lexical.top_terms(incident.lex, LOOKUP_TERMS)) - self._indexed_terms[i]
        for t in new_terms:
            self._postings[t].add(i)
        self._indexed_terms[i] |= new_terms

    def candidates(self, unit: Unit, lookup: list[str]) -> list[Incident]:
        hits: Counter = Counter()
        for t in lookup:
            for i in self._postings.get(t, ()):
                hits[i] += 1
        found = {i for i, _ in hits.most_common(LEXICAL_CANDIDATES)}
        found |= self._by_doc.get(unit.doc, set())
        when = unit.date
        if when and (when[1] - when[0]).days <= 31:
            w = self.config.window_days
            for d in days_between(shift(when[0], -w), shift(when[1], w)):
                found |= self._by_day.get(d, set())
        return [self.incidents[i] for i in sorted(found)]


class Clusterer:
    """Assigns each article's events to incidents (see the module docstring)."""

    def __init__(self, index: Index, idf: lexical.Idf, config: MatchConfig | None = None) -> None:
        self.index = index
        self.idf = idf
        self.config = config or MatchConfig()
        # an incident's IDF-weighted profile, kept while neither it nor the IDF changes
        self._centroids: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def add(self, record: Mapping[str, Any], terms: Mapping[str, int]) -> list[tuple[Incident, Member]]:
        """Assign one article (a output-format.md record and its term counts); returns each
        (incident, member) it added. ``self.idf`` must already count this article."""
        views = [v for v in event_views(dict(record)) if v.plover or v.acled]
        units = document_units(views, self.config) if views else [Unit.of([pseudo_event(dict(record))])]
        tf = lexical.tf_vector(terms)
        wvec = lexical.weighted(tf, self.idf)
        lookup = lexical.top_terms(wvec, LOOKUP_TERMS)
        lex_cache: dict[int, float] = {}
        main = max(units, key=lambda u: len(u.views))  # the first of the largest on a tie
        out = []
        for unit in units:
            best, best_sig = None, None
            for incident in self.index.candidates(unit, lookup):
                sig = self.compare(unit, incident, tf, wvec, lex_cache, main=unit is main)
                if sig.conflict is None and (best_sig is None or sig.score > best_sig.score):
                    best, best_sig = incident, sig
            if best is None or best_sig is None or best_sig.score <= self.config.threshold:
                best, evidence, score = self.index.create(), {"new": True}, 0.0
            else:
                evidence, score = best_sig.as_evidence(), best_sig.score
            for view in unit.views:
                best.add(view, tf, score, evidence)
                self.index.touched(best)
                out.append((best, best.members[-1]))
        return out

    def compare(self, unit: Unit, incident: Incident, tf: Mapping[str, float],
                wvec: Mapping[str, float], lex_cache: dict[int, float], *, main: bool = True) -> Signals:
        """The signals of one unit against one incident (see match.py). The article's words
        speak for its main unit only (the one with most events): an earlier attack it
        recalls in a paragraph must match other reports of that attack on type, date,
        place and actors, not on what the article as a whole is about."""
        cfg, sig = self.config, Signals()
        if not unit.pseudo and not incident.is_pseudo:
            when = date_range(incident.date)
            # types with nothing in common rule a match out; a date or place does only when
            # it is what the reports mostly say (a date one event of many carries, a place
            # perhaps misread, count against: -1 times the weight)
            firm_dates = unit.date_support >= 0.5 and incident.date_support >= 0.5
            kind = type_signal_sets(unit.plovers, unit.acled, set(incident.plovers), {t for t, _ in incident.acled})
            day = date_signal(unit.date, when, cfg.window_days)
            place = place_signal(unit.place, incident.place, cfg.radius_km)
            if day[0] and place[0]:
                # other days and other towns: two incidents, however alike the articles read
                # (a strike on 1 March in one city, another on 16 March in another)
                sig.conflict = f"{day[0]} and {place[0]}"
                return sig
            stated = cfg.stated_dates and unit.date_stated and incident.date_stated
            if day[0] and not (firm_dates or stated):
                day = (None, -1.0)
            if place[0] and not (firm_dates and _same_days(unit.date, when, cfg.window_days)):
                # towns far apart are decisive when both reports date the happening to the
                # same days (two shootings on one day in two towns)
                place = (None, -1.0)
            checks = (("type", kind), ("date", day), ("place", place))
            for name, (conflict, value) in checks:
                if conflict:
                    sig.conflict = conflict
                    return sig
                if value is not None:
                    sig.values[name] = value
            actors = actor_signal(frozenset(unit.actors), set(incident.actors))
            if actors is not None:
                sig.values["actors"] = actors
        key = id(incident)
        if main and key not in lex_cache:
            lex_cache[key] = self._lexical(unit.doc, incident, tf, wvec)
        if main and lex_cache[key] > 0:
            sig.values["lexical"] = lex_cache[key]
        sig.score = sum(getattr(cfg, "w_" + k) * v for k, v in sig.values.items())
        return sig

    def _lexical(self, doc: str, incident: Incident, tf: Mapping[str, float], wvec: Mapping[str, float]) -> float:
        if doc in incident.docs:  # compare with the incident's other articles only
            if len(incident.docs) == 1:
                return 0.0
            rest = dict(incident.lex)
            lexical.add_into(rest, tf, -1.0)
            return lexical.cosine(wvec, lexical.weighted(rest, self.idf))
        cached = self._centroids.get(incident)
        if cached is None or cached[0] != incident.version or cached[1] != self.idf.n:
            cached = (incident.version, self.idf.n, lexical.weighted(incident.lex, self.idf))
            self._centroids[incident] = cached
        return lexical.cosine(wvec, cached[2])
