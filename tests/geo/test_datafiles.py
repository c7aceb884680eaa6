"""The bundled place files validate, and broken files fail loudly with the file and field named."""
from __future__ import annotations

import json

import pytest

from sitroom.errors import DataFileError
from sitroom.geo import datafiles
from sitroom.geo.names import key


def test_bundled_aliases_validate():
    pf = datafiles.load_bundled_aliases()
    assert pf.version == 1
    names = {key(n) for p in pf.places for n in (p.name, *p.names)}
    # the names conflict reporting uses daily (issue 5)
    for wanted in ("gaza", "gaza strip", "west bank", "southern israel", "northern gaza", "donbas", "darfur",
                   "kurdistan region", "sahel", "tigray", "amhara", "rakhine", "kashmir", "sinai", "golan heights",
                   "crimea", "idlib province", "khartoum", "omdurman", "al quds", "kyiv", "kiev", "khan yunis",
                   "kharkov", "mariupol", "halab", "middle east", "horn of africa"):
        assert wanted in names, wanted
    assert {"hamas", "hezbollah", "march"} <= {key(n) for n in pf.not_places}
    for p in pf.places:
        assert p.feature in datafiles.FEATURES
        assert p.country is None or len(p.country) == 3


def test_bundled_centroids_validate():
    countries, admin1 = datafiles.load_centroids()
    assert len(countries) > 150 and all(len(c) == 2 for c in countries)
    assert all("-" in code for code in admin1)
    lat, lon = countries["IL"]
    assert 29 < lat < 34 and 34 < lon < 36


def _write(tmp_path, data) -> str:
    path = tmp_path / "places.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_user_file_minimal(tmp_path):
    path = _write(tmp_path, {"version": 1, "places": [{"name": "Camp Alpha", "lat": 10, "lon": 20,
                                                       "country": "TCD", "feature": "other"}]})
    (pf,) = datafiles.load_user_files([path])
    assert pf.places[0].name == "Camp Alpha" and pf.places[0].lat == 10.0


@pytest.mark.parametrize("bad, field", [
    ({"places": []}, "version"),
    ({"version": 1, "places": [{"name": "X", "lat": 95, "lon": 0}]}, "lat"),
    ({"version": 1, "places": [{"name": "X", "lat": 1, "lon": 1, "feature": "town"}]}, "feature"),
    ({"version": 1, "places": [{"name": "X", "lat": 1, "lon": 1, "country": "IL"}]}, "alpha-3"),
    ({"version": 1, "places": [{"name": "X", "lat": 1, "lon": 1, "bbox": [2, 0, 1, 1]}]}, "bbox"),
    ({"version": 1, "names": [{"of": "US-LA"}]}, "names"),
    ({"version": 1, "colour": "red"}, "unknown"),
])
def test_bad_user_files_fail_loudly(tmp_path, bad, field):
    path = _write(tmp_path, bad)
    with pytest.raises(DataFileError) as err:
        datafiles.load_user_files([path])
    assert field in str(err.value) and path in str(err.value)


def test_unreadable_user_file(tmp_path):
    with pytest.raises(DataFileError):
        datafiles.load_user_files([tmp_path / "missing.json"])
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError):
        datafiles.load_user_files([bad])
