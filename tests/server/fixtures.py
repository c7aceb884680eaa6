"""Hand-written articles and their output-format.md records for the server tests (no model needed).

The sentences are written for these tests. Offsets are computed from the text, so every
span holds its text.
"""
from __future__ import annotations

from typing import Any

HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HOSTILE_URL = "javascript:window.__pwned=3"


def span(text: str, phrase: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def _event(text, eid, trigger, plover, quad, cameo, acled, *, source=None, target=None, time=None, date=None,
           place=None, figures=(), negated=False, hypothetical=False, historical=False, certainty="asserted",
           cue=None):
    return {
        "id": eid, "plover": plover, "quad_class": quad, "cameo": cameo,
        "acled": None if acled is None else {"event_type": acled[0], "sub_event_type": acled[1]},
        "trigger": span(text, trigger),
        "source": None if source is None else {"actor": source[0], **span(text, source[1])},
        "target": None if target is None else {"actor": target[0], **span(text, target[1])},
        "time": time, "date": date, "place": place, "figures": list(figures), "negated": negated,
        "hypothetical": hypothetical, "historical": historical,
        "attribution": {"source": None, "cue": None if cue is None else span(text, cue), "certainty": certainty},
    }


def _figure(text, fid, phrase, kind, value, event):
    return {"id": fid, "kind": kind, "value": value, "low": value, "high": value, "qualifier": "exact",
            **span(text, phrase), "subject": None, "event": event,
            "attribution": {"source": None, "cue": None, "certainty": "asserted"}}


def article_one() -> tuple[dict[str, Any], str]:
    text = ("Rebel fighters shelled the town of Kidal on Monday, killing 12 civilians, the regional governor said. "
            "The army retook the airport later that day. Officials warned the rebels may attack Gao next.")
    rec = {
        "id": "art-kidal", "schema_version": 1, "published": "2024-03-06", "language": "en",
        "title": "Shelling in Kidal", "source": "Desk A", "url": "https://news.example.org/kidal",
        "entities": [],
        "actors": [
            {"id": "A1", "name": "Rebel fighters", "kind": "armed_group", "country": "MLI", "code": "MLIREB",
             "mentions": [span(text, "Rebel fighters")], "affiliations": [{"relation": "backed_by", "actor": "A2"}]},
            {"id": "A2", "name": "Mali", "kind": "state", "country": "MLI", "code": "MLI",
             "mentions": [span(text, "The army")], "affiliations": []},
            {"id": "A3", "name": "civilians", "kind": "civilians", "country": None, "code": "CVL",
             "mentions": [span(text, "civilians")], "affiliations": []},
        ],
        "places": [
            {"id": "P1", "name": "Kidal", "lat": 18.44, "lon": 1.41, "country": "MLI", "geonames_id": None,
             "feature": "city", "mentions": [span(text, "Kidal")]},
            {"id": "P2", "name": "Gao", "lat": 16.27, "lon": -0.04, "country": "MLI", "geonames_id": None,
             "feature": "city", "mentions": [span(text, "Gao")]},
        ],
        "times": [{"id": "T1", **span(text, "on Monday"), "type": "DATE", "value": "2024-03-04"}],
        "figures": [_figure(text, "F1", "12", "killed", 12, "E1")],
        "quotes": [{"id": "Q1", "kind": "indirect", "content": span(text, "Rebel fighters shelled the town"),
                    "speaker": {**span(text, "the regional governor"), "actor": None, "name": None},
                    "cue": span(text, "said"), "certainty": "reported"}],
    }
    rec["events"] = [
        _event(text, "E1", "shelled", "ASSAULT", "MATERIAL_CONFLICT", "195",
               ("Explosions/Remote violence", "Shelling/artillery/missile attack"), source=("A1", "Rebel fighters"),
               target=("A3", "civilians"), time="T1", date="2024-03-04", place="P1", figures=["F1"],
               certainty="reported", cue="said"),
        _event(text, "E2", "retook", "ASSAULT", "MATERIAL_CONFLICT", "190",
               ("Battles", "Government regains territory"), source=("A2", "The army"), date="2024-03-04",
               place="P1"),
        _event(text, "E3", "attack", "ASSAULT", "MATERIAL_CONFLICT", "190", ("Battles", "Armed clash"),
               source=("A1", "the rebels"), date="2024-03-06", place="P2", hypothetical=True),
    ]
    return rec, text


def article_two() -> tuple[dict[str, Any], str]:
    text = ("Protesters marched through Kharkiv on Friday to demand more air defence. "
            "Police detained 30 people. The government denied that police beat the marchers.")
    rec = {
        "id": "art-kharkiv", "schema_version": 1, "published": "2023-05-12", "language": "en",
        "title": "March in Kharkiv", "source": "Desk B", "url": None, "entities": [],
        "actors": [
            {"id": "A1", "name": "Protesters", "kind": "civilians", "country": None, "code": None,
             "mentions": [span(text, "Protesters")], "affiliations": []},
            {"id": "A2", "name": "Ukrainian police", "kind": "police", "country": "UKR", "code": "UKRCOP",
             "mentions": [span(text, "Police")], "affiliations": []},
        ],
        "places": [{"id": "P1", "name": "Kharkiv", "lat": 49.99, "lon": 36.23, "country": "UKR",
                    "geonames_id": None, "feature": "city", "mentions": [span(text, "Kharkiv")]}],
        "times": [{"id": "T1", **span(text, "on Friday"), "type": "DATE", "value": "2023-05-12"}],
        "figures": [_figure(text, "F1", "30", "arrested", 30, "E2")],
        "quotes": [],
    }
    rec["events"] = [
        _event(text, "E1", "marched", "PROTEST", "MATERIAL_CONFLICT", "141", ("Protests", "Peaceful protest"),
               source=("A1", "Protesters"), time="T1", date="2023-05-12", place="P1"),
        _event(text, "E2", "detained", "COERCE", "MATERIAL_CONFLICT", "173", ("Protests", "Protest with intervention"),
               source=("A2", "Police"), target=("A1", "people"), date="2023-05-12", place="P1", figures=["F1"]),
        _event(text, "E3", "beat", "ASSAULT", "MATERIAL_CONFLICT", "180", None, source=("A2", "police"),
               target=("A1", "the marchers"), date="2023-05-12", place="P1", negated=True, certainty="denied",
               cue="denied"),
    ]
    return rec, text


def hostile_article() -> tuple[dict[str, Any], str]:
    text = ('Gunmen <script>window.__pwned = 4</script> attacked a checkpoint near Bamako on Sunday. '
            '<img src=x onerror="window.__pwned = 5"> Witnesses said the attackers fled.')
    rec = {
        "id": "art-hostile", "schema_version": 1, "published": "2024-08-11", "language": "en",
        "title": HOSTILE_TITLE, "source": '<b onmouseover="window.__pwned=6">Desk C</b>', "url": HOSTILE_URL,
        "entities": [],
        "actors": [{"id": "A1", "name": "<img src=x onerror=window.__pwned=7>", "kind": "armed_group",
                    "country": None, "code": None, "mentions": [span(text, "Gunmen")], "affiliations": []}],
        "places": [{"id": "P1", "name": "Bamako", "lat": 12.65, "lon": -8.0, "country": "MLI", "geonames_id": None,
                    "feature": "city", "mentions": [span(text, "Bamako")]}],
        "times": [{"id": "T1", **span(text, "on Sunday"), "type": "DATE", "value": "2024-08-11"}],
        "figures": [], "quotes": [],
    }
    rec["events"] = [
        _event(text, "E1", "attacked", "ASSAULT", "MATERIAL_CONFLICT", "190", ("Battles", "Armed clash"),
               source=("A1", "Gunmen"), time="T1", date="2024-08-11", place="P1"),
    ]
    return rec, text


ALL = (article_one, article_two, hostile_article)


def fill(store) -> None:
    for make in ALL:
        rec, text = make()
        store.add(rec, text=text)
