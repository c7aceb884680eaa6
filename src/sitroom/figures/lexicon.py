"""The figures lexicon: loading, validation, merging of user files and compilation.

The shipped file is ``sitroom/data/figures/lexicon.json``; users add their own files with the
``figure_files`` option (``Pipeline(figure_files=["my.json"])``). A user file has the same shape,
may leave sections out, and takes precedence: its dictionary entries replace shipped ones and its
cue words override the kind a shipped word had for the same role.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError
from sitroom.model import FigureKind, Qualifier

log = logging.getLogger(__name__)

#: the cue roles of a kind (see docs/data-files.md): where the cue stands relative to the number
ROLES = ("nouns", "left", "of", "right", "mod")

# section -> field -> the shape of its value (the shipped file has them all; a user file any of them)
_SCHEMA: dict[str, dict[str, str]] = {
    "numbers": {"units": "num_map", "tens": "num_map", "scales": "num_map", "dozen": "num",
                "suffix_scales": "num_map"},
    "vague": {"strong": "num_map", "weak": "opt_num_map", "multipliers": "num_map"},
    "qualifiers": {"before": "qual_map", "after": "qual_map", "verbs": "qual_map", "additional": "words"},
    "capture": {"verbs": "words", "state_agents": "words", "nonstate_agents": "words"},
    "nouns": {"property": "words", "units": "words", "containers": "words", "durations": "words",
              "person_pronouns": "words", "persons": "words", "not_persons": "words", "persons_suffixes": "words"},
    "context": {"months": "words", "weekdays": "words", "age_before": "words", "age_after": "words",
                "family_before": "words", "label_before": "words", "label_after": "words",
                "currency_before": "words", "currency_after": "words", "percent_after": "words",
                "change_verbs": "words", "toll_nouns": "words", "toll_links": "words",
                "fractions_after": "words"},
    "scan": {"skip_left": "words", "skip_right": "words", "include_words": "words", "stop_np": "words"},
    "scope": {"general_quantities": "bool"},
}
_QUALIFIERS = {q.value for q in Qualifier}
_KINDS = {k.value for k in FigureKind}


def _fail(where: str, message: str) -> DataFileError:
    return DataFileError(f"figures lexicon {where}: {message}", file=where)


def _check_value(where: str, key: str, kind: str, value: Any) -> None:
    def bad(expected: str) -> DataFileError:
        return _fail(where, f"{key!r} must be {expected}")

    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
    elif kind == "num":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise bad("a number")
    elif kind == "words":
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise bad("a list of non-empty strings")
    elif kind in ("num_map", "opt_num_map", "qual_map"):
        if not isinstance(value, dict):
            raise bad("an object")
        for k, v in value.items():
            if not isinstance(k, str) or not k.strip():
                raise bad("an object with non-empty keys")
            if kind == "qual_map":
                if v not in _QUALIFIERS:
                    raise bad(f"an object of qualifiers ({sorted(_QUALIFIERS)}), not {v!r}")
            elif not (isinstance(v, (int, float)) and not isinstance(v, bool)) and not (
                kind == "opt_num_map" and v is None
            ):
                raise bad("an object of numbers")


def validate(data: Any, where: str, *, complete: bool) -> None:
    """Raise DataFileError unless ``data`` is a lexicon (``complete``: every section present)."""
    if not isinstance(data, dict):
        raise _fail(where, "must be a JSON object")
    for key in ("version", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(where, f"needs a non-empty string {key!r}")
    unknown = set(data) - set(_SCHEMA) - {"version", "description", "kinds"}
    if unknown:
        raise _fail(where, f"unknown sections {sorted(unknown)}")
    for section, fields in _SCHEMA.items():
        if section not in data:
            if complete:
                raise _fail(where, f"misses section {section!r}")
            continue
        body = data[section]
        if not isinstance(body, dict):
            raise _fail(where, f"section {section!r} must be an object")
        extra = set(body) - set(fields)
        if extra:
            raise _fail(where, f"section {section!r} has unknown fields {sorted(extra)}")
        for name, kind in fields.items():
            if name in body:
                _check_value(where, f"{section}.{name}", kind, body[name])
            elif complete:
                raise _fail(where, f"misses {section}.{name}")
    kinds = data.get("kinds", {} if not complete else None)
    if not isinstance(kinds, dict):
        raise _fail(where, "section 'kinds' must be an object")
    for kind, roles in kinds.items():
        if kind not in _KINDS:
            raise _fail(where, f"unknown figure kind {kind!r} (known: {sorted(_KINDS)})")
        if not isinstance(roles, dict) or set(roles) - set(ROLES):
            raise _fail(where, f"kinds.{kind} must be an object with fields from {list(ROLES)}")
        for role, words in roles.items():
            _check_value(where, f"kinds.{kind}.{role}", "words", words)
    if complete:
        _check_unambiguous(kinds, where)


def _check_unambiguous(kinds: Mapping[str, Mapping[str, list[str]]], where: str) -> None:
    """Within one file a cue phrase names one kind per role; two would make the result depend on order."""
    for role in ROLES:
        seen: dict[str, str] = {}
        for kind, roles in kinds.items():
            for phrase in roles.get(role, ()):
                key = " ".join(phrase.lower().split())
                if seen.setdefault(key, kind) != kind:
                    raise _fail(where, f"cue {key!r} ({role}) is listed for both {seen[key]} and {kind}")


def _read(path: Path | str, where: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError as exc:
        raise _fail(where, "file not found") from exc
    except (OSError, ValueError) as exc:
        raise _fail(where, f"cannot be read as JSON: {exc}") from exc


def shipped_path() -> Path:
    return Path(str(importlib_resources.files("sitroom") / "data" / "figures" / "lexicon.json"))


def _phrase(words: str) -> tuple[str, ...]:
    return tuple(words.lower().split())


@dataclass
class CueIndex:
    """Cue phrases of one role: phrase (token tuple) -> kind, indexed by first and by last word."""

    by_first: dict[str, list[tuple[tuple[str, ...], FigureKind]]] = field(default_factory=dict)
    by_last: dict[str, list[tuple[tuple[str, ...], FigureKind]]] = field(default_factory=dict)
    single: dict[str, FigureKind] = field(default_factory=dict)

    def add(self, phrase: tuple[str, ...], kind: FigureKind) -> None:
        if len(phrase) == 1:
            self.single[phrase[0]] = kind
        for index, key in ((self.by_first, phrase[0]), (self.by_last, phrase[-1])):
            entries = [e for e in index.get(key, []) if e[0] != phrase]
            entries.append((phrase, kind))
            entries.sort(key=lambda e: -len(e[0]))  # longest match first
            index[key] = entries


class Lexicon:
    """The merged, compiled lexicon the figures stage reads (built once per process)."""

    def __init__(self, layers: Iterable[dict]) -> None:
        layers = list(layers)
        self.versions = [layer["version"] for layer in layers]
        merged: dict[str, dict[str, Any]] = {section: {} for section in _SCHEMA}
        self.cues: dict[str, CueIndex] = {role: CueIndex() for role in ROLES}
        for layer in layers:  # later layers (user files) take precedence
            for section, fields in _SCHEMA.items():
                for name, kind in fields.items():
                    if name not in layer.get(section, {}):
                        continue
                    value = layer[section][name]
                    if kind == "words":
                        merged[section][name] = list(dict.fromkeys([*merged[section].get(name, []), *value]))
                    elif isinstance(value, dict):
                        merged[section][name] = {**merged[section].get(name, {}),
                                                 **{" ".join(k.lower().split()): v for k, v in value.items()}}
                    else:
                        merged[section][name] = value
            for kind, roles in layer.get("kinds", {}).items():
                for role, phrases in roles.items():
                    for words in phrases:
                        self.cues[role].add(_phrase(words), FigureKind(kind))
        self.numbers = merged["numbers"]
        self.vague = merged["vague"]
        q = merged["qualifiers"]
        self.qual_before = {k: Qualifier(v) for k, v in q["before"].items()}
        self.qual_after = {k: Qualifier(v) for k, v in q["after"].items()}
        self.qual_verbs = {k: Qualifier(v) for k, v in q["verbs"].items()}
        self.additional = q["additional"]
        #: keep money, measures and counts of things too (kind other), not only conflict figures
        self.general_quantities = bool(merged["scope"].get("general_quantities", False))
        self.words: dict[str, frozenset[str]] = {}
        for section in ("capture", "nouns", "context", "scan"):
            for name, value in merged[section].items():
                self.words[name] = frozenset(w.lower() for w in value)
        self.person_suffixes = tuple(self.words["persons_suffixes"])
        self.toll_last_words = frozenset(w.split()[-1] for w in self.words["toll_nouns"])
        self.phrases: dict[str, tuple[tuple[str, ...], ...]] = {
            name: tuple(sorted((_phrase(w) for w in self.words[name]), key=len, reverse=True))
            for name in ("include_words", "toll_nouns")
        }
        from spacy.strings import get_string_id

        n, v = self.numbers, self.vague
        triggers = {"dozen", "half", *n["units"], *n["tens"], *n["scales"],
                    *(w.split()[0] for w in (*v["strong"], *v["weak"], *v["multipliers"]))} - {"a", "an"}
        triggers |= {"few", "handful", "couple"}  # after "a"
        self.trigger_ids = frozenset(get_string_id(w) for w in triggers)
        self.a_next_ids = frozenset(get_string_id(w) for w in ("a", "an", "half"))
        self.number_id = get_string_id("number")
        from sitroom.figures.numbers import compile_atoms, compile_codes  # compiled once, here
        from sitroom.figures.qualifiers import compile_qualifiers

        self.atom_re = compile_atoms(self)
        self.codes_re = compile_codes(self)
        self.qual_res = compile_qualifiers(self)
        self.context_res = _compile_context(self)


def currency_re(words: Iterable[str]) -> str:
    """Currency signs and codes; a code must start a word ("rs" in "officers." is not rupees)."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(("(?<![A-Za-z])" if w[0].isalpha() else "") + r"\s*".join(re.escape(p) for p in w.split())
                    for w in parts)


def _words_re(words: Iterable[str]) -> str:
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(p) for p in w.split()) if not w[0].isalnum() else
                    r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def _compile_context(lex: Lexicon) -> dict[str, re.Pattern]:
    """Regexes over the characters around a number (see sitroom.figures.context)."""
    w = lex.words
    months = _words_re(w["months"])
    word_units = [u for u in w["durations"] if u[0].isalpha()]
    return {
        "month_before": re.compile(rf"(?<![\w])(?:{months})\.?,?\s*$", re.IGNORECASE),
        "month_after": re.compile(rf"^\s*(?:{months})(?![\w])", re.IGNORECASE),
        "age_after": re.compile(rf"^(?:\s*-\s*|\s+|-)?(?:{_words_re(a.strip('-') for a in w['age_after'])})(?![\w])",
                                re.IGNORECASE),
        "age_before": re.compile(rf"(?<![\w])(?:{_words_re(w['age_before'])})\s*$", re.IGNORECASE),
        "family_before": re.compile(rf"(?<![\w])(?:{_words_re(w['family_before'])})[\s-]*$", re.IGNORECASE),
        "label_before": re.compile(rf"(?<![\w])(?:{_words_re(w['label_before'])})\s*$", re.IGNORECASE),
        # capitalised words then a street word: "12 Harbour Street", "the 500 block"
        "label_after": re.compile(rf"^(?:(?:\s+[A-Z][a-z][\w'.-]*){{1,3}}\s+(?i:{_words_re(w['label_after'])})(?![\w])"
                                  r"|\s+(?i:block)\s+(?i:of)\s)"),
        "currency_before": re.compile(rf"(?:{currency_re(w['currency_before'])})\s*$", re.IGNORECASE),
        "currency_after": re.compile(rf"^\s*(?:{_words_re(w['currency_after'])})(?![\w])", re.IGNORECASE),
        "percent_after": re.compile(rf"^\s*(?:{_words_re(w['percent_after'])})(?![\w])", re.IGNORECASE),
        "duration_after": re.compile(rf"^(?:\s*-\s*|\s+|-)?(?:{_words_re(word_units)})(?![\w])", re.IGNORECASE),
        "fraction_after": re.compile(rf"^(?:\s*-\s*|\s+)(?:{_words_re(w['fractions_after'])})(?![\w])",
                                     re.IGNORECASE),
        "change_before": re.compile(rf"(?<![\w])(?:{_words_re(w['change_verbs'])})\s+(?:\w+\s+)?from\s+$",
                                    re.IGNORECASE),
    }


def load_lexicon(resources) -> Lexicon:
    """The shipped lexicon plus the user's ``figure_files`` (later files win); for Resources.get."""
    layers = []
    shipped = shipped_path()
    data = _read(shipped, str(shipped))
    validate(data, str(shipped), complete=True)
    layers.append(data)
    files = resources.option("figure_files", ()) or ()
    if isinstance(files, (str, Path)):
        files = [files]
    for path in files:
        user = _read(path, str(path))
        validate(user, str(path), complete=False)
        layers.append(user)
        log.info("figures lexicon: added %s (version %s)", path, user["version"])
    return Lexicon(layers)
