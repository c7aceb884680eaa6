"""The one place records become output dicts (docs/output-format.md) (schema_version 1) and back.

``to_dict(from_dict(d)) == d`` for every record this module writes; the property
tests in tests/model/test_serialize.py hold it to that.
"""
from __future__ import annotations

from typing import Any

from sitroom.model.records import (
    Acled,
    Actor,
    ActorRef,
    Affiliation,
    Attribution,
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Place,
    Quote,
    Rejection,
    Span,
    Speaker,
    TimeRef,
)
from sitroom.model.vocab import (
    ActorKind,
    Certainty,
    DateSource,
    Feature,
    FigureKind,
    Plover,
    QuadClass,
    Qualifier,
    QuoteKind,
    Relation,
    TimeType,
)

SCHEMA_VERSION = 1


# ---- records -> dicts -------------------------------------------------------------

def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _opt_span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else _span(s)


def _ref(r: ActorRef | None) -> dict[str, Any] | None:
    return None if r is None else {"actor": r.actor, **_span(r.span)}


def _attribution(a: Attribution) -> dict[str, Any]:
    return {"source": _ref(a.source), "cue": _opt_span(a.cue), "certainty": a.certainty.value}


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id, "name": a.name, "kind": a.kind.value, "country": a.country, "code": a.code,
        "mentions": [_span(m) for m in a.mentions],
        "affiliations": [{"relation": f.relation.value, "actor": f.actor} for f in a.affiliations],
    }


def _place(p: Place) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
        "geonames_id": p.geonames_id, "feature": p.feature.value,
        "mentions": [_span(m) for m in p.mentions],
    }


def _time(t: TimeRef) -> dict[str, Any]:
    return {"id": t.id, **_span(t.span), "type": t.type.value, "value": t.value}


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "plover": None if e.plover is None else e.plover.value,
        "quad_class": e.quad_class.value,
        "cameo": e.cameo,
        "acled": None if e.acled is None
        else {"event_type": e.acled.event_type, "sub_event_type": e.acled.sub_event_type},
        "trigger": _span(e.trigger),
        "mentions": [_span(m) for m in e.mentions],
        "source": _ref(e.source), "target": _ref(e.target),
        "time": e.time, "date": e.date, "place": e.place,
        "date_source": None if e.date_source is None else e.date_source.value,
        "figures": list(e.figures),
        "negated": e.negated, "hypothetical": e.hypothetical, "historical": e.historical,
        "attribution": _attribution(e.attribution),
    }


def _figure(f: Figure) -> dict[str, Any]:
    return {
        "id": f.id, "kind": f.kind.value, "value": f.value, "low": f.low, "high": f.high,
        "qualifier": f.qualifier.value, **_span(f.span),
        "subject": _opt_span(f.subject), "event": f.event,
        "attribution": _attribution(f.attribution),
    }


def _quote(q: Quote) -> dict[str, Any]:
    speaker = None
    if q.speaker is not None:
        speaker = {**_span(q.speaker.span), "actor": q.speaker.actor, "name": q.speaker.name}
    return {
        "id": q.id, "kind": q.kind.value, "content": _span(q.content), "speaker": speaker,
        "cue": _opt_span(q.cue), "certainty": q.certainty.value,
    }


def to_dict(x: Extraction, *, include_text: bool | None = None) -> dict[str, Any]:
    """The output-format.md record of one article. ``text`` is written when the input was
    HTML (offsets point into extracted text the caller does not have) or when asked."""
    d = x.document
    out: dict[str, Any] = {"id": d.id, "schema_version": x.schema_version, "published": d.published,
                           "language": d.language or "en"}
    for key in ("title", "source", "url"):
        if getattr(d, key) is not None:
            out[key] = getattr(d, key)
    if d.warnings:
        out["warnings"] = [{"code": code, "message": message} for code, message in d.warnings]
    if include_text or (include_text is None and d.from_html):
        out["text"] = d.text
    out["entities"] = [{**_span(e.span), "label": e.label} for e in x.entities]
    out["actors"] = [_actor(a) for a in x.actors]
    out["places"] = [_place(p) for p in x.places]
    out["times"] = [_time(t) for t in x.times]
    out["events"] = [_event(e) for e in x.events]
    out["figures"] = [_figure(f) for f in x.figures]
    out["quotes"] = [_quote(q) for q in x.quotes]
    return out


def rejection_to_dict(r: Rejection) -> dict[str, Any]:
    """The error record of an article that could not be processed (docs/input.md)."""
    return {"id": r.id, "schema_version": SCHEMA_VERSION, "error": {"code": r.code, "message": r.message}}


# ---- dicts -> records -------------------------------------------------------------

def _s(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def _opt_s(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else _s(d)


def _r(d: dict[str, Any] | None) -> ActorRef | None:
    return None if d is None else ActorRef(_s(d), d.get("actor"))


def _a(d: dict[str, Any]) -> Attribution:
    return Attribution(Certainty(d["certainty"]), _r(d.get("source")), _opt_s(d.get("cue")))


def from_dict(d: dict[str, Any], text: str | None = None) -> Extraction | Rejection:
    """Rebuild the typed record. ``text`` is the article text when the record does not carry it."""
    if "error" in d:
        return Rejection(d.get("id"), d["error"]["code"], d["error"]["message"])
    body = d.get("text", text)
    if body is None:
        raise ValueError("record has no text; pass the article text")
    document = Document(
        id=d["id"], text=body, published=d.get("published"), title=d.get("title"),
        source=d.get("source"), url=d.get("url"), language=d.get("language"),
        from_html="text" in d,
        warnings=tuple((w["code"], w["message"]) for w in d.get("warnings") or ()),
    )
    return Extraction(
        document=document,
        schema_version=d.get("schema_version", SCHEMA_VERSION),
        entities=tuple(Entity(_s(e), e["label"]) for e in d.get("entities", [])),
        actors=tuple(
            Actor(a["id"], a["name"], ActorKind(a["kind"]), tuple(_s(m) for m in a["mentions"]),
                  a.get("country"), a.get("code"),
                  tuple(Affiliation(Relation(f["relation"]), f["actor"]) for f in a.get("affiliations", [])))
            for a in d.get("actors", [])
        ),
        places=tuple(
            Place(p["id"], p["name"], tuple(_s(m) for m in p["mentions"]), p.get("lat"), p.get("lon"),
                  p.get("country"), p.get("geonames_id"), Feature(p.get("feature", "other")))
            for p in d.get("places", [])
        ),
        times=tuple(TimeRef(t["id"], _s(t), TimeType(t["type"]), t["value"]) for t in d.get("times", [])),
        events=tuple(
            Event(
                id=e["id"], trigger=_s(e["trigger"]), quad_class=QuadClass(e["quad_class"]),
                plover=None if e.get("plover") is None else Plover(e["plover"]), cameo=e.get("cameo"),
                acled=None if e.get("acled") is None else Acled(e["acled"]["event_type"], e["acled"]["sub_event_type"]),
                source=_r(e.get("source")), target=_r(e.get("target")), time=e.get("time"),
                date=e.get("date"), place=e.get("place"), figures=tuple(e.get("figures", [])),
                date_source=None if e.get("date_source") is None else DateSource(e["date_source"]),
                negated=e.get("negated", False), hypothetical=e.get("hypothetical", False),
                historical=e.get("historical", False), attribution=_a(e["attribution"]),
                mentions=tuple(_s(m) for m in e.get("mentions", [])),
            )
            for e in d.get("events", [])
        ),
        figures=tuple(
            Figure(
                id=f["id"], span=_s(f), kind=FigureKind(f["kind"]), qualifier=Qualifier(f["qualifier"]),
                value=f.get("value"), low=f.get("low"), high=f.get("high"), subject=_opt_s(f.get("subject")),
                event=f.get("event"), attribution=_a(f["attribution"]),
            )
            for f in d.get("figures", [])
        ),
        quotes=tuple(
            Quote(
                id=q["id"], kind=QuoteKind(q["kind"]), content=_s(q["content"]),
                speaker=None if q.get("speaker") is None else Speaker(
                    _s(q["speaker"]), q["speaker"].get("actor"), q["speaker"].get("name")),
                cue=_opt_s(q.get("cue")), certainty=Certainty(q["certainty"]),
            )
            for q in d.get("quotes", [])
        ),
    )
