"""The index and its cache: a small hand-made index for the mechanics, the real one for coverage."""
from __future__ import annotations

import json

import pytest

from sitroom.geo import build, cache, datafiles
from sitroom.geo.gazetteer import Gazetteer, haversine


@pytest.fixture()
def small() -> Gazetteer:
    b = build.IndexBuilder()
    b.a2_to_a3.update({"IL": "ISR", "US": "USA"})
    il = b.add("Israel", 31.5, 34.75, "IL", "country", gid=294640, pop=9_000_000)
    b.country_entry["IL"] = il
    b.name(il, ["Israel"])
    town = b.add("Springfield", 39.8, -89.64, "US", "city", gid=4250542, pop=114_000, adm1="US.IL")
    b.name(town, ["Springfield"])
    b.name(town, ["Capital City"], alternate=True)
    la = b.add("Louisiana", 31.0, -92.0, "US", "admin1", pop=4_600_000, adm1="US.LA")
    b.name(la, ["Louisiana"])
    b.name(la, ["La."], abbreviation=True)
    return Gazetteer(b.finish())


def test_lookups(small):
    (i,) = small.candidates("israel")
    e = small.entry(i)
    assert (e.name, e.country, e.feature, e.geonames_id) == ("Israel", "ISR", "country", 294640)
    (j,) = small.candidates("capital city")
    assert small.alternates("capital city") == {j}
    assert small.alternates("springfield") == frozenset()
    assert small.abbreviations("La.") and not small.abbreviations("LA")
    assert small.candidates("nowhere") == ()


def test_user_file_adds_and_outranks(small, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({
        "version": 3,
        "places": [{"name": "Springfield Camp", "names": ["Springfield"], "lat": 10.0, "lon": 20.0,
                    "country": "USA", "feature": "other"}],
        "names": [{"of": "IL", "names": ["Holy Land"]}],
        "not_places": ["Capital City"],
    }), encoding="utf-8")
    (pf,) = datafiles.load_user_files([path])
    small.extend(pf)
    cands = small.candidates("springfield")
    assert len(cands) == 2
    mine = next(i for i in cands if small.names[i] == "Springfield Camp")
    assert small.flags[mine] & build.USER
    assert small.candidates("holy land") == small.candidates("israel")
    assert "capital city" in small.not_places


def test_haversine():
    assert haversine(0, 0, 0, 0) == 0
    assert 340 < haversine(51.5074, -0.1278, 48.8566, 2.3522) < 350  # London - Paris


def test_cache_dir_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_CACHE", str(tmp_path / "env"))
    assert cache.cache_dir() == tmp_path / "env"
    assert cache.cache_dir(tmp_path / "opt") == tmp_path / "opt"
    monkeypatch.delenv("SITROOM_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "sitroom"
    key = cache.index_key()
    assert cache.index_path(tmp_path).name == f"gazetteer-{key}.gaz"


def _small_index(n: int = 1):
    b = build.IndexBuilder()
    for i in range(n):
        b.name(b.add(f"Somewhere {i}", 1.0 + i, 2.0, "", "region"), [f"Somewhere {i}", "Elsewhere"])
    return b.finish()


@pytest.mark.parametrize("n", [1, 1500])  # small tables go as JSON, big ones as arrays
def test_write_and_read_index(tmp_path, n):
    index = _small_index(n)
    path = cache.write_index(index, tmp_path / "x.gaz")
    back = cache.read_index(path)
    assert back == index and list(back["index"]) == list(index["index"])
    assert Gazetteer(back).candidates("somewhere 0") == (0,)
    assert len(Gazetteer(back).candidates("elsewhere")) == n


class _Trap:
    """Unpickling this creates a file: proof that loading ran code from the cache."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_foreign_truncated_or_pickled_cache_file_is_refused(tmp_path):
    import pickle

    good = cache.write_index(_small_index(), tmp_path / "good.gaz").read_bytes()
    marker = tmp_path / "code-ran"
    for data in (pickle.dumps(_Trap(marker)), b"", good[:-3], good[:40], good + b"x",
                 good.replace(b'"file_format":1', b'"file_format":9')):
        bad = tmp_path / "bad.gaz"
        bad.write_bytes(data)
        with pytest.raises(cache.CorruptIndex):
            cache.read_index(bad)
    assert not marker.exists()


def test_a_corrupt_cache_is_built_again(tmp_path, monkeypatch):
    import pickle

    built = []

    def fake_ensure(directory=None):
        path = cache.index_path(directory)
        if not path.is_file():
            built.append(path)
            cache.write_index(_small_index(), path)
        return path

    monkeypatch.setattr(cache, "ensure_index", fake_ensure)
    marker = tmp_path / "code-ran"
    cache.index_path(tmp_path).write_bytes(pickle.dumps(_Trap(marker)))  # a hostile file planted there
    path, index = cache.load_index(tmp_path)
    assert built == [path] and Gazetteer(index).candidates("somewhere 0") == (0,)
    assert not marker.exists()


# ---- the real gazetteer ------------------------------------------------------------------

def _best(gaz, name):
    """What the resolver picks for the name alone, without any context."""
    from sitroom.geo.names import key
    from sitroom.geo.recognize import Mention
    from sitroom.geo.resolve import Resolver

    k = key(name)
    (pick,) = Resolver(gaz)([Mention(0, len(name), 0, 1, k, gaz.candidates(k), "ner")])
    return pick


@pytest.mark.slow
@pytest.mark.parametrize("name, lat, lon", [
    ("Kiev", 50.45, 30.52), ("Kharkov", 49.98, 36.25), ("Khan Yunis", 31.34, 34.31), ("Halab", 36.20, 37.16),
    ("al-Quds", 31.77, 35.22), ("Mariupol", 47.10, 37.54), ("Omdurman", 15.64, 32.48), ("Aleppo", 36.2, 37.16),
])
def test_transliterations(gazetteer, name, lat, lon):
    i = _best(gazetteer, name)
    assert haversine(lat, lon, gazetteer.lat[i], gazetteer.lon[i]) < 30


@pytest.mark.slow
def test_alias_cities_agree_with_geonames(gazetteer):
    """Every bundled alias that names a GeoNames id of a town stays near that town's own point."""
    from sitroom.geo.sources import cities

    aliases = {p.geonames_id: p for p in datafiles.load_bundled_aliases().places if p.geonames_id}
    checked = 0
    for city in cities():
        p = aliases.get(city.geonames_id)
        if p is not None and p.feature == "city":
            assert haversine(p.lat, p.lon, city.lat, city.lon) < 25, p.name
            checked += 1
    assert checked >= 20


@pytest.mark.slow
def test_real_index_has_areas_and_abbreviations(gazetteer):
    from sitroom.geo.names import key

    feats = {gazetteer.feature_of(i) for i in gazetteer.candidates(key("Georgia"))}
    assert {"country", "admin1"} <= feats
    (wv,) = gazetteer.abbreviations("W.Va.")
    assert gazetteer.names[wv] == "West Virginia"
    assert gazetteer.candidates("rapides parish")
    assert "hamas" in gazetteer.not_places
