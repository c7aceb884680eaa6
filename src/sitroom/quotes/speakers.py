"""Who a speaker phrase is: a full name and, when the actors layer ran, an actor id.

A simple, fast antecedent search (no coreference model):

- a name ("Netanyahu") takes the longest name in the article ending in the same word
  ("Benjamin Netanyahu");
- he / she take the most recent person named before them, outside quoted text
  (names inside a quote are what the speaker talks about, not who speaks);
- it / they and group nouns ("the group", "the statement", "the movement") take the
  most recent organisation; "the statement" first looks for the last organisation
  that was quoted;
- a definite noun ("the ministry", "the army") takes the most recent organisation
  whose name holds that noun; a title ("the minister", "the spokesman") the last
  person introduced with that title, else the most recent person;
- anything else ("Israeli media", "a security source", "officials", "witnesses") is an
  institutional speaker and keeps its own words as its name.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from sitroom.actors import ActorLookup
from sitroom.model import Actor, Span, Speaker
from sitroom.quotes.cues import CueLexicon
from sitroom.quotes.docindex import DocIndex

_PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
_GROUP_PRONOUNS = {"it", "they", "we"}
_ORG_LABELS = ("ORG", "NORP", "GPE")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gen", "gen."}
_STATEMENT_NOUNS = {"statement", "communique", "communiqué", "report", "message", "announcement"}
#: how many tokens before a person's name may hold their title ("Israeli Defence Minister Yoav Gallant")
_TITLE_WINDOW = 6


def _words(text: str) -> list[str]:
    return [w.strip(".,’'\"“”") for w in text.split()]


def _strip_possessive(text: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


class SpeakerResolver:
    """Resolves the speaker phrases of one article; build one per article."""

    def __init__(self, doc, index: DocIndex, actors: Sequence[Actor], quoted: Sequence[tuple[int, int]],
                 lexicon: CueLexicon) -> None:
        title_nouns, group_nouns = lexicon.title_nouns, lexicon.group_nouns
        self.doc = doc
        self.ents = index.ents
        self.ent_starts = [e.start_char for e in self.ents]
        self.text = index.text
        self.actors = actors
        self.actor_for_span = ActorLookup(actors)
        self.title_nouns = title_nouns
        self.group_nouns = group_nouns
        quoted = sorted(quoted)
        q_starts = [q[0] for q in quoted]

        def in_quote(start: int) -> bool:
            k = bisect_left(q_starts, start + 1) - 1
            return k >= 0 and quoted[k][0] <= start < quoted[k][1]

        #: (start, end, text, label) of name mentions outside quotes, in order
        self.persons: list[tuple[int, int, str]] = []
        self.orgs: list[tuple[int, int, str]] = []
        self.full_names: dict[str, str] = {}
        #: lower-cased title word -> starts of persons introduced with it
        self.titled: dict[str, list[int]] = {}
        title_at = index.where("lower", lexicon.title_ids)
        for ent in self.ents:
            if ent.label_ == "PERSON":
                name = _strip_possessive(ent.text.strip())
                words = name.split()
                while len(words) > 1 and (words[0].lower() in _HONORIFICS or words[0].lower() in title_nouns):
                    words = words[1:]  # "Sergeant Paul Okafor" is Paul Okafor
                if not words:
                    continue
                name = " ".join(words)
                last = words[-1].lower()
                if len(name) > len(self.full_names.get(last, "")):
                    self.full_names[last] = name
                if in_quote(ent.start_char):
                    continue
                self.persons.append((ent.start_char, ent.end_char, name))
                s_first, s_end = index.sentence_of(ent.start)
                lo, hi = max(s_first, ent.start - _TITLE_WINDOW), min(s_end, ent.end + _TITLE_WINDOW)
                k = bisect_left(title_at, lo)
                while k < len(title_at) and title_at[k] < hi:
                    self.titled.setdefault(doc[title_at[k]].lower_, []).append(ent.start_char)
                    k += 1
            elif ent.label_ in _ORG_LABELS and not in_quote(ent.start_char):
                self.orgs.append((ent.start_char, ent.end_char, _strip_possessive(ent.text.strip())))
        # unnamed organisations as subjects count too: "The Israeli military ... It said"
        for i in index.where("lemma", lexicon.group_ids):
            tok = doc[i]
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and tok.ent_type_ == "" \
                    and not in_quote(tok.idx):
                first = tok.left_edge.i
                while first < tok.i and doc[first].lower_ in _DETERMINERS:
                    first += 1
                self.orgs.append((doc[first].idx, tok.idx + len(tok), doc[first:tok.i + 1].text))
        self.orgs.sort()
        self.person_starts = [p[0] for p in self.persons]
        self.org_starts = [o[0] for o in self.orgs]

    # ---- antecedents -------------------------------------------------------------

    def _last_person(self, before: int) -> tuple[int, int, str] | None:
        k = bisect_left(self.person_starts, before) - 1
        return self.persons[k] if k >= 0 else None

    def _last_org(self, before: int, word: str | None = None) -> tuple[int, int, str] | None:
        k = bisect_left(self.org_starts, before) - 1
        while k >= 0:
            org = self.orgs[k]
            if word is None or word in org[2].lower().split():
                return org
            k -= 1
        return None

    def _titled_person(self, title: str, before: int) -> tuple[int, int, str] | None:
        starts = [s for s in self.titled.get(title, ()) if s < before]
        if not starts:
            return None
        k = bisect_left(self.person_starts, starts[-1])
        return self.persons[k] if k < len(self.persons) else None

    def full_name(self, name: str) -> str:
        words = _words(name)
        return self.full_names.get(words[-1].lower(), name) if words else name

    # ---- resolution ----------------------------------------------------------------

    def resolve(self, start: int, end: int, head: int | None, prior: Sequence[Speaker] = ()) -> Speaker:
        """The Speaker for the phrase ``text[start:end]`` whose head token is ``head``.

        The actor is the one mentioned at the antecedent (for "he", "the group"), else at the
        phrase's head word: "Israeli media" is not the state of Israel."""
        span = Span.of(self.text, start, end)
        head_tok = self.doc[head] if head is not None else None
        target, name = self._antecedent(span, head_tok, prior)
        if not self.actors:
            return Speaker(span, None, name)
        if target is not None:
            found = self.actor_for_span(Span.of(self.text, target[0], target[1]))
        elif head_tok is not None:
            found = self.actor_for_span(Span.of(self.text, head_tok.idx, head_tok.idx + len(head_tok)))
        else:
            found = None
        if found is None:
            return Speaker(span, None, name)
        return Speaker(span, found.id, found.name or name)

    def _antecedent(self, span: Span, head, prior: Sequence[Speaker]):
        """(antecedent or named person as (start, end, name), or None; name or None)."""
        lower = span.text.lower()
        if head is None:
            return None, self._own_name(span)
        word = head.lower_
        lemma = head.lemma_.lower()
        if head.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            if word in _PERSON_PRONOUNS:
                ante = self._last_person(span.start)
            elif word in _GROUP_PRONOUNS:
                ante = self._last_org(span.start)
            else:
                return None, None
            return (ante, ante[2]) if ante else (None, None)
        k = bisect_left(self.ent_starts, span.start)
        ents = []
        while k < len(self.ents) and self.ents[k].start_char < span.end:
            if self.ents[k].end_char <= span.end:
                ents.append(self.ents[k])
            k += 1
        persons = [e for e in ents if e.label_ == "PERSON"]
        if persons:
            name = self.full_name(_strip_possessive(persons[-1].text))
            return (persons[-1].start_char, persons[-1].end_char, name), name
        if lemma in _STATEMENT_NOUNS:
            # "the coalition's statement": the statement speaks for its possessor
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                o_first, o_last = owner.left_edge, owner.right_edge
                o_span = Span.of(self.text, o_first.idx, o_last.idx + len(o_last))
                return self._antecedent(o_span, owner, prior)
        is_definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
        covered = any(e.start <= head.i < e.end for e in ents)
        if is_definite and not covered and head.pos_ == "NOUN" and not any(
                c.dep_ in ("amod", "compound") for c in head.children):
            if lemma in _STATEMENT_NOUNS:
                for speaker in reversed(prior):
                    if speaker.name and speaker.span.start < span.start and not self._is_person(speaker.name):
                        return (speaker.span.start, speaker.span.end, speaker.name), speaker.name
            if lemma in self.title_nouns:
                ante = self._titled_person(lemma, span.start)
                if ante is not None:
                    return ante, ante[2]
            ante = self._last_org(span.start, lemma)
            if ante is None and lemma in self.group_nouns:
                ante = self._last_org(span.start)
            if ante is not None:
                return ante, ante[2]
        return None, self._own_name(span)

    def _is_person(self, name: str) -> bool:
        return name.split()[-1].lower() in self.full_names if name.split() else False

    @staticmethod
    def _own_name(span: Span, ents=()) -> str | None:
        """An institutional speaker's name: its words without leading determiners, cut
        before an apposition or clause ("Tasnim news agency in Iran, affiliated with ...")."""
        words = span.text.split(",")[0].split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        return _strip_possessive(" ".join(words).strip()) or None
