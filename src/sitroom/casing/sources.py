"""What case restoration knows, built from the project's own resources: the names of the actor
dictionary and the gazetteer, and spaCy's tables of common English words."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.casing.data import load_casing_data

if TYPE_CHECKING:  # pragma: no cover
    from sitroom.casing.restore import Restorer

log = logging.getLogger(__name__)

MAX_PHRASE = 6
#: a place's feature classes strong enough to win over common English words; first-level divisions
#: are not ("SOUTHERN", "WESTERN AREA" and "REGION" name regions of Zambia, Sierra Leone, the Philippines)
_STRONG_FEATURES = frozenset({"country"})


@dataclass
class Names:
    """Cased names by lower-case phrase ("shining path" -> "Shining Path")."""

    cased: dict[str, str] = field(default_factory=dict)
    #: lower-case first words of the phrases, with the longest phrase length starting there
    first: dict[str, int] = field(default_factory=dict)
    #: given names of the persons the dictionary knows ("carlos"): capitalised before a name
    given: set[str] = field(default_factory=set)
    #: one-word names that only an actor entry gives ("CAR", "Gallant", "Dawn"): they do not beat a
    #: common English word ("CAR BOMB" stays a car); states, demonyms and the data file's names do
    weak: set[str] = field(default_factory=set)

    def add(self, name: str, *, overwrite: bool = True, strong: bool = True) -> None:
        words = name.split()
        if not words or len(words) > MAX_PHRASE or not any(ch.isupper() for ch in name):
            return
        low = " ".join(words).lower()
        if len(words) == 1:
            if strong:
                self.weak.discard(low)
            elif low not in self.cased:
                self.weak.add(low)
        if overwrite or low not in self.cased:
            self.cased[low] = " ".join(words)
        self.first[words[0].lower()] = max(self.first.get(words[0].lower(), 0), len(words))


def common_words(nlp) -> Callable[[str], bool]:
    """A test for common English words from spaCy's own tables: the lemmatizer's word index and
    exceptions (WordNet), suffix rules to reach the lemma, and the stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = set(STOP_WORDS)
    rules: dict[str, list[list[str]]] = {}
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        for pos in index.keys():
            words.update(w for w in index[pos] if "_" not in w)
        exc = lookups.get_table("lemma_exc")
        for pos in exc.keys():
            words.update(exc[pos].keys())
        rule_table = lookups.get_table("lemma_rules")
        for pos in rule_table.keys():
            rules[pos] = rule_table[pos]
    except (KeyError, ValueError) as exc:  # a pipeline without a rule lemmatizer: stop words only
        log.warning("case restoration: no lemmatizer tables (%s); only stop words count as common", exc)
    flat = [(old, new) for table in rules.values() for old, new in table if old]

    cache: dict[str, bool] = {}

    def common(word: str) -> bool:
        hit = cache.get(word)
        if hit is None:
            hit = word in words or any(word.endswith(old) and (word[: -len(old)] + new) in words
                                       for old, new in flat)
            cache[word] = hit
        return hit

    return common


def names_from(dictionary, extra: Iterable[str] = ()) -> Names:
    """Actor names, aliases, states, capitals and demonyms of the actor dictionary; all-caps aliases
    first so that a mixed-case form of the same words ("Hamas" over "HAMAS") wins."""
    names = Names()
    phrases: list[tuple[str, bool]] = [(p, True) for p in extra]
    for e in dictionary.entries.values():
        phrases += [(p, False) for p in (e.name, *e.aliases, *e.ambiguous)]
        if str(getattr(e.kind, "value", e.kind)) == "person" and len(e.name.split()) > 1:
            names.given.add(e.name.split()[0].lower())
    for st in dictionary.states.values():
        phrases += [(p, True) for p in (st.name, *st.aliases, *st.capitals, *st.government_aliases,
                                        *st.military_aliases)]
    for dem in dictionary.demonyms.values():
        phrases += [(p, True) for p in (*dem.adjectives, *dem.plurals, dem.label)]
    for p, _strong in phrases:
        if p.isupper():  # an acronym that spells a word ("CAR", "AU") is weak whoever gives it
            names.add(p, strong=False)
    for p, strong in phrases:
        if not p.isupper():
            names.add(p, strong=strong)
    return names


def place_lookup(gazetteer) -> Callable[[str, bool], str | None]:
    """``lookup(phrase, strong)``: the gazetteer's name for a lower-case phrase, or None; with
    ``strong`` only a country, a capital or a city of 500,000 or more (not a region: "REGION" is an
    alternate name of a Philippine one)."""
    from sitroom.geo.names import key

    def lookup(phrase: str, strong: bool) -> str | None:
        k = key(phrase)
        alternates = gazetteer.alternates(k) if strong and " " not in k else frozenset()
        for i in gazetteer.candidates(k)[:8]:
            if i in alternates or (strong and " " not in k and key(gazetteer.names[i]) != k):
                continue  # "CAR" is another name of a country, not a reason to capitalise a car
            if not strong:
                return gazetteer.names[i]
            e = gazetteer.entry(i)
            if e.feature in _STRONG_FEATURES or e.feature == "city" and (e.capital or e.population >= 500_000):
                return e.name
        return None

    return lookup


def load_restorer(resources) -> Restorer:
    """Resources loader: word lists, the actor dictionary's names, the gazetteer and spaCy's tables."""
    from sitroom.actors.dictionary import load_dictionary
    from sitroom.geo.gazetteer import load_gazetteer
    from sitroom.stages.nlp import load_spacy

    files = resources.option("casing_files", ()) or ()
    if isinstance(files, (str, Path)):
        files = (files,)
    data = load_casing_data(files)
    names = names_from(resources.get("actor_dictionary", load_dictionary), data.names)
    gazetteer = resources.get("gazetteer", load_gazetteer)
    nlp = resources.get("spacy", load_spacy)
    log.info("case restoration: %d names, casing data %s", len(names.cased), data.versions)
    from sitroom.casing.restore import Restorer  # it imports this module

    return Restorer(data, names, common_words(nlp), place_lookup(gazetteer))
