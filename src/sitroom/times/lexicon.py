"""The word tables of the times stage, read from a versioned JSON data file.

The packaged file is ``sitroom/data/times_rules.json`` (documented in
docs/data-files.md, section "times"). A user can point the ``times_rules`` option
of :class:`sitroom.stages.base.Resources` at their own file of the same shape.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError
from sitroom.times.calendar import valid_holiday_rule

SUPPORTED_VERSIONS = (1,)
PACKAGED = "times_rules.json"

_DICT_TABLES = ("months", "weekdays", "numbers", "ordinals", "units", "unit_plurals", "seasons",
                "parts_of_day", "clock_words", "holidays", "timezones", "vague", "set_adverbs")
_UNIT_CODES = {"S", "MIN", "H", "D", "W", "FN", "M", "Q", "Y", "DE", "CE", "ML"}
_VAGUE_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@dataclass(frozen=True)
class TimeLexicon:
    """Validated word tables; keys are lower case."""

    version: int
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]
    unit_plurals: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    holidays: dict[str, str]
    timezones: dict[str, str]
    vague: dict[str, str]
    set_adverbs: dict[str, str]

    def unit_of(self, word: str) -> str | None:
        """The unit name (``day``, ``year``...) of a singular or plural unit word."""
        w = word.lower()
        w = self.unit_plurals.get(w, w)
        return w if w in self.units else None


def load_lexicon(path: str | Path | None = None) -> TimeLexicon:
    """Read and validate a times rules file (the packaged one when ``path`` is None)."""
    where = str(path) if path else f"sitroom/data/{PACKAGED}"
    try:
        if path:
            raw = Path(path).read_text(encoding="utf-8")
        else:
            raw = importlib_resources.files("sitroom").joinpath("data", PACKAGED).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read times rules {where}: {exc}", path=where) from exc
    return validate(data, where)


def validate(data: Any, where: str = "<times rules>") -> TimeLexicon:
    def fail(msg: str) -> DataFileError:
        return DataFileError(f"times rules {where}: {msg}", path=where)

    if not isinstance(data, dict):
        raise fail("top level must be a JSON object")
    if data.get("version") not in SUPPORTED_VERSIONS:
        raise fail(f"unsupported version {data.get('version')!r}; supported: {SUPPORTED_VERSIONS}")
    tables: dict[str, dict] = {}
    for name in _DICT_TABLES:
        table = data.get(name)
        if not isinstance(table, dict) or not table:
            raise fail(f"{name!r} must be a non-empty object")
        tables[name] = {str(k).lower(): v for k, v in table.items()}
    checks = {
        "months": lambda v: isinstance(v, int) and 1 <= v <= 12,
        "weekdays": lambda v: isinstance(v, int) and 1 <= v <= 7,
        "numbers": lambda v: isinstance(v, (int, float)) and v >= 0,
        "ordinals": lambda v: isinstance(v, int) and 1 <= v <= 31,
        "units": lambda v: v in _UNIT_CODES,
        "unit_plurals": lambda v: v in tables["units"],
        "seasons": lambda v: v in ("SP", "SU", "FA", "WI"),
        "parts_of_day": lambda v: v in ("MO", "AF", "EV", "NI", "MI", "DT"),
        "clock_words": lambda v: isinstance(v, str) and len(v) == 5 and v[2] == ":",
        "holidays": lambda v: isinstance(v, str) and valid_holiday_rule(v),
        "timezones": lambda v: isinstance(v, str),
        "vague": lambda v: v in _VAGUE_VALUES,
        "set_adverbs": lambda v: isinstance(v, str) and v.startswith("P"),
    }
    for name, ok in checks.items():
        bad = [k for k, v in tables[name].items() if not ok(v)]
        if bad:
            raise fail(f"invalid entries in {name!r}: {bad[:5]}")
    vague_numbers = data.get("vague_numbers")
    if not isinstance(vague_numbers, list) or not all(isinstance(w, str) for w in vague_numbers):
        raise fail("'vague_numbers' must be a list of strings")
    return TimeLexicon(version=data["version"], vague_numbers=tuple(w.lower() for w in vague_numbers), **tables)
