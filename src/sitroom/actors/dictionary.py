"""The actor dictionary: versioned JSON files under ``sitroom/data/actors/`` plus the user's own.

Loaded, validated and indexed once per process through ``resources.get("actor_dictionary",
load_dictionary)``. User files (option ``actor_files``, CLI ``--actors FILE``) are read after the
built-in ones and take precedence: an entry with a known id replaces the built-in entry, and an
alias, demonym or sector phrase a user file defines points where the user file says.
The format is documented in docs/data-files.md, section "Actors".
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
from sitroom.model.vocab import ActorKind, Relation

log = logging.getLogger(__name__)

#: built-in files, in load order (a later file may refer to ids of an earlier one and vice versa)
BUILTIN_FILES = (
    "states.json", "demonyms.json", "sectors.json", "rules.json", "institutions.json",
    "nonstate.json", "organizations.json", "media.json", "persons.json",
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """A named actor: an armed group, party, institution, organisation, outlet or person."""

    id: str
    name: str
    kind: ActorKind
    country: str | None
    code: str | None
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()  # aliases used only when a context string occurs in the article
    context: tuple[str, ...] = ()
    affiliations: tuple[tuple[Relation, str], ...] = ()  # (relation, entry id or ISO alpha-3)
    gender: str | None = None  # persons: "m" / "f", for pronoun agreement
    source: str = ""


@dataclass(frozen=True, slots=True)
class State:
    id: str  # ISO 3166-1 alpha-3
    name: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    government_aliases: tuple[str, ...] = ()
    military_aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    status: str = "member"


@dataclass(frozen=True, slots=True)
class Demonym:
    country: str | None  # ISO alpha-3, or None for a people that crosses borders
    label: str  # the adjective used in composed names ("Israeli military")
    adjectives: tuple[str, ...]
    plurals: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.country or "~" + self.label


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    kind: ActorKind
    role: str  # CAMEO role code appended to the country code (MIL, GOV, COP ...)
    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Title:
    phrase: str
    relation: Relation
    sector: str  # "government" | "military" | "police" | "group"


@dataclass(frozen=True, slots=True)
class Anaphor:
    kinds: frozenset[ActorKind]
    named_only: bool
    persons: bool


@dataclass(slots=True)
class ActorDictionary:
    entries: dict[str, Entry] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    demonyms: dict[str, Demonym] = field(default_factory=dict)  # key -> demonym
    sectors: dict[str, Sector] = field(default_factory=dict)
    sector_phrase: dict[str, Sector] = field(default_factory=dict)  # lower-case phrase -> sector
    member_nouns: frozenset[str] = frozenset()
    needs_modifier: frozenset[str] = frozenset()
    individual_nouns: frozenset[str] = frozenset()
    titles: dict[str, tuple[Title, ...]] = field(default_factory=dict)  # lower-case phrase -> titles
    anaphors: dict[str, tuple[Anaphor, ...]] = field(default_factory=dict)
    patronage: dict[str, Relation] = field(default_factory=dict)
    proxy_nouns: dict[str, Relation] = field(default_factory=dict)
    event_nouns: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    focus_sectors: frozenset[str] = frozenset()
    agentive_deps: frozenset[str] = frozenset()
    addressee_verbs: frozenset[str] = frozenset()
    org_heads: dict[str, ActorKind] = field(default_factory=dict)
    not_actors: tuple[str, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)  # file -> version
    #: phrase -> (what it names, payload); user files are indexed last so their phrases win
    phrase_owner: dict[str, tuple[str, str]] = field(default_factory=dict)

    def adjective(self, country: str | None, fallback: str = "") -> str:
        dem = self.demonyms.get(country or "")
        if dem and dem.adjectives:
            return dem.adjectives[0]
        state = self.states.get(country or "")
        return state.name if state else fallback


# ---- loading ----------------------------------------------------------------------------------

def load_dictionary(resources) -> ActorDictionary:
    """Resource loader: built-in files, then the user's ``actor_files`` (theirs take precedence)."""
    user_files = resources.option("actor_files", ()) or ()
    if isinstance(user_files, (str, Path)):
        user_files = (user_files,)
    return build_dictionary(user_files=[Path(p) for p in user_files])


def build_dictionary(*, user_files: Iterable[Path] = (), builtin: bool = True) -> ActorDictionary:
    docs: list[tuple[str, Mapping[str, Any]]] = []
    if builtin:
        base = importlib_resources.files("sitroom").joinpath("data", "actors")
        for name in BUILTIN_FILES:
            docs.append((f"actors/{name}", _parse(base.joinpath(name).read_text(encoding="utf-8"), f"actors/{name}")))
    for path in user_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"cannot read actor file {path}: {exc}", path=str(path)) from exc
        docs.append((str(path), _parse(text, str(path))))
    d = ActorDictionary()
    for source, doc in docs:
        _merge(d, doc, source)
    _check_references(d)
    log.info("actor dictionary: %d entries, %d states, %d demonyms, %d sector phrases from %d files",
             len(d.entries), len(d.states), len(d.demonyms), len(d.sector_phrase), len(docs))
    return d


def _parse(text: str, source: str) -> Mapping[str, Any]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source}: not valid JSON: {exc}", path=source) from exc
    if not isinstance(doc, dict):
        raise DataFileError(f"{source}: top level must be an object", path=source)
    for key in ("version", "description"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            raise DataFileError(f"{source}: missing string field {key!r}", path=source)
    known = {"version", "description", "actors", "states", "not_actors", "demonyms", "sectors", "member_nouns",
             "needs_modifier", "individual_nouns", "titles", "anaphors", "patronage", "proxy_nouns", "event_nouns",
             "locative_prepositions", "place_nouns", "focus_country_sectors", "agentive_dependencies", "org_head_words",
             "addressee_verbs"}
    unknown = set(doc) - known
    if unknown:
        raise DataFileError(f"{source}: unknown top-level field(s) {sorted(unknown)}", path=source)
    return doc


def _fail(source: str, where: str, msg: str) -> DataFileError:
    return DataFileError(f"{source}: {where}: {msg}", path=source, entry=where)


def _strs(value: Any, source: str, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, where, f"{name} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _country(value: Any, source: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO3.match(value):
        raise _fail(source, where, f"country must be an ISO alpha-3 code or null, not {value!r}")
    return value


def _enum(cls, value: Any, source: str, where: str, name: str):
    try:
        return cls(value)
    except ValueError as exc:
        raise _fail(source, where, f"{name} {value!r} is not one of {[m.value for m in cls]}") from exc


def _merge(d: ActorDictionary, doc: Mapping[str, Any], source: str) -> None:
    d.versions[source] = doc["version"]
    for i, raw in enumerate(doc.get("states") or ()):
        state = _state(raw, source, f"states[{i}]")
        d.states[state.id] = state
        for phrase in (state.name, *state.aliases, *state.ambiguous):
            d.phrase_owner[phrase] = ("state", state.id)
    if "not_actors" in doc:
        d.not_actors = tuple(dict.fromkeys(d.not_actors + _strs(doc["not_actors"], source, "not_actors", "not_actors")))
    for i, raw in enumerate(doc.get("demonyms") or ()):
        dem = _demonym(raw, source, f"demonyms[{i}]")
        d.demonyms[dem.key] = dem
        for phrase in dem.adjectives + dem.plurals:
            d.phrase_owner[phrase] = ("demonym", dem.key)
    for i, raw in enumerate(doc.get("sectors") or ()):
        sector = _sector(raw, source, f"sectors[{i}]")
        d.sectors[sector.id] = sector
        for phrase in sector.phrases:
            d.sector_phrase[phrase.lower()] = sector
    if "member_nouns" in doc:
        words = _strs(doc["member_nouns"], source, "member_nouns", "list")
        d.member_nouns = d.member_nouns | {p.lower() for p in words}
    for key in ("needs_modifier", "individual_nouns"):
        if key in doc:
            words = {p.lower() for p in _strs(doc[key], source, key, "list")}
            setattr(d, key, getattr(d, key) | words)
    for i, raw in enumerate(doc.get("titles") or ()):
        where = f"titles[{i}]"
        rel = _enum(Relation, raw.get("relation"), source, where, "relation")
        sector = raw.get("sector")
        if sector not in ("government", "military", "police", "group"):
            raise _fail(source, where, "sector must be government, military, police or group")
        for phrase in _strs(raw.get("phrases"), source, where, "phrases"):
            d.titles[phrase.lower()] = d.titles.get(phrase.lower(), ()) + (Title(phrase.lower(), rel, sector),)
    for i, raw in enumerate(doc.get("anaphors") or ()):
        where = f"anaphors[{i}]"
        kinds = frozenset(
            _enum(ActorKind, k, source, where, "kind") for k in _strs(raw.get("kinds"), source, where, "kinds"))
        rule = Anaphor(kinds, bool(raw.get("named_only", True)), bool(raw.get("persons", False)))
        for head in _strs(raw.get("heads"), source, where, "heads"):
            d.anaphors[head.lower()] = d.anaphors.get(head.lower(), ()) + (rule,)
    for key, table in (("patronage", d.patronage), ("proxy_nouns", d.proxy_nouns)):
        if key in doc:
            if not isinstance(doc[key], dict):
                raise _fail(source, key, "must map words to relations")
            for word, rel in doc[key].items():
                table[word.lower()] = _enum(Relation, rel, source, f"{key}.{word}", "relation")
    for key, attr in (("event_nouns", "event_nouns"),
                      ("locative_prepositions", "locative_preps"), ("place_nouns", "place_nouns"),
                      ("focus_country_sectors", "focus_sectors"),
                      ("agentive_dependencies", "agentive_deps"), ("addressee_verbs", "addressee_verbs")):
        if key in doc:
            setattr(d, attr, getattr(d, attr) | {w.lower() for w in _strs(doc[key], source, key, key)})
    if "org_head_words" in doc:
        for kind, words in doc["org_head_words"].items():
            k = _enum(ActorKind, kind, source, f"org_head_words.{kind}", "kind")
            for w in _strs(words, source, f"org_head_words.{kind}", "words"):
                d.org_heads[w] = k
    ids_here: set[str] = set()
    for i, raw in enumerate(doc.get("actors") or ()):
        entry = _entry(raw, source, f"actors[{i}]")
        if entry.id in ids_here:
            raise _fail(source, f"actors[{i}]", f"duplicate id {entry.id!r}")
        if entry.id in d.states:
            raise _fail(source, f"actors[{i}]", f"id {entry.id!r} is a state id")
        ids_here.add(entry.id)
        d.entries[entry.id] = entry  # a user file's entry replaces a built-in one with the same id
        for phrase in (entry.name, *entry.aliases, *entry.ambiguous):
            d.phrase_owner[phrase] = ("entry", entry.id)


def _state(raw: Any, source: str, where: str) -> State:
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be an object")
    sid = raw.get("id")
    if not isinstance(sid, str) or not _ISO3.match(sid):
        raise _fail(source, where, f"id must be an ISO alpha-3 code, not {sid!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, where, "name must be a non-empty string")
    ambiguous = _strs(raw.get("ambiguous_aliases"), source, where, "ambiguous_aliases")
    context = _strs(raw.get("context"), source, where, "context")
    if ambiguous and not context:
        raise _fail(source, where, "ambiguous_aliases need a context list")
    return State(
        sid, name.strip(), _strs(raw.get("aliases"), source, where, "aliases"),
        _strs(raw.get("capitals"), source, where, "capitals"),
        _strs(raw.get("government_aliases"), source, where, "government_aliases"),
        _strs(raw.get("military_aliases"), source, where, "military_aliases"),
        ambiguous, context, str(raw.get("status", "member")),
    )


def _demonym(raw: Any, source: str, where: str) -> Demonym:
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be an object")
    country = _country(raw.get("country"), source, where)
    adjectives = _strs(raw.get("adjectives"), source, where, "adjectives")
    plurals = _strs(raw.get("plurals"), source, where, "plurals")
    label = raw.get("label") or (adjectives[0] if adjectives else None)
    if country is None and not label:
        raise _fail(source, where, "a demonym without a country needs a label")
    if not adjectives and not plurals:
        raise _fail(source, where, "needs adjectives or plurals")
    return Demonym(country, label or country or "", adjectives, plurals)


def _sector(raw: Any, source: str, where: str) -> Sector:
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be an object")
    sid, role, label = raw.get("id"), raw.get("role"), raw.get("label")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise _fail(source, where, f"bad id {sid!r}")
    if not isinstance(role, str) or not re.match(r"^[A-Z]{3}$", role):
        raise _fail(source, where, f"role must be a three-letter CAMEO role code, not {role!r}")
    if not isinstance(label, str) or not label:
        raise _fail(source, where, "label must be a non-empty string")
    kind = _enum(ActorKind, raw.get("kind"), source, where, "kind")
    return Sector(sid, kind, role, label, _strs(raw.get("phrases"), source, where, "phrases"))


def _entry(raw: Any, source: str, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be an object")
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise _fail(source, where, f"bad id {eid!r}")
    where = f"{where} ({eid})"
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, where, "name must be a non-empty string")
    kind = _enum(ActorKind, raw.get("kind"), source, where, "kind")
    code = raw.get("code")
    if code is not None and (not isinstance(code, str) or not re.match(r"^[A-Z0-9]{3,15}$", code)):
        raise _fail(source, where, f"code must be 3-15 upper-case letters or digits, not {code!r}")
    affiliations = []
    for j, aff in enumerate(raw.get("affiliations") or ()):
        if not isinstance(aff, dict) or not isinstance(aff.get("actor"), str):
            raise _fail(source, where, f"affiliations[{j}] must be {{relation, actor}}")
        affiliations.append((_enum(Relation, aff.get("relation"), source, where, "relation"), aff["actor"]))
    ambiguous = _strs(raw.get("ambiguous_aliases"), source, where, "ambiguous_aliases")
    context = _strs(raw.get("context"), source, where, "context")
    if ambiguous and not context:
        raise _fail(source, where, "ambiguous_aliases need a context list")
    gender = raw.get("gender")
    if gender not in (None, "m", "f"):
        raise _fail(source, where, "gender must be m, f or null")
    return Entry(
        eid, name.strip(), kind, _country(raw.get("country"), source, where), code,
        _strs(raw.get("aliases"), source, where, "aliases"), ambiguous, context, tuple(affiliations), gender, source,
    )


def _check_references(d: ActorDictionary) -> None:
    for entry in d.entries.values():
        for rel, target in entry.affiliations:
            if target not in d.entries and target not in d.states:
                raise DataFileError(
                    f"{entry.source}: {entry.id}: affiliation {rel.value} -> unknown actor {target!r}",
                    path=entry.source, entry=entry.id,
                )
    for dem in d.demonyms.values():
        if dem.country and dem.country not in d.states:
            raise DataFileError(f"demonym {dem.label!r} names unknown state {dem.country}", entry=dem.label)
