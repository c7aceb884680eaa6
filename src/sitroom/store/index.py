"""The incidents of a store as a ``cluster.Index``: candidates by SQL, written back after.

For each new article the clusterer asks for candidate incidents; they come from the
``incident_terms`` postings (incidents whose strongest terms the article shares), from
incidents of the same type whose dates overlap the event's (within the window), and
from incidents the article has joined already. Loaded incidents stay in memory for the
rest of the article; ``flush`` writes the touched ones, their new members and claims.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sitroom.incidents import lexical
from sitroom.incidents.build import incident_claims
from sitroom.incidents.cluster import LEXICAL_CANDIDATES, LOOKUP_TERMS, Incident
from sitroom.incidents.match import RELATED_TYPES, MatchConfig, Unit, shift
from sitroom.store import schema as t

#: how many same-type, same-dates incidents an event is compared with
DATE_CANDIDATES = 50
#: terms per IN (...) list: well under SQLite's and PostgreSQL's parameter limits
CHUNK = 500


def _chunks(items: list, n: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class DfCache:
    """Document frequencies a store has read or written, kept between articles so that each
    new article reads only terms it has not met. Valid while this process is the only
    writer; ``Store.transaction`` clears it when a transaction fails."""

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        self.n: int | None = None

    def counted(self, terms: Iterable[str]) -> None:
        """Another stored article has these terms (its row is written)."""
        for x in terms:
            if x in self.df:
                self.df[x] += 1
        if self.n is not None:
            self.n += 1

    def clear(self) -> None:
        self.df.clear()
        self.n = None


class StoreIdf(lexical.Idf):
    """IDF from the ``terms`` table, fetched for the terms a comparison needs."""

    def __init__(self, conn: Connection, cache: DfCache | None = None) -> None:
        super().__init__()
        self.conn = conn
        self.cache = cache or DfCache()
        if self.cache.n is None:
            self.cache.n = conn.execute(sa.select(sa.func.count()).select_from(t.extractions)).scalar_one()
        self.n = self.cache.n
        self.df = self.cache.df

    def load(self, terms: Iterable[str]) -> None:
        missing = [x for x in set(terms) if x not in self.df]
        for chunk in _chunks(missing):
            for term, df in self.conn.execute(sa.select(t.terms.c.term, t.terms.c.df).where(t.terms.c.term.in_(chunk))):
                self.df[term] = df
        for x in missing:
            self.df.setdefault(x, 0)


class StoreIndex:
    def __init__(self, conn: Connection, idf: StoreIdf, config: MatchConfig) -> None:
        self.conn = conn
        self.idf = idf
        self.config = config
        self.loaded: dict[Any, Incident] = {}
        self.touched_set: dict[int, Incident] = {}   # python id -> incident, in touch order
        self._lexical: list[int] | None = None
        self._doc: str | None = None

    # ---- cluster.Index ------------------------------------------------------------
    def create(self) -> Incident:
        incident = Incident(id=None)
        self.touched_set[id(incident)] = incident
        return incident

    def touched(self, incident: Incident) -> None:
        self.touched_set[id(incident)] = incident

    def candidates(self, unit: Unit, lookup: list[str]) -> list[Incident]:
        if self._doc != unit.doc:
            self._doc, self._lexical = unit.doc, None
        if self._lexical is None:
            self._lexical = self._lexical_ids(lookup)
        ids = list(self._lexical)
        when = unit.date
        if when and unit.plovers and (when[1] - when[0]).days <= 31:
            ids += self._date_ids(unit.plovers, when)
        found = self._load([i for i in dict.fromkeys(ids) if i not in self.loaded])
        out = [self.loaded[i] for i in dict.fromkeys(ids) if i in self.loaded]
        out += [inc for inc in self.touched_set.values() if unit.doc in inc.docs and inc not in out]
        terms = set(lookup)
        for inc in found:
            terms.update(inc.lex)
        self.idf.load(terms)
        return out

    # ---- queries ------------------------------------------------------------------
    def _lexical_ids(self, lookup: list[str]) -> list[int]:
        if not lookup:
            return []
        it = t.incident_terms
        q = (sa.select(it.c.incident_id, sa.func.count().label("n")).where(it.c.term.in_(lookup[:LOOKUP_TERMS]))
             .group_by(it.c.incident_id).order_by(sa.desc("n"), it.c.incident_id).limit(LEXICAL_CANDIDATES))
        return [row[0] for row in self.conn.execute(q)]

    def _date_ids(self, plovers: set[str], when: tuple[date, date]) -> list[int]:
        types = set(plovers).union(*(g for g in RELATED_TYPES if g & plovers))
        w = self.config.window_days
        inc = t.incidents
        q = (sa.select(inc.c.id)
             .where(inc.c.plover.in_(sorted(types)),
                    inc.c.date_start <= shift(when[1], w).isoformat(),
                    inc.c.date_end >= shift(when[0], -w).isoformat())
             .order_by(inc.c.id.desc()).limit(DATE_CANDIDATES))
        return [row[0] for row in self.conn.execute(q)]

    def _load(self, ids: list[int]) -> list[Incident]:
        out = []
        for chunk in _chunks(ids):
            for iid, profile in self.conn.execute(
                    sa.select(t.incidents.c.id, t.incidents.c.profile).where(t.incidents.c.id.in_(chunk))):
                incident = Incident.from_profile(iid, profile)
                self.loaded[iid] = incident
                out.append(incident)
        return out

    # ---- writing back -------------------------------------------------------------
    def flush(self, event_pks: dict[tuple[str, str], int]) -> list[int]:
        """Write every touched incident, its new members and their claims; returns their ids.
        ``event_pks`` maps (article id, event id) to the events row of each new member."""
        return write_incidents(self.conn, list(self.touched_set.values()), event_pks)


def write_incidents(conn: Connection, incidents: list[Incident], event_pks: dict[tuple[str, str], int]) -> list[int]:
    """Insert or update incidents (``id`` None = new) with their members (all new) and claims."""
    now = datetime.now(UTC)
    ids = []
    for incident in incidents:
        values = _incident_columns(incident, now)
        if incident.id is None:
            incident.id = conn.execute(
                sa.insert(t.incidents).values(**values, created=now).returning(t.incidents.c.id)).scalar_one()
        else:
            conn.execute(sa.update(t.incidents).where(t.incidents.c.id == incident.id).values(**values))
        _write_terms(conn, incident)
        members = [{
            "incident_id": incident.id,
            "event_pk": None if m.view.pseudo else event_pks.get((m.view.doc, m.view.event)),
            "article_id": m.view.doc, "event_id": m.view.event, "trigger": m.view.trigger or None,
            "score": m.score, "evidence": m.evidence, "added": now,
        } for m in incident.members]
        if members:
            conn.execute(sa.insert(t.incident_events), members)
        _write_claims(conn, incident)
        ids.append(incident.id)
    return ids


def _write_terms(conn: Connection, incident: Incident) -> None:
    top = set(lexical.top_terms(incident.lex, LOOKUP_TERMS))
    it = t.incident_terms
    have = {r[0] for r in conn.execute(sa.select(it.c.term).where(it.c.incident_id == incident.id))}
    gone = sorted(have - top)
    for chunk in _chunks(gone):
        conn.execute(sa.delete(it).where(it.c.incident_id == incident.id, it.c.term.in_(chunk)))
    new = sorted(top - have)
    if new:
        conn.execute(sa.insert(it), [{"incident_id": incident.id, "term": x} for x in new])


def _write_claims(conn: Connection, incident: Incident) -> None:
    """Claims of the incident's new members (their figures), one row per (article, figure)."""
    rows = []
    for kind, block in incident_claims(incident).items():
        for c in block["claims"]:
            rows.append({
                "incident_id": incident.id, "article_id": c["document"], "figure_id": c["figure"],
                "kind": kind, "value": c["value"], "low": c["low"], "high": c["high"],
                "qualifier": c["qualifier"], "text": c["text"], "claimed_by": _clip(c["claimed_by"], 300),
                "outlet": _clip(c["outlet"], 500), "certainty": c["certainty"], "reported": c["reported"],
            })
    if rows:
        conn.execute(sa.insert(t.claims), rows)


def _clip(value: str | None, n: int) -> str | None:
    return value if value is None or len(value) <= n else value[: n - 1] + "…"


def _incident_columns(incident: Incident, now: datetime) -> dict[str, Any]:
    place = incident.place
    acled = incident.acled_type
    span = incident.date_span
    return {
        "plover": incident.plover,
        "acled_event_type": acled[0] if acled else None, "acled_sub_event_type": acled[1] if acled else None,
        "date": incident.date, "date_start": span[0] if span else None, "date_end": span[1] if span else None,
        "place_name": _clip(place.name, 300) if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "country": place.country if place else None,
        "n_documents": len(incident.docs), "n_events": incident.n_events,
        "profile": incident.profile(), "updated": now,
    }
