"""The gazetteer: names -> candidate places, loaded once per process.

>>> gaz = resources.get("gazetteer", load_gazetteer)     # built and cached on first use
>>> [gaz.entry(i).name for i in gaz.candidates("kiev")]
['Kyiv']

Entries are stored column-wise (see :mod:`sitroom.geo.build`); :meth:`Gazetteer.entry`
materialises one as a small :class:`Entry` when a caller needs all its fields.
"""
from __future__ import annotations

import logging
import math
import sys
from dataclasses import dataclass

from sitroom.errors import DataFileError
from sitroom.geo import build, cache, datafiles
from sitroom.geo.names import abbrev_key, key

log = logging.getLogger(__name__)

_EMPTY: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-3
    feature: str
    geonames_id: int | None
    population: int
    admin1: str
    admin2: str
    capital: bool
    curated: bool


class Gazetteer:
    """Lookup over a built index; cheap per call (dictionary lookups, no scans)."""

    def __init__(self, index: dict) -> None:
        if index.get("format") != build.BUILD_FORMAT:
            raise DataFileError("gazetteer index of another format; delete it to rebuild", file="gazetteer index")
        self.names: list[str] = index["names"]
        self.lat = index["lat"]
        self.lon = index["lon"]
        self.cc: list[str] = index["cc"]
        self.feature = index["feature"]
        self.gid = index["gid"]
        self.pop = index["pop"]
        self.adm1: list[str] = index["adm1"]
        self.adm2: list[str] = index["adm2"]
        self.flags = index["flags"]
        self.bbox: dict[int, tuple[float, float, float, float]] = index["bbox"]
        self._index: dict[str, int | tuple[int, ...]] = index["index"]
        self._abbrev: dict[str, int | tuple[int, ...]] = index["abbrev"]
        self.first_words: dict[str, int] = index["first_words"]
        self.country_entry: dict[str, int] = index["country_entry"]
        self.admin1_entry: dict[str, int] = index["admin1_entry"]
        self.iso_admin1: dict[str, str] = index["iso_admin1"]
        self.a2_to_a3: dict[str, str] = index["a2_to_a3"]
        self.not_places: set[str] = set(index["not_places"])
        self._by_gid: dict[int, int] | None = None

    # ---- lookups ------------------------------------------------------------------------

    def candidates(self, name_key: str) -> tuple[int, ...]:
        """Entries named ``name_key``, primary names first, then alternate names."""
        v = self._index.get(name_key)
        if v is None:
            return _EMPTY
        if isinstance(v, int):
            return (v if v >= 0 else -v - 1,)
        return tuple(i if i >= 0 else -i - 1 for i in v)

    def alternates(self, name_key: str) -> frozenset[int]:
        """The entries among :meth:`candidates` that bear the name only as an alternate name."""
        v = self._index.get(name_key)
        if v is None or isinstance(v, int) and v >= 0:
            return frozenset()
        return frozenset(-i - 1 for i in ((v,) if isinstance(v, int) else v) if i < 0)

    def abbreviations(self, surface: str) -> tuple[int, ...]:
        """Places abbreviated ``surface`` ("La.", "W.Va.", "NY"); periods count."""
        v = self._abbrev.get(abbrev_key(surface))
        return _EMPTY if v is None else (v,) if isinstance(v, int) else v

    def feature_of(self, i: int) -> str:
        return build.FEATURES[self.feature[i]]

    def alpha3(self, i: int) -> str | None:
        return self.a2_to_a3.get(self.cc[i]) or None

    def entry(self, i: int) -> Entry:
        return Entry(
            id=i, name=self.names[i], lat=self.lat[i], lon=self.lon[i], country=self.alpha3(i),
            feature=self.feature_of(i), geonames_id=self.gid[i] or None, population=self.pop[i],
            admin1=self.adm1[i], admin2=self.adm2[i], capital=bool(self.flags[i] & build.CAPITAL),
            curated=bool(self.flags[i] & (build.CURATED | build.USER)),
        )

    def distance_km(self, i: int, j: int) -> float:
        return haversine(self.lat[i], self.lon[i], self.lat[j], self.lon[j])

    # ---- the same editing surface as build.IndexBuilder, for users' files -----------------

    def add(self, name: str, lat: float, lon: float, cc: str, feature: str, *, gid: int | None = None,
            pop: int = 0, adm1: str = "", adm2: str = "", flags: int = 0) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(sys.intern(cc))
        self.feature.append(build.FEATURE_CODE[feature])
        self.gid.append(gid or 0)
        self.pop.append(pop)
        self.adm1.append(adm1)
        self.adm2.append(adm2)
        self.flags.append(flags)
        if gid and self._by_gid is not None:
            self._by_gid.setdefault(gid, i)
        return i

    def name(self, i: int, names, *, abbreviation: bool = False) -> None:
        table = self._abbrev if abbreviation else self._index
        for n in names:
            k = abbrev_key(n) if abbreviation else key(n)
            if len(k) < 2:
                continue
            v = table.get(k)
            old = () if v is None else (v,) if isinstance(v, int) else v
            if i not in old:
                old = tuple(o for o in old if o != -(i + 1))
                table[k] = (*old, i) if old else i
                if not abbreviation:
                    first = k.split(" ")[0]
                    self.first_words[first] = max(self.first_words.get(first, 0), k.count(" ") + 1)

    def entry_by_gid(self, gid: int) -> int | None:
        if self._by_gid is None:
            self._by_gid = {}
            for i, g in enumerate(self.gid):
                if g:
                    self._by_gid.setdefault(g, i)
        return self._by_gid.get(gid)

    @property
    def by_gid(self):
        self.entry_by_gid(0)
        return self._by_gid

    def extend(self, place_file: datafiles.PlaceFile) -> None:
        """Add a user's place file; its places outrank bundled and gazetteer ones of the same name."""
        build.apply_place_file(self, place_file, build.USER)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    a = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def load_gazetteer(resources) -> Gazetteer:
    """Resources loader: the cached index (built on first use) plus the ``place_files`` option."""
    path, index = cache.load_index(resources.option("cache_dir"))
    gaz = Gazetteer(index)
    for place_file in datafiles.load_user_files(resources.option("place_files", ()) or ()):
        gaz.extend(place_file)
    log.info("gazetteer loaded from %s (%d places)", path, len(gaz.names))
    return gaz
