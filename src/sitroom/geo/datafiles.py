"""The place data files: bundled ``data/places/*.json`` and users' own alias files.

Format (documented in docs/data-files.md, section "places")::

    {"version": 1, "description": "...",
     "places": [{"name": "Gaza Strip", "names": ["Gaza"], "lat": 31.42, "lon": 34.37,
                 "country": "PSE", "feature": "region", "geonames_id": 281132,
                 "population": 2000000, "bbox": [31.22, 34.22, 31.6, 34.57]}],
     "names": [{"of": "US-LA", "names": ["La."], "abbreviation": true}],
     "not_places": ["Hamas"]}

``places`` adds places (or better-known names for them) with coordinates; ``names`` adds
names to a gazetteer entry given by ISO 3166-1 alpha-2/alpha-3, ISO 3166-2 or GeoNames id;
``not_places`` are names never taken as place mentions (actors named after places).
Every section is optional in a user file. ``centroids.json`` (bundled only) gives
representative points of countries and large admin1 areas.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError
from sitroom.model.vocab import Feature

FEATURES = frozenset(f.value for f in Feature)


@dataclass(frozen=True, slots=True)
class AliasPlace:
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    country: str | None  # alpha-3 as written in the file
    feature: str
    geonames_id: int | None = None
    population: int = 0
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east


@dataclass(frozen=True, slots=True)
class ExtraNames:
    of: str  # "US", "USA", "US-LA" or a GeoNames id as a string
    names: tuple[str, ...]
    abbreviation: bool = False


@dataclass(frozen=True, slots=True)
class PlaceFile:
    source: str
    version: int
    places: tuple[AliasPlace, ...] = ()
    names: tuple[ExtraNames, ...] = ()
    not_places: tuple[str, ...] = ()


def bundled_path(name: str):
    return resources.files("sitroom").joinpath("data", "places", name)


def bundled_bytes(name: str) -> bytes:
    return bundled_path(name).read_bytes()


def _fail(source: str, message: str) -> DataFileError:
    return DataFileError(f"{source}: {message}", file=source)


def _number(source: str, where: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _fail(source, f"{where}: expected a number in [{low}, {high}], got {value!r}")
    return float(value)


def _strings(source: str, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _place(source: str, i: int, raw: Any) -> AliasPlace:
    where = f"places[{i}]"
    if not isinstance(raw, dict):
        raise _fail(source, f"{where}: expected an object")
    unknown = set(raw) - {"name", "names", "lat", "lon", "country", "feature", "geonames_id", "population", "bbox",
                          "note"}
    if unknown:
        raise _fail(source, f"{where}: unknown fields {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, f"{where}: 'name' must be a non-empty string")
    feature = raw.get("feature", "other")
    if feature not in FEATURES:
        raise _fail(source, f"{where} ({name}): feature {feature!r} not one of {sorted(FEATURES)}")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
        raise _fail(source, f"{where} ({name}): 'country' must be an ISO 3166-1 alpha-3 code or null")
    gid = raw.get("geonames_id")
    if gid is not None and (isinstance(gid, bool) or not isinstance(gid, int) or gid <= 0):
        raise _fail(source, f"{where} ({name}): 'geonames_id' must be a positive integer or null")
    pop = raw.get("population", 0)
    if isinstance(pop, bool) or not isinstance(pop, int) or pop < 0:
        raise _fail(source, f"{where} ({name}): 'population' must be a non-negative integer")
    bbox = raw.get("bbox")
    if bbox is not None:
        if not isinstance(bbox, list) or len(bbox) != 4:
            raise _fail(source, f"{where} ({name}): 'bbox' must be [south, west, north, east]")
        s, w, n, e = (_number(source, f"{where}.bbox", v, -180, 180) for v in bbox)
        if not (s < n and w < e):
            raise _fail(source, f"{where} ({name}): 'bbox' needs south < north and west < east")
        bbox = (s, w, n, e)
    return AliasPlace(
        name=name, names=_strings(source, f"{where}.names", raw.get("names", [])),
        lat=_number(source, f"{where}.lat", raw.get("lat"), -90, 90),
        lon=_number(source, f"{where}.lon", raw.get("lon"), -180, 180),
        country=country, feature=feature, geonames_id=gid, population=pop, bbox=bbox,
    )


def _extra(source: str, i: int, raw: Any) -> ExtraNames:
    where = f"names[{i}]"
    if not isinstance(raw, dict) or set(raw) - {"of", "names", "abbreviation", "note"}:
        raise _fail(source, f"{where}: expected an object with 'of', 'names' and optional 'abbreviation'")
    of = raw.get("of")
    if isinstance(of, int) and not isinstance(of, bool):
        of = str(of)
    if not isinstance(of, str) or not of:
        raise _fail(source, f"{where}: 'of' must be an ISO code or a GeoNames id")
    abbreviation = raw.get("abbreviation", False)
    if not isinstance(abbreviation, bool):
        raise _fail(source, f"{where}: 'abbreviation' must be true or false")
    return ExtraNames(of, _strings(source, f"{where}.names", raw.get("names")), abbreviation)


def parse_place_file(raw: Any, source: str, *, bundled: bool = False) -> PlaceFile:
    """Validate one place file; raise DataFileError naming the file and the field."""
    if not isinstance(raw, dict):
        raise _fail(source, "expected a JSON object")
    allowed = {"version", "description", "places", "names", "not_places"}
    if set(raw) - allowed:
        raise _fail(source, f"unknown top-level fields {sorted(set(raw) - allowed)}")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(source, "'version' must be an integer")
    if bundled and not isinstance(raw.get("description"), str):
        raise _fail(source, "'description' must be a string")
    places = raw.get("places", [])
    names = raw.get("names", [])
    if not isinstance(places, list) or not isinstance(names, list):
        raise _fail(source, "'places' and 'names' must be lists")
    return PlaceFile(
        source=source, version=version,
        places=tuple(_place(source, i, p) for i, p in enumerate(places)),
        names=tuple(_extra(source, i, n) for i, n in enumerate(names)),
        not_places=_strings(source, "not_places", raw.get("not_places", [])),
    )


def _read_json(data: bytes | str, source: str) -> Any:
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise _fail(source, f"not valid JSON: {exc}") from exc


def load_bundled_aliases() -> PlaceFile:
    return parse_place_file(_read_json(bundled_bytes("aliases.json"), "aliases.json"), "aliases.json", bundled=True)


def load_user_files(paths: Iterable[str | Path]) -> tuple[PlaceFile, ...]:
    """Users' alias files, in the order given (later files take precedence over earlier ones)."""
    out = []
    for p in paths:
        path = Path(p)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _fail(str(path), f"cannot be read: {exc}") from exc
        out.append(parse_place_file(_read_json(data, str(path)), str(path)))
    return tuple(out)


def load_centroids() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Representative points: (countries by alpha-2, admin1 areas by ISO 3166-2)."""
    source = "centroids.json"
    raw = _read_json(bundled_bytes(source), source)
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), int) or not isinstance(
            raw.get("description"), str):
        raise _fail(source, "expected an object with 'version' and 'description'")
    out = []
    for section in ("countries", "admin1"):
        table = raw.get(section)
        if not isinstance(table, dict):
            raise _fail(source, f"'{section}' must be an object")
        points = {}
        for code, point in table.items():
            if not isinstance(point, list) or len(point) != 2:
                raise _fail(source, f"{section}.{code}: expected [lat, lon]")
            points[code] = (_number(source, f"{section}.{code}", point[0], -90, 90),
                            _number(source, f"{section}.{code}", point[1], -180, 180))
        out.append(points)
    return out[0], out[1]
