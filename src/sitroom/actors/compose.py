"""Mentions from dictionary matches: named actors, states and their metonyms, and composition.

Composition joins a demonym, a state name or a state possessive to the sector word it modifies
("Israeli forces", "Iran's government", "US officials", "the government of Sudan") into that
state's sector actor, and a named group to a member noun ("Hamas fighters") into a mention of
the group; a named group's media ("Hamas media") become a media actor affiliated with it.
A state named as a place ("in Lebanon") is not an actor; a capital stands for its state only
when it acts ("Tehran said", "Moscow's proxies") or is addressed or judged ("accused Moscow").
A demonym alone stands for its state before an action noun ("Israeli strikes") or a patronage
participle ("Iranian-backed"), and for its people as a plural noun ("Israelis").
"""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.actors.dictionary import ActorDictionary, Sector
from sitroom.actors.match import (
    CAPITAL,
    DEMONYM,
    ENTRY,
    GOV_ALIAS,
    MIL_ALIAS,
    PEOPLE,
    SECTOR,
    STATE,
    Match,
)
from sitroom.actors.registry import Registry
from sitroom.model.vocab import ActorKind, Relation

_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_DEFINITE = {"the"}


@dataclass(slots=True)
class Deferred:
    """A definite sector phrase ("the militants", "the army") for coreference to decide."""

    start: int
    end: int
    head: int
    sector: Sector
    mode: str  # "anaphor": a named group; "focus": the country in focus; "possessive": "his army"
    generic: bool  # becomes a generic actor when it cannot be resolved


def phrase_len(doc, i: int, table, max_words: int) -> int:
    """Length in tokens of the longest lower-case phrase of ``table`` starting at token ``i``."""
    best, words = 0, []
    for j in range(i, min(len(doc), i + max_words)):
        words.append(doc[j].lower_)
        if " ".join(words) in table:
            best = j - i + 1
    return best


def is_locative(tok, preps, place_nouns=frozenset()) -> bool:
    """A name used as a place: the object of "in", "near", "off" ... or of "the coast of"
    (through conjunctions: "in Lebanon, Syria and Iraq")."""
    for _ in range(4):
        if tok.dep_ in ("conj", "appos") and tok.head != tok:
            tok = tok.head
        else:
            break
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in preps:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in place_nouns


def is_agentive(tok, deps) -> bool:
    for _ in range(4):
        if tok.dep_ == "conj" and tok.head != tok:
            tok = tok.head
        else:
            break
    return tok.dep_ in deps or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def is_addressee(tok, verbs) -> bool:
    """The object of a verb that addresses or judges a party ("accused Moscow", "urged Tehran")."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in verbs


class Composer:
    def __init__(self, dictionary: ActorDictionary) -> None:
        d = self.d = dictionary
        self.title_words = max((len(p.split()) for p in d.titles), default=1)
        self.member_words = max((len(p.split()) for p in d.member_nouns), default=1)
        self.event_words = max((len(p.split()) for p in d.event_nouns), default=1)

    # ---- helpers -----------------------------------------------------------------------------

    def patron_at(self, doc, j: int) -> Relation | None:
        """``-backed``, ``-led``... right after a name: the name is a patron."""
        if j + 1 < len(doc) and doc[j].text in ("-", "\u2013") and doc[j + 1].lower_ in self.d.patronage:
            return self.d.patronage[doc[j + 1].lower_]
        return None

    def prefix(self, doc, start: int) -> str:
        """"anti" or "pro" when the name is written "anti-X" / "pro-X"."""
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("anti", "pro"):
            return doc[start - 2].lower_
        return ""

    def person_follows(self, doc, j: int, window: int = 4) -> bool:
        """A person's name within ``window`` tokens, before any punctuation."""
        for k in range(j, min(len(doc), j + window)):
            if doc[k].ent_type_ == "PERSON":
                return True
            if doc[k].is_punct and doc[k].text not in ("-", "."):
                return False
            if doc[k].text == "." and k + 1 < len(doc) and doc[k + 1].is_sent_start:
                return False
        return False

    def sector_after(self, doc, j: int, matches, at, used, limit: int = 3):
        """(sector, end, sector match indices) when tokens from ``j`` reach a sector word through
        at most ``limit`` modifiers; None when something else (a name, a verb) comes first, or
        when the sector word is part of a person's title ("Hamas military commander M. Deif")."""
        n, k, skipped = len(doc), j, 0
        while k < n and skipped <= limit:
            mi = at.get(k)
            if mi is not None and not used[mi]:
                if matches[mi].type != SECTOR:
                    return None
                idx = [mi]
                end = matches[mi].end
                while (nx := at.get(end)) is not None and matches[nx].type == SECTOR and not used[nx]:
                    idx.append(nx)
                    end = matches[nx].end
                sector = self.head_sector(doc, matches, idx)
                tl = phrase_len(doc, end, self.d.titles, self.title_words)
                if tl:
                    if self.person_follows(doc, end + tl):
                        return None
                    end += tl
                return sector, end, idx
            tok = doc[k]
            if tok.ent_type_ == "PERSON" or tok.is_punct or tok.lower_ in self.d.event_nouns:
                return None
            if not (tok.pos_ in _MODIFIER_POS or (tok.tag_ in ("VBN", "VBG") and tok.dep_ == "amod")):
                return None
            k += 1
            skipped += 1
        return None

    def head_sector(self, doc, matches, idx) -> Sector:
        """The sector a run of sector words names: the last one, except a trailing word for the
        people of an institution ("opposition leaders", "rebel negotiators")."""
        k = len(idx) - 1
        while k > 0:
            m = matches[idx[k]]
            if doc[m.start:m.end].text.lower() in self.d.member_nouns and \
                    self.d.sectors[m.ref].kind is ActorKind.GOVERNMENT:
                k -= 1
            else:
                break
        return self.d.sectors[matches[idx[k]].ref]

    # ---- main ----------------------------------------------------------------------------------

    def run(self, doc, matches: list[Match], reg: Registry) -> list[Deferred]:
        """Add the mentions; return the definite sector phrases left for coreference. Every
        country named, even as a place ("in Kigali"), is noted in ``reg.country_hits``: the
        country in focus for "the government" is the one the article names most."""
        for m in matches:
            if m.type in (STATE, CAPITAL, GOV_ALIAS, MIL_ALIAS):
                reg.country_hits.append((m.start, m.ref))
            elif m.type in (DEMONYM, PEOPLE) and self.d.demonyms[m.ref].country:
                reg.country_hits.append((m.start, self.d.demonyms[m.ref].country))
        at = {m.start: i for i, m in enumerate(matches)}
        used = [False] * len(matches)
        deferred: list[Deferred] = []
        for i, m in enumerate(matches):
            if used[i]:
                continue
            used[i] = True
            if m.type == ENTRY:
                if self.d.entries[m.ref].kind is not ActorKind.PERSON:
                    self._entry(doc, m, matches, at, used, reg)
            elif m.type in (GOV_ALIAS, MIL_ALIAS):
                sector = self.d.sectors["government" if m.type == GOV_ALIAS else "military"]
                reg.mention(reg.sector(m.ref, sector), m.start, m.end)
            elif m.type in (STATE, CAPITAL):
                self._state(doc, m, matches, at, used, reg)
            elif m.type == DEMONYM:
                self._demonym(doc, m, matches, at, used, reg)
            elif m.type == PEOPLE:
                reg.mention(reg.people(m.ref), m.start, m.end)
            elif m.type == SECTOR:
                self._sector(doc, m, matches, at, used, reg, deferred)
        return deferred

    def _compose(self, reg: Registry, country_key: str, sector: Sector, start: int, end: int, used, idx) -> None:
        for k in idx:
            used[k] = True
        reg.mention(reg.sector(country_key, sector), start, end)

    def _entry(self, doc, m: Match, matches, at, used, reg: Registry) -> None:
        cand = reg.entry(self.d.entries[m.ref])
        if self.prefix(doc, m.start) == "anti":
            reg.mention(cand, m.start, m.end)
            return
        j = m.end + (1 if m.end < len(doc) and doc[m.end].tag_ == "POS" else 0)
        mi = at.get(j)
        if mi is not None and not used[mi] and matches[mi].type == SECTOR:
            found = self.sector_after(doc, j, matches, at, used, limit=0)
            if found is None:  # a title for a person: "Hamas military commander Mohammad Deif"
                used[mi] = True
                reg.mention(cand, m.start, m.end)
                return
            sector, end, idx = found
            for k in idx:
                used[k] = True
            if sector.kind is ActorKind.MEDIA and cand.kind is not ActorKind.MEDIA:  # "Hamas media"
                media = reg.org(f"{cand.name} media", ActorKind.MEDIA, cand.country, "MED")
                reg.mention(media, m.start, end)
                reg.link(media, Relation.AFFILIATED_WITH, cand)
                reg.mention(cand, m.start, m.end)
            else:
                reg.mention(cand, m.start, end, head=end - 1)
            return
        ml = phrase_len(doc, j, self.d.member_nouns, self.member_words)
        if ml and not (phrase_len(doc, j, self.d.titles, self.title_words) and self.person_follows(doc, j + ml)):
            reg.mention(cand, m.start, j + ml)
            return
        reg.mention(cand, m.start, m.end)

    def _state(self, doc, m: Match, matches, at, used, reg: Registry) -> None:
        iso, n = m.ref, len(doc)
        head = doc[m.start:m.end].root
        if m.end < n and doc[m.end].tag_ == "POS":  # "Iran's government", "Tehran's proxies"
            found = self.sector_after(doc, m.end + 1, matches, at, used)
            if found:
                self._compose(reg, iso, found[0], m.start, found[1], used, found[2])
            else:
                reg.mention(reg.state(iso), m.start, m.end)
            return
        if self.patron_at(doc, m.end) or self.prefix(doc, m.start):
            reg.mention(reg.state(iso), m.start, m.end)
            return
        found = self.sector_after(doc, m.end, matches, at, used, limit=2)
        if found:
            self._compose(reg, iso, found[0], m.start, found[1], used, found[2])
            return
        if m.type == CAPITAL:
            if is_agentive(head, self.d.agentive_deps) or is_addressee(head, self.d.addressee_verbs):
                reg.mention(reg.state(iso), m.start, m.end)
            return
        if not is_locative(head, self.d.locative_preps, self.d.place_nouns):
            reg.mention(reg.state(iso), m.start, m.end)

    def _demonym(self, doc, m: Match, matches, at, used, reg: Registry) -> None:
        dem = self.d.demonyms[m.ref]
        if self.patron_at(doc, m.end) or self.prefix(doc, m.start) == "pro":
            if dem.country:
                reg.mention(reg.state(dem.country), m.start, m.end)
            return
        mi = at.get(m.end)
        if mi is not None and matches[mi].type in (ENTRY, GOV_ALIAS, MIL_ALIAS, STATE):
            return  # "Lebanese Hezbollah", "Israeli IDF": the name carries the actor
        found = self.sector_after(doc, m.end, matches, at, used)
        if found:
            self._compose(reg, dem.key, found[0], m.start, found[1], used, found[2])
            return
        if self.person_follows(doc, m.end, 5):
            return  # "Israeli defense minister Yoav Gallant": the person's country
        if dem.country is None:
            return
        if phrase_len(doc, m.end, self.d.event_nouns, self.event_words):
            reg.mention(reg.state(dem.country), m.start, m.end)  # "Israeli strikes"
            return
        tok = doc[m.end - 1]
        nominal = tok.dep_ in ("nsubj", "nsubjpass", "dobj") and (  # not "in Spanish" (a language)
            m.end >= len(doc) or doc[m.end].pos_ not in ("NOUN", "PROPN", "ADJ"))
        if nominal and not any(c.dep_ in ("det", "amod", "nummod") for c in tok.children):
            reg.mention(reg.state(dem.country), m.start, m.end)  # "Israeli will respond"

    def _sector(self, doc, m: Match, matches, at, used, reg: Registry, deferred: list[Deferred]) -> None:
        sector = self.d.sectors[m.ref]
        n, end = len(doc), m.end
        idx = []
        while (nx := at.get(end)) is not None and matches[nx].type == SECTOR and not used[nx]:
            idx.append(nx)
            end = matches[nx].end
        if idx:
            sector = self.head_sector(doc, matches, [at[m.start]] + idx)
            for k in idx:
                used[k] = True
        if self.prefix(doc, m.start) or ((k := at.get(end)) is not None and matches[k].type == ENTRY):
            return  # "anti-government", "the paramilitary Rapid Support Forces": a modifier
        if end + 1 < n and doc[end].lower_ == "of":  # "the government of Iran", "citizens of Israel"
            k = at.get(end + 1)
            if k is not None and not used[k] and matches[k].type in (STATE, DEMONYM, PEOPLE):
                used[k] = True
                reg.mention(reg.sector(matches[k].ref, sector), m.start, matches[k].end, head=end - 1)
                return
        if self.person_follows(doc, end, 2):
            return  # a descriptor of the person that follows: "dissident Masih Alinejad"
        if end < n and doc[end].pos_ == "NOUN" and doc[end - 1].dep_ in ("compound", "amod") and \
                not phrase_len(doc, end, self.d.event_nouns, self.event_words):
            return  # "a police post", "an army base": a thing, not the actor
        phrase = doc[m.start:end].text.lower()
        definite = m.start > 0 and doc[m.start - 1].lower_ in _DEFINITE
        generic = phrase not in self.d.needs_modifier
        if definite and phrase in self.d.anaphors:
            deferred.append(Deferred(m.start, end, end - 1, sector, "anaphor", generic))
            return
        if m.start > 0 and doc[m.start - 1].tag_ == "PRP$":  # "his government", "its fighters"
            deferred.append(Deferred(m.start, end, end - 1, sector, "possessive", generic))
            return
        if definite and phrase in self.d.focus_sectors:
            deferred.append(Deferred(m.start, end, end - 1, sector, "focus", generic))
            return
        if generic:
            self.add_generic(doc, reg, sector, m.start, end)

    def add_generic(self, doc, reg: Registry, sector: Sector, start: int, end: int):
        span = doc[start:end]
        lemma = " ".join(t.lemma_.lower() for t in span)
        return reg.mention(reg.sector(None, sector, surface=span.text, lemma=lemma), start, end)
