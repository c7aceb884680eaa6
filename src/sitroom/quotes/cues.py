"""Reporting cues and hedges: which words introduce reported content, and how sure they make it.

The lexicon is the data file ``sitroom/data/quotes/cues.json`` (documented in
docs/data-files.md) plus any user files named by the ``cue_files`` option; a user
file's entries take precedence, and a ``null`` value removes a built-in cue.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError
from sitroom.model import Certainty

#: sections of a cue file mapping a cue to a certainty
SECTIONS = ("verbs", "nouns", "phrases", "hedges", "hedge_phrases")
#: sections of a cue file that are lists of strings
LISTS = ("labels", "title_nouns", "group_nouns")
_CERTAINTIES = {c.value for c in Certainty}


@dataclass(frozen=True, slots=True, eq=False)
class CueLexicon:
    """The compiled lexicon one ``QuotesStage`` uses for every article."""

    #: verb lemma -> certainty, for single-word verbs ("say")
    verbs: Mapping[str, Certainty]
    #: verb lemma -> {particle or preposition -> certainty}, for "call for", "point out"
    verb_particles: Mapping[str, Mapping[str, Certainty]]
    nouns: Mapping[str, Certainty]
    #: lower-cased word sequence -> certainty ("according to")
    phrases: Mapping[str, Certainty]
    hedges: Mapping[str, Certainty]
    hedge_phrases: Mapping[str, Certainty]
    #: lower-cased words that head a "Label: text" line without being a speaker ("Editor's note")
    labels: frozenset[str]
    #: nouns that stand for a person named earlier with that title ("the minister")
    title_nouns: frozenset[str]
    #: nouns that stand for the organisation named last ("the group", "the movement")
    group_nouns: frozenset[str]
    #: matches any phrase or hedge phrase, case-insensitively, on word boundaries
    phrase_pattern: re.Pattern | None
    versions: tuple[str, ...] = ()
    #: spaCy string ids of the lemmas/words above, for vectorised candidate search (docindex)
    verb_ids: frozenset[int] = frozenset()
    noun_ids: frozenset[int] = frozenset()
    hedge_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()
    title_ids: frozenset[int] = frozenset()

    def phrase_certainty(self, matched: str) -> tuple[str, Certainty]:
        """(section, certainty) of a ``phrase_pattern`` match."""
        key = " ".join(matched.lower().split())
        if key in self.phrases:
            return "phrases", self.phrases[key]
        return "hedge_phrases", self.hedge_phrases[key]


def default_cue_path() -> Path:
    return Path(str(importlib_resources.files("sitroom").joinpath("data", "quotes", "cues.json")))


def read_cue_file(path: str | Path) -> dict[str, Any]:
    """Read and validate one cue file; raise DataFileError naming the file and the problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read cue file {path}: {exc}", path=str(path)) from exc
    validate_cue_data(data, source=str(path))
    return data


def validate_cue_data(data: Any, *, source: str = "<cue data>") -> None:
    """Check the schema: a version, a description, and sections mapping cue -> certainty (or null)."""
    def fail(problem: str) -> DataFileError:
        return DataFileError(f"cue file {source}: {problem}", path=source)

    if not isinstance(data, dict):
        raise fail("top level must be an object")
    for key in ("version", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"missing or empty string field {key!r}")
    unknown = set(data) - {"version", "description", *SECTIONS, *LISTS}
    if unknown:
        raise fail(f"unknown section(s) {sorted(unknown)}; known: {[*SECTIONS, *LISTS]}")
    for section in LISTS:
        entries = data.get(section, [])
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise fail(f"section {section!r} must be a list of non-empty strings")
    for section in SECTIONS:
        entries = data.get(section, {})
        if not isinstance(entries, dict):
            raise fail(f"section {section!r} must be an object mapping cue to certainty")
        for cue, certainty in entries.items():
            if not isinstance(cue, str) or not cue.strip() or cue != " ".join(cue.split()):
                raise fail(f"{section}: cue {cue!r} must be non-empty words separated by single spaces")
            if certainty is not None and certainty not in _CERTAINTIES:
                raise fail(f"{section}: {cue!r} has certainty {certainty!r}; use one of {sorted(_CERTAINTIES)}")
            if section in ("nouns", "hedges") and " " in cue:
                raise fail(f"{section}: {cue!r} must be one word (use phrases / hedge_phrases)")
            if section == "verbs" and len(cue.split()) > 2:
                raise fail(f"verbs: {cue!r} must be a lemma, optionally with one particle ('call for')")


def merge_cue_data(layers: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge validated cue files in order: later entries win; a null value removes the cue;
    list sections are joined."""
    merged: dict[str, Any] = {s: {} for s in SECTIONS}
    for section in LISTS:
        merged[section] = set()
    for data in layers:
        for section in LISTS:
            merged[section].update(e.lower() for e in data.get(section, []))
        for section in SECTIONS:
            for cue, certainty in data.get(section, {}).items():
                key = cue.lower()
                if certainty is None:
                    merged[section].pop(key, None)
                else:
                    merged[section][key] = certainty
    return merged


def compile_lexicon(files: Iterable[Mapping[str, Any]]) -> CueLexicon:
    layers = list(files)
    merged = merge_cue_data(layers)
    verbs: dict[str, Certainty] = {}
    particles: dict[str, dict[str, Certainty]] = {}
    for cue, certainty in merged["verbs"].items():
        lemma, _, particle = cue.partition(" ")
        if particle:
            particles.setdefault(lemma, {})[particle] = Certainty(certainty)
        else:
            verbs[lemma] = Certainty(certainty)
    phrases = {k: Certainty(v) for k, v in merged["phrases"].items()}
    hedge_phrases = {k: Certainty(v) for k, v in merged["hedge_phrases"].items()}
    alternatives = sorted({*phrases, *hedge_phrases}, key=len, reverse=True)
    pattern = None
    if alternatives:
        body = "|".join(r"\s+".join(map(re.escape, a.split())) for a in alternatives)
        pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    from sitroom.quotes.docindex import string_ids  # spaCy-dependent, so imported only when compiling

    nouns = {k: Certainty(v) for k, v in merged["nouns"].items()}
    hedges = {k: Certainty(v) for k, v in merged["hedges"].items()}
    return CueLexicon(
        verbs=verbs,
        verb_particles=particles,
        nouns=nouns,
        phrases=phrases,
        hedges=hedges,
        hedge_phrases=hedge_phrases,
        labels=frozenset(merged["labels"]),
        title_nouns=frozenset(merged["title_nouns"]),
        group_nouns=frozenset(merged["group_nouns"]),
        phrase_pattern=pattern,
        versions=tuple(str(d["version"]) for d in layers),
        verb_ids=string_ids([*verbs, *particles, "according"]),
        noun_ids=string_ids(nouns),
        hedge_ids=string_ids(hedges),
        group_ids=string_ids(merged["group_nouns"]),
        title_ids=string_ids(merged["title_nouns"]),
    )


def load_lexicon(user_files: Iterable[str | Path] = ()) -> CueLexicon:
    """The built-in cue file followed by the user's files (theirs take precedence)."""
    if isinstance(user_files, (str, Path)):
        user_files = (user_files,)
    return compile_lexicon([read_cue_file(default_cue_path()), *(read_cue_file(p) for p in user_files)])
