"""Hand-made output-format.md records for incident and store tests (no model needed).

>>> r = Rec("a1", "Gunmen attacked a market in Kano on Friday, killing 12 people.", published="2024-05-03")
>>> p = r.place("Kano", 12.0, 8.52, "NGA")
>>> f = r.figure("12 people", "killed", 12)
>>> r.event("attacked", plover="ASSAULT", date="2024-05-03", place=p, figures=[f])
>>> record = r.done()      # checked by sitroom.model.serialize.from_dict
"""
from __future__ import annotations

from typing import Any

from sitroom.model.serialize import from_dict


class Rec:
    def __init__(self, doc_id: str, text: str, *, published: str | None = None, source: str | None = None,
                 url: str | None = None, title: str | None = None) -> None:
        self.id, self.text = doc_id, text
        self.meta = {k: v for k, v in (("source", source), ("url", url), ("title", title)) if v is not None}
        self.published = published
        self.entities: list[dict] = []
        self.actors: list[dict] = []
        self.places: list[dict] = []
        self.times: list[dict] = []
        self.events: list[dict] = []
        self.figures: list[dict] = []
        self.quotes: list[dict] = []

    def span(self, surface: str) -> dict[str, Any]:
        start = self.text.index(surface)
        return {"start": start, "end": start + len(surface), "text": surface}

    def entity(self, surface: str, label: str) -> None:
        self.entities.append({**self.span(surface), "label": label})

    def actor(self, surface: str, *, name: str | None = None, kind: str = "armed_group", country: str | None = None,
              code: str | None = None) -> str:
        aid = f"A{len(self.actors) + 1}"
        self.actors.append({"id": aid, "name": name or surface, "kind": kind, "country": country, "code": code,
                            "mentions": [self.span(surface)], "affiliations": []})
        return aid

    def place(self, surface: str, lat: float | None, lon: float | None, country: str | None = None, *,
              feature: str = "city", name: str | None = None) -> str:
        pid = f"P{len(self.places) + 1}"
        self.places.append({"id": pid, "name": name or surface, "lat": lat, "lon": lon, "country": country,
                            "geonames_id": None, "feature": feature, "mentions": [self.span(surface)]})
        return pid

    def figure(self, surface: str, kind: str, value: float | None, *, low: float | None = None,
               high: float | None = None, qualifier: str = "exact", said_by: str | None = None,
               said_by_actor: str | None = None, certainty: str = "asserted") -> str:
        fid = f"F{len(self.figures) + 1}"
        if qualifier == "exact" and low is None:
            low = high = value
        source = None
        if said_by:
            source = {**self.span(said_by), "actor": said_by_actor}
        self.figures.append({"id": fid, "kind": kind, "value": value, "low": low, "high": high,
                             "qualifier": qualifier, **self.span(surface), "subject": None, "event": None,
                             "attribution": {"source": source, "cue": None, "certainty": certainty}})
        return fid

    def event(self, trigger: str, *, plover: str | None = "ASSAULT", quad: str = "MATERIAL_CONFLICT",
              date: str | None = None, place: str | None = None, source: str | None = None,
              target: str | None = None, figures: list[str] = (), acled: tuple[str, str] | None = None,
              cameo: str | None = None, date_source: str | None = None, **flags: bool) -> str:
        eid = f"E{len(self.events) + 1}"

        def ref(aid):
            if aid is None:
                return None
            actor = next(a for a in self.actors if a["id"] == aid)
            return {"actor": aid, **actor["mentions"][0]}

        self.events.append({
            "id": eid, "plover": plover, "quad_class": quad, "cameo": cameo,
            "acled": None if acled is None else {"event_type": acled[0], "sub_event_type": acled[1]},
            "trigger": self.span(trigger), "source": ref(source), "target": ref(target),
            "time": None, "date": date, "date_source": date_source if date else None, "place": place,
            "figures": list(figures),
            "negated": flags.get("negated", False), "hypothetical": flags.get("hypothetical", False),
            "historical": flags.get("historical", False),
            "attribution": {"source": None, "cue": None, "certainty": "asserted"},
        })
        for f in self.figures:
            if f["id"] in figures and f["event"] is None:
                f["event"] = eid
        return eid

    def done(self, *, with_text: bool = False) -> dict[str, Any]:
        d = {"id": self.id, "schema_version": 1, "published": self.published, "language": "en", **self.meta,
             "entities": self.entities, "actors": self.actors, "places": self.places, "times": self.times,
             "events": self.events, "figures": self.figures, "quotes": self.quotes}
        from_dict(d, self.text)  # the record is well-formed output-format.md
        if with_text:
            d["text"] = self.text
        return d


def plain(doc_id: str, text: str, *, names: tuple[str, ...] = (), published: str | None = None,
          **meta: str) -> dict[str, Any]:
    """A record with no event: only entity mentions of ``names`` (each must occur in ``text``)."""
    r = Rec(doc_id, text, published=published, **meta)
    for n in names:
        r.entity(n, "GPE" if n[0].isupper() else "ORG")
    return r.done()
