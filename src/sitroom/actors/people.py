"""Person actors from spaCy PERSON entities and the dictionary's persons.

Mentions of one person are joined by name: a later "Netanyahu" joins "Benjamin Netanyahu" (a
shorter name that ends or starts a longer one, or the same surname), and the actor's name is the
longest full form in the article. What stands before the name ("Israeli defense minister",
"Hamas military commander", "Iran's ruler") or beside it as an apposition ("Jason Brodsky, policy
director of ...") gives the person's titles, country and group; the dictionary adds what it knows
(country, gender, best-known role).
"""
from __future__ import annotations

from sitroom.actors.compose import phrase_len
from sitroom.actors.dictionary import ActorDictionary, Entry, Title
from sitroom.actors.match import CAPITAL, DEMONYM, ENTRY, STATE, Match
from sitroom.actors.registry import Cand, Registry
from sitroom.model.vocab import ActorKind, Relation

_SECTOR_ROLE = {"government": "GOV", "military": "MIL", "police": "COP"}
_DESCRIPTOR_POS = {"NOUN", "PROPN", "ADJ", "NUM", "PART"}
_MAX_DESCRIPTOR = 8


class People:
    def __init__(self, dictionary: ActorDictionary) -> None:
        self.d = dictionary
        self.title_words = max((len(p.split()) for p in dictionary.titles), default=1)

    def run(self, doc, persons: list[tuple[int, int, Entry | None]], matches: list[Match], reg: Registry) -> None:
        """``persons``: (start, end, dictionary entry or None) token ranges in text order."""
        match_at = {}
        for m in matches:
            for k in range(m.start, m.end):
                match_at[k] = m
        org_at = {m.start: m.key for m in reg.mentions if m.key[0] == "org"}
        clusters: list[tuple[Cand, tuple[str, ...]]] = []  # (actor, longest name words)
        for start, end, entry in persons:
            start = self._strip_title(doc, start, end)
            while end > start and doc[end - 1].tag_ == "POS":
                end -= 1
            if end <= start:
                continue
            words = tuple(t.text for t in doc[start:end] if not t.is_punct or t.text in ("-", "."))
            cand, idx = self._cluster(clusters, words, entry, reg, doc[start:end].text)
            if len(words) > len(clusters[idx][1]) or (
                    len(words) == len(clusters[idx][1]) and len(" ".join(words)) > len(" ".join(clusters[idx][1]))):
                clusters[idx] = (cand, words)
                cand.name = doc[start:end].text
            reg.mention(cand, start, end)
            self._describe(doc, cand, start, end, match_at, org_at, reg)
        for cand, _ in clusters:
            self._finish(cand, reg)

    def _strip_title(self, doc, start: int, end: int) -> int:
        """spaCy sometimes puts a title inside the entity ("President Joe Biden")."""
        while start < end - 1:
            n = phrase_len(doc, start, self.d.titles, self.title_words)
            if not n or start + n >= end:
                break
            start += n
        return start

    def _cluster(self, clusters, words, entry: Entry | None, reg: Registry, name: str) -> tuple[Cand, int]:
        """The person these name words refer to: the same dictionary person, else the most recent
        person whose name contains them (a surname first, then a first name), else a new one."""
        order = range(len(clusters) - 1, -1, -1)

        def compatible(i: int) -> bool:
            other = clusters[i][0].entry
            return entry is None or other is None or other.id == entry.id

        def same_name(i: int) -> bool:
            known = clusters[i][1]
            return words == known or (_joins(words, known) and (len(words) > 1 or known[-1] == words[0]))

        best = None
        if entry is not None:
            best = next((i for i in order if clusters[i][0].entry is not None and clusters[i][0].entry.id == entry.id),
                        None)
        if best is None:
            best = next((i for i in order if compatible(i) and same_name(i)), None)
        if best is None and len(words) == 1:
            best = next((i for i in order if compatible(i) and clusters[i][1][0] == words[0]), None)
        if best is None:
            cand = reg.person(len(clusters) + 1, name)
            clusters.append((cand, words))
            best = len(clusters) - 1
        cand = clusters[best][0]
        if entry is not None and cand.entry is None:
            cand.entry = entry
            cand.gender = cand.gender or entry.gender
            cand.dict_links.extend(entry.affiliations)
        return cand, best

    def _describe(self, doc, cand: Cand, start: int, end: int, match_at, org_at, reg: Registry) -> None:
        """Titles, country and group from the words before the name and from appositions.

        The person's own title is the one next to the name ("Israeli defense minister Yoav
        Gallant") or heading the apposition ("Adviser to Iran's Supreme Leader, Rahim Safavi":
        adviser, not leader); other titles in the phrase belong to someone else."""
        tokens = self._left(doc, start, match_at)
        anchor = start - 1 if tokens else None
        root = doc[start:end].root
        if root.dep_ == "appos" and not (start <= root.head.i < end):
            head = root.head  # "Adviser to Iran's Supreme Leader, X": the adviser, not the leader
            while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head != head.head \
                    and phrase_len(doc, head.head.head.i, self.d.titles, 1):
                head = head.head.head
            anchor = head.i
            tokens.extend(t.i for t in head.subtree if not start <= t.i < end)
        for child in root.children:
            if child.dep_ == "appos":
                anchor = child.i
                tokens.extend(t.i for t in child.subtree)
        if not tokens:
            return
        token_set = set(tokens)  # left words come first, nearest first: they win the country
        titles: list[Title] = []
        own: tuple[Title, ...] = ()
        country = None
        groups: list[Cand] = []
        demonym_country = None
        seen_title_end = -1
        for k in sorted(token_set):
            if k > seen_title_end:
                n = phrase_len(doc, k, self.d.titles, self.title_words)
                if n:
                    found = self.d.titles[doc[k:k + n].text.lower()]
                    titles.extend(found)
                    if anchor is not None and k <= anchor < k + n:
                        own = found
                    seen_title_end = k + n - 1
        for k in tokens:
            m = match_at.get(k)
            if m is None or m.start != k:
                continue
            if m.type == ENTRY and self.d.entries[m.ref].kind is not ActorKind.PERSON:
                groups.append(reg.entry(self.d.entries[m.ref]))
            elif m.type in (STATE, CAPITAL):
                country = country or m.ref
            elif m.type == DEMONYM and self.d.demonyms[m.ref].country:
                demonym_country = demonym_country or self.d.demonyms[m.ref].country
                country = country or demonym_country
        # organisations in text order (not set order: the last one found is the one linked)
        for key in dict.fromkeys(org_at[k] for k in sorted(token_set) if k in org_at):
            groups.append(reg.cands[key])
        cand.titles.extend(titles)
        if groups:  # "UN envoy for Myanmar X": the group's country, unless a demonym says otherwise
            group = groups[-1]
            rel = next((t.relation for t in own if t.sector == "group"), Relation.MEMBER_OF)
            reg.link(cand, rel, group)
            cand.country = cand.country or demonym_country or group.country
            cand.code = cand.code or group.code
        elif country:
            cand.country = cand.country or country
            title = next((t for t in own if t.sector in _SECTOR_ROLE), None)
            if title is not None:
                target = country if title.sector == "government" else f"{country}/{title.sector}"
                cand.dict_links.append((title.relation, target))
                cand.code = cand.code or country + _SECTOR_ROLE[title.sector]

    def _left(self, doc, start: int, match_at):
        """Token indexes of the descriptor right before a name, within its sentence."""
        k = start - 1
        sent_start = doc[start].sent.start
        out: list[int] = []
        while k >= sent_start and len(out) < _MAX_DESCRIPTOR:
            tok = doc[k]
            if tok.pos_ in _DESCRIPTOR_POS or tok.tag_ == "POS" or tok.text in ("-", "\u2019s") or k in match_at:
                out.append(k)
                k -= 1
                continue
            break
        return out

    def _finish(self, cand: Cand, reg: Registry) -> None:
        entry = cand.entry
        if entry is not None:  # the dictionary's country and code are curated: they win
            cand.country = entry.country or cand.country
            cand.code = entry.code or cand.code
        if cand.code is None and cand.country:
            cand.code = cand.country


def _joins(words: tuple[str, ...], known: tuple[str, ...]) -> bool:
    """One name is a part of the other: same surname, or a shorter form at either end."""
    if not words or not known:
        return False
    short, long_ = (words, known) if len(words) <= len(known) else (known, words)
    if long_[-len(short):] == short or long_[:len(short)] == short and len(short) >= 2:
        return True
    return len(short) == 1 and short[0] == long_[-1]
