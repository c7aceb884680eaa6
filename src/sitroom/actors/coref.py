"""Nominal and pronoun coreference by small, fast rules.

- "the group", "the terror group", "the Iran-backed group", "the movement": the most recent
  *named* actor of a compatible kind within the last four sentences;
- "the militants", "the rebels": the most recent armed group (named first), else a generic actor;
- "the minister", "the prime minister": the most recent person holding that title;
- "the army", "the government": that sector of the country most recently named (two sentences);
- "he"/"she": the only person (or the only person subject) of the nearest sentence that names
  one, going back two sentences, respecting a known gender;
- "it"/"its", "they"/"their": the subject of the sentence's main verb, in this or the previous
  sentence, when that subject is an actor of a compatible kind and number ("X and its ..." first).

A third-person pronoun inside quotation marks is left out (its frame is the speaker's), and so is
any pronoun these rules cannot resolve: no guess is better than a wrong actor. First-person "I"
and "we" in a named speaker's quotation or "X said:" statement are the speaker (speech.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from sitroom.actors.compose import Deferred, phrase_len
from sitroom.actors.dictionary import ActorDictionary
from sitroom.actors.registry import Cand, Mention, Registry
from sitroom.actors.speech import FIRST_PLURAL, FIRST_SINGULAR, speech_blocks, title_speaker
from sitroom.model.vocab import ActorKind

_PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                    "she": "f", "her": "f", "hers": "f", "herself": "f"}
_IT = {"it", "its", "itself"}
_THEY = {"they", "them", "their", "theirs", "themselves"}
_IT_KINDS = {ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.MILITARY, ActorKind.POLICE, ActorKind.ARMED_GROUP,
             ActorKind.ORGANIZATION, ActorKind.MEDIA, ActorKind.POLITICAL_PARTY}
_THEY_KINDS = {ActorKind.ARMED_GROUP, ActorKind.ORGANIZATION, ActorKind.GOVERNMENT, ActorKind.MILITARY,
               ActorKind.POLICE, ActorKind.CIVILIANS, ActorKind.POLITICAL_PARTY, ActorKind.OTHER}
_SUBJECT = {"nsubj", "nsubjpass"}
_GROUP_KINDS = {ActorKind.ARMED_GROUP, ActorKind.POLITICAL_PARTY, ActorKind.ORGANIZATION, ActorKind.MILITARY}
_STATE_SECTORS = {ActorKind.GOVERNMENT, ActorKind.MILITARY, ActorKind.POLICE, ActorKind.MEDIA}
_DETERMINERS = {"the", "this", "that"}
_QUOTES = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")


class Coref:
    """Built once per process; ``run`` resolves one article (its state lives in a _Resolver)."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.d = dictionary
        self.anaphor_words = max((len(p.split()) for p in dictionary.anaphors), default=1)
        self.last_words = frozenset(p.split()[-1] for p in dictionary.anaphors)

    def run(self, doc, reg: Registry, deferred: list[Deferred], composer, title: str | None = None) -> None:
        resolver = _Resolver(self, doc, reg, composer)
        resolver.titled = title_speaker(title, (w for p in self.d.titles for w in p.split()))
        resolver.resolve(deferred)


class _Resolver:
    def __init__(self, coref: Coref, doc, reg: Registry, composer) -> None:
        self.d, self.anaphor_words, self.last_words = coref.d, coref.anaphor_words, coref.last_words
        self.doc, self.reg, self.composer = doc, reg, composer
        self.titled: str | None = None
        self.sent_starts = [s.start for s in doc.sents]
        quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(doc.text)]
        self.quote_starts = [q[0] for q in quotes]
        self.quote_ends = [q[1] for q in quotes]
        self.mentions = sorted(reg.mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def resolve(self, deferred: list[Deferred]) -> None:
        doc = self.doc
        covered = bytearray(len(doc) + 1)
        for m in self.mentions:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        items: list[tuple[int, object]] = [(x.start, x) for x in deferred]
        quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(doc.text)]
        self.blocks = speech_blocks(doc, quotes, self._mention_at)
        if self.titled:  # "Statement by X": the body is X's, quotations of others aside
            self.blocks.insert(0, (0, len(doc) - 1, self._titled_mention()))
        for tok in doc:
            if covered[tok.i]:
                continue
            low = tok.lower_
            if (low in _PERSON_PRONOUNS or low in _IT or low in _THEY) and tok.tag_ in ("PRP", "PRP$"):
                items.append((tok.i, tok))
            elif (low in FIRST_SINGULAR or low in FIRST_PLURAL) and tok.tag_ in ("PRP", "PRP$") and self.blocks:
                items.append((tok.i, tok))
            elif low in self.last_words and tok.pos_ in ("NOUN", "PROPN"):
                items.append((tok.i, tok))
        items.sort(key=lambda x: x[0])
        for _, item in items:
            if isinstance(item, Deferred):
                self._deferred(item)
            elif item.lower_ in FIRST_SINGULAR or item.lower_ in FIRST_PLURAL:
                self._first_person(item)
            elif item.lower_ in _PERSON_PRONOUNS:
                self._he_she(item)
            elif item.tag_ in ("PRP", "PRP$"):
                self._it_they(item)
            else:
                self._nominal(item, covered)

    # ---- bookkeeping ---------------------------------------------------------------------------

    def sent(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def in_quote(self, i: int) -> bool:
        char = self.doc[i].idx
        k = bisect_right(self.quote_starts, char) - 1
        return k >= 0 and char < self.quote_ends[k]

    def add(self, cand: Cand, start: int, end: int, head: int | None = None) -> None:
        m = self.reg.mention(cand, start, end, head)
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.mentions.insert(k, m)

    def _generic(self, x: Deferred) -> None:
        """A definite phrase no antecedent resolves becomes a generic actor that later pronouns
        can point to ("The militia stormed the town. They burned ...")."""
        m = self.composer.add_generic(self.doc, self.reg, x.sector, x.start, x.end)
        k = bisect_right(self.starts, m.start)
        self.starts.insert(k, m.start)
        self.mentions.insert(k, m)

    def before(self, i: int, back: int):
        """Mentions starting before token ``i``, most recent first, within ``back`` sentences."""
        first = self.sent_starts[max(0, self.sent(i) - back)]
        for k in range(bisect_right(self.starts, i - 1) - 1, -1, -1):
            m = self.mentions[k]
            if m.start < first:
                break
            if m.end <= i:
                yield m

    # ---- resolution ----------------------------------------------------------------------------

    def _deferred(self, x: Deferred) -> None:
        if x.mode == "anaphor":
            self._sector_anaphor(x)
        elif x.mode == "possessive":
            self._possessive(x)
        else:
            self._focus(x)

    def _sector_anaphor(self, x: Deferred) -> None:
        """"the militants", "the militia": a named group of a compatible kind in the last three
        sentences, else (for words that may be generic) the generic actor of the same word."""
        rules = self.d.anaphors.get(self.doc[x.start:x.end].text.lower(), ())
        kinds = set().union(*(r.kinds for r in rules)) if rules else {ActorKind.ARMED_GROUP}
        named_only = bool(rules) and all(r.named_only for r in rules)
        lemma = self.doc[x.head].lemma_.lower()
        named = generic = None
        for m in self.before(x.start, 3):
            cand = self.reg.cands[m.key]
            if cand.kind in kinds:
                if cand.named:
                    named = cand
                    break
                if not named_only and generic is None and cand.key[0] == "sector" \
                        and self.doc[m.head].lemma_.lower() == lemma:
                    generic = cand
        target = named or generic
        if target is not None:
            self.add(target, x.start, x.end, x.head)
        elif x.generic:
            self._generic(x)

    def _possessive(self, x: Deferred) -> None:
        """"its fighters": the group itself; "his government": the owner's country's government."""
        reg = self.reg
        owner_m = next((m for m in self.before(x.start, 0) if m.start == x.start - 1), None)
        owner = reg.cands[owner_m.key] if owner_m is not None else None
        phrase = self.doc[x.start:x.end].text.lower()
        if owner is not None and owner.named and owner.kind in _GROUP_KINDS and (
                phrase in self.d.member_nouns or x.sector.kind in (ActorKind.ARMED_GROUP, ActorKind.MILITARY)):
            self.add(owner, x.start, x.end, x.head)
        elif owner is not None and owner.country and x.sector.kind in _STATE_SECTORS:
            self.add(reg.sector(owner.country, x.sector), x.start, x.end, x.head)
        elif x.generic:
            self._generic(x)

    def _focus(self, x: Deferred) -> None:
        """"the army": that of the country the article has named most so far (latest on a tie),
        counting every country named (even as a place) and the countries of the actors."""
        reg = self.reg
        counts: dict[str, list[int]] = {}
        # only mentions before the phrase count: the sorted prefix, not the article's every mention
        hits = [(m.start, reg.cands[m.key].country) for m in self.mentions[:bisect_left(self.starts, x.start)]
                if reg.cands[m.key].country]
        for start, iso in reg.country_hits + hits:
            if start < x.start:
                c = counts.setdefault(iso, [0, 0])
                c[0] += 1
                c[1] = max(c[1], start)
        if counts:
            country = max(counts, key=lambda c: counts[c])
            self.add(reg.sector(country, x.sector), x.start, x.end, x.head)
        elif x.generic:
            self.composer.add_generic(self.doc, reg, x.sector, x.start, x.end)

    def _nominal(self, tok, covered) -> None:
        doc, i = self.doc, tok.i
        n = 0
        for k in range(min(self.anaphor_words, i + 1), 0, -1):  # longest head phrase ending here
            if phrase_len(doc, i - k + 1, self.d.anaphors, k) == k:
                n = k
                break
        if not n:
            return
        left = tok.left_edge
        if left.lower_ not in _DETERMINERS or left.i > i - n + 1 or tok.dep_ == "compound":
            return
        if any(c.dep_ in ("prep", "appos", "acl", "relcl") for c in tok.children):
            return  # "the President of Brazil, Lula": a description, not an anaphor
        if i + 1 < len(doc) and (covered[i + 1] or doc[i + 1].ent_type_ in ("PERSON", "ORG")):
            return  # "the group Hamas": an apposition, not an anaphor
        start = left.i + 1
        for k in range(bisect_left(self.starts, start), bisect_right(self.starts, i)):
            m = self.mentions[k]  # a name inside the phrase describes it ("the PIJ militant group")
            if m.end <= i + 1 and self.reg.cands[m.key].named and not self.composer.patron_at(doc, m.end):
                return
        phrase = doc[i - n + 1:i + 1].text.lower()
        rules = [r for r in self.d.anaphors[phrase] if r.named_only]  # others: see _deferred
        if not rules:
            return
        if any(r.persons for r in rules):
            last = phrase.split()[-1]
            for m in self.before(start, 5):
                cand = self.reg.cands[m.key]
                if cand.kind is ActorKind.PERSON and any(t.phrase.split()[-1] == last for t in cand.titles):
                    self.add(cand, start, i + 1, i)
                    return
            return
        kinds = set().union(*(r.kinds for r in rules))
        named_only = all(r.named_only for r in rules)
        for m in self.before(start, 4):
            cand = self.reg.cands[m.key]
            if cand.kind in kinds and (cand.named or not named_only):
                self.add(cand, start, i + 1, i)
                covered[start:i + 1] = b"\x01" * (i + 1 - start)
                return

    def _titled_mention(self):
        """A stand-in mention for the person a statement's title names: an actor of the article
        with that surname, else a new person known only from the title."""
        last = self.titled.split()[-1]
        for cand in self.reg.cands.values():
            if cand.kind is ActorKind.PERSON and cand.mentions and cand.name.split()[-1] == last:
                return cand.mentions[0]
        return Mention(0, 0, 0, self.reg.person("title", self.titled).key)

    def _first_person(self, tok) -> None:
        """"I"/"we" in a quotation or statement of a named speaker (speech.py): a person's "I", an
        organisation's, state's or group's "we"."""
        inside = [(last - first, m) for first, last, m in self.blocks if first <= tok.i <= last]
        if not inside or (said := min(inside, key=lambda x: x[0])[1]) is None:
            return  # no speaker, or the innermost speaker is not a named actor
        speaker = self.reg.cands[said.key]
        person = speaker.kind is ActorKind.PERSON
        if (tok.lower_ in FIRST_SINGULAR) == person:
            self.add(speaker, tok.i, tok.i + 1)

    def _he_she(self, tok) -> None:
        gender = _PERSON_PRONOUNS[tok.lower_]
        quoted = self.in_quote(tok.i)
        if quoted:
            return
        s = self.sent(tok.i)
        for back in range(3):
            sid = s - back
            if sid < 0:
                return
            found: dict = {}
            for m in self.before(tok.i, back):
                if self.sent(m.start) != sid:
                    continue
                cand = self.reg.cands[m.key]
                if cand.kind is ActorKind.PERSON and cand.gender in (None, gender) and not self.in_quote(m.head):
                    found.setdefault(cand.key, []).append(m)
            if not found:
                continue
            if len(found) > 1:
                subjects = [(max(m.head for m in ms if _is_subject(self.doc[m.head])), k)
                            for k, ms in found.items() if any(_is_subject(self.doc[m.head]) for m in ms)]
                if not subjects or _conjoined([self.doc[i] for i, _ in subjects]):
                    return  # no subject, or "Abiy and Isaias met": no guess
                key = max(subjects)[1]  # the subject named last before the pronoun
            else:
                key = next(iter(found))
            cand = self.reg.cands[key]
            cand.gender = cand.gender or gender
            self.add(cand, tok.i, tok.i + 1)
            return

    def _it_they(self, tok) -> None:
        if self.in_quote(tok.i):
            return
        if tok.tag_ == "PRP" and tok.dep_ not in _SUBJECT:
            return  # an object "it"/"them" is rarely the subject it follows ("the army ... denied it")
        plural = tok.lower_ in _THEY
        kinds = _THEY_KINDS if plural else _IT_KINDS
        doc, i = self.doc, tok.i
        if tok.lower_ in ("its", "their") and i >= 2 and doc[i - 1].lower_ in ("and", "or"):
            for m in self.before(i - 1, 0):  # "Israel and its citizens"
                if m.end == i - 1 and self._fits(m, kinds, plural):
                    self.add(self.reg.cands[m.key], i, i + 1)
                return
        s = self.sent(i)
        for sid in (s, s - 1):
            if sid < 0:
                return
            sent = doc[self.sent_starts[sid]].sent
            if sid < s:
                subjects = [c for c in sent.root.children if c.dep_ in _SUBJECT]
            else:  # "As the protesters tried to break through, they hurled": an earlier clause's subject
                subjects = [c for c in sent if c.dep_ in _SUBJECT and c.i < i and c.tag_ not in ("PRP", "WP")]
                subjects.reverse()
            for subj in subjects:
                m = self._mention_at(subj.i)
                if m is not None and self._fits(m, kinds, plural):
                    self.add(self.reg.cands[m.key], i, i + 1)
                    return
            if subjects:
                return  # no subject is a fitting actor: leave the pronoun out

    def _mention_at(self, i: int) -> Mention | None:
        for k in range(bisect_right(self.starts, i) - 1, -1, -1):
            m = self.mentions[k]
            if m.start <= i < m.end:
                return m
            if m.end <= i - 12:
                break
        return None

    def _fits(self, m: Mention, kinds, plural: bool) -> bool:
        cand = self.reg.cands[m.key]
        if cand.kind not in kinds:
            return False
        number_plural = self.doc[m.head].tag_ in ("NNS", "NNPS")
        if not cand.named and self.doc[m.start:m.end].text.lower() in self.d.individual_nouns:
            return False  # "a police officer said. It ..." is not the officer
        if plural:
            return number_plural or cand.kind is not ActorKind.STATE
        return not number_plural or cand.named


def _conjoined(heads) -> bool:
    """Two of the heads are conjuncts of one coordinated phrase."""
    idx = {t.i for t in heads}
    return any(t.dep_ == "conj" and t.head.i in idx for t in heads)


def _is_subject(tok) -> bool:
    """A subject, or a conjunct of one ("Abiy and Isaias met": both)."""
    return tok.dep_ in _SUBJECT or (tok.dep_ == "conj" and tok.head.dep_ in _SUBJECT)
