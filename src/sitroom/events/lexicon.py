"""The event data files, validated and compiled once per process.

Four files under ``sitroom/data/events/`` (documented in docs/data-files.md, section
"events"): ``triggers.json`` (verb/noun triggers, light verbs, governor maps),
``codes.json`` (CAMEO -> PLOVER, ACLED defaults, quad classes), ``means.json``
(weapon/means words) and ``cues.json`` (flag cues, participant roles). Users add
their own files with the ``event_files`` option; their entries are tried first.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources as ilr
from pathlib import Path
from typing import Any

from sitroom.errors import DataFileError
from sitroom.model import Plover, QuadClass

log = logging.getLogger(__name__)

BUILTIN = ("codes.json", "triggers.json", "means.json", "cues.json")

#: every key a trigger entry may carry, with the type its value must have
ENTRY_KEYS: dict[str, type | tuple[type, ...]] = {
    "cameo": str, "object": list, "object_not": list, "object_kind": str, "particle": list, "prep": list,
    "prep_object": list, "prep_object_trigger": bool, "complement": list, "complement_lemma": list,
    "passive": bool, "subject": list, "subject_not": list, "agent": list, "oprd": list, "with_means": bool,
    "needs_word": list, "governs": str, "symmetric": bool, "target_preps": list,
    "acled": (list, type(None)), "plover": str, "light": bool, "light_only": list, "modifier": list,
    "not_modifier": list, "of": str, "plural_only": bool, "governor": list, "governor_prep": list,
    "needs_of": list, "military": bool, "subject_is_target": bool,
}
OBJECT_KINDS = {"actor", "any_object", "any_or_passive", "none", "gpe"}
LIGHT_KEYS = {"particle": list, "preps": list, "target_subject": bool, "hypothetical": bool, "blocked": bool}


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a lemma triggers an event: a CAMEO code and the constraints that must hold."""

    cameo: str
    where: str  # "file: section/lemma[i]" for error messages and explanations
    object: frozenset[str] = frozenset()
    object_not: frozenset[str] = frozenset()
    object_kind: str | None = None
    particle: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    prep_object: frozenset[str] = frozenset()
    prep_object_trigger: bool = False
    complement: frozenset[str] = frozenset()
    complement_lemma: frozenset[str] = frozenset()
    passive: bool | None = None
    subject: frozenset[str] = frozenset()
    subject_not: frozenset[str] = frozenset()
    agent: frozenset[str] = frozenset()
    oprd: frozenset[str] = frozenset()
    with_means: bool = False
    needs_word: frozenset[str] = frozenset()
    governs: str | None = None
    symmetric: bool = False
    target_preps: frozenset[str] | None = None
    acled: tuple[str, str] | None = None
    acled_set: bool = False  # True when the entry overrides the ACLED mapping (possibly with None)
    plover: Plover | None = None
    light: bool = False
    light_only: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    not_modifier: frozenset[str] = frozenset()
    of: str | None = None
    plural_only: bool = False
    governor: frozenset[str] = frozenset()
    governor_prep: frozenset[str] = frozenset()
    needs_of: frozenset[str] = frozenset()
    military: bool = False
    subject_is_target: bool = False


@dataclass(frozen=True, slots=True)
class LightVerb:
    particle: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    target_subject: bool = False
    hypothetical: bool = False
    blocked: bool = False


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    label: str
    plover: Plover | None
    acled: tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class MeansCategory:
    name: str
    cameo: str
    acled: tuple[str, str] | None


@dataclass(slots=True)
class EventLexicon:
    """Everything the events stage reads from data files, compiled for fast lookup."""

    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: inflected form -> verb key, for tokens the lemmatizer gets wrong ("raped" -> "rap")
    verb_forms: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    light_verbs: dict[str, LightVerb] = field(default_factory=dict)
    light_forms: dict[str, str] = field(default_factory=dict)  # "staged" -> "stage" (the tagger's "stag")
    governor_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    codes: dict[str, CodeInfo] = field(default_factory=dict)
    quad_prefixes: dict[str, QuadClass] = field(default_factory=dict)  # CAMEO code prefix -> quad class
    acled_types: dict[str, frozenset[str]] = field(default_factory=dict)
    means: list[MeansCategory] = field(default_factory=list)
    #: first word -> [(word sequence, category index)], longest sequences first
    means_index: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    def code(self, code: str) -> CodeInfo | None:
        return self.codes.get(code)

    def quad(self, code: str) -> QuadClass | None:
        """The quad class of a code: the longest matching prefix of codes.json's quad_class."""
        for n in (4, 3, 2):
            q = self.quad_prefixes.get(code[:n])
            if q is not None and len(code) >= n:
                return q
        return None

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def role(self, name: str) -> frozenset[str]:
        return self.cues["roles"].get(name, frozenset())

    def light_verb(self, tok) -> LightVerb | None:
        """The light-verb entry of a verb token, by its lemma or, where the tagger's lemma is
        wrong ("staged" -> "stag"), by its inflected form."""
        lv = self.light_verbs.get(tok.lemma_.lower())
        if lv is None and (key := self.light_forms.get(tok.lower_)) is not None:
            lv = self.light_verbs.get(key)
        return lv


# ---- loading ------------------------------------------------------------------------

def _read(path: Path | str, text: str | None = None) -> dict[str, Any]:
    try:
        data = json.loads(text if text is not None else Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read event data file {path}: {exc}", path=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), str) \
            or not isinstance(data.get("description"), str):
        raise DataFileError(f"{path}: an event data file is a JSON object with string 'version' and "
                            "'description'", path=str(path))
    return data


def builtin_files() -> list[tuple[str, dict[str, Any]]]:
    base = ilr.files("sitroom.data") / "events"
    return [(f"sitroom/data/events/{name}", _read(name, (base / name).read_text(encoding="utf-8")))
            for name in BUILTIN]


def load_lexicon(user_files: Iterable[str | Path] = ()) -> EventLexicon:
    """Built-in files, then the user's (whose entries take precedence), validated."""
    user = [(str(p), _read(p)) for p in user_files]
    lex = EventLexicon()
    # user files first: their triggers are tried before ours, their codes and cues replace ours
    files = user + builtin_files()
    for where, data in reversed(files):  # builtin first so user data overwrites dict-valued sections
        _add_codes(lex, where, data)
        _add_cues(lex, where, data)
        lex.versions[where] = data["version"]
    for where, data in files:  # user first so their trigger entries come first
        _add_triggers(lex, where, data)
        _add_means(lex, where, data)
    _validate(lex)
    _inflect(lex)
    return lex


def _forms(key: str) -> tuple[str, ...]:
    stem = key[:-1] if key.endswith("e") else key
    return (key + "s", key + "d", key + "ed", stem + "ing", key + key[-1] + "ed", key + key[-1] + "ing",
            key[:-1] + "ied" if key.endswith("y") else key + "ed")


def _inflect(lex: EventLexicon) -> None:
    for key in lex.verbs:
        for form in _forms(key):
            if form not in lex.verbs:
                lex.verb_forms.setdefault(form, key)
    for key in lex.light_verbs:  # the tagger lemmatises some forms wrongly ("staged" -> "stag")
        for form in (key, *_forms(key)):
            lex.light_forms.setdefault(form, key)


def _fail(where: str, msg: str) -> DataFileError:
    return DataFileError(f"{where}: {msg}", path=where.split(":")[0])


def _add_codes(lex: EventLexicon, where: str, data: Mapping[str, Any]) -> None:
    for qc, members in (data.get("quad_class") or {}).items():
        try:
            q = QuadClass(qc)
        except ValueError as exc:
            raise _fail(where, f"unknown quad class {qc!r}") from exc
        for prefix in members:
            if not (prefix.isdigit() and 2 <= len(prefix) <= 4):
                raise _fail(where, f"quad_class/{qc}: {prefix!r} is not a CAMEO code prefix")
            lex.quad_prefixes[prefix] = q
    for etype, subs in (data.get("acled_types") or {}).items():
        lex.acled_types[etype] = frozenset(subs)
    for code, info in (data.get("codes") or {}).items():
        if not (code.isdigit() and 2 <= len(code) <= 4) or not isinstance(info, dict):
            raise _fail(where, f"bad CAMEO code entry {code!r}")
        plover = info.get("plover")
        try:
            pv = None if plover is None else Plover(plover)
        except ValueError as exc:
            raise _fail(where, f"code {code}: unknown PLOVER type {plover!r}") from exc
        acled = info.get("acled")
        lex.codes[code] = CodeInfo(code, str(info.get("label", "")), pv, None if acled is None else tuple(acled))


def _add_cues(lex: EventLexicon, where: str, data: Mapping[str, Any]) -> None:
    for key, value in (data.get("cues") or {}).items():
        if key == "roles":
            roles = lex.cues.setdefault("roles", {})
            for role, words in value.items():
                roles[role] = roles.get(role, frozenset()) | frozenset(words)
        elif isinstance(value, list):
            lex.cues[key] = lex.cues.get(key, frozenset()) | frozenset(value)
        elif isinstance(value, dict):
            lex.cues[key] = {**lex.cues.get(key, {}), **value}
        else:
            lex.cues[key] = value


def _entry(where: str, raw: Any) -> Entry:
    if not isinstance(raw, dict) or not isinstance(raw.get("cameo"), str):
        raise _fail(where, "a trigger entry is an object with a string 'cameo'")
    kw: dict[str, Any] = {}
    for key, value in raw.items():
        want = ENTRY_KEYS.get(key)
        if want is None:
            raise _fail(where, f"unknown key {key!r}")
        if not isinstance(value, want):
            raise _fail(where, f"{key!r} must be {want}")
        if key == "acled":
            kw["acled"] = None if value is None else tuple(value)
            kw["acled_set"] = True
        elif key == "plover":
            try:
                kw["plover"] = Plover(value)
            except ValueError as exc:
                raise _fail(where, f"unknown PLOVER type {value!r}") from exc
        elif isinstance(value, list):
            kw[key] = frozenset(str(v).lower() for v in value)
        else:
            kw[key] = value
    if kw.get("object_kind") not in (None, *OBJECT_KINDS):
        raise _fail(where, f"object_kind must be one of {sorted(OBJECT_KINDS)}")
    if kw.get("of") not in (None, "source", "target"):
        raise _fail(where, "'of' must be 'source' or 'target'")
    return Entry(where=where, **kw)


def _norm_key(lemma: str) -> str:
    return lemma.lower().replace("-", "")


def _add_triggers(lex: EventLexicon, where: str, data: Mapping[str, Any]) -> None:
    for section in ("verbs", "nouns"):
        table = getattr(lex, section)
        for lemma, entries in (data.get(section) or {}).items():
            if not isinstance(entries, list):
                raise _fail(where, f"{section}/{lemma}: a list of entries")
            parsed = tuple(_entry(f"{where}: {section}/{lemma}[{i}]", e) for i, e in enumerate(entries))
            key = _norm_key(lemma)
            table[key] = table.get(key, ()) + parsed
    for lemma, raw in (data.get("light_verbs") or {}).items():
        if not isinstance(raw, dict) or any(k not in LIGHT_KEYS or not isinstance(v, LIGHT_KEYS[k])
                                            for k, v in raw.items()):
            raise _fail(where, f"light_verbs/{lemma}: keys {sorted(LIGHT_KEYS)}")
        if lemma.lower() in lex.light_verbs:  # a user's definition came first
            continue
        lex.light_verbs[lemma.lower()] = LightVerb(**{
            k: frozenset(v) if isinstance(v, list) else v for k, v in raw.items()})
    for name, mapping in (data.get("governor_maps") or {}).items():
        merged = dict(mapping)
        merged.update(lex.governor_maps.get(name, {}))  # the earlier (user) file wins
        lex.governor_maps[name] = merged


def _add_means(lex: EventLexicon, where: str, data: Mapping[str, Any]) -> None:
    for cat in data.get("categories") or ():
        if not isinstance(cat, dict) or not {"name", "cameo", "words"} <= cat.keys():
            raise _fail(where, "a means category has name, cameo, words (and acled)")
        acled = cat.get("acled")
        idx = len(lex.means)
        lex.means.append(MeansCategory(cat["name"], cat["cameo"], None if acled is None else tuple(acled)))
        for phrase in cat["words"]:
            words = tuple(phrase.lower().split())
            bucket = lex.means_index.setdefault(words[0], [])
            bucket.append((words, idx))
            bucket.sort(key=lambda item: -len(item[0]))


def _validate(lex: EventLexicon) -> None:
    """Every code a trigger, map or means category names exists; every ACLED pair is ACLED's."""
    if not lex.codes or not lex.quad_prefixes:
        raise DataFileError("codes.json defines no codes or quad classes")

    def check_acled(where: str, pair: tuple[str, str] | None) -> None:
        if pair is None:
            return
        if len(pair) != 2 or pair[1] not in lex.acled_types.get(pair[0], ()):
            raise DataFileError(f"{where}: {list(pair)} is not an ACLED event type / sub-event type")

    for code, info in lex.codes.items():
        check_acled(f"codes/{code}", info.acled)
        quad = lex.quad(code)
        if quad is None:
            raise DataFileError(f"codes/{code}: no quad_class prefix covers it")
        if info.plover is None and quad is not QuadClass.STATEMENT:
            raise DataFileError(f"codes/{code}: only statement codes may lack a PLOVER type")
    for table in (lex.verbs, lex.nouns):
        for entries in table.values():
            for e in entries:
                if e.cameo not in lex.codes:
                    raise DataFileError(f"{e.where}: CAMEO code {e.cameo} is not in codes.json")
                if e.governs is not None and e.governs not in lex.governor_maps:
                    raise DataFileError(f"{e.where}: unknown governor map {e.governs!r}")
                check_acled(e.where, e.acled)
    for name, mapping in lex.governor_maps.items():
        for key, code in mapping.items():
            if code not in lex.codes:
                raise DataFileError(f"governor_maps/{name}/{key}: CAMEO code {code} is not in codes.json")
    for cat in lex.means:
        if cat.cameo not in lex.codes:
            raise DataFileError(f"means/{cat.name}: CAMEO code {cat.cameo} is not in codes.json")
        check_acled(f"means/{cat.name}", cat.acled)
