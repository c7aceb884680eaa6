"""Incidents of a batch of records (``sitroom incidents --input``), and their JSON lines."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sitroom.incidents import lexical
from sitroom.incidents.claims import figure_claims, summarise
from sitroom.incidents.cluster import Clusterer, Incident, MemoryIndex
from sitroom.incidents.match import MatchConfig

log = logging.getLogger(__name__)


def build_incidents(records: Iterable[Mapping[str, Any]], *, texts: Mapping[str, str] | None = None,
                    config: MatchConfig | None = None) -> list[Incident]:
    """Incidents of output-format.md records, taken in the order given. Error records are
    skipped; ``texts`` (document id -> article text) strengthens the lexical signal
    when the records do not carry their text."""
    texts = texts or {}
    kept: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    for r in records:
        if "error" in r or r.get("id") is None:
            continue
        if str(r["id"]) in seen:
            log.warning("record %s appears twice; the later one is ignored", r["id"])
            continue
        seen.add(str(r["id"]))
        kept.append(r)
    terms = [lexical.record_terms(r, texts.get(str(r["id"]))) for r in kept]
    idf = lexical.Idf.from_documents(terms)
    config = config or MatchConfig()
    index = MemoryIndex(config)
    clusterer = Clusterer(index, idf, config)
    for record, counts in zip(kept, terms):
        clusterer.add(record, counts)
    return [i for i in index.incidents if i.members]


def incident_claims(incident: Incident) -> dict[str, dict[str, Any]]:
    claims = []
    for n, m in enumerate(incident.members):
        claims += figure_claims(m.view.doc, m.view.figures, reported=m.view.reported,
                                outlet=m.view.outlet, order=n)
    return summarise(claims)


def incident_to_dict(incident: Incident, label: str) -> dict[str, Any]:
    """The output-format.md incident line, plus ``acled``, ``basis``, ``reports`` (each
    report's evidence) and ``claims`` (figures by kind over time)."""
    members = incident.members
    place = incident.place
    acled = incident.acled_type
    return {
        "id": label,
        "documents": list(dict.fromkeys(m.view.doc for m in members)),
        "events": [[m.view.doc, m.view.event] for m in members if not m.view.pseudo],
        "plover": incident.plover,
        "date": incident.date,
        "place": None if place is None else {"name": place.name, "lat": place.lat, "lon": place.lon},
        "acled": None if acled is None else {"event_type": acled[0], "sub_event_type": acled[1]},
        # "text": grouped only by the articles' words (no event was extracted from them)
        "basis": "text" if incident.is_pseudo else "events",
        "reports": [{"document": m.view.doc, "event": m.view.event, "trigger": m.view.trigger,
                     "score": round(m.score, 4), "evidence": m.evidence} for m in members],
        "claims": incident_claims(incident),
    }
