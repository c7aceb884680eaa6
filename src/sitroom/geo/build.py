"""Build the gazetteer index from the packaged GeoNames data and the bundled place files.

The build reads about 400 MB of JSON, so :func:`sitroom.geo.cache.ensure_index` runs it in a
child process (``python -m sitroom.geo.build --output FILE``) and pipeline processes only
load the compact result. Entries are kept column-wise (arrays, interned strings) so that
some 300,000 places and 600,000 names fit in well under 300 MB.

Coordinates: cities and towns keep their GeoNames point; admin2 areas take the mean of
their towns; countries and admin1 areas take the hand-written representative point of
``centroids.json`` when there is one, else the middle of their towns' bounding box.
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable

from sitroom.geo import datafiles, sources
from sitroom.geo.names import abbrev_key, is_latin, key

log = logging.getLogger(__name__)

#: bump when the index layout or the build rules change (part of the cache key)
BUILD_FORMAT = 1

FEATURES = ("country", "admin1", "admin2", "city", "region", "water", "other")
FEATURE_CODE = {f: i for i, f in enumerate(FEATURES)}

CAPITAL, CURATED, USER = 1, 2, 4

#: alternate names are kept only for towns of at least this many people (the rest are mostly noise)
ALT_NAME_MIN_POPULATION = 1000


class IndexBuilder:
    """Accumulates entries column-wise and the name -> entries index."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.cc: list[str] = []
        self.feature = array("b")
        self.gid = array("q")
        self.pop = array("q")
        self.adm1: list[str] = []
        self.adm2: list[str] = []
        self.flags = array("B")
        self.bbox: dict[int, tuple[float, float, float, float]] = {}
        self.index: dict[str, list[int]] = defaultdict(list)
        self.abbrev: dict[str, list[int]] = defaultdict(list)
        self.by_gid: dict[int, int] = {}
        self.country_entry: dict[str, int] = {}
        self.admin1_entry: dict[str, int] = {}
        self.iso_admin1: dict[str, str] = {}  # ISO 3166-2 -> GeoNames admin1 code
        self.a2_to_a3: dict[str, str] = {}
        self.not_places: set[str] = set()

    def add(self, name: str, lat: float, lon: float, cc: str, feature: str, *, gid: int | None = None,
            pop: int = 0, adm1: str = "", adm2: str = "", flags: int = 0) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(round(lat, 5))
        self.lon.append(round(lon, 5))
        self.cc.append(sys.intern(cc))
        self.feature.append(FEATURE_CODE[feature])
        self.gid.append(gid or 0)
        self.pop.append(max(0, pop))
        self.adm1.append(sys.intern(adm1))
        self.adm2.append(sys.intern(adm2))
        self.flags.append(flags)
        if gid and gid not in self.by_gid:
            self.by_gid[gid] = i
        return i

    def name(self, i: int, names: Iterable[str], *, abbreviation: bool = False, alternate: bool = False) -> None:
        """Index ``names`` of entry ``i``. Alternate names are stored as ``-(i + 1)``: a weaker
        claim than a primary name ("Harlem" is an old name of Oak Park, Illinois)."""
        table = self.abbrev if abbreviation else self.index
        for n in names:
            k = abbrev_key(n) if abbreviation else key(n)
            if len(k) < 2:
                continue
            entries = table[k]
            if alternate:
                if i not in entries and -(i + 1) not in entries:
                    entries.append(-(i + 1))
            elif i not in entries:
                if -(i + 1) in entries:
                    entries.remove(-(i + 1))
                entries.append(i)

    def finish(self) -> dict:
        def compact(table):
            return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in table.items()}

        first: dict[str, int] = {}
        for k in self.index:
            words = k.split(" ")
            if len(words) > first.get(words[0], 0):
                first[words[0]] = len(words)
        return {
            "format": BUILD_FORMAT, "names": self.names, "lat": self.lat, "lon": self.lon, "cc": self.cc,
            "feature": self.feature, "gid": self.gid, "pop": self.pop, "adm1": self.adm1, "adm2": self.adm2,
            "flags": self.flags, "bbox": self.bbox, "index": compact(self.index), "abbrev": compact(self.abbrev),
            "first_words": first, "country_entry": self.country_entry, "admin1_entry": self.admin1_entry,
            "a2_to_a3": self.a2_to_a3, "iso_admin1": self.iso_admin1, "not_places": frozenset(self.not_places),
        }


def _good_alt_name(name: str) -> bool:
    """GeoNames alternate names include airport codes, postcodes and other scripts: keep real Latin names."""
    if len(name) < 3 or not is_latin(name) or any(ch.isdigit() for ch in name) or "http" in name:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 3 and not (name.isupper() and len(name) <= 5)


def _box(points: list[tuple[float, float, int]]) -> tuple[float, float, float, float]:
    """Bounding box of the towns; with many towns the outer 2% on each side are left out, so that
    Alaska's islands do not make "western United States" a point in the Bering Sea."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50 if len(points) >= 50 else 0
    last = len(points) - 1 - cut
    return lats[cut], lons[cut], lats[last], lons[last]


def _middle(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def build_index() -> dict:
    """Read every source and return the picklable index (see :class:`IndexBuilder.finish`)."""
    b = IndexBuilder()
    country_points, admin1_points = datafiles.load_centroids()
    aliases = datafiles.load_bundled_aliases()

    # towns first: they give subdivisions and countries their extent
    subs = {s.row: s for s in sources.subdivisions()}
    city_subs = sources.city_subdivisions()
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)  # subdivision row -> towns
    country_members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    towns = []
    for city in sources.cities():
        point = (city.lat, city.lon, city.population)
        adm1 = adm2 = ""
        for row in city_subs.get(city.geonames_id, ()):
            sub = subs.get(row)
            if sub is None:
                continue
            members[row].append(point)
            if sub.level == 1:
                adm1 = sub.code
            elif sub.level == 2:
                adm2 = sub.code
        country_members[city.country].append(point)
        towns.append((city, adm1 or city.admin1, adm2))

    for c in sources.countries():
        b.a2_to_a3[c.alpha2] = c.alpha3
        pts = country_members.get(c.alpha2)
        if c.alpha2 not in country_points and not pts:
            continue
        box = _box(pts) if pts else None
        lat, lon = country_points.get(c.alpha2) or _middle(box)
        i = b.add(c.name, lat, lon, c.alpha2, "country", gid=c.geonames_id, pop=c.population)
        if box:
            b.bbox[i] = box
        b.name(i, [n for n in c.names if is_latin(n)])
        b.country_entry[c.alpha2] = i

    for name, lat, lon, gid in sources.continents():
        b.name(b.add(name, lat, lon, "", "region", gid=gid, pop=10**9), [name])

    for s in subs.values():
        if s.level not in (1, 2) or not s.country:
            continue
        pts = members.get(s.row)
        if s.level == 1:
            if s.iso_code:
                b.iso_admin1[s.iso_code] = s.code
            if s.iso_code not in admin1_points and not pts:
                continue
            box = _box(pts) if pts else None
            lat, lon = admin1_points.get(s.iso_code) or _middle(box)
            i = b.add(s.name, lat, lon, s.country, "admin1", gid=s.geonames_id,
                      pop=sum(p[2] for p in pts or ()), adm1=s.code)
            if box:
                b.bbox[i] = box
            b.admin1_entry.setdefault(s.code, i)
        else:
            if not pts:
                continue
            lat, lon = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
            adm1 = ".".join(s.code.split(".")[:2])
            i = b.add(s.name, lat, lon, s.country, "admin2", gid=s.geonames_id,
                      pop=sum(p[2] for p in pts), adm1=adm1, adm2=s.code)
            # admin2 aliases are mostly the bare name ("Rapides" for Rapides Parish), which in
            # text is far more often a surname or a word than the county: keep multi-word ones
            b.name(i, [s.name])
            b.name(i, [n for n in s.names[1:] if is_latin(n) and " " in n], alternate=True)
            continue
        b.name(i, [s.name])
        b.name(i, [n for n in s.names[1:] if is_latin(n)], alternate=True)

    capitals = {}
    for c in sources.countries():
        if c.capital:
            capitals[(c.alpha2, key(c.capital))] = None
    for city, adm1, adm2 in towns:
        cap_key = (city.country, key(city.name))
        if cap_key in capitals:
            best = capitals[cap_key]
            if best is None or b.pop[best] < city.population:
                capitals[cap_key] = len(b.names)
        i = b.add(city.name, city.lat, city.lon, city.country, "city", gid=city.geonames_id,
                  pop=city.population, adm1=adm1, adm2=adm2)
        b.name(i, [city.name])
        if city.population >= ALT_NAME_MIN_POPULATION:
            b.name(i, [n for n in city.names if _good_alt_name(n)], alternate=True)
    for i in capitals.values():
        if i is not None:
            b.flags[i] |= CAPITAL

    apply_place_file(b, aliases, CURATED)
    return b.finish()


def _target(b: IndexBuilder, of: str) -> int | None:
    if of.isdigit():
        return b.by_gid.get(int(of))
    if "-" in of:
        return b.admin1_entry.get(b.iso_admin1.get(of, ""))
    if len(of) == 3:
        of = next((a2 for a2, a3 in b.a2_to_a3.items() if a3 == of), of)
    return b.country_entry.get(of)


def apply_place_file(b: IndexBuilder, pf: datafiles.PlaceFile, flag: int) -> None:
    """Add a place file's places, names and not-places; its entries outrank gazetteer ones by ``flag``."""
    a3_to_a2 = {a3: a2 for a2, a3 in b.a2_to_a3.items()}
    for p in pf.places:
        cc = a3_to_a2.get(p.country or "", "")
        existing = b.by_gid.get(p.geonames_id) if p.geonames_id else None
        if existing is not None:
            i = existing
            b.lat[i], b.lon[i] = p.lat, p.lon
            b.feature[i] = FEATURE_CODE[p.feature]
            b.names[i] = p.name
            b.flags[i] |= flag
            if p.population:
                b.pop[i] = p.population
            if cc:
                b.cc[i] = cc
        else:
            i = b.add(p.name, p.lat, p.lon, cc, p.feature, gid=p.geonames_id, pop=p.population, flags=flag)
        if p.bbox:
            b.bbox[i] = p.bbox
        b.name(i, (p.name, *p.names))
    for extra in pf.names:
        i = _target(b, extra.of)
        if i is None:
            log.warning("%s: no gazetteer entry for %r; names %s ignored", pf.source, extra.of, extra.names)
            continue
        names = extra.names
        if extra.abbreviation:  # spaCy often leaves the last period out of "W.Va." and "N.Y."
            names = (*names, *(n[:-1] for n in names if n.endswith(".") and "." in n[:-1]))
        b.name(i, names, abbreviation=extra.abbreviation)
    b.not_places.update(key(n) for n in pf.not_places)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build sitroom's gazetteer index (normally run automatically).")
    parser.add_argument("--output", help="index file to write (default: the cache path)")
    args = parser.parse_args(argv)
    from sitroom.geo import cache

    path = cache.write_index(build_index(), args.output)
    log.info("gazetteer index written to %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
