"""The ACLED countries data file: versioned, complete, and what the export reads."""
from __future__ import annotations

import json
from importlib import resources

import pycountry

from sitroom.store.export import acled_countries

REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
           "Southeast Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America", "South America",
           "Caribbean", "East Asia", "North America", "Oceania", "Antarctica"}


def test_the_file_is_versioned_and_every_country_has_one_acled_region():
    doc = json.loads(resources.files("sitroom").joinpath("data", "acled", "countries.json").read_text("utf-8"))
    assert doc["version"] and doc["description"]
    assert set(doc["regions"]) == REGIONS
    listed = [code for codes in doc["regions"].values() for code in codes]
    assert len(listed) == len(set(listed))  # one region each
    assert {c.alpha_3 for c in pycountry.countries} <= set(listed)
    for code in (*listed, *doc["names"]):
        assert code == "XKX" or pycountry.countries.get(alpha_3=code), code


def test_names_as_acled_writes_them():
    table = acled_countries()
    assert [table.name(c) for c in ("SYR", "COD", "COG", "IRN", "CIV", "PSE", "FRA", "NGA")] == [
        "Syria", "Democratic Republic of Congo", "Republic of Congo", "Iran", "Ivory Coast", "Palestine", "France",
        "Nigeria"]
    assert [table.region(c) for c in ("SYR", "MOZ", "AFG", "MEX", "ARM", "MMR")] == [
        "Middle East", "Southern Africa", "South Asia", "Central America", "Caucasus and Central Asia",
        "Southeast Asia"]
    assert table.name(None) == "" and table.region("ZZZ") == ""


def test_the_docs_describe_the_file():
    from tests.conftest import REPO

    doc = (REPO / "docs" / "data-files.md").read_text(encoding="utf-8")
    section = doc[doc.index("## acled"):]
    for key in ("`version`", "`regions`", "`names`", "--acled-countries"):
        assert key in section
