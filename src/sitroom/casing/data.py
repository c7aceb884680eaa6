"""The word lists of case restoration: ``sitroom/data/casing/casing.json`` plus the user's files
(option ``casing_files``); format in docs/data-files.md, section "casing"."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from sitroom.casing.detect import Thresholds
from sitroom.errors import DataFileError


@dataclass
class CasingData:
    """The word lists of ``data/casing/casing.json`` plus the user's files."""

    versions: list[str] = field(default_factory=list)
    thresholds: Thresholds = field(default_factory=Thresholds)
    upper: set[str] = field(default_factory=set)
    lower: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    months_need_number: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)
    org_modifiers: set[str] = field(default_factory=set)
    org_words: set[str] = field(default_factory=set)
    place_heads: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    #: names as written ("Maoist", "Sunni"), besides those of the actor dictionary and the gazetteer
    names: list[str] = field(default_factory=list)


_LISTS = ("upper", "lower", "titles", "connectors", "months", "months_need_number", "org_heads", "org_modifiers",
          "org_words", "place_heads", "particles", "given_names")


def _validate(data: Any, where: str) -> None:
    if not isinstance(data, dict):
        raise DataFileError(f"casing file {where}: must be a JSON object", file=where)
    for key in ("version", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise DataFileError(f"casing file {where}: needs a non-empty string {key!r}", file=where)
    unknown = set(data) - {"version", "description", "detect", "names", *_LISTS}
    if unknown:
        raise DataFileError(f"casing file {where}: unknown fields {sorted(unknown)}", file=where)
    for name in (*_LISTS, "names"):
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise DataFileError(f"casing file {where}: {name!r} must be a list of non-empty strings", file=where)
    detect = data.get("detect", {})
    if not isinstance(detect, dict) or set(detect) - {"min_chars", "min_letters", "max_gap"} or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in detect.values()):
        raise DataFileError(f"casing file {where}: 'detect' holds min_chars, min_letters, max_gap (integers >= 0)",
                            file=where)


def load_casing_data(files: Iterable[str | Path] = ()) -> CasingData:
    """The shipped word lists, then the user's files (their words are added; their thresholds win)."""
    shipped = Path(str(importlib_resources.files("sitroom") / "data" / "casing" / "casing.json"))
    out = CasingData()
    for path in (shipped, *files):
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise DataFileError(f"casing file {path}: cannot be read as JSON: {exc}", file=str(path)) from exc
        _validate(data, str(path))
        out.versions.append(data["version"])
        for name in _LISTS:
            getattr(out, name).update(w.lower() for w in data.get(name, []))
        out.names.extend(data.get("names", []))
        if data.get("detect"):
            out.thresholds = replace(out.thresholds, **data["detect"])
    return out
