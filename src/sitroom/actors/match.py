"""Find dictionary phrases in a parsed article with one spaCy ``PhraseMatcher`` built once.

Every phrase the dictionary knows (names and aliases of named actors and states, capitals,
government and military names of states, demonyms, sector words and names that must *not*
be read as a state, such as "Latin America") becomes an ORTH pattern, so matching is one
pass in Cython over the tokens. Overlaps are resolved longest first, so "Palestinian Islamic
Jihad" beats "Palestinian" and "Islamic Republic of Iran" beats "Iran".
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.actors.dictionary import ActorDictionary

# payload kinds, in the order that breaks ties between equally long matches
ENTRY, GOV_ALIAS, MIL_ALIAS, STATE, CAPITAL, DEMONYM, PEOPLE, SECTOR, BLOCK = (
    "entry", "gov_alias", "mil_alias", "state", "capital", "demonym", "people", "sector", "block")
_PRIORITY = {k: i for i, k in enumerate((ENTRY, GOV_ALIAS, MIL_ALIAS, STATE, CAPITAL, DEMONYM, PEOPLE, SECTOR, BLOCK))}


@dataclass(frozen=True, slots=True)
class Payload:
    type: str
    ref: str  # entry id, ISO alpha-3, demonym key or sector id ("" for BLOCK)
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A dictionary phrase found at tokens ``[start, end)``."""

    start: int
    end: int
    payload: Payload

    @property
    def type(self) -> str:
        return self.payload.type

    @property
    def ref(self) -> str:
        return self.payload.ref


def variants(phrase: str, *, title_case: bool = False) -> set[str]:
    """Surface forms of a phrase: without a leading article, capitalised, both apostrophes."""
    base = phrase.strip()
    for article in ("the ", "The "):
        if base.startswith(article) and len(base) > len(article):
            base = base[len(article):]
    out = {base}
    if base[:1].islower():
        out.add(base[:1].upper() + base[1:])
    if title_case:
        out.add(" ".join(w[:1].upper() + w[1:] for w in base.split()))
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "\u2019"))
        if "\u2019" in form:
            out.add(form.replace("\u2019", "'"))
    return out


class ActorMatcher:
    """Built once per process (``resources.get``); call it on a spaCy Doc."""

    def __init__(self, nlp, dictionary: ActorDictionary) -> None:
        from spacy.matcher import PhraseMatcher

        self.dictionary = dictionary
        table: dict[str, set[Payload]] = {}

        def add(phrase: str, payload: Payload, *, title_case: bool = False) -> None:
            for form in variants(phrase, title_case=title_case):
                table.setdefault(form, set()).add(payload)

        d = dictionary
        owner = d.phrase_owner  # the last file that defined a phrase owns it (user files load last)

        def owned(phrase: str, kind: str, ref: str) -> bool:
            return owner.get(phrase, (kind, ref)) == (kind, ref)

        for state in d.states.values():
            for phrase in (state.name, *state.aliases):
                if owned(phrase, "state", state.id):
                    add(phrase, Payload(STATE, state.id))
            for phrase in state.ambiguous:
                if owned(phrase, "state", state.id):
                    add(phrase, Payload(STATE, state.id, True))
            for phrase in state.capitals:
                add(phrase, Payload(CAPITAL, state.id))
            for phrase in state.government_aliases:
                add(phrase, Payload(GOV_ALIAS, state.id))
            for phrase in state.military_aliases:
                add(phrase, Payload(MIL_ALIAS, state.id))
        for dem in d.demonyms.values():
            for phrase in dem.adjectives:
                if owned(phrase, "demonym", dem.key):
                    add(phrase, Payload(DEMONYM, dem.key))
            for phrase in dem.plurals:
                if owned(phrase, "demonym", dem.key):
                    add(phrase, Payload(PEOPLE, dem.key))
        for entry in d.entries.values():
            for phrase in (entry.name, *entry.aliases):
                if owned(phrase, "entry", entry.id):
                    add(phrase, Payload(ENTRY, entry.id))
            for phrase in entry.ambiguous:
                if owned(phrase, "entry", entry.id):
                    add(phrase, Payload(ENTRY, entry.id, True))
        for phrase, sector in d.sector_phrase.items():
            add(phrase, Payload(SECTOR, sector.id), title_case=True)
        for phrase in d.not_actors:
            add(phrase, Payload(BLOCK, ""))

        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._payloads: dict[int, tuple[Payload, ...]] = {}
        groups: dict[tuple[Payload, ...], list[str]] = {}
        for form, payloads in table.items():
            key = tuple(sorted(payloads, key=lambda p: (_PRIORITY[p.type], p.ref, p.ambiguous)))
            groups.setdefault(key, []).append(form)
        for i, (payloads, forms) in enumerate(groups.items()):
            name = f"sitroom-actor-{i}"
            self._matcher.add(name, list(nlp.tokenizer.pipe(forms)))
            self._payloads[nlp.vocab.strings[name]] = payloads
        self.n_patterns = len(table)

    def __call__(self, doc) -> list[Match]:
        """Non-overlapping matches in token order (ambiguous aliases only with their context)."""
        text = doc.text
        context_ok: dict[str, bool] = {}
        found: list[Match] = []
        for match_id, start, end in self._matcher(doc):
            for payload in self._payloads[match_id]:
                if payload.ambiguous and not self._context(payload, text, context_ok):
                    continue
                found.append(Match(start, end, payload))
        # a total order: ties must not fall back on pattern registration, which follows set order
        found.sort(key=lambda m: (m.start - m.end, _PRIORITY[m.type], m.start, m.ref, m.payload.ambiguous))
        taken = bytearray(len(doc) + 1)
        kept: list[Match] = []
        for m in found:
            if any(taken[m.start:m.end]):
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept

    def _context(self, payload: Payload, text: str, cache: dict[str, bool]) -> bool:
        key = payload.type + ":" + payload.ref
        if key not in cache:
            d = self.dictionary
            item = d.entries.get(payload.ref) if payload.type == ENTRY else d.states.get(payload.ref)
            cache[key] = bool(item) and any(c in text for c in item.context)
        return cache[key]
