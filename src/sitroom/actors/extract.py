"""Find the actors of one parsed article: the work of the ``actors`` stage, usable without it.

    extractor = ActorExtractor(nlp, dictionary)       # once per process
    actors = extractor(doc, text, places=())          # tuple[Actor, ...] for one article

Steps: dictionary matches (match.py) -> organisations spaCy found that the dictionary does not
know -> composition and metonyms (compose.py) -> persons (people.py) -> coreference
(coref.py) -> affiliations (affiliations.py) -> frozen :class:`~sitroom.model.Actor` records,
numbered A1, A2 ... in order of first mention.
"""
from __future__ import annotations

from collections.abc import Sequence

from sitroom.actors.affiliations import link_affiliations
from sitroom.actors.compose import Composer, is_agentive, is_locative
from sitroom.actors.coref import Coref
from sitroom.actors.dictionary import ActorDictionary
from sitroom.actors.match import CAPITAL, DEMONYM, ENTRY, PEOPLE, SECTOR, STATE, ActorMatcher, Match
from sitroom.actors.people import People
from sitroom.actors.registry import Cand, Registry
from sitroom.model import Actor, Affiliation, Place, Span
from sitroom.model.vocab import ActorKind, Relation
from sitroom.spanindex import SpanIndex

#: tokens that do not count as words of an organisation's name
_NAME_FILLER = {"the", "of", "and", "for", "a", "an", "-", "'s", "\u2019s", "&"}
_SOFT_TYPES = {STATE, CAPITAL, DEMONYM, PEOPLE}  # dropped when they sit inside a longer name


class ActorExtractor:
    def __init__(self, nlp, dictionary: ActorDictionary) -> None:
        self.d = dictionary
        self.matcher = ActorMatcher(nlp, dictionary)
        self.composer = Composer(dictionary)
        self.people = People(dictionary)
        self.coref = Coref(dictionary)

    def __call__(self, doc, text: str, places: Sequence[Place] = (), title: str | None = None) -> tuple[Actor, ...]:
        place_spans = SpanIndex((m.start, m.end) for p in places for m in p.mentions)
        matches = self.matcher(doc)
        persons, orgs = [], []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                persons.append(ent)
            elif ent.label_ == "ORG":
                orgs.append(ent)
        matches, person_spans = self._persons(doc, persons, matches, place_spans)
        matches, org_spans = self._orgs(doc, orgs, matches, place_spans, person_spans)
        reg = Registry(doc, self.d)
        for start, end, kind, country, role in org_spans:
            cand = reg.org(doc[start:end].text, kind, country, role)
            reg.mention(cand, start, end)
        deferred = self.composer.run(doc, matches, reg)
        self.people.run(doc, person_spans, matches, reg)
        self.coref.run(doc, reg, deferred, self.composer, title)
        link_affiliations(doc, reg, self.composer)
        return self._records(doc, text, reg)

    # ---- spaCy entities ------------------------------------------------------------------------

    @staticmethod
    def _token_index(doc, matches: list[Match]) -> list[int]:
        """For each token, the index of the match covering it, or -1."""
        index = [-1] * len(doc)
        for i, m in enumerate(matches):
            for k in range(m.start, m.end):
                index[k] = i
        return index

    def _persons(self, doc, ents, matches: list[Match], place_spans):
        """PERSON entities (joined with the dictionary's persons); soft matches inside a person's
        name ("Chad" in "Chad Smith") are dropped, and an entity that is all dictionary name
        ("Hezbollah" mis-tagged as a person) or a place ("in Goma") is left out."""
        spans: list[tuple[int, int, object]] = []
        drop: set[int] = set()
        claimed: set[int] = set()
        index = self._token_index(doc, matches)
        for ent in ents:
            if _overlaps_place(ent, place_spans) or not any(t.is_title or t.is_upper for t in ent):
                continue
            if ent[0].lower_ == "operation" or is_locative(ent.root, self.d.locative_preps, self.d.place_nouns):
                continue
            if len(ent) == 1 and ent[0].tag_ not in ("NNP", "NNPS"):
                continue  # "Lunch", "Sweepstakes": a capitalised common word
            cut = next((t.i for t in ent if t.text in ("(", "[", "&")), ent.end)
            if cut <= ent.start:
                continue
            inner = sorted({i for i in index[ent.start:cut] if i >= 0})
            entry, hard, start, end = None, False, ent.start, cut
            for i in inner:
                m = matches[i]
                if m.type == ENTRY and self.d.entries[m.ref].kind is ActorKind.PERSON:
                    entry = self.d.entries[m.ref]
                    claimed.add(i)
                    start, end = min(start, m.start), max(end, m.end)
                elif m.type not in _SOFT_TYPES | {SECTOR} or (m.start <= ent.start and m.end >= ent.end):
                    hard = True
            if hard and entry is None:
                continue
            drop.update(i for i in inner if matches[i].type in _SOFT_TYPES | {SECTOR})
            spans.append((start, end, entry))
        for i, m in enumerate(matches):
            if m.type == ENTRY and i not in claimed and self.d.entries[m.ref].kind is ActorKind.PERSON:
                if not any(s <= m.start and m.end <= e for s, e, _ in spans):
                    spans.append((m.start, m.end, self.d.entries[m.ref]))
        spans.sort(key=lambda x: x[0])
        return [m for i, m in enumerate(matches) if i not in drop], spans

    def _orgs(self, doc, ents, matches: list[Match], place_spans, person_spans):
        """ORG entities the dictionary does not cover become organisation actors when they look
        like one: a head word (Ministry, Front, News ...), an acronym, or a proper name of two
        words or more that acts or of three words or more; the state and demonym matches inside
        them are dropped. A one-word ORG that is a person's name ("Duque") joins the persons;
        an all-capitals dateline ("KABUL, Aug 26 -") is not an organisation."""
        out = []
        drop: set[int] = set()
        index = self._token_index(doc, matches)
        surnames = {doc[e - 1].text for s, e, _ in person_spans if e - s >= 2}
        firsts = {doc[s].text for s, e, _ in person_spans if e - s >= 2}
        for ent in ents:
            inner = sorted({i for i in index[ent.start:ent.end] if i >= 0})
            words = [t for t in ent if t.lower_ not in _NAME_FILLER and not t.is_punct]
            if not words or any(matches[i].type == ENTRY for i in inner):
                continue
            free = [t for t in words if not any(matches[i].start <= t.i < matches[i].end for i in inner)]
            if not free or _overlaps_place(ent, place_spans) or ent[0].lower_ == "operation":
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if ent.end - start == 1 and (doc[start].text in surnames or doc[start].text in firsts):
                person_spans.append((start, ent.end, None))
                continue
            if _dateline(doc, ent):
                continue
            last2 = doc[ent.end - 2:ent.end].text if ent.end - start >= 2 else ""
            kind = self.d.org_heads.get(last2) or self.d.org_heads.get(doc[ent.end - 1].text)
            acronym = ent.end - start == 1 and doc[start].is_upper and 2 <= len(doc[start]) <= 6
            proper = [t for t in words if t.tag_ in ("NNP", "NNPS") and len(t) > 2]
            agentive = is_agentive(ent.root, self.d.agentive_deps)
            if not (kind or acronym or len(proper) >= 3 or (len(proper) >= 2 and agentive)):
                continue
            drop.update(i for i in inner if matches[i].type in _SOFT_TYPES)
            country = None
            first = next((matches[i] for i in inner if matches[i].start == start), None)
            if first is not None and first.type in (STATE, DEMONYM):
                country = first.ref if first.type == STATE else self.d.demonyms[first.ref].country
            elif ent.end - start >= 3 and doc[ent.end - 2].lower_ == "of":
                tail = next((matches[i] for i in inner if matches[i].start == ent.end - 1), None)
                if tail is not None and tail.type == STATE:
                    country = tail.ref
            kind = kind or ActorKind.ORGANIZATION
            out.append((start, ent.end, kind, country, _ROLE.get(kind)))
        person_spans.sort(key=lambda x: x[0])
        return [m for i, m in enumerate(matches) if i not in drop], out

    # ---- records -------------------------------------------------------------------------------

    def _records(self, doc, text: str, reg: Registry) -> tuple[Actor, ...]:
        live = [c for c in reg.cands.values() if c.mentions]
        live.sort(key=lambda c: min(m.start for m in c.mentions))
        ids = {c.key: f"A{i}" for i, c in enumerate(live, 1)}
        out = []
        for cand in live:
            out.append(Actor(
                id=ids[cand.key], name=cand.name, kind=cand.kind, mentions=_spans(doc, text, cand),
                country=cand.country, code=cand.code, affiliations=_affiliations(cand, ids),
            ))
        return tuple(out)


_ROLE = {ActorKind.GOVERNMENT: "GOV", ActorKind.MILITARY: "MIL", ActorKind.POLICE: "COP", ActorKind.MEDIA: "MED",
         ActorKind.POLITICAL_PARTY: "PTY", ActorKind.ARMED_GROUP: "REB", ActorKind.ORGANIZATION: None}


def _dateline(doc, ent) -> bool:
    """"KABUL, Aug. 26 (Reuters) -", "MOSCOW &mdash;": an all-capitals place opening a paragraph."""
    first = ent[0]
    opens = first.i == 0 or doc[first.i - 1].is_space or "\n" in doc[first.i - 1].whitespace_ + doc[first.i - 1].text
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    return opens and first.is_upper and len(first) > 2 and (nxt is None or nxt.is_punct or nxt.text.startswith("&"))


def _overlaps_place(ent, place_spans: SpanIndex) -> bool:
    return bool(place_spans.overlapping(ent.start_char, ent.end_char))


def _spans(doc, text: str, cand: Cand) -> tuple[Span, ...]:
    """Character spans of an actor's mentions, without duplicates or mentions nested in another."""
    ranges = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in cand.mentions},
                    key=lambda r: (r[0], -r[1]))
    kept: list[tuple[int, int]] = []
    for s, e in ranges:
        if kept and s >= kept[-1][0] and e <= kept[-1][1]:
            continue
        kept.append((s, e))
    return tuple(Span.of(text, s, e) for s, e in kept)


def _affiliations(cand: Cand, ids: dict) -> tuple[Affiliation, ...]:
    """One relation per pair of actors: the first found (text before dictionary), except that
    leader_of replaces member_of ("RSF commander" + the dictionary's leader)."""
    chosen: dict = {}
    for rel, key in cand.links:
        if key not in ids or key == cand.key:
            continue
        if key not in chosen or (chosen[key] is Relation.MEMBER_OF and rel is Relation.LEADER_OF):
            chosen[key] = rel
    return tuple(Affiliation(rel, ids[key]) for key, rel in chosen.items())
