"""The places stage end to end (nlp + places): the layer's shape, ids, spans, users' alias files.

Sentences are written for these tests. The gazetteer is built into the user cache on first use.
"""
from __future__ import annotations

import json

import pytest

from sitroom import Pipeline
from sitroom.model import Document, Feature
from sitroom.model.serialize import to_dict
from sitroom.stages import STAGES
from sitroom.stages.base import Resources
from sitroom.stages.places import PlacesStage

pytestmark = pytest.mark.slow

TEXT = ("Israeli aircraft struck targets in northern Gaza on Sunday, while rockets fired from Gaza "
        "landed near Sderot. Kyiv said Russian drones hit Kharkiv, Ukraine's second city.")


@pytest.fixture(scope="module")
def resources():
    return Resources()


@pytest.fixture(scope="module")
def pipe(resources):
    return Pipeline(stages=["nlp", "places"], resources=resources)


def test_registered():
    assert STAGES["places"] is PlacesStage
    assert PlacesStage.requires == ("spacy",) and PlacesStage.assigns == ("places",)


def test_layer(pipe):
    ex = pipe(Document(id="d1", text=TEXT))
    places = ex.places
    assert [p.id for p in places] == [f"P{i}" for i in range(1, len(places) + 1)]
    starts = [p.mentions[0].start for p in places]
    assert starts == sorted(starts)
    for p in places:
        assert isinstance(p.feature, Feature)
        for m in p.mentions:
            assert TEXT[m.start:m.end] == m.text
        if p.lat is not None:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
        assert p.country is None or len(p.country) == 3
    names = {m.text: p for p in places for m in p.mentions}
    assert {"northern Gaza", "Gaza", "Sderot", "Kyiv", "Kharkiv", "Ukraine"} <= set(names)
    assert "Israeli" not in names and "Russian" not in names
    assert names["northern Gaza"].feature is Feature.REGION and names["northern Gaza"].country == "PSE"
    assert names["Kharkiv"].country == "UKR" and names["Kharkiv"].geonames_id == 706483
    record = to_dict(ex)
    assert {"id", "name", "lat", "lon", "country", "geonames_id", "feature", "mentions"} <= set(record["places"][0])


def test_a_pages_navigation_names_no_place(pipe):
    nav = "\n\n".join(["Home", "Kenya", "Uganda", "Tanzania", "Rwanda", "Burundi", "Contact"])
    text = f"Floods hit Nairobi, Kenya on Monday.\n\n{nav}\n\nRebels attacked a base in Goma, Congo."
    named = [m["text"] for p in to_dict(pipe(Document(id="d", text=text)))["places"] for m in p["mentions"]]
    assert "Nairobi" in named and "Goma" in named
    assert named.count("Kenya") == 1 and "Uganda" not in named and "Burundi" not in named


def test_empty_and_placeless_text(pipe):
    assert pipe(Document(id="d2", text="Nobody said anything about it yesterday.")).places == ()


def test_user_place_file_takes_precedence(tmp_path):
    path = tmp_path / "ours.json"
    path.write_text(json.dumps({
        "version": 1,
        "places": [{"name": "Camp Zarqa", "names": ["Zarqa Camp"], "lat": 12.5, "lon": 14.25, "country": "TCD",
                    "feature": "other"},
                   {"name": "Springfield depot", "names": ["Springfield"], "lat": 45.0, "lon": 45.0,
                    "country": "GEO", "feature": "other"}],
        "not_places": ["Kharkiv"],
    }), encoding="utf-8")
    pipe = Pipeline(stages=["nlp", "places"], place_files=[str(path)])
    text = "Supplies reached Zarqa Camp after trucks left Springfield. Drones hit Kharkiv."
    names = {m.text: p for p in pipe(Document(id="d3", text=text)).places for m in p.mentions}
    assert names["Zarqa Camp"].name == "Camp Zarqa" and names["Zarqa Camp"].country == "TCD"
    assert (names["Springfield"].lat, names["Springfield"].country) == (45.0, "GEO")
    assert "Kharkiv" not in names
