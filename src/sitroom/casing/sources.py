"""What case restoration knows, built from the project's own resources: the names of the actor
dictionary and the gazetteer, and spaCy's tables of common English words."""
from __future__ import annotations

import logging
from collections.abc import Iterable
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
    #: demonyms ("salvadoran"): before an organisation's head they do not make it a name
    demonyms: set[str] = field(default_factory=set)
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


class CommonWords:
    """Common English words from spaCy's own tables: the lemmatizer's word index and exceptions
    (WordNet), its suffix rules to reach a lemma, and the stop words. Calling it tests a lower-case
    word; :meth:`verb` tests for a verb form ("told", "condemned")."""

    def __init__(self, nlp) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop_words = frozenset(STOP_WORDS)
        self.words: set[str] = set(STOP_WORDS)
        self.verbs: set[str] = set()
        self.other_pos: set[str] = set()  # adjectives and adverbs
        rules: dict[str, list[tuple[str, str]]] = {}
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
            index, exc, table = (lookups.get_table(n) for n in ("lemma_index", "lemma_exc", "lemma_rules"))
            for pos in ("noun", "verb", "adj", "adv"):
                self.words.update(w for w in index[pos] if "_" not in w)
                self.words.update(exc[pos])
                rules[pos] = [(old, new) for old, new in table[pos] if old]
            self.verbs = {w for w in index["verb"] if "_" not in w} | set(exc["verb"])
            self.other_pos = {w for pos in ("adj", "adv") for w in (*index[pos], *exc[pos]) if "_" not in w}
        except (KeyError, ValueError) as err:  # a pipeline without a rule lemmatizer: stop words only
            log.warning("case restoration: no lemmatizer tables (%s); only stop words count as common", err)
        self._all_rules = [r for pos_rules in rules.values() for r in pos_rules]
        self._verb_rules = rules.get("verb", [])
        self._cache: dict[str, bool] = {}
        self._verb_cache: dict[str, bool] = {}

    @staticmethod
    def _reach(word: str, known: set[str], rules: list[tuple[str, str]]) -> bool:
        return word in known or any(word.endswith(old) and word[: -len(old)] + new in known for old, new in rules)

    def __call__(self, word: str) -> bool:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = self._reach(word, self.words, self._all_rules)
        return hit

    def noun_only(self, word: str) -> bool:
        """A word the tables know only as a noun ("vargas", "marti", "ali"), not "today", "told", "the"."""
        return word not in self.stop_words and word not in self.other_pos and not self.verb(word)

    def verb(self, word: str) -> bool:
        hit = self._verb_cache.get(word)
        if hit is None:
            hit = self._verb_cache[word] = self._reach(word, self.verbs, self._verb_rules)
        return hit


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
        names.demonyms.update(p.lower() for p in (*dem.adjectives, *dem.plurals))
    for p, _strong in phrases:
        if p.isupper():  # an acronym that spells a word ("CAR", "AU") is weak whoever gives it
            names.add(p, strong=False)
    for p, strong in phrases:
        if not p.isupper():
            names.add(p, strong=strong)
    return names


class PlaceLookup:
    """``lookup(phrase, strong)``: the gazetteer's name for a lower-case phrase, or None; with
    ``strong`` only a country, a capital or a city of 500,000 or more, by its own name (not a region:
    "REGION" is an alternate name of a Philippine one; not "CAR", another name of a country)."""

    def __init__(self, gazetteer) -> None:
        from sitroom.geo.names import key

        self.gazetteer = gazetteer
        self.key = key
        self._cache: dict[tuple[str, bool], str | None] = {}

    def longest(self, first_word: str) -> int:
        """The most words a gazetteer name starting with ``first_word`` has (0: none starts so)."""
        return self.gazetteer.first_words.get(self.key(first_word), 0)

    def __call__(self, phrase: str, strong: bool) -> str | None:
        hit = self._cache.get((phrase, strong), ...)
        if hit is ...:
            hit = self._cache[phrase, strong] = self._lookup(phrase, strong)
        return hit

    def _lookup(self, phrase: str, strong: bool) -> str | None:
        gaz, k = self.gazetteer, self.key(phrase)
        alternates = gaz.alternates(k) if strong and " " not in k else frozenset()
        for i in gaz.candidates(k)[:8]:
            if i in alternates or (strong and " " not in k and self.key(gaz.names[i]) != k):
                continue
            if not strong:
                return gaz.names[i]
            e = gaz.entry(i)
            if e.feature in _STRONG_FEATURES or e.feature == "city" and (e.capital or e.population >= 500_000):
                return e.name
        return None


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
    names.given |= data.given_names
    gazetteer = resources.get("gazetteer", load_gazetteer)
    nlp = resources.get("spacy", load_spacy)
    log.info("case restoration: %d names, casing data %s", len(names.cased), data.versions)
    from sitroom.casing.restore import Restorer  # it imports this module

    return Restorer(data, names, CommonWords(nlp), PlaceLookup(gazetteer))
