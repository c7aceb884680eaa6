"""Which place each mention means: priors, the article's context, regions. Own sentences."""
from __future__ import annotations

import pytest

from sitroom.geo.gazetteer import haversine

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def places(places_pipeline):
    from sitroom.model import Document

    def run(text):
        return {m.text: p for p in places_pipeline(Document(id="t", text=text)).places for m in p.mentions}

    return run


def near(place, lat, lon, km):
    return place.lat is not None and haversine(place.lat, place.lon, lat, lon) <= km


def test_country_beats_village(places):
    p = places("Jordan closed its border crossings.")["Jordan"]
    assert (p.country, p.feature.value) == ("JOR", "country")


def test_state_context_picks_the_small_town(places):
    p = places("A barn burned near Alexandria, La., and deputies from Rapides Parish responded.")
    assert near(p["Alexandria"], 31.31, -92.45, 30)
    assert p["La."].name == "Louisiana" and p["La."].feature.value == "admin1"


def test_without_context_the_famous_place(places):
    assert near(places("Alexandria is Egypt's second city.")["Alexandria"], 31.2, 29.9, 60)


def test_document_country_prior(places):
    text = ("Police in Athens arrested a man after a chase through Clarke County. "
            "He was taken to a jail in Watkinsville, Georgia.")
    p = places(text)
    assert p["Athens"].country == "USA" and near(p["Athens"], 33.96, -83.38, 30)
    assert p["Georgia"].country == "USA"


def test_curated_aliases(places):
    p = places("Aid reached Gaza while fighting continued in the West Bank and Donbas.")
    assert near(p["Gaza"], 31.42, 34.37, 40) and p["Gaza"].country == "PSE"
    assert p["West Bank"].country == "PSE"
    assert p["Donbas"].country == "UKR" and p["Donbas"].feature.value == "region"


def test_capital_city_over_province(places):
    p = places("Protests spread across Tehran and Kandahar.")
    assert near(p["Tehran"], 35.69, 51.42, 25) and p["Tehran"].feature.value == "city"
    assert near(p["Kandahar"], 31.61, 65.71, 25)


def test_directional_regions(places):
    p = places("Shelling hit southern Israel, northern Gaza and western Syria.")
    assert p["southern Israel"].feature.value == "region" and p["southern Israel"].country == "ISR"
    assert p["northern Gaza"].lat > p["northern Gaza"].lat - 1  # a point exists
    west = p["western Syria"]
    assert west.feature.value == "region" and west.country == "SYR" and west.lon < 38.0
    assert west.name == "western Syria"


def test_one_place_per_location_in_order(places_pipeline):
    from sitroom.model import Document

    text = "Kyiv was hit again. Later, Kiev officials said Lviv was calm and Kyiv had power."
    out = places_pipeline(Document(id="t", text=text)).places
    assert [p.id for p in out] == ["P1", "P2"]
    assert [m.text for m in out[0].mentions] == ["Kyiv", "Kiev", "Kyiv"]
    assert out[1].name == "Lviv"
